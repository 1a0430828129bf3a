"""Reading a report from disk: decoding, with one clear error for anything that is not a text.

Offsets everywhere in the package index the string returned by :func:`read_text`: the file's bytes
decoded (a byte-order mark is an encoding mark, not text, and is consumed by the codec), with
nothing else stripped or normalised — CRLF line ends stay ``\\r\\n``.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from ..project import thresholds as T
from ..project.errors import ReportError

__all__ = ["ReportError", "decode", "read_text", "is_blank", "check_text", "read_report", "check_path", "MAX_BYTES"]

MAX_BYTES = 512 * 1024 * 1024  # refuse anything larger than this: it is not a report

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, LF, VT, FF, CR; a text with many of them is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


_TEXTLIKE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u201f\u00b7\x20-\x7e\t\r\n]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the byte order whose text reads as Chinese/ASCII text."""
    if len(data) % 2:
        return None
    best, best_score = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:T.UTF16_SAMPLE_CHARS]
        score = len(_TEXTLIKE.findall(sample)) / max(1, len(sample))
        if score > best_score:
            best, best_score = text, score
    return best if best_score >= T.UTF16_TEXT_SHARE else None


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding). Raises ReportError with one line."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc + " (BOM)"
            except UnicodeDecodeError as exc:
                raise ReportError(f"{name}: starts with a {enc} byte-order mark but is not valid {enc} "
                                  f"(byte {exc.start + len(bom)})") from None
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        text = None
        lenient = data.decode("utf-8", errors="replace")
        bad = lenient.count("\ufffd")
        if len(lenient) > T.UTF8_MIN_CHARS and bad <= max(1, len(lenient) // T.UTF8_CHARS_PER_BAD) and b"\x00" not in data:
            # UTF-8 with a few corrupt bytes: reading it as GB18030 would turn it into nonsense
            raise ReportError(f"{name}: invalid UTF-8 at byte {exc.start} ({bad} bad byte sequence(s)); "
                              "repair the file or save it again as UTF-8") from None
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        enc = "utf-16"
        if text is None:
            raise ReportError(f"{name}: binary file (contains NUL bytes), not a text report")
    if text is None:
        try:
            text, enc = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as exc:
            raise ReportError(f"{name}: cannot decode byte {exc.start} as UTF-8, GB18030/GBK or UTF-16; "
                              "save the report as UTF-8") from None
    if _looks_binary(text):
        raise ReportError(f"{name}: binary file (control bytes in the text), not a text report")
    return text, enc


def read_text(path: str | Path) -> str:
    """The decoded text of a report file (see the module docstring for what offsets index)."""
    return read_report(path)[0]


# Characters that carry no text: Unicode whitespace (str.isspace) plus byte-order marks and zero-width
# characters; a file made only of them is empty.
_INVISIBLE = frozenset("\ufeff\ufffe\u200b\u200c\u200d\u2060\u180e")


def is_blank(text: str) -> bool:
    """True if the text has no visible character (only whitespace, BOMs, zero-width characters)."""
    return all(c.isspace() or c in _INVISIBLE for c in text)


def check_text(text: str, name: str = "text") -> None:
    """Refuse a str that is not valid Unicode text (a lone surrogate cannot be written to any file)."""
    m = _SURROGATE.search(text)
    if m:
        raise ReportError(f"{name}: lone surrogate U+{ord(m.group()):04X} at offset {m.start()}: not valid "
                          "Unicode text")


_SURROGATE = re.compile("[\ud800-\udfff]")


def read_report(path: str | Path) -> tuple[str, str]:
    """(text, encoding) of a report file, or ReportError with one line saying what is wrong.

    Only regular files are read (a FIFO, a socket or a device is refused before it is opened), and at
    most MAX_BYTES + 1 bytes are read whatever the file claims its size to be.
    """
    p = Path(path)
    check_path(p)
    try:
        # O_NONBLOCK: should the path have been replaced by a FIFO since stat(), open() does not hang
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise ReportError(f"{p}: is not a regular file")
            data = f.read(MAX_BYTES + 1)
    except PermissionError:
        raise ReportError(f"{p}: permission denied") from None
    except OSError as exc:
        raise ReportError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise ReportError(f"{p}: larger than the {MAX_BYTES // 2**20} MiB limit")
    if not data.strip():
        raise ReportError(f"{p}: empty file")
    text, enc = decode(data, str(p))
    if is_blank(text):
        raise ReportError(f"{p}: empty file (only whitespace)")
    return text, enc


def check_path(p: Path) -> os.stat_result:
    """The stat of a report file, or ReportError if it is missing, not a regular file or too large."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ReportError(f"{p}: no such file") from None
    except PermissionError:
        raise ReportError(f"{p}: permission denied") from None
    except OSError as exc:
        raise ReportError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReportError(f"{p}: is a directory, not a report file")
    if not stat.S_ISREG(st.st_mode):
        raise ReportError(f"{p}: is a {_file_kind(st.st_mode)}, not a regular file: save the report to a file first")
    if st.st_size > MAX_BYTES:
        raise ReportError(f"{p}: {st.st_size / 2**20:.0f} MiB is larger than the {MAX_BYTES // 2**20} MiB limit")
    return st


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "FIFO (named pipe)"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return kind
    return "special file"
