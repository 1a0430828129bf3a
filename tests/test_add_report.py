"""Adding a report to the corpus (`python -m analysis add-report`), on copies of the corpus in tmp folders
(GOVREPORT_CORPUS): the identity read from the text and its overrides, the file and its manifest row,
duplicates and bad input refused with one line and nothing written, the confirmation prompt on a terminal,
the new report visible to analysis.corpus.manifest and to the next build.

The blind reports (being annotated) are never copied, read or added here."""

from __future__ import annotations

import csv
import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cli
from analysis.project import config

from .helpers import BLIND_FILES, ROOT, UNSEEN

BLIND = BLIND_FILES  # the register's blind reports (tests/fixtures/heldout/reports.csv)
CORPUS = config.SEEDS / "corpus"
COMMAND = [sys.executable, "-m", "analysis", "add-report"]

# A made-up 2027 report of a province the corpus has (its names and file name come from the corpus).
REPORT_2027 = """广东省人民政府工作报告
——2027年1月20日在广东省第十四届人民代表大会第七次会议上
省长 王某某
各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。
一、2026年工作回顾
过去一年，全省地区生产总值增长5.1%，一般公共预算收入增长3.2%，城镇新增就业130万人。
二、2027年工作安排
2027年经济社会发展的主要预期目标是：地区生产总值增长5%左右；城镇新增就业110万人以上；城镇调查失业率5.5%以内；居民消费价格涨幅2%左右。
各位代表！让我们奋勇争先，再创新辉煌！
"""


def copy_corpus(dest: Path, only: tuple[str, ...] | None = None) -> Path:
    """A copy of seeds/corpus (txt files and manifest rows), without the blind reports."""
    dest.mkdir()
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = [r for r in reader if r["file"] not in BLIND and (only is None or r["file"] in only)]
        header = reader.fieldnames
    with (dest / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    for r in rows:
        shutil.copyfile(CORPUS / r["file"], dest / r["file"])
    return dest


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_corpus(tmp_path_factory.mktemp("pristine") / "corpus")


@pytest.fixture
def corpus(pristine, tmp_path, monkeypatch) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(pristine, dest)
    monkeypatch.setattr(config, "CORPUS", dest)  # in this process; subprocesses get GOVREPORT_CORPUS
    return dest


@pytest.fixture
def report_2027(tmp_path) -> Path:
    p = tmp_path / "gd2027.txt"
    p.write_text(REPORT_2027, encoding="utf-8")
    return p


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def manifest_rows(folder: Path) -> list[dict]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run(corpus: Path, *args, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "GOVREPORT_CORPUS": str(corpus)}
    return subprocess.run([*COMMAND, *map(str, args)], capture_output=True, cwd=ROOT, env=env, timeout=300,
                          stdin=subprocess.DEVNULL, **kw)


def add(*args) -> int:
    """The command in this process (faster than a subprocess); stdin is not a terminal under pytest."""
    return cli.main(["add-report", *map(str, args)])


def one_error_line(capsys, fragment: str) -> None:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and fragment in err, err
    assert "Traceback" not in err


# ---------------------------------------------------------------------------------------- adding
def test_a_2027_report_is_added_and_visible_to_the_panel(corpus, report_2027):
    before = snapshot(corpus)
    p = run(corpus, report_2027, "--yes")
    assert p.returncode == 0, p.stderr.decode()
    out = p.stdout.decode()
    assert "广东省 (Guangdong)" in out and "2027" in out and "next: make build" in out
    after = snapshot(corpus)
    assert set(after) - set(before) == {"2027_guangdong.txt"}
    assert after["2027_guangdong.txt"] == report_2027.read_bytes()  # copied verbatim
    assert all(after[f] == before[f] for f in before if f != "manifest.csv")
    # the existing rows kept byte for byte, one row appended
    assert after["manifest.csv"].startswith(before["manifest.csv"])
    assert after["manifest.csv"][len(before["manifest.csv"]):].decode() == (
        f"2027_guangdong.txt,广东省,Guangdong,2027,provincial,{len(REPORT_2027)},yes,added by python -m analysis "
        "add-report\n")
    # a new process sees it through analysis.corpus.manifest (the corpus folder from GOVREPORT_CORPUS)
    code = ("import json; from analysis.corpus import manifest, placement; m = manifest.manifest(); "
            "print(json.dumps([m['file'].tolist(), str(manifest.report_path('Guangdong', 2027)), "
            "str(placement.corpus_seed('guangdong'))]))")
    q = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=300,
                       env={**os.environ, "GOVREPORT_CORPUS": str(corpus)}, check=True)
    files, path, latest = json.loads(q.stdout)
    assert files[-1] == "2027_guangdong.txt" and len(files) == len(manifest_rows(corpus))
    assert path == latest == str(corpus / "2027_guangdong.txt")  # REGION=guangdong now builds the 2027 report


def test_in_process_panel_sees_the_added_report(corpus, report_2027, monkeypatch):
    from analysis.corpus import manifest

    monkeypatch.setattr(manifest, "CORPUS", corpus)
    monkeypatch.setattr(manifest, "MANIFEST", corpus / "manifest.csv")
    manifest.manifest.cache_clear()
    n = len(manifest.manifest())
    assert add(report_2027, "--yes") == 0
    m = manifest.manifest()  # the command clears the cached manifest
    assert len(m) == n + 1 and m.iloc[-1][["file", "region_zh", "region_en", "year", "level"]].tolist() == [
        "2027_guangdong.txt", "广东省", "Guangdong", 2027, "provincial"]
    manifest.manifest.cache_clear()


def test_a_city_needs_an_english_name(corpus, capsys):
    before = snapshot(corpus)
    assert add(UNSEEN / "municipal_wrapped.txt", "--yes") == 2
    one_error_line(capsys, "give --region-en")
    assert snapshot(corpus) == before
    assert add(UNSEEN / "municipal_wrapped.txt", "--yes", "--region-en", "Linjiang", "--source", "a test") == 0
    row = manifest_rows(corpus)[-1]
    assert row["file"] == "2026_linjiang.txt" and (row["region_zh"], row["region_en"], row["level"]) == (
        "临江市", "Linjiang", "municipal")
    assert row["source"] == "a test" and row["complete"].startswith("not verified (page markers")
    assert (corpus / "2026_linjiang.txt").read_bytes() == (UNSEEN / "municipal_wrapped.txt").read_bytes()


def test_county_and_national_levels_read_from_the_text(corpus):
    assert add(UNSEEN / "county.txt", "--yes", "--region-en", "Chagannur Banner") == 0
    # the corpus has the 2026 national report: this one is added as another year's (its level and names
    # are still read from its text)
    assert add(UNSEEN / "national.txt", "--yes", "--year", "2030") == 0
    county, national = manifest_rows(corpus)[-2:]
    assert (county["file"], county["region_zh"], county["level"], county["year"]) == (
        "2026_chagannurbanner.txt", "查干淖尔旗", "county", "2026")
    assert (national["file"], national["region_zh"], national["region_en"], national["level"]) == (
        "2030_national.txt", "全国", "China (national)", "national")


def test_overrides_give_what_the_text_does_not(corpus, capsys, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_bytes((UNSEEN / "no_numbers.txt").read_bytes())
    before = snapshot(corpus)
    assert add(plain, "--yes") == 2  # the text names no region
    one_error_line(capsys, "give --region")
    assert add(plain, "--yes", "--region", "广东") == 2  # ... and gives no year
    one_error_line(capsys, "give --year")
    assert snapshot(corpus) == before
    assert add(plain, "--yes", "--region", "Guangdong", "--year", "2027", "--complete", "yes") == 0
    row = manifest_rows(corpus)[-1]
    assert [row[k] for k in ("file", "region_zh", "region_en", "year", "level")] == [
        "2027_guangdong.txt", "广东省", "Guangdong", "2027", "provincial"]
    out = capsys.readouterr().out
    assert "[--region]" in out and "[--year]" in out


def test_year_and_region_overrides_of_a_read_identity(corpus, report_2027, capsys):
    assert add(report_2027, "--yes", "--year", "2028", "--region", "内蒙古") == 0
    row = manifest_rows(corpus)[-1]
    assert [row[k] for k in ("file", "region_zh", "region_en", "year")] == [
        "2028_neimenggu.txt", "内蒙古自治区", "Inner Mongolia", "2028"]


# ---------------------------------------------------------------------------------------- refusals
def test_duplicates_are_refused_with_one_line_and_nothing_written(corpus, report_2027, tmp_path, capsys):
    existing = manifest_rows(corpus)[0]
    same_bytes = tmp_path / "copy.txt"
    same_bytes.write_bytes((corpus / existing["file"]).read_bytes())
    other_encoding = tmp_path / "gbk.txt"  # the same text as GB18030 with CRLF line ends
    other_encoding.write_bytes((corpus / existing["file"]).read_text(encoding="utf-8")
                               .replace("\n", "\r\n").encode("gb18030"))
    assert add(report_2027, "--yes") == 0
    before = snapshot(corpus)
    second = tmp_path / "gd2027-revised.txt"  # same region and year, other text
    second.write_text(REPORT_2027.replace("5.1%", "5.2%"), encoding="utf-8")
    cases = [
        ((report_2027,), "already has the 2027 report of Guangdong"),
        ((second,), "already has the 2027 report of Guangdong"),
        ((same_bytes, "--year", "2030"), f"the same file is already in the corpus as {existing['file']}"),
        ((other_encoding, "--year", "2030"), f"the same text is already in the corpus as {existing['file']}"),
        ((report_2027, "--region", existing["region_zh"], "--year", existing["year"]),
         f"already has the {existing['year']} report of {existing['region_en']}"),
    ]
    for args, fragment in cases:
        assert add(*args, "--yes") == 2, args
        one_error_line(capsys, fragment)
        assert snapshot(corpus) == before, args


def test_a_duplicate_is_refused_by_the_command_line_too(corpus, report_2027):
    assert run(corpus, report_2027, "--yes").returncode == 0
    before = snapshot(corpus)
    p = run(corpus, report_2027, "--yes")
    err = p.stderr.decode()
    assert p.returncode != 0 and err.count("\n") == 1 and "already has the 2027 report of Guangdong" in err
    assert "Traceback" not in err and snapshot(corpus) == before


def _file(name, data):
    def make(d):
        (d / name).write_bytes(data)
        return d / name
    return make


@pytest.mark.parametrize("make,fragment", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a directory"),
    (_file("e.txt", b""), "empty file"),
    (_file("w.txt", "\ufeff\u3000\n".encode()), "empty file"),
    (_file("b.bin", bytes(range(256)) * 8), "binary file"),
    (_file("u.txt", b"abc\x80\x80def\x80"), "cannot decode"),
    (_file("latin.txt", b"Minutes of a meeting, no report at all.\n"), "does not say whose report"),
])
def test_bad_input_one_line_nothing_written(corpus, tmp_path, capsys, make, fragment):
    src = tmp_path / "in"
    src.mkdir()
    before = snapshot(corpus)
    assert add(make(src), "--yes") == 2
    one_error_line(capsys, fragment)
    assert snapshot(corpus) == before


@pytest.mark.parametrize("args,fragment", [
    (("--level", "town"), "--level 'town': expected one of national, provincial, municipal, county"),
    (("--year", "20270"), "--year 20270: not a plausible report year"),
    (("--region-en", "广东"), "gives no file name"),
])
def test_bad_overrides_one_line(corpus, report_2027, capsys, args, fragment):
    before = snapshot(corpus)
    assert add(report_2027, "--yes", *args) == 2
    one_error_line(capsys, fragment)
    assert snapshot(corpus) == before


def test_missing_corpus_folder(tmp_path, report_2027, capsys, monkeypatch):
    monkeypatch.setattr(config, "CORPUS", tmp_path / "nowhere")
    assert add(report_2027, "--yes") == 2
    one_error_line(capsys, "no such corpus folder")


def test_a_file_left_by_a_killed_addition_is_taken_over_or_refused(corpus, report_2027, capsys):
    # killed between the file and the manifest: the same bytes are taken over, other bytes refused
    (corpus / "2027_guangdong.txt").write_bytes(b"something else")
    before = snapshot(corpus)
    assert add(report_2027, "--yes") == 2
    one_error_line(capsys, "exists (not in manifest.csv) with other content")
    assert snapshot(corpus) == before
    (corpus / "2027_guangdong.txt").write_bytes(report_2027.read_bytes())
    assert add(report_2027, "--yes") == 0
    assert manifest_rows(corpus)[-1]["file"] == "2027_guangdong.txt"


def test_manifest_write_failure_removes_the_copied_file(corpus, report_2027, monkeypatch, capsys):
    from analysis.project import files

    def fail(path, data):
        raise OSError(28, "No space left on device", str(path))

    before = snapshot(corpus)
    monkeypatch.setattr(files, "write_atomic", fail)
    assert add(report_2027, "--yes") == 1
    one_error_line(capsys, "no space left on device")
    assert snapshot(corpus) == before


def test_an_addition_waits_for_a_running_build(corpus, report_2027):
    from analysis.build import pipeline as build

    env = {**os.environ, "GOVREPORT_CORPUS": str(corpus)}
    with build.build_lock(quiet=True):  # a build is running
        proc = subprocess.Popen([*COMMAND, str(report_2027), "--yes"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, cwd=ROOT, env=env)
        line = proc.stderr.readline().decode()  # the command says it waits ...
        assert "another build is running" in line and "waiting" in line, line
        assert not (corpus / "2027_guangdong.txt").exists()  # ... and has written nothing
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert manifest_rows(corpus)[-1]["file"] == "2027_guangdong.txt"


# ---------------------------------------------------------------------------------------- confirmation
def test_without_a_terminal_nothing_is_added_unless_yes(corpus, report_2027):
    before = snapshot(corpus)
    p = run(corpus, report_2027)
    assert p.returncode == 1
    assert "广东省 (Guangdong)" in p.stdout.decode() and "2027_guangdong.txt" in p.stdout.decode()
    err = p.stderr.decode()
    assert err.count("\n") == 1 and "--yes" in err
    assert snapshot(corpus) == before


def _on_a_terminal(corpus: Path, report: Path, answer: bytes) -> tuple[int, str]:
    """Run the command with a pseudo-terminal as stdin and stdout; answer the prompt when it appears."""
    master, slave = pty.openpty()
    env = {**os.environ, "GOVREPORT_CORPUS": str(corpus)}
    proc = subprocess.Popen([*COMMAND, str(report)], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env,
                            close_fds=True)
    os.close(slave)
    out, answered = b"", False
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 300)  # a guard against a hang, not a timing
            assert ready, out.decode(errors="replace")
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the command exited and closed the terminal
                break
            if not chunk:
                break
            out += chunk
            if not answered and b"[y/N]" in out:
                os.write(master, answer)
                answered = True
    finally:
        os.close(master)
    return proc.wait(timeout=300), out.decode(errors="replace")


def test_the_prompt_on_a_terminal(corpus, report_2027):
    before = snapshot(corpus)
    code, out = _on_a_terminal(corpus, report_2027, b"n\n")
    assert code == 1 and "Add this report to the corpus? [y/N]" in out and "not confirmed" in out
    assert snapshot(corpus) == before
    code, out = _on_a_terminal(corpus, report_2027, b"y\n")
    assert code == 0 and "added" in out
    assert manifest_rows(corpus)[-1]["file"] == "2027_guangdong.txt"


# ---------------------------------------------------------------------------------------- the next build
STAGE_ONE = """
import json, sys
from pathlib import Path
from analysis.project import config
config.BUILD = Path(sys.argv[1])  # caches of this test only
from analysis.build import pipeline as build
from analysis.project.hashing import tree_hash
book = Path(sys.argv[2])
t = build.Target("t", config.DEFAULT_SEED, config.display_path(config.DEFAULT_SEED), book, book / "html")
build.stage_book_sources(t)
build.write_data(t)
specs = build.chapter_specs(t, tree_hash(book / "_data"))
print(json.dumps({"files": sorted(p.name for p in (book / "_data" / "data").iterdir()),
                  "chapters": {s.name: s.hash for s in specs}, "book": build._book_work_key(t)}))
"""


def test_the_next_build_takes_the_new_report(tmp_path, report_2027):
    """What `make build` decides from: its first stage publishes the new report's annotated source page,
    so that every chapter's inputs hash and the book's key change (all chapters re-run with the new
    corpus, the book is rebuilt); a refused addition changes nothing. (A whole build of a corpus copy
    takes 1.5 min on 2 cores: the decisions it makes are tested here instead.)"""
    corpus = copy_corpus(tmp_path / "corpus", only=("2025_hebei.txt", "2026_hebei.txt"))
    env = {**os.environ, "GOVREPORT_CORPUS": str(corpus)}

    def stage_one() -> dict:
        p = subprocess.run([sys.executable, "-c", STAGE_ONE, str(tmp_path / "build"), str(tmp_path / "book")],
                           capture_output=True, cwd=ROOT, env=env, timeout=600)
        assert p.returncode == 0, p.stderr.decode()[-2000:]
        return json.loads(p.stdout)

    before = stage_one()
    assert "source-2026_hebei.html" in before["files"] and "source-2027_guangdong.html" not in before["files"]
    assert run(corpus, report_2027, "--yes").returncode == 0
    after = stage_one()
    assert set(after["files"]) - set(before["files"]) == {"source-2027_guangdong.html"}
    page = (tmp_path / "book" / "_data" / "data" / "source-2027_guangdong.html").read_text(encoding="utf-8")
    # a province this corpus does not have: named as the lexicon names it (广东, Guangdong)
    assert "Guangdong 2027 government work report" in page and "2027年广东政府工作报告" in page
    assert all(after["chapters"][k] != before["chapters"][k] for k in before["chapters"])
    assert after["book"] != before["book"]
    assert run(corpus, report_2027, "--yes").returncode != 0  # refused: nothing changes
    assert stage_one() == after
