"""Finding every quantity of a report and classifying it.

The pipeline for one document:

1. :func:`analysis.reading.document.from_text` reads the document once: the PDF layout undone (readable
   text + map to raw offsets), paragraphs in sections, the identity (region, level, year);
3. :func:`find_mentions` finds numbers with their units in each sentence (Arabic and Chinese
   numerals, percentages, ranks), dropping what is never an indicator (years, codes, ordinals,
   names and slogans with numerals);
4. :func:`_resolve` links mentions that share a qualifier, a unit or a subject (lists, ranges,
   分别 "respectively");
5. each mention is classified (qualifier; measure and kind in meaning.py, metric names in naming.py,
   sectors in sector_context.py) from cue words of the lexicon, given the year it refers to (analysis.extraction.timing), its concept (analysis.language.concepts) and
   whose it is (analysis.extraction.subjects), and mapped back to raw offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..language import concepts, lexicon, numerals
from ..project import thresholds as T
from ..reading.document import from_text
from . import english, english_clause, meaning, naming, schema, sector_context, subjects
from .meaning import (
    DIGIT,
    YEARS_LENGTH,
    bare_rank,
    base_value,
    clause_span,
    mark_baselines,
    parse_cn_decimal,
    share_measure,
    shared_unit,
    unit_en,
)
from .mention import Mention, arabic_re, extraction_words, fractions_and_ratios
from .schema import enum as schema_enum
from .timing import Timing

_CN_RUN = re.compile(f"[{numerals.CN_CHARS}]+")
_QUOTED = re.compile(r"《[^《》]{0,60}》|“[^“”]{0,12}”|\"[^\"]{0,12}\"|「[^「」]{0,12}」")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")  # a calendar year


class Extractor:
    """Extracts the indicators of one document. Reusable: compile once, run on many texts."""

    def __init__(self):
        self.lex = lexicon.load()
        self.words = w = self.lex.extraction
        self.arabic = arabic_re(self.lex)
        self.unit_at = re.compile(f"(?:{self.lex.unit_re})")
        self.ascii_units = {u for u in self.lex.units if u.isascii() and u[0].isalpha()}
        self.unit_first = {u[0] for u in self.lex.units}
        self.decline_re = self.lex.decline_re
        self.commitments = dict(self.lex.commitments)
        allowed = set(schema_enum("commitment"))
        if set(self.commitments.values()) - allowed:
            raise RuntimeError(f"analysis/data/lexicon.yaml: commitment: values must be one of {sorted(allowed - {''})}")
        words = lexicon.alternation(self.commitments)
        self.commitment_re = re.compile(f"(?:{words})")
        aims = lexicon.alternation([w for w, v in self.commitments.items() if v != "ensure"])
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
            v = parse_cn_decimal(m.group(1))
            percent.append(m.span())
            if v is not None and not inside_skip(*m.span()):
                out.append(Mention(m.start(), m.end(), v, "", "%", cn=True, base_unit="%"))
        for span, value, unit in fractions_and_ratios(text, s0, e0, sent):
            percent.append(span)
            if not inside_skip(*span):
                out.append(Mention(span[0], span[1], value, "", unit, base_unit=unit, ratio=not unit))
        percent.sort()
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
        if unit and text.startswith(tuple(self.words.not_unit_words), e - len(unit)):
            e, unit = e - len(unit), ""  # 迈上1200亿台阶: 台 begins a word here, it is no unit
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
        if unit in lex.session_units and not mag and YEAR_NUMBER.fullmatch(m.group("num")):
            return None  # 2025届毕业生: a class of a year
        mention = Mention(s, e, value, mag, unit, inner)
        if before == w.ordinal_prefix:
            if unit in lex.rank_units or (unit in lex.ordinal_count_units and w.rank_context_re.search(text[s0:s - 1])):
                mention.rank, mention.ordinal, mention.s = unit in lex.rank_units, unit not in lex.rank_units, s - 1
                return mention  # 第2位; 全国第11个获批的创新型省份: an ordinal of a kind, context
            if not unit and not mag and bare_rank(text, text[s0:s - 1], e, e0):
                mention.rank, mention.s, mention.base_unit = True, s - 1, w.rank_unit
                return mention
            return None  # ordinal: 第2届, 第14个五年规划
        if not unit and not mag:
            if YEARS_LENGTH.fullmatch(m.group("num")) and text.startswith(lex.year_word, e) \
                    and not text.startswith(w.year_not_length, e) and before not in ("_", "M", "m"):
                # 11.3年 (平均受教育年限): a length of years, since no calendar year has a decimal point
                return Mention(s, e + len(lex.year_word), value, "", lex.year_word, inner)
            mention.unitless = True  # kept only when a range gives it a unit
            if text.startswith(lex.after_number, e):
                return None
            mention.ratio = bool(w.ratio_noun_re.search(text, s0, s))  # 收入比降至2.2: a ratio, unit-less
            mention.unitless = not mention.ratio
            return mention
        if not unit and mag and text.startswith(lex.after_number, e):
            return None
        return mention

    def _chinese_mention(self, text, m, s0, e0) -> Mention | None:
        lex, w = self.lex, self.words
        run = m.group()
        rs = m.start()
        if len(run) > T.NUMERAL_RUN_MAX:
            return None  # no numeral is that long: a run of characters, not a number
        if len(run) == 1 and run not in w.lone_numerals and (rs + 1 >= e0 or text[rs + 1] not in self.unit_first) \
                and text[rs - 1:rs] != w.ordinal_prefix:
            return None  # a lone 一, 两, 三 ... before a word: 一批, 两新, 三北
        choice = self._cn_unit(text, run, rs, e0)
        if choice is None:
            return None
        cn, inner, unit = choice
        if unit in lex.session_units:
            return None  # 二十届三中全会: a session's name
        end = rs + len(cn) + len(inner) + len(unit)
        mag = next((g for g in w.cn_magnitudes if cn.endswith(g) and len(cn) >= len(g)), "")
        head = cn[: len(cn) - len(mag)]
        value = numerals.parse_chinese(head) if head else 1
        if value is None or (head and mag and value == 0):
            return None
        has_digit = any(ch in numerals.DIGITS for ch in head)
        before = text[s0:rs]
        if text.startswith(lex.after_cn, end) or self._slogan_before(before):
            return None
        if before.endswith(w.ordinal_prefix):
            if unit in lex.rank_units | lex.ordinal_count_units and w.rank_context_re.search(before[:-len(w.ordinal_prefix)]):
                return Mention(rs - 1, end, value, "", unit, cn=True, rank=unit in lex.rank_units,
                               ordinal=unit not in lex.rank_units)  # 全国第2位; 全国第二个举办…的城市
            if not unit and not mag and bare_rank(text, before, rs + len(cn), e0):
                return Mention(rs - 1, rs + len(cn), value, "", "", cn=True, rank=True, base_unit=w.rank_unit)
            return None
        big = bool(mag) or (has_digit and value >= 100 and head[-1] in w.round_numerals) or (
            head in w.round_numerals and bool(unit) and lex.units.get(unit, {}).get("dim") in ("count", "person"))
        if big:
            if (not has_digit or not unit) and not (inner and lex.units.get(unit, {}).get("dim") in ("count", "person")):
                # a bare magnitude (百亿, 千亿元, 千名) is an amount only after a cue (突破, 不足, 稳定在, 超)
                # or before 以上 (招生计划万名以上)
                if not lex.cn_cue_re.search(before) and not (
                        text.startswith(w.floor_word, end) and lex.units.get(unit, {}).get("dim") in ("count", "person")):
                    return None
                if cn == w.lone_word_numeral and not unit:
                    return None  # a lone 万 is a word or a name (成达万高铁), never an amount
            if not unit and not mag:
                return None
            return Mention(rs, end, float(value), mag, unit, inner, cn=True)  # 千亿元, 千余家 (a count over it)
        if unit in w.change_units and lex.growth_re.search(before):
            return Mention(rs, end, float(value), "", unit, cn=True)
        if unit == w.tenths_unit and 2 <= value <= 10 and not text.startswith(lex.after_cheng, end):
            return Mention(rs, end, float(value), "", unit, cn=True)  # 八成 = 80%
        if (unit and (has_digit or head.startswith(w.ten_numeral)) and value >= lex.min_cn_count
                and lex.units[unit]["dim"] in ("count", "person")):
            return Mention(rs, end, float(value), "", unit, cn=True)  # 十件民生实事; 两个, 五件 are slogans
        if has_digit and self._action_count(text, head, unit, end, e0, before):
            return Mention(rs, end, float(value), "", unit, cn=True)  # 两次下调存款准备金率, 推出两批清单
        return None

    def _cn_unit(self, text: str, run: str, rs: int, e0: int) -> tuple[str, str, str] | None:
        """(numeral, 余/多 after it, unit) of a run of Chinese numerals at `rs`: the longest numeral that a unit
        follows (千余家: 多/余 between); else the whole run without a unit; None when it is no numeral."""
        more = self.words.inner_more_alt.split("|")
        for k in range(len(run), 0, -1):
            inner = text[rs + k] if rs + k < e0 and text[rs + k] in more else ""
            u = self.unit_at.match(text, rs + k + len(inner), e0)
            if u and numerals.parse_chinese(run[:k]) is not None:
                return run[:k], inner, u.group()
        return (run, "", "") if numerals.parse_chinese(run) is not None else None

    def _slogan_before(self, before: str) -> bool:
        """Does the text before a Chinese magnitude make it a slogan (上万, 双千亿)? Not after a milestone cue
        that ends so (跨上万亿元台阶)."""
        return bool(before) and before.endswith(self.lex.before_cn) and not before.endswith(
            tuple(self.words.milestone_cues))

    def _action_count(self, text: str, head: str, unit: str, end: int, e0: int, before: str) -> bool:
        """Is a small Chinese-numeral count (两次, 两批) a count of the government's actions: events or batches
        with an action verb right after or before (not 一批, 二次 nor a visit)?"""
        w = self.words
        return unit in w.cn_event_units and head not in w.cn_event_not_heads and (
            w.cn_event_action_re.match(text, end, e0) is not None or w.cn_event_action_before_re.search(before) is not None)

    # ------------------------------------------------------------------ resolving
    def _resolve(self, text: str, ms: list[Mention], s0: int, e0: int) -> list[Mention]:
        """Ranges and lists: unit inheritance and shared qualifiers; drop unit-less leftovers."""
        for a, b in zip(ms, ms[1:]):
            gap = text[a.e:b.s]
            if a.unitless and extraction_words().range_re.match(gap) and not b.unitless:
                a.unit, a.mag, a.unitless = b.unit, b.mag, False
                a.range_low = True
                b.range_high = True
            elif extraction_words().range_re.match(gap) and a.unit == b.unit and a.mag == b.mag:
                a.range_low = True
                b.range_high = True
        shared_unit(text, ms, s0)
        ms = [m for m in ms if not m.unitless]
        for m in ms:
            self._qualify(text, m, s0, e0)
            m.clause = clause_span(text, m, s0, e0)
        # a trailing qualifier closes a list: 800亿斤、60亿斤、160亿斤以上
        for i in range(len(ms) - 2, -1, -1):
            a, b = ms[i], ms[i + 1]
            if extraction_words().connector_re.match(text[a.e:b.s]) and not a.q_explicit and b.q_suffix:
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
        return schema.rows_frame(rows)

    def dimension(self, m: Mention) -> str:
        """What a mention counts (person, money, area ...: its unit's dim in the lexicon), for its concept; a
        number without a unit word counts what its base unit says (people or yuan), else nothing."""
        if m.unit:
            return self.lex.units.get(m.unit, {}).get("dim", "")
        w = self.words
        return "person" if m.base_unit == w.person_unit else "money" if m.base_unit == w.money_unit else ""

    def concept(self, cat, m: Mention, ms: list, dim: str, text: str, s0: int, lead_in: str):
        """The concept of a mention: by its rules' name, else a rate's of the amount before it, scoped by its sentence;
        a target named the growth target after its number (确定4.5%左右的增长目标: extraction.growth_target_after_re) as
        growth_target_name; none for a share of a plan (完成年计划的118.2%, its own measure: plan_share_concept_re)."""
        w = self.words
        concept = cat.match(m.rules_name, m.measure, dim) or meaning.rate_of_amount_before(m, ms, cat, dim)
        concept = cat.scoped(concept, m.rules_name, lead_in + text[s0:m.s])
        if concept is None and m.kind == "target" and m.measure == "growth" and w.growth_target_after_re.match(text, m.e):
            concept = cat.match(w.growth_target_name, m.measure, dim)
        return None if concept is not None and m.measure == "share" and w.plan_share_concept_re.search(text, s0, m.s) else concept

    def rows(self, raw: str, doc: str = "text"):
        """The indicators of one document as schema.Row (the columns of schema.json), in text order."""
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
                lead_in, prev_sentence = ("" if DIGIT.search(prev_sentence) else prev_sentence), text[s0:e0]
                ms = self.find_mentions(text, s0, e0)
                ms = self._resolve(text, ms, s0, e0) if ms else ms
                if not ms:
                    continue
                naming.name_mentions(self.lex, text, ms, s0, e0)
                for m in ms:
                    meaning.classify(self.lex, text, m, s0, e0, para)
                share_measure(text, ms)
                mark_baselines(text, ms)
                meaning.direction(self, text, ms)
                if background is None:
                    background = sector_context.SectorContext.background_of(self.lex, topic, para.section_title)
                sector_ctx = sector_context.SectorContext(self.lex, text, s0, e0, topic, para.section_title, background,
                                                   keywords)
                rs0, re0 = layout.to_raw(s0, e0)
                spans = {id(m): layout.to_raw(m.s, m.e) for m in ms}
                bounds = meaning.bounds(self.lex, ms)
                for m in ms:
                    sector, sectors = sector_ctx.classify(m, text)
                    rs, re_ = spans[id(m)]
                    signed, low, high = bounds[id(m)]
                    group = spans[id(m.lead)][0] if m.lead is not None else rs
                    year, period = when.of(m, text, s0, para)
                    basis = when.basis(m, text, s0) if m.kind != "context" else ""
                    dim = self.dimension(m)
                    concept = self.concept(cat, m, ms, dim, text, s0, lead_in)
                    subject = subjects.of(text, m, s0, document)
                    en, en_src = english.english(m.metric_zh, sector, m, self.lex, concept, english_clause.clause_context(text, m))
                    yield schema.Row(
                        doc=doc, id=f"i{rs}-{re_}", start=rs, end=re_, raw=raw[rs:re_], value=float(m.value),
                        unit=m.mag + m.unit, value_base=base_value(m, self.lex), base_unit=m.base_unit,
                        unit_en=unit_en(m, self.lex, m.metric_zh), qualifier=m.qualifier, value_signed=signed, low=low, high=high,
                        commitment=m.commitment if m.kind == "target" else "", group=group, kind=m.kind,
                        estimate=m.kind == "achieved" and self.words.estimate_re.search(text, s0, m.s) is not None,
                        measure=m.measure, sector=sector, sectors=";".join(sectors), metric_zh=m.metric_zh,
                        metric_en=en, metric_en_source=en_src, concept=concept.id if concept else "",
                        subject=subject, year=year, period=period, basis=basis, section=para.section,
                        section_title=para.section_title, paragraph=para.index, sentence=text[s0:e0],
                        sentence_start=rs0, sentence_end=re0, region=ident[0], region_en=ident[1], level=ident[2],
                        report_year=ident[3])

    # ------------------------------------------------------------------ values

_DEFAULT = None


def default_extractor() -> Extractor:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT
