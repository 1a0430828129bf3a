"""The sections of a report: headings and their roles, the role of every paragraph (see document.py for
the roles), the part of the report (review, plan, other) a section belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..language import lexicon
from ..project import thresholds as T
from . import structure
from .vocabulary import alt, reading_vocab, reading_words

PART = {"header": "other", "preamble": "other", "closing": "other", "notes": "other",
        "review": "review", "five_year_review": "review", "problems": "review",
        "plan": "plan", "targets": "plan", "five_year_goals": "plan", "government": "plan"}


def part_of(section: str) -> str:
    """review | plan | other: the part of the report a section belongs to."""
    return "plan" if section.startswith("task-") else PART.get(section, "other")


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int            # readable-text offsets
    end: int
    section: str          # see the module docstring
    section_title: str
    index: int

    @property
    def part(self) -> str:
        return part_of(self.section)


_SENTENCE_PUNCT = re.compile(r"[。！？；;，,]")


def is_heading(para: str) -> bool:
    """A heading line: short, no sentence punctuation (a numbered one may end with 。)."""
    p = para.strip()
    if not p or len(p) > T.HEADING_MAX_CHARS:
        return False
    body = p[:-1] if p.endswith("。") else p
    if reading_words().top_heading_re.match(p):  # 二、牢记历史使命，在中国式现代化建设中奋勇争先
        return "。" not in body and "；" not in body
    return not _SENTENCE_PUNCT.search(body)


def _heading_role(title: str, lex, review_year: int | None) -> str:
    """The section a heading opens, by its cue words ('' when it says nothing)."""
    s = lex.sections
    five = any(w in title for w in s["five_year_words"])
    w = reading_words()
    year_named = bool(w.year_named_re.search(title))
    if any(w in title for w in s["notes_titles"]):
        return "plan" if any(w in title for w in s["annex_plan_titles"]) else "notes"
    if any(w in title for w in s["government_titles"]):
        return "government"
    is_plan = any(w in title for w in s["plan_titles"])
    if any(w in title for w in s["review_titles"]) and (w.review_word in title or not is_plan):
        past_plan = any(w in title for w in s["past_plan_words"])
        return "five_year_review" if (five or past_plan) and not year_named else "review"
    if is_plan:
        if five and not year_named:
            return "five_year_goals"
        return "plan"
    year = lexicon.load().year_word
    if review_year and (f"{review_year + 1}{year}" in title or w.this_year in title):
        return "plan"  # 二、关于2025年工作, 三、2026年主要工作
    if review_year and f"{review_year}{year}" in title:
        return "review"
    return ""


def split_sections(text: str, spans, header_end: int, review_year, lex):
    """Assign every paragraph to a section (see the module docstring of document.py)."""
    s_cfg = lex.sections
    targets_re = re.compile("|".join(f"(?:{p})" for p in s_cfg["targets_patterns"]))
    five_re = re.compile(alt(s_cfg["five_year_words"]))
    paras = [text[s:e] for s, e in spans]
    headings = _headings(paras, header_end, review_year, lex, targets_re, five_re)
    closing = _closing_index(paras, headings, header_end)
    walk = _Walk(paras, headings, header_end, closing, review_year, lex, targets_re, five_re,
                 *_start(text, headings, header_end, review_year, lex))
    for i, (s, e) in enumerate(spans):
        yield Paragraph(s, e, *walk.role(i), i)


def _headings(paras: list[str], header_end: int, review_year, lex, targets_re, five_re) -> dict:
    """The headings by paragraph index: [role, title, numbered]; a numbered heading that names no part
    is placed by what it opens."""
    headings = {}
    for i, para in enumerate(paras):
        if i >= header_end and is_heading(para):
            role = _heading_role(para, lex, review_year)
            numbered = reading_words().top_heading_re.match(para.strip())
            if not numbered and targets_re.search(para):
                continue  # "主要预期目标" on a line of its own: part of the targets sentence
            if role or numbered:
                headings[i] = [role, para.strip(), bool(numbered)]
    tops = sorted(i for i, h in headings.items() if h[2])
    for k, i in enumerate(tops):  # a numbered heading that names no part: placed by what it opens
        if not headings[i][0]:
            body = "".join(paras[i + 1:(tops[k + 1] if k + 1 < len(tops) else len(paras))][:T.ROLE_BODY_PARAS])
            headings[i][0] = _body_role(body, paras[i], targets_re, five_re, lex, review_year, k == 0)
            # after the plan of the year has begun (its heading or its main targets), a heading
            # without cue words opens a task chapter: the review never comes back, nor the five-year goals
            if headings[i][0] in ("review", "five_year_goals", "") and _plan_began(paras[header_end:i], headings,
                                                                                     i, targets_re, five_re):
                headings[i][0] = "plan"
    return headings


def _start(text: str, headings: dict, header_end: int, review_year, lex) -> tuple[str, str]:
    """The section before the first heading: a fragment that starts inside the review (its first
    heading is a later plan part) is the review; otherwise the preamble."""
    section, title = "preamble", ""
    first = next(iter(headings.items()), None)
    if header_end == 0 and first is not None:
        i0, (role0, t0, numbered0) = first
        n0 = structure.cn_small(reading_words().top_heading_re.match(t0).group(1)) if numbered0 else 0
        if n0 > 1 and role0 in ("plan", "", "government", "five_year_goals") and i0 > 0:
            section = "review"
            title = f"{review_year}{lex.year_word}{reading_words().review_title}" if review_year else reading_words().review_title
    elif not headings and header_end == 0:
        section = "review" if structure.looks_like_review(text) else "preamble"
    return section, title


@dataclass
class _Walk:
    """The paragraphs in order, with the section and title in force, the task count and the target lines left."""

    paras: list[str]
    headings: dict
    header_end: int
    closing: int | None
    review_year: int | None
    lex: Any
    targets_re: re.Pattern
    five_re: re.Pattern
    section: str = "preamble"
    title: str = ""
    task_no: int = 0
    targets_left: int = 0

    def role(self, i: int) -> tuple[str, str]:
        """(section, title) of paragraph i; the walk goes on from there."""
        para = self.paras[i]
        if i < self.header_end or (reading_vocab().caption.search(para.strip()) and len(para) < T.CAPTION_MAX_CHARS):
            return "header", ""
        if self.closing is not None and i >= self.closing:
            if i in self.headings and self.headings[i][0] in ("notes", "plan"):
                self.section, self.title = self.headings[i][0], self.headings[i][1]
            elif i == self.closing:
                self.section, self.title = "closing", ""
            if self.section not in ("plan",):
                return self.section, self.title
        part = part_of(self.section)
        if i in self.headings:
            self._enter(self.headings[i], part)
            return self.section, self.title
        self._advance(para, part)
        return self._body(i, para, part)

    def _enter(self, heading: list, part: str) -> None:
        """A heading opens its section (one without cue words continues the part it is in)."""
        role, t, numbered = heading
        section = self.section
        if not numbered and role == "plan" and section == "five_year_goals" and not reading_words().year_named_re.search(t):
            role = "five_year_goals"  # 主要目标 under the five-year goals
        if not role:
            role = "plan" if part == "plan" else ("review" if part == "review" else section)
            if section.startswith("task-") or section == "targets":
                role = "plan"
        if role == "government" and not numbered and section in ("review", "five_year_review"):
            # a sub-heading of the review on the government's own work of the past year ((五)持续加强政府自身建设)
            # reviews that work: the review goes on; a top-level heading (五、加强政府自身建设) is the government part
            role = section
        self.section, self.title = role, t
        self.targets_left = 0

    def _advance(self, para: str, part: str) -> None:
        """A body paragraph that opens a task, the problems, or a time of its own."""
        if part == "plan" and self.section != "five_year_goals" and reading_words().sub_heading_re.match(para):
            self.task_no += 1
            self.section = f"task-{self.task_no:02d}"
            end = structure.SENT_END.search(para)
            self.title = para[: end.start()] if end and end.start() < T.TASK_TITLE_MAX_CHARS else para[:T.TASK_TITLE_CHARS]
            self.targets_left = 0
        elif self.section in ("review", "five_year_review") and not reading_words().sub_heading_re.match(para) \
                and structure.opens_problems(para[:48], self.lex):
            self.section, self.title = "problems", reading_words().problems_title
        elif self.section in ("review", "five_year_review"):
            # what the paragraph says about time: the past year, or the past plan period
            self.section = {"year": "review", "five": "five_year_review"}.get(_time_scope(para, self.review_year),
                                                                               self.section)

    def _body(self, i: int, para: str, part: str) -> tuple[str, str]:
        """The main targets (a paragraph with the cue, also when the cue runs over short lines), the
        five-year goals, else the section in force."""
        section, title, review_year = self.section, self.title, self.review_year
        window, k = para, i + 1
        while len(window) < T.TARGETS_WINDOW_CHARS and k < len(self.paras) and not structure.SENT_END.search(window):
            window += self.paras[k]
            k += 1
        cue = self.targets_re.search(window)
        plan_period = section in ("plan", "targets", "five_year_goals") and not reading_words().sub_heading_re.match(para) \
            and _plan_period(window, review_year)
        if section == "five_year_goals" and not plan_period and _time_scope(para, review_year) == "five":
            return "five_year_review", title  # 过去五年… under a heading of both plans
        five_cue = cue is not None and (_five_year_cue(window, cue, self.five_re) or plan_period
                                        or (section == "five_year_goals" and _names_no_year(window, review_year)))
        if cue and not five_cue and part in ("plan", "other"):
            self.targets_left = k - i  # this paragraph and the short lines the cue ran over
            if k == i + 1 and not structure.SENT_END.search(window[cue.end():]):
                self.targets_left += 1  # "主要预期目标是：" at a paragraph's end: the list is the next one
        if self.targets_left > 0:
            self.targets_left -= 1
            return "targets", reading_words().targets_title
        if (cue and five_cue and part in ("plan", "other")) or (plan_period and section == "plan"):
            return "five_year_goals", title if section == "five_year_goals" else reading_words().five_year_title
        return section, title


@lru_cache(maxsize=1)
def time_cues() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """The time cues of lexicon.yaml `sections`: past-year, five-year and plan-period openers, this year."""
    s = lexicon.load().sections

    def any_of(patterns):
        return re.compile("|".join(f"(?:{p})" for p in patterns))

    return (any_of(s["past_year_openers"]), any_of(s["five_year_openers"]), any_of(s["plan_period_openers"]),
            re.compile(alt(s["this_year_words"])))


_DASH = re.compile(r"^[—－-]+")
_OPENING_CLAUSE = re.compile(r"[^，,。；;：:！!？?]*")


def opening_of(para: str) -> str:
    """The first clause of a paragraph, after an address (各位代表！) or a leading dash."""
    return _OPENING_CLAUSE.match(_after_address(para)).group()


def _after_address(para: str) -> str:
    p = para.strip()
    while (m := reading_vocab().address.match(p) or _DASH.match(p)) is not None:
        p = p[m.end():].lstrip()
    return p


def _time_scope(para: str, review_year: int | None) -> str:
    """'year' when a paragraph opens on the past year, 'five' when it opens on the past plan period,
    else '' (the earlier cue wins when the opening names both)."""
    past, five, _, _ = time_cues()
    body = _after_address(para)
    closed = plan_closed_cue().match(body)
    if closed is not None:  # 2025年是“十四五”收官之年。五年来，…: the next sentence says it, when it opens on a time
        scope = _time_scope(body[closed.end():], review_year)
        if scope:
            return scope
    head = opening_of(para)
    hits = []
    for m in past.finditer(head):
        year = re.search(r"20\d\d", m.group())
        if year is None or (review_year and int(year.group()) == review_year):
            hits.append((m.start(), "year"))
            break
    f = five.search(head)
    if f:
        hits.append((f.start(), "five"))
    return min(hits)[1] if hits else ""


@lru_cache(maxsize=1)
def plan_closed_cue() -> re.Pattern:
    """A first sentence stating that the past plan closed (lexicon `sections.plan_closed_sentence`), matched from
    the paragraph's start to its end."""
    return re.compile(r"[^。！!]*?(?:" + lexicon.load().sections["plan_closed_sentence"] + ")")


def _plan_period(para: str, review_year: int | None) -> bool:
    """A plan paragraph about the new plan period (its outline, its goals) that names neither this
    year nor the report's year."""
    _, _, period, this_year = time_cues()
    if not period.search(opening_of(para)) or this_year.search(para):
        return False
    return not (review_year and f"{review_year + 1}{lexicon.load().year_word}" in para)


def _names_no_year(para: str, review_year: int | None) -> bool:
    """Does a paragraph name neither this year (今年, 明年) nor the report's year? (A targets cue under a
    five-year heading, 《建议》明确的主要目标, is then about the plan period.)"""
    _, _, _, this_year = time_cues()
    return not this_year.search(para) and not (review_year and f"{review_year + 1}{lexicon.load().year_word}" in para)


def _plan_began(before: list[str], headings: dict, i: int, targets_re, five_re) -> bool:
    """Has the plan of the report's year begun before paragraph i: a plan heading that names a year
    (三、2026年重点工作, …和2026年工作安排) or the main targets of the year?"""
    if any(j < i and role == "plan" and reading_words().year_named_re.search(t) for j, (role, t, _) in headings.items()):
        return True
    for para in before:
        cue = targets_re.search(para)
        if cue and not _five_year_cue(para, cue, five_re):
            return True
    return False


def _body_role(body: str, heading: str, targets_re, five_re, lex, review_year, first: bool) -> str:
    """The role of a numbered heading without cue words (一、牢记殷殷嘱托…), from what follows it."""
    s_cfg = lex.sections
    cue = targets_re.search(body)
    if cue and not _five_year_cue(body, cue, five_re):
        return "plan"
    if any(w in heading + body[:300] for w in s_cfg["government_cues"]):
        return "government"
    if len(five_re.findall(body)) >= 2 and not any(w in body[:200] for w in s_cfg["review_cues"]):
        return "five_year_goals"
    if first or any(w in body[:200] for w in s_cfg["review_cues"]) \
            or (review_year and f"{review_year}{lexicon.load().year_word}" in body[:120]):
        return "review"
    return ""


def _five_year_cue(text: str, cue, five_re) -> bool:
    """Does a targets cue introduce five-year goals ("十五五"时期…的主要目标是)? Only the words of its
    own clause count (not "今年是"十五五"开局之年。主要预期目标是")."""
    before = text[max(0, cue.start() - T.FIVE_YEAR_CUE_CHARS):cue.start()]
    clause = re.split(r"[。；;！!，,]", before)[-1]
    w = reading_words()
    return bool(five_re.search(clause)) and w.this_year not in clause and not w.year_number_re.search(clause)


def _closing_index(paras: list[str], headings: dict, header_end: int) -> int | None:
    """The closing address: the last 各位代表 paragraph in the second half after which no heading
    but a note or an annex follows."""
    last_struct = max((i for i, h in headings.items() if h[0] not in ("notes",) and not (h[0] == "plan" and any(
        w in h[1] for w in reading_words().livelihood_annex_words))), default=-1)
    last_task = max((i for i, p in enumerate(paras) if reading_words().sub_heading_re.match(p)), default=-1)
    start = max(last_struct, last_task, len(paras) // 2, header_end)
    for i in range(start + 1, len(paras)):
        if reading_vocab().address.match(paras[i]):
            return i
    return None
