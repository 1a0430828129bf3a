"""Faults and hostile input: nothing lost, nothing wedged.

* the build killed (kill -9) at each stage, its whole process group or the main process alone: no
  process is left behind, the published site is untouched, and the next build succeeds without any
  cleanup by hand, giving the same site byte for byte;
* two builds at once: the second waits for the first (one lock), both succeed;
* publishing never removes what it did not create (--out over a foreign folder) and the site path is
  never missing while a new site is swapped in;
* a broken book/report.yml is one line naming the file and the key, before anything runs.

The builds here use a small report, two small chapters and a corpus of two reports (a copy of the
book's configuration with its own report.yml and _toc.yml, a private build/ folder, and GOVREPORT_CORPUS
naming a folder with two reports of the corpus): what is tested is a mechanism of the build (kill, lock,
signal, sweep, publish), the same for two reports as for sixty-five, and a forced build publishes 2
annotated source pages instead of 64 (the real book's build is tested by test_build's `site`). Nothing here waits a fixed time: with FAULT_GATE set, each chapter marks that it is running (a
file in that folder) and then waits until the test opens the gate (a file "open" there), so a signal
lands inside the chapter stage however loaded the machine is.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis import cli
from analysis.build import pipeline as build
from analysis.project import config

from .helpers import ROOT, UNSEEN, small_corpus_dir

REPORT = UNSEEN / "provincial.txt"
DRIVER = """\
import signal
import sys
from pathlib import Path

from analysis import cli
from analysis.project import config
from analysis.project.processes import exit_process

# Ctrl-C as in a terminal, also when the test run itself was started in the background (a shell starts
# background jobs with SIGINT ignored, and the build would then not see the test's SIGINT at all)
signal.signal(signal.SIGINT, signal.default_int_handler)
book, out = Path(sys.argv[1]), sys.argv[2]
config.BOOK, config.BOOK_CONFIG, config.BUILD = book, book / "report.yml", book.parent / "build"
# as python -m analysis build runs and ends (analysis/__main__.py); the options (--force, --wait,
# --chapter-timeout, --max-output) as given to the driver
exit_process(cli.main(["build", "--out", out, "--jobs", "2", *sys.argv[3:]]))
"""
TEMPLATE_CODE = """\
import os
import time
from pathlib import Path

from analysis.project import config
from analysis import read_text

if os.environ.get("FAULT_READY"):
    open(os.environ["FAULT_READY"], "a").close()  # the test waits for this file, not for a time
gate = os.environ.get("FAULT_GATE")
if gate:  # say that the chapter is running, then wait until the test opens the gate
    Path(gate, f"running-{os.getpid()}").touch()
    while not Path(gate, "open").exists():
        time.sleep(0.05)
time.sleep(float(os.environ.get("FAULT_SLEEP", "0")))  # a chapter that runs past its time limit
print("x" * int(os.environ.get("FAULT_PRINT", "0")))
text = read_text(config.resolve(seed))
print(f"{len(text)} characters")
"""


def _template(path: Path, title: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}"),
                nbformat.v4.new_code_cell('seed = ""', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(TEMPLATE_CODE)]
    nbformat.write(nb, path)


class Project:
    """A small book (two chapters, a small report) with its own build folder and published site."""

    def __init__(self, root: Path):
        self.root = root
        self.book = root / "book"
        self.site = root / "site"
        self.driver = root / "driver.py"
        self.book.mkdir(parents=True)
        for name in ("_config.yml",):
            shutil.copy2(config.BOOK / name, self.book / name)
        for folder in ("_static", "_ext"):
            shutil.copytree(config.BOOK / folder, self.book / folder, ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("one", "two"):
            _template(root / f"{name}.ipynb", name.capitalize())
        (self.book / "report.yml").write_text(
            f"title: Fault test\nseed: {REPORT}\nkernel: python3\nchapters:\n"
            f"  - {{name: one, title: One, template: {root / 'one.ipynb'}}}\n"
            f"  - {{name: two, title: Two, template: {root / 'two.ipynb'}}}\n", encoding="utf-8")
        (self.book / "_toc.yml").write_text("format: jb-book\nroot: chapters/one\nchapters:\n  - file: chapters/two\n",
                                            encoding="utf-8")
        self.driver.write_text(DRIVER, encoding="utf-8")
        self.corpus = small_corpus_dir(root / "corpus")  # two reports of the corpus

    def command(self, *args) -> list[str]:
        return [sys.executable, str(self.driver), str(self.book), str(self.site), *map(str, args)]

    def env(self, token: str = "", sleep: float = 0, ready: Path | None = None, printed: int = 0,
            gate: Path | None = None) -> dict:
        env = {k: v for k, v in os.environ.items() if k != "FAULT_GATE"}
        return {**env, "PYTHONPATH": str(ROOT), "GOVREPORT_CORPUS": str(self.corpus), "FAULT_SLEEP": str(sleep),
                "FAULT_TOKEN": token,
                "FAULT_READY": str(ready or ""), "FAULT_PRINT": str(printed), **({"FAULT_GATE": str(gate)} if gate else {})}

    def build(self, *args, timeout=180, env=None) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*args), capture_output=True, text=True, cwd=ROOT, env=env or self.env(),
                              timeout=timeout)

    def snapshot(self) -> dict[str, bytes]:
        return {p.relative_to(self.site).as_posix(): p.read_bytes() for p in sorted(self.site.rglob("*")) if p.is_file()}

    def leftovers(self) -> list[str]:
        """Temporary files and folders of a build: none may remain after a build that finished."""
        found = [p.name for p in (self.book / "chapters").iterdir() if p.name.startswith(".")]
        found += [p.name for p in (self.book / "_data" / "data").iterdir() if p.name.startswith(".")]
        found += [p.name for p in self.site.parent.iterdir() if p.name.startswith(f".{self.site.name}.")]
        return found


def processes_with(token: str) -> list[int]:
    """Processes whose environment carries the token: the build, its kernels, jupyter-book."""
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if f"FAULT_TOKEN={token}".encode() in (proc / "environ").read_bytes().split(b"\0"):
                    pids.append(int(proc.name))
            except OSError:
                pass
    return pids


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    p = Project(tmp_path_factory.mktemp("faults"))
    first = p.build()  # cold: its two-report corpus is extracted here (seconds), no copy of the session's caches
    assert first.returncode == 0, first.stdout + first.stderr
    assert (p.site / build.SITE_MARKER).is_file()
    p.published = p.snapshot()
    assert "chapters/one.html" in p.published
    return p


def _kill_during(p: Project, stage: str, group: bool, sig: int = signal.SIGKILL) -> tuple[str, int]:
    """Start a forced build, send it a signal (kill -9) inside the stage; returns its output and exit status."""
    token = uuid.uuid4().hex
    gate = p.root / f"gate-{token}"  # the chapters wait here (the gate is never opened: the build cannot end first)
    gate.mkdir()
    proc = subprocess.Popen(p.command("--force"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            cwd=ROOT, env=p.env(token, gate=None if stage == "book" else gate),
                            start_new_session=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(ln) for ln in proc.stdout], daemon=True)
    reader.start()
    seen: list[str] = []
    deadline = time.monotonic() + 900  # a bound for a build that hangs (generous: a busy machine), not a wait
    trigger = {"data": "[1/3] data", "chapters": "[2/3] chapters", "book": "[3/3] book"}[stage]
    while not any(ln.startswith(trigger) for ln in seen):
        assert proc.poll() is None or not lines.empty(), f"build ended before the {stage} stage: {seen}"
        try:
            seen.append(lines.get(timeout=1))
        except queue.Empty:
            assert time.monotonic() < deadline, seen
    if stage == "chapters":  # wait until both kernels are inside their chapters (they wait at the gate)
        while len(list(gate.glob("running-*"))) < 2:
            assert time.monotonic() < deadline and proc.poll() is None, seen
            time.sleep(0.05)
    if stage == "book":  # wait until jupyter-book is writing its temporary site (a file in it)
        while not any(f.is_file() for q in p.site.parent.glob(f".{p.site.name}.building-*") for f in q.rglob("*")):
            assert time.monotonic() < deadline and proc.poll() is None, seen
            time.sleep(0.05)
    assert proc.poll() is None, f"build finished before the kill: {seen}"
    if group:
        os.killpg(proc.pid, sig)
    else:
        os.kill(proc.pid, sig)
    proc.wait(timeout=300)
    # no process outlives the build (kernels poll their parent every second; jupyter-book gets SIGKILL)
    deadline = time.monotonic() + 120  # a bound: the loop ends as soon as they are gone
    while processes_with(token) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert processes_with(token) == [], f"processes left behind after killing the build during {stage}"
    reader.join(timeout=300)  # every line the build wrote: the reader ends at the end of its output, not when the queue
    assert not reader.is_alive(), "the build's output did not end"  # is momentarily empty (a busy machine)
    while not lines.empty():
        seen.append(lines.get())
    return "".join(seen), proc.returncode


@pytest.mark.parametrize("stage,group", [
    ("data", True), ("chapters", True), ("chapters", False), ("book", True), ("book", False),
])
def test_kill_at_each_stage_then_the_next_build_just_works(project, stage, group):
    _kill_during(project, stage, group)
    assert project.snapshot() == project.published  # the published site is untouched
    after = project.build()
    assert after.returncode == 0, after.stdout + after.stderr
    assert project.snapshot() == project.published
    assert project.leftovers() == []


def test_ctrl_c_stops_the_build_in_one_line(project):
    output, status = _kill_during(project, "chapters", group=True, sig=signal.SIGINT)
    assert status == 130 and output.splitlines()[-1] == "error: interrupted; the published site is unchanged"
    assert "Traceback" not in output
    assert project.snapshot() == project.published
    after = project.build()
    assert after.returncode == 0, after.stdout + after.stderr
    assert project.leftovers() == []


def test_sigterm_stops_the_build_with_the_ctrl_c_line(project):
    output, status = _kill_during(project, "chapters", group=False, sig=signal.SIGTERM)
    assert status == 128 + signal.SIGTERM
    assert output.splitlines()[-1] == "error: interrupted; the published site is unchanged"
    assert "Traceback" not in output
    assert project.snapshot() == project.published
    after = project.build()
    assert after.returncode == 0, after.stdout + after.stderr
    assert project.leftovers() == []


def test_a_chapter_past_its_time_limit_fails_in_one_line_naming_it(project):
    """A template that never ends (here: sleeps 300 s) does not hold the lock for ever."""
    p = project.build("--force", "--chapter-timeout", "5", env=project.env(sleep=300))
    assert p.returncode == 1
    last = p.stderr.splitlines()[-1]
    assert re.match(r"error: chapter (one|two) \((one|two)\.ipynb\) ran longer than its time limit of 5 s", last), last
    assert "Traceback" not in p.stderr
    assert project.snapshot() == project.published
    assert project.build().returncode == 0  # the next build runs the chapters again, in time
    assert project.snapshot() == project.published


def test_a_chapter_writing_too_much_fails_in_one_line_naming_it(project):
    p = project.build("--force", "--max-output", "1", env=project.env(printed=3_000_000))  # 3 MB, limit 1 MB
    assert p.returncode == 1
    last = p.stderr.splitlines()[-1]
    assert re.match(r"error: chapter (one|two) \((one|two)\.ipynb\) wrote more than its output limit of 1 MB", last), last
    assert len(p.stderr) < 2000 and "Traceback" not in p.stderr
    assert project.snapshot() == project.published
    assert project.build().returncode == 0


def test_the_published_site_does_not_depend_on_where_the_clone_is(project):
    """No file of the site names the folder it was built in (Sphinx's .buildinfo is not published)."""
    assert ".buildinfo" not in project.published
    for root in {str(project.root), str(project.root.resolve()), str(ROOT)}:
        named = [name for name, data in project.published.items() if root.encode() in data]
        assert named == [], (root, named)


@dataclass
class Forced:
    """What the shared forced builds over the project met and left (the `forced` fixture)."""
    leftovers_before: list[str]
    first: subprocess.CompletedProcess
    leftovers_after: list[str]
    mine: dict[str, str | None]  # a person's file or folder: its precious content after the build (None: gone)
    kept: dict[str, bytes]  # the checkout's files in the site after the first build
    snapshot: dict[str, bytes]  # the site after the first build, but the checkout's files
    second: subprocess.CompletedProcess
    git_after_second: str
    carried_after_second: dict[str, bytes]
    snapshot_after_second: dict[str, bytes]


KEPT = {".git/HEAD": b"ref: refs/heads/gh-pages\n", ".git/objects/ab/cdef": b"\x00object",
        "CNAME": b"report.example.org\n", ".nojekyll": b""}
WORKTREE = "gitdir: /somewhere/.git/worktrees/site\n"


@pytest.fixture(scope="module")
def forced(project):
    """Two forced builds shared by the tests that only read what they did (each forced build runs every
    stage: the dearest thing of this module). The first meets at once what a build must sweep and what it
    must leave: three temporary names a killed build recorded in its journal, four of a person's files named
    like them, and a GitHub Pages checkout of the site (a .git folder, CNAME, .nojekyll); the second meets
    the checkout of a worktree (.git is a file) and the CNAME and .nojekyll the first carried over (copies
    carried over are carried over). Everything placed is removed before the tests run."""
    from analysis.project import files

    with files.journal(project.root / "build" / "state" / "journal"):
        files.temp_path(project.book / "chapters", ".one.ipynb.", ".tmp").write_bytes(b"{")
        files.temp_path(project.book / "_data" / "data", ".indicators.csv.", ".tmp").write_bytes(b"")
        half = files.make_temp_dir(project.site.parent, f".{project.site.name}.building-") / "_build" / "html"
    half.mkdir(parents=True)
    (half / "index.html").write_text("half")
    recorded = project.leftovers()
    mine = [project.site.parent / f".{project.site.name}.old", project.site.parent / f".{project.site.name}.building-notes",
            project.book / "chapters" / ".my-scratch.ipynb", project.book / "chapters" / ".notes.ipynb.x.tmp"]
    checkout = project.site / ".git"
    try:
        for q in mine[:2]:
            q.mkdir()
            (q / "precious.txt").write_text("mine")
        for q in mine[2:]:
            q.write_text("mine")
        for name, data in KEPT.items():
            (project.site / name).parent.mkdir(parents=True, exist_ok=True)
            (project.site / name).write_bytes(data)
        first = project.build("--force")
        after = project.leftovers()
        found = {q.name: ((q / "precious.txt") if q.is_dir() else q).read_text() if q.exists() else None for q in mine}
        kept = {name: (project.site / name).read_bytes() for name in KEPT if (project.site / name).is_file()}
        snapshot = {k: v for k, v in project.snapshot().items() if k not in KEPT}
        shutil.rmtree(checkout, ignore_errors=True)  # a worktree's .git is a file
        checkout.write_text(WORKTREE)
        second = project.build("--force")
        carried = {name: (project.site / name).read_bytes() for name in ("CNAME", ".nojekyll") if (project.site / name).is_file()}
        git = checkout.read_text() if checkout.is_file() else ""
        snapshot2 = {k: v for k, v in project.snapshot().items() if k not in {".git", "CNAME", ".nojekyll"}}
    finally:
        for q in mine:
            shutil.rmtree(q) if q.is_dir() else q.unlink(missing_ok=True)
        shutil.rmtree(checkout) if checkout.is_dir() else checkout.unlink(missing_ok=True)
        for name in ("CNAME", ".nojekyll"):
            (project.site / name).unlink(missing_ok=True)
    return Forced(recorded, first, after, found, kept, snapshot, second, git, carried, snapshot2)


def test_leftovers_of_older_builds_are_swept_and_a_forced_build_gives_the_same_site(project, forced):
    # what a killed build left behind: temporary names it recorded in its journal before creating them (and,
    # beside them, a person's files named alike: the next test)
    mine = set(forced.mine)
    assert len(forced.leftovers_before) == 3
    assert forced.first.returncode == 0, forced.first.stdout + forced.first.stderr
    assert "removed 3 temporary file(s) or folder(s)" in forced.first.stdout
    assert set(forced.leftovers_after) - mine == set()
    assert forced.snapshot == project.published


def test_the_sweep_never_removes_a_users_files_that_look_like_leftovers(project, forced):
    """Names like a build's temporary ones, but made by a person: the build did not record them, so it
    leaves them alone (it removes only what it can prove it made: the 3 it recorded, not these 4)."""
    assert forced.first.returncode == 0, forced.first.stdout + forced.first.stderr
    assert "removed 3 temporary" in forced.first.stdout and "removed 7" not in forced.first.stdout
    assert forced.mine == {name: "mine" for name in forced.mine} and len(forced.mine) == 4
    assert forced.snapshot == project.published


def test_a_published_site_keeps_git_cname_and_nojekyll(project, forced):
    """GitHub Pages from a checkout of the site: its .git (folder or worktree file), CNAME and .nojekyll
    survive every build. Two forced builds: the first over a .git folder, the second over a worktree's .git
    file, with the CNAME and .nojekyll the first build carried over (copies carried over are carried over)."""
    assert forced.first.returncode == 0, forced.first.stdout + forced.first.stderr
    assert forced.kept == KEPT
    assert forced.snapshot == project.published
    assert forced.second.returncode == 0, forced.second.stdout + forced.second.stderr
    assert forced.git_after_second == WORKTREE
    assert forced.carried_after_second == {name: KEPT[name] for name in ("CNAME", ".nojekyll")}
    assert forced.snapshot_after_second == project.published


def test_a_chapter_changed_with_its_old_mtime_is_published(project):
    """The book stage decides by content, not by modification time: a chapter notebook rewritten with its
    old mtime (restored from a backup, checked out, copied with cp -p) is read again by Sphinx."""
    chapter = project.book / "chapters" / "one.ipynb"
    original, stat = chapter.read_bytes(), chapter.stat()
    marker = "a value changed behind the back of the build"
    nb = nbformat.reads(original.decode("utf-8"), as_version=4)
    nb.cells[0].source = f"# One\n\n{marker}"
    try:
        chapter.write_text(nbformat.writes(nb), encoding="utf-8")
        os.utime(chapter, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        p = project.build()
        assert p.returncode == 0, p.stdout + p.stderr
        assert "[3/3] book      jupyter-book build" in p.stdout
        assert marker in (project.site / "chapters" / "one.html").read_text(encoding="utf-8")
    finally:
        chapter.write_bytes(original)
        os.utime(chapter, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    p = project.build()
    assert p.returncode == 0, p.stdout + p.stderr
    assert project.snapshot() == project.published


def test_two_builds_at_once_take_turns(project, tmp_path):
    gate = tmp_path / "gate"
    gate.mkdir()
    first = subprocess.Popen(project.command("--force"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=ROOT, env=project.env(gate=gate))
    deadline = time.monotonic() + 900  # a bound for a build that hangs (generous: a busy machine), not a wait
    while not any(gate.glob("running-*")):  # the first build holds the lock: its chapters are running
        assert time.monotonic() < deadline and first.poll() is None, "the first build did not reach its chapters"
        time.sleep(0.05)
    second = subprocess.Popen(project.command(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT, env=project.env())
    waiting = second.stderr.readline()  # the second build says it waits for the first ...
    (gate / "open").touch()  # ... then the first may finish
    out, err = first.communicate(timeout=300)
    second_out, second_err = second.communicate(timeout=300)
    assert first.returncode == 0, out + err
    assert second.returncode == 0, second_out + waiting + second_err
    assert "another build is running" in waiting
    assert project.snapshot() == project.published
    assert project.leftovers() == []


def test_a_build_that_cannot_wait_says_one_is_running(project, monkeypatch):
    monkeypatch.setattr(config, "BUILD", project.root / "build")
    with build.build_lock(wait=0):
        p = project.build("--wait", "0.5")
    assert p.returncode == 1
    assert p.stderr.splitlines()[-1].startswith("error: another build is running (process ")
    assert "Traceback" not in p.stderr


def test_the_site_path_is_never_missing_while_publishing(tmp_path):
    target = tmp_path / "html"
    target.mkdir()
    (target / "index.html").write_text("0")
    missing = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if not (target / "index.html").exists():
                missing.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for i in range(1, 200):
            built = tmp_path / f".html.building-{i}" / "_build" / "html"
            built.mkdir(parents=True)
            (built / "index.html").write_text(str(i))
            build.publish(built, target)
            shutil.rmtree(built.parent.parent)
    finally:
        stop.set()
        watcher.join()
    assert (target / "index.html").read_text() == "199"
    assert missing == []
    assert [p.name for p in tmp_path.iterdir()] == ["html"]


# ---------------------------------------------------------------------------------------- --out, -o
def _cli(*args, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


@pytest.mark.parametrize("setup", ["foreign file", "a file", "the project", "home-like folder"])
def test_out_never_replaces_what_the_build_did_not_create(tmp_path, setup):
    out = tmp_path / "v"
    if setup == "foreign file":
        out.mkdir()
        (out / "important.txt").write_text("precious")
    elif setup == "a file":
        out.write_text("precious")
    elif setup == "the project":
        out = ROOT
    else:
        out.mkdir()
        (out / ".bashrc").write_text("precious")
        (out / "Documents").mkdir()
    before = sorted(p.name for p in out.iterdir()) if out.is_dir() else out.read_text()
    p = _cli("build", "--seed", REPORT, "--out", out, "--quiet")
    assert p.returncode != 0
    assert p.stderr.count("\n") == 1 and p.stderr.startswith("error: --out ") and "Traceback" not in p.stderr
    assert (sorted(q.name for q in out.iterdir()) if out.is_dir() else out.read_text()) == before


def test_output_equal_to_the_input_is_refused(tmp_path):
    report = tmp_path / "r.txt"
    shutil.copy(REPORT, report)
    before = report.read_bytes()
    for out, fmt in ((report, "csv"), (tmp_path / "r.csv", "csv")):
        if out != report:
            out.symlink_to(report)
        p = _cli("extract", report, "-o", out, "--format", fmt)
        assert p.returncode != 0 and "also an input" in p.stderr and p.stderr.count("\n") == 1
        assert report.read_bytes() == before


# ---------------------------------------------------------------------------------------- report.yml
@pytest.mark.parametrize("edit,key", [
    (lambda y: y.replace("{name: two, title: Two,", "{name: two, title: Two, parameters: {sector: no_such_sector},"),
     "chapters[1] (two).parameters.sector: unknown sector 'no_such_sector'"),
    (lambda y: y.replace("two.ipynb", "missing.ipynb"), "chapters[1] (two).template: no such notebook"),
    (lambda y: y.replace("chapters:\n", "chapters: [\n"), "malformed YAML at line"),
    (lambda y: y.replace("kernel:", "kernal:"), "kernal: unknown key"),
    (lambda y: y.replace("name: two,", "name: one,"), "chapters[1] (one).name: used by two chapters"),
    (lambda y: y + "  - {name: three, title: Three, template: notebooks/overview.ipynb, part: 3}\n",
     "chapters[2] (three).part: expected a str, got int"),
])
def test_a_broken_report_yml_is_one_line_naming_file_and_key(project, tmp_path, monkeypatch, capsys, edit, key):
    book = tmp_path / "book"
    shutil.copytree(project.book, book, ignore=shutil.ignore_patterns("_data", "chapters", "_build"))
    (book / "report.yml").write_text(edit((project.book / "report.yml").read_text(encoding="utf-8")),
                                     encoding="utf-8")
    monkeypatch.setattr(config, "BOOK", book)
    monkeypatch.setattr(config, "BOOK_CONFIG", book / "report.yml")
    monkeypatch.setattr(config, "BUILD", tmp_path / "build")
    site = tmp_path / "site"
    assert cli.main(["build", "--out", str(site), "--quiet"]) == 2  # report.yml: the input (ConfigurationError)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and key in err, err
    assert str(book) in err  # the file is named
    assert not site.exists() and not (book / "chapters").exists()  # nothing ran


# ---------------------------------------------------------------------------------------- hostile text
FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_LEADING_NUMBER = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")


def written_value(raw: str) -> float | None:
    """The number a row's raw text starts with, read independently of the extractor (None if the raw
    does not start with Arabic digits, or is a range)."""
    s = re.sub(r"\s", "", raw).translate(FULLWIDTH)
    m = _LEADING_NUMBER.match(s)
    if not m or s[m.end():m.end() + 1] in ("-", "~", "～", "—", "–", "至", "到"):
        return None
    return float(m.group().replace(",", ""))


def check_rows(text: str) -> None:
    """No crash; every span exact; every value the number its raw text starts with."""
    df = analysis.extract(text)
    assert list(df.columns) == analysis.columns()
    for start, end, raw, value in zip(df["start"], df["end"], df["raw"], df["value"]):
        assert text[start:end] == raw
        expected = written_value(raw)
        assert expected is None or value == pytest.approx(expected), (raw, value)


HAN = "推动经济发展产业项目建设新增就业农村牧区能源乳业旅游稀土改造提升全区城乡居民收入"
UNITS = ["亿元", "万元", "%", "万人", "个", "万千瓦", "公里", "吨", "倍", "个百分点", "项", ""]
number = st.one_of(st.integers(0, 10**9).map(str),
                   st.decimals(0, 10**6, places=2, allow_nan=False, allow_infinity=False).map(str))
mention = st.tuples(number, st.sampled_from(UNITS)).map("".join)
no_punctuation = st.text(alphabet=HAN + "0123456789.", min_size=200, max_size=3000)
one_clause = st.lists(mention, min_size=50, max_size=800).flatmap(
    lambda ms: st.sampled_from(["和", " ", "", "及", "、"]).map(lambda sep: "增长" + sep.join(ms) + "。"))
digit_strings = st.tuples(st.integers(1, 4000), st.sampled_from(["%", "亿元", "万人", ""]), st.sampled_from("123456789.")).map(
    lambda t: "全区生产总值增长" + (t[2] * t[0]) + t[1] + "。")


@pytest.fixture(scope="module")
def seed_raw() -> str:
    return analysis.read_text(config.DEFAULT_SEED)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(no_punctuation, one_clause, digit_strings))
def test_hostile_text_never_crashes_and_values_are_as_written(text):
    check_rows(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 10**6), max_size=40), st.sampled_from(["\n", "\r\n", "\n\n", " \n"]))
def test_random_wraps_of_the_seed(seed_raw, cuts, brk):
    positions = sorted({c % len(seed_raw) for c in cuts})
    pieces, last = [], 0
    for p in positions:
        pieces += [seed_raw[last:p], brk]
        last = p
    check_rows("".join(pieces) + seed_raw[last:])


# ---------------------------------------------------------------------------------------- linear time
def _run(text: str, repeat: int) -> tuple[float, int]:
    """(best CPU seconds, rows) of extracting the text; a run over half a second is not repeated. CPU
    time of this process: what other processes on the machine do does not count (wall time would)."""
    best, rows = float("inf"), 0
    for _ in range(repeat):
        t0 = time.process_time()
        rows = len(analysis.extract(text))
        best = min(best, time.process_time() - t0)
        if best > 0.5:
            break
    return best, rows


def pathological(seed_raw: str) -> dict[str, str]:
    """Inputs of about 16,000 characters (the seed has 12,787) built to defeat the scans."""
    return {
        "numbers without punctuation": "12.5 13.6 14.2 " * 1100,  # thousands of numbers in one clause
        "one long dotted number": "增长1." + "5." * 8000 + "%。",
        "long digit string": "全区生产总值增长" + "7" * 16000 + "%。",
        "long run without punctuation": "推动经济高质量发展" * 1800,
        "a quantity every 8 characters in one clause": "产值" + "和".join(f"{i}.5亿元" for i in range(1500)) + "。",
        "seed wrapped every 7 characters": "\n".join(seed_raw[i:i + 7] for i in range(0, len(seed_raw), 7)),
    }


def test_time_is_linear_within_10x_of_the_seed(seed_raw):
    """The work of an extraction is linear in the text and in the rows it finds: on pathological
    inputs, time <= 10 x the seed's time per character x characters (or, for inputs denser in
    quantities than the seed, x its time per row x rows). Measured in this process against the seed
    (a quadratic scan makes these 50-500 x)."""
    analysis.extract(seed_raw)  # warm: lexicon, regexes
    seconds, rows = _run(seed_raw, 5)
    per_char, per_row = seconds / len(seed_raw), seconds / rows
    ratios = {}
    for name, text in pathological(seed_raw).items():
        t, n = _run(text, 2)
        ratios[name] = t / max(per_char * len(text), per_row * n)
    slow = {k: round(v, 1) for k, v in ratios.items() if v > 10}
    assert not slow, f"time vs the seed's (per character or per row): {slow}"


# ---------------------------------------------------------------------------------------- any report
@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "某地区2025年政府工作报告\n各位代表：\n我们坚持稳中求进工作总基调，推动高质量发展。\n",  # no quantity at all
    "全区地区生产总值增长5%，粮食产量稳定在800亿斤以上。\n",  # two quantities, no sector
], ids=["no quantity", "two quantities"])
def test_any_report_builds_every_chapter_without_errors_or_warnings(tmp_path, monkeypatch, text, small_corpus):
    """The real chapters on reports unlike the seed: every page is built (strict), and no cell of any
    chapter has an error or anything on stderr (a plotting warning would land there). With a corpus of two
    reports (what is tested is the report given; its caches cold: two reports extract in seconds)."""
    monkeypatch.setattr(config, "BUILD", tmp_path / "build")
    monkeypatch.setattr(config, "SITES", tmp_path / "build" / "sites")
    seed = tmp_path / "small_report.txt"
    seed.write_text(text, encoding="utf-8")
    out = tmp_path / "html"
    build.run(seed=str(seed), out=str(out), quiet=True)
    from analysis.corpus import sector_chapters

    chapters = [c["name"] for c in sector_chapters.sector_plan(config.report_config(), seed)[0]]  # no empty sector chapter
    every = [c["name"] for c in config.report_config()["chapters"] if "sector" not in (c.get("parameters") or {})]
    assert set(every) <= set(chapters)
    assert sorted(p.stem for p in (out / "chapters").glob("*.html")) == sorted(chapters)
    for name in chapters:
        nb = nbformat.read(config.SITES / "small_report" / "book" / "chapters" / f"{name}.ipynb", as_version=4)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                assert output.get("output_type") != "error", (name, output.get("ename"), output.get("evalue"))
                assert output.get("name") != "stderr", (name, output.get("text", "")[:300])


# ---------------------------------------------------------------------------------------- nothing stale
def test_every_input_of_a_page_is_in_its_hash(tmp_path, monkeypatch):
    """The pages' Jinja2 templates (every file of the package), the corpus manifest and the corpus texts
    change the chapters' inputs hash."""
    from analysis.project import hashing

    package = tmp_path / "analysis"
    shutil.copytree(hashing.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(hashing, "PACKAGE", package)
    before = hashing.package_hash()
    template = sorted((package / "templates").glob("*.j2"))[0]
    template.write_text(template.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    assert hashing.package_hash() != before

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "manifest.csv").write_text("file,region_zh\na.txt,广东\n", encoding="utf-8")
    (corpus / "a.txt").write_text("地区生产总值增长5%。\n", encoding="utf-8")
    monkeypatch.setattr(config, "CORPUS", corpus)
    first = hashing.corpus_hash()
    (corpus / "manifest.csv").write_text("file,region_zh\na.txt,内蒙古\n", encoding="utf-8")
    second = hashing.corpus_hash()
    (corpus / "a.txt").write_text("地区生产总值增长6%。\n", encoding="utf-8")
    assert len({first, second, hashing.corpus_hash()}) == 3


KILLED_WHILE_STORING = """
import os, signal, sys
from pathlib import Path
import pandas as pd
from analysis.build import pipeline as build
from analysis.project import config, files
from analysis.corpus import table
config.BUILD = Path(sys.argv[1])
df = table.load_table(sys.argv[2])  # extracted, stored
def killed(self, path, *args, **kwargs):  # kill -9 halfway through writing the temporary file
    Path(path).write_bytes(b"PAR1 half a table")
    os.kill(os.getpid(), signal.SIGKILL)
pd.DataFrame.to_parquet = killed
with files.journal(build.journal_path()):
    table._store(table.cache_dir() / "0123.parquet", df)
"""


def test_a_build_killed_while_storing_a_table_leaves_nothing_in_the_cache(tmp_path):
    """The extraction cache's temporary files are the build's too: named in its journal before they exist,
    so the next build removes what a killed one left in build/cache/tables (and nothing else)."""
    from analysis.corpus import table
    from analysis.project import files

    p = subprocess.run([sys.executable, "-c", KILLED_WHILE_STORING, str(tmp_path / "build"), str(REPORT)],
                       cwd=ROOT, capture_output=True, timeout=300)
    assert p.returncode == -signal.SIGKILL, p.stderr.decode()[-2000:]
    tables = tmp_path / "build" / "cache" / "tables"
    left = sorted(q.name for q in tables.iterdir() if q.name.startswith("."))
    assert len(left) == 1 and left[0].startswith(".0123.") and left[0].endswith(".tmp"), left
    users = tables / ".0123.notes.tmp"  # looks like one, was not made by a build: stays
    users.write_text("mine")
    kept = sorted(q.name for q in tables.iterdir() if not q.name.startswith("."))
    assert files.sweep_journal(tmp_path / "build" / "state" / "journal") == 1
    assert sorted(q.name for q in tables.iterdir() if q.name.startswith(".")) == [users.name]
    assert sorted(q.name for q in tables.iterdir() if not q.name.startswith(".")) == kept
    assert table.cache_dir() != tables  # nothing of this process was changed


@pytest.mark.parametrize("damage", ["a value changed", "a column missing", "truncated", "no checksum"])
def test_a_damaged_cached_table_is_extracted_again_with_a_note(tmp_path, monkeypatch, capsys, damage):
    import pandas as pd

    from analysis.corpus import table

    monkeypatch.setattr(config, "BUILD", tmp_path / "build")
    right = table.load_table(REPORT)
    assert capsys.readouterr().err == ""
    cached = list(table.cache_dir().glob("*.parquet"))
    assert len(cached) == 1 and cached[0].with_suffix(".sha256").is_file()
    f = cached[0]
    if damage == "a value changed":  # a table with wrong values, written by something else than the cache
        df = pd.read_parquet(f)
        df.loc[0, "value"] = df.loc[0, "value"] * 2 + 1
        df.to_parquet(f, index=False)
    elif damage == "a column missing":  # a table of an older schema, with a checksum that matches
        pd.read_parquet(f).drop(columns=["concept"]).to_parquet(f, index=False)
        import hashlib

        f.with_suffix(".sha256").write_text(hashlib.sha256(f.read_bytes()).hexdigest() + "\n")
    elif damage == "truncated":
        f.write_bytes(f.read_bytes()[:100])
    else:
        f.with_suffix(".sha256").unlink()
    again = table.load_table(REPORT)
    pd.testing.assert_frame_equal(again, right)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("note: cached table ") and "extracting again" in err, err
    pd.testing.assert_frame_equal(table.load_table(REPORT), right)  # stored anew: no note the next time
    assert capsys.readouterr().err == ""


def test_a_title_naming_another_region_than_the_text_warns_and_the_text_wins(tmp_path, capsys):
    from analysis.reading import document

    raw = analysis.read_text(config.DEFAULT_SEED)  # Inner Mongolia's report (a fragment, no header)
    doc = document.from_text("2025年广东省政府工作报告\n各位代表：\n" + raw, "mislabelled")
    assert (doc.region, doc.region_en) == ("内蒙古", "Inner Mongolia")
    assert "广东" in doc.conflict and "内蒙古" in doc.conflict
    agreeing = document.from_text("2025年内蒙古自治区政府工作报告\n各位代表：\n" + raw, "labelled")
    assert (agreeing.region, agreeing.conflict) == ("内蒙古", "")
    seed = tmp_path / "mislabelled.txt"
    seed.write_text("2025年广东省政府工作报告\n各位代表：\n" + raw, encoding="utf-8")
    build.plan(str(seed), None)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("warning: ") and "the text's region is used" in err


# ---------------------------------------------------------------------------------------- bounded, plain
def _children(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(proc.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_extract_workers_die_with_their_parent(tmp_path, sig):
    big = analysis.read_text(REPORT) * 40  # seconds of work per file: the workers are busy when the signal comes
    paths = []
    for i in range(12):
        paths.append(tmp_path / f"r{i}.txt")
        paths[-1].write_text(big, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "extract", *map(str, paths), "--jobs", "2",
                             "-o", str(tmp_path / "out.csv")], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while len(_children(proc.pid)) < 2:  # wait for the two workers (an event: they exist)
        assert proc.poll() is None and time.monotonic() < deadline, "the workers never started"
        time.sleep(0.05)
    workers = _children(proc.pid)
    os.kill(proc.pid, sig)  # the parent only, as a closed terminal or a service manager does
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 128 + sig, err
    assert err.splitlines() == ["error: interrupted"], err
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers):
        assert time.monotonic() < deadline, f"workers left running: {[w for w in workers if _alive(w)]}"
        time.sleep(0.05)
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("where", ["under a file", "a mount point"])
def test_out_problems_are_found_before_any_work(tmp_path, monkeypatch, where):
    if where == "under a file":
        (tmp_path / "notes.txt").write_text("mine")
        out = tmp_path / "notes.txt" / "site"
        p = _cli("build", "--seed", REPORT, "--out", out)
        assert p.returncode == 1 and p.stdout == "", p.stdout  # nothing ran: no stage was printed
        assert p.stderr.count("\n") == 1 and p.stderr.startswith(f"error: --out {out}: ") and "is a file" in p.stderr
        assert (tmp_path / "notes.txt").read_text() == "mine"
    else:
        out = tmp_path / "mnt"
        out.mkdir()
        real = os.path.ismount
        monkeypatch.setattr(os.path, "ismount", lambda q: Path(q) == out or real(q))
        with pytest.raises(build.BuildError, match="is a mount point"):
            build.check_out(out, REPORT)


def test_a_full_disk_is_one_short_line_naming_the_path(tmp_path, monkeypatch, capsys):
    import errno

    monkeypatch.setattr(config, "BUILD", tmp_path / "build")
    target = tmp_path / "site" / "_data" / "data" / "indicators.parquet"

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(build, "write_data", full)
    assert cli.main(["build", "--seed", str(REPORT), "--out", str(tmp_path / "site"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err == f"error: no space left on device: {target}; the published site is unchanged\n"
    # the same on the command line, writing to a full device
    with open("/dev/full", "wb") as devfull:
        p = subprocess.run([sys.executable, "-m", "analysis", "extract", str(REPORT)], cwd=ROOT, stdout=devfull,
                           stderr=subprocess.PIPE, text=True, timeout=120)
    assert p.returncode == 1 and p.stderr.startswith("error: no space left on device") and p.stderr.count("\n") == 1
    assert len(p.stderr) < 200
    # copying a site onto a full disk fails for every file at once (shutil.Error): still one short line
    failures = [(f"/w/{i}.html", f"/site/{i}.html", f"[Errno 28] No space left on device: '/site/{i}.html'")
                for i in range(3000)]
    assert build.os_error_line(shutil.Error(failures)) == "no space left on device: /site/0.html (and 2999 more)"


def test_the_configured_title_is_escaped_in_the_entry_page(tmp_path, monkeypatch):
    cfg = {**config.report_config(), "title": "Report </title><script>alert(1)</script> & co"}
    monkeypatch.setattr(config, "report_config", lambda *a, **k: cfg)
    build.write_index(tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "<title>Report &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>" in page


def test_a_template_that_is_not_a_notebook_is_named_without_its_content(tmp_path):
    secret = tmp_path / "credentials.ipynb"
    secret.write_text("password=hunter2\nsecond line\n", encoding="utf-8")
    spec = build.ChapterSpec(name="bad", title="Bad", template=str(secret), template_display="credentials.ipynb",
                             parameters={"seed": "s.txt"}, out=str(tmp_path / "bad-out.ipynb"), hash="h",
                             kernel="python3")
    (result,) = build.execute_chapters([spec], jobs=1)
    assert result.error == "chapter bad: credentials.ipynb is not a Jupyter notebook (nbformat 4 JSON)"
    assert "hunter2" not in result.error


def test_the_journal_removes_exactly_the_recorded_names(tmp_path):
    """Any folder name (a line break in it too) is recorded whole: the sweep removes the build's
    temporary names and nothing else, also not a folder named like the first line of one."""
    from analysis.project import files

    odd = tmp_path / "site\nnotes"
    odd.mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "mine.txt").write_text("mine")
    journal = tmp_path / "journal"
    with files.journal(journal):
        made = [files.make_temp_dir(odd, ".html.building-"), files.temp_path(tmp_path, ".x.", ".tmp")]
        made[1].write_text("partial")
    with open(journal, "a", encoding="utf-8") as f:
        f.write('"/cut short by a ki')  # a line a kill interrupted: its file was never created
    assert files.sweep_journal(journal) == 2
    assert not any(p.exists() for p in made)
    assert (tmp_path / "site" / "mine.txt").read_text() == "mine" and odd.is_dir()
    assert journal.read_text() == "" and files.sweep_journal(journal) == 0


def test_a_swallowed_sigterm_still_stops_the_work():
    """A SIGTERM whose exception Python swallowed (raised inside logging's after-fork hook while a process pool
    forks a worker) is not lost: the signal is recorded and raised before any output is written."""
    import signal

    from analysis.project import processes

    with pytest.raises(processes.Stopped) as stopped, processes.stop_on_signals():
        try:
            processes._stop(int(signal.SIGTERM), None)  # what the handler does; the raise is then swallowed
        except processes.Stopped:
            pass
        written = True  # the work went on after the swallowed raise
    assert written and stopped.value.signum == signal.SIGTERM
    with processes.stop_on_signals():  # a new stretch of work starts clean
        pass
