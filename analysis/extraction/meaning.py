"""What a number means: its base unit, measure (level, growth, share, rank) and kind (target, achieved,
context), its sign, commitment and interval, baselines, and the implied units and English unit labels."""

from __future__ import annotations

import re
from functools import lru_cache

from ..language import lexicon, numerals, units
from ..language.units import SHARE_UNITS
from ..project import thresholds as T
from ..reading.sections import part_of
from .mention import Mention, extraction_words
from .timing import cues

_CLAUSE_DELIMS = "，,；;：:。！？!?"
_CLAUSE_RE = re.compile(r"[，,；;：:。！？!?]")


_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?]")  # where a clause ends

def direction(ex, text: str, ms: list[Mention]) -> None:
    """Sign, commitment and statement of each mention: a change whose verb is a fall (下降3.3%,
    分别下降3%和5%) is negative; the commitment word of its clause (确保, 力争 ...); the two ends of
    a range and an aim written beside a floor (7%以上、力争达到8%) are one statement."""
    for m in ms:
        cs = max(m.clause[0], m.s - T.SIGN_WINDOW_CHARS)  # bounded: linear time on clauses of thousands of numbers
        before = text[cs:m.s - m.prefix_len].rstrip()
        m.negative = m.measure == "growth" and ex.decline_re.search(before) is not None
        words = ex.commitment_re.findall(text, cs, m.s)
        m.commitment = ex.commitments[words[-1]] if words else ""
    for a, b in zip(ms, ms[1:]):
        gap = text[a.tail:b.s]
        if a.negative and b.measure == "growth" and (extraction_words().connector_re.match(gap) or extraction_words().range_re.match(gap)):
            b.negative = True  # 分别下降3%和5%, 下降5%—6%
        if a.range_low and b.range_high:
            b.lead = a.lead or a
        elif (a.kind == b.kind == "target" and a.base_unit == b.base_unit and a.measure == b.measure
              and ex.aim_gap_re.match(gap) and base_value(b, ex.lex) > base_value(a, ex.lex)):
            b.lead = a.lead or a  # the aim of a floor: one target


def bounds(lex, ms: list[Mention]) -> dict[int, tuple[float, float, float]]:
    """(value_signed, low, high) of each mention: the interval the statement gives, on the signed scale."""
    nan = float("nan")
    out = {}
    for m in ms:
        v = base_value(m, lex)
        signed = -v if m.negative and v else v
        q = m.qualifier
        if q in ("over", "at_least"):
            low, high = (nan, signed) if m.negative else (signed, nan)
        elif q in ("under", "at_most"):
            low, high = (signed, nan) if m.negative else (nan, signed)
        else:
            low = high = signed
        out[id(m)] = (signed, low, high)
    for a, b in zip(ms, ms[1:]):
        if a.range_low and b.range_high:
            lo, hi = sorted((out[id(a)][0], out[id(b)][0]))
            out[id(a)] = (out[id(a)][0], lo, hi)
            out[id(b)] = (out[id(b)][0], lo, hi)
    return out


def rate_of_amount_before(m, ms, cat, dim):
    """A rate named by a growth word alone, or by a part of the year and a growth word (经济总量超过6万亿元，…，
    年均增速5.7%; 三季度增长4.6%): the growth concept of the nearest amount before it in the sentence (gdp_level ->
    gdp_growth); with none before, of the first amount after it when only rates stand between and the amount
    shares the clause of the last of them (实现三季度增长4.6%，四季度增长5.6%，全年增长4.8%、总量达5.3万亿元: the
    economy's rates before its total; not …增长4.6%，粮食产量达到…); else None."""
    if m.measure != "growth" or not _meaning_res()["bare_growth"].fullmatch(m.rules_name or m.metric_zh or ""):
        return None
    k = next(i for i, x in enumerate(ms) if x is m)
    prev = next((x for x in reversed(ms[:k]) if x.measure == "level" and x.metric_zh), None)
    if prev is None:  # the amount after the rates, in the clause of the last of them (、总量达5.3万亿元)
        j = next((i for i in range(k + 1, len(ms)) if ms[i].measure != "growth"), None)
        prev = ms[j] if j is not None and ms[j].measure == "level" and ms[j].metric_zh \
            and ms[j].clause == ms[j - 1].clause else None
    return cat.match((prev.rules_name or prev.metric_zh) + extraction_words().growth_word, "growth", dim) if prev is not None else None


def classify(lex, text: str, m: Mention, s0: int, e0: int, para) -> None:
    """Base unit, measure and kind of a mention (a descriptor or a standing fact is context)."""
    w = lex.extraction
    cs, ce = m.clause
    before = text[cs:m.s - m.prefix_len]
    # base unit
    if m.unit:
        m.base_unit = lex.units.get(m.unit, {}).get("base", m.unit)
    elif m.rank:
        m.base_unit = w.rank_unit
    elif m.ratio:
        m.base_unit = ""
    else:
        m.base_unit = _implied_unit(lex, text, m, cs, ce)
    # measure
    if m.rank:
        m.measure = "rank"
    elif m.ratio:
        m.measure = "share"
    elif m.unit in SHARE_UNITS or m.unit in w.change_units or m.unit == w.rank_unit or m.base_unit == "%":
        own = _item_measure(lex, m, before)
        grown = own if own is not None else _is_growth(lex, text, m, cs, ce, before)
        m.measure = "growth" if grown else ("share" if m.unit in SHARE_UNITS or m.base_unit == "%" else "level")
        if m.unit in w.change_units and not _followed_by_to(before):
            m.measure = "growth"
        if m.unit == w.rank_unit and not grown:
            m.measure = "level"
    elif m.unit != w.age_unit and (lex.change_re.search(before.rstrip())
                                    or lex.comparison_re.search(before.rsplit("、", 1)[-1])):
        m.measure = "growth"  # 比上年增加2200亿元, 标准提高20元: a change of an amount
    else:
        m.measure = "level"
    m.kind = _kind(lex, para.section, text[cs:ce], before, text[s0:m.s], m)
    if m.kind != "context" and (m.ordinal or lex.kind_cues["endured_list"].search(before) or (
            part_of(para.section) in ("review", "plan") and lex.kind_cues["scope_after"].match(text, m.tail, ce))):
        m.kind = "context"  # 全国第11个; 经受了…和10个台风; 支持29个县率先高质量发展: an ordinal, circumstances, a scope
    if m.kind != "context" and (m.unit in lex.descriptor_units or lex.descriptor_re.search(before[-8:])
                                or lex.descriptor_after_re.match(text, m.tail, ce)
                                or (m.unit == w.age_unit and lex.age_after_re.match(text, m.tail, ce))
                                or (m.q_suffix and m.qualifier == "over" and m.base_unit == w.money_unit
                                    and lex.threshold_after_re.match(text, m.tail, ce))):
        m.kind = "context"  # 500千伏, 时速120公里, 以下11个方面工作: descriptors, not indicators
        m.descriptor = True
    if m.kind != "context" and not m.unit and m.base_unit in (w.person_unit, "") \
            and _meaning_res()["population_after"].match(text, m.tail, ce):
        m.kind = "context"  # 4200万辽宁人民拼出了血性: the population, a standing fact


def mark_baselines(text: str, ms) -> None:
    """由23.9%降至10%以下, 从18%提高到71%, 从上半年5.5%降到5.3%: the starting value is a baseline (context), not
    a result; so are the starting values of a list (从2021年的46503元和16935元分别提高到58794元和23165元)."""
    for a, b in zip(ms, ms[1:]):
        if a.range_low and b.range_high and (a.descriptor or b.descriptor):
            a.kind = b.kind = "context"  # 0—6岁儿童: both ends of a descriptor
            a.descriptor = b.descriptor = True
    for i, a in enumerate(ms):
        if not cues().baseline_start.search(text[a.clause[0]:a.s - a.prefix_len]):
            continue
        w = extraction_words()
        j = i  # the starts listed with a connector (A和B, 645元/月、4318元/年), in one clause and one unit
        while j + 1 < len(ms) and _same_clause(ms[j], ms[j + 1]) and ms[j + 1].base_unit == a.base_unit \
                and w.connector_re.match(w.per_unit_gap_re.sub("", text[ms[j].tail:ms[j + 1].s])):
            j += 1
        if j + 1 < len(ms) and _same_clause(ms[j], ms[j + 1]) and ms[j + 1].base_unit == a.base_unit \
                and cues().baseline_end.search(text[ms[j].tail:ms[j + 1].s].rstrip(extraction_words().baseline_gap_strip)):
            for m in ms[i:j + 1]:
                m.kind = "context"


def _same_clause(a, b) -> bool:
    return a.clause[0] == b.clause[0] or a.clause == b.clause


def shared_unit(text: str, ms: list[Mention], s0: int) -> None:
    """Bare numbers of a 分别 list take the unit of its last item (分别提高20.9、36.2、54个百分点): a bare
    number right before 、 and a number with a unit, in a clause that says 分别 before it."""
    w = extraction_words()
    for i in range(len(ms) - 2, -1, -1):
        a, b = ms[i], ms[i + 1]
        if not (a.unitless and not b.unitless and b.unit and text[a.e:b.s] == w.list_comma):
            continue
        clause = _CLAUSE_BREAK.split(text[s0:a.s])[-1]
        if w.respectively in clause:
            a.unit, a.mag, a.unitless = b.unit, b.mag, False


def bare_rank(text: str, before: str, end: int, e0: int) -> bool:
    """全国第一, 居全国第3: a rank without 位/名, after a rank context and before punctuation (or before a list
    connector and the next rank: 居全国第五和第六)."""
    after = text[end] if end < e0 else "。"
    w = extraction_words()
    listed = w.connector_re.match(after) is not None and text.startswith(w.ordinal_prefix, end + 1)
    return (after in "，,。；;、）)！？" or listed) \
        and w.rank_context_re.search(before.removesuffix(w.ordinal_prefix)) is not None


def share_measure(text: str, ms) -> None:
    """'增长18.6%和23.4%', '增长5%—6%': the later numbers of a list or range are rates of the same
    kind as the first."""
    for a, b in zip(ms, ms[1:]):
        gap = text[a.tail:b.s] or "、"
        if a.measure == "growth" and b.unit == a.unit and (extraction_words().connector_re.match(gap) or extraction_words().range_re.match(gap)
                                                           or extraction_words().stretch_re.match(gap)):
            b.measure = "growth"




def clause_span(text: str, m: Mention, s0: int, e0: int) -> tuple[int, int]:
    cs = s0
    for i in range(m.s - 1, s0 - 1, -1):
        if text[i] in _CLAUSE_DELIMS:
            cs = i + 1
            break
    nxt = _CLAUSE_RE.search(text, m.tail, e0)
    return cs, (nxt.start() if nxt else e0)


def _followed_by_to(before: str) -> bool:
    return before.endswith(extraction_words().to_words)


DIGIT = re.compile(r"\d")
YEARS_LENGTH = re.compile(r"\d{1,2}\.\d")  # 11.3年, not a list number before a year (20.2026年)


@lru_cache(maxsize=1)
def _meaning_res() -> dict:
    return lexicon.load().meaning_re


def _item_measure(lex, m, before: str) -> bool | None:
    """城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内: a change word said before 分别 is one item's, so each number
    is what its own item names — a growth when its name says a change (居民消费价格涨幅), the rate itself when its name
    is a rate that says none (城镇调查失业率); None when the clause is no such list."""
    w = extraction_words()
    left, sep, _ = before.rpartition(w.respectively)
    name = m.metric_zh or ""
    if not sep or lex.growth_re.search(left) is None:
        return None
    if lex.growth_re.search(name) is not None:
        return True
    return False if w.own_rate_re.search(name) is not None else None


def _is_growth(lex, text, m, cs, ce, before) -> bool:
    b = before.rstrip()
    if _meaning_res()["growth_target"].search(b):
        return True  # 经济增长预期目标为5%左右
    if b.endswith(extraction_words().not_growth_ends):
        return False
    if lex.growth_re.search(b):
        return True
    return bool(lex.growth_after_re.match(text, m.tail, ce))





def _kind(lex, section: str, clause: str, before: str, sentence_before: str, m=None) -> str:
    part = part_of(section)
    cues = lex.kind_cues
    if section == "notes":
        return "context"  # glossary entries and notes after the closing
    if section == "problems":
        # a rate of change named as a problem is a result of the past year (民间投资下降3.1%)
        return "achieved" if m is not None and m.measure == "growth" else "context"
    if part in ("review", "plan") and cues["standing_set"].search(before):
        return "context"  # 做优做强5个国家先进制造业集群: a standing set acted on, neither a result nor a goal
    if part == "review":
        # a plan item inside the review (今年拟安排…) is not a result
        return "target" if cues["plan_in_review"].search(sentence_before) else "achieved"
    if cues["forecast"].search(sentence_before) or (part == "plan" and cues["forecast_plan"].search(sentence_before)):
        return "context"  # 预计今年高校毕业生超过1170万人: a forecast, neither a result nor a goal
    if part == "plan":
        if cues["achieved"].search(before):
            return "context"  # a past result cited in a task (在去年布局5个点位基础上): never a result here
        if cues["context"].search(before) and not cues["target"].search(before):
            return "context"
        if m is not None and not m.unit and m.base_unit == extraction_words().person_unit and lex.own_region_re.search(before):
            return "context"  # 全省4500万群众: the population, not a goal
        return "target"
    # preamble, closing, a text of unknown structure: decide by cues alone; context where none tells
    if cues["target"].search(sentence_before):
        return "target"
    if cues["context"].search(before):
        return "context"
    if cues["achieved"].search(sentence_before) or cues["past"].search(sentence_before):
        return "achieved"
    return "context"


def _implied_unit(lex, text, m, cs, ce) -> str:
    """Base unit of a bare 万/亿 amount: the counted noun after it, else a noun before it."""
    after = lex.implied_re.search(text, m.tail, min(ce, m.tail + 8))
    if after is not None and after.start() > m.tail + 3:
        after = None
    if after:
        return lex.implied_units[after.group()]
    left = [x for x in lex.implied_re.finditer(text, cs, m.s)]
    if len(left) > 1 and left[-1].group() in lex.implied_generic and left[-1].start() - left[-2].end() <= 4:
        return lex.implied_units[left[-2].group()]  # 脱贫人口务工规模3300万: the people's number
    if left:
        return lex.implied_units[left[-1].group()]
    return ""


def base_value(m: Mention, lex) -> float:
    factor = lex.magnitudes.get(m.mag, 1.0) if m.mag else 1.0
    if m.unit:
        factor *= lex.units.get(m.unit, {}).get("factor", 1.0)  # 八成 = 80 (%)
    return float(m.value) * factor


def unit_en(m: Mention, lex, name: str = "") -> str:
    """The unit in English; a classifier's English follows the noun it counts (lexicon units en_by_noun:
    张床位 → beds) where the metric name says it."""
    u = units.unit_en(lex.units.get(m.unit, {}), name) if m.unit else ""
    if not u:
        u = extraction_words().implied_unit_en.get(m.base_unit, "")
    mag = extraction_words().magnitude_en.get(m.mag, "")
    return " ".join(x for x in (mag, u) if x)


def parse_cn_decimal(s: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    whole, _, frac = s.partition(extraction_words().decimal_point_word)
    w = numerals.parse_chinese(whole)
    if w is None:
        return None
    if frac:
        digits = "".join(str(numerals.DIGITS.get(c, "")) for c in frac)
        return float(f"{w}.{digits}")
    return float(w)
