"""The year a quantity refers to, and whether it is an annual value, a multi-year average or total,
or a goal for a later year (a horizon such as a five-year plan's end year)."""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .document import Document, part_of


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, re.Pattern, re.Pattern, tuple[int, ...]]:
    """The timing cues of lexicon.yaml, compiled once: multi-year, 到20XX年, plan goals; plan end years."""
    raw = lexicon.load().raw
    t = raw["timing"]
    return (re.compile("|".join(f"(?:{p})" for p in t["multi_year"])), re.compile(t["by_year"]),
            re.compile("|".join(f"(?:{p})" for p in t["plan_goal"])),
            tuple(sorted(int(y) for y in raw["plan_periods"].values())))


class Timing:
    """Year and period of the mentions of one document (cue words from lexicon.yaml `timing`)."""

    def __init__(self, doc: Document):
        self.multi, self.by_year, self.plan_goal, ends = _cues()
        self.review_year = doc.review_year
        self.report_year = doc.report_year
        # the end year of the plan period a report opens (十五五: 2030 in a 2026 report)
        self.five_year_end = next((y for y in ends if doc.report_year and doc.report_year < y <= doc.report_year + 5),
                                  None)

    def of(self, m, text: str, s0: int, para) -> tuple[int | None, str]:
        """(year, period) of a classified mention."""
        cs, _ = m.clause
        before = text[s0:m.s]
        clause_before = text[cs:m.s]
        part = part_of(para.section)
        if m.kind == "context" or para.section == "notes":
            return None, ""
        if m.kind == "achieved":
            multi = bool(self.multi.search(clause_before) or self.multi.search(before[-40:])) or (
                para.section == "five_year_review" and not (self.review_year and f"{self.review_year}年" in before))
            return self.review_year, ("multi_year" if multi else "annual")
        # targets
        horizon = next(reversed(list(self.by_year.finditer(before))), None)  # the nearest 到20XX年
        if horizon:
            y = int(horizon.group(1))
            if self.report_year and y > self.report_year:
                return y, "horizon"
        in_para = text[para.start:m.s] if para.section != "targets" else before
        if para.section == "five_year_goals" or (part == "plan" and self.plan_goal.search(in_para)) \
                or (part == "plan" and para.section != "targets" and self.multi.search(clause_before)):
            return (self.five_year_end or self.report_year), "horizon"
        return self.report_year, "annual"
