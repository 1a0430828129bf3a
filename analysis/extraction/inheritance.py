"""Names a mention takes from its neighbours: the number before it (ranges, ranks, comparisons, bare
heads), the items of 分别 lists, and a name borrowed across a list."""

from __future__ import annotations

import re

from ..project import thresholds as T
from .mention import extraction_words
from .name_words import list_groups, strip_name


def inherit(lex, text: str, ms, s0: int) -> None:
    """Names that only the sentence gives: the high end of a range or the end of 由X…至Y takes the
    name of the number before it (5%—5.5%, 从53.2%提升到57.7%, 增长7%以上、力争达到8%); a bare head
    (产量, 总量, 总产) takes the owner named earlier in the sentence (粮食播种面积…、产量 -> 粮食产量)."""
    _from_number_before(lex, text, ms)
    _qualified(lex, text, ms, s0)
    for i in range(len(ms)):
        _from_neighbours(lex, text, ms, i, s0)


def _from_number_before(lex, text: str, ms) -> None:
    """The high end of a range, the end of 由X…至Y and a list of bare numbers take the name before."""
    for a, b in zip(ms, ms[1:]):
        gap = text[a.tail:b.s - b.prefix_len]
        if b.clause[0] == a.clause[0] and a.metric_zh and len(b.metric_zh) < 2 and (
                gap in extraction_words().list_gaps or (b.rank and a.rank)):
            b.metric_zh, b.subject = a.metric_zh, a.subject  # 815元和615元; 从第13位升至第5位
            added = extraction_words().added_end_re.search(a.metric_zh)
            if added and added.start() >= 2 and gap in ("、", "，", ""):
                # 铁路运营里程新增1700公里、突破7000公里: the total, not the addition
                b.metric_zh = b.subject = a.metric_zh[:added.start()]
            continue
        if b.clause[0] == a.clause[0] and extraction_words().to_gap_re.match(text[a.tail:b.s - b.prefix_len]) \
                and a.metric_zh and (not b.metric_zh or b.metric_zh in extraction_words().bare_heads
                                     or len(lex.growth_re.sub("", b.metric_zh)) <= 1 or lex.year_word in b.metric_zh):
            b.metric_zh, b.subject = a.metric_zh, a.subject


def _qualified(lex, text: str, ms, s0: int) -> None:
    """A qualified head (lexicon qualified_heads) takes the kind named last before it in the sentence."""
    for m in ms:  # 加快发展新型储能，…，新开工装机1000万千瓦: the storage's capacity, not all generation's
        for head, kinds in lex.qualified_heads.items():
            if head in m.metric_zh and not any(k in m.metric_zh for k in kinds):
                sentence_before = text[s0:m.s]
                found = max(((sentence_before.rfind(k) + len(k), len(k), k) for k in kinds if k in sentence_before),
                            default=None)
                if found and not _own_head(lex, text, s0 + found[0], m, head):
                    m.metric_zh = found[2] + m.metric_zh
                    m.subject = lex.growth_re.sub("", m.metric_zh)
                break


def _own_head(lex, text: str, kind_end: int, m, head: str) -> bool:
    """Does a qualified head keep its own words against a kind named in an earlier clause? Across a clause
    boundary (，；) the kind is borrowed only when the words before the head are none, list verbs or open words
    (lexicon qualified_head_open_words: 新开工装机, 并网装机); 电力总装机 names its own measured head."""
    if not re.search(r"[，,；;。]", text[kind_end:m.s]):
        return False
    # an item of a list of other measures (原油加工量、天然气产量、发电量分别增长…) is named by its list, not by a
    # kind of an earlier clause (绿电装机…，): unless the list's items are all of that head (新开工装机、并网装机)
    items = re.split(r"\d", text[m.clause[0]:m.s], maxsplit=1)[0].split("、")
    if len(items) > 1 and any(head not in item for item in items):
        return True
    before = m.metric_zh[:m.metric_zh.find(head)]
    while before:
        verb = lex.list_verb_re.match(before)
        word = next((w for w in lex.qualified_head_open_words if before.startswith(w)), "")
        step = max(verb.end() if verb else 0, len(word))
        if not step:
            return True
        before = before[step:]
    return False


def _from_neighbours(lex, text: str, ms, i: int, s0: int) -> None:
    """One mention's name from its neighbours: a rank, a comparison, a bare word, a share or a milestone."""
    m = ms[i]
    if m.rank:
        _rank_name(lex, text, ms, i, s0)
    prev = ms[i - 1] if i and ms[i - 1].clause[0] >= s0 else None
    thing = lex.growth_re.sub("", prev.subject) if prev is not None else ""  # what the number before measures
    cmp_ = extraction_words().comparison_only_re.match(m.metric_zh)
    milestone = m.metric_zh.strip("、，,") in lex.milestone_nouns  # 迈上3万亿元台阶: a level of the thing
    if milestone:
        m.metric_zh = ""
    if thing and (cmp_ or (len(m.metric_zh) < 2 and not m.rank)):
        # 增长5.6%、高于全国0.2个百分点: the comparison of the number before (it stays the subject)
        if not m.metric_zh.startswith(thing):
            m.metric_zh = thing + m.metric_zh
        m.subject = thing
        return
    bare = lex.growth_re.sub("", m.metric_zh)
    verb = lex.list_verb_re.match(bare)
    if verb and bare[verb.end():] in extraction_words().bare_words:
        bare = bare[verb.end():]  # a list verb carried over to a bare word (实施…、总投资)
    if bare in extraction_words().bare_words or (not bare and m.metric_zh):
        # 地区生产总值增长5.8%、增速全国第3，总量达到60013亿元: the owner named last in the sentence;
        # 实施重大项目300个、总投资1200亿元: else the thing of the number before
        own_words = max(s0, m.s - m.prefix_len - len(m.metric_zh))  # the owner comes before the name's own words
        owners = list(lex.owner_re.finditer(text, s0, own_words))
        owner = owners[-1].group() if owners else ""
        if not owner and thing:
            owner = lex.list_verb_re.sub("", thing, count=1) if lex.list_verb_re.match(thing) else thing
        if owner and owner not in m.metric_zh:
            m.metric_zh = owner + (m.metric_zh[m.metric_zh.index(bare):] if bare else m.metric_zh)
            m.subject = lex.growth_re.sub("", m.metric_zh)
        return
    share_of = bare.startswith(extraction_words().share_of_starts) and bare.endswith(tuple(extraction_words().share_heads))  # 占地区生产总值比重
    if (bare in extraction_words().share_heads or share_of) and thing and prev is not None and (prev.clause == m.clause or share_of) \
            and not m.metric_zh.startswith(thing):
        # 新能源汽车年产量增至82万辆、占比达到45%: the share of the thing counted just before
        m.metric_zh = thing + m.metric_zh
        m.subject = lex.growth_re.sub("", m.metric_zh)
        return
    if milestone:
        owner = lex.owner_re.search(text, max(s0, m.clause[0] - T.OWNER_LOOKBACK_CHARS), m.s)
        m.metric_zh = owner.group() if owner else m.metric_zh
        m.subject = m.metric_zh
        return
    if bare in extraction_words().bare_heads and bare:
        owner = lex.owner_re.search(text, max(s0, m.clause[0] - T.OWNER_LOOKBACK_CHARS), m.s)
        if owner and owner.group() not in m.metric_zh:
            m.metric_zh = owner.group() + m.metric_zh
            m.subject = lex.growth_re.sub("", m.metric_zh)

def _rank_name(lex, text: str, ms, i: int, s0: int) -> None:
    """The name of a rank: the thing counted just before it, else the clause before."""
    m = ms[i]
    name = extraction_words().rank_tail_re.sub("", m.metric_zh)
    before = ms[i - 1] if i and ms[i - 1].clause[0] >= s0 else None
    head = extraction_words().rank_after_re.fullmatch(text, before.tail, m.s - m.prefix_len) if before is not None else None
    if head and before is not None and not before.rank and len(before.subject) >= 2 and extraction_words().rank_tail_re.fullmatch(head.group(2)):
        # 旅客吞吐量突破9000万人次、居全国第3位; 外商直接投资…149.6亿美元、总规模居中西部第1位:
        # the rank of the thing counted just before (of its total when the gap names one)
        growth = lex.growth_re.search(before.metric_zh)  # 增长5%、居全国第3位: the rank of the rate
        name = lex.growth_re.sub("", before.subject) + (head.group(1) or (extraction_words().growth_rate_word if growth else ""))
    if len(name) < 2 and i and ms[i - 1].clause == m.clause and not ms[i - 1].rank and ms[i - 1].metric_zh \
            and not re.search(r"[，,；;。、]", text[ms[i - 1].tail:m.s]):
        name = ms[i - 1].metric_zh  # 14种农产品产量居全国第1位: the thing counted just before
    if len(name) < 2:  # 新增本外币贷款…，居全国第一: the ranked thing is the clause before
        prev = text[s0:m.clause[0]].rstrip("，,；;：: ")
        prev = strip_name(lex, re.split(r"[，,；;：:、]", prev)[-1]) if prev else ""
        prev = extraction_words().numbers_re.sub("", prev).strip(extraction_words().list_chars)
        name = prev[-T.PREVIOUS_NAME_CHARS:] if len(prev) >= 2 else name
    m.metric_zh = name or m.metric_zh
    if len(m.metric_zh) < 2 and i and ms[i - 1].subject:
        m.metric_zh = lex.growth_re.sub("", ms[i - 1].subject) + extraction_words().rank_word


def _implied_respectively(lex, text: str, ms, group, left: str) -> tuple[str, str] | None:
    """农村自来水、卫生户厕普及率超过98%、85%: no 分别, but as many list items before the numbers as numbers
    joined by the list comma alone, so the n-th number is the n-th item's: (the items, the verb after them)."""
    if any(text[a.tail:b.s - b.prefix_len] != extraction_words().list_comma for a, b in zip(group, group[1:])):
        return None
    grow = [g for g in lex.growth_re.finditer(left) if len(left) - g.end() <= extraction_words().implied_verb_gap]
    before = left[:grow[-1].start()] if grow else left
    cs = group[0].clause[0]
    others = any(cs <= o.s < group[0].s for o in ms if o not in group)
    items = before.split(extraction_words().list_comma)
    if others or len(items) != len(group) or min(map(len, items[:-1])) <= 2:
        return None  # another number before, or parallel short words (原煤、原油、天然气产量) it cannot part
    return before, left[grow[-1].start():] if grow else ""


def respectively(lex, text: str, ms) -> None:
    """分别: 'A、B分别增长3.5倍和2.5倍' names the two numbers A增长 and B增长 (also 粮肉奶产量)."""
    for group in list_groups(text, ms):
        first = group[0]
        cs, _ = first.clause
        left = text[cs:first.s]
        k = left.find(extraction_words().respectively)
        if len(group) < 2:
            continue
        if k < 0:
            implied = _implied_respectively(lex, text, ms, group, left)
            if implied is None:
                continue
            before, verb_text = implied
        else:
            before = left[:k]
            verb_text = left[k + len(extraction_words().respectively):]
        filler = next((f for f in lex.concept_fillers
                       if before.endswith(f)), "")  # 城乡居民人均可支配收入年均分别增长: 年均 goes with the verb
        subject = strip_name(lex, before[:len(before) - len(filler)], cap=False)
        verb = lex.growth_re.search(verb_text)
        verb = verb.group() if verb else ""
        verb = filler + verb if verb and filler and not verb.startswith(filler) else verb
        n = len(group)
        items = [x for x in subject.split("、") if x]  # 普及率, 租赁和商务服务业: 和/及 only when needed
        if len(items) != n:
            items = [x for x in extraction_words().item_split_re.split(subject) if x]
        if len(items) == 1 and len(items[0]) > n:
            word = items[0]
            pair = next((k for k in lex.respectively_pairs if word.startswith(k)), None)
            if pair and len(lex.respectively_pairs[pair]) == n:
                items = [x + word[len(pair):] for x in lex.respectively_pairs[pair]]  # 城乡居民 -> 城镇居民, 农村居民
            else:
                items = [c + word[n:] for c in word[:n]]
        short = {len(x) for x in items[:-1]}
        if len(items) == n and n > 1 and len(short) == 1 and min(short) <= 2 and len(items[-1]) > min(short) + 1:
            # 一、二、三产业增加值 -> 一产业增加值 …; 城镇、农村居民人均可支配收入 -> 城镇居民人均可支配收入 …;
            # 刑事、治安案件 -> 刑事案件, 治安案件: parallel words share the rest of the last item
            tail = items[-1][min(short):]
            deng = extraction_words().examples_word
            if tail.startswith(deng) and len(tail) > len(deng) + 1 and not any(
                    items[-1].startswith(w, min(short) - w.find(deng)) for w in lex.example_not_deng if deng in w):
                for m in group:  # 食品、石化、医药、信息等产业增加值分别增长…: 等 closes the list (name_form: 食品产业增加值)
                    m.deng_at = min(short)
            items = [x + tail for x in items[:-1]] + [items[-1]]
        if len(items) != n:
            continue
        shared = lex.shared_owner_heads
        own = next((h for h in sorted(shared, key=len, reverse=True) if items[0].endswith(h) and len(items[0]) > len(h) + 1), "")
        if own and all(x in shared for x in items[1:]):
            owner = items[0][:-len(own)]  # 生产安全事故起数、死亡人数: the deaths of the accidents
            items = [items[0]] + [owner + x for x in items[1:]]
        head = next((h for h in lex.metric_heads if items[-1].endswith(h) and len(items[-1]) > len(h)), "")
        for m, item in zip(group, items):
            if head and not item.endswith(head) and not item.endswith(lex.measure_endings):
                item += head  # 农村生活污水治理率 has a measure of its own
            m.subject = item
            m.metric_zh = item + verb
            m.distributed = True


def borrow(lex, text: str, ms) -> None:
    """A number whose clause names no subject ('增长18.6%和23.4%') takes the subjects before it."""
    groups = list_groups(text, ms)
    prev: list = []
    for gi, group in enumerate(groups):
        names = [m.metric_zh for m in group]
        bare = all(not n or lex.growth_re.fullmatch(n) or n in extraction_words().bare_rank_names for n in names)
        if not bare or gi == 0:
            prev.extend(group)
            continue
        donors = prev[-len(group):] if len(prev) >= len(group) and len(group) > 1 else [prev[-1]] * len(group)
        prev.extend(group)
        for m, d in zip(group, donors):
            verb = m.metric_zh if lex.growth_re.fullmatch(m.metric_zh or "-") else ""
            suffix = extraction_words().rank_word if m.rank else verb
            m.subject = d.subject
            if m.s > d.tail and extraction_words().total_gap_re.match(text, d.tail, m.s):
                # 新入选国家5G工厂113家、累计210家: the total of the same thing, not an addition
                lead = next((w for w in lex.addition_prefixes
                             if d.subject.startswith(w) and len(d.subject) >= len(w) + 2), "")
                m.subject = d.subject[len(lead):]
            m.metric_zh = m.subject + suffix
