"""Pieces of a report's structure that the document model (analysis.reading.document) is built from:
the years a report names, heading numbers, problem-paragraph cues and sentence splitting."""

from __future__ import annotations

import re

from ..language import lexicon, numerals
from ..project import thresholds as T

SENT_END = re.compile(r"[。！？!?…]+[”’\"'」』）)】]*")
cn_small = numerals.heading_number  # 一..九十九 as int (heading numbers)


def years(text: str) -> tuple[int | None, int | None]:
    """(review year, plan year) named by the report, where it names them."""
    lex = lexicon.load()
    plan = lex.year_plan_re.search(text)
    review = lex.year_review_re.search(text)
    p = int(plan.group(1)) if plan else None
    r = int(review.group(1)) if review else None
    if p is None and r is not None:
        p = r + 1
    if r is None and p is not None:
        r = p - 1
    return r, p


def opens_problems(para: str, lex) -> bool:
    """A paragraph of the review that opens the problems section (清醒看到 ...)."""
    first = para[:T.PROBLEMS_CUE_CHARS]
    return any(c in first for c in lex.sections["problems_cues"])


def looks_like_review(text: str) -> bool:
    words = lexicon.load().reading
    return bool(words.review_opening_re.search(text[:2000])) and not words.plan_opening_re.search(text[:2000])


MAX_SENTENCE = 2000  # a longer run without 。 (a table, a list) is cut at clause ends
_CLAUSE_END = re.compile(r"[，,；;：:、]")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside a paragraph span (ends at 。！？ with closing quotes)."""
    out, pos = [], start
    for m in SENT_END.finditer(text, start, end):
        out.extend(_cap(text, pos, m.end()))
        pos = m.end()
    if pos < end:
        out.extend(_cap(text, pos, end))
    return out


_NUMBER_CHARS = frozenset("0123456789.,")


def _cap(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cut a very long sentence at clause ends so that no piece exceeds MAX_SENTENCE."""
    out = []
    while e - s > MAX_SENTENCE:
        cut = None
        for m in _CLAUSE_END.finditer(text, s + MAX_SENTENCE // 2, s + MAX_SENTENCE):
            cut = m.end()
        if cut is None:  # no punctuation at all: cut where no number is split (looking back a little:
            # a run of digits and dots that long is no number, and the search stays linear)
            cut = s + MAX_SENTENCE
            while cut > s + MAX_SENTENCE - T.NUMBER_RUN_LOOKBACK and text[cut - 1] in _NUMBER_CHARS and text[cut] in _NUMBER_CHARS:
                cut -= 1
            if text[cut - 1] in _NUMBER_CHARS and text[cut] in _NUMBER_CHARS:
                cut = s + MAX_SENTENCE
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out
