"""The English label of a quantity: its concept's label (concepts.yaml), else composed from the glossary."""

from __future__ import annotations

import re

from ..language import concepts, lexicon
from ..language.units import SHARE_UNITS
from ..project import thresholds as T
from .english_clause import CHANGE_EN, GENERIC_FILLERS, POINTS, SHARE_EN, change_end, measure_mismatch, with_each
from .mention import extraction_words
from .name_lists import owner_lost

_GENERIC_MEASURE = {"level": "amount", "growth": "growth", "share": "share", "rank": "rank"}



def english(metric_zh: str, sector: str, m, lex, concept=None, clause: str = "") -> tuple[str, str]:
    """(English label, source): the label of the metric's concept (concepts.yaml) ("glossary"), else a
    phrase composed from glossary terms ("terms"; a share 甲占乙比重 reads "甲 as a share of 乙"), else a
    word-by-word gloss that is no English phrase, kept but marked ("literal"), else a generic label
    naming sector and measure ("generic"). `clause`: the words next to the number in its clause
    (clause_context): a catalogue label is vouched for only when it carries their qualifiers too. Where the rules
    are unsure of the name (unsure_name: its words, or m.name_unsure of the verb side) the source is "unsure"."""
    g, label, source, share_of = lexicon.glossary(), "", "", ""
    by_name = unsure_name(metric_zh, g)  # computed once: _vouched reads it too; the verb side's doubt: m.name_unsure
    if concept is not None:
        label, source, share_of = _concept_label(concept, metric_zh, lex, g)
    if not label:
        label, source = _versus(metric_zh, g)
    if not label:
        label, fluent = _compose(metric_zh, g)
        source = ("terms" if fluent else "literal") if label else ""
    if not label:
        what = _GENERIC_MEASURE.get(m.measure, "amount")
        return f"{lex.sector_en.get(sector, sector)}: {what}", ("unsure" if by_name or m.name_unsure else "generic")
    if len(metric_zh) <= 2 and source == "terms":  # 收入, 营收, 投资: say whose
        sec = lex.sector_en.get(sector, sector)
        label = sec if label.lower() in sec.lower() else f"{sec}: {label[0].lower()}{label[1:]}"
    if source == "glossary":
        said = g["label_qualifiers"]["words"]  # an addition the label ends in: not "New coal capacity added"
        for zh, en in extraction_words().addition_en.items():
            if metric_zh.startswith(zh) and not label.lower().startswith(("new", "net")) \
                    and not (zh in said and said[zh][1].search(label.lower().split()[-1])):
                label = f"{en} {_lower_first(label)}"  # not "sME", not "a-level"
                break
    low = label.lower()
    dim = lex.units.get(m.unit, {}).get("dim", "") if m.unit else (
        "person" if m.base_unit == extraction_words().person_unit else "money" if m.base_unit == extraction_words().money_unit else "")
    # a change in percentage points of a name that ends in its change word (比重提高4.7个百分点): "Increase in …"
    # (composed by _vouched), not "… share of total investment growth", which reads as a share of a growth
    points_change = dim == POINTS and change_end(metric_zh, g) != ""
    if m.measure == "growth" and m.unit in extraction_words().rate_units and not CHANGE_EN.search(low) \
            and not points_change:  # not "integrated", "strategic"
        label += " reduction" if extraction_words().decrease_re.search(metric_zh) else " growth"
    elif m.measure == "rank" and "rank" not in low:
        # 出口增速排名全国第7位: the rank of the growth, not of the amount
        label += " growth rank" if lex.growth_re.search(metric_zh) and not CHANGE_EN.search(low) else " rank"
    elif share_of and not any(w in low for w in SHARE_EN):
        label += f" as a share of {share_of[0].lower() + share_of[1:] if not _ACRONYM.match(share_of) else share_of}"
    elif m.measure == "share" and (m.unit in SHARE_UNITS or m.unit == extraction_words().tenths_unit) and source in ("glossary", "concept") \
            and not any(w in low for w in SHARE_EN) and extraction_words().share_zh_re.search(metric_zh):
        # 工业投资占固定资产投资比重 with the concept of 工业投资: its share, not its amount
        whole = extraction_words().share_split_re.match(metric_zh)
        of, fluent = _compose(whole.group(2), g) if whole else ("", False)
        label += f" as a share of {of[0].lower() + of[1:] if not _ACRONYM.match(of) else of}" if of and fluent \
            else " (share)"
    # a share is checked for its share word unless the concept is itself a rate or share (群众安全感 98%)
    share_row = m.measure == "share" and not (concept is not None and concept.measures and "share" in concept.measures)
    label, source = _vouched(metric_zh, label, source, g, m.measure == "growth" or points_change, clause, "share" if share_row
                             else m.measure, compose=m.base_unit != extraction_words().money_unit, dim=dim,
                             unsure=by_name)  # compose: no word of newness on money (新增产值365亿元)
    label = _with_average(metric_zh, label) if m.measure == "growth" else label
    return with_each(label, clause), ("unsure" if m.name_unsure else source)


def _concept_label(concept, metric_zh: str, lex, g: dict) -> tuple[str, str, str]:
    """(label, source, share_of) of a row with a concept: its catalogue label with the name's opener and qualifiers
    ("glossary"), or the bare catalogue label when the name holds words it cannot carry ("concept")."""
    covered, share_of, before = _label_covers(concept, metric_zh, lex, g)
    opener, before = _opener(before, g)  # 建设高标准农田: "High-standard farmland built"
    # the qualifiers after the opener are composed first, the opener then goes before them in the name's order
    # (新创建国家临床重点专科: "Newly created national key clinical specialties", not "National newly created …")
    qualified = _with_qualifiers(before, concept.en, g) if covered else concept.en
    composed = _with_opener(opener, qualified, g) if covered and opener else qualified
    covered = covered and bool(composed)
    return composed or concept.en, ("glossary" if covered else "concept"), share_of


def _with_average(metric_zh: str, label: str) -> str:
    """A growth averaged over years (glossary.yaml label_average_growth: 年均增长, 年均增速) said in the label:
    "Average annual GDP growth" for 地区生产总值年均增长, which "GDP growth" reads as one year's."""
    q = lexicon.glossary()["label_average_growth"]
    hit = q["re"].search(metric_zh) if q["re"] is not None else None
    if not hit:
        return label
    en, carries = q["words"][hit.group()]
    return label if carries.search(label.lower()) or not en else f"{en} {_lower_first(label)}"


def _vouched(metric_zh: str, label: str, source: str, g: dict, change: bool, clause: str = "",
             measure: str = "", compose: bool = True, dim: str = "", unsure: bool = False) -> tuple[str, str]:
    """(label, source) as the rules vouch for them: unsure of the name (`unsure`: unsure_name of its words), or a
    catalogue label that does not carry a qualifier of the name (五星级酒店 as "Star-rated hotels": source concept,
    no English shown),
    nor one of the words next to the number in its clause (认定高新技术企业1200家 as "High-tech enterprises"),
    that says a head of measure the name does not ("Digital economy size" for 数字经济增加值), that is a share
    named by no share word (财政支出八成以上投向民生: not "Fiscal expenditure") or a bare generic head. A
    qualifier of the clause the label lacks is composed into it when it has one English (`compose`: not on
    an amount of money): "Newly recognised high-tech enterprises"; else the label is not vouched for."""
    if unsure:
        return label, "unsure"
    if source == "glossary":
        full, clause = clause, "|".join(clause.split("|")[:3]) if clause else clause  # without a 分别 list's first item
        label = _with_change(metric_zh, label, g) if change else label
        if (missing_qualifiers(metric_zh, label, g, change)
                or unsaid_heads(metric_zh + clause, label, g) or generic_label(label, g)
                or measure_mismatch(metric_zh, label, dim, full, g)
                or (measure == "share" and not any(w in label.lower() for w in SHARE_EN)
                    and not extraction_words().share_zh_re.search(metric_zh))):
            return label, "concept"
        missing = missing_clause_words(clause, label, g)
        if missing:
            composed = _with_clause_words(missing, label, g) if compose else ""
            if not composed or missing_clause_words(clause, composed, g):
                return label, "concept"
            label = composed
    return label, source


def _with_clause_words(missing: list[str], label: str, g: dict) -> str:
    """The label with the one qualifier of its clause it lacks composed in (认定高新技术企业: "Newly recognised
    high-tech enterprises"; 开工建设农村公路: "Rural roads started"), or "" when there is no one English to compose:
    a word without English, two different ones (新建改扩建及维修改造), or a label that ends in an action already."""
    q = g["clause_qualifiers"]["words"]
    words = {q[w][0] if w in q else "" for w in missing}  # a qualifier of the name's kind (国家) has none
    if len(words) != 1 or "" in words or _is_action(label.split()[-1], g):
        return ""
    (w,) = words
    new = label.split()[0].lower() in ("new", "newly")
    if w.startswith("…"):  # "New schools" + renovated: new ones, renovated ones or both? not said
        # nor after a closing note, "'Two majors' projects (national strategies …) started"
        return "" if new or label.endswith(")") else f"{label} {w.lstrip('… ')}"
    rest = label.split(" ", 1)[1] if new and w.split()[0].lower() in ("new", "newly") and " " in label else label
    return f"{w} {_lower_first(rest)}"


def missing_clause_words(clause: str, label: str, g: dict | None = None) -> list[str]:
    """The qualifiers next to the number in its clause (glossary.yaml clause_qualifiers: 认定, 开工建设,
    获批 …; and the words of label_qualifiers after the number or said by the list's head of every item) that the label does not
    carry: 认定高新技术企业1200家 are not "High-tech enterprises"."""
    g = g or lexicon.glossary()
    if not clause:
        return []
    low = label.lower()
    head, _, after = (clause.split("|") + ["", ""])[:3]
    near = after  # a kind said after the number (高职院校入选国家…); before it, one of the item's own words may
    # belong to its examples (可再生能源高值利用等N个重大科技专项)
    cq, kq = g["clause_qualifiers"]["re"], g["label_qualifiers"]["re"]
    lead = cq.match(head) if cq is not None and head else None
    while lead and cq.match(head, lead.end()):
        lead = cq.match(head, lead.end())
    if lead and kq is not None and re.fullmatch(f"(?:{kq.pattern})+", head[lead.end():]):
        near += "|" + head[lead.end():]  # a kind that the list's head says of every item (新入选国家5G工厂…、卓越级…);
        # a kind that opens the first item's name is that item's (新增五星级饭店…、等级民宿…)
    out = []
    for q, where in ((g["clause_qualifiers"], clause), (g["label_qualifiers"], near)):  # a kind beside the name
        if q["re"] is not None:
            out += [w for w in dict.fromkeys(q["re"].findall(where)) if not q["words"][w][1].search(low) and w not in out]
    return out


def unsaid_heads(metric_zh: str, label: str, g: dict | None = None) -> list[str]:
    """The heads of measure a label says (glossary.yaml label_heads: "size", "output value", "value
    added" …) that the name does not: 数字经济增加值 is not "Digital economy size"."""
    g = g or lexicon.glossary()
    low = label.lower()
    for phrase in g["label_heads"]["fixed"]:
        low = low.replace(phrase, " ")
    return [rx.pattern for rx, zh in g["label_heads"]["heads"] if rx.search(low) and not any(w in metric_zh for w in zh)]


def generic_label(label: str, g: dict | None = None) -> bool:
    """Whether a label names a bare head and no owner (glossary.yaml generic_heads: "Projects",
    "Enterprises", "Rate", "Total"; also with a word of newness, change or rank: "New projects")."""
    heads = (g or lexicon.glossary())["generic_heads"]
    words = [w for w in re.split(r"[\s,()]+", label.lower()) if w]
    rest = [w for w in words if w not in heads]
    return bool(words) and any(w in heads for w in words) and all(w in GENERIC_FILLERS for w in rest)




def _with_change(metric_zh: str, label: str, g: dict) -> str:
    """A label of a name that ends in a change word (glossary.yaml label_change_ends) and says no change:
    "Increase in <label>" (赤字规模增加 under "Fiscal deficit": "Increase in fiscal deficit")."""
    ch = g["label_change_ends"]["words"]
    end = next((w for w in sorted(ch, key=len, reverse=True) if metric_zh.endswith(w)), "")
    if not end or not ch[end][0] or any(rx.search(label.lower()) for _, rx in ch.values()):
        return label
    return f"{ch[end][0]} {_lower_first(label)}"


def missing_qualifiers(metric_zh: str, label: str, g: dict | None = None, change: bool = True) -> list[str]:
    """The words of metric_zh that change what is counted (glossary.yaml label_qualifiers: 新增, 五星级,
    新能源, 农村, 国家级 …; a change word that ends it, label_change_ends: 增加, 减少 …) that the English
    label does not carry: a label that lacks one names a wider thing than the name (可再生能源新增装机
    as "Installed capacity"). The change word counts only for a row that measures a change (`change`):
    地区生产总值增长…突破2.6万亿元 is the GDP the growth reached."""
    g = g or lexicon.glossary()
    q, ch = g["label_qualifiers"], g["label_change_ends"]
    low = label.lower()
    found = q["re"].findall(metric_zh) if q["re"] is not None else []
    out = [w for w in found if not q["words"][w][1].search(low)]
    end = next((w for w in sorted(ch["words"], key=len, reverse=True) if metric_zh.endswith(w)), "") if change else ""
    if end and not any(rx.search(low) for _, rx in ch["words"].values()):
        out.append(end)  # 优良天数增加 as "Days of good air quality": the days, not their increase
    return out


def _with_qualifiers(before: str, label: str, g: dict) -> str:
    """The catalogue label with the qualifiers that stand before the concept's name in metric_zh and that
    it does not say put in front of it in the name's order, an action after it (新建改造 + 农村公路: "New or
    upgraded rural roads"; 建成 + 本科高校: "Undergraduate universities built"); a qualifier with no English
    to compose, or a label that ends in an action already, is left for missing_qualifiers to refuse."""
    q = g["label_qualifiers"]
    if not before or q["re"] is None:
        return label
    low = label.lower()
    words = [q["words"][w][0] for w in q["re"].findall(before) if not q["words"][w][1].search(low)]
    if not words or not all(words) or _is_action(label.split()[-1], g):
        return label
    if label.endswith(")") and any(w.startswith("…") for w in words):
        return label  # nor after a closing note: "'Two majors' projects (national strategies …) started"
    parts = [w for w in words if not w.startswith("…")] + [label]
    return " ".join([parts[0]] + [_lower_first(w) for w in parts[1:]] + [w.lstrip("… ") for w in words if w.startswith("…")])


def unsure_name(metric_zh: str, g: dict | None = None) -> bool:
    """Whether the rules are unsure of a metric name by its words (glossary.yaml unsure_names: a bare head, a verb
    without its noun, a name cut off, a clause with a verb inside; lexicon name_lists: a bare measure name_lists.py
    gave no owner); english() adds the verb side's own doubt (name_verbs.py kept a verb of no class: m.name_unsure)."""
    u, name = (g or lexicon.glossary())["unsure_names"], metric_zh.strip()
    return (len(name) < 2 or name in u.get("bare", ()) or owner_lost(name) or name.endswith(u.get("end_fragments", ()))
            or name.startswith(u.get("start_fragments", ())) or any(v in name for v in u.get("verbs", ())))


def _opener(before: str, g: dict) -> tuple[str, str]:
    """(the verb that makes the things opening the words before the concept's name (label_openers), the rest)."""
    rx = g["label_openers"]["re"]
    m = rx.match(before) if rx is not None and before else None
    return (m.group(), before[m.end():]) if m else ("", before)


def _with_opener(opener: str, label: str, g: dict) -> str:
    """The label with the English of the verb that opened the name ("… built"), the label when it says it
    already, "" when it cannot be composed (a label that ends in an action or a closing note)."""
    en, carries = g["label_openers"]["words"][opener]
    by_noun = g.get("label_openers_by_noun", {}).get(opener, {})
    words = re.findall(r"[a-z]+", label.lower())
    en = next((e for noun, e in by_noun.items() if any(w.startswith(noun) for w in words)), en)  # 建设 projects
    if carries.search(label.lower()) or not en or _is_action(label.split()[-1], g) or label.endswith(")"):
        return label if carries.search(label.lower()) else ""
    return f"{label} {en.lstrip('… ')}" if en.startswith("…") else f"{en} {_lower_first(label)}"


def _label_covers(concept, metric_zh: str, lex, g: dict) -> tuple[bool, str, str]:
    """(whether the concept's label says what metric_zh says, the label of the whole when metric_zh
    is 甲占乙比重 and 乙 is wholly a concept's name, the words before the concept's name). The label covers the name when one of the
    concept's names (or patterns) covers metric_zh but for the words of glossary.yaml label_cover:
    水电装机容量 is more than 装机容量, so "Installed capacity" would say less than the name."""

    n = concepts.normalise(metric_zh)
    best = None
    for name in concept.names:
        if name in concept.unlabelled:  # 工业增加值 gives the concept of above-designated-size industry
            continue
        k = concepts.normalise(name)
        i = n.find(k) if k else -1
        if i >= 0 and (best is None or len(k) > best[1] - best[0]):
            best = (i, i + len(k))
    pm = concept.patterns.search(n) if concept.patterns is not None else None
    if pm and (best is None or pm.end() - pm.start() > best[1] - best[0]):
        best = pm.span()
    if best is None:
        return False, "", ""
    cover = g["label_cover"]
    before, after = n[:best[0]], n[best[1]:]
    opening = before
    words = cover.get("before", ()) + tuple(g["label_openers"]["words"])  # 建设高标准农田: composed by _with_opener
    while before:
        word = next((w for w in sorted(words, key=len, reverse=True) if before.startswith(w)), "")
        if not word:
            return False, "", ""
        before = before[len(word):]
    if not after or after in cover.get("after", ()) or after in cover.get("share_words", ()):
        return True, "", opening
    if lex.growth_re.fullmatch(after) or lex.growth_re.sub("", after) in cover.get("after", ()) + cover.get("share_words", ()):
        return True, "", opening
    whole = extraction_words().share_tail_re.fullmatch(after)
    if whole and whole.group(2) in cover.get("share_words", ()):
        of = concepts.catalogue().by_name.get(concepts.normalise(whole.group(1)))
        of = [c for c in of or () if c.measures is None or "growth" not in c.measures] or of
        if of:  # the whole's amount (固定资产投资), not its growth
            return True, of[0].en, opening
    return False, "", ""


def _versus(metric_zh: str, g: dict) -> tuple[str, str]:
    """规上工业增加值高于全国 (…0.3个百分点): the growth of a thing against the average it is compared
    with, "<thing's growth>, above the national average" (a phrase: "terms"), the thing's label from
    the catalogue or a phrase of terms; ("", "") when neither is sure."""
    m = extraction_words().versus_re.match(metric_zh)
    if not m:
        return "", ""

    c = concepts.catalogue().match(m.group(1) + extraction_words().growth_word, "growth", "percent")
    if c is not None:
        what = c.en
    else:
        what, fluent = _compose(m.group(1), g)
        if not (what and fluent):
            return "", ""
        what = what if "growth" in what.lower() else f"{what} growth"
    return f"{what}, {extraction_words().versus_en[m.group(2)]} the {extraction_words().versus_en[m.group(3)]} average", "terms"


def _lower_first(label: str) -> str:
    """A label put after a composed word: its first letter lower-cased unless it opens an acronym or a
    letter grade ("SME", "PM2.5", "A-level logistics enterprises")."""
    if not label or label[1:2].isupper() or _ACRONYM.match(label) or (label[1:2] and not label[1].isalpha()):
        return label
    return label[0].lower() + label[1:]


_ACRONYM = re.compile(r"^[A-Z0-9&.\-]+(?:\s|$)")


def _compose(zh: str, g: dict) -> tuple[str, bool]:
    """A label composed from glossary terms, and whether it is an English phrase (see glossary.yaml
    `phrase`); ("", False) unless 70% of the Chinese is covered. A share 甲占乙比重 is composed as
    "甲 as a share of 乙" when both parts are phrases."""
    share = extraction_words().share_split_re.match(zh)
    if share:
        a, ok_a = _compose(share.group(1), g)
        b, ok_b = _compose(share.group(2), g)
        if a and b and ok_a and ok_b:
            return f"{a} as a share of {b[0].lower() + b[1:] if not _ACRONYM.match(b) else b}", True
    rx = g["terms_re"]
    if not zh or rx is None:
        return "", False
    words: list[str] = []
    covered = 0
    for hit in rx.finditer(zh):
        en = g["terms"][hit.group()]
        covered += len(hit.group())
        if en and (not words or words[-1] != en):
            words.append(en)
    cjk = sum(1 for c in zh if 0x4E00 <= ord(c) <= 0x9FFF)
    if not words or covered < T.ENGLISH_COVER * max(cjk, 1):
        return "", False
    label = " ".join(words)
    return label[0].upper() + label[1:], covered >= cjk and _is_phrase(words, g)


def _is_action(en: str, g: dict) -> bool:
    first = en.split()[0].lower() if en.split() else ""
    if en.lower() in g["adjectives"] or first in g["adjectives"]:
        return False
    return first in g["verb_forms"] or en.lower() in g["verb_forms"] or (
        len(first) > 4 and (first.endswith("ed") or first.endswith("ing")))


def _is_phrase(words: list[str], g: dict) -> bool:
    """Whether glossary terms in Chinese order read as an English noun phrase (glossary.yaml `phrase`)."""
    if len(words) > 5:
        return False
    connectors = g["connectors"]
    if words[0].lower() in connectors or words[-1].lower() in connectors or words[-1].lower() in g["modifiers"]:
        return False
    if _is_action(words[-1], g):
        return False  # an action without its object: "Approved", "Fostered more"
    if any(w.lower() in ("and above", "under", "etc.", "above", "below") for w in words):
        return False
    seen = set()
    for w in " ".join(words).lower().replace("-", " ").split():
        if len(w) > 3 and w in seen:  # "hospitals … hospitals", "share … share"
            return False
        seen.add(w)
    leading_names = True
    for i, w in enumerate(words):
        name = w[:1].isupper() and not _ACRONYM.match(w)
        if name and not leading_names:
            return False  # a place name after a common noun: "Hospitals Inner Mongolia hospitals"
        leading_names = leading_names and name
        if i and _is_action(w, g):
            return False  # an action word inside: "Done well under aspects work", "Projects started built"
    return True
