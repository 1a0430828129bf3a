"""Keeping the notebook templates reviewable: no outputs, execution counts, run metadata or trailing
empty cells in git.

* ``python -m analysis notebooks strip notebooks/*.ipynb`` cleans templates in place (``make strip``);
* ``python -m analysis notebooks check notebooks/*.ipynb`` lists what is not clean (``make test`` runs
  it first);
* ``python -m analysis notebooks stale`` says in one line which published chapters are out of date
  (their template, parameters, seed, package or data changed since they were executed);
* ``python -m analysis notebooks loop`` is the researcher's loop (``make check``): strip the
  templates, rebuild what changed, then check that templates are clean and every chapter is current;
* :func:`pre_save_hook` strips a template each time JupyterLab saves it (``jupyter_server_config.py``
  at the project root, used by ``make lab``), so a saved template is never dirty.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..project import config
from ..project.errors import AnalysisError, BuildError
from ..project.optional_imports import skip_slow_optional_imports

_CELL_METADATA = ("execution", "papermill", "collapsed", "scrolled")
_NOTEBOOK_METADATA = ("papermill", "widgets")
# Of the kernel's language_info only what does not depend on the machine that saved the notebook is kept
# (JupyterLab adds the Python version, the CodeMirror mode, the MIME type ... on every save).
_LANGUAGE_INFO = ("name", "pygments_lexer")


def _empty(cell) -> bool:
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(source)
    return not source.strip()


def problems(path: Path) -> list[str]:
    import nbformat  # here, not at import: main() first skips a slow optional import of jsonschema

    nb = nbformat.read(path, as_version=4)
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            out.append(f"{path}: cell {i} has outputs")
        if cell.get("execution_count") is not None:
            out.append(f"{path}: cell {i} has an execution count")
        if "execution" in cell.metadata:
            out.append(f"{path}: cell {i} has execution metadata")
    if nb.cells and _empty(nb.cells[-1]):
        out.append(f"{path}: ends with an empty cell")
    for key in _NOTEBOOK_METADATA:
        if key in nb.metadata:
            out.append(f"{path}: notebook metadata has '{key}'")
    extra = sorted(set(nb.metadata.get("language_info", {})) - set(_LANGUAGE_INFO))
    if extra:
        out.append(f"{path}: notebook metadata language_info has {', '.join(extra)}")
    if not Path(path).read_bytes().endswith(b"\n"):
        out.append(f"{path}: does not end with a newline")
    return out


def strip_content(nb: dict) -> None:
    """Clean a notebook given as a dict (nbformat 4, as read or as JupyterLab sends it), in place."""
    cells = nb.get("cells", [])
    for cell in cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        meta = cell.get("metadata", {})
        for key in _CELL_METADATA:
            meta.pop(key, None)
    while cells and _empty(cells[-1]):
        cells.pop()
    for key in _NOTEBOOK_METADATA:
        nb.get("metadata", {}).pop(key, None)
    info = nb.get("metadata", {}).get("language_info")
    if isinstance(info, dict):
        for key in set(info) - set(_LANGUAGE_INFO):
            info.pop(key)


def strip(path: Path) -> bool:
    """Clean one template in place (written as JupyterLab writes it: nbformat's JSON and a trailing
    newline); True if it changed."""
    import nbformat

    before = Path(path).read_text(encoding="utf-8")
    nb = nbformat.reads(before, as_version=4)
    strip_content(nb)
    after = nbformat.writes(nb)
    after += "" if after.endswith("\n") else "\n"
    if after != before:
        Path(path).write_text(after, encoding="utf-8")
        return True
    return False


def is_template(path: Path) -> bool:
    """A notebook template of the project (what the build executes into chapters): notebooks/*.ipynb."""
    p = Path(path).resolve()
    return p.suffix == ".ipynb" and p.parent == config.NOTEBOOKS.resolve()


def pre_save_hook(model: dict, path: str, contents_manager, **kwargs) -> None:
    """Jupyter server ContentsManager hook: a template saved from JupyterLab is written stripped.

    Other notebooks (scratch notebooks, anything outside notebooks/) are saved as they are.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    root = Path(getattr(contents_manager, "root_dir", config.ROOT))
    if is_template(root / path.lstrip("/")):
        strip_content(model["content"])


def templates() -> list[Path]:
    return sorted(config.NOTEBOOKS.glob("*.ipynb"))


def stale_message(seed: str | None = None) -> str | None:
    """One line naming the out-of-date chapters and the fix, or None when every chapter is current."""
    from . import pipeline as build

    stale = build.stale_chapters(seed)
    if not stale:
        return None
    return (f"{len(stale)} published chapter(s) out of date: {', '.join(stale)} (their template, parameters, "
            "seed, package or data changed since they were executed); run `make check` and commit book/chapters")


def loop(jobs: int = 2, seed: str | None = None, out: str | None = None, quiet: bool = False) -> dict[str, float]:
    """Strip the templates, rebuild what changed, check; returns the build's timings.

    Raises an AnalysisError (BuildError, ReportError, ...) with one line."""
    from . import pipeline as build

    for p in templates():
        if strip(p) and not quiet:
            print(f"stripped {config.display_path(p)}", flush=True)
    timings = build.run(seed=seed, out=out, jobs=jobs, quiet=quiet)
    found = [msg for p in templates() for msg in problems(p)]
    if found:
        raise build.BuildError("templates not clean after stripping: " + "; ".join(found))
    msg = stale_message(seed)
    if msg:
        raise build.BuildError(msg)
    return timings


def command(cmd: str, paths: list[str] | None = None, jobs: int = 2) -> int:
    """``python -m analysis notebooks strip|check NOTEBOOK... | stale | loop [--jobs N]`` (the command line checks
    the arguments); returns the exit status after at most one line on stderr."""
    skip_slow_optional_imports()
    files = [Path(p) for p in paths or []]
    if cmd in ("strip", "check"):
        import nbformat

        for p in files:  # every file readable before any is changed
            try:
                nbformat.read(p, as_version=4)
            except Exception as exc:  # noqa: BLE001 - unreadable, not JSON, not a notebook: one line
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a notebook"
                raise AnalysisError(f"{p}: {reason}") from None
    if cmd == "strip":
        for p in files:
            if strip(p):
                print(f"stripped {p}")
        return 0
    if cmd == "check":
        found = [msg for p in files for msg in problems(p)]
        if found:
            raise AnalysisError(f"{len(found)} problem(s) in notebook templates (run `make strip`): {'; '.join(found)}")
        return 0
    return _build_command(cmd, jobs)


def _build_command(cmd: str, jobs: int) -> int:
    """stale and loop: they take the build lock and may run the build. A failure is raised: the command line
    (cli.main) says it, in one line, with the exit status of its kind."""
    if cmd == "stale":
        msg = stale_message()
        if msg:
            raise BuildError(msg)
        return 0
    from ..project.processes import stop_on_signals

    with stop_on_signals():  # SIGTERM, SIGHUP: like Ctrl-C
        loop(jobs=jobs)
    print("ok: templates clean, every chapter current, site published")
    return 0
