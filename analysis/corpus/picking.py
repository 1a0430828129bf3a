"""Which row is a region's target or result of a year: one annual figure per concept (the region's own),
the like-for-like figure first, and, for a target without a result, the sentence nearest to being one.
Also the English labels of the concepts, as the rows give them."""

from __future__ import annotations

import functools
import math
import re
from difflib import SequenceMatcher

import pandas as pd

from ..extraction.english_clause import each_said
from ..extraction.phrase import tagged  # jieba's tags; the segmenter loads on first use
from ..extraction.schema import signed
from ..language import lexicon
from ..language.concepts import catalogue
from ..language.units import RATE_UNITS
from ..reading import document
from .manifest import CORPUS


def has_concepts(df: pd.DataFrame) -> bool:
    return "concept" in df and bool((df["concept"].fillna("") != "").any())


def concept_labels(df: pd.DataFrame) -> dict[str, str]:
    """English label of each concept, as the rows give it."""
    if "concept_en" not in df:
        return {}
    d = df[(df["concept"] != "") & (df["concept_en"].fillna("") != "")]
    return d.groupby("concept")["concept_en"].first().to_dict()


def concept_label(concept: str, labels: dict[str, str]) -> str:
    """The English label of a concept: from the rows, else from the concept catalogue."""
    if labels.get(concept):
        return labels[concept]
    try:
        return catalogue()[concept].en
    except Exception:  # noqa: BLE001 - an ID the catalogue does not know: its words
        return concept.replace("_", " ").capitalize()


def row_label(concept: str, labels: dict[str, str], row) -> str:
    """The label of a concept for one of its figures: a share under a label that names a count (Village
    clinics, Railways) is '<label> (share)' (lexicon scorecard.share_label_words say which labels name one)."""
    label = concept_label(concept, labels)
    if row is None or (isinstance(row, float) and math.isnan(row)):
        return label
    if row.get("measure") == "level" and is_addition(row):
        return addition_label(label, row)
    if row.get("measure") != "share":
        return label
    low = label.lower()
    return label if any(w in low for w in lexicon.load().share_label_words) else f"{label} (share)"


def addition_label(label: str, row) -> str:
    """The label of an indicator for a figure that is an addition (:func:`is_addition`: 新增社会融资规模,
    社会融资规模增量, 新增学位) when the label names the thing itself, a stock ("Total social financing", "School
    places"): "New total social financing", "New school places" — the addition word's English (lexicon
    extraction.addition_en; "New" for the others), as the rows' own labels say it. A label that says an addition
    already (glossary label_qualifiers: "New urban jobs", "Capacity added") is kept."""
    name = str(row.get("metric_zh", "") or "")
    said = lexicon.glossary()["label_qualifiers"]["words"]  # an addition word: its English and what carries it
    lex = lexicon.load()
    word = max((w for w in said if w in name and w.startswith(lex.addition_prefixes)), key=len, default="新增")
    en, carries = said[word]
    if carries.search(label.lower()) or "increase" in label.lower():
        return label  # 新建和改造高标准农田: "High-standard farmland built or upgraded" says it
    en = en if en and "…" not in en else "New"
    return f"{en} {label[0].lower() + label[1:] if not label[:2].isupper() else label}"


def own_name(row) -> str:
    """The row's own Chinese name where the concept's label is broader than the row (the rules did not vouch for a
    catalogue label of the row itself: metric_en_source not "glossary", one_report.VOUCHED_LABELS): a page shows it
    beside the label, so that 新建新能源装机 under "Installed capacity" reads as what it is; else ""."""
    if row is None or (isinstance(row, float) and math.isnan(row)):
        return ""
    return "" if row.get("metric_en_source", "glossary") == "glossary" else str(row.get("metric_zh", "") or "")


def _annual(df: pd.DataFrame) -> pd.Series:
    period = df["period"].fillna("")
    return (period == "annual") | (period == "")


def _own(df: pd.DataFrame) -> pd.Series:
    return df["subject"].fillna("") == ""


def column(df: pd.DataFrame, name: str, default="") -> pd.Series:
    """A column of the rows, or `default` on every row when the table has no such column (a table of an
    older schema, or one built by hand)."""
    if name in df:
        return df[name].fillna(default) if default is not None else df[name]
    return pd.Series(default, index=df.index)


def targets_of(df: pd.DataFrame, year: int, concepts=None) -> pd.DataFrame:
    """One annual target per concept (the region's own, for `year`): the main-targets paragraph first,
    then the first mention (of a range, its first row: both carry the interval). An aim written beside
    the target (7%以上、力争达到8%: a row of the same group with a commitment) is given in the columns
    aim_value (signed) and aim_raw."""
    d = df[(df["kind"] == "target") & (df["concept"] != "") & _own(df) & _annual(df)]
    d = d[pd.to_numeric(d["year"], errors="coerce") == int(year)]
    if concepts is not None:
        d = d[d["concept"].isin(concepts)]
    out = _first_per(d, prefer_section="targets")
    return _with_aims(out, d)


def _with_aims(chosen: pd.DataFrame, pool: pd.DataFrame) -> pd.DataFrame:
    chosen = chosen.assign(aim_value=math.nan, aim_raw="")
    if chosen.empty or "group" not in pool:
        return chosen
    for i, t in chosen.iterrows():
        same = pool[(pool["doc"] == t["doc"]) & (pool["group"] == t["group"]) & (pool["start"] > t["start"])
                    & (column(pool, "commitment") != "") & column(pool, "low", None).notna()
                    & (column(pool, "low", None) == column(pool, "high", None))]
        if len(same):
            a = same.sort_values("start").iloc[-1]
            chosen.at[i, "aim_value"], chosen.at[i, "aim_raw"] = signed(a), a["raw"]
    return chosen


def counted(name) -> frozenset:
    """The words of a name that say what of its concept is counted (lexicon scorecard.counting_words: a stage,
    a scope, a programme), longest first: 新增义务教育学位 -> {义务教育}; 新改建农村公路 -> {}."""
    name = str(name or "")
    found = []
    for w in lexicon.load().counting_words:
        if w in name:
            found.append(w)
            name = name.replace(w, "\0")
    return frozenset(found)


def counts_apart(a, b, each_a: bool = False, each_b: bool = False) -> bool:
    """Do two names of one concept count different things (both name what they count, not the same)?
    义务教育学位 / 基础教育学位, 安全生命防护工程 / 提质改造: yes; 新增学位 / 新增义务教育学位: no (one is generic).
    Also two names whose one counted noun each qualifies otherwise (:func:`qualified_apart`) or whose scopes differ,
    a whole against a part of it (:func:`scope_apart`: 供排水管网 / 排水管网). A figure said of each item of its list
    (`each_a`, `each_b`: :func:`each`; 开工、投产新能源项目各1600万千瓦) holds for every item: its counting words (a
    stage, a scope) are not apart from those of one of its items (投产1000万千瓦)."""
    a, b = str(a or ""), str(b or "")
    ca, cb = counted(a), counted(b)
    words_apart = bool(ca) and bool(cb) and ca != cb and not ((each_a and cb <= ca) or (each_b and ca <= cb))
    if (each_a or each_b) and _each_covers(a, b, each_a, each_b):  # 城乡…均 against 农村: the scope words are no
        a, b = _without_scopes(a), _without_scopes(b)                 # qualifiers apart
    return words_apart or qualified_apart(a, b) or scope_apart(a, b, each_a, each_b)


def _each_covers(a: str, b: str, each_a: bool, each_b: bool) -> bool:
    """Is the scope of one name a strict part of the other's, whose figure is said of each part?"""
    sa, sb = scopes(a), scopes(b)
    common = set(sa) & set(sb)
    return bool(common) and all((each_a and sb[f] < sa[f]) or (each_b and sa[f] < sb[f]) for f in common)


def _without_scopes(name: str) -> str:
    words = lexicon.load().pairing
    for w in sorted({*words.scope_wholes, *_scope_families(), *words.scope_part_same}, key=len, reverse=True):
        name = name.replace(w, "")
    return name


def scopes(name) -> dict:
    """The scopes a name says, by family of parts (lexicon scorecard.scope_wholes: wholes that share a part are one
    family; longest whole first; a part written another way through scope_part_same): 供排水管网 -> {供水, 排水};
    农村规模化供水工程 -> 城乡: {农村}, 供排水: {供水}; 居民 -> {}."""
    words = lexicon.load().pairing
    name = str(name or "")
    fam = _scope_families()
    found: dict = {}
    for whole in sorted(words.scope_wholes, key=len, reverse=True):
        if whole in name:
            found.setdefault(fam[words.scope_wholes[whole][0]], set()).update(words.scope_wholes[whole])
            name = name.replace(whole, "\0")
    for part in sorted(set(fam) | set(words.scope_part_same), key=len, reverse=True):
        if part in name:
            p = words.scope_part_same.get(part, part)
            found.setdefault(fam[p], set()).add(p)
            name = name.replace(part, "\0")
    return {k: frozenset(v) for k, v in found.items()}


@functools.lru_cache(maxsize=1)
def _scope_families() -> dict:
    """part -> the name of its family (the longest whole among the wholes that share parts with it)."""
    wholes = lexicon.load().pairing.scope_wholes
    fam: dict = {}
    for whole in sorted(wholes, key=len, reverse=True):
        name = next((fam[p] for p in wholes[whole] if p in fam), whole)
        for p in wholes[whole]:
            fam.setdefault(p, name)
    return fam


def scope_apart(a, b, each_a: bool = False, each_b: bool = False) -> bool:
    """Do two names say different scopes of what they count (:func:`scopes`, family by family)? A whole against one
    of its parts (供排水管网 / 排水管网, 城乡危旧房 / 城市危旧房, 大中小学生 / 中小学生) or two parts (城镇 / 农村): yes —
    unless the wider is a figure of each item (`each_*`: 城镇和农村居民收入均增长6% holds for 农村居民). A name
    without a scope of the family (居民, 管网) is generic: no."""
    sa, sb = scopes(a), scopes(b)
    for f in set(sa) & set(sb):
        x, y = sa[f], sb[f]
        if x != y and not ((each_a and y < x) or (each_b and x < y)):
            return True
    return False


def list_apart(a, b) -> bool:
    """Is one figure an amount of a list of things together and the other of one of them (新改建普通省道和农村公路
    5000公里 / 新改建农村公路 4000公里; 重大科技专项和重点研发计划 / 重大科技专项)? A list's items are split at
    lexicon scorecard.each_list_re; each item names a thing (a word of a noun's part of speech, qualifier_tags:
    not the acts of 新建和改造高标准农田, compared since k10); the other name has some of the items, not all.
    Not when the list's figure is said of each item (:func:`each`: 文化产业和旅游业增加值均突破1450亿元 is the
    figure of 旅游业增加值 too), nor for a rate or share, which no list adds up (游客人次、旅游花费增长10%)."""
    words = lexicon.load().pairing
    for x, y in ((a, b), (b, a)):
        if x is None or y is None or each(x) or str(x.get("base_unit", "")) in RATE_UNITS:
            continue
        name, other = str(x.get("metric_zh", "") or ""), str(y.get("metric_zh", "") or "")
        items = [i for i in words.each_list_re.split(name) if i]
        if len(items) < 2 or words.each_list_re.search(other):
            continue
        if not all(any(tag in words.qualifier_tags for _, tag in tagged(i)) for i in items):
            continue  # acts (新建和改造…): not things
        inside = [i for i in items if _tail(i, words) in other]
        if inside and len(inside) < len(items):
            return True
    return False


def _tail(item: str, words) -> str:
    """An item of a list without the act that opens it (新改建普通省道 -> 普通省道): the thing it names."""
    parts = tagged(item)
    first = next((k for k, (_, tag) in enumerate(parts) if tag in words.qualifier_tags), 0)
    return "".join(w for w, _ in parts[first:])


def qualified_apart(a, b) -> bool:
    """Do two names qualify one counted noun differently? The head is the longest run of characters they share
    (at least lexicon scorecard.qualified_head_min); before it, each name's qualifiers are its words of a noun's
    part of speech (scorecard.qualifier_tags: 企业, 农村, 国家, 省级 — not the verbs 新增, 新建, 选派 …, nor
    the words of scorecard.qualifier_strip); the names are apart when each has a character of a qualifier the other lacks.
    选派企业科技特派员 / 选派农村科技特派员, 国家区域医疗中心 / 省级区域医疗中心: yes; 新增省级中心村 / 新建省级中心村,
    高新技术企业 / 有效期内高新技术企业 (one generic), 新增城镇就业 / 城镇新增就业 (no head): no."""
    words = lexicon.load().pairing
    a, b = str(a or ""), str(b or "")
    for w, same in words.same_words.items():
        a, b = a.replace(w, same), b.replace(w, same)
    ia, ib, n = SequenceMatcher(None, a, b, autojunk=False).find_longest_match()  # the first longest shared run
    if n < int(words.qualified_head_min):
        return False
    qa, qb = _qualifiers(a[:ia]), _qualifiers(b[:ib])  # their characters: 空气 is within 空气质量
    return bool(qa - qb) and bool(qb - qa)


def _qualifiers(before_head: str) -> frozenset:
    """The characters of the noun words that qualify the head: those after the last verb or adverb before it
    (scorecard.predicate_tags; 重点办好民生实事: 重点 goes with the verb 办好, not with 民生实事)."""
    words = lexicon.load().pairing
    parts = tagged(before_head)
    last = max((i for i, (_, tag) in enumerate(parts) if tag in words.predicate_tags), default=-1)
    return frozenset(c for w, tag in parts[last + 1:] if tag in words.qualifier_tags
                     and w not in words.qualifier_strip for c in w)


def same_unit(a: str, b: str) -> bool:
    """Do two base units count the same thing: equal, both classifiers of a count (个, 家, 户 …: 7个 and 7家
    of the same institutions are one unit), or two units of people that read alike (人 and 名: people; a bare
    万 before 中小学生 is given 人, 200万名 is 名)?"""
    if a == b:
        return True
    lex = lexicon.load()
    c = lex.count_classifiers
    if a in c and b in c:
        return True
    ua, ub = lex.units.get(a) or {}, lex.units.get(b) or {}
    return bool(ua.get("en")) and ua.get("en") == ub.get("en") and ua.get("dim") == ub.get("dim") == "person"


def each(row) -> bool:
    """Is the figure said of each item of the list before it (its clause, before the number, ends in 各, 均, 都 or
    双双 with its verb — lexicon scorecard.each_re — after a list: 开工、投产新能源项目各1600万千瓦,
    文化产业和旅游业增加值均突破1450亿元)? One number then holds for every item, not for them together; 分别
    (one number per item) is not this."""
    if row is None or (isinstance(row, float) and math.isnan(row)):
        return False
    return each_said(clause_before(row))


def clause_before(row) -> str:
    """The words of the row's clause before its number (from the last ，；。 of its sentence), or ""."""
    sentence = str(row.get("sentence", "") or "")
    raw = str(row.get("raw", "") or "")
    try:
        at = int(row.get("start")) - int(row.get("sentence_start"))
    except (TypeError, ValueError):
        at = -1
    if not (0 <= at <= len(sentence) and sentence[at:at + len(raw)] == raw):
        at = sentence.find(raw) if raw else -1
    if at < 0:
        return ""
    before = sentence[:at]
    return re.split(r"[，,；;。：:]", before)[-1]


def is_addition(row) -> bool:
    """Is the figure an addition (its metric name has a word of the lexicon's addition_prefixes or
    addition_words: 新增城镇就业, 城镇新增就业, 社会融资规模增量), not a total or a stock?"""
    name = str(row.get("metric_zh", "") or "")
    lex = lexicon.load()
    return any(w in name for w in (*lex.addition_prefixes, *lex.addition_words))


def is_flow(row) -> bool:
    """Is the figure an addition in the wider sense: also a name opening with a verb that brings the counted
    things in (lexicon scorecard.addition_verbs: 培育高新技术企业2200家, firms to cultivate this year)?"""
    name = str(row.get("metric_zh", "") or "")
    return is_addition(row) or name.startswith(lexicon.load().pairing.addition_verbs)


def is_stock(row) -> bool:
    """Does the figure's name say it is a total, a stock (lexicon scorecard.stock_words: 有效期内, 总数, 累计 …)?"""
    name = str(row.get("metric_zh", "") or "")
    return any(w in name for w in lexicon.load().pairing.stock_words)


def flow_and_stock(a, b) -> bool:
    """Is one figure brought in (an addition word or verb: 培育高新技术企业2200家) and the other a stock said as one
    (有效期内高新技术企业8200家), in either order?"""
    return (is_flow(a) and is_stock(b)) or (is_stock(a) and is_flow(b))


def flow_against_stock(a, b) -> bool:
    """Is one figure an addition and the other a total (新增 against 总数; 培育 against 有效期内 …), by the old
    rule (addition words on one side only, unless the other side is a flow too: 新建改造农村公路 against
    新改建农村公路, both built this year) or the wider one (:func:`flow_and_stock`)?"""
    return (is_addition(a) != is_addition(b) and not (is_flow(a) and is_flow(b))) or flow_and_stock(a, b)


def best_result(target, candidates: list):
    """Of the results of a target's concept (in the order of preference), the one that counts what the target
    counts: the same counting words first, then one not counting another thing; ties keep the order (characters
    shared are no guide: 川渝共建重点项目 shares 重点项目 with 市级重点项目, another programme)."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    want = counted(target.get("metric_zh", ""))

    def score(r) -> tuple:  # the same counting words; else not counting another thing (counts_apart); the same scope
        got = counted(r.get("metric_zh", ""))
        return (got == want, not (want and got and got != want),
                not scope_apart(target.get("metric_zh", ""), r.get("metric_zh", ""), each(target), each(r)))

    return max(enumerate(candidates), key=lambda x: (score(x[1]), -x[0]))[1]


def results_of(df: pd.DataFrame, year: int, concepts=None, every: bool = False) -> pd.DataFrame:
    """One annual result per concept (the region's own, for `year`; a part of the year is not annual):
    the review first, then the like-for-like figure (basis like_for_like) where the report states it
    beside the headline one, then the first mention. The column `used` says which figure it is. With
    `every`, all of a concept's annual results, in that order of preference (a target then takes the one
    that counts what it counts: :func:`best_result`)."""
    d = df[(df["kind"] == "achieved") & (df["concept"] != "") & _own(df) & _annual(df)]
    d = d[pd.to_numeric(d["year"], errors="coerce") == int(year)]
    if concepts is not None:
        d = d[d["concept"].isin(concepts)]
    if d.empty:
        return d.assign(used="")
    # like-for-like first, then the figure as stated, then an adjusted one (剔除…因素后)
    d = d.assign(_b=column(d, "basis").map(lambda b: {"like_for_like": 0, "": 1}.get(b, 2)))
    out = _first_per(d, prefer_section="review", then=("_b",), every=every)
    n = d.groupby(["doc", "concept"]).size()
    out = out.assign(used=[_used(r, int(n.get((r["doc"], r["concept"]), 1))) for _, r in out.iterrows()])
    return out.drop(columns="_b")


USED_DEFAULT = "annual, own region, the review"  # the usual figure (pages say only what differs from it)


def _used(r, n: int) -> str:
    """Which figure a result is: 'annual, own region, the review, like-for-like (first of 3 statements of
    the year)'."""
    parts = ["annual", "own region", "the review" if r["section"] == "review" else f"section {r['section']}"]
    basis = r.get("basis", "") if hasattr(r, "get") else ""
    if isinstance(basis, str) and basis:
        parts.append(basis.replace("_", "-"))
    if bool(r.get("estimate", False)):
        parts.append("estimate")
    return ", ".join(parts) + (f" (first of {n} statements of the year)" if n > 1 else "")


def _first_per(d: pd.DataFrame, prefer_section: str, then: tuple = (), every: bool = False) -> pd.DataFrame:
    if d.empty:
        return d
    d = d.assign(_p=(d["section"] != prefer_section).astype(int))
    keys = ["doc", "concept"]
    d = d.sort_values(["_p", *then, "start"])
    if every:  # every row, the preferred first within each (doc, concept)
        return d.drop(columns="_p")
    return d.drop_duplicates(keys).drop(columns="_p").sort_values(["doc", "start"])


def nearest_candidate(pool: pd.DataFrame, concept: str, year: int):
    """The row of a report nearest to being the result of `concept` for `year` when none is one, or None:
    a reader checks the gap on its sentence. First a result of the concept of another period or subject
    (年均, 上半年, a city's); else the first sentence of the report that names the concept without a
    usable figure, the review first (居民消费价格与上年持平: a row with its sentence and no value); None
    when the report never names it."""
    if pool is None or pool.empty:
        return None
    d = pool[pool["concept"] == concept]
    achieved = d[d["kind"] == "achieved"]
    if len(achieved):
        score = (2 * (pd.to_numeric(achieved["year"], errors="coerce") == int(year))
                 + (achieved["period"].fillna("") == "annual") + (achieved["subject"].fillna("") == "")
                 + achieved["section"].isin(["review", "five_year_review"]))
        return achieved.assign(_s=-score).sort_values(["_s", "start"]).iloc[0].drop("_s")
    doc = str(pool["doc"].iloc[0])
    hit = _review_sentence(doc, concept)
    if hit is not None or d.empty:
        return hit
    return d.sort_values("start").iloc[0]  # a report outside the corpus: its first statement of the concept


def _review_sentence(doc: str, concept: str):
    """The first sentence of a corpus report naming one of the concept's Chinese names, as a row without a
    value: of the review (the year reviewed, then the five-year review, the problems), else of any part;
    None if no sentence names it."""
    try:
        names = catalogue()[concept].names
    except KeyError:
        return None
    for section, start, sentence in _review_sentences(doc):
        if any(n in sentence for n in names):
            return pd.Series({"doc": doc, "id": "", "start": start, "raw": "", "sentence": sentence,
                              "section": section, "kind": "", "concept": "", "year": pd.NA, "period": "",
                              "subject": ""})
    return None


@functools.lru_cache(maxsize=64)
def _review_sentences(doc: str) -> tuple:
    path = CORPUS / f"{doc}.txt"
    if not path.exists():
        return ()
    d = document.read(path)
    order = {"review": 0, "five_year_review": 1, "problems": 2}
    out = []
    for para in d.paragraphs:
        if para.section != "header":
            for s0, e0 in d.sentences(para):
                out.append((order.get(para.section, 3), para.section, d.layout.to_raw(s0, e0)[0],
                            d.layout.text[s0:e0]))
    return tuple((sec, start, sent) for _, sec, start, sent in sorted(out, key=lambda x: (x[0], x[2])))
