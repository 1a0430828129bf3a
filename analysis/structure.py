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


_GOVERNMENT = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:自治区|自治州|省|市|县|旗|州|盟|区))人民政府")
_ANNOUNCED = re.compile(r"以下\s*([0-9]+|[一二三四五六七八九十]+)\s*个方面")
_PAGE_MARKER = re.compile(r"[上下]?[接转]第\s*[0-9０-９一二三四五六七八九十]+\s*版")


def document_info(raw: str) -> dict:
    """What a reader needs to know about the document before its numbers: the region it is about,
    the years it reviews and plans, and whether it is an excerpt (page markers, a start inside the
    review, fewer task sections than it announces)."""
    from .layout import unwrap

    lex = lexicon.load()
    layout = unwrap(raw)
    text = layout.text
    review_year, plan_year = years(text)
    counts = {zh: text.count(zh) for zh in lex.raw.get("regions", {})}
    region_zh = max(counts, key=lambda k: (counts[k], len(k))) if counts else ""
    national = "国务院" in text and counts.get(region_zh, 0) < 3
    if national:
        region_zh, region_en = "全国", "China (national)"
    elif counts.get(region_zh, 0) >= 2:
        region_en = lex.raw["regions"][region_zh]
    else:
        # 临江市人民政府工作报告: a city, county or banner names itself (not "我代表省人民政府")
        own = [m.group(1) for m in _GOVERNMENT.finditer(text)
               if "代表" not in m.group(1) and not m.group(1).startswith(("我", "本", "全", "向", "各"))]
        region_zh = region_en = own[0] if own else ""
    paras = paragraphs(text, layout.paragraphs())
    tasks = [p for p in paras if p.section.startswith("task-")]
    task_count = len({p.section for p in tasks})
    announced = _ANNOUNCED.search(text)
    announced_n = None
    if announced:
        g = announced.group(1)
        announced_n = int(g) if g.isdigit() else cn_small(g)
    notes = []
    markers = _PAGE_MARKER.findall(raw)
    if markers:
        notes.append(f"page markers of a newspaper or PDF layout ({'、'.join(dict.fromkeys(markers))}) were removed")
    if paras and paras[0].section == "review" and paras[0].section_title and not _TOP.match(text[paras[0].start:paras[0].end]):
        notes.append("the text starts inside the review of the past year, without its heading: results stated before "
                     "the excerpt (often GDP and the other headline figures) are not in it")
    if announced_n and task_count and task_count < announced_n:
        notes.append(f"the plan announces {announced_n} task sections but the text ends in section {task_count}: "
                     f"the rest of the plan is not in it")
    return {"region_zh": region_zh, "region_en": region_en, "review_year": review_year, "plan_year": plan_year,
            "task_sections": task_count, "announced_tasks": announced_n, "excerpt": bool(notes), "notes": notes}


def title_of(info: dict) -> str:
    """A report title from document_info: 'Inner Mongolia 2025 government work report'."""
    who = info["region_en"] or "A"
    year = f" {info['plan_year']}" if info["plan_year"] else ""
    return f"{who}{year} government work report"
