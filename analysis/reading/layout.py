"""Undo the PDF layout of a report while keeping a map back to the raw offsets.

A PDF-extracted report has hard line breaks inside sentences and numbers ("2500亿\\n元"), stray
spaces inside numbers ("19.3 万户"), page markers ("■上接第1版") and blank lines that are sometimes
paragraph breaks and sometimes column breaks inside a sentence. :func:`unwrap` returns a
:class:`Layout`: the readable text (one paragraph per line) and :meth:`Layout.to_raw`, which maps any
span of it back to the span of the original text that it came from (inner spaces and line breaks
included), so that ``raw[start:end]`` is exactly what the reader sees in the file.

Every character of the readable text is a character of the raw text at a known position, except that
a kept whitespace run becomes one " " or one paragraph break "\\n" and full-width digits and letters
become ASCII (same length), so the map is a list of aligned segments.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

from ..language import lexicon
from ..project import thresholds as T

_WS = "[ \\t\\u3000\\u00a0\\u2002\\u2003\\u2009\\u200b\\r\\n\\f\\v]"
_WS_RUN = re.compile(_WS + "+")
# Page markers of a newspaper or PDF layout (■上接第1版, （下转第2版）: found by their core, then extended
# backwards over an optional symbol, bracket and 上/下), page-number lines and heading numbers: lexicon.yaml
# `reading` (page_marker_core_re, page_marker_prefix, page_line_re, heading_number_re).
_TERMINAL = set("。！？!?…；;：:")
_CLOSERS = set("”’\"'」』）)】》")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FULLWIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)},
     **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
     **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
     "％": "%", "．": "."}
)




@lru_cache(maxsize=1)
def _not_plain() -> frozenset:
    """Characters around a line break that need the full rules: sentence ends, closers, the first
    characters of headings (lexicon.yaml reading.not_plain_chars), ASCII words and numbers."""
    return frozenset(set(lexicon.load().reading.not_plain_chars) | set("0123456789") | {
        chr(c) for c in range(0x41, 0x5B)} | {chr(c) for c in range(0x61, 0x7B)})
_FULLWIDTH_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a％．]")


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.-+/")


@dataclass
class Layout:
    """Readable text of a report plus the map back to raw offsets."""

    raw: str
    text: str
    _cpos: list[int] = field(repr=False)
    _rpos: list[int] = field(repr=False)

    def raw_pos(self, i: int) -> int:
        """Raw offset of readable character i."""
        k = bisect_right(self._cpos, i) - 1
        return self._rpos[k] + (i - self._cpos[k])

    def readable_pos(self, raw_i: int) -> int | None:
        """Readable offset of raw character raw_i, or None if the layout removed it."""
        k = bisect_right(self._rpos, raw_i) - 1
        if k < 0:
            return None
        end = self._cpos[k + 1] if k + 1 < len(self._cpos) else len(self.text)
        i = self._cpos[k] + (raw_i - self._rpos[k])
        return i if i < end else None

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span [rs, re) of the readable span [start, end) (end > start)."""
        return self.raw_pos(start), self.raw_pos(end - 1) + 1

    def paragraphs(self) -> list[tuple[int, int]]:
        """Readable spans of the paragraphs (one per line of the readable text)."""
        out, pos = [], 0
        for m in re.finditer("\n", self.text):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if pos < len(self.text):
            out.append((pos, len(self.text)))
        return out


def _line_starts(raw: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(raw)]


def _is_wrapped(raw: str, starts: list[int]) -> tuple[bool, float]:
    """Is the text hard-wrapped at a fixed width (PDF layout)? Returns (wrapped, typical width)."""
    ends = starts[1:] + [len(raw) + 1]
    lengths = [len(raw[s:e].strip()) for s, e in zip(starts[:T.WRAP_SAMPLE_LINES], ends[:T.WRAP_SAMPLE_LINES])]
    lengths = [n for n in lengths if n]
    if len(lengths) < T.WRAP_MIN_LINES:
        return False, 0.0
    width = median(lengths)
    low, high = T.WRAP_BAND
    near = sum(1 for n in lengths if low * width <= n <= high * width)
    return near >= T.WRAP_FULL_SHARE * len(lengths) and width >= T.WRAP_MIN_WIDTH, float(width)


def _last_char(raw: str, pos: int) -> str:
    """Last non-closing character before pos (so that 。” counts as a sentence end)."""
    i = pos - 1
    while i >= 0 and raw[i] in _CLOSERS:
        i -= 1
    return raw[i] if i >= 0 else ""


def unwrap(raw: str) -> Layout:
    """Readable text of a raw report (see the module docstring)."""
    starts = _line_starts(raw)
    wrapped, width = _is_wrapped(raw, starts)
    long_line = T.FULL_LINE_SHARE * width + 1
    pieces: list[str] = []
    cpos: list[int] = []
    rpos: list[int] = []
    clen = 0
    prev_end = 0
    n = len(raw)
    not_plain = _not_plain()
    for gs, ge in _gaps(raw):
        if gs > prev_end:
            cpos.append(clen)
            rpos.append(prev_end)
            pieces.append(raw[prev_end:gs])
            clen += gs - prev_end
        prev_end = ge
        if gs == 0 or ge == n:
            continue  # leading/trailing whitespace and markers
        gap = raw[gs:ge]
        before, after = raw[gs - 1], raw[ge]
        if wrapped and (gap == "\n" or gap == "\r\n") and before not in not_plain and after not in not_plain \
                and gs - starts[bisect_right(starts, gs - 1) - 1] >= long_line:
            continue  # the common case: a hard break inside a sentence of a full line, between two characters
        breaks = gap.count("\n") + gap.count("\r") - gap.count("\r\n")
        sub = ""
        if breaks == 0:
            if _ascii_word(before) and _ascii_word(after):
                sub = " "
        else:
            sub = _gap_with_break(raw, gs, ge, breaks, starts, wrapped, width)
        if sub:
            cpos.append(clen)
            rpos.append(gs if sub == " " else _first_break(raw, gs, ge))
            pieces.append(sub)
            clen += 1
    if prev_end < n:
        cpos.append(clen)
        rpos.append(prev_end)
        pieces.append(raw[prev_end:])
        clen += n - prev_end
    if not cpos:
        cpos, rpos = [0], [0]
    text = "".join(pieces)
    if _FULLWIDTH_RE.search(text):
        text = text.translate(_FULLWIDTH)
    return Layout(raw, text, cpos, rpos)


def _marker_span(raw: str, m) -> tuple[int, int]:
    start = m.start()
    for chars in lexicon.load().reading.page_marker_prefix:
        k = start
        while k > 0 and raw[k - 1] in " \t\u3000":
            k -= 1
        if k > 0 and raw[k - 1] in chars:
            start = k - 1
    return start, m.end()


_INLINE_WS = " \t\u3000"


def _number_line(raw: str, s: int, e: int) -> bool:
    """Is the line raw[s:e] only digits that continue a number wrapped across three lines?

    A line of digits alone is a page number, except between the digits of one number: the line
    before ends with a digit (or a decimal point) after some text, and the line after does not start
    with a digit: 突破27⏎00⏎亿元 is 2700亿元, 近1⏎400⏎个 is 1400个. A column of bare numbers (the line
    before is digits only) and a digits line between two digit runs (50⏎3⏎00公里: a page number) stay
    page numbers.
    """
    body = raw[s:e].strip(_INLINE_WS)
    if not body or not body.isdigit():
        return False
    i = s - 1
    while i >= 0 and raw[i] in _INLINE_WS + "\r\n":
        i -= 1
    if i < 0 or not (raw[i].isdigit() or raw[i] in ".．") or s - i > 3:  # one line break between them
        return False
    prev = raw[raw.rfind("\n", 0, i) + 1:i + 1].strip(_INLINE_WS + "\r")
    if prev.replace(".", "").replace("．", "").isdigit():
        return False
    k = e
    while k < len(raw) and raw[k] in _INLINE_WS + "\r\n":
        k += 1
    return k < len(raw) and not raw[k].isdigit() and k - e <= 2


def _gaps(raw: str) -> list[tuple[int, int]]:
    """Spans to undo: whitespace runs, page markers and page-number lines, merged where they touch."""
    spans = [m.span() for m in _WS_RUN.finditer(raw)]
    extra = [_marker_span(raw, m) for m in lexicon.load().reading.page_marker_core_re.finditer(raw)] + [
        m.span() for m in lexicon.load().reading.page_line_re.finditer(raw) if not _number_line(raw, *m.span())]
    if not extra:
        return spans
    merged: list[list[int]] = []
    for s, e in sorted(spans + [x for x in extra if x[1] > x[0]]):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _first_break(raw: str, gs: int, ge: int) -> int:
    m = _LINE_BREAK.search(raw, gs, ge)
    return m.start() if m else gs


def _gap_with_break(raw: str, gs: int, ge: int, breaks: int, starts: list[int], wrapped: bool,
                    width: float) -> str:
    """What a gap containing line breaks becomes: '' (same sentence), ' ' or '\\n' (new paragraph)."""
    line_start = starts[bisect_right(starts, gs - 1) - 1]
    if breaks == 1:  # around a digits-only line inside a number: 27⏎00⏎亿元
        next_end = _LINE_BREAK.search(raw, ge)
        if _number_line(raw, ge, next_end.start() if next_end else len(raw)) or _number_line(raw, line_start, gs):
            return ""
    if not wrapped:
        return "\n"
    ends_sentence = _last_char(raw, gs) in _TERMINAL
    prev_line = raw[line_start:gs].strip()
    prev_len = len(prev_line)
    short = prev_len < T.FULL_LINE_SHARE * width
    if (ends_sentence or breaks >= 2 or short) and lexicon.load().reading.heading_number_re.match(raw, ge) is not None:
        return "\n"
    title = prev_len <= T.TITLE_LINE_SHARE * width
    if (breaks >= 2 or title) and (lexicon.load().reading.heading_number_re.match(prev_line) is not None or title) \
            and not any(c in _TERMINAL or c in "，," for c in prev_line):
        return "\n"  # after a heading or a title line
    if ends_sentence or short:
        indent = raw[gs:ge].replace("\r", "\n").rsplit("\n", 1)[-1]
        if "\u3000" in indent or indent.count(" ") >= 2:
            return "\n"  # an indented line starts a paragraph
        if ends_sentence and (breaks >= 2 or short):
            return "\n"
    before, after = raw[gs - 1], raw[ge]
    if (before.isdigit() or before == ".") and (after.isdigit() or after in ".%"):
        return ""  # a number broken across lines: 126\\n.3亿元, 2.\\n85%
    if _ascii_word(before) and _ascii_word(after):
        # a break inside a number and its ASCII unit or range (223P⏎F, 1.3万P⏎F, 1-⏎2个, 2026-⏎02-03)
        # joins: the ASCII run before it starts with a digit or one character after one; a break
        # between two ASCII words (IT⏎software) is a space
        k = gs - 1
        while k > line_start and _ascii_word(raw[k - 1]):
            k -= 1
        near_digit = raw[k].isdigit() or any(raw[j].isdigit() for j in range(max(line_start, k - 2), k))
        return "" if near_digit else " "
    return ""
