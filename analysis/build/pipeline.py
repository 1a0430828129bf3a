"""The report build: extract -> chapters (papermill, in parallel) -> jupyter-book (strict) -> publish.

``python -m analysis build`` runs it. Each stage is skipped when its inputs did not change:

* a chapter notebook stores the hash of its inputs (the template, its parameters, the seed, the
  ``analysis`` package and the report's data files) in its metadata; a chapter whose stored hash
  matches is not executed again;
* the book is not rebuilt when neither its sources nor the chapters changed and the site exists.

A failing chapter stops the build naming the notebook and the cell; the book is built into a
temporary folder and replaces the published site only when the whole build succeeded, so the
previous site stays intact. Executed notebooks are cleaned of timestamps and durations so that
building twice gives the same files.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..corpus import panel
from ..project import config
from ..project.files import journal, make_temp_dir, sweep_journal, temp_path, write_atomic
from ..project.hashing import _files, _sha, corpus_hash, package_hash, tree_hash  # noqa: F401 - package_hash: build's API
from ..project.processes import _LIBC, Stopped, die_with_parent, os_error_line, stop_on_signals  # noqa: F401
from ..reading.decoding import ReportError, read_report
from ..reading.document import read
from ..site import downloads, reports_pages, search

BOOK_FILES = ("_config.yml", "report.yml")
# Written into every published site: a folder holding it may be replaced by a build; any other
# non-empty folder given as --out is refused (a build never removes what it did not create).
SITE_MARKER = ".govreport-site"
# How long a build waits for another one (same build/ folder) to finish before giving up.
LOCK_WAIT = 900.0
# Bounded work: a chapter runs at most this long (a template that loops for ever fails the build, naming
# the chapter, instead of holding the lock) and writes at most this much output (text, images, HTML).
CHAPTER_TIMEOUT = 600.0
CHAPTER_MAX_OUTPUT_MB = 20.0


class BuildError(Exception):
    """A build failure, reported as one line (details, if any, printed before it)."""


@dataclass
class Target:
    """Where a build reads and writes."""

    name: str
    seed: Path            # the report file
    seed_param: str       # how notebooks are given the seed (relative to the project root if inside)
    book: Path            # jupyter-book source folder (chapters are executed into book/chapters)
    html: Path            # published site


def log(msg: str, quiet: bool) -> None:
    if not quiet:
        print(msg, flush=True)


# ---------------------------------------------------------------------------------------- plan
def plan(seed: str | None, out: str | None) -> Target:
    cfg = config.report_config()
    seed_path = config.resolve(seed or cfg["seed"]).resolve()
    read_report(seed_path)  # one clear line if the seed cannot be read
    default = seed_path == config.resolve(cfg["seed"]).resolve()
    try:
        param = seed_path.relative_to(config.ROOT).as_posix()
    except ValueError:
        param = str(seed_path)
    if out:
        check_out(Path(out).resolve(), seed_path)

    conflict = read(seed_path).conflict
    if conflict:
        print(f"warning: {config.display_path(seed_path)}: {conflict}", file=sys.stderr, flush=True)
    if default:
        html = Path(out).resolve() if out else config.BOOK / "_build" / "html"
        return Target("default", seed_path, param, config.BOOK, html)
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in seed_path.stem) or "report"
    work = config.SITES / name
    html = Path(out).resolve() if out else work / "html"
    return Target(name, seed_path, param, work / "book", html)


def check_out(html: Path, seed: Path) -> None:
    """--out must be a new or empty folder, or a site published by a previous build (its marker file):
    publishing replaces the folder whole, so anything else in it would be lost."""
    if html.exists() and not html.is_dir():
        raise BuildError(f"--out {html}: is a file, not a folder")
    parent = next((q for q in html.parents if q.exists()), None)
    if parent is not None and not parent.is_dir():
        raise BuildError(f"--out {html}: {parent} is a file, not a folder")
    if html.is_dir() and os.path.ismount(html):
        raise BuildError(f"--out {html}: is a mount point; a build replaces the site folder whole, which cannot be "
                         "done to a mount point: give a folder inside it")
    if parent is not None and not os.access(parent, os.W_OK | os.X_OK):
        raise BuildError(f"--out {html}: {parent} is not writable")
    for inside in (seed, config.ROOT, config.BOOK):
        if inside.resolve() == html or html in inside.resolve().parents:
            raise BuildError(f"--out {html}: contains {inside}; publishing would replace it, give another folder")
    if html.is_dir() and not (html / SITE_MARKER).is_file() and any(html.iterdir()):
        raise BuildError(f"--out {html}: refusing to publish into a folder that is not empty and is not a site "
                         f"built by this project (no {SITE_MARKER} file); its contents would be replaced: "
                         "give a new or empty folder")


def stage_book_sources(t: Target) -> None:
    """For a report other than the shipped one: a copy of the book's sources without its chapters."""
    if t.book == config.BOOK:
        return
    t.book.mkdir(parents=True, exist_ok=True)
    for f in BOOK_FILES:
        src = config.BOOK / f
        if src.exists() and (not (t.book / f).exists() or (t.book / f).read_bytes() != src.read_bytes()):
            shutil.copy2(src, t.book / f)
    for folder in ("_static", "_ext"):
        target = t.book / folder
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(config.BOOK / folder, target, ignore=shutil.ignore_patterns("__pycache__"))
    (t.book / "chapters").mkdir(exist_ok=True)


# ---------------------------------------------------------------------------------------- data
def write_data(t: Target) -> tuple[int, list[str]]:
    """The downloads (CSV, JSON, Parquet, schema, metadata, datapackage) into the book's _data/data.

    Files are rewritten only when their bytes change (so that an unchanged build stays unchanged).
    """
    files = downloads.files(t.seed)
    folder = t.book / "_data" / "data"
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, data in files.items():
        p = folder / name
        if not p.exists() or p.read_bytes() != data:

            write_atomic(p, data)
            changed.append(name)
    for p in folder.iterdir():
        if p.name not in files:
            p.unlink()
    rows = json.loads(files["datapackage.json"])["resources"][0]["rows"]
    return rows, changed


# ---------------------------------------------------------------------------------------- report pages
def report_pages(t: Target) -> list[str]:
    """The Reports part (an index and a page per report, from Jinja2 templates: analysis.site.reports_pages)
    written into the book; the names of the pages that changed."""
    return reports_pages.write(t.book, t.seed)


# ---------------------------------------------------------------------------------------- chapters
def chapter_specs(t: Target, data_hash: str) -> list[dict]:
    cfg = config.report_config()
    pkg, corpus = package_hash(), corpus_hash()  # the package (code, data, page templates); the corpus
    seed_bytes = t.seed.read_bytes()
    document = read(t.seed).label
    document = document[0].upper() + document[1:]
    specs = []

    for ch in panel.sector_plan(cfg, t.seed)[0]:  # the sector chapters that fit the report
        ch = {**ch, "title": ch["title"].replace("{document}", document)}
        template = config.resolve(ch["template"])
        params = {**ch.get("parameters", {}), "seed": t.seed_param}
        h = _sha(template.read_bytes(), json.dumps(params, sort_keys=True).encode(), seed_bytes, pkg.encode(),
                 data_hash.encode(), corpus.encode(), ch["title"].encode(), cfg.get("kernel", "").encode())
        specs.append({
            "name": ch["name"], "title": ch["title"], "template": str(template),
            "template_display": config.display_path(template), "parameters": params,
            "out": str(t.book / "chapters" / f"{ch['name']}.ipynb"), "hash": h,
            "kernel": _kernel(cfg.get("kernel", "python3")),
        })
    return specs


def _kernel(name: str) -> str:
    """The project's kernel if it is installed (make install), else the running Python's."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        return name if name in KernelSpecManager().find_kernel_specs() else "python3"
    except Exception:  # noqa: BLE001 - no jupyter_client: papermill will say so
        return "python3"


def stored_hash(path: Path) -> str | None:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        return nb.get("metadata", {}).get("report", {}).get("inputs_hash")
    except (OSError, ValueError):
        return None


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
# chapter uses (outputs are the same; see skip_slow_optional_imports).
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
                                                  store_history=False, timeout=60,
                                                  output_hook=lambda msg: None)
            return
        await self.close()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in close()
        self.km = AsyncKernelManager(kernel_name=kernel)
        await self.km.start_kernel(cwd=str(config.ROOT), stdout=self.log, stderr=self.log)
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=120)
        await self.kc.execute_interactive(_KERNEL_SETUP, silent=True, store_history=False, timeout=60,
                                          output_hook=lambda msg: None)
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

    async def run(self, spec: dict) -> dict:
        start = time.perf_counter()
        try:
            await self.ready(spec["kernel"])
            self.used = True
            result = await _execute(spec, self.km, self.kc, start)
            if result.pop("kill", False):  # stopped mid-cell: the next chapter gets a fresh kernel
                self.kill()
                await self.close()
            return result
        except TemplateError as exc:
            return {"name": spec["name"], "error": f"chapter {spec['name']}: {exc}"}
        except Exception as exc:  # noqa: BLE001 - reported as one line; the next chapter gets a new kernel
            await self.close()
            return {"name": spec["name"], "error": f"chapter {spec['name']} ({spec['template_display']}) could not "
                    f"run: {type(exc).__name__}: {exc} (kernel log: {config.display_path(self.log_path)})"
                    .replace("\n", " ")}


class TemplateError(Exception):
    """A chapter's template cannot be read as a notebook."""


def _parameterized(spec: dict):
    import logging

    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    logging.getLogger("papermill").setLevel(logging.ERROR)
    try:
        nb = load_notebook_node(spec["template"])
    except Exception:  # noqa: BLE001 - the reader's message quotes the file: never echo an unexpected file
        raise TemplateError(f"{spec['template_display']} is not a Jupyter notebook (nbformat 4 JSON)") from None
    nb = parameterize_notebook(nb, spec["parameters"], kernel_name=spec["kernel"], language="python")
    nb.metadata.papermill["input_path"] = spec["template"]
    nb.metadata.papermill["output_path"] = spec["out"]
    return nb


class OutputLimit(Exception):
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


async def _execute(spec: dict, km, kc, start: float) -> dict:
    import asyncio

    import nbformat
    from nbclient.exceptions import CellExecutionError

    nb = _parameterized(spec)
    client = _client_class()(nb, km=km, kernel_name=spec["kernel"],
                             resources={"metadata": {"path": str(config.ROOT)}})
    client.kc = kc
    limit_mb = spec.get("max_output_mb", CHAPTER_MAX_OUTPUT_MB)
    client.max_output_bytes = int(limit_mb * 1e6)
    timeout = spec.get("timeout", CHAPTER_TIMEOUT)
    name = f"chapter {spec['name']} ({spec['template_display']})"
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
        return {"name": spec["name"], "error": _cell_error(spec, nb, exc)}
    except TimeoutError:
        return {"name": spec["name"], "kill": True,
                "error": f"{name} ran longer than its time limit of {timeout:g} s (a cell that never ends?) and was "
                f"stopped; raise the limit with --chapter-timeout"}
    except OutputLimit:
        return {"name": spec["name"], "kill": True,
                "error": f"{name} wrote more than its output limit of {limit_mb:g} MB and was stopped; "
                f"print less, or raise the limit with --max-output"}

    out = Path(spec["out"])
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_notebook(nb, spec)
    write_atomic(out, nbformat.writes(nb).encode("utf-8"))  # whole or not at all
    return {"name": spec["name"], "seconds": time.perf_counter() - start}


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + " …"


def _cell_error(spec: dict, nb, exc) -> str:
    """One line: the chapter, its template, the failing cell as a researcher counts the template's cells
    in JupyterLab (1-based, every cell, with its first line) and the error."""
    injected = next((i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])), None)
    where = "a cell"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            number = (i - 1 if injected is not None and i > injected else i) + 1
            first = next((ln.strip() for ln in cell.source.splitlines() if ln.strip()), "")
            where = ("the injected parameters" if i == injected else
                     f"cell {number} of the template ({_short(first, 80)})" if first else f"cell {number} of the template")
            break
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    return f"chapter {spec['name']} ({spec['template_display']}) failed in {where}: {ename}: {_short(evalue)}"


def execute_chapters(specs: list[dict], jobs: int = 2, on_start=None, stop_on_error: bool = True) -> list[dict]:
    """Run chapters in at most ``jobs`` warm kernels; one result (seconds or an error line) per chapter run,
    in the order given. After a failure no new chapter starts (those running finish) unless stop_on_error
    is False."""
    import asyncio
    import threading
    import warnings

    workers = [_Worker(n) for n in range(max(1, min(jobs, len(specs))))]

    async def main() -> list[dict]:
        queue = list(enumerate(specs))
        results: list[dict | None] = [None] * len(specs)

        async def work(worker: _Worker) -> None:
            try:
                while queue:
                    i, spec = queue.pop(0)
                    if on_start:
                        on_start(spec)
                    results[i] = await worker.run(spec)
                    if stop_on_error and "error" in results[i]:
                        queue.clear()  # fail first: no new chapter starts after a failure
            finally:
                await worker.close()

        await asyncio.gather(*(work(w) for w in workers))
        return [r for r in results if r is not None]

    # The event loop runs in a thread of its own (also when the caller has a loop running, e.g. in a
    # notebook): nbclient then installs no signal handlers, so Ctrl-C reaches the calling thread, which
    # kills the kernels and stops the loop instead of leaving the build hanging.
    state: dict = {}

    def thread() -> None:
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
                    loop.run_until_complete(asyncio.wait(pending, timeout=2))
            loop.close()

    runner = threading.Thread(target=thread, name="chapters", daemon=True)
    runner.start()
    try:
        while runner.is_alive():
            runner.join(0.2)
    except BaseException:  # KeyboardInterrupt (or SystemExit from a signal handler)
        import logging

        logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # the cancelled kernels' futures: not news
        for w in workers:
            w.kill()
        loop = state.get("loop")
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(lambda: [task.cancel() for task in asyncio.all_tasks(loop)])
        runner.join(10)
        raise
    if "error" in state:
        raise state["error"]
    return state["results"]


def execute_chapter(spec: dict) -> dict:
    """Run one chapter in a kernel of its own; returns timing or the error line (kernel log in build/logs)."""
    return execute_chapters([spec], 1)[0]


def clean_notebook(nb, spec: dict) -> None:
    """Deterministic executed notebook: no timestamps, durations or temp paths; execution counts from 1;
    no trailing empty cell; its title; its hash."""
    pm_meta = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {"parameters": pm_meta.get("parameters", spec["parameters"]),
                                "input_path": spec["template_display"],
                                "output_path": config.display_path(spec["out"])}
    nb.metadata["report"] = {"inputs_hash": spec["hash"], "chapter": spec["name"], "template": spec["template_display"]}
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
            cell.source = f"# {spec['title']}"
            break


def stale_chapters(seed: str | None = None) -> list[str]:
    """Names of the published chapters whose stored inputs hash differs from their inputs (nothing executed)."""
    t = plan(seed, None)
    with build_lock(LOCK_WAIT, quiet=True), journal(journal_path()):
        sweep(t)
        stage_book_sources(t)
        write_data(t)
        specs = chapter_specs(t, tree_hash(t.book / "_data"))
    return [s["name"] for s in specs if stored_hash(Path(s["out"])) != s["hash"]]


def _seconds_file() -> Path:
    return config.BUILD / "state" / "chapter-seconds.json"


def _previous_seconds() -> dict[str, float]:
    try:
        data = json.loads(_seconds_file().read_text(encoding="utf-8"))
        return {k: float(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError, TypeError):
        return {}


def run_chapters(specs: list[dict], jobs: int, force: bool, quiet: bool, check: bool = False) -> dict[str, float]:
    todo = [s for s in specs if force or stored_hash(Path(s["out"])) != s["hash"]]
    if check and todo:
        raise BuildError(f"{len(todo)} published chapter(s) out of date: {', '.join(s['name'] for s in todo)} (their "
                         "template, parameters, seed, package or data changed since they were executed); run "
                         "`make check` and commit book/chapters")
    for s in specs:
        if s not in todo:
            log(f"  {s['name']:<12} unchanged, skipped", quiet)
    times: dict[str, float] = {}
    if not todo:
        return times
    previous = _previous_seconds()
    todo.sort(key=lambda s: -previous.get(s["name"], 0.0))  # the longest first (as last time): a shorter tail
    errors = []
    results = execute_chapters(todo, jobs, on_start=lambda s: log(f"  {s['name']:<12} running "
                                                                 f"({s['template_display']})", quiet))
    for r in results:
        _report(r, times, errors, quiet)
    if times:

        _seconds_file().parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_seconds_file(), json.dumps({**previous, **{k: round(v, 2) for k, v in times.items()}},
                                                 sort_keys=True).encode())
    if errors:
        first, others = errors[0], [e.split(" ", 2)[1] for e in errors[1:]]
        more = f"; {len(others)} other chapter(s) failed too: {', '.join(others)}" if others else ""
        raise BuildError(f"{first}{more}; the published site is unchanged")
    return times


def _report(r: dict, times: dict, errors: list, quiet: bool) -> None:
    if "error" in r:
        errors.append(r["error"])
    else:
        times[r["name"]] = r["seconds"]
        log(f"  {r['name']:<12} done in {r['seconds']:.1f} s", quiet)


# ---------------------------------------------------------------------------------------- book
# ---------------------------------------------------------------------------------------- faults
# A build can be killed at any moment (kill -9, a closed terminal, a full disk) and another one can be
# started meanwhile. What makes the next build work without anyone cleaning up:
# * one build at a time: an exclusive flock on build/.lock (released by the kernel when the process
#   dies, however it dies); a second build waits for the first (up to --wait seconds) and says so;
# * everything a build writes is written whole (a temp file, then a rename); every temporary name has a
#   random part and is recorded in build/state/journal before it is created, and what a killed build
#   left behind is removed at the start of the next build, under the lock: exactly the journaled names,
#   never a user's file that only looks like a leftover (.site.old, book/chapters/.scratch.ipynb);
# * a published folder keeps what the build does not make (.git, CNAME, .nojekyll: KEEP_IN_SITE);
# * no process outlives the build: the jupyter-book process gets PR_SET_PDEATHSIG (Linux), the
#   kernels poll their parent (ipykernel) and exit within a second of its death;
# * the published site is never missing: the new one is swapped in with one atomic rename
#   (renameat2 RENAME_EXCHANGE on Linux), so a reader (or a kill) sees the old site or the new one.
@contextlib.contextmanager
def build_lock(wait: float = LOCK_WAIT, quiet: bool = False):
    """Hold build/.lock for the duration of a build; wait up to ``wait`` seconds for another build."""
    import fcntl

    path = config.BUILD / ".lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + wait
        waiting = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                if time.monotonic() >= deadline:
                    raise BuildError(f"another build is running (process {holder}; lock {path}) and did not finish "
                                     f"within {wait:.0f} s; wait for it or stop it") from None
                if not waiting:
                    print(f"another build is running (process {holder}): waiting for it to finish "
                          f"(up to {wait:.0f} s)", file=sys.stderr, flush=True)
                    waiting = True
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def journal_path() -> Path:
    """The build's journal: every temporary name a build creates, recorded before it is created."""
    return config.BUILD / "state" / "journal"


def sweep(t: Target | None = None) -> int:
    """Remove what an interrupted build left behind: exactly the temporary names recorded in the journal
    (random names the build chose), never a file or folder that only looks like a leftover. Under the lock;
    returns how many files and folders were removed."""
    return sweep_journal(journal_path())


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where that is not supported."""
    renameat2 = getattr(_LIBC, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


# ---------------------------------------------------------------------------------------- book
# jupyter-book's command line, without the optional rfc3987_syntax package: jsonschema imports it when
# present (a dependency of jupyter-events, for JupyterLab) and it compiles 38 grammars at import, 2 s of
# every book build; the book's configuration schema does not validate IRI formats, so nothing is lost.
_JUPYTER_BOOK = ("import sys; sys.modules['rfc3987_syntax'] = None; sys.argv[0] = 'jupyter-book'; "
                 "from jupyter_book.cli.main import main; main()")


def _book_work(t: Target) -> Path:
    """Where jupyter-book builds: kept between builds, so that Sphinx re-reads and re-writes only the pages
    that changed (its environment and doctrees stay there)."""
    return config.BUILD / "book-work" / t.name


def _book_work_key(t: Target) -> str:
    """What an incremental build cannot follow: the book's configuration, extensions and static files, the
    list of pages and of data files (a removed one would linger), the seed (page titles), the tools."""
    import importlib.metadata

    skip = ("_build", "chapters", "_data", "reports", "reports.md")
    listing = sorted(p.relative_to(t.book).as_posix() for folder in ("chapters", "_data", "reports")
                     if (t.book / folder).is_dir() for p in (t.book / folder).rglob("*") if p.is_file())
    return _sha(tree_hash(t.book, skip).encode(), "\n".join(listing).encode(), t.seed.read_bytes(),
                importlib.metadata.version("jupyter-book").encode(), sys.executable.encode(),
                json.dumps(config.stamp(), sort_keys=True).encode())  # the footer of every page


def _page_hashes(t: Target) -> dict[str, str]:
    """{path: content hash} of every source file of the book (pages, configuration, data)."""
    return {p.relative_to(t.book).as_posix(): _sha(p.read_bytes()) for p in _files(t.book, ("_build",))}


def _touch_changed(t: Target, work: Path, pages: dict[str, str]) -> None:
    """Sphinx re-reads a page only when its mtime is newer than its last reading; the build decides by
    content. A page whose content changed since the last book build (also one written with an old
    mtime: a restored or copied notebook) gets the current time, so Sphinx reads it again."""
    try:
        before = json.loads((work / "pages.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = {}
    now = time.time()
    for name, h in pages.items():
        if before.get(name) != h:
            with contextlib.suppress(OSError):
                os.utime(t.book / name, (now, now))


def build_book(t: Target, quiet: bool) -> None:
    """jupyter-book build (warnings are errors), then publish a copy atomically.

    The build runs in build/book-work/<name>, kept from the last successful build when the book's
    configuration is unchanged (only changed pages are read and written again); a failed build removes
    it, so the next one starts afresh and reports every warning again.
    """
    cmd = [sys.executable, "-c", _JUPYTER_BOOK, "build", str(t.book), "--builder", "html", "-W", "--keep-going", "-q"]
    work, key = _book_work(t), _book_work_key(t)
    ok = work / "built-ok"
    try:
        reuse = ok.read_text(encoding="utf-8") == key
    except OSError:
        reuse = False
    if not reuse:
        shutil.rmtree(work, ignore_errors=True)
    else:
        # myst-nb writes its stylesheet after the pages of a fresh build, so their links carry no ?v=
        # checksum; without the old file an incremental build writes the same pages as a fresh one
        for css in (work / "_build" / "html" / "_static").glob("mystnb.*.css"):
            css.unlink()
    ok.unlink(missing_ok=True)  # marked again only when this build succeeds
    work.mkdir(parents=True, exist_ok=True)
    pages = _page_hashes(t)
    if reuse:
        _touch_changed(t, work, pages)
    t.html.parent.mkdir(parents=True, exist_ok=True)

    tmp = make_temp_dir(t.html.parent, f".{t.html.name}.building-")
    try:
        env = {**os.environ, "PYTHONHASHSEED": "0", "JIEBA_QUIET": "1"}
        proc = subprocess.run([*cmd, "--path-output", str(work)], capture_output=True, text=True, env=env,
                              preexec_fn=functools.partial(die_with_parent, os.getpid()))
        problems = [ln for ln in (proc.stdout + proc.stderr).splitlines()
                    if "WARNING" in ln or "ERROR" in ln or "Error" in ln or "Traceback" in ln]
        if proc.returncode != 0 or not (work / "_build" / "html" / "index.html").exists():
            shutil.rmtree(work, ignore_errors=True)
            if any("No space left on device" in ln or "[Errno 28]" in ln for ln in problems):
                raise BuildError(f"no space left on device while building the book in {work}; the published "
                                 f"site is unchanged: {t.html}")
            for ln in problems[:40]:
                print(ln if len(ln) <= 300 else ln[:300] + " …", file=sys.stderr)
            raise BuildError(f"the book build failed with {len(problems)} warning(s) or error(s) (shown above); "
                             f"the published site is unchanged: {t.html}")
        built = tmp / "html"
        shutil.copytree(work / "_build" / "html", built)
        _prune_search_index(built)
        # Sphinx's record of its configuration for incremental builds (it holds paths of this clone): the
        # builds happen in build/book-work, so a published site has no use for it
        (built / ".buildinfo").unlink(missing_ok=True)
        write_index(built)
        # the full-text search of every report (analysis.site.search: Pagefind over the finished site)
        try:
            seconds = search.index_site(built, functools.partial(die_with_parent, os.getpid()))
            log(f"          search index of the reports in {seconds:.1f} s", quiet)
        except search.SearchIndexError as exc:
            raise BuildError(str(exc)) from None
        publish(built, t.html)
        (work / "pages.json").write_text(json.dumps(pages, sort_keys=True), encoding="utf-8")
        ok.write_text(key, encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _prune_search_index(site: Path) -> None:
    """An incremental Sphinx build keeps the words of a page's old text in the search index, with no page
    (an empty list); a fresh build has none of them. Dropped, so that both give the same site."""
    f = site / "searchindex.js"
    try:
        text = f.read_text(encoding="utf-8")
    except OSError:
        return
    head, tail = "Search.setIndex(", ")"
    if not (text.startswith(head) and text.endswith(tail)):
        return
    try:
        index = json.loads(text[len(head):-len(tail)])
    except ValueError:
        return
    for key in ("terms", "titleterms"):
        terms = index.get(key)
        if isinstance(terms, dict):
            index[key] = {k: v for k, v in terms.items() if v != []}
    f.write_text(head + json.dumps(index, sort_keys=True) + tail, encoding="utf-8")  # as Sphinx writes it


def write_index(site: Path) -> None:
    """The site's entry page: a redirect to the first chapter (with the favicon, so that no browser
    asks the host for /favicon.ico)."""
    import html

    first = config.report_config()["chapters"][0]["name"]
    title = html.escape(str(config.report_config().get("title", "Report")))  # configuration is text, like the report
    (site / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url=chapters/{first}.html">'
        '<link rel="icon" href="_static/favicon.svg" type="image/svg+xml">'
        f'<title>{title}</title></head>'
        f'<body><p><a href="chapters/{first}.html">Open the report</a></p></body></html>\n', encoding="utf-8")
    (site / SITE_MARKER).write_text("A site published by `python -m analysis build`: a build replaces this folder "
                                    "whole.\n", encoding="utf-8")


# What a host or a person keeps in a published folder that the build does not make: a git checkout or
# worktree of the site (GitHub Pages from a branch), the custom domain, Jekyll switched off. A build
# carries them over from the old site into the new one before swapping.
KEEP_IN_SITE = (".git", "CNAME", ".nojekyll")


def _carry_over(old: Path, new: Path) -> None:
    """Copy what the build does not make (KEEP_IN_SITE) from the old site into the new one; files are
    hard-linked where possible (a big .git costs no space and no time)."""
    def link_or_copy(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    for name in KEEP_IN_SITE:
        src, dst = old / name, new / name
        if dst.exists() or dst.is_symlink() or not (src.exists() or src.is_symlink()):
            continue
        if src.is_dir() and not src.is_symlink():
            shutil.copytree(src, dst, symlinks=True, copy_function=link_or_copy)
        elif src.is_symlink():
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)


def publish(built: Path, target: Path) -> None:
    """Swap a freshly built site into place; the site path is never missing.

    What the build does not make but a published folder needs (``.git``, ``CNAME``, ``.nojekyll``) is
    carried over from the old site first. ``built`` and ``target`` are then exchanged in one atomic
    rename (renameat2 RENAME_EXCHANGE), and the old site, now at ``built``, is removed. Where the exchange
    is not supported (not Linux, or a file system without it) the old site is renamed aside (to a
    journaled name) and the new one renamed in: two renames, between which the path is missing for a
    moment (a build killed right there leaves no site: the next build sees it missing and publishes
    again; its sweep removes the journaled old site).
    """
    if not target.exists() and not target.is_symlink():
        os.replace(built, target)
        return
    if target.is_dir():
        _carry_over(target, built)
    if _exchange(built, target):
        shutil.rmtree(built, ignore_errors=True)
        return
    old = temp_path(target.parent, f".{target.name}.old-")
    os.replace(target, old)
    os.replace(built, target)
    shutil.rmtree(old, ignore_errors=True)


def book_hash(t: Target) -> str:
    import jupyter_book

    return _sha(tree_hash(t.book, ("_build",)).encode(), jupyter_book.__version__.encode(),
                json.dumps(config.stamp(), sort_keys=True).encode())


def _state_file(t: Target) -> Path:
    return config.BUILD / "state" / f"{t.name}.json"


# ---------------------------------------------------------------------------------------- main
def run(seed: str | None = None, out: str | None = None, jobs: int = 2, force: bool = False,
        quiet: bool = False, check: bool = False, wait: float = LOCK_WAIT, timeout: float = CHAPTER_TIMEOUT,
        max_output_mb: float = CHAPTER_MAX_OUTPUT_MB) -> dict[str, float]:
    """Build the site; returns the seconds of each stage. Raises BuildError/ReportError.

    check: execute nothing; fail if a chapter is out of date (the tests build the committed notebooks).
    wait: seconds to wait for another build holding the lock before giving up.
    """
    t = plan(seed, out)  # configuration, seed and --out are checked before anything runs or waits
    with build_lock(wait, quiet), journal(journal_path()):
        removed = sweep(t)
        if removed:
            log(f"removed {removed} temporary file(s) or folder(s) left by an interrupted build", quiet)
        timings = _run(t, jobs, force, quiet, check, {"timeout": timeout, "max_output_mb": max_output_mb})
        sweep(t)  # a finished build left nothing: this only empties the journal
        return timings


def _changed_files(changed: list[str]) -> str:
    """'updated: a, b, c' for a few files; counts by kind for many (the 62 corpus source pages)."""
    if not changed:
        return "unchanged"
    if len(changed) <= 8:
        return "updated: " + ", ".join(changed)
    kinds: dict[str, int] = {}
    for name in changed:
        kind = name.split("-", 1)[0] if "-" in name and name.startswith(("source-", "annotation-")) else "data"
        kind = "reports" if name.startswith("reports") else kind
        kinds[kind] = kinds.get(kind, 0) + 1
    labels = {"data": "data files", "source": "annotated source pages", "annotation": "annotations",
              "reports": "report pages"}
    return "updated: " + ", ".join(f"{n} {labels[k]}" for k, n in kinds.items())


def _run(t: Target, jobs: int, force: bool, quiet: bool, check: bool, limits: dict | None = None) -> dict[str, float]:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    stage_book_sources(t)
    log(f"[1/3] data      {config.display_path(t.seed)}", quiet)
    rows, changed = write_data(t)
    # the page order: generated from report.yml, with the sector chapters that fit the report

    cfg = config.report_config()
    config.write_toc(t.book, {**cfg, "chapters": panel.sector_plan(cfg, t.seed)[0]})
    changed += report_pages(t)
    data_hash = tree_hash(t.book / "_data")
    timings["extract"] = time.perf_counter() - t0
    log(f"      {rows} indicators; downloads {_changed_files(changed)} "
        f"({timings['extract']:.1f} s)", quiet)

    t1 = time.perf_counter()
    log("[2/3] chapters", quiet)
    specs = [{**spec, **(limits or {})} for spec in chapter_specs(t, data_hash)]
    chapter_times = run_chapters(specs, jobs, force, quiet, check)
    timings["chapters"] = time.perf_counter() - t1
    timings.update({f"chapter:{k}": v for k, v in chapter_times.items()})

    t2 = time.perf_counter()
    state = _state_file(t)
    h = book_hash(t)
    try:
        previous = json.loads(state.read_text())
    except (OSError, ValueError):  # none yet, or unreadable: rebuild the book
        previous = {}
    if not force and previous.get("book_hash") == h and previous.get("html") == str(t.html) \
            and (t.html / "index.html").exists():
        log(f"[3/3] book      unchanged, skipped ({t.html})", quiet)
    else:
        log("[3/3] book      jupyter-book build (warnings are errors)", quiet)
        build_book(t, quiet)
        state.parent.mkdir(parents=True, exist_ok=True)

        write_atomic(state, json.dumps({"book_hash": h, "html": str(t.html)}).encode())
    timings["book"] = time.perf_counter() - t2
    timings["total"] = time.perf_counter() - t0
    log(f"done in {timings['total']:.1f} s (data {timings['extract']:.1f} s, chapters {timings['chapters']:.1f} s, "
        f"book {timings['book']:.1f} s): {t.html / 'index.html'}", quiet)
    return timings


def skip_slow_optional_imports() -> None:
    """For a command-line process: jsonschema (imported by nbformat and papermill) would import the optional
    rfc3987_syntax, which compiles 38 grammars (1-2 s) for a format check nothing here uses."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def main(seed: str | None = None, out: str | None = None, jobs: int = 2, force: bool = False,
         quiet: bool = False, wait: float = LOCK_WAIT, timeout: float = CHAPTER_TIMEOUT,
         max_output_mb: float = CHAPTER_MAX_OUTPUT_MB) -> int:
    skip_slow_optional_imports()
    try:
        with stop_on_signals():
            run(seed, out, jobs, force, quiet, wait=wait, timeout=timeout, max_output_mb=max_output_mb)
    except (BuildError, ReportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        import logging

        logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # tasks of the stopped kernels
        print("error: interrupted; the published site is unchanged", file=sys.stderr)
        sys.stderr.flush()
        # the one line is said: what the stopped kernels' threads may still print while the interpreter
        # exits (asyncio's InvalidStateError of a cancelled future) must not follow it
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
        return 128 + exc.signum if isinstance(exc, Stopped) else 130
    except OSError as exc:  # a full disk, a folder that became read-only: one short line naming the path
        print(f"error: {os_error_line(exc)}; the published site is unchanged", file=sys.stderr)
        return 1
    return 0
