"""Executing chapters: papermill parameters, warm kernels (one per job), limits, clean outputs."""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

from ..project import config
from ..project.errors import BuildError
from ..project.files import write_atomic
from ..project.limits import (
    CANCELLED_TASKS_WAIT,
    CHAPTER_THREAD_JOIN,
    CHAPTER_THREAD_POLL,
    ERROR_CELL_CHARS,
    ERROR_TEXT_CHARS,
    KERNEL_READY_TIMEOUT,
    KERNEL_RESET_TIMEOUT,
)
from .model import ChapterResult, ChapterSpec


def _kernel(name: str) -> str:
    """The project's kernel if it is installed (make install), else the running Python's."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        return name if name in KernelSpecManager().find_kernel_specs() else "python3"
    except Exception:  # noqa: BLE001 - no jupyter_client: papermill will say so
        return "python3"


# Chapters run in warm kernels: one kernel per worker (``jobs`` of them), started once in the project
# root and reused from one chapter to the next, so that the kernel start and the imports are paid once
# per worker, not once per chapter. Between two chapters the kernel's namespace is reset (%reset -f,
# figures closed, back to the project root); modules stay imported. Parameters are injected exactly as
# papermill does (its own parameterize_notebook: the injected-parameters cell and the papermill
# metadata); nbclient executes the cells. Execution counts are renumbered per chapter, so a chapter's
# file does not depend on which worker ran it or after what.
_RESET = (
    "import os as _os, sys as _sys\n"
    "_os.chdir({root!r})\n"
    "if 'matplotlib.pyplot' in _sys.modules:\n"
    "    _sys.modules['matplotlib.pyplot'].close('all')\n"
    "get_ipython().run_line_magic('reset', '-f')\n"
)

# Once per kernel: glue (myst_nb) imports nbformat, hence jsonschema, which imports the optional
# rfc3987_syntax when present and compiles its 38 grammars: 1-2 s per kernel for an IRI format check no
# chapter uses (outputs are the same; see analysis.project.optional_imports).
_KERNEL_SETUP = "import sys as _sys\n_sys.modules.setdefault('rfc3987_syntax', None)\ndel _sys\n"


class _Worker:
    """One kernel (of one kernel spec), reused across chapters; its chatter goes to build/logs/."""

    def __init__(self, number: int):
        self.number = number
        self.km = None
        self.kc = None
        self.used = False
        self.log_path = config.BUILD / "logs" / f"kernel-{number}.log"
        self.log = None

    async def ready(self, kernel: str) -> None:
        from jupyter_client.manager import AsyncKernelManager

        if self.km is not None and self.km.kernel_name == kernel and await self.km.is_alive():
            if self.used:
                await self.kc.execute_interactive(_RESET.format(root=str(config.ROOT)), silent=True,
                                                  store_history=False, timeout=KERNEL_RESET_TIMEOUT,
                                                  output_hook=lambda msg: None)
            return
        await self.close()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in close()
        self.km = AsyncKernelManager(kernel_name=kernel)
        await self.km.start_kernel(cwd=str(config.ROOT), stdout=self.log, stderr=self.log)
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=KERNEL_READY_TIMEOUT)
        await self.kc.execute_interactive(_KERNEL_SETUP, silent=True, store_history=False,
                                          timeout=KERNEL_RESET_TIMEOUT, output_hook=lambda msg: None)
        self.used = False

    def kill(self) -> None:
        """From another thread (Ctrl-C): end the kernel process at once."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()

    async def close(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            with contextlib.suppress(Exception):  # a kernel that is already gone
                await self.km.shutdown_kernel(now=True)
            self.km = None
        if self.log is not None:
            self.log.close()
            self.log = None

    async def run(self, spec: ChapterSpec) -> ChapterResult:
        start = time.perf_counter()
        try:
            await self.ready(spec.kernel)
            self.used = True
            result = await _execute(spec, self.km, self.kc, start)
            if result.kill:  # stopped mid-cell: the next chapter gets a fresh kernel
                self.kill()
                await self.close()
            return result
        except TemplateError as exc:
            return ChapterResult(spec.name, error=f"chapter {spec.name}: {exc}")
        except Exception as exc:  # noqa: BLE001 - reported as one line; the next chapter gets a new kernel
            await self.close()
            return ChapterResult(spec.name, error=f"chapter {spec.name} ({spec.template_display}) could not "
                                 f"run: {type(exc).__name__}: {exc} (kernel log: {config.display_path(self.log_path)})"
                                 .replace("\n", " "))


class TemplateError(BuildError):
    """A chapter's template cannot be read as a notebook."""


def _parameterized(spec: ChapterSpec):
    import logging

    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    logging.getLogger("papermill").setLevel(logging.ERROR)
    try:
        nb = load_notebook_node(spec.template)
    except Exception:  # noqa: BLE001 - the reader's message quotes the file: never echo an unexpected file
        raise TemplateError(f"{spec.template_display} is not a Jupyter notebook (nbformat 4 JSON)") from None
    nb = parameterize_notebook(nb, spec.parameters, kernel_name=spec.kernel, language="python")
    nb.metadata.papermill["input_path"] = spec.template
    nb.metadata.papermill["output_path"] = spec.out
    return nb


class OutputLimit(BuildError):
    """A chapter's outputs grew past its limit (raised while they arrive, so memory stays bounded)."""


def _client_class():
    from nbclient import NotebookClient

    class LimitedClient(NotebookClient):
        """nbclient's client that counts the bytes of every output as it arrives and stops at a limit."""

        max_output_bytes = 0
        output_bytes = 0

        def output(self, outs, msg, display_id, cell_index):
            content = msg.get("content", {})
            size = len(content.get("text", "")) + sum(len(v) if isinstance(v, str) else len(json.dumps(v))
                                                      for v in content.get("data", {}).values())
            self.output_bytes += size
            if self.max_output_bytes and self.output_bytes > self.max_output_bytes:
                raise OutputLimit(cell_index)
            return super().output(outs, msg, display_id, cell_index)

    return LimitedClient


async def _execute(spec: ChapterSpec, km, kc, start: float) -> ChapterResult:
    import asyncio

    import nbformat
    from nbclient.exceptions import CellExecutionError

    nb = _parameterized(spec)
    client = _client_class()(nb, km=km, kernel_name=spec.kernel,
                             resources={"metadata": {"path": str(config.ROOT)}})
    client.kc = kc
    limit_mb = spec.max_output_mb
    client.max_output_bytes = int(limit_mb * 1e6)
    timeout = spec.timeout
    name = f"chapter {spec.name} ({spec.template_display})"
    task = asyncio.ensure_future(client.async_execute())
    try:
        done, _ = await asyncio.wait({task}, timeout=timeout)
    except BaseException:  # this chapter cancelled (Ctrl-C): its execution with it
        task.cancel()
        raise
    try:
        if not done:
            task.cancel()
            with contextlib.suppress(BaseException):  # how nbclient ends when cancelled does not matter
                await task
            raise TimeoutError
        task.result()
    except CellExecutionError as exc:
        return ChapterResult(spec.name, error=_cell_error(spec, nb, exc))
    except TimeoutError:
        return ChapterResult(spec.name, kill=True,
                             error=f"{name} ran longer than its time limit of {timeout:g} s (a cell that never ends?) "
                             f"and was stopped; raise the limit with --chapter-timeout")
    except OutputLimit:
        return ChapterResult(spec.name, kill=True,
                             error=f"{name} wrote more than its output limit of {limit_mb:g} MB and was stopped; "
                             f"print less, or raise the limit with --max-output")

    out = Path(spec.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_notebook(nb, spec)
    write_atomic(out, nbformat.writes(nb).encode("utf-8"))  # whole or not at all
    return ChapterResult(spec.name, seconds=time.perf_counter() - start)


def _short(text: str, limit: int = ERROR_TEXT_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + " …"


def _cell_error(spec: ChapterSpec, nb, exc) -> str:
    """One line: the chapter, its template, the failing cell as a researcher counts the template's cells
    in JupyterLab (1-based, every cell, with its first line) and the error."""
    injected = next((i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])), None)
    where = "a cell"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            number = (i - 1 if injected is not None and i > injected else i) + 1
            first = next((ln.strip() for ln in cell.source.splitlines() if ln.strip()), "")
            where = ("the injected parameters" if i == injected else
                     f"cell {number} of the template ({_short(first, ERROR_CELL_CHARS)})" if first else f"cell {number} of the template")
            break
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    return f"chapter {spec.name} ({spec.template_display}) failed in {where}: {ename}: {_short(evalue)}"


def execute_chapters(specs: list[ChapterSpec], jobs: int = 2, on_start=None,
                     stop_on_error: bool = True) -> list[ChapterResult]:
    """Run chapters in at most ``jobs`` warm kernels; one result (seconds or an error line) per chapter run,
    in the order given. After a failure no new chapter starts (those running finish) unless stop_on_error
    is False."""
    import threading

    workers = [_Worker(n) for n in range(max(1, min(jobs, len(specs))))]
    # The event loop runs in a thread of its own (also under a caller's loop, e.g. a notebook): nbclient then installs
    # no signal handlers, so Ctrl-C reaches the calling thread, which kills the kernels and stops the loop.
    state: dict = {}
    runner = threading.Thread(target=_run_event_loop, name="chapters", daemon=True,
                              args=(lambda: _run_queue(workers, specs, on_start, stop_on_error), state))
    runner.start()
    try:
        while runner.is_alive():
            runner.join(CHAPTER_THREAD_POLL)
    except BaseException:  # KeyboardInterrupt (or SystemExit from a signal handler)
        _stop_on_interrupt(workers, state, runner)
        raise
    if "error" in state:
        raise state["error"]
    return state["results"]


async def _run_queue(workers: list[_Worker], specs: list[ChapterSpec], on_start,
                     stop_on_error: bool) -> list[ChapterResult]:
    """The chapters shared out to the workers as each becomes free; results in the order given."""
    import asyncio

    queue = list(enumerate(specs))
    results: list[ChapterResult | None] = [None] * len(specs)

    async def work(worker: _Worker) -> None:
        try:
            while queue:
                i, spec = queue.pop(0)
                if on_start:
                    on_start(spec)
                result = results[i] = await worker.run(spec)
                if stop_on_error and not result.ok:
                    queue.clear()  # fail first: no new chapter starts after a failure
        finally:
            await worker.close()

    await asyncio.gather(*(work(w) for w in workers))
    return [r for r in results if r is not None]


def _run_event_loop(main, state: dict) -> None:
    """The body of the chapters' thread: a new event loop runs main(); its results (or the exception) go
    to state["results"] (state["error"]), the loop to state["loop"]."""
    import asyncio
    import warnings

    loop = asyncio.new_event_loop()
    state["loop"] = loop
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            state["results"] = loop.run_until_complete(main())
    except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
        state["error"] = exc
    finally:
        # what a stopped chapter left running (nbclient's kernel-alive poll after a time limit): cancelled
        # and awaited, so that nothing is reported as "destroyed but pending" after the one line
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        if pending:  # briefly: a task that does not end when cancelled must not hold the build
            with contextlib.suppress(BaseException):
                loop.run_until_complete(asyncio.wait(pending, timeout=CANCELLED_TASKS_WAIT))
        loop.close()


def _stop_on_interrupt(workers: list[_Worker], state: dict, runner) -> None:
    """Ctrl-C in the calling thread: kill the kernels, cancel the loop's tasks, give the thread a moment."""
    import asyncio
    import logging

    logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # the cancelled kernels' futures: not news
    for w in workers:
        w.kill()
    loop = state.get("loop")
    if loop is not None and not loop.is_closed():
        loop.call_soon_threadsafe(lambda: [task.cancel() for task in asyncio.all_tasks(loop)])
    runner.join(CHAPTER_THREAD_JOIN)


def execute_chapter(spec: ChapterSpec) -> ChapterResult:
    """Run one chapter in a kernel of its own; returns timing or the error line (kernel log in build/logs)."""
    return execute_chapters([spec], 1)[0]


def clean_notebook(nb, spec: ChapterSpec) -> None:
    """Deterministic executed notebook: no timestamps, durations or temp paths; execution counts from 1;
    no trailing empty cell; its title; its hash."""
    pm_meta = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {"parameters": pm_meta.get("parameters", spec.parameters),
                                "input_path": spec.template_display,
                                "output_path": config.display_path(spec.out)}
    nb.metadata["report"] = {"inputs_hash": spec.hash, "chapter": spec.name, "template": spec.template_display}
    while nb.cells and not nb.cells[-1].source.strip():
        nb.cells.pop()
    count = 0
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = f"injected-parameters-{i}"  # papermill gives it a random id
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("# "):
            cell.source = f"# {spec.title}"
            break
