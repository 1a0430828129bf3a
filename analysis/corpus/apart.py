"""Whether two figures of one concept measure the same thing (the pairing of Revisions, Targets one year on and the
scorecard): the words that say what is counted, qualifiers and scopes of the counted noun, lists, a number of each
item of a list, units, additions and stocks. Language data: lexicon.yaml `scorecard`."""

from __future__ import annotations

import functools
import math
import re
from difflib import SequenceMatcher

from ..extraction.english_clause import each_said
from ..extraction.phrase import tagged  # jieba's tags; the segmenter loads on first use
from ..language import lexicon
from ..language.units import RATE_UNITS


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
