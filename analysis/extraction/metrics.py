"""Naming and placing a quantity: metric_zh from the sentence, metric_en from the glossary, sectors."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..language import concepts, lexicon


def _w():
    """The words and patterns of lexicon.yaml `extraction`, compiled by the lexicon."""
    return lexicon.load().extraction


# The Chinese words and patterns of naming (measure nouns, list connectors, rank and share words …) are
# lexicon.yaml `extraction` (the keys after "naming a quantity"), read through _w().
_QUOTES = str.maketrans("", "", "“”\"「」『』")
_COUNT_DIMS = {"count", "person"}
_GENERIC_MEASURE = {"level": "amount", "growth": "growth", "share": "share", "rank": "rank"}


_UNIT_NOTE = re.compile(r"^[（(][^）)]{0,6}[）)]、?")  # （辆）、惠及消费者: the unit note of the number before
_NOTE_AT = re.compile(r"[（(][^）)]{0,6}[）)]")
_NOTE_CLOSE = re.compile(r"[（(][^）)，,。；;]{1,6}[）)]")


def _plain_len(s: str) -> int:
    """The length of a name without what adds no word to it: a note in brackets (（PM2.5）) and the
    threshold words of 二级及以上 (a name of 18 such characters is not cut)."""
    return len(_w().note_or_threshold_re.sub("", s))


def _strip(lex, s: str, cap: bool = True) -> str:
    """A metric name from the words before a number: qualifiers, fillers, years, verbs and list
    numbering removed; cut to its head when long (cap)."""
    s = _w().year_words_re.sub("", _w().lead_re.sub("", _UNIT_NOTE.sub("", s.translate(_QUOTES))).strip())
    s = lex.comparison_re.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = lex.strip_prefix_re.sub("", s)
        s = lex.strip_suffix_re.sub("", s)
        s = lex.prefix_q_re.sub("", s)
        s = _w().lead_re.sub("", s)
    if not cap:
        return s
    if len(s) > 8:
        # "对已经谋划的重点工业项目": the head after the last 的 names the thing (not a bare 比例)
        cut = s.rfind(_w().of_word, 0, len(s) - 2)
        if cut >= 3 and s[cut + 1:] not in _w().bare_heads:
            s = s[cut + 1:]
    if 18 < len(s) <= 26 and _w().share_of_re.search(s):
        return s  # 全社会研发经费支出相当于全市生产总值的比例: a share names what and of what
    if 18 < _plain_len(s) <= 24 and _w().pair_re.fullmatch(s):
        return s  # 国家生态文明建设示范区和两山实践创新基地57个: one number counts the pair, named whole
    opening = lex.list_verb_re.match(s)  # 建成各级各类概念验证中心和中试熟化平台: the verb says it is an addition
    if _plain_len(s) - (len(opening.group()) if opening else 0) > 18:
        cut = s.rfind(_w().examples_word, 0, len(s) - 2)
        if cut >= 0:
            s = s[cut + 1:]
        else:
            verb = lex.list_verb_re.search(s)  # 提请…制定修改废止地方性法规: start at the verb
            if verb and len(s) - verb.start() >= 4:
                s = s[verb.start():]
        if _plain_len(s) > 18:  # the last item of a list, or the tail from a word boundary, never a clipped word
            last = re.split(r"[、，,]", s)[-1]
            s = last if len(last) >= 4 else s[-18:]
            if len(s) > 18:
                m = _w().word_start_re.search(s, len(s) - 18)
                at = m.start() if m else len(s) - 18
                if s.startswith(_w().threshold_words, at) and s[at - 1:at] == _w().threshold_and:
                    at = max(0, at - 3)  # 二级及以上公立医疗机构: the threshold whole
                s = s[at:]
    return s


def _trailing_verb(lex, s: str) -> str:
    m = lex.trailing_verb_re.search(s)
    return m.group() if m else ""


def _list_verb(lex, s: str) -> str:
    m = lex.list_verb_re.match(s)
    return m.group() if m else ""


def _right_noun(text: str, pos: int, end: int, lex=None) -> str:
    noun = _right_span(text, pos, end)
    if lex is None or len(noun) < 3:
        return noun
    # 共建重点项目完成投资, 集群获评国家先进制造业集群: the noun ends where its predicate starts;
    # 亿元以上项目建设: nor is the closing action part of it (lexicon counted_noun_predicates, counted_noun_end_words)
    at, ends = _noun_cut(lex)
    cut = at.search(noun, 2)
    if cut and noun[:cut.start()] not in _w().bare_words:  # 4家企业入选…: a bare 企业 would say nothing
        noun = noun[:cut.start()]
    tail = ends.search(noun)
    keep = lex.counted_noun_end_words.get(tail.group(), "") if tail else ""
    return noun[:tail.start()] + keep if tail and tail.start() >= 2 else noun


def _noun_cut(lex) -> tuple[re.Pattern, re.Pattern]:
    return lex.noun_cut_re, lex.noun_end_re


def _right_span(text: str, pos: int, end: int) -> str:
    age = _w().age_re.match(text, pos, end)  # 40万3岁以下婴幼儿: the age is part of the noun
    if age:
        stop = _w().right_stop_re.search(text, age.end(), end)
        noun = text[pos:(stop.start() if stop else end)]
        return noun[:14].translate(_QUOTES)
    note = _NOTE_AT.match(text, pos, end)  # 2.5万套（间）城市危旧房: the unit's note is no part of the noun
    if note:
        pos = note.end()
    stop = _w().right_stop_re.search(text, pos, end)
    if stop and stop.start() == pos and text.startswith(lexicon.load().zai_nouns, pos):
        stop = _w().right_stop_re.search(text, pos + 1, end)  # 9条在建高速公路: 在建 describes the noun, no place follows
    while stop and stop.group() in "（(":  # 县（市、区）: a short note inside the noun stays
        close = _NOTE_CLOSE.match(text, stop.start(), end)
        if not close:
            break
        stop = _w().right_stop_re.search(text, close.end(), end)
    noun = text[pos:(stop.start() if stop else end)]
    return noun[:20].translate(_QUOTES)


def _groups(text: str, ms) -> list[list]:
    """Runs of mentions joined only by a list connector (、和及与)."""
    groups, cur = [], [ms[0]]
    for a, b in zip(ms, ms[1:]):
        if b.clause == a.clause and _w().list_gap_re.fullmatch(text[a.tail:b.s - b.prefix_len]):
            cur.append(b)
        else:
            groups.append(cur)
            cur = [b]
    groups.append(cur)
    return groups


def name_mentions(lex, text: str, ms, s0: int, e0: int) -> None:
    """Set metric_zh and subject of every mention of one sentence."""
    tm = _w().topic_re.match(text[s0:e0])
    topic = _w().time_words_re.sub("", (tm.group(1) or "") if tm else "")
    topic = topic if 2 <= len(topic) <= 8 else ""
    head_verb = ""
    right_end = -1  # where the previous mention's counted noun ended ("5个点位36项重点任务")
    prev_right = ""
    for i, m in enumerate(ms):
        cs, ce = m.clause
        lstart = cs
        cont = False
        if i and ms[i - 1].clause == m.clause:
            lstart = max(ms[i - 1].tail, right_end if right_end <= m.s else -1)
            cont = text[lstart:m.s].startswith(_w().list_continue)
        left_raw = text[lstart:m.s - m.prefix_len]
        if lstart > cs:
            # 外贸进出口在对美贸易下降超3成的情况下增长12%: the inserted circumstance is no part of the name
            circ = _circumstance(lex).match(left_raw)
            at = text.rfind(_w().circumstance_word, cs, lstart)
            if circ and at >= 0:
                left_raw = text[cs:at] + left_raw[circ.end():]
        if i and lstart == ms[i - 1].tail and _w().and_above_re.match(left_raw):
            left_raw = text[ms[i - 1].s:lstart] + left_raw  # 500千伏及以上输电线路: the threshold is part of the name
        left = _strip(lex, left_raw)
        if prev_right and lstart == right_end and left in _w().bare_words:
            left = prev_right + left  # 810个省重点项目完成投资10428.6亿元: the investment of the projects just counted
        if lstart > cs and "、" in left and lex.growth_re.fullmatch(left.rsplit("、", 1)[-1]):
            left = left.rsplit("、", 1)[-1]  # 生产总值达到5.53万亿元、稳居全国前十强、增长4.8%: the growth of the same thing
        verb = _list_verb(lex, left)
        if not cont:
            head_verb = verb
        elif head_verb and not verb and left and not lex.growth_re.fullmatch(left) and not _w().measure_noun_re.search(left) \
                and left_raw.lstrip(_w().list_chars).translate(_QUOTES).startswith(left[:2]):  # not 、带动综合消费 (its own verb)
            left = head_verb + left  # 净增科技型中小企业853家、高新技术企业97家 (but not 新增并网…、发电量…)
        dim = lex.units.get(m.unit, {}).get("dim", "") if m.unit else ("count" if not m.mag else "person")
        bare_verb = bool(left) and lex.list_verb_re.fullmatch(left) is not None  # 建设1500万亩小麦: the noun follows
        right = _right_noun(text, m.tail, ce, lex) if (dim in _COUNT_DIMS or not m.unit or not left or bare_verb) else ""
        of = _w().of_word
        right = right[len(of):] if right.startswith(of) and not left else ("" if right.startswith(of) else right)
        right = right if len(right) >= 2 and not (left and right in lex.milestone_nouns) else ""  # 突破5万关口
        if right:
            tv = _trailing_verb(lex, left)
            if tv and len(left) > 4:
                name = tv + right
            elif left.endswith(_w().examples_word):
                name = (verb or "") + right  # 油菜籽等14种农产品: the examples are no part of the name
            elif "、" in left or _w().list_end_re.search(left):
                name = right  # 沈阳航空、沈大工业母机、大盘绿色石化3个集群: the list names the members, the noun what is counted
                name = verb + name if verb in lex.addition_prefixes else name  # 新增甲、乙2个集群: still new
            elif not left and cont and head_verb in lex.addition_prefixes:
                name = head_verb + right  # 新增1个集群、8家企业: the list's addition holds for every item
            elif not left or len(left) <= 4:
                name = left + right
            else:
                name = left + right if len(left) + len(right) <= 16 else left
        elif bare_verb and cont and ms[i - 1].subject and not lex.growth_re.fullmatch(left):
            prev = ms[i - 1].subject  # 新建高标准农田20万亩、改造提升5万亩: the same land, another action
            name = left + prev[len(_list_verb(lex, prev)):]
        else:
            name = left.rstrip(_w().examples_word)
        if len(name) > 8:
            cut = name.rfind(_w().of_word, 0, len(name) - 2)
            name = name[cut + 1:] if cut >= 3 and name[cut + 1:] not in _w().bare_heads else name  # not a bare 比例
        if i and ms[i - 1].tail == m.s and not left:
            name = ms[i - 1].metric_zh  # 1金1银: one metric, two numbers
        elif topic and name and not any(topic[k:k + 2] in name for k in range(len(topic) - 1)) \
                and (len(name) <= 2 or name.startswith(_w().topic_owned_starts)
                     or (m.rank and (topic.endswith(_w().firm_words) or lex.keyword_re.fullmatch(topic)))):
            # "<industry>要…，力争全产业链产值突破1300亿元", "<company>集团要…，力争营收达到1200亿元":
            # the topic of the sentence owns a metric that does not name its owner
            name = name if name in topic else topic + name
            name = topic if name.endswith(topic) and len(name) > len(topic) and name[:-len(topic)] in topic else name
        right_end = m.tail + len(right) if right and text.startswith(right, m.tail) else -1
        prev_right = right if right_end >= 0 else ""
        m.metric_zh = name
        m.subject = lex.growth_re.sub("", _w().added_end_re.sub("", name))  # 进出川大通道新增…、达到54条: the thing
    _respectively(lex, text, ms)
    _borrow(lex, text, ms)
    _inherit(lex, text, ms, s0)
    milestones = _milestone(lex)
    for m in ms:  # 转移支付规模规模增长: a word said twice is said once; 连跨千亿台阶 is no part of a name
        name = _REPEAT.sub(r"\1", milestones.sub("", m.metric_zh))
        bare_milestone = _milestone_nouns(lex).sub("", name).strip("、，,")  # 生产总值台阶年均增长: 台阶 of a clause before
        name = bare_milestone if bare_milestone != name and len(lex.growth_re.sub("", bare_milestone)) >= 2 else name
        name = _w().open_end_re.sub("", name) if len(name) > 3 else name  # 引领性改革和14项: the list goes on, the name ends
        m.metric_zh = _trim_actions(lex, name) if len(name) >= 2 else m.metric_zh
        m.subject = _REPEAT.sub(r"\1", milestones.sub("", m.subject))
    _owned(lex, ms)
    _purpose(lex, text, ms)
    _selected(lex, text, ms)


def _selected(lex, text: str, ms) -> None:
    """8所高校14个学科入选国家第二轮“双一流”建设名单: a bare counted noun (glossary.yaml unsure_names bare)
    whose clause ends in a selection (lexicon selection_predicates) and what was reached is named by it
    (入选国家第二轮双一流建设名单的高校); a circumstance before the predicate (在国际可比领域) is left out."""
    bare = set(lexicon.glossary()["unsure_names"].get("bare", ()))
    rx, verbs = lex.selected_re, lex.selection_predicates
    for m in ms:
        # 5个项目获批国家标准化试点: the bare noun is named with its predicate whole, not the noun and the predicate run on
        head = next((b for b in bare if m.metric_zh.startswith(b) and m.metric_zh[len(b):].startswith(verbs)), m.metric_zh)
        if head not in bare or not text.startswith(head, m.tail):
            continue
        p = rx.fullmatch(text, m.tail + len(head), m.clause[1])
        if p:
            m.metric_zh = f"{p.group(1)}{p.group(2).translate(_QUOTES)}{_w().of_word}{head}"


def _owned(lex, ms) -> None:
    """全省地方国企资产总额增长116.2%，营业总收入、利润总额分别增长97.3%、27.7%: a head of accounts alone
    (lexicon owned_heads) after a number named by an owner and such a head is the same owner's."""
    heads = lex.owned_heads
    owner = ""
    for m in ms:
        subject = _w().years_after_re.sub("", lex.growth_re.sub("", m.subject or m.metric_zh))  # 利润总额五年
        if subject in heads and owner:
            m.metric_zh, m.subject = owner + m.metric_zh, owner + (m.subject or subject)
            continue
        head = next((h for h in heads if subject.endswith(h) and len(subject) >= len(h) + 2), "")
        owner = subject[:-len(head)] if head else ""


def _purpose(lex, text: str, ms) -> None:
    """安排超长期特别国债3000亿元支持消费品以旧换新: a sum of money followed by what it is for (lexicon
    purpose_verbs) is the part of the named money given to it: 支持消费品以旧换新的超长期特别国债."""
    cat = concepts.catalogue()

    def longest(s: str) -> int:  # the longest catalogue name in s (the one that gives the concept)
        return max((len(x.group(1)) for x in cat.name_re.finditer(concepts.normalise(s))), default=0)

    rx = lex.purpose_re
    for m in ms:
        if lex.units.get(m.unit, {}).get("dim") != "money" or m.kind == "context" or len(m.metric_zh) < 2:
            continue
        p = rx.match(text, m.tail, m.clause[1])
        if not p or p.group(2) in m.metric_zh or lex.growth_re.search(m.metric_zh):
            continue
        purpose = p.group(2).translate(_QUOTES)
        if 0 < longest(purpose) >= longest(m.metric_zh):
            continue  # 消费券…用于餐饮消费: the purpose would name the concept, not the money
        m.metric_zh = f"{p.group(1)}{purpose}{_w().of_word}{m.metric_zh}"


def _trim_actions(lex, name: str) -> str:
    """The name without the action verbs that open it and the words that close it with what happened
    (lexicon metric_action_verbs, metric_end_words), as long as a noun of three characters or more stays."""
    start, end = _action_res(lex)

    def trim(name: str) -> str:
        prev = None
        while prev != name:
            prev = name
            for rx in (start, end):
                cut = rx.sub("", name, count=1)
                bare = lex.growth_re.sub("", cut)
                if len(bare) >= 3 and bare not in _w().bare_heads and bare not in _w().bare_words:
                    name = cut
        return name

    name = _without_examples(lex, trim(name))
    if name.endswith(_w().of_word) and len(name) >= 4:  # 冻鳟鱼出口占全国同类产品出口总值的: a name never ends in 的
        name = name[:-len(_w().of_word)]
    dashes = _w().range_dash_chars
    name = name.lstrip(dashes) if len(name.lstrip(dashes)) >= 2 else name  # 1—2个主导产业: nor starts with the range's dash
    cut = _predicate(lex).search(name, 3)  # 受灾中小学全部按期开学: the name ends where a predicate starts
    if cut and len(lex.growth_re.sub("", name[:cut.start()])) >= 3:
        name = name[:cut.start()]
    growth = lex.growth_re.search(name)
    if growth and growth.start() >= 3:  # 服务贸易预计增长: closing words before the growth word
        name = trim(name[:growth.start()]) + growth.group()
    return name


def _without_examples(lex, name: str) -> str:
    """新增甲公司、乙公司等科技型企业: the class after the examples, with the list verb that opens the name
    (lexicon example_class_heads: a class that needs its examples keeps them)."""
    deng_word = _w().examples_word
    deng = [m.start() for m in re.finditer(re.escape(deng_word), name)
            if not any(name.startswith(w, m.start() - w.index(deng_word)) for w in lex.example_not_deng)]
    if not deng or "、" not in name[:deng[-1]]:
        return name
    rest, lead = name[deng[-1] + len(deng_word):], _list_verb(lex, name)
    # a short class alone (综合治理, 服务机构) says less than with its examples
    if (len(lex.growth_re.sub("", rest)) < (3 if lead else 5) or rest in _w().bare_heads or rest in _w().bare_words
            or rest.startswith(lex.example_class_heads)):
        return name
    return lead + rest


def _predicate(lex) -> re.Pattern:
    return lex.predicate_re


def _action_res(lex) -> tuple[re.Pattern, re.Pattern]:
    return lex.action_start_re, lex.action_end_re


_REPEAT = re.compile(r"([\u4e00-\u9fff]{2,6})\1")


def _milestone_nouns(lex) -> re.Pattern:
    return lex.milestone_nouns_re


def _milestone(lex) -> re.Pattern:
    return lex.milestone_re


def _circumstance(lex) -> re.Pattern:
    return lex.circumstance_re


def _inherit(lex, text: str, ms, s0: int) -> None:
    """Names that only the sentence gives: the high end of a range or the end of 由X…至Y takes the
    name of the number before it (5%—5.5%, 从53.2%提升到57.7%, 增长7%以上、力争达到8%); a bare head
    (产量, 总量, 总产) takes the owner named earlier in the sentence (粮食播种面积…、产量 -> 粮食产量)."""
    for a, b in zip(ms, ms[1:]):
        gap = text[a.tail:b.s - b.prefix_len]
        if b.clause[0] == a.clause[0] and a.metric_zh and len(b.metric_zh) < 2 and (
                gap in _w().list_gaps or (b.rank and a.rank)):
            b.metric_zh, b.subject = a.metric_zh, a.subject  # 815元和615元; 从第13位升至第5位
            added = _w().added_end_re.search(a.metric_zh)
            if added and added.start() >= 2 and gap in ("、", "，", ""):
                # 铁路运营里程新增1700公里、突破7000公里: the total, not the addition
                b.metric_zh = b.subject = a.metric_zh[:added.start()]
            continue
        if b.clause[0] == a.clause[0] and _w().to_gap_re.match(text[a.tail:b.s - b.prefix_len]) \
                and a.metric_zh and (not b.metric_zh or b.metric_zh in _w().bare_heads
                                     or len(lex.growth_re.sub("", b.metric_zh)) <= 1 or lex.year_word in b.metric_zh):
            b.metric_zh, b.subject = a.metric_zh, a.subject
    for m in ms:  # 加快发展新型储能，…，新开工装机1000万千瓦: the storage's capacity, not all generation's
        for head, kinds in lex.qualified_heads.items():
            if head in m.metric_zh and not any(k in m.metric_zh for k in kinds):
                sentence_before = text[s0:m.s]
                found = max(((sentence_before.rfind(k) + len(k), len(k), k) for k in kinds if k in sentence_before),
                            default=None)
                if found:
                    m.metric_zh = found[2] + m.metric_zh
                    m.subject = lex.growth_re.sub("", m.metric_zh)
                break
    for i, m in enumerate(ms):
        if m.rank:
            name = _w().rank_tail_re.sub("", m.metric_zh)
            before = ms[i - 1] if i and ms[i - 1].clause[0] >= s0 else None
            head = _w().rank_after_re.fullmatch(text, before.tail, m.s - m.prefix_len) if before is not None else None
            if head and before is not None and not before.rank and len(before.subject) >= 2 and _w().rank_tail_re.fullmatch(head.group(2)):
                # 旅客吞吐量突破9000万人次、居全国第3位; 外商直接投资…149.6亿美元、总规模居中西部第1位:
                # the rank of the thing counted just before (of its total when the gap names one)
                growth = lex.growth_re.search(before.metric_zh)  # 增长5%、居全国第3位: the rank of the rate
                name = lex.growth_re.sub("", before.subject) + (head.group(1) or (_w().growth_rate_word if growth else ""))
            if len(name) < 2 and i and ms[i - 1].clause == m.clause and not ms[i - 1].rank and ms[i - 1].metric_zh \
                    and not re.search(r"[，,；;。、]", text[ms[i - 1].tail:m.s]):
                name = ms[i - 1].metric_zh  # 14种农产品产量居全国第1位: the thing counted just before
            if len(name) < 2:  # 新增本外币贷款…，居全国第一: the ranked thing is the clause before
                prev = text[s0:m.clause[0]].rstrip("，,；;：: ")
                prev = _strip(lex, re.split(r"[，,；;：:、]", prev)[-1]) if prev else ""
                prev = _w().numbers_re.sub("", prev).strip(_w().list_chars)
                name = prev[-12:] if len(prev) >= 2 else name
            m.metric_zh = name or m.metric_zh
            if len(m.metric_zh) < 2 and i and ms[i - 1].subject:
                m.metric_zh = lex.growth_re.sub("", ms[i - 1].subject) + _w().rank_word
        prev = ms[i - 1] if i and ms[i - 1].clause[0] >= s0 else None
        thing = lex.growth_re.sub("", prev.subject) if prev is not None else ""  # what the number before measures
        cmp_ = _w().comparison_only_re.match(m.metric_zh)
        milestone = m.metric_zh.strip("、，,") in lex.milestone_nouns  # 迈上3万亿元台阶: a level of the thing
        if milestone:
            m.metric_zh = ""
        if thing and (cmp_ or (len(m.metric_zh) < 2 and not m.rank)):
            # 增长5.6%、高于全国0.2个百分点: the comparison of the number before (it stays the subject)
            if not m.metric_zh.startswith(thing):
                m.metric_zh = thing + m.metric_zh
            m.subject = thing
            continue
        bare = lex.growth_re.sub("", m.metric_zh)
        verb = lex.list_verb_re.match(bare)
        if verb and bare[verb.end():] in _w().bare_words:
            bare = bare[verb.end():]  # a list verb carried over to a bare word (实施…、总投资)
        if bare in _w().bare_words or (not bare and m.metric_zh):
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
            continue
        share_of = bare.startswith(_w().share_of_starts) and bare.endswith(tuple(_w().share_heads))  # 占地区生产总值比重
        if (bare in _w().share_heads or share_of) and thing and (prev.clause == m.clause or share_of) \
                and not m.metric_zh.startswith(thing):
            # 新能源汽车年产量增至82万辆、占比达到45%: the share of the thing counted just before
            m.metric_zh = thing + m.metric_zh
            m.subject = lex.growth_re.sub("", m.metric_zh)
            continue
        if milestone:
            owner = lex.owner_re.search(text, max(s0, m.clause[0] - 40), m.s)
            m.metric_zh = owner.group() if owner else m.metric_zh
            m.subject = m.metric_zh
            continue
        if bare in _w().bare_heads and bare:
            owner = lex.owner_re.search(text, max(s0, m.clause[0] - 40), m.s)
            if owner and owner.group() not in m.metric_zh:
                m.metric_zh = owner.group() + m.metric_zh
                m.subject = lex.growth_re.sub("", m.metric_zh)


def _implied_respectively(lex, text: str, ms, group, left: str) -> tuple[str, str] | None:
    """农村自来水、卫生户厕普及率超过98%、85%: no 分别, but as many list items before the numbers as numbers
    joined by the list comma alone, so the n-th number is the n-th item's: (the items, the verb after them)."""
    if any(text[a.tail:b.s - b.prefix_len] != _w().list_comma for a, b in zip(group, group[1:])):
        return None
    grow = [g for g in lex.growth_re.finditer(left) if len(left) - g.end() <= _w().implied_verb_gap]
    before = left[:grow[-1].start()] if grow else left
    cs = group[0].clause[0]
    others = any(cs <= o.s < group[0].s for o in ms if o not in group)
    items = before.split(_w().list_comma)
    if others or len(items) != len(group) or min(map(len, items[:-1])) <= 2:
        return None  # another number before, or parallel short words (原煤、原油、天然气产量) it cannot part
    return before, left[grow[-1].start():] if grow else ""


def _respectively(lex, text: str, ms) -> None:
    """分别: 'A、B分别增长3.5倍和2.5倍' names the two numbers A增长 and B增长 (also 粮肉奶产量)."""
    for group in _groups(text, ms):
        first = group[0]
        cs, _ = first.clause
        left = text[cs:first.s]
        k = left.find(_w().respectively)
        if len(group) < 2:
            continue
        if k < 0:
            implied = _implied_respectively(lex, text, ms, group, left)
            if implied is None:
                continue
            before, verb_text = implied
        else:
            before = left[:k]
            verb_text = left[k + len(_w().respectively):]
        filler = next((f for f in lex.concept_fillers
                       if before.endswith(f)), "")  # 城乡居民人均可支配收入年均分别增长: 年均 goes with the verb
        subject = _strip(lex, before[:len(before) - len(filler)], cap=False)
        verb = lex.growth_re.search(verb_text)
        verb = verb.group() if verb else ""
        verb = filler + verb if verb and filler and not verb.startswith(filler) else verb
        n = len(group)
        items = [x for x in subject.split("、") if x]  # 普及率, 租赁和商务服务业: 和/及 only when needed
        if len(items) != n:
            items = [x for x in _w().item_split_re.split(subject) if x]
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


def _borrow(lex, text: str, ms) -> None:
    """A number whose clause names no subject ('增长18.6%和23.4%') takes the subjects before it."""
    groups = _groups(text, ms)
    prev: list = []
    for gi, group in enumerate(groups):
        names = [m.metric_zh for m in group]
        bare = all(not n or lex.growth_re.fullmatch(n) or n in _w().bare_rank_names for n in names)
        if not bare or gi == 0:
            prev.extend(group)
            continue
        if len(prev) >= len(group) and len(group) > 1:
            donors = prev[-len(group):]
        else:
            donors = [prev[-1]] * len(group)
        prev.extend(group)
        for m, d in zip(group, donors):
            verb = m.metric_zh if lex.growth_re.fullmatch(m.metric_zh or "-") else ""
            suffix = _w().rank_word if m.rank else verb
            m.subject = d.subject
            if m.s > d.tail and _w().total_gap_re.match(text, d.tail, m.s):
                # 新入选国家5G工厂113家、累计210家: the total of the same thing, not an addition
                lead = next((w for w in lex.addition_prefixes
                             if d.subject.startswith(w) and len(d.subject) >= len(w) + 2), "")
                m.subject = d.subject[len(lead):]
            m.metric_zh = m.subject + suffix


class KeywordHits:
    """Every sector keyword of a document, found in one scan; looked up by span."""

    def __init__(self, lex, text: str):
        found = [(m.start(), m.group()) for m in lex.keyword_re.finditer(text)]
        self.starts = [p for p, _ in found]
        self.words = [w for _, w in found]

    def between(self, s: int, e: int):
        i, j = bisect_right(self.starts, s - 1), bisect_right(self.starts, e - 1)
        return zip(self.starts[i:j], self.words[i:j])


class SectorContext:
    """Sector evidence of one sentence: keyword hits per clause, weighed by distance to a mention.

    A mention's primary sector comes from its metric name, then its own clause, then (when those
    name nothing) the nearest earlier clause of the same segment that does (the subject of the
    sentence), then nearby clauses with decaying weight, its paragraph's topic sentence and section
    title. Secondary sectors need direct evidence: a hit in the metric, the own clause or the subject
    clause, or nearby clauses adding up to a clause's weight.
    """

    DECAY = (1.0, 0.5, 0.2, 0.1)  # clause distance 0, 1, 2, 3+
    SECONDARY = 1.0

    _CLAUSE = re.compile(r"[^，,；;：:。！？!?]+[，,；;：:。！？!?]*")

    def __init__(self, lex, text: str, s0: int, e0: int, topic: str, title: str, background: dict | None = None,
                 keywords: KeywordHits | None = None):
        self.lex = lex
        self.order = lex.sector_rank
        self.clauses = [m.span() for m in self._CLAUSE.finditer(text, s0, e0)] or [(s0, e0)]
        self.starts = [a for a, _ in self.clauses]
        n = len(self.clauses)
        self.hits: list[dict] = [{} for _ in range(n)]
        self.example_hits: list[dict] = [{} for _ in range(n)]
        example_end = []
        for a, b in self.clauses:
            ex = _w().examples_re.match(text[a:b])
            example_end.append(a + ex.end() if ex else a)
        # one scan of the sentence; every hit goes to its clause (or to the clause's examples)
        sectors = lex.keyword_sectors
        hits = (keywords.between(s0, e0) if keywords is not None
                else ((m.start(), m.group()) for m in lex.keyword_re.finditer(text, s0, e0)))
        for pos, word in hits:
            ci = bisect_right(self.starts, pos) - 1
            target = self.example_hits[ci] if pos < example_end[ci] else self.hits[ci]
            for sec, w in sectors[word].items():
                if w > target.get(sec, 0.0):
                    target[sec] = w
        topic_m = _w().topic_re.match(text[s0:e0])
        self.subject = self._hits(topic_m.group(1) or topic_m.group(2)) if topic_m else {}
        # segment number of every clause (a segment ends at ；)
        self.segment, seg = [], 0
        for _a, b in self.clauses:
            self.segment.append(seg)
            if text[b - 1] in "；;":
                seg += 1
        if background is None:
            background = self.background_of(lex, topic, title)
        self.background = background

    @classmethod
    def background_of(cls, lex, topic: str, title: str) -> dict[str, float]:
        """Sector hits of a paragraph's topic sentence plus its section title (computed once a paragraph)."""
        out = cls._hits_of(lex, topic)
        for sec, w in cls._hits_of(lex, title).items():
            out[sec] = out.get(sec, 0.0) + w
        return out

    @staticmethod
    def _hits_of(lex, s: str, add: bool = False) -> dict[str, float]:
        out: dict[str, float] = {}
        for hit in lex.keyword_re.finditer(s):
            for sec, w in lex.keyword_sectors[hit.group()].items():
                out[sec] = out.get(sec, 0.0) + w if add else max(out.get(sec, 0.0), w)
        return out

    def _hits(self, s: str, add: bool = False) -> dict[str, float]:
        """Keyword weight per sector in s: the strongest hit, or the sum of hits when add."""
        return self._hits_of(self.lex, s, add)

    def _index(self, pos: int) -> int:
        return max(0, min(bisect_right(self.starts, pos) - 1, len(self.clauses) - 1))

    def classify(self, m, text: str) -> tuple[str, list[str]]:
        lex = self.lex
        ci = self._index(m.s)
        ex = _w().examples_re.match(m.metric_zh)
        metric = self._hits(m.metric_zh[ex.end():] if ex else m.metric_zh, add=True)
        dim = lex.units.get(m.unit, {}).get("dim", "")
        if dim in lex.sector_by_unit:
            sec = lex.sector_by_unit[dim]
            metric[sec] = max(metric.get(sec, 0.0), 1.0)
        own = {} if m.distributed else self.hits[ci]
        carry: dict[str, float] = {}
        if not metric and not own:
            for j in range(ci - 1, max(-1, ci - 12), -1):
                if self.segment[j] != self.segment[ci]:
                    break
                if self.hits[j]:
                    carry = self.hits[j]
                    break
        examples = self.example_hits[ci]
        near: dict[str, float] = {s: 0.5 * v for s, v in examples.items()} if examples else {}
        seg = self.segment[ci]
        decay = self.DECAY
        for j in range(max(0, ci - 8), min(len(self.hits), ci + 9)):
            hits = self.hits[j]
            if not hits or j == ci or self.segment[j] != seg:
                continue
            w = decay[min(abs(j - ci), 3)]
            for sec, v in hits.items():
                near[sec] = near.get(sec, 0.0) + w * v
        scores: dict[str, float] = {}
        for weight, src in ((4.0, metric), (2.0, own), (2.0, carry), (2.0, self.subject), (1.0, near),
                            (0.25, self.background)):
            for sec, v in src.items():
                scores[sec] = scores.get(sec, 0.0) + weight * v
        if not scores:
            return "macro", ["macro"]
        order = self.order
        ranked = sorted(scores, key=lambda s: (-scores[s], order.get(s, 99)))
        primary = ranked[0]
        direct = set(metric) | set(own) | set(carry) | set(self.subject)
        direct |= {s for s, v in near.items() if v > self.SECONDARY}
        return primary, [primary] + [s for s in ranked[1:] if s in direct]


_CHANGE_EN = re.compile(r"\b(?:growth|rate|increase|reduction|decline|decrease|rise)\b")


def english(metric_zh: str, sector: str, m, lex, concept=None) -> tuple[str, str]:
    """(English label, source): the label of the metric's concept (concepts.yaml) ("glossary"), else a
    phrase composed from glossary terms ("terms"; a share 甲占乙比重 reads "甲 as a share of 乙"), else a
    word-by-word gloss that is no English phrase, kept but marked ("literal"), else a generic label
    naming sector and measure ("generic")."""
    g = lexicon.glossary()
    label, source = "", ""
    share_of = ""
    if concept is not None:
        covered, share_of = _label_covers(concept, metric_zh, lex, g)
        label, source = concept.en, ("glossary" if covered else "concept")
    if not label:
        label, source = _versus(metric_zh, g)
    if not label:
        label, fluent = _compose(metric_zh, g)
        source = ("terms" if fluent else "literal") if label else ""
    if not label:
        what = _GENERIC_MEASURE.get(m.measure, "amount")
        return f"{lex.sector_en.get(sector, sector)}: {what}", ("unsure" if unsure_name(metric_zh, g) else "generic")
    if len(metric_zh) <= 2 and source == "terms":  # 收入, 营收, 投资: say whose
        sec = lex.sector_en.get(sector, sector)
        label = sec if label.lower() in sec.lower() else f"{sec}: {label[0].lower()}{label[1:]}"
    if source == "glossary":
        for zh, en in _w().addition_en.items():
            if metric_zh.startswith(zh) and not label.lower().startswith(("new", "net")):
                label = f"{en} {label if label[1:2].isupper() else label[0].lower() + label[1:]}"  # not "sME"
                break
    low = label.lower()
    if m.measure == "growth" and m.unit in _w().rate_units and not _CHANGE_EN.search(low):  # not "integrated", "strategic"
        label += " reduction" if _w().decrease_re.search(metric_zh) else " growth"
    elif m.measure == "rank" and "rank" not in low:
        label += " rank"
    elif share_of and not any(w in low for w in _SHARE_EN):
        label += f" as a share of {share_of[0].lower() + share_of[1:] if not _ACRONYM.match(share_of) else share_of}"
    elif m.measure == "share" and m.unit in ("%", "‰", _w().tenths_unit) and source in ("glossary", "concept") \
            and not any(w in low for w in _SHARE_EN) and _w().share_zh_re.search(metric_zh):
        # 工业投资占固定资产投资比重 with the concept of 工业投资: its share, not its amount
        whole = _w().share_split_re.match(metric_zh)
        of, fluent = _compose(whole.group(2), g) if whole else ("", False)
        label += f" as a share of {of[0].lower() + of[1:] if not _ACRONYM.match(of) else of}" if of and fluent \
            else " (share)"
    if unsure_name(metric_zh, g):
        source = "unsure"
    return label, source


def unsure_name(metric_zh: str, g: dict | None = None) -> bool:
    """Whether the rules are unsure of a metric name (glossary.yaml unsure_names): a bare head or a
    verb without its noun, a name cut off in a list or a verb, a clause with a verb inside."""
    u = (g or lexicon.glossary())["unsure_names"]
    name = metric_zh.strip()
    return (len(name) < 2 or name in u.get("bare", ()) or name.endswith(u.get("end_fragments", ()))
            or name.startswith(u.get("start_fragments", ())) or any(v in name for v in u.get("verbs", ())))


def _label_covers(concept, metric_zh: str, lex, g: dict) -> tuple[bool, str]:
    """(whether the concept's label says what metric_zh says, the label of the whole when metric_zh
    is 甲占乙比重 and 乙 is wholly a concept's name). The label covers the name when one of the
    concept's names (or patterns) covers metric_zh but for the words of glossary.yaml label_cover:
    水电装机容量 is more than 装机容量, so "Installed capacity" would say less than the name."""
    from ..language import concepts

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
        return False, ""
    cover = g["label_cover"]
    before, after = n[:best[0]], n[best[1]:]
    words = cover.get("before", ())
    while before:
        word = next((w for w in sorted(words, key=len, reverse=True) if before.startswith(w)), "")
        if not word:
            return False, ""
        before = before[len(word):]
    if not after or after in cover.get("after", ()) or after in cover.get("share_words", ()):
        return True, ""
    if lex.growth_re.fullmatch(after) or lex.growth_re.sub("", after) in cover.get("after", ()) + cover.get("share_words", ()):
        return True, ""
    whole = _w().share_tail_re.fullmatch(after)
    if whole and whole.group(2) in cover.get("share_words", ()):
        of = concepts.catalogue().by_name.get(concepts.normalise(whole.group(1)))
        of = [c for c in of or () if c.measures is None or "growth" not in c.measures] or of
        if of:  # the whole's amount (固定资产投资), not its growth
            return True, of[0].en
    return False, ""


def _versus(metric_zh: str, g: dict) -> tuple[str, str]:
    """规上工业增加值高于全国 (…0.3个百分点): the growth of a thing against the average it is compared
    with, "<thing's growth>, above the national average" (a phrase: "terms"), the thing's label from
    the catalogue or a phrase of terms; ("", "") when neither is sure."""
    m = _w().versus_re.match(metric_zh)
    if not m:
        return "", ""
    from ..language import concepts

    c = concepts.catalogue().match(m.group(1) + _w().growth_word, "growth", "percent")
    if c is not None:
        what = c.en
    else:
        what, fluent = _compose(m.group(1), g)
        if not (what and fluent):
            return "", ""
        what = what if "growth" in what.lower() else f"{what} growth"
    return f"{what}, {_w().versus_en[m.group(2)]} the {_w().versus_en[m.group(3)]} average", "terms"


_SHARE_EN = ("share", "rate", "ratio", "proportion", "intensity", "percentage", "coverage", "%", "index", "level")
_ACRONYM = re.compile(r"^[A-Z0-9&.\-]+(?:\s|$)")


def _compose(zh: str, g: dict) -> tuple[str, bool]:
    """A label composed from glossary terms, and whether it is an English phrase (see glossary.yaml
    `phrase`); ("", False) unless 70% of the Chinese is covered. A share 甲占乙比重 is composed as
    "甲 as a share of 乙" when both parts are phrases."""
    share = _w().share_split_re.match(zh)
    if share:
        a, ok_a = _compose(share.group(1), g)
        b, ok_b = _compose(share.group(2), g)
        if a and b and ok_a and ok_b:
            return f"{a} as a share of {b[0].lower() + b[1:] if not _ACRONYM.match(b) else b}", True
    rx = g["terms_re"]
    if not zh or rx is None:
        return "", False
    words, covered = [], 0
    for hit in rx.finditer(zh):
        en = g["terms"][hit.group()]
        covered += len(hit.group())
        if en and (not words or words[-1] != en):
            words.append(en)
    cjk = sum(1 for c in zh if 0x4E00 <= ord(c) <= 0x9FFF)
    if not words or covered < 0.7 * max(cjk, 1):
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
