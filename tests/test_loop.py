"""The researcher's loop: a template saved by JupyterLab is stripped (on save, and by `make check`), the
loop rebuilds what changed and ends green or with one clear line; kernels start in the project root
(as `make lab` starts them) and the README's Python examples run there unchanged; warm kernels do not
carry one chapter's state into the next."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from analysis import cli
from analysis.build import chapters, notebooks
from analysis.build import pipeline as build
from analysis.project import config

from .helpers import copy_warm_cache

ROOT = config.ROOT
LAB_CONFIG = ROOT / "jupyter_server_config.py"


def saved_by_jupyterlab(nb: dict, marker: str = "") -> dict:
    """What JupyterLab writes after a session: outputs, execution counts, a trailing empty cell."""
    nb = json.loads(json.dumps(nb))
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["from the session\n"]}]
        cell["metadata"]["execution"] = {"iopub.status.busy": "2026-12-01T08:00:00Z"}
    if marker:
        md = [c for c in nb["cells"] if c["cell_type"] == "markdown"][1]
        md["source"] = "".join(md["source"]) + f"\n\n{marker}"
    nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "trailing", "metadata": {},
                        "outputs": [], "source": ""})
    nb["metadata"]["language_info"] = {  # what the kernel reports: it depends on the machine that saved
        "codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py", "mimetype": "text/x-python",
        "name": "python", "nbconvert_exporter": "python", "pygments_lexer": "ipython3", "version": "3.11.2"}
    return nb


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path: Path, nb: dict) -> None:
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------- strip
def test_strip_removes_what_jupyterlab_saves_and_nothing_else(tmp_path):
    template = read_json(config.NOTEBOOKS / "sector.ipynb")
    path = tmp_path / "sector.ipynb"
    write_json(path, saved_by_jupyterlab(template))
    found = notebooks.problems(path)
    assert any("outputs" in p for p in found) and any("execution count" in p for p in found)
    assert any("ends with an empty cell" in p for p in found)
    assert any("language_info has codemirror_mode" in p for p in found)
    assert notebooks.strip(path) is True
    assert notebooks.problems(path) == []
    assert notebooks.strip(path) is False  # idempotent
    assert path.read_bytes() == (config.NOTEBOOKS / "sector.ipynb").read_bytes()  # as committed: trailing newline too
    stripped = nbformat.read(path, as_version=4)
    original = nbformat.read(config.NOTEBOOKS / "sector.ipynb", as_version=4)
    assert [c.source for c in stripped.cells] == [c.source for c in original.cells]
    assert [c.metadata.get("tags") for c in stripped.cells] == [c.metadata.get("tags") for c in original.cells]


def test_check_command_fails_once_with_one_line(tmp_path, capsys):
    path = tmp_path / "dirty.ipynb"
    write_json(path, saved_by_jupyterlab(read_json(config.NOTEBOOKS / "sector.ipynb")))
    assert cli.main(["notebooks", "check", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and "make strip" in err[0]
    with pytest.raises(SystemExit) as exc:
        cli.main(["notebooks", "bogus"])
    assert exc.value.code == 2
    capsys.readouterr()
    (tmp_path / "not.ipynb").write_text('{"cells": 1', encoding="utf-8")
    for bad in (tmp_path / "missing.ipynb", tmp_path / "not.ipynb"):
        for cmd in ("check", "strip"):
            assert cli.main(["notebooks", cmd, str(bad)]) == 1
            err = capsys.readouterr().err.strip().splitlines()
            assert len(err) == 1 and err[0].startswith(f"error: {bad}"), err


def test_save_hook_strips_templates_only(tmp_path, monkeypatch):
    """The ContentsManager of `make lab` (configured by jupyter_server_config.py) saves a template
    stripped and any other notebook as it is."""
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from traitlets.config.loader import PyFileConfigLoader

    cfg = PyFileConfigLoader(LAB_CONFIG.name, path=str(ROOT)).load_config()
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "scratch").mkdir()
    monkeypatch.setattr(config, "NOTEBOOKS", tmp_path / "notebooks")
    cm = FileContentsManager(config=cfg, root_dir=str(tmp_path))
    dirty = saved_by_jupyterlab(read_json(ROOT / "notebooks" / "sector.ipynb"))
    for where in ("notebooks/sector.ipynb", "scratch/sector.ipynb"):
        cm.save({"type": "notebook", "format": "json", "content": json.loads(json.dumps(dirty))}, where)
    assert notebooks.problems(tmp_path / "notebooks" / "sector.ipynb") == []
    assert (tmp_path / "notebooks" / "sector.ipynb").read_bytes() == (ROOT / "notebooks" / "sector.ipynb").read_bytes()
    assert notebooks.problems(tmp_path / "scratch" / "sector.ipynb")  # not a template: kept as saved


def test_make_lab_starts_as_root_and_as_a_user(tmp_path):
    """`make lab`'s server starts whoever runs it (as root Jupyter refuses unless allowed): it is up when
    it prints its URL (an event on its stderr, no sleep)."""
    import socket
    import subprocess
    import sys

    from traitlets.config.loader import PyFileConfigLoader

    assert PyFileConfigLoader(LAB_CONFIG.name, path=str(ROOT)).load_config().ServerApp.allow_root is True
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg")}
    proc = subprocess.Popen([sys.executable, "-m", "jupyterlab", f"--config={LAB_CONFIG}", "--no-browser",
                             f"--port={port}", "--ServerApp.port_retries=0", "--ip=127.0.0.1"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = []
    try:
        for line in proc.stderr:  # ends when the server exits
            seen.append(line)
            if f"127.0.0.1:{port}/lab" in line:
                break
        assert proc.poll() is None, "".join(seen)
        assert not any("Running as root is not recommended" in ln for ln in seen)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


# ---------------------------------------------------------------------------------------- one path rule
def readme_python_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_kernels_of_make_lab_start_in_the_project_root_and_run_the_readme_examples():
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import start_new_kernel
    from traitlets.config.loader import PyFileConfigLoader

    cfg = PyFileConfigLoader(LAB_CONFIG.name, path=str(ROOT)).load_config()
    assert Path(cfg.ServerApp.root_dir) == ROOT
    manager = cfg.ServerApp.kernel_manager_class(config=cfg, root_dir=str(ROOT))
    cwd = manager.cwd_for_path("notebooks/sector.ipynb")
    assert Path(cwd) == ROOT  # not notebooks/: one rule for every path

    examples = readme_python_examples()
    assert examples and any("seeds/" in e for e in examples)
    name = "govreport" if "govreport" in KernelSpecManager().find_kernel_specs() else "python3"
    km, kc = start_new_kernel(kernel_name=name, cwd=cwd)
    try:
        for code in examples:
            reply = kc.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
            assert reply["content"]["status"] == "ok", (code, reply["content"].get("evalue"))
        reply = kc.execute_interactive("assert len(df) > 0", timeout=60, output_hook=lambda msg: None)
        assert reply["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


# ---------------------------------------------------------------------------------------- warm kernels
def test_a_warm_kernel_carries_no_state_from_one_chapter_to_the_next(tmp_path):
    def chapter(name: str, code: str) -> dict:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"),
                    nbformat.v4.new_code_cell('seed = ""', metadata={"tags": ["parameters"]}),
                    nbformat.v4.new_code_cell(code), nbformat.v4.new_code_cell("1 + 1")]
        path = tmp_path / f"{name}.ipynb"
        nbformat.write(nb, path)
        return build.ChapterSpec(name=name, title=name.title(), template=str(path), template_display=path.name,
                                 parameters={"seed": "s.txt"}, out=str(tmp_path / "out" / f"{name}.ipynb"), hash=name,
                                 kernel="python3")

    first = chapter("first", "import os\nleak = 1\nos.chdir('/')")
    second = chapter("second", "import os\nassert 'leak' not in dir(), 'state of the previous chapter'\n"
                               "assert os.getcwd() == " + repr(str(ROOT)))
    results = build.execute_chapters([first, second], jobs=1)  # one kernel, both chapters
    assert all(r.ok for r in results), results
    for name in ("first", "second"):
        nb = nbformat.read(tmp_path / "out" / f"{name}.ipynb", as_version=4)
        counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
        assert counts == [1, 2, 3, 4], (name, counts)  # numbered per chapter, whatever ran before


def test_a_failing_cell_is_one_line_naming_chapter_and_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell('seed = ""', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise KeyError('no such sector')")]
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    spec = build.ChapterSpec(name="bad", title="Bad", template=str(path), template_display="notebooks/bad.ipynb",
                             parameters={"seed": "s.txt"}, out=str(tmp_path / "bad-out.ipynb"), hash="h",
                             kernel="python3")
    (result,) = build.execute_chapters([spec], jobs=1)
    # cells counted as in JupyterLab (1-based, every cell of the template), with the cell's first line
    assert result.error == ("chapter bad (notebooks/bad.ipynb) failed in cell 3 of the template "
                               "(raise KeyError('no such sector')): KeyError: 'no such sector'")
    assert not Path(spec.out).exists()


# ---------------------------------------------------------------------------------------- the loop
@pytest.fixture
def small_project(tmp_path, monkeypatch, small_corpus):
    """A book of two chapters (the sector template once, and the annotated source it links to), built
    from copies of the templates into a temporary folder, with a corpus of two reports (its own caches:
    two reports extract in seconds)."""
    return _project(tmp_path, monkeypatch)


def _project(tmp_path, monkeypatch):
    """The book of `small_project` in tmp_path, its build folder tmp_path/build."""
    templates = tmp_path / "notebooks"
    templates.mkdir()
    for name in ("sector", "source"):
        shutil.copy(config.NOTEBOOKS / f"{name}.ipynb", templates)
    book = tmp_path / "book"
    book.mkdir()
    shutil.copy(config.BOOK / "_config.yml", book)
    for folder in ("_static", "_ext"):
        shutil.copytree(config.BOOK / folder, book / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/energy\nchapters:\n  - file: chapters/source\n",
                                   encoding="utf-8")
    kernel = config.report_config().get("kernel", "python3")
    (book / "report.yml").write_text(
        f"title: Loop test\nseed: {config.DEFAULT_SEED.relative_to(ROOT).as_posix()}\nkernel: {kernel}\nchapters:\n"
        f"  - {{name: energy, title: Energy, template: {templates}/sector.ipynb, parameters: {{sector: energy}}}}\n"
        f"  - {{name: source, title: Annotated source, template: {templates}/source.ipynb}}\n", encoding="utf-8")
    monkeypatch.setattr(config, "BOOK", book)
    monkeypatch.setattr(config, "BOOK_CONFIG", book / "report.yml")
    monkeypatch.setattr(config, "BUILD", tmp_path / "build")
    monkeypatch.setattr(config, "NOTEBOOKS", templates)
    # the package as it is now: an edit of analysis/ made meanwhile (by another checkout user or an editor
    # saving) would otherwise make every chapter stale between the loop's build and its check
    package = build.package_hash()
    monkeypatch.setattr(chapters, "package_hash", lambda: package)  # chapter_specs hashes the package
    return tmp_path


@pytest.mark.slow
def test_the_loop_end_to_end(small_project, capsys):
    templates, chapters = small_project / "notebooks", small_project / "book" / "chapters"
    site = small_project / "book" / "_build" / "html"

    assert cli.main(["notebooks", "loop"]) == 0, capsys.readouterr().err  # cold: everything built, green
    assert (site / "chapters" / "energy.html").exists()
    capsys.readouterr()

    # the researcher edits the sector template in JupyterLab and saves it
    write_json(templates / "sector.ipynb", saved_by_jupyterlab(read_json(templates / "sector.ipynb"),
                                                               marker="Edited in the loop test."))
    assert cli.main(["notebooks", "stale"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "energy" in err[0] and "source" not in err[0] and "make check" in err[0]

    assert cli.main(["notebooks", "loop"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "stripped" in out and "energy" in out and "done in" in out and out.rstrip().endswith("site published")
    assert re.search(r"source\s+unchanged, skipped", out)
    assert notebooks.problems(templates / "sector.ipynb") == []
    published = nbformat.read(chapters / "energy.ipynb", as_version=4)
    assert "Edited in the loop test." in json.dumps(published.cells, ensure_ascii=False)
    assert published.cells[-1].source.strip(), "a trailing empty cell was published"
    assert "Edited in the loop test." in (site / "chapters" / "energy.html").read_text(encoding="utf-8")
    assert cli.main(["notebooks", "stale"]) == 0

    # a broken edit: one clear line, non-zero, the published site kept
    before = (site / "chapters" / "energy.html").read_bytes()
    nb = read_json(templates / "sector.ipynb")
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    code[-1]["source"] = "raise ValueError('a typo in the template')"
    write_json(templates / "sector.ipynb", saved_by_jupyterlab(nb))
    assert cli.main(["notebooks", "loop"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("error: chapter energy (") and "sector.ipynb" in err[0] and " of the template (raise ValueError(" in err[0]
    assert "ValueError: a typo in the template" in err[0] and "Traceback" not in err[0]
    assert (site / "chapters" / "energy.html").read_bytes() == before


def test_ctrl_c_stops_the_chapters_and_their_kernels(tmp_path):
    """Ctrl-C during a chapter ends the build and its kernels (no hang, no kernel left behind)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell('seed = ""', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(f"open({str(tmp_path / 'started')!r}, 'w').close()\n"
                                          "import time\ntime.sleep(120)")]
    nbformat.write(nb, tmp_path / "slow.ipynb")
    script = (
        "import signal, sys\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"
        f"sys.path.insert(0, {str(ROOT)!r})\nfrom analysis.build import pipeline as build\n"
        f"spec = build.ChapterSpec(name='slow', title='S', template={str(tmp_path / 'slow.ipynb')!r}, "
        "template_display='slow.ipynb', parameters={'seed': 'x'}, "
        f"out={str(tmp_path / 'out.ipynb')!r}, hash='h', kernel='python3')\n"
        "from analysis.project.processes import exit_process\n"
        "try:\n    build.execute_chapters([spec], 1)\n"
        # as the command line ends after Ctrl-C: the interpreter's own shutdown may wait on the stopped
        # kernels' threads (a fresh clone under load once hung there for 300 s)
        "except KeyboardInterrupt:\n    import traceback; traceback.print_exc(); exit_process(130)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
            return open(f"/proc/{pid}/stat").read().split(")")[1].split()[0] != "Z"
        except (ProcessLookupError, FileNotFoundError):
            return False

    try:
        deadline = time.monotonic() + 300  # bounds, not waits: each loop ends at its event
        while not (tmp_path / "started").exists():  # the kernel is inside the chapter
            assert time.monotonic() < deadline and proc.poll() is None, "the chapter did not start"
            time.sleep(0.05)
        kernels = [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                                   text=True).stdout.split()]
        assert kernels
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=300)  # stderr read while waiting: a full pipe cannot block the child
        assert proc.returncode == 130
        assert b"KeyboardInterrupt" in err
        while any(alive(pid) for pid in kernels):  # the build killed them before it ended
            assert time.monotonic() < deadline, f"kernels left running: {[p for p in kernels if alive(p)]}"
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            proc.kill()


def _tree_state(root: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime in ns) of every file under root, and every folder (present or not: the lock file made
    in build/ changes its time), except the build's lock file."""
    return {p.relative_to(root).as_posix(): (0, 0) if p.is_dir() else (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.name != ".lock"}


def test_the_staleness_check_writes_nothing(tmp_path, monkeypatch, warm_cache):
    """`notebooks stale` hashes the downloads in memory: no _data written, nothing swept or journaled; the
    hash it uses is the one the build's written _data gives (the caches current: the session's, of the corpus)."""
    small_project = _project(tmp_path, monkeypatch)
    copy_warm_cache(warm_cache, tmp_path / "build")
    before = _tree_state(small_project)
    assert sorted(build.stale_chapters()) == ["energy", "source"]  # nothing published yet
    assert _tree_state(small_project) == before
    assert not (config.BOOK / "_data").exists()
    t = build.plan(None, None)
    build.write_data(t)
    assert build.data_hash(t) == build.tree_hash(config.BOOK / "_data")
