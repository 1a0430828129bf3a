"""Reading reports: encodings, line ends, offsets into the decoded text, and bad files."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

import analysis
from analysis.reading import decoding as reading
from analysis.reading.decoding import ReportError, decode, read_report

TEXT = "全区地区生产总值增长6%左右，城镇新增就业18万人以上。\n粮食产量稳定在800亿斤以上。\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""),
])
def test_decodes_common_encodings(tmp_path, encoding, prefix):
    p = tmp_path / "r.txt"
    p.write_bytes(prefix + TEXT.encode(encoding))
    text, _ = read_report(p)
    assert text == TEXT
    df = analysis.extract(p)
    assert list(df["raw"]) == ["6%", "18万人", "800亿斤"]
    for _, r in df.iterrows():
        assert text[r["start"]:r["end"]] == r["raw"]


def test_crlf_offsets_index_the_text_as_decoded(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes("第一段说明。\r\n全区新增就业\r\n18万人。\r\n".encode())
    text = analysis.read_text(p)
    assert "\r\n" in text
    df = analysis.extract(p)
    assert len(df) == 1
    r = df.iloc[0]
    assert text[r["start"]:r["end"]] == r["raw"] == "18万人"


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.bin", bytes(range(256)) * 20, "binary file"),
    ("bad.txt", b"abc\x80\x80\x80def\x80", "cannot decode"),
    ("corrupt-utf8.txt", "全区地区生产总值增长6%左右，城镇新增就业18万人以上。".encode() + b"\xff" + "粮食产量稳定。".encode(),
     "invalid UTF-8 at byte"),
])
def test_bad_files_raise_one_line(tmp_path, name, data, message):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(ReportError) as exc:
        analysis.extract(p)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_missing_and_directory(tmp_path):
    with pytest.raises(ReportError, match="no such file"):
        analysis.extract(tmp_path / "nope.txt")
    with pytest.raises(ReportError, match="is a directory"):
        analysis.extract(tmp_path)


def test_no_numbers_gives_empty_table_with_schema(tmp_path):
    p = tmp_path / "prose.txt"
    p.write_text("我们要坚持稳中求进、守正创新，进一步全面深化改革，千方百计扩大内需。", encoding="utf-8")
    df = analysis.extract(p)
    assert df.empty
    assert list(df.columns) == analysis.columns()
    assert {c: str(t) for c, t in df.dtypes.items()} == analysis.dtypes()


def test_str_is_text_and_path_is_file(tmp_path):
    assert len(analysis.extract("增长5%。")) == 1
    with pytest.raises(TypeError):
        analysis.extract(b"bytes")  # type: ignore[arg-type]


def test_decode_rejects_nul_bytes_that_are_not_utf16():
    with pytest.raises(ReportError, match="binary"):
        decode(b"\x00\x01\x02\x03PNG\x00\x00\x00\x0dIHDR" * 10)


@pytest.mark.parametrize("data", [
    "\u3000\u3000\n".encode(), "\u00a0 \u2003\r\n".encode(), codecs.BOM_UTF8, codecs.BOM_UTF8 + "\u3000".encode(),
    codecs.BOM_UTF16_LE + "\u3000 \n".encode("utf-16-le"), "\u200b\ufeff\n".encode(),
])
def test_only_unicode_whitespace_or_boms_is_an_empty_file(tmp_path, data):
    p = tmp_path / "blank.txt"
    p.write_bytes(data)
    with pytest.raises(ReportError, match="empty file"):
        analysis.extract(p)


def test_lone_surrogate_in_a_str_is_a_report_error():
    with pytest.raises(ReportError, match="lone surrogate U\\+D800 at offset 4") as exc:
        analysis.extract("增长5%\ud800。")
    assert "\n" not in str(exc.value)


def test_fifo_and_devices_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading would block forever
    with pytest.raises(ReportError, match="FIFO"):
        analysis.extract(fifo)
    for dev in ("/dev/zero", "/dev/null", "/dev/urandom"):
        if os.path.exists(dev):
            with pytest.raises(ReportError, match="character device"):
                analysis.extract(Path(dev))


def test_a_file_is_read_only_up_to_the_size_limit(monkeypatch):
    # /proc files are regular files whose st_size is 0 whatever they hold: the limit must hold anyway
    proc = Path("/proc/self/maps")
    if not proc.exists():
        pytest.skip("no procfs")
    monkeypatch.setattr(reading, "MAX_BYTES", 64)
    with pytest.raises(ReportError, match="larger than the"):
        read_report(proc)
