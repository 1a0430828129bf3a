"""Lists, pairs and owners of a name, read from the sentence's structure after the form of the names has been
repaired (name_form.py). Only metric_zh changes here: the concept catalogue and the sectors have read the
rules' name (rules_name) before. The words are lexicon.yaml `name_lists`.

- levels said alone before one noun (建成4个国家级、4个自治区级区域医疗中心): every number counts the noun at its level;
- a pair said as one before exactly two numbers named alike (城乡居民人均可支配收入年均增长5.3%、8.1%): its halves'
  (城镇居民…, 农村居民…; name_lists pair_halves);
- a list named whole for each of its numbers (原煤、原油、天然气产量达到A、B、C; 基本养老、基本医疗保险参保率
  稳定在98%和95%): as many numbers named alike, joined by list gaps only, as items: the n-th number is the n-th
  item with the list's shared head (原煤产量; 基本养老保险参保率);
- the measure of a 分别 list said once, after its last item (电子信息、高端装备制造、现代消费品营业收入分别达到…):
  every item takes it (电子信息营业收入);
- a number before a list (100座黄浦江、苏州河滨水驿站; 新建200个智能车间、智能工厂): one number counts every
  item named after it up to the next number or verb, not the first item only;
- a list before one number (国家高新技术企业、科技型中小企业和专精特新“小巨人”企业增长82%): the number holds for the
  whole list, not its last item, when no later item opens with a verb of its own;
- a generic counted noun followed by what it reached (15项做法入选中国改革年度案例; 10家单位、10名个人获…表彰):
  named by it (入选中国改革年度案例的做法), the predicate shared along a list of such nouns;
- a bare measure (成交价, 投资, 化解率, 保有储量, 总产能: lexicon owner_heads) takes its owner: the owner named after
  it before 的 (投资超过550亿元的晋北…基地), else the thing counted or the owner of the measure of the numbers
  before it in its clause, else in the clause before, else the noun phrase that opens the clause before (吉化乙烯
  项目投产，总产能…) — only when exactly one candidate is in reach (two counts followed by 均 name the pair);
  otherwise the name stays bare, and english.unsure_name flags it.
"""

from __future__ import annotations

import re

from ..language import concepts, lexicon
from ..project import thresholds as T
from .name_words import COUNT_DIMS, QUOTES, has_verb, list_verb, noun_item, noun_run, noun_words, right_noun, strip_name
from .phrase import _closing_growth, tagged


def words():
    """The words and patterns of lexicon.yaml `name_lists`, compiled by the lexicon."""
    return lexicon.load().name_lists


def lists_and_owners(lex, text: str, ms) -> None:
    """Repair the lists, pairs and owners of the names of one sentence's mentions (see the module)."""
    _levels_of_one_noun(lex, text, ms)
    _split_named_list(lex, text, ms)
    _pair_halves(lex, text, ms)
    _shared_measure(lex, ms)
    _shared_owner(lex, ms)
    _measure_along(lex, text, ms)
    for i, m in enumerate(ms):
        if m.rank or not m.metric_zh:
            continue
        name = _number_before_list(lex, text, ms, m, m.metric_zh)
        name = _list_before_number(lex, text, ms, i, name) if name == m.metric_zh else name
        name = _selected(lex, text, ms, m, name)
        name = _owner(lex, text, ms, i, name)
        m.metric_zh = name


def owner_lost(name: str) -> bool:
    """A bare measure or generic counted noun (name_lists owner_heads, selected_heads) left without an owner, with or
    without its closing growth word: english.unsure_name flags it."""
    core = lexicon.load().growth_re.sub("", name)
    return core in words().owner_heads or core in words().selected_heads


def _pair_halves(lex, text: str, ms) -> None:
    """城乡居民人均可支配收入年均增长5.3%、8.1%: exactly two numbers of one clause named alike, joined by a list gap
    only (lexicon extraction list_gaps), their name opening with a pair said as one (name_lists pair_halves): the
    first is the first half's (城镇居民…), the second the second half's (农村居民…). Not a ratio of the pair, not a rank."""
    halves = sorted(words().pair_halves.items(), key=lambda kv: -len(kv[0]))
    for run in _alike_runs(text, ms):
        name = run[0].metric_zh or ""
        pair = next(((k, v) for k, v in halves if name.startswith(k) and len(name) > len(k)), None)
        if len(run) != 2 or pair is None or any(m.rank or m.ratio for m in run):
            continue
        for m, half in zip(run, pair[1]):
            m.metric_zh = half + name[len(pair[0]):]


def _levels_of_one_noun(lex, text: str, ms) -> None:
    """建成4个国家级、4个自治区级区域医疗中心: numbers of one clause each followed by a level alone (name_lists
    level_modifier_re), joined by a list mark (level_joins), before the last number whose level is followed by the
    counted noun: every earlier number counts that noun at its own level (its name's level + the noun; a verb that
    opens its name stays: 建成国家级区域医疗中心)."""
    w = words()
    i = 0
    while i < len(ms):
        run, j = [ms[i]], i + 1
        while j < len(ms) and ms[j].clause == ms[i].clause and not ms[j].rank and not run[-1].rank:
            level = _level_after(text, run[-1])
            gap = text[run[-1].tail + len(level):ms[j].s - ms[j].prefix_len] if level else None
            if gap is None or gap not in w.level_joins:
                break
            run.append(ms[j])
            j += 1
        i = j
        if len(run) < 2:
            continue
        last = run[-1]
        noun = right_noun(text, last.tail, last.clause[1], lex)
        level = next((noun[:k] for k in range(len(noun) - 2, 1, -1) if w.level_modifier_re.match(noun[:k])), "")
        rest = noun[len(level):]
        if not level or len(rest) < 2 or not noun_item(lex, rest, head_verb=True):
            continue
        for m in run[:-1]:
            own = _level_after(text, m)
            if (m.metric_zh or "").endswith(own) and _dim(lex, m) == _dim(lex, last):
                m.metric_zh = m.metric_zh + rest


def _level_after(text: str, m) -> str:
    """The level alone right after a number up to its list mark (国家级 in 4个国家级、), or ''."""
    w = words()
    k = m.tail
    while k < m.clause[1] and text[k] not in "".join(w.level_joins) + "，,；;。":
        k += 1
    level = text[m.tail:k]
    if text.startswith(w.level_joins, k) and w.level_modifier_re.match(level):
        return level
    return ""


def _dim(lex, m) -> str:
    return lex.units.get(m.unit, {}).get("dim", "") if m.unit else m.base_unit


def _split(lex, name: str) -> tuple[str, str]:
    """(the name without its closing growth word, the growth word)."""
    cut = _closing_growth(lex, name)
    return name[:cut], name[cut:]


def _measure_head(lex, last: str, first: str) -> str:
    """The head a list's items share, said after its last item: where the first and the last item share their
    opening words, what follows the first item's length in the last (基本养老、基本医疗保险参保率: 保险参保率); else
    the shortest run of the last item's words at its end that ends in a measure (天然气产量: 产量); '' when none."""
    common = 0
    while common < min(len(first), len(last)) and first[common] == last[common]:
        common += 1
    if common and len(first) > common and len(last) > len(first) + 1:
        head = last[len(first):]
        return head if head.endswith(lex.measure_endings) else ""
    ws = [x for x, _ in tagged(last)]
    for k in range(len(ws) - 1, 0, -1):
        head = "".join(ws[k:])
        if len(head) >= 2 and head.endswith(lex.measure_endings + tuple(lex.metric_heads)):
            return head
    return ""


def _split_named_list(lex, text: str, ms) -> None:
    """原煤、原油、天然气产量达到6640.8万吨、1253.6万吨、9.1亿立方米: a run of numbers named alike by a list whose items
    are as many as the numbers, joined by list gaps only (lexicon extraction list_gaps), is read in order: the n-th
    number is the n-th item with the head the items share (_measure_head)."""
    for run in _alike_runs(text, ms):
        if len(run) < 2 or any(m.rank for m in run):
            continue
        core, grow = _split(lex, run[0].metric_zh)
        items = core.split("、")
        if len(items) != len(run) or any(len(x) < 1 or not re.fullmatch(r"[\u4e00-\u9fff（）()]+", x) for x in items):
            continue
        head = "" if all(x.endswith(lex.measure_endings) for x in items[:-1]) else _measure_head(lex, items[-1], items[0])
        if not head and not all(x.endswith(lex.measure_endings) for x in items[:-1]):
            continue
        for m, item in zip(run, items):
            m.metric_zh = (item if item.endswith(head) else item + head) + grow


def _alike_runs(text: str, ms):
    """The runs of a sentence's mentions named alike in one clause, joined by list gaps only (lexicon extraction
    list_gaps, not a comma): every mention is in exactly one run, in order."""
    gaps = set(lexicon.load().extraction.list_gaps) - {"，", ""}
    i = 0
    while i < len(ms):
        j = i + 1
        while j < len(ms) and ms[j].metric_zh == ms[i].metric_zh and ms[j].clause == ms[i].clause \
                and text[ms[j - 1].tail:ms[j].s - ms[j].prefix_len].strip() in gaps:
            j += 1
        yield ms[i:j]
        i = j


def _distributed_lists(ms):
    """The 分别 lists of a sentence's mentions: runs of two or more distributed mentions of one clause."""
    i = 0
    while i < len(ms):
        j = i
        while j < len(ms) and ms[j].distributed and ms[j].clause == ms[i].clause:
            j += 1
        if j - i >= 2:
            yield ms[i:j]
        i = max(j, i + 1)


def _shared_measure(lex, ms) -> None:
    """电子信息、高端装备制造、现代消费品营业收入预计分别达到…: the items of a 分别 list named without a measure take the
    measure of its last item (a word of lexicon metric_heads at its end), unless an item is a catalogue name."""
    cat = concepts.catalogue()
    for group in _distributed_lists(ms):
        last, grow = _split(lex, group[-1].metric_zh or "")
        head = next((h for h in sorted(lex.metric_heads, key=len, reverse=True) if last.endswith(h) and len(last) > len(h) + 1), "")
        if len(head) < 2:
            continue
        for m in group[:-1]:
            core, g = _split(lex, m.metric_zh or "")
            if len(core) < 2 or core.endswith(lex.measure_endings + tuple(lex.metric_heads)) \
                    or concepts.normalise(core) in cat.by_name or not noun_item(lex, core):
                continue
            m.metric_zh = core + head + g


def _shared_owner(lex, ms) -> None:
    """生产安全事故起数、死亡人数、直接经济损失分别下降…: the later items of a 分别 list that are a bare measure (lexicon
    shared_owner_heads, owned_heads, name_lists owned_measures) take the owner of the first item's measure."""
    bare = set(lex.shared_owner_heads) | set(lex.owned_heads) | set(words().owned_measures)
    cat = concepts.catalogue().by_name
    for group in _distributed_lists(ms):
        first, _ = _split(lex, group[0].metric_zh or "")  # the first item's measure: its shortest shared head, else its longest
        ends = [first[k:] for k in range(2, len(first) - 1)]  # catalogue name at its end (生产安全事故|起数, 省属企业|工业总产值)
        head = min((x for x in ends if x in bare), key=len, default="") \
            or max((x for x in ends if concepts.normalise(x) in cat), key=len, default="")
        owner = first[:-len(head)] if head else _owner_of_name(lex, first)
        if not owner or owner == first or not noun_item(lex, owner):
            continue
        for m in group[1:]:
            core, grow = _split(lex, m.metric_zh or "")
            if core in bare and not core.startswith(owner):
                m.metric_zh = owner + core + grow


def _measure_along(lex, text: str, ms) -> None:
    """先进装备制造营业收入增长10%以上、航空航天增长20%以上、生物医药增长6%左右: the items after a list comma of one
    clause named by a thing and a growth word only take the measure of the item before (a word of lexicon metric_heads
    at its end), unless the thing is a catalogue name itself (出口增长3%) or has a measure of its own."""
    cat = concepts.catalogue().by_name
    heads = sorted(lex.metric_heads, key=len, reverse=True)
    for a, b in zip(ms, ms[1:]):
        core, grow = _split(lex, b.metric_zh or "")
        prev, pgrow = _split(lex, a.metric_zh or "")
        if b.clause != a.clause or b.distributed or not grow or not pgrow or not text.startswith("、", a.tail) \
                or not text.startswith(core, a.tail + 1):
            continue
        head = next((h for h in heads if prev.endswith(h) and len(prev) > len(h) + 1), "")
        if len(head) < 2 or len(core) < 2 or core.endswith(lex.measure_endings + tuple(lex.metric_heads)) \
                or concepts.normalise(core) in cat or not noun_item(lex, core, head_verb=True):
            continue  # (装备制造: the segmenter tags 制造 a verb)
        b.metric_zh = core + head + grow


def _no_number(ms, s: int, e: int) -> bool:
    return not any(s <= o.s - o.prefix_len < e for o in ms)


def _number_before_list(lex, text: str, ms, m, name: str) -> str:
    """100座黄浦江、苏州河滨水驿站; 新建200个智能车间、智能工厂: a name that ends in the noun right after its number,
    when a list comma follows that noun, takes the items after it (each the counted noun after the comma, no
    number before it and none right after it, not opening with a verb) up to name_lists list_items_max."""
    ce = m.clause[1]
    if (lex.units.get(m.unit, {}).get("dim", "") if m.unit else m.base_unit) not in COUNT_DIMS:
        return name  # 25度以上陡坡旱地、…; 65岁以上老年人、…: a descriptor, no count of the list
    after = text[m.tail:ce]
    k = after.find("、")
    first = after[:k].translate(QUOTES) if k > 0 else ""
    if len(first) < 2 or not name.endswith(first) or not noun_item(lex, first) or has_verb(first) \
            or words().item_join_re.search(first):
        return name
    pos, items = m.tail + k + 1, list[str]()
    while len(items) < words().list_items_max:
        item = noun_run(right_noun(text, pos, ce, lex))
        end = pos + len(item)
        while end < ce and len(text[pos:end].translate(QUOTES)) < len(item):
            end += 1  # the quotes the noun was read without
        if list_verb(lex, item) or not noun_item(lex, item) or has_verb(item) or not _no_number(ms, pos, ce) \
                or words().item_join_re.search(item) \
                or any(c.isdigit() for c in text[pos:end]):
            break  # an item with a number of its own (3块金牌、残奥会获得8块), a verb, a bare head (、规模居…)
        items.append(item)
        if not text.startswith("、", end):
            break
        pos = end + 1
    if not items or text.startswith(lexicon.load().extraction.examples_word, end):
        return name  # 视力、听力、肢体、智力等残疾儿童: examples of a class, not the things counted
    whole = name + "".join("、" + x for x in items)
    return whole if len(whole) <= T.LIST_NAME_MAX_CHARS else name


def _list_before_number(lex, text: str, ms, i: int, name: str) -> str:
    """国家高新技术企业、科技型中小企业和专精特新“小巨人”企业增长82%: the first number of its clause, its name the end
    of the last item of a list of nouns before it (joined by 、 and a last 和), is the whole list's (an item opening
    with a verb of its own, a 的 or a number in the list: left)."""
    m = ms[i]
    if m.distributed or (i and ms[i - 1].clause == m.clause):
        return name
    core, grow = _split(lex, name)
    left = strip_name(lex, text[m.clause[0]:m.s - m.prefix_len], cap=False)
    lcore, lgrow = _split(lex, left)
    lcore = lcore.rstrip("".join(words().shared_marks)) if lcore.endswith(words().shared_marks) else lcore
    deng = lexicon.load().extraction.examples_word
    lcore = lcore[:-1] if lcore.endswith(deng) else lcore
    items = lcore.split("、")
    if len(items) < 2 or "，" in lcore or lexicon.load().extraction.of_word in lcore or any(c.isdigit() for c in lcore) \
            or deng in lcore or (words().item_join_re.search(core) and core != items[-1]) \
            or lcore.endswith(tuple(words().each_words)):
        return name  # 大数据、集成电路等数字经济核心产业: examples of a class; …各20家: a number for each
    if not core or not items[-1].endswith(core) or len(lcore) > T.LIST_NAME_MAX_CHARS:
        return name
    parts = [x for item in items for x in words().item_join_re.split(item)]
    first = parts[0][len(list_verb(lex, parts[0])):]
    if not noun_item(lex, parts[0], lead_verb=True) or has_verb(first) \
            or any(list_verb(lex, x) or not noun_item(lex, x) for x in parts[1:]):
        return name
    return lcore + (grow or lgrow if core == name else grow)


def _selected(lex, text: str, ms, m, name: str) -> str:
    """15项做法入选中国改革年度案例: a generic counted noun (name_lists selected_heads) followed by a selection (lexicon
    selection_predicates) is named by it; 10家单位、10名个人获…: the predicate after the last such noun of the list."""
    if name not in words().selected_heads or not text.startswith(name, m.tail):
        return name
    pos = m.tail + len(name)
    if text.startswith("、", pos):
        nxt = next((o for o in ms if o.s > pos and o.clause == m.clause), None)
        if nxt is None or text[pos + 1:nxt.s - nxt.prefix_len].strip() or nxt.metric_zh not in words().selected_heads \
                or not text.startswith(nxt.metric_zh, nxt.tail):
            return name
        pos = nxt.tail + len(nxt.metric_zh)
    rx = lexicon.load().selected_re
    p = rx.fullmatch(text, pos, m.clause[1]) if rx is not None else None
    if not p or not p.group(0).startswith(p.group(1)):
        return name
    # a calendar year inside the selection is no part of a name (入选2025年中国改革年度案例 -> 入选中国改革年度案例)
    said = re.sub(rf"(?:19|20)\d\d{lexicon.load().year_word}", "", p.group(2)).translate(QUOTES)
    return f"{p.group(1)}{said}{lexicon.load().extraction.of_word}{name}"


def _owner_of_name(lex, name: str) -> str:
    """The owner in a name before: a counted thing is its own; a measure's owner is the name without its last word
    when that word is a measure (煤炭产量 -> 煤炭); '' when the name is no plain noun phrase."""
    core, _ = _split(lex, name)
    ws = tagged(core)
    rest = core[len(ws[0][0]):] if ws and ws[0][1].startswith("v") and len(ws) > 1 else core  # 出让矿业权: a verb that modifies
    if len(core) < 2 or len(rest) < 2 or not noun_item(lex, rest, head_verb=True) or "、" in core or has_verb(rest):
        return ""  # 容缺化解居民住宅办证难: a verb inside, no owner
    if not core.endswith(lex.measure_endings):
        return core
    ws = tagged(core)
    owner = core[:-len(ws[-1][0])]
    return owner if len(ws[-1][0]) >= 2 and len(owner) >= 2 else ""


def _lead_noun(text: str, s: int, e: int) -> str:
    """The noun phrase that opens a clause and is its subject (吉化乙烯项目投产: 吉化乙烯项目): two words or more
    of nouns (name_lists noun_tags without verbal nouns) followed by a verb; '' when a verb opens the clause."""
    tags = tuple(t for t in words().noun_tags if t != "vn")
    ws = tagged(text[s:e].translate(QUOTES).strip())
    k = 0
    while k < len(ws) and noun_words(ws[k][0], tags):
        k += 1
    out = "".join(w for w, _ in ws[:k])
    ok = k >= 2 and k < len(ws) and ws[k][1].startswith("v") and 2 <= len(out) <= words().owner_max
    return out if ok else ""


def _owner(lex, text: str, ms, i: int, name: str) -> str:
    """A bare measure (name_lists owner_heads) takes the one owner in reach (see the module); else it stays."""
    m = ms[i]
    core, grow = _split(lex, name)
    if core not in words().owner_heads:
        return name
    of = lexicon.load().extraction.of_word
    if text.startswith(of, m.tail):  # 投资超过550亿元的晋北采煤沉陷区新能源基地
        after = right_noun(text, m.tail + 1, m.clause[1], lex)
        return after + core + grow if 2 <= len(after) <= words().owner_max and noun_item(lex, after) else name
    cs = m.clause[0]
    left = text[cs:m.s - m.prefix_len]
    at = left.rfind(core)
    same = [o for o in ms[:i] if o.clause == m.clause and _split(lex, o.metric_zh or "")[0] != core]  # not 意向成交金额 again
    lead = _lead_noun(text, cs, cs + at) if not same and at > 0 else ""  # 省级重点项目建立…机制、完成投资5000亿元
    if lead:
        return lead + core + grow
    if not same:
        prev_end = cs - 1
        prev_start = max(text.rfind(c, 0, max(prev_end, 0)) for c in "，,；;。：:！？\n") + 1
        same = [o for o in ms[:i] if prev_start <= o.s < prev_end and _split(lex, o.metric_zh or "")[0] != core]
        if not same:
            lead = _lead_noun(text, prev_start, prev_end) if prev_start < prev_end and text[prev_end] in "，,；;" else ""
            return lead + core + grow if lead and not lead.endswith(core) else name
    owners = []
    for o in same:
        owner = _owner_of_name(lex, o.metric_zh or "")
        dim = lex.units.get(o.unit, {}).get("dim", "") if o.unit else o.base_unit
        if not owner or (owner == lex.growth_re.sub("", o.metric_zh or "") and dim not in COUNT_DIMS):
            return name  # an amount's name that is no owner (营业收入): not sure
        if owner not in owners:
            owners.append(owner)
    shared = any(x in left[at + len(core):] for x in words().shared_marks)  # 办复率均达100%
    if len(owners) == 1 or (shared and 1 < len(owners) <= words().list_items_max):
        owner = "、".join(owners)
        return owner + core + grow if len(owner) <= T.LIST_NAME_MAX_CHARS else name
    return name
