"""The year a quantity refers to, and whether it is an annual value, a multi-year average or total,
or a goal for a later year (a horizon such as a five-year plan's end year)."""

from __future__ import annotations

import re

from .document import Document, part_of

PERIODS = ("annual", "multi_year", "horizon")


class Timing:
    """Year and period of the mentions of one document (cue words from lexicon.yaml `timing`)."""

    def __init__(self, lex, doc: Document):
        t = lex.raw["timing"]
        self.multi = re.compile("|".join(f"(?:{p})" for p in t["multi_year"]))
        self.by_year = re.compile(t["by_year"])
        self.plan_goal = re.compile("|".join(f"(?:{p})" for p in t["plan_goal"]))
        self.plans = doc.plan_end_years
        self.review_year = doc.review_year
        self.report_year = doc.report_year
        self.five_year_end = next((y for y in sorted(self.plans.values())
                                   if doc.report_year and doc.report_year < y <= doc.report_year + 5), None)

    def of(self, m, text: str, s0: int, para) -> tuple[int | None, str]:
        """(year, period) of a classified mention."""
        cs, _ = m.clause
        before = text[s0:m.s]
        clause_before = text[cs:m.s]
        part = part_of(para.section)
        if m.kind == "context" or para.section == "notes":
            return None, ""
        if m.kind == "achieved":
            multi = self.multi.search(clause_before) or self.multi.search(before[-40:])
            if para.section == "five_year_review" and not (self.review_year and f"{self.review_year}年" in before):
                multi = multi or True
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
