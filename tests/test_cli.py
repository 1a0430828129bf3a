"""The command line: formats, several paths, processes, and one clear line for every bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.project import files
from analysis.project.errors import BuildError

from .helpers import ROOT, SEED


def run(*args, check=False, timeout=None):
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, cwd=ROOT,
                          check=check, timeout=timeout)


def test_help_explains_everything():
    out = run("--help", check=True).stdout.decode()
    for word in ("extract", "schema", "evaluate", "build", "pdf"):
        assert word in out
    out = run("extract", "--help", check=True).stdout.decode()
    for word in ("--format", "csv", "json", "parquet", "--output", "--jobs", "stdout", "GB18030"):
        assert word in out


def test_csv_to_stdout_has_header_and_rows(seed_df):
    p = run("extract", SEED, check=True)
    df = pd.read_csv(io.BytesIO(p.stdout), keep_default_na=False)
    assert list(df.columns) == analysis.columns()
    assert len(df) == len(seed_df)
    assert p.stderr == b""


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_formats_to_file_round_trip(tmp_path, fmt, seed_df):
    out = tmp_path / f"x.{fmt}"
    run("extract", SEED, "--format", fmt, "-o", out, check=True)
    if fmt == "csv":
        df = pd.read_csv(out, keep_default_na=False)
    elif fmt == "json":
        df = pd.DataFrame(json.loads(out.read_text(encoding="utf-8")))
    else:
        df = pd.read_parquet(out)
        assert {c: str(t) for c, t in df.dtypes.items()} == analysis.dtypes()
    assert list(df.columns) == analysis.columns()
    assert df["value_base"].astype(float).tolist() == seed_df["value_base"].tolist()
    assert df["raw"].tolist() == seed_df["raw"].tolist()


def test_several_paths_one_table_and_jobs(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("地区生产总值增长6%左右。", encoding="utf-8")
    b.write_text("新增城镇就业18万人以上，粮食产量稳定在800亿斤以上。", encoding="gb18030")
    serial = run("extract", a, b, check=True).stdout
    parallel = run("extract", a, b, "--jobs", "2", check=True).stdout
    assert serial == parallel
    df = pd.read_csv(io.BytesIO(serial), keep_default_na=False)
    assert df["doc"].tolist() == ["a", "b", "b"]


def test_same_stem_in_two_folders_is_told_apart(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    for d in ("x", "y"):
        (tmp_path / d / "r.txt").write_text("增长5%。", encoding="utf-8")
    df = analysis.extract_many([tmp_path / "x" / "r.txt", tmp_path / "y" / "r.txt"])
    assert df["doc"].nunique() == 2


def _file(name, data):
    def make(d):
        (d / name).write_bytes(data)
        return d / name
    return make


@pytest.mark.parametrize("make,fragment", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a directory"),
    (_file("e.txt", b""), "empty file"),
    (_file("b.bin", bytes(range(256)) * 8), "binary file"),
    (_file("u.txt", b"abc\x80\x80def\x80"), "cannot decode"),
    (_file("w.txt", "\ufeff\u3000\u00a0\n".encode()), "empty file"),
    (lambda d: (os.mkfifo(d / "fifo.txt"), d / "fifo.txt")[1], "FIFO"),
    (lambda d: Path("/dev/zero"), "character device"),
])
def test_bad_input_one_line_nonzero_exit(tmp_path, make, fragment):
    path = make(tmp_path)
    out = tmp_path / "out.csv"
    p = run("extract", path, "-o", out, timeout=60)
    assert p.returncode != 0
    err = p.stderr.decode()
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err
    assert not out.exists()


def test_bad_options(tmp_path):
    for args in (["extract", SEED, "--format", "xml"], ["extract", SEED, "--jobs", "0"], ["extract", SEED, "-j", "x"],
                 ["nonsense"], ["notebooks", "bogus"], ["build", "--no-such-option"]):
        p = run(*args)
        err = p.stderr.decode()
        assert p.returncode == 2, (args, err)
        assert err.count("\n") == 1 and "error" in err and "Traceback" not in err, (args, err)


def test_no_numbers_is_an_empty_table_not_an_error(tmp_path):
    p = tmp_path / "prose.txt"
    p.write_text("坚持稳中求进工作总基调。", encoding="utf-8")
    out = run("extract", p, check=True).stdout.decode()
    assert out.strip() == ",".join(analysis.columns())


def test_output_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "keep.csv"
    target.write_text("published\n")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OSError):
        files.write_atomic(target, b"new")
    assert target.read_text() == "published\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]


@pytest.mark.slow
def test_a_big_file_is_extracted_whole_with_exact_spans(tmp_path, seed_df):
    """A file of 2 MiB (about 57 copies of the seed, about twenty times the largest report of the corpus)
    through the command line: every copy's quantities are found, at their exact places. The size is not the
    point beyond "much larger than a report" (extraction is linear: benchmarks/scale.py and extract_speed.py
    time 5-10 MB, and the 512 MiB limit is enforced before the file is read whole: tests/test_reading.py)."""
    base = analysis.read_text(SEED)
    big = tmp_path / "big.txt"
    copies = 0
    with open(big, "w", encoding="utf-8") as f:
        while f.tell() < 2 * 2**20:
            f.write(base)
            copies += 1
    out = tmp_path / "big.parquet"
    p = run("extract", big, "-o", out)
    assert p.returncode == 0, p.stderr.decode()
    df = pd.read_parquet(out)
    assert len(df) == copies * len(seed_df), (len(df), copies, len(seed_df))  # every copy, every quantity
    text = analysis.read_text(big)
    assert df["start"].max() > len(text) - len(base)  # the last copy too
    sample = df.sample(200, random_state=0)
    assert all(text[s:e] == r for s, e, r in zip(sample["start"], sample["end"], sample["raw"]))


def test_output_equal_to_an_input_is_refused(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("地区生产总值增长6%左右。", encoding="utf-8")
    before = report.read_bytes()
    (tmp_path / "link.csv").symlink_to(report)
    (tmp_path / "hard.csv").hardlink_to(report)
    for out in (report, tmp_path / "link.csv", tmp_path / "hard.csv", tmp_path / "." / "r.txt"):
        p = run("extract", report, "-o", out, "--format", "csv")
        err = p.stderr.decode()
        assert p.returncode != 0 and "also an input" in err and err.count("\n") == 1, (out, err)
        assert report.read_bytes() == before


def test_missing_output_folder_is_an_error_not_created(tmp_path):
    p = run("extract", SEED, "-o", tmp_path / "nope" / "x.csv")
    assert p.returncode != 0 and "does not exist" in p.stderr.decode()
    assert not (tmp_path / "nope").exists()
    p = run("extract", SEED, "-o", tmp_path)
    assert p.returncode != 0 and "is a directory" in p.stderr.decode()


def test_output_file_mode_follows_the_umask(tmp_path):
    out = tmp_path / "x.csv"
    subprocess.run(["sh", "-c", 'umask 022 && exec "$0" -m analysis extract "$1" -o "$2"', sys.executable, SEED, out],
                   cwd=ROOT, check=True, capture_output=True)
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o600)
    run("extract", SEED, "-o", out, check=True)
    assert out.stat().st_mode & 0o777 == 0o600  # a replaced file keeps its mode


@pytest.mark.parametrize("failure,line,status", [
    (analysis.ReportError("report.txt: not a report"), "error: report.txt: not a report", 2),
    (BuildError("chapter energy failed"), "error: chapter energy failed", 1),
    (OSError(28, "No space left on device", "/site/x.html"),
     "error: no space left on device: /site/x.html; the published site is unchanged", 1),
    (KeyboardInterrupt(), "error: interrupted; the published site is unchanged", 130),
])
def test_build_and_notebooks_loop_fail_in_the_same_line_and_status(monkeypatch, capsys, failure, line, status):
    """One handler (cli.main): the build and the researcher's loop, which both publish the site, say a failure
    in the same one line with the same exit status, the status of the error's kind."""
    from analysis import cli
    from analysis.build import notebooks, pipeline

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(pipeline, "run", fail)
    monkeypatch.setattr(notebooks, "loop", fail)
    monkeypatch.setattr(cli, "_quiet_after_interrupt", lambda: None)  # this process's stderr stays open
    said = []
    for argv in (["build", "--quiet"], ["notebooks", "loop"]):
        assert cli.main(argv) == status, argv
        said.append(capsys.readouterr().err)
    assert said == [line + "\n", line + "\n"]
    # a command that publishes nothing says no more than what failed
    monkeypatch.setattr(cli, "_cmd_schema", fail)
    assert cli.main(["schema"]) == status
    assert capsys.readouterr().err == line.replace("; the published site is unchanged", "") + "\n"
