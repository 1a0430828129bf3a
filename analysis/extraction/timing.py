"""The year a quantity refers to, and whether it is an annual value, a value of part of the year, a
multi-year average or total, or a goal for a later year (a horizon such as a five-year plan's end
year); and the basis of a rate (like for like, adjusted). Cue words: lexicon.yaml `timing`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..language import lexicon
from ..project import thresholds as T
from ..reading.document import Document
from ..reading.sections import part_of


def _any(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@dataclass(frozen=True)
class Cues:
    """The timing cues of lexicon.yaml, compiled once."""

    multi: re.Pattern            # 年均, 累计, 每年, 五年来: a multi-year average or total
    by_year: re.Pattern          # 到2027年
    plan_goal: re.Pattern        # 十五五时期, 今后五年
    part_year: re.Pattern        # 上半年, 前三季度, 1—11月
    full_year: re.Pattern        # 全年, 年末
    this_year: re.Pattern        # 今年
    baseline_start: re.Pattern   # 由2020年的 (group 1: its year)
    baseline_end: re.Pattern     # 增长到2025年的
    five_flow: re.Pattern        # 新增, 建成, 稳定在: an addition or a state over a five-year review
    five_stock: re.Pattern       # 达到, 突破, 增至: a level reached at the end of the period
    five_flow_after: re.Pattern  # 获评, 投入运营 after the counted noun: things done over the period
    five_floor: frozenset        # 超, 超过: a floor, not a level verb, after a flow verb (开工项目超1万个)
    five_held: re.Pattern        # 连续9年: a rank held over the years
    stated_year: re.Pattern      # 2023年达到…: an earlier year named in a result's clause (group 1)
    five_events: tuple           # 次, 批, 轮: a count of events over the period
    item_sep: re.Pattern         # 、，；: where a list item begins
    level_item: re.Pattern       # 达到, 居, 升至: a list item that states a level
    basis: tuple                 # (name, pattern) in order
    plan_ends: tuple             # the end years of the plan periods
    total_after_addition: re.Pattern  # 新增1个…、累计达: the stock after an addition (annual)
    total_cue: re.Pattern        # 累计: a cue of a total, not of a period (lexicon timing.total_cues)
    rate_units: frozenset        # %, 个百分点: the base units of a rate
    addition: re.Pattern         # 新增, 净增, 新建: an addition (lexicon addition_prefixes)
    running_total: re.Pattern    # …127座，…，累计达到1100座: a running total after a number of its unit (annual)
    five_gap: re.Pattern         # 高于全国平均水平18.3个百分点: a gap to a benchmark at the period's end (annual)


@lru_cache(maxsize=1)
def cues() -> Cues:
    lex = lexicon.load()
    t = lex.timing
    return Cues(multi=_any(t["multi_year"]), by_year=re.compile(t["by_year"]), plan_goal=_any(t["plan_goal"]),
                part_year=_any(t["part_year"]), full_year=_any(t["full_year"]), this_year=_any(t["this_year"]),
                baseline_start=re.compile(t["baseline_start"]), baseline_end=re.compile(t["baseline_end"]),
                five_flow=_any(t["five_year_flow"]), five_stock=_any(t["five_year_stock"]),
                five_flow_after=re.compile(t["five_year_flow_after"]), five_floor=frozenset(t["five_year_floor"]),
                five_held=re.compile(t["five_year_held"]), stated_year=re.compile(t["stated_year"]),
                five_events=tuple(t["five_year_event_units"]),
                item_sep=re.compile(t["item_separator_re"]), level_item=_any(t["level_item_verbs"]),
                basis=tuple((name, _any(ps)) for name, ps in t["basis"].items()),
                plan_ends=tuple(sorted(int(y) for y in lex.plan_periods.values())),
                total_after_addition=re.compile(
                    "(?:" + "|".join(map(re.escape, lex.addition_prefixes)) + ")[^、，,；;。：:]*、"
                    + t["total_after_addition"] + "$"),
                running_total=re.compile(t["running_total"]), five_gap=re.compile(t["five_year_gap"]),
                total_cue=_any(t["total_cues"]), rate_units=frozenset(t["rate_units"]),
                addition=re.compile("|".join(map(re.escape, lex.addition_prefixes))))


_CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")
_DIGIT = re.compile(r"\d")


class Timing:
    """Year, period and basis of the mentions of one document."""

    def __init__(self, doc: Document):
        self.cues = cues()
        self.words = lexicon.load().extraction
        year = lexicon.load().year_word
        self.review_year_word = f"{doc.review_year}{year}"  # 2025年
        self.report_year_word = f"{doc.report_year}{year}"
        self.review_year = doc.review_year
        self.report_year = doc.report_year
        # the end year of the plan period a report opens (十五五: 2030 in a 2026 report)
        self.five_year_end = next((y for y in self.cues.plan_ends
                                   if doc.report_year and doc.report_year < y <= doc.report_year + 5), None)

    def of(self, m, text: str, s0: int, para) -> tuple[int | None, str]:
        """(year, period) of a classified mention."""
        c = self.cues
        cs, _ = m.clause
        before = text[s0:m.s]
        clause_before = text[cs:m.s]
        part = part_of(para.section)
        if para.section == "notes":
            return None, ""
        if m.kind == "context":
            return self.baseline_year(m, text), ""
        part_year = self._part_year(before)
        if m.kind == "achieved":
            year = self._stated_year(clause_before) or self.review_year
            if part_year:
                return year, "part_year"
            multi = self._multi(m, before, clause_before) or (
                para.section == "five_year_review" and not (self.review_year and self.review_year_word in before)
                and self._over_the_period(m, clause_before, text))
            return year, ("multi_year" if multi else "annual")
        # targets
        horizon = next(reversed(list(c.by_year.finditer(before))), None)  # the nearest 到20XX年
        if horizon:
            y = int(horizon.group(1))
            if self.report_year and y > self.report_year:
                return y, "horizon"
        in_para = text[para.start:m.s] if para.section != "targets" else before
        this_year = bool(c.this_year.search(before) or (self.report_year and self.report_year_word in before))
        total = c.total_after_addition.search(clause_before) is not None  # 新增1000处…、累计达8000处: the stock
        if not this_year and (para.section == "five_year_goals" or (part == "plan" and self._plan_goal_last(in_para))
                              or (part == "plan" and not total and c.multi.search(clause_before))):
            # a five-year goal: an average or total over the period (年均增长7%, 累计降低17%) or an addition over it
            # (城镇新增就业500万人以上, 新增人口100万) is multi_year with the plan's end year; a level to reach by then, horizon
            return (self.five_year_end or self.report_year), (
                "multi_year" if c.multi.search(clause_before) or self._addition_item(clause_before) else "horizon")
        return self.report_year, ("part_year" if part_year else "annual")

    def _addition_item(self, clause_before: str) -> bool:
        """Does the number's own list item name an addition (新增, 净增, 新建: lexicon `addition_prefixes`) that no
        verb of level follows (新增劳动力平均受教育年限达到14.2年 is a level)?"""
        c = self.cues
        item = max((y.end() for y in c.item_sep.finditer(clause_before)), default=0)
        add = c.addition.search(clause_before, item)
        return add is not None and c.level_item.search(clause_before, add.end()) is None

    def _stated_year(self, clause_before: str) -> int | None:
        """An earlier year than the review's that the result's clause names (2023年达到13.09万亿元), else None."""
        y = next(reversed(list(self.cues.stated_year.finditer(clause_before))), None)
        return int(y.group(1)) if y and self.review_year and int(y.group(1)) < self.review_year else None

    def _plan_goal_last(self, in_para: str) -> bool:
        """Is a plan-period goal word (十五五时期, 今后五年) the last time word of the paragraph before the number?
        A later 今年 or the report's year (绘制好2025年、“十五五”时期…三张图。今年力争…) makes the rest the year's."""
        c = self.cues
        goal = max((x.end() for x in c.plan_goal.finditer(in_para)), default=-1)
        if goal < 0:
            return False
        year = max((x.end() for x in c.this_year.finditer(in_para)), default=-1)
        if self.report_year:
            year = max(year, in_para.rfind(self.report_year_word))
        return goal > year

    def _over_the_period(self, m, clause_before: str, text: str) -> bool:
        """A result of a five-year review without a multi-year cue: a change (growth), a count of events
        (4次提高) or an addition or state over the period (新增, 建成, 稳定在; or a count whose predicate follows
        it: 9部精品力作获国家级文艺大奖; 超 after a flow verb is its floor: 开工项目超1万个) is multi_year; a level reached
        (达到, 突破, 增至, or no verb: 在川两院院士70位), a rate (满意率均超97%) and a rank (连续两年全国第一) are the
        values at the end of the period, annual (a rank held 连续N年 is multi_year)."""
        measure = getattr(m, "measure", "")
        if self.cues.five_gap.search(clause_before):
            return False  # 高于全国平均水平18.3个百分点: a gap at the end of the period
        if measure == "growth" or (m.unit and m.unit in self.cues.five_events):
            return True
        c = self.cues
        if measure == "rank":
            return bool(c.five_held.search(clause_before))
        share = measure == "share"
        flow = max((x.end() for x in c.five_flow.finditer(clause_before)), default=-1)
        stock = max((x.end() for x in c.five_stock.finditer(clause_before)
                     if share or not self._floor_after_flow(x, clause_before)), default=-1)
        if flow >= 0 or stock >= 0:
            return flow > stock
        _, ce = m.clause
        return not share and bool(c.five_flow_after.search(text[max(m.e, m.tail):ce]))

    def _floor_after_flow(self, x, clause_before: str) -> bool:
        """Is the level word `x` only a floor (超, 超过) after a flow verb of its own list item (开工项目超1万个)?"""
        c = self.cues
        if x.group(0) not in c.five_floor:
            return False
        item = max((y.end() for y in c.item_sep.finditer(clause_before, 0, x.start())), default=0)
        return bool(c.five_flow.search(clause_before, item, x.start()))

    def _cue_carries(self, tail: str, total: bool = False) -> bool:
        """Does a multi-year cue carry over `tail`, the text from the cue to the number? Within the cue's own
        list item, yes; a later item carries it unless it states a level (年均增长6.1%、规模升至全国第7位;
        累计达到149.6亿美元、总规模居中西部第1位，自贸试验区159项…): the number's own item by its nearest verb
        (占比稳定在80%: still over the years), an item between by any level verb. A total (`total`: 累计) is its own
        clause's: a later clause with a verb of its own (累计打造试点项目213个，开工安置住房14.1万套) says another thing."""
        c = self.cues
        items = c.item_sep.split(tail)[1:]
        if not items:
            return True

        def level(item: str) -> int:  # > 0 when the item's nearest verb states a level, < 0 a flow, 0 none
            stock = max((x.end() for x in c.level_item.finditer(item)), default=-1)
            flow = max((x.end() for x in c.five_flow.finditer(item)), default=-1)
            return 0 if stock == flow else (1 if stock > flow else -1)

        own = level(items[-1])
        if own and total and _CLAUSE_END.search(tail):
            # 累计打造试点项目213个，开工安置住房14.1万套: a total is its own clause's; a later clause with a verb of its
            # own says another thing (a list joined by 、 shares the total: 累计诊断企业超6万家、改造项目5.6万余个)
            return False
        if own:
            return own < 0
        return not any(level(item) > 0 for item in items[:-1])

    def _running_total(self, m, before: str, clause_before: str) -> bool:
        """Is the number a running total (累计达到) said after a number of the same unit earlier in its sentence
        (建成高标准农田8.9万亩、累计达到120.5万亩)?"""
        cue = self.cues.running_total.search(clause_before) if m.unit and m.unit != "%" else None
        if cue is None:
            return False
        earlier = before[: len(before) - len(clause_before) + cue.start()]
        inner = "|".join(map(re.escape, lexicon.load().inner_q))  # 多, 余 between number and unit
        return re.search(r"\d\s*" + re.escape(m.mag) + f"(?:{inner})?" + r"\s*" + re.escape(m.unit), earlier) is not None

    def _multi(self, m, before: str, clause_before: str) -> bool:
        """A multi-year cue (年均, 累计, 每年) in the clause or close before it, not followed by 全年."""
        c = self.cues
        if c.total_after_addition.search(clause_before):
            return False  # 新增1个省级境外经贸合作区、累计达8个: the stock at the year's end
        if self._running_total(m, before, clause_before):
            return False  # 新增公园127座，…，累计达到1100座: the stock at the year's end
        own = max(c.multi.finditer(clause_before), key=lambda x: x.end(), default=None)
        if own is not None:
            return self._cue_carries(clause_before[own.end():], total=bool(c.total_cue.fullmatch(own.group())))
        stock = max((x.end() for x in c.five_stock.finditer(clause_before)), default=-1)
        if stock >= 0 and stock > max((x.end() for x in c.five_flow.finditer(clause_before)), default=-1):
            return False  # 年均增长10%，专利拥有量达到16件: a level reached, the cue was the clause before's
        window = before[-T.MULTI_YEAR_WINDOW_CHARS:]
        last = max((m.end() for m in c.multi.finditer(window)), default=-1)
        if last < 0:
            return False
        # a cue whose own clause goes on to a statement without a number (民族自治地方年均经济增速高于全省平均水平，
        # 6个自治州通高铁) is spent there; one that opens the sentence (五年来，…) or a list (累计实施项目295个，治理岸线61公里)
        # carries
        rest = _CLAUSE_END.search(window, last)
        if rest is not None and rest.start() - last > T.MULTI_YEAR_CUE_CLAUSE_CHARS \
                and not _DIGIT.search(window, last, rest.start()):
            return False
        # a total (累计推出119个事项) says nothing of a rate in a later clause (，平均压减时间58%; ，能耗预计下降3.2%),
        # unless a cue of the period is there too (五年来，累计…，增长40%)
        if rest is not None and m.base_unit in c.rate_units \
                and all(c.total_cue.fullmatch(x.group()) for x in c.multi.finditer(window)):
            return False
        total = all(c.total_cue.fullmatch(x.group()) for x in c.multi.finditer(window) if x.end() == last)
        return not any(m.start() >= last for m in c.full_year.finditer(window)) \
            and self._cue_carries(window[last:], total=total)

    def _part_year(self, before: str) -> bool:
        """Is the last period word before the number in its sentence part of a year (上半年, 前三季度)?"""
        c = self.cues
        last_part = max((m.end() for m in c.part_year.finditer(before)), default=-1)
        if last_part < 0:
            return False
        last_full = max((m.end() for m in c.full_year.finditer(before)), default=-1)
        # 年末…从上半年5.5%降到5.3%: the end of a change after a part-year start is not part of the year
        return last_part > last_full and not self.words.change_to_re.search(before, last_part)

    def baseline_year(self, m, text: str) -> int | None:
        """The year of the start value of 由2020年的A增加到…: its own year (else none)."""
        cs, _ = m.clause
        b = self.cues.baseline_start.search(text, cs, m.s - m.prefix_len)
        return int(b.group(1)) if b and b.group(1) else None

    def basis(self, m, text: str, s0: int) -> str:
        """like_for_like (同口径, 可比价) | adjusted (剔除…因素后, 扣除…后) | '' for the mention's rate."""
        cs, _ = m.clause
        clause_before = text[cs:m.s]
        prev = ""
        if cs - 1 > s0:
            k = max((x.end() for x in _CLAUSE_END.finditer(text, s0, cs - 1)), default=s0)
            prev = text[k:cs - 1]
        for name, pattern in self.cues.basis:
            if pattern.search(clause_before) or (prev.endswith(self.words.basis_after_word) and pattern.search(prev)):
                return name
        return ""
