"""A number found in a sentence (a Mention), the pattern that finds Arabic numerals with their units, and the
fractions and ratios of a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..language import lexicon, numerals


def extraction_words():
    """The words and patterns of lexicon.yaml `extraction`, compiled by the lexicon."""
    return lexicon.load().extraction


@dataclass(slots=True)
class Mention:
    s: int                    # readable-text span of number + unit
    e: int
    value: float
    mag: str                  # magnitude written (万, 亿 ...) or ''
    unit: str                 # unit word without magnitude ('' when none)
    inner: str = ""           # 多/余 inside the span
    cn: bool = False          # written in Chinese numerals
    rank: bool = False        # 第N位
    ordinal: bool = False     # 全国第11个…: an ordinal of a kind (context)
    ratio: bool = False       # A∶1 (城乡居民收入比2.04∶1): a unit-less share
    qualifier: str = "exact"
    q_explicit: bool = False
    base_unit: str = ""
    measure: str = ""
    kind: str = ""
    metric_zh: str = ""
    rules_name: str = ""      # metric_zh before its part-of-speech pass (phrase.py): what concept and sector read
    subject: str = ""         # metric without its growth verb, for borrowing
    tail: int = 0             # end of the span plus a suffix qualifier
    clause: tuple = (0, 0)
    prefix_len: int = 0       # length of a prefix qualifier before the span (近, 超过)
    q_suffix: bool = False    # the qualifier follows the number (以上, 左右)
    unitless: bool = False    # a bare number: kept only when a range gives it a unit
    range_low: bool = False   # the ends of a range 5%—6%
    range_high: bool = False
    distributed: bool = False   # named by a 分别 list
    descriptor: bool = False    # 500千伏, 时速120公里: not an indicator
    negative: bool = False      # a change stated as a fall (下降3.3%): value_signed < 0
    commitment: str = ""        # ensure | strive | seek | endeavour (确保, 力争 ...) of a target
    lead: Mention | None = None  # the first mention of the statement (a range's low end, the floor of an aim)
    # the form of the name (name_form.py), after the concept and the sectors read the rules' name:
    deng_at: int = 0            # where 等 closes a 分别 list with a number for every item (食品等产业增加值: 2)
    list_whole: tuple = ()      # (last item, whole list) when one number holds for every item of a long list
    name_unsure: bool = False   # the verb side of the name (name_verbs.py) kept a verb of no class: metric_en_source unsure


def arabic_re(lex) -> re.Pattern:
    # A magnitude character is not a magnitude when it begins a unit (千瓦, 千米, 百分点).
    look: dict[str, list[str]] = {}
    for u in lex.units:
        for m in lex.magnitudes:
            if u.startswith(m) and len(u) > len(m):
                look.setdefault(m, []).append(re.escape(u[len(m):]))
    mags = "|".join(
        m + (f"(?!{'|'.join(look[m])})" if m in look else "")
        for m in sorted(lex.magnitudes, key=len, reverse=True)
    )
    num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?"
    return re.compile(
        rf"(?P<num>{num})(?P<in1>{extraction_words().inner_more_alt})?(?P<mag>{mags})?(?P<in2>{extraction_words().inner_more_alt})?"
        rf"(?P<unit>{lex.unit_re})?"
    )


def fractions_and_ratios(text: str, s0: int, e0: int, sent: str):
    """(span, value, unit) of the fractions (三分之一, 1/3: a share in percent) and the ratios A∶1 (value A,
    unit-less) of text[s0:e0], the sentence `sent`."""
    w = extraction_words()
    if w.fraction_word in sent:
        for m in w.fraction_cn_re.finditer(text, s0, e0):
            den, num = numerals.parse_chinese(m.group(1)), numerals.parse_chinese(m.group(2))
            if den and num and num < den:
                yield m.span(), round(100 * num / den, 6), "%"
    if "/" in sent:
        for m in w.fraction_re.finditer(text, s0, e0):
            num, den = int(m.group(1)), int(m.group(2))
            if 0 < num < den:
                yield m.span(), round(100 * num / den, 6), "%"
    for m in w.ratio_re.finditer(text, s0, e0):
        yield m.span(), numerals.parse_arabic(m.group(1)), ""
