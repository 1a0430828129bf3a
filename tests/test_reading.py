"""Reading reports: encodings, line ends, offsets into the decoded text, and bad files."""

from __future__ import annotations

import codecs

import pytest

import analysis
from analysis.reading import ReportError, decode, read_report

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
