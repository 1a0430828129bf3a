"""The structure of a government work report: sections, paragraphs, sentences.

A report has a review of the past year (with a paragraph on problems near its end), a plan part
(general requirements, the main expected targets, then numbered task sections （一）…). Headings are
found by their numbering (一、 / （一）) and classified by cue words from the lexicon; a fragment that
starts without a heading is placed by what follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon

_TOP = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
_SUB = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_SENT_END = re.compile(r"[。！？!?…]+[”’\"'」』）)】]*")
_YEAR_PLAN = re.compile(r"(20\d\d)年(?:工作安排|政府工作任务|重点工作|主要预期目标|工作的总体要求|经济社会发展的主要预期目标)")
_YEAR_REVIEW = re.compile(r"(20\d\d)年工作回顾")
CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# section id -> part of the report it belongs to
PART = {"preamble": "other", "review": "review", "problems": "review", "plan": "plan", "targets": "plan"}


def cn_small(s: str) -> int:
    """一..九十九 as int (heading numbers)."""
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN_NUM.get(s[1:], 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return CN_NUM.get(a, 0) * 10 + CN_NUM.get(b, 0)
    return CN_NUM.get(s, 0)


@dataclass
class Paragraph:
    start: int          # readable-text offsets
    end: int
    section: str        # review | problems | plan | targets | task-01 ... | preamble
    section_title: str
    index: int


def part_of(section: str) -> str:
    return "plan" if section.startswith("task-") else PART.get(section, "other")


def years(text: str) -> tuple[int | None, int | None]:
    """(review year, plan year) named by the report, where it names them."""
    plan = _YEAR_PLAN.search(text)
    review = _YEAR_REVIEW.search(text)
    p = int(plan.group(1)) if plan else None
    r = int(review.group(1)) if review else None
    if p is None and r is not None:
        p = r + 1
    if r is None and p is not None:
        r = p - 1
    return r, p


def _heading_kind(title: str, lex) -> str:
    s = lex.sections
    if any(w in title for w in s["review_titles"]):
        return "review"
    if any(w in title for w in s["plan_titles"]):
        return "plan"
    return ""


def paragraphs(text: str, spans: list[tuple[int, int]]) -> list[Paragraph]:
    """Assign each paragraph (readable spans) to a section."""
    lex = lexicon.load()
    review_year, plan_year = years(text)
    tops = []
    for i, (s, e) in enumerate(spans):
        m = _TOP.match(text[s:e])
        if m and len(text[s:e]) <= 40 and "。" not in text[s:e]:
            tops.append((i, cn_small(m.group(1)), _heading_kind(text[s:e], lex), text[s:e].strip()))
    # Before the first heading: the review when the first heading is a later part of a plan
    # (a fragment that starts inside the review), else a preamble.
    section, title = "preamble", ""
    if tops:
        first_i, first_n, first_kind, _ = tops[0]
        if first_n > 1 and first_kind in ("plan", ""):
            section = "review"
            title = f"{review_year}年工作回顾" if review_year else "工作回顾"
    elif plan_year is None:
        section = "review" if _looks_like_review(text) else "preamble"
    part = part_of(section)
    top_at = {i: (n, kind, t) for i, n, kind, t in tops}
    task_no = 0
    out = []
    for i, (s, e) in enumerate(spans):
        para = text[s:e]
        if i in top_at:
            n, kind, t = top_at[i]
            part = kind or ("plan" if part in ("review", "plan") else "other")
            section = {"review": "review", "plan": "plan"}.get(part, "preamble")
            title = t
        elif part == "plan" and _SUB.match(para):
            task_no += 1
            section = f"task-{task_no:02d}"
            end = _SENT_END.search(para)
            title = para[: end.start()] if end and end.start() < 80 else para[:60]
        elif part == "review" and section == "review" and _opens_problems(para, lex):
            section, title = "problems", "存在的困难和问题"
        elif part == "plan" and any(c in para for c in lex.sections["targets_cues"]):
            out.append(Paragraph(s, e, "targets", "主要预期目标", i))
            continue
        out.append(Paragraph(s, e, section, title, i))
    return out


def _opens_problems(para: str, lex) -> bool:
    first = para[:80]
    return any(c in first for c in lex.sections["problems_cues"])


def _looks_like_review(text: str) -> bool:
    return bool(re.search(r"过去一年|一年来|去年", text[:2000])) and not re.search(r"今年要|力争|主要预期目标", text[:2000])


MAX_SENTENCE = 2000  # a longer run without 。 (a table, a list) is cut at clause ends
_CLAUSE_END = re.compile(r"[，,；;：:、]")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside a paragraph span (ends at 。！？ with closing quotes)."""
    out, pos = [], start
    for m in _SENT_END.finditer(text, start, end):
        out.extend(_cap(text, pos, m.end()))
        pos = m.end()
    if pos < end:
        out.extend(_cap(text, pos, end))
    return out


def _cap(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cut a very long sentence at clause ends so that no piece exceeds MAX_SENTENCE."""
    out = []
    while e - s > MAX_SENTENCE:
        cut = None
        for m in _CLAUSE_END.finditer(text, s + MAX_SENTENCE // 2, s + MAX_SENTENCE):
            cut = m.end()
        if cut is None:  # no punctuation at all: cut where no number is split
            cut = s + MAX_SENTENCE
            while cut > s + 1 and (text[cut - 1].isdigit() or text[cut].isdigit()):
                cut -= 1
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out
