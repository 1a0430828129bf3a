"""Finding every quantity of a report and classifying it.

The pipeline for one document:

1. :func:`analysis.reading.document.from_text` reads the document once: the PDF layout undone (readable
   text + map to raw offsets), paragraphs in sections, the identity (region, level, year);
3. :func:`find_mentions` finds numbers with their units in each sentence (Arabic and Chinese
   numerals, percentages, ranks), dropping what is never an indicator (years, codes, ordinals,
   names and slogans with numerals);
4. :func:`_resolve` links mentions that share a qualifier, a unit or a subject (lists, ranges,
   分别 "respectively");
5. each mention is classified (qualifier, measure, kind, sector, metric names) from cue words of
   the lexicon, given the year it refers to (analysis.extraction.timing), its concept (analysis.language.concepts) and
   whose it is (analysis.extraction.subjects), and mapped back to raw offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import namedtuple
from dataclasses import dataclass
from functools import lru_cache

from ..language import concepts, lexicon, numerals
from ..reading.document import from_text, part_of
from . import english, naming, sector_context, subjects
from .schema import columns, frame
from .schema import enum as schema_enum
from .timing import Timing, cues

_CLAUSE_DELIMS = "，,；;：:。！？!?"
_CLAUSE_RE = re.compile(r"[，,；;：:。！？!?]")
_CN_RUN = re.compile(f"[{numerals.CN_CHARS}]+")
_QUOTED = re.compile(r"《[^《》]{0,60}》|“[^“”]{0,12}”|\"[^\"]{0,12}\"|「[^「」]{0,12}」")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _w():
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
    qualifier: str = "exact"
    q_explicit: bool = False
    base_unit: str = ""
    measure: str = ""
    kind: str = ""
    metric_zh: str = ""
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


def _arabic_re(lex) -> re.Pattern:
    # A magnitude character is not a magnitude when it begins a unit (千瓦, 千米, 百分点).
    look = {}
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
        rf"(?P<num>{num})(?P<in1>{_w().inner_more_alt})?(?P<mag>{mags})?(?P<in2>{_w().inner_more_alt})?"
        rf"(?P<unit>{lex.unit_re})?"
    )


# The fields of a row as rows() yields them: the columns of analysis/data/schema.json, in order.
ROW_FIELDS = ("doc", "id", "start", "end", "raw", "value", "unit", "value_base", "base_unit", "unit_en", "qualifier",
              "value_signed", "low", "high", "commitment", "group", "kind", "estimate", "measure", "sector", "sectors",
              "metric_zh", "metric_en", "metric_en_source", "concept",
              "subject", "year", "period", "basis", "section", "section_title", "paragraph", "sentence", "sentence_start",
              "sentence_end", "region", "region_en", "level", "report_year")
Row = namedtuple("Row", ROW_FIELDS)  # one indicator: the columns of analysis/data/schema.json


class Extractor:
    """Extracts the indicators of one document. Reusable: compile once, run on many texts."""

    def __init__(self):
        if tuple(columns()) != ROW_FIELDS:
            raise RuntimeError("analysis/data/schema.json and extractor.ROW_FIELDS disagree on the columns")
        self.lex = lexicon.load()
        self.words = w = self.lex.extraction
        self.arabic = _arabic_re(self.lex)
        self.unit_at = re.compile(f"(?:{self.lex.unit_re})")
        self.ascii_units = {u for u in self.lex.units if u.isascii() and u[0].isalpha()}
        self.unit_first = {u[0] for u in self.lex.units}
        self.decline_re = self.lex.decline_re
        self.commitments = dict(self.lex.commitments)
        allowed = set(schema_enum("commitment"))
        if set(self.commitments.values()) - allowed:
            raise RuntimeError(f"analysis/data/lexicon.yaml: commitment: values must be one of {sorted(allowed - {''})}")
        words = lexicon._alternation(self.commitments)
        self.commitment_re = re.compile(f"(?:{words})")
        aims = lexicon._alternation([w for w, v in self.commitments.items() if v != "ensure"])
        # 7%以上、力争达到8%: an aim written right after a floor
        self.aim_gap_re = lexicon.fill(w.aim_gap_template, aims=aims)

    # ------------------------------------------------------------------ finding
    def find_mentions(self, text: str, s0: int, e0: int) -> list[Mention]:
        """Mentions in text[s0:e0] (a sentence of the readable text), sorted, not overlapping."""
        out: list[Mention] = []
        sent = text[s0:e0]
        quoted = "“" in sent or "《" in sent or '"' in sent or "「" in sent
        skip = [m.span() for m in _QUOTED.finditer(text, s0, e0)] if quoted else []
        skip_starts = [a for a, _ in skip]

        def inside_skip(s, e):
            if not skip:
                return False
            k = bisect_right(skip_starts, s - 1) - 1
            return k >= 0 and skip[k][0] < s and e <= skip[k][1]

        percent = []
        w = self.words
        for m in (w.percent_cn_re.finditer(text, s0, e0) if w.percent_cn_word in sent else ()):
            v = _parse_cn_decimal(m.group(1))
            percent.append(m.span())
            if v is not None and not inside_skip(*m.span()):
                out.append(Mention(m.start(), m.end(), v, "", "%", cn=True, base_unit="%"))
        taken = list(percent)
        pstarts = [a for a, _ in percent]
        for m in self.arabic.finditer(text, s0, e0):
            k = bisect_right(pstarts, m.start()) - 1
            if k >= 0 and percent[k][0] <= m.start() < percent[k][1]:
                continue
            taken.append(m.span())
            mention = self._arabic_mention(text, m, s0, e0)
            if mention is not None and not inside_skip(mention.s, mention.e):
                out.append(mention)
        taken.sort()
        tstarts = [a for a, _ in taken]
        for m in _CN_RUN.finditer(text, s0, e0):
            k = bisect_right(tstarts, m.end() - 1) - 1
            if k >= 0 and taken[k][1] > m.start():
                continue
            if m.start() > s0 and (text[m.start() - 1].isdigit() or text[m.start() - 1] in self.words.before_cn_run_not):
                continue
            mention = self._chinese_mention(text, m, s0, e0)
            if mention is not None and not inside_skip(mention.s, mention.e):
                out.append(mention)
        out.sort(key=lambda x: x.s)
        return out

    def _arabic_mention(self, text, m, s0, e0) -> Mention | None:
        lex = self.lex
        s, e = m.span()
        unit, mag = m.group("unit") or "", m.group("mag") or ""
        inner = m.group("in1") or m.group("in2") or ""
        before = text[s - 1] if s > s0 else ""
        after = text[e] if e < e0 else ""
        if before and (_ASCII_LETTER.match(before) or before.isdigit() or before == "."):
            return None  # S22, G0616: codes; or the tail of a number the regex could not take whole
        if unit in self.ascii_units:
            if after and _ASCII_LETTER.match(after):
                return None
        elif after and _ASCII_LETTER.match(after):
            return None  # 5G, 5A级
        if unit and unit[0].isascii() and unit not in self.ascii_units and unit not in ("%",):
            return None
        w = self.words
        if unit == w.tenths_unit and text.startswith(lex.after_cheng, e):
            return None  # 3000成功: a word, not tenths
        if not unit and inner and not mag:
            return None  # '300多' with nothing after
        if len(m.group("num").split(".")[0].replace(",", "")) > 15:
            return None  # an id or a code, not a quantity
        value = numerals.parse_arabic(m.group("num"))
        mention = Mention(s, e, value, mag, unit, inner)
        if before == w.ordinal_prefix:
            if unit in lex.rank_units:
                mention.rank = True
                mention.s = s - 1
                return mention
            if not unit and not mag and _bare_rank(text, text[s0:s - 1], e, e0):
                mention.rank, mention.s, mention.base_unit = True, s - 1, w.rank_unit
                return mention
            return None  # ordinal: 第2届, 第14个五年规划
        if not unit and not mag:
            if _YEARS_LENGTH.fullmatch(m.group("num")) and text.startswith(lex.year_word, e) \
                    and not text.startswith(w.year_not_length, e) and before not in ("_", "M", "m"):
                # 11.3年 (平均受教育年限): a length of years, since no calendar year has a decimal point
                return Mention(s, e + len(lex.year_word), value, "", lex.year_word, inner)
            mention.unitless = True  # kept only when a range gives it a unit
            if text.startswith(lex.after_number, e):
                return None
            return mention
        if not unit and mag and text.startswith(lex.after_number, e):
            return None
        return mention

    def _chinese_mention(self, text, m, s0, e0) -> Mention | None:
        lex, w = self.lex, self.words
        run = m.group()
        rs = m.start()
        if len(run) > 24:
            return None  # no numeral is that long: a run of characters, not a number
        if len(run) == 1 and run not in w.lone_numerals and (rs + 1 >= e0 or text[rs + 1] not in self.unit_first) \
                and text[rs - 1:rs] != w.ordinal_prefix:
            return None  # a lone 一, 两, 三 ... before a word: 一批, 两新, 三北
        choice = None
        for k in range(len(run), 0, -1):
            u = self.unit_at.match(text, rs + k, e0)
            if u and numerals.parse_chinese(run[:k]) is not None:
                choice = (run[:k], u.group())
                break
        if choice is None:
            if numerals.parse_chinese(run) is None:
                return None
            choice = (run, "")
        cn, unit = choice
        end = rs + len(cn) + len(unit)
        mag = next((g for g in w.cn_magnitudes if cn.endswith(g) and len(cn) >= len(g)), "")
        head = cn[: len(cn) - len(mag)]
        value = numerals.parse_chinese(head) if head else 1
        if value is None or (head and mag and value == 0):
            return None
        has_digit = any(ch in numerals.DIGITS for ch in head)
        before = text[s0:rs]
        if text.startswith(lex.after_cn, end) or (before and before.endswith(lex.before_cn)):
            return None
        if before.endswith(w.ordinal_prefix):
            if unit in lex.rank_units and w.rank_context_re.search(before[:-len(w.ordinal_prefix)]):
                return Mention(rs - 1, end, value, "", unit, cn=True, rank=True)
            if not unit and not mag and _bare_rank(text, before, rs + len(cn), e0):
                return Mention(rs - 1, rs + len(cn), value, "", "", cn=True, rank=True, base_unit=w.rank_unit)
            return None
        big = bool(mag) or (has_digit and value >= 100 and head[-1] in w.round_numerals) or (
            head in w.round_numerals and bool(unit) and lex.units.get(unit, {}).get("dim") in ("count", "person"))
        if big:
            if not has_digit or not unit:
                # a bare magnitude (百亿, 千亿元, 千名) is an amount only after a cue (突破, 不足, 稳定在, 超)
                # or before 以上 (招生计划万名以上)
                if not lex.cn_cue_re.search(before) and not (
                        text.startswith(w.floor_word, end) and lex.units.get(unit, {}).get("dim") in ("count", "person")):
                    return None
                if cn == w.lone_word_numeral and not unit:
                    return None  # a lone 万 is a word or a name (成达万高铁), never an amount
            if not unit and not mag:
                return None
            return Mention(rs, end, float(value), mag, unit, cn=True)
        if unit in w.change_units and lex.growth_re.search(before):
            return Mention(rs, end, float(value), "", unit, cn=True)
        if unit == w.tenths_unit and 2 <= value <= 10 and not text.startswith(lex.after_cheng, end):
            return Mention(rs, end, float(value), "", unit, cn=True)  # 八成 = 80%
        if (unit and (has_digit or head.startswith(w.ten_numeral)) and value >= lex.min_cn_count
                and lex.units[unit]["dim"] in ("count", "person")):
            return Mention(rs, end, float(value), "", unit, cn=True)  # 十件民生实事; 两个, 五件 are slogans
        return None

    # ------------------------------------------------------------------ resolving
    def _resolve(self, text: str, ms: list[Mention], s0: int, e0: int) -> list[Mention]:
        """Ranges and lists: unit inheritance and shared qualifiers; drop unit-less leftovers."""
        for a, b in zip(ms, ms[1:]):
            gap = text[a.e:b.s]
            if a.unitless and _w().range_re.match(gap) and not b.unitless:
                a.unit, a.mag, a.unitless = b.unit, b.mag, False
                a.range_low = True
                b.range_high = True
            elif _w().range_re.match(gap) and a.unit == b.unit and a.mag == b.mag:
                a.range_low = True
                b.range_high = True
        ms = [m for m in ms if not m.unitless]
        for m in ms:
            self._qualify(text, m, s0, e0)
            m.clause = _clause(text, m, s0, e0)
        # a trailing qualifier closes a list: 800亿斤、60亿斤、160亿斤以上
        for i in range(len(ms) - 2, -1, -1):
            a, b = ms[i], ms[i + 1]
            if _w().connector_re.match(text[a.e:b.s]) and not a.q_explicit and b.q_suffix:
                a.qualifier = b.qualifier
                a.q_suffix = True
        for m in ms:
            if m.range_low and not m.q_explicit:
                m.qualifier = "at_least"
            if m.range_high and not m.q_explicit:
                m.qualifier = "at_most"
        return ms

    def _qualify(self, text: str, m: Mention, s0: int, e0: int) -> None:
        lex = self.lex
        q = None
        pm = lex.prefix_q_re.search(text, max(s0, m.s - 4), m.s)
        if pm:
            q = lex.prefix_q[pm.group()]
            m.prefix_len = len(pm.group())
        sm = lex.suffix_q_re.match(text, m.e, e0)
        m.tail = m.e
        if sm:
            q = lex.suffix_q[sm.group()] if q is None or q in ("over", "near") else q
            m.tail = sm.end()
            m.q_suffix = True
        if q is None and m.inner:
            q = lex.inner_q[m.inner]
        if q:
            m.qualifier, m.q_explicit = q, True

    # ------------------------------------------------------------------ document
    def extract(self, raw: str, doc: str = "text"):
        """The indicators of one document's text as a DataFrame (see analysis.extraction.schema)."""
        return self.table(list(self.rows(raw, doc)))

    @staticmethod
    def table(rows: list):
        """Rows (of one document or several) as a DataFrame with the schema's columns and dtypes."""
        return frame(dict(zip(ROW_FIELDS, map(list, zip(*rows)))) if rows else {})

    def rows(self, raw: str, doc: str = "text"):
        """The indicators of one document as Rows (the columns of the schema), in text order."""
        document = from_text(raw, doc)
        layout = document.layout
        text = layout.text
        ident = (document.region, document.region_en, document.level, document.report_year)
        keywords = sector_context.KeywordHits(self.lex, text)
        cat = concepts.catalogue()
        when = Timing(document)
        for para in document.paragraphs:
            if para.section == "header":
                continue  # title, date, source and speaker lines, photo captions
            topic = background = None
            prev_sentence = ""
            for s0, e0 in document.sentences(para):
                if topic is None:
                    topic = text[s0:e0]
                # the sentence before, when it states a topic and no figure (要巩固好新能源产业领先地位。)
                lead_in, prev_sentence = ("" if _DIGIT.search(prev_sentence) else prev_sentence), text[s0:e0]
                ms = self.find_mentions(text, s0, e0)
                if not ms:
                    continue
                ms = self._resolve(text, ms, s0, e0)
                if not ms:
                    continue
                naming.name_mentions(self.lex, text, ms, s0, e0)
                for m in ms:
                    self._classify(text, m, s0, e0, para)
                _share_measure(text, ms)
                _baselines(text, ms)
                self._direction(text, ms)
                if background is None:
                    background = sector_context.SectorContext.background_of(self.lex, topic, para.section_title)
                sector_ctx = sector_context.SectorContext(self.lex, text, s0, e0, topic, para.section_title, background,
                                                   keywords)
                rs0, re0 = layout.to_raw(s0, e0)
                sentence = text[s0:e0]
                spans = {id(m): layout.to_raw(m.s, m.e) for m in ms}
                bounds = self._bounds(ms)
                for m in ms:
                    sector, sectors = sector_ctx.classify(m, text)
                    rs, re_ = spans[id(m)]
                    signed, low, high = bounds[id(m)]
                    group = spans[id(m.lead)][0] if m.lead is not None else rs
                    unit_written = m.mag + m.unit
                    year, period = when.of(m, text, s0, para)
                    basis = when.basis(m, text, s0) if m.kind != "context" else ""
                    dim = self.lex.units.get(m.unit, {}).get("dim", "") if m.unit else \
                        ("person" if m.base_unit == self.words.person_unit else "money" if m.base_unit == self.words.money_unit else "")
                    concept = cat.match(m.metric_zh, m.measure, dim) or self._rate_of_amount_before(m, ms, cat, dim)
                    concept = cat.scoped(concept, m.metric_zh, lead_in + text[s0:m.s])
                    subject = subjects.of(text, m, s0, document)
                    en, en_src = english.english(m.metric_zh, sector, m, self.lex, concept)
                    yield Row(doc, f"i{rs}-{re_}", rs, re_, raw[rs:re_], float(m.value), unit_written,
                           _base_value(m, self.lex), m.base_unit, unit_en(m, self.lex), m.qualifier, signed, low, high,
                           m.commitment if m.kind == "target" else "", group, m.kind,
                           m.kind == "achieved" and self.words.estimate_re.search(text, s0, m.s) is not None, m.measure,
                           sector, ";".join(sectors), m.metric_zh, en, en_src, concept.id if concept else "",
                           subject, year, period, basis, para.section, para.section_title, para.index, sentence, rs0, re0,
                           *ident)

    # ------------------------------------------------------------------ values
    def _direction(self, text: str, ms: list[Mention]) -> None:
        """Sign, commitment and statement of each mention: a change whose verb is a fall (下降3.3%,
        分别下降3%和5%) is negative; the commitment word of its clause (确保, 力争 ...); the two ends of
        a range and an aim written beside a floor (7%以上、力争达到8%) are one statement."""
        for m in ms:
            cs = max(m.clause[0], m.s - _WINDOW)  # bounded: linear time on clauses of thousands of numbers
            before = text[cs:m.s - m.prefix_len].rstrip()
            m.negative = m.measure == "growth" and self.decline_re.search(before) is not None
            words = self.commitment_re.findall(text, cs, m.s)
            m.commitment = self.commitments[words[-1]] if words else ""
        for a, b in zip(ms, ms[1:]):
            gap = text[a.tail:b.s]
            if a.negative and b.measure == "growth" and (_w().connector_re.match(gap) or _w().range_re.match(gap)):
                b.negative = True  # 分别下降3%和5%, 下降5%—6%
            if a.range_low and b.range_high:
                b.lead = a.lead or a
            elif (a.kind == b.kind == "target" and a.base_unit == b.base_unit and a.measure == b.measure
                  and self.aim_gap_re.match(gap) and _base_value(b, self.lex) > _base_value(a, self.lex)):
                b.lead = a.lead or a  # the aim of a floor: one target

    def _bounds(self, ms: list[Mention]) -> dict[int, tuple[float, float, float]]:
        """(value_signed, low, high) of each mention: the interval the statement gives, on the signed scale."""
        nan = float("nan")
        out = {}
        for m in ms:
            v = _base_value(m, self.lex)
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

    @staticmethod
    def _rate_of_amount_before(m, ms, cat, dim):
        """A rate named by a growth word alone (经济总量超过6万亿元，…，年均增速5.7%): the growth concept of
        the nearest amount before it in the sentence (gdp_level -> gdp_growth), else None."""
        if m.measure != "growth" or not _meaning_res()["bare_growth"].fullmatch(m.metric_zh or ""):
            return None
        k = next(i for i, x in enumerate(ms) if x is m)
        prev = next((x for x in reversed(ms[:k]) if x.measure == "level" and x.metric_zh), None)
        return cat.match(prev.metric_zh + _w().growth_word, "growth", dim) if prev is not None else None

    # ------------------------------------------------------------------ classifying
    def _classify(self, text: str, m: Mention, s0: int, e0: int, para) -> None:
        lex, w = self.lex, self.words
        cs, ce = m.clause
        before = text[cs:m.s - m.prefix_len]
        # base unit
        if m.unit:
            m.base_unit = lex.units.get(m.unit, {}).get("base", m.unit)
        elif m.rank:
            m.base_unit = w.rank_unit
        else:
            m.base_unit = _implied_unit(lex, text, m, cs, ce)
        # measure
        if m.rank:
            m.measure = "rank"
        elif m.unit in ("%", "‰", *w.change_units, w.rank_unit) or m.base_unit == "%":
            grown = _is_growth(lex, text, m, cs, ce, before)
            m.measure = "growth" if grown else ("share" if m.unit in ("%", "‰") or m.base_unit == "%" else "level")
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


def _baselines(text: str, ms) -> None:
    """由23.9%降至10%以下, 从18%提高到71%, 从上半年5.5%降到5.3%: the starting value is a baseline (context), not
    a result."""
    for a, b in zip(ms, ms[1:]):
        if a.range_low and b.range_high and (a.descriptor or b.descriptor):
            a.kind = b.kind = "context"  # 0—6岁儿童: both ends of a descriptor
            a.descriptor = b.descriptor = True
        if a.clause[0] == b.clause[0] or a.clause == b.clause:
            lead = text[a.clause[0]:a.s - a.prefix_len]
            gap = text[a.tail:b.s]
            if cues().baseline_start.search(lead) and cues().baseline_end.search(gap.rstrip(_w().baseline_gap_strip)) \
                    and a.base_unit == b.base_unit:
                a.kind = "context"


def _bare_rank(text: str, before: str, end: int, e0: int) -> bool:
    """全国第一, 居全国第3: a rank without 位/名, after a rank context and before punctuation."""
    after = text[end] if end < e0 else "。"
    w = _w()
    return after in "，,。；;、）)！？" and w.rank_context_re.search(before.removesuffix(w.ordinal_prefix)) is not None


def _share_measure(text: str, ms) -> None:
    """'增长18.6%和23.4%', '增长5%—6%': the later numbers of a list or range are rates of the same
    kind as the first."""
    for a, b in zip(ms, ms[1:]):
        gap = text[a.tail:b.s] or "、"
        if a.measure == "growth" and b.unit == a.unit and (_w().connector_re.match(gap) or _w().range_re.match(gap)
                                                           or _w().stretch_re.match(gap)):
            b.measure = "growth"


_WINDOW = 80  # how far before a number its sign and commitment words are looked for (within its clause)


def _clause(text: str, m: Mention, s0: int, e0: int) -> tuple[int, int]:
    cs = s0
    for i in range(m.s - 1, s0 - 1, -1):
        if text[i] in _CLAUSE_DELIMS:
            cs = i + 1
            break
    nxt = _CLAUSE_RE.search(text, m.tail, e0)
    return cs, (nxt.start() if nxt else e0)


def _followed_by_to(before: str) -> bool:
    return before.endswith(_w().to_words)


_DIGIT = re.compile(r"\d")
_YEARS_LENGTH = re.compile(r"\d{1,2}\.\d")  # 11.3年, not a list number before a year (20.2026年)


@lru_cache(maxsize=1)
def _meaning_res() -> dict:
    return lexicon.load().meaning_re


def _is_growth(lex, text, m, cs, ce, before) -> bool:
    b = before.rstrip()
    if _meaning_res()["growth_target"].search(b):
        return True  # 经济增长预期目标为5%左右
    if b.endswith(_w().not_growth_ends):
        return False
    if lex.growth_re.search(b):
        return True
    if lex.growth_after_re.match(text, m.tail, ce):
        return True
    return False





def _kind(lex, section: str, clause: str, before: str, sentence_before: str, m=None) -> str:
    part = part_of(section)
    cues = lex.kind_cues
    if section == "notes":
        return "context"  # glossary entries and notes after the closing
    if section == "problems":
        # a rate of change named as a problem is a result of the past year (民间投资下降3.1%)
        return "achieved" if m is not None and m.measure == "growth" else "context"
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
        if m is not None and not m.unit and m.base_unit == _w().person_unit and lex.own_region_re.search(before):
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


def _base_value(m: Mention, lex) -> float:
    factor = lex.magnitudes.get(m.mag, 1.0) if m.mag else 1.0
    if m.unit:
        factor *= lex.units.get(m.unit, {}).get("factor", 1.0)  # 八成 = 80 (%)
    return float(m.value) * factor


def unit_en(m: Mention, lex) -> str:
    u = lex.units.get(m.unit, {}).get("en", "") if m.unit else ""
    if not u:
        u = _w().implied_unit_en.get(m.base_unit, "")
    mag = _w().magnitude_en.get(m.mag, "")
    return " ".join(x for x in (mag, u) if x)


def _parse_cn_decimal(s: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    whole, _, frac = s.partition(_w().decimal_point_word)
    w = numerals.parse_chinese(whole)
    if w is None:
        return None
    if frac:
        digits = "".join(str(numerals.DIGITS.get(c, "")) for c in frac)
        return float(f"{w}.{digits}")
    return float(w)


_DEFAULT = None


def default_extractor() -> Extractor:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT
