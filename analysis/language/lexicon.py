"""The language data of ``analysis/data/lexicon.yaml`` and ``glossary.yaml``, loaded once and compiled."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .lexicon_schema import LexiconError, validate

DATA = Path(__file__).resolve().parents[1] / "data"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the same result, 5x faster


def load_yaml(path: Path):
    """A YAML file of the package or the project, read safely."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader


def alternation(words) -> str:
    """A regex matching any of the words, the longest first at a position; factored by first
    character (one branch per first character), which makes re scan about twice as fast."""
    groups: dict[str, list[str]] = {}
    for w in sorted({str(w) for w in words if str(w)}, key=lambda w: (-len(w), w)):
        groups.setdefault(w[0], []).append(w)
    alts = []
    for first, ws in groups.items():
        tails = [re.escape(w[1:]) for w in ws if len(w) > 1]
        if not tails:
            alts.append(re.escape(first))
        else:
            optional = "?" if len(tails) < len(ws) else ""
            alts.append(f"{re.escape(first)}(?:{'|'.join(tails)}){optional}")
    return "|".join(alts)


@dataclass(frozen=True)
class Lexicon:
    raw: dict
    units: dict            # unit -> {en, dim, base}
    unit_re: str           # alternation of units, longest first
    magnitudes: dict       # 亿 -> 1e8
    prefix_q: dict
    suffix_q: dict
    inner_q: dict
    prefix_q_re: re.Pattern
    suffix_q_re: re.Pattern
    implied_units: dict    # noun -> base unit
    implied_re: re.Pattern
    growth_re: re.Pattern  # growth verb (+ fillers) at the end of a string
    growth_after_re: re.Pattern
    share_re: re.Pattern
    kind_cues: dict        # kind -> compiled regex
    sections: dict
    cn_cue_re: re.Pattern
    after_number: tuple
    after_cn: tuple
    before_cn: tuple
    after_cheng: tuple     # 成 after a number is not tenths before these (成功, 一成不变)
    strip_prefix_re: re.Pattern
    strip_suffix_re: re.Pattern
    sector_order: tuple
    sector_rank: dict      # sector -> position in sector_order (tie-break)
    sector_en: dict
    keyword_sectors: dict  # keyword -> {sector: weight}
    keyword_re: re.Pattern
    sector_by_unit: dict
    metric_heads: tuple
    change_re: re.Pattern         # a change verb (+ fillers) at the end of a string
    comparison_re: re.Pattern     # 比上年 ...
    min_cn_count: int
    glossary_re: re.Pattern | None = None
    list_verb_re: re.Pattern | None = None      # a list verb at the start of a string
    trailing_verb_re: re.Pattern | None = None  # a list verb at the end of a string
    year_plan_re: re.Pattern | None = None        # 2025年工作安排: the year a report plans
    year_review_re: re.Pattern | None = None      # 2024年工作回顾: the year it reviews
    own_region_re: re.Pattern | None = None       # the region's own word at the end of a string (全省)
    inclusive_q: frozenset = frozenset()          # qualifier words that include their bound (以上: ≥)
    implied_generic: frozenset = frozenset()      # 规模, 总量: the unit of the noun they follow (务工规模 of 脱贫人口)
    owner_re: re.Pattern | None = None            # the owner of a bare head (粮食 for 产量)
    descriptor_units: frozenset = frozenset()
    descriptor_re: re.Pattern | None = None        # a descriptor cue right before a number
    descriptor_after_re: re.Pattern | None = None  # ... or right after it
    age_after_re: re.Pattern | None = None         # an age before the people it describes
    threshold_after_re: re.Pattern | None = None   # a money threshold before what it sorts
    # the vocabularies the reading and extraction layers use, compiled here once (no code reads `raw`)
    regions: dict = field(default_factory=dict)           # 河北 -> Hebei: the provincial regions
    plan_periods: dict = field(default_factory=dict)      # 十四五 -> 2025: a plan period's end year
    document: dict = field(default_factory=dict)          # the `document` vocabulary (identity, headings)
    timing: dict = field(default_factory=dict)            # the `timing` cue patterns (analysis.extraction.timing)
    subjects: dict = field(default_factory=dict)          # the `subjects` patterns (analysis.extraction.subjects)
    about_margin: dict = field(default_factory=dict)      # scorecard: the margins of 左右 (rate_pp, level_share)
    counting_words: tuple = ()                            # scorecard: words that say what of a concept is counted
    share_label_words: tuple = ()                         # pages: English words of a label that say it is a share
    pairing: Words = field(default_factory=lambda: Words("scorecard", {}))  # how two figures are paired (scorecard section)
    decline_re: re.Pattern | None = None                  # a decline verb (+ growth fillers) at the end of a string
    commitments: dict = field(default_factory=dict)       # 确保 -> ensure: the commitment of a target word
    rank_units: frozenset = frozenset()                   # units that are a rank (位) after a ranking context
    ordinal_count_units: frozenset = frozenset()          # 全国第11个…: an ordinal of a kind, context
    session_units: frozenset = frozenset()  # 届: no count in Chinese numerals (二十届) nor after a year (2025届)
    meaning_re: dict = field(default_factory=dict)        # growth_target, bare_growth, population_after
    counted_noun_end_words: dict = field(default_factory=dict)  # closing words of a counted noun -> what stays
    noun_cut_re: re.Pattern | None = None                 # a predicate that ends a counted noun
    noun_end_re: re.Pattern | None = None                 # a closing word at the end of a counted noun
    milestone_nouns: tuple = ()                           # 台阶, 关口: a level of the thing
    milestone_nouns_re: re.Pattern | None = None
    milestone_re: re.Pattern | None = None                # milestone phrases (迈上…台阶)
    circumstance_re: re.Pattern | None = None             # a circumstance before a metric (在…中)
    selected_re: re.Pattern | None = None                 # a selection (入选…名单) after a bare counted noun
    owned_heads: tuple = ()                               # heads of accounts, longest first (利润总额)
    purpose_re: re.Pattern | None = None                  # what a sum of money is for (用于…)
    predicate_re: re.Pattern | None = None                # a predicate that ends a metric name
    action_start_re: re.Pattern | None = None             # action verbs that open a metric name
    action_end_re: re.Pattern | None = None               # words that close a metric name with what happened
    qualified_heads: dict = field(default_factory=dict)   # head -> the kinds it is qualified by
    qualified_head_open_words: tuple = ()                 # words before such a head that leave it open across clauses
    concept_fillers: tuple = ()                           # concept_words fillers, longest first
    respectively_pairs: dict = field(default_factory=dict)  # 城乡居民 -> (城镇居民, 农村居民)
    shared_owner_heads: tuple = ()                        # heads that share the owner of the first item
    addition_prefixes: tuple = ()                         # 新增, 净增 ..., longest first
    addition_words: tuple = ()                            # 增量: an addition inside a name
    count_classifiers: frozenset = frozenset()            # 个, 家, 户 …: count units of one grain
    selection_predicates: tuple = ()                      # 入选, 获批 ...: what a bare counted noun reached
    measure_endings: tuple = ()                           # 率, 量, 额 ...: an item that has a measure of its own
    example_class_heads: tuple = ()                       # 产业, 领域 ...: a class after 等 that keeps its examples
    example_not_deng: tuple = ()                          # 高等, 等级 ...: words whose 等 ends no examples
    zai_nouns: tuple = ()                                 # 在建, 在校 ...: 在 that opens a counted noun
    creation_verbs: tuple = ()                            # 建设, 创建 ...: kept before the things they make
    creation_not_after: tuple = ()                        # 累计: ... but not in a clause of a cumulative total
    year_word: str = ""                                   # 年: the word after a year's number
    national_region: str = ""                             # 全国: the country as a region
    reading: Words = field(default_factory=lambda: Words("reading", {}))        # the words and patterns of the reading layer
    name_lists: Words = field(default_factory=lambda: Words("name_lists", {}))  # lists, pairs, owners of a name
    extraction: Words = field(default_factory=lambda: Words("extraction", {}))  # ... and of the extraction layer
    name_verbs: Words = field(default_factory=lambda: Words("name_verbs", {}))  # the verb side of names (name_verbs.py)
    name_shapes: Words = field(default_factory=lambda: Words("name_shapes", {}))  # shapes of names (name_shapes.py)


def fill(template: str, **alternations: str) -> re.Pattern:
    """A regex of lexicon.yaml (a ``*_template``) with <<name>> standing for an alternation of words,
    compiled."""
    for name, alt in alternations.items():
        template = template.replace(f"<<{name}>>", alt)
    return re.compile(template)


class Words:
    """The words and patterns of one layer (lexicon.yaml `reading`, `extraction`), compiled once and
    read as attributes: a key ending in ``_re`` is a compiled regex, a list a tuple, a mapping a dict,
    a word a str (``lexicon.load().reading.session_re``)."""

    def __init__(self, layer: str, raw: dict, where: str = "analysis/data/lexicon.yaml"):
        items: dict[str, Any] = {}
        for key, value in raw.items():
            if key.endswith("_re"):
                if not isinstance(value, str):
                    raise LexiconError(f"{where}: {layer}.{key}: a regex (a string) is expected")
                try:
                    items[key] = re.compile(value)
                except re.error as e:
                    raise LexiconError(f"{where}: {layer}.{key}: not a valid regex ({e})") from None
            elif isinstance(value, list):
                items[key] = tuple(value)
            else:
                items[key] = value
        self.__dict__.update(items, _layer=layer)  # plain attributes: read at the speed of any attribute

    def __getattr__(self, key: str) -> Any:  # only for a key that is not there
        raise AttributeError(f"lexicon.yaml {self.__dict__.get('_layer', '')}: no word or pattern {key!r}")

    def __setattr__(self, key, value):
        raise AttributeError("the lexicon is read-only")


def _action_start_re(raw: dict) -> re.Pattern:
    """The action verbs that open a metric name (metric_action_verbs), each after any number of policy
    adverbs (切实抓好, 高标准打造: metric_action_adverbs), not before a word of metric_action_not_before
    unless a joined noun starts there (建设和美乡村: 和美 is no verb joined by 和, metric_action_joined_nouns)."""
    adverbs, joined = raw["metric_action_adverbs"], raw["metric_action_joined_nouns"]
    adv = f"(?:{alternation(adverbs)})*" if adverbs else ""
    keep = f"(?!{alternation(joined)})" if joined else ""
    return re.compile(f"^{adv}(?:{alternation(raw['metric_action_verbs'])})"
                      f"(?!{keep}(?:{alternation(raw['metric_action_not_before'])}))")


@lru_cache(maxsize=1)
def load() -> Lexicon:
    raw = validate(load_yaml(DATA / "lexicon.yaml"))
    return Lexicon(
        raw=raw,
        **_number_words(raw),
        **_sector_words(raw),
        **_naming_words(raw),
        sections=raw["sections"],
        year_plan_re=re.compile(f"(20\\d\\d)年(?:的)?(?:{alternation(raw['sections']['plan_year_words'])})"),
        year_review_re=re.compile(f"(20\\d\\d)年(?:{alternation(raw['sections']['review_year_words'])})"),
        own_region_re=re.compile(f"(?:^|[让使把对向为有])(?:{alternation(list(raw['own_region_words']) + list(raw['regions']))})$"),
        regions=raw["regions"],
        plan_periods=raw["plan_periods"],
        document=raw["document"],
        timing=raw["timing"],
        subjects=raw["subjects"],
        about_margin=raw["scorecard"]["about_margin"],
        counting_words=tuple(sorted(raw["scorecard"]["counting_words"], key=len, reverse=True)),
        share_label_words=tuple(raw["scorecard"]["share_label_words"]),
        pairing=Words("scorecard", raw["scorecard"]),
        year_word=raw["year_word"],
        national_region=raw["national_region"],
        reading=Words("reading", raw["reading"]),
        extraction=Words("extraction", raw["extraction"]),
        name_lists=Words("name_lists", raw["name_lists"]),
        name_shapes=Words("name_shapes", raw["name_shapes"]),
        name_verbs=Words("name_verbs", {**raw["name_verbs"], "action_adverbs": raw["metric_action_adverbs"],
                                         "joined_nouns": raw["metric_action_joined_nouns"],
                                         "level_verbs": raw["timing"]["level_item_verbs"]}),
    )


def _number_words(raw: dict) -> dict:
    """Units, magnitudes, qualifiers and the cues of a number's measure, kind, sign and commitment."""
    units = {}
    for u, meta in raw["units"].items():
        units[str(u)] = {"en": meta["en"], "dim": meta["dim"], "base": meta.get("base", str(u)),
                         "factor": float(meta.get("factor", 1)),
                         "en_by_noun": {str(k): str(v) for k, v in meta.get("en_by_noun", {}).items()}}
    q = raw["qualifiers"]
    implied = {noun: base for base, nouns in raw["implied_units"].items() for noun in nouns}
    fillers = alternation(raw["growth_fillers"])
    verbs = alternation(raw["growth_verbs"])
    growth_re = re.compile(f"(?:{verbs})(?:{fillers})*$")
    return {
        "units": units,
        "unit_re": alternation(units),
        "magnitudes": {k: float(v) for k, v in raw["magnitudes"].items()},
        "prefix_q": q["prefix"],
        "suffix_q": q["suffix"],
        "inner_q": q["inner"],
        "prefix_q_re": re.compile(f"(?:{alternation(q['prefix'])})$"),
        "suffix_q_re": re.compile(alternation(q["suffix"])),
        "implied_units": implied,
        "implied_re": re.compile(alternation(implied)),
        "implied_generic": frozenset(raw["implied_generic"]),
        "growth_re": growth_re,
        "growth_after_re": re.compile(alternation(raw["growth_after"])),
        "share_re": re.compile(alternation(raw["share_words"])),
        "kind_cues": {k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in raw["kind_cues"].items()},
        "cn_cue_re": re.compile(f"(?:{alternation(raw['cn_amount_cues'])})$"),
        "after_number": tuple(raw["exclusions"]["after_number"]),
        "after_cn": tuple(raw["exclusions"]["after_cn_amount"]),
        "before_cn": tuple(raw["exclusions"]["before_cn_amount"]),
        "after_cheng": tuple(raw["exclusions"]["after_cheng"]),
        "change_re": re.compile(f"(?<![新净])(?:{alternation(raw['change_verbs'])})(?:{fillers})*$"),
        "comparison_re": re.compile(alternation(raw["comparison_cues"])),
        "min_cn_count": int(raw["exclusions"].get("min_cn_count", 10)),
        "inclusive_q": frozenset(q["inclusive"]),
        "descriptor_units": frozenset(raw["descriptors"]["units"]),
        "descriptor_re": re.compile("(?:" + "|".join(raw["descriptors"]["before"]) + ")$"),
        "descriptor_after_re": re.compile("|".join(raw["descriptors"]["after"])),
        "age_after_re": re.compile(raw["descriptors"]["age_after"]),
        "threshold_after_re": re.compile(raw["descriptors"]["threshold_after"]),
        "decline_re": re.compile(f"(?:{alternation(raw['direction']['decline'])})(?:{fillers})*$"),
        "commitments": {str(k): str(v) for k, v in raw["commitment"].items()},
        "rank_units": frozenset(raw["exclusions"]["rank_units"]),
        "ordinal_count_units": frozenset(raw["exclusions"].get("ordinal_count_units", ())),
        "session_units": frozenset(raw["exclusions"].get("session_units", ())),
        "meaning_re": {k: re.compile(raw["meaning"][k]) for k in ("growth_target", "bare_growth", "population_after")},
    }


def _sector_words(raw: dict) -> dict:
    """The sectors with their keywords (weak ones weigh half) and their order."""
    kw: dict[str, dict[str, float]] = {}
    for sector, meta in raw["sectors"].items():
        for word in meta["keywords"]:
            kw.setdefault(str(word), {})[sector] = 1.0
        for word in meta.get("weak", []):
            kw.setdefault(str(word), {})[sector] = 0.5
    for word, sectors in raw["sector_pairs"].items():
        kw[str(word)] = {**{s: 1.0 for s in sectors}, **kw.get(str(word), {})}
    return {
        "sector_order": tuple(raw["sectors"]),
        "sector_rank": {s: i for i, s in enumerate(raw["sectors"])},
        "sector_en": {s: m["en"] for s, m in raw["sectors"].items()},
        "keyword_sectors": kw,
        "keyword_re": re.compile(alternation(kw)),
        "sector_by_unit": raw["sector_by_unit"],
    }


def _naming_words(raw: dict) -> dict:
    """The words and patterns of naming a quantity (metric_zh)."""
    return {
        "strip_prefix_re": re.compile(f"^(?:{alternation(raw['metric_strip_prefix'])})+"),
        "strip_suffix_re": re.compile(f"(?:{alternation(raw['metric_strip_suffix'])})+$"),
        "metric_heads": tuple(raw.get("metric_heads", [])),
        "list_verb_re": re.compile(alternation(raw["list_verbs"])),
        "trailing_verb_re": re.compile(f"(?<=.)(?:{alternation(raw['list_verbs'])})$"),
        "owner_re": re.compile(alternation(raw["metric_owners"])),
        "counted_noun_end_words": dict(raw["counted_noun_end_words"] or {}),
        "noun_cut_re": re.compile(alternation(raw["counted_noun_predicates"])),
        "noun_end_re": re.compile(f"(?:{alternation(raw['counted_noun_end_words'] or {})})$"),
        "milestone_nouns": tuple(raw["milestone_nouns"]),
        "milestone_nouns_re": re.compile(alternation(raw["milestone_nouns"])),
        "milestone_re": re.compile(f"(?:{'|'.join(raw['milestone_phrases'])})"),
        "circumstance_re": re.compile(f"^[^，,；;。：:]*?(?:{'|'.join(map(re.escape, raw['circumstance_ends']))})"),
        "selected_re": re.compile(f"{raw['selection_prefix']}({alternation(raw['selection_predicates'])})"
                               "([^，,；;。、]{2,20})"),
        "owned_heads": tuple(sorted(raw["owned_heads"], key=len, reverse=True)),
        "purpose_re": re.compile(f"({alternation(raw['purpose_verbs'])})([^，,；;。：:、（(]{{2,12}})(?=[，,；;。]|$)"),
        "predicate_re": re.compile(alternation(raw["metric_predicate_words"])),
        "action_start_re": _action_start_re(raw),
        "action_end_re": re.compile(f"(?:{alternation(raw['metric_end_words'])})$"),
        "qualified_heads": raw["qualified_heads"],
        "qualified_head_open_words": tuple(sorted(raw["qualified_head_open_words"], key=len, reverse=True)),
        "concept_fillers": tuple(sorted(raw["concept_words"]["fillers"], key=len, reverse=True)),
        "respectively_pairs": raw["respectively_pairs"],
        "shared_owner_heads": tuple(raw["shared_owner_heads"]),
        "addition_prefixes": tuple(sorted(raw["addition_prefixes"], key=len, reverse=True)),
        "count_classifiers": frozenset(raw["count_classifiers"]),
        "addition_words": tuple(raw["addition_words"]),
        "selection_predicates": tuple(raw["selection_predicates"]),
        "measure_endings": tuple(raw["measure_endings"]),
        "example_class_heads": tuple(raw["example_class_heads"]),
        "example_not_deng": tuple(raw["example_not_deng"]),
        "zai_nouns": tuple(raw["zai_nouns"]),
        "creation_verbs": tuple(sorted(raw["metric_creation_verbs"], key=len, reverse=True)),
        "creation_not_after": tuple(raw["metric_creation_not_after"]),
    }


def _heads(raw: dict) -> dict:
    """glossary.yaml label_heads: {"heads": [(regex of an English head of measure in a label, the Chinese words
    one of which the name must hold for the label to say it)], "fixed": phrases that say no measure}."""
    out: list = []
    fixed: tuple[str, ...] = ()
    for en, zh in raw.items():
        if en == "fixed":  # phrases of a label that hold a head word but say no measure ("above designated size")
            fixed = tuple(str(w).lower() for w in zh or ())
            continue
        if not (isinstance(zh, list) and zh and all(isinstance(w, str) and w for w in zh)):
            raise LexiconError(f"glossary.yaml label_heads: {en}: expected [Chinese words ...]")
        out.append((re.compile(rf"(?<![a-z]){re.escape(str(en).lower())}(?![a-z])"), tuple(zh)))
    return {"heads": out, "fixed": fixed}


def _generic(raw: list) -> frozenset:
    """glossary.yaml generic_heads: English heads that name no owner (projects, enterprises, rate ...)."""
    if not isinstance(raw, list) or not all(isinstance(w, str) and w for w in raw):
        raise LexiconError("glossary.yaml generic_heads: expected a list of English words")
    return frozenset(w.lower() for w in raw)


@lru_cache(maxsize=1)
def glossary() -> dict:
    """The bilingual glossary: terms {zh: en} (words, for composing labels) with their compiled
    matcher, and concepts {zh: (en, explanation)} (terms a reader meets, explained). Metric concepts
    with stable IDs are analysis.language.concepts."""
    data = load_yaml(DATA / "glossary.yaml") or {}
    terms = {str(k): str(v) for k, v in (data.get("terms") or {}).items()}
    concepts = {str(k): (str(v[0]), str(v[1])) for k, v in (data.get("concepts") or {}).items()}
    phrase = data.get("phrase") or {}
    return {"terms": terms, "concepts": concepts, "terms_re": re.compile(alternation(terms)) if terms else None,
            "adjectives": frozenset(str(w) for w in phrase.get("adjectives", [])),
            "connectors": frozenset(str(w) for w in phrase.get("connectors", [])),
            "modifiers": frozenset(str(w) for w in phrase.get("modifiers", [])),
            "verb_forms": frozenset(str(w) for w in phrase.get("verb_forms", [])),
            "label_cover": {k: tuple(str(w) for w in v) for k, v in (data.get("label_cover") or {}).items()},
            "unsure_names": {k: tuple(str(w) for w in v) for k, v in (data.get("unsure_names") or {}).items()},
            "label_qualifiers": _qualifiers(data.get("label_qualifiers") or {}),
            "label_change_ends": _qualifiers(data.get("label_change_ends") or {}),
            "clause_qualifiers": _qualifiers(data.get("clause_qualifiers") or {}, "clause_qualifiers"),
            "label_openers": _qualifiers(data.get("label_openers") or {}, "label_openers"),
            **{k: _qualifiers(data.get(k) or {}, k) for k in ("label_average_growth", "list_levels", "list_shared_scopes")},
            "label_openers_by_noun": {str(k): {str(n).lower(): str(e) for n, e in (v or {}).items()}
                                      for k, v in (data.get("label_openers_by_noun") or {}).items()},
            "label_heads": _heads(data.get("label_heads") or {}),
            "generic_heads": _generic(data.get("generic_heads") or []),
            "money_heads": frozenset(str(w).lower() for w in data.get("money_heads") or []),
            "stock_words": tuple(str(w) for w in data.get("stock_words") or []),
            "modifier_marks": tuple(str(w) for w in data.get("modifier_marks") or []),
            "rank_growth_words": tuple(str(w) for w in data.get("rank_growth_words") or []),
            "ownerless_labels": frozenset(str(w).lower() for w in data.get("ownerless_labels") or []),
            "owner_words": tuple(str(w) for w in data.get("owner_words") or [])}


def _qualifiers(raw: dict, section: str = "label_qualifiers/label_change_ends") -> dict:
    """glossary.yaml label_qualifiers: {word: (English to compose, regex of the English that carries it)},
    with a matcher of the words, longest first."""
    words = {}
    for zh, v in raw.items():
        if not (isinstance(v, list) and len(v) == 2 and isinstance(v[1], list) and v[1]):
            raise LexiconError(f"glossary.yaml {section}: {zh}: expected [English, [carrying words ...]]")
        words[str(zh)] = (str(v[0] or ""), re.compile(
            "|".join(rf"(?<![a-z]){re.escape(str(w).lower())}" for w in v[1])))
    return {"words": words, "re": re.compile(alternation(words)) if words else None}
