"""The words of a number's clause that a catalogue label must agree with: what the clause says beside the
name (clause_context) and the checks that keep a label from saying another kind of number than its row
(measure_mismatch). Split from english.py, which composes and vouches for labels."""

from __future__ import annotations

import re

from ..language import concepts, lexicon
from .mention import extraction_words

# The English words that say what kind of number a label names, shared with english.py (which composes labels):
# a change, a share, and the fillers that leave a label generic ("New projects")
CHANGE_EN = re.compile(r"\b(?:growth|rate|increase|reduction|decline|decrease|rise)\b")
SHARE_EN = ("share", "rate", "ratio", "proportion", "intensity", "percentage", "coverage", "%", "index", "level")
GENERIC_FILLERS = frozenset({"new", "newly", "net", "added", "growth", "rank", "share", "total", "number", "of",
                             "the", "increase", "in", "reduction", "built", "started", "renovated", "(share)"})
POINTS = "points"  # the unit dimension of percentage points (lexicon.yaml units)


_DISTRIBUTED = "distributed"  # the last field of clause_context for an item of a 分别 list
_SHORT_ITEM = 6  # a list item no longer than this before a number shared by the list (医疗、养老、失业、工伤保险)
_COUNTED_DIMS = frozenset({"count", "person", "area", "length", "mass", "money", "power", "energy", "volume"})
_RATE_EN = re.compile(r"\b(?:rate|share|ratio|proportion|coverage|percentage)\b")


def _leading_qualifiers(before: str, g: dict) -> list:
    """The carrying patterns of the qualifiers that open a clause, one after another (获批 创建 国家级 in 获批创建国家级
    甘味生猪、高原夏菜): clause_qualifiers, label_openers and label_qualifiers; an opener carries none of its own."""
    out: list = []
    at = 0
    tables = (g["clause_qualifiers"], g["label_openers"], g["label_qualifiers"])
    while True:
        hit = next(((q, mt) for q in tables if q["re"] is not None and (mt := q["re"].match(before, at))), None)
        if hit is None or hit[1].end() == at:
            return out
        q, mt = hit
        if q is not g["label_openers"]:
            out.append(q["words"][mt.group()][1])
        at = mt.end()


def _ownerless(label: str, g: dict) -> bool:
    """Whether a label names a measure that reports state for an owner apart (glossary.yaml ownerless_labels:
    "Passenger volume", "Installed capacity"), with no more than words of newness, change or rank."""
    def core(text: str) -> str:  # the words of a label but for fillers ("of" in "Projects of 100 million yuan …")
        return " ".join(w for w in re.split(r"[\s,]+", text.lower()) if w and w not in GENERIC_FILLERS)
    return core(label) in {core(x) for x in g["ownerless_labels"]}


def _says_owner(label: str, first: str) -> bool:
    """Whether a label says the owner of a 分别 list's first item: a word it shares with the catalogue's label of
    that item (生产安全事故起数 "Production safety accidents": "Accident deaths" says whose deaths)."""
    owners = concepts.catalogue().by_name.get(concepts.normalise(first)) or ()
    words = {w.rstrip("s") for c in owners for w in re.findall(r"[a-z]{4,}", c.en.lower())}
    return any(w.rstrip("s") in words for w in re.findall(r"[a-z]{4,}", label.lower()))


def change_end(metric_zh: str, g: dict) -> str:
    """The change word that ends a name (glossary.yaml label_change_ends), or ""."""
    return next((w for w in sorted(g["label_change_ends"]["words"], key=len, reverse=True) if metric_zh.endswith(w)), "")


def measure_mismatch(metric_zh: str, label: str, dim: str, clause: str = "", g: dict | None = None) -> str:
    """Why a catalogue label says another kind of number than the row, or "": a name with a share word (占比, 比重,
    比例) under a label that says no share (民间投资占比提高 as "Private investment growth"); a label of a rate
    or share on a count (完成1000个行政村生活污水治理 as "Rural sewage treatment rate"); a label of an amount of money
    on a count of people (发放育儿补贴181.2万人 as "Childcare subsidies"); a label of new things on a list item that
    states a running total (累计达到1100座 as "New parks")."""
    g = g or lexicon.glossary()
    low = label.lower()
    if extraction_words().share_zh_re.search(metric_zh) and not any(w in low for w in SHARE_EN):
        return "share"
    if dim in _COUNTED_DIMS and _RATE_EN.search(low):
        return "rate on a count"
    if dim == "person" and any(w in g["money_heads"] for w in re.split(r"[\s,()]+", low)):
        return "money on people"
    parts = clause.split("|") + ["", "", "", "", "", "", ""]
    own, first, before = parts[1], parts[3], parts[4]
    if _ownerless(label, g):  # "Passenger volume" in 中老铁路发展远超预期，累计发送旅客…: the railway's, not all
        said = [w for w in g["owner_words"] if w in parts[6] + before]
        if said:
            return "owner in the sentence"
    core = metric_zh[:2]
    at = before.rfind(core) if core else -1
    if at > 0 and before[:at].endswith(tuple(g["modifier_marks"])):
        return "owner before the name"  # 录取到本科院校的一次性补助1万元: not all "One-off subsidies"
    if dim == "position" and at >= 0 and any(w in before[at:] for w in g["rank_growth_words"]) \
            and not CHANGE_EN.search(low):
        return "rank of a growth"  # 快递业务量和收入增速分别居全国第3位: the growth's rank, not the volume's
    items = before.split(_LIST_SEP)
    scope = _list_scope(metric_zh, low, items, parts[5] == _DISTRIBUTED, g)
    if scope:
        return scope
    # 获批创建国家级甘味生猪、高原夏菜2个产业集群: the list before the number names the counted things, and a
    # qualifier said of them (获批, 国家级) the label must carry
    if (len(items) > 1 and parts[5] != _DISTRIBUTED and not _DIGIT.search(before) and metric_zh not in before
            and any(not carries.search(low) for carries in _leading_qualifiers(before, g))):
        return "qualifier of the list"
    # …2个产业集群，镇原、崆峒2个现代农业产业园: a list clause with no word of its own before its names continues the
    # list clause before it in the sentence, whose opening qualifiers (获批创建国家级) it shares
    prev = parts[6].rstrip(_CLAUSE_SEPS)
    prev = prev[max(prev.rfind(c) for c in _CLAUSE_SEPS) + 1:]
    if (len(items) > 1 and parts[5] != _DISTRIBUTED and not _DIGIT.search(before) and metric_zh not in before
            and not _leading_qualifiers(before, g) and _LIST_SEP in prev and _DIGIT.search(prev)
            and any(not carries.search(low) for carries in _leading_qualifiers(prev, g))):
        return "qualifier of the list before"
    if len(items) > 1 and parts[5] != _DISTRIBUTED and not _DIGIT.search(before) and all(len(i) <= _SHORT_ITEM for i in items[1:-1]) \
            and items[-1].strip() == metric_zh:
        return "whole list"  # 参加医疗、养老、失业、工伤保险约70万人次: the number counts every item, not the last
    if first:  # 省属企业工业总产值、利润总额分别增长: a later item that is a bare head of lexicon shared_owner_heads
        # has the owner the first item says (not all profits); when the name did not take it, no label is vouched for
        shared = lexicon.load().shared_owner_heads
        if metric_zh.startswith(shared) and not first.strip().startswith(shared) and not _says_owner(label, first.strip()):
            return "list owner"
    cq = g["clause_qualifiers"]["re"]
    if (low.split(" ", 1)[0] in ("new", "newly", "net") and any(w in own for w in g["stock_words"])
            and not (cq is not None and cq.search(own))):
        return "running total"
    return ""



def _list_scope(metric_zh: str, low: str, items: list[str], distributed: bool, g: dict) -> str:
    """A scope of a list that its item's name lost and the label does not carry, or "": a level that opens the clause,
    no act before it (glossary.yaml list_levels: 省级以上绿色工厂1210家、绿色工业园区74个), for a later bare item (its name,
    then its number: no level nor verb of its own); a scope word that opens the first item of a 分别 list (list_shared_scopes: 限额以上通讯器材、家用电器、
    新能源汽车零售额分别增长) or stands between its last item and the head the items share (新能源汽车、…、智能手机限上零售额
    分别增长) that the name does not hold."""
    if len(items) < 2:
        return ""
    t = lexicon.glossary()
    levels, shared = t["list_levels"], t["list_shared_scopes"]
    if not distributed and levels["re"] is not None:
        first = items[0]
        lv = levels["re"].match(first)
        # a bare item, its name and its number (not 科技型中小企业达到2.8万家, a statement of its own)
        if lv and _DIGIT.search(first) and items[-1].strip() == metric_zh and not levels["re"].search(metric_zh) \
                and not levels["words"][lv.group()][1].search(low):
            return "level of the list"
    if distributed and shared["re"] is not None:
        opening = shared["re"].search(items[0])  # 限额以上通讯器材、家用电器、新能源汽车零售额分别增长
        if opening and opening.group() not in metric_zh and not shared["words"][opening.group()][1].search(low):
            return "scope of the list"
        last = items[-1]
        for hit in shared["re"].finditer(last):
            tail = last[hit.end():hit.end() + 2]
            if hit.start() > 0 and len(tail) == 2 and tail in metric_zh and hit.group() not in metric_zh \
                    and not shared["words"][hit.group()][1].search(low):
                return "scope of the list"
    return ""


def clause_context(text: str, m) -> str:
    """The words next to a number in its clause that may say what it counts beyond its name: its own list item
    before it (after the last 、), the head of the list (the clause before its first number) when the item names
    a thing of its own and has no qualifier of its own, and the words after it up to the next item or number
    (7所高等院校获批设置); nothing for an item of a 分别 list. Two more fields for measure_mismatch: the first item of
    a 分别 list (for a later item, which may share the owner said only there) and the clause's words before the
    number: head|own|after|first|before."""
    cs, ce = m.clause
    before = text[cs:max(cs, m.s - m.prefix_len)]
    if m.distributed:  # a 分别 list: its words before the numbers belong to its items, named one by one
        items = before.split(_LIST_SEP, 1)
        return ("|||" + (items[0] if len(items) > 1 and items[0] not in m.metric_zh else "") + "|" + before + "|"
                + _DISTRIBUTED + "|" + _sentence_before(text, cs))
    own = before.rsplit(_LIST_SEP, 1)[-1]
    rx = lexicon.glossary()["clause_qualifiers"]["re"]
    head = ""
    # the head of a list (a qualifier that opens the clause: 新认定…企业4户、绿色工厂39户) applies to an item
    # without a qualifier of its own that names another thing than the first item — not to the total of the
    # same thing after its addition (新增境内外上市企业…家、总量达…家), nor is a word inside the first item's
    # name (城镇新增就业…、城镇调查失业率…) a list head
    first = _DIGIT.search(before)
    if own != before and first and rx is not None and not rx.search(own):
        lead = rx.match(before)
        while lead and rx.match(before, lead.end()):
            lead = rx.match(before, lead.end())
        thing = before[lead.end():first.start()] if lead else ""
        # a head of qualifiers only (新增7名院士、9个全国重点实验室): every item that puts its number first
        if lead and ((thing and thing not in m.metric_zh) or (not thing and not own.strip())):
            head = before[:first.start()]
    after = text[max(m.tail, m.e):ce]
    cut = _ITEM_END.search(after)
    return head + "|" + own + "|" + (after[:cut.start()] if cut else after) + "||" + before + "||" + _sentence_before(text, cs)


def each_said(before: str) -> bool:
    """Do the words of a clause before its number say that the one number holds for each item of a list (lexicon
    scorecard.each_re after a list, each_list_re: 开工、投产新能源项目各, 文化产业和旅游业增加值均突破; not 分别, a
    number per item)? The data contract names such a figure by its list and labels it "(each)"."""
    words = lexicon.load().pairing
    hit = words.each_re.search(before)
    if not hit:
        return False
    # a list, or a scope written as the contraction of its parts (城乡居民收入均增长), in the name right before the mark:
    # not the 、 that closes an earlier item with its own number (地区生产总值超过2.5万亿元、…)
    head = _AFTER_ITEM.split(before[:hit.start()])[-1]
    return bool(words.each_list_re.search(head)) or any(w in head for w in words.scope_wholes)


EACH_EN = " (each)"  # the label of a number said of each item of its list (CONVENTIONS: metric_en)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def with_each(label: str, clause: str) -> str:
    """An English label with " (each)" when the clause (clause_context) says its number holds for each item of a list
    (文化产业和旅游业增加值均突破1450亿元: each of the two, not the two together); a Chinese name is left as it is."""
    if each_said(clause_before(clause)) and not _CJK.search(label) and not label.endswith(EACH_EN):
        return label + EACH_EN
    return label


def clause_before(clause: str) -> str:
    """The field of :func:`clause_context` that holds the clause's words before the number."""
    parts = clause.split("|")
    return parts[4] if len(parts) > 4 else ""


def _sentence_before(text: str, cs: int) -> str:
    """The words of a number's sentence before its clause (中老铁路发展远超预期，| 累计发送旅客…)."""
    return text[text.rfind(_SENTENCE_END, 0, cs) + 1:cs]


_SENTENCE_END = "。"
_CLAUSE_SEPS = "，,；;"


_AFTER_ITEM = re.compile(r"\d[^、，,；;。]*、")  # a list item with its number, up to the 、 after it
_LIST_SEP = "、"  # the list separator (punctuation, like meaning._CLAUSE_DELIMS)
_DIGIT = re.compile(r"\d")
_ITEM_END = re.compile(r"[\d、，,；;。]")
