"""Naming a quantity: metric_zh and subject of every mention of a sentence, from its own words and its
neighbours (inheritance.py), then the owner, the purpose and the selection."""

from __future__ import annotations

from ..language import concepts, lexicon
from ..project import thresholds as T
from .inheritance import borrow, inherit, respectively
from .name_form import reform
from .name_lists import lists_and_owners
from .name_shapes import shapes
from .name_verbs import verb_side
from .name_words import (
    COUNT_DIMS,
    MADE_DIMS,
    QUOTES,
    REPEAT,
    circumstance,
    extraction_words,
    list_verb,
    milestone_name,
    milestone_nouns,
    right_noun,
    shared_list,
    strip_name,
    trailing_verb,
    trim_actions,
)
from .phrase import noun_phrase, whole_words


def name_mentions(lex, text: str, ms, s0: int, e0: int) -> None:
    """Set metric_zh and subject of every mention of one sentence."""
    tm = extraction_words().topic_re.match(text[s0:e0])
    topic = extraction_words().time_words_re.sub("", (tm.group(1) or "") if tm else "")
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
            cont = text[lstart:m.s].startswith(extraction_words().list_continue)
        left_raw = _left_raw(lex, text, ms, i, lstart)
        left = strip_name(lex, left_raw)
        whole = shared_list(lex, left_raw)  # 甲率、乙率、丙率均达到60%: the whole list (name_form.py)
        m.list_whole = (left, whole) if whole and whole != left and whole.endswith(left) else ()
        if prev_right and lstart == right_end and left in extraction_words().bare_words:
            left = prev_right + left  # 810个省重点项目完成投资10428.6亿元: the investment of the projects just counted
        if lstart > cs and "、" in left and lex.growth_re.fullmatch(left.rsplit("、", 1)[-1]):
            left = left.rsplit("、", 1)[-1]  # 生产总值达到5.53万亿元、稳居全国前十强、增长4.8%: the growth of the same thing
        verb = list_verb(lex, left)
        if not cont:
            head_verb = verb
        elif head_verb and not verb and left and not lex.growth_re.fullmatch(left) and not extraction_words().measure_noun_re.search(left) \
                and left_raw.lstrip(extraction_words().list_chars).translate(QUOTES).startswith(left[:2]):  # not 、带动综合消费 (its own verb)
            left = head_verb + left  # 净增科技型中小企业853家、高新技术企业97家 (but not 新增并网…、发电量…)
        dim = lex.units.get(m.unit, {}).get("dim", "") if m.unit else ("count" if not m.mag else "person")
        bare_verb = bool(left) and lex.list_verb_re.fullmatch(left) is not None  # 建设1500万亩小麦: the noun follows
        right = right_noun(text, m.tail, ce, lex) if (dim in COUNT_DIMS or not m.unit or not left or bare_verb) else ""
        of = extraction_words().of_word
        right = right[len(of):] if right.startswith(of) and not left else ("" if right.startswith(of) else right)
        right = right if len(right) >= 2 and not (left and right in lex.milestone_nouns) else ""  # 突破5万关口
        name = _join(lex, ms, i, left, right, verb, head_verb, cont, bare_verb)
        name = _shortened(lex, ms, i, name, left, topic)
        right_end = m.tail + len(right) if right and text.startswith(right, m.tail) else -1
        prev_right = right if right_end >= 0 else ""
        m.metric_zh = name
        m.subject = lex.growth_re.sub("", extraction_words().added_end_re.sub("", name))  # 进出川大通道新增…、达到54条: the thing
    respectively(lex, text, ms)
    borrow(lex, text, ms)
    inherit(lex, text, ms, s0)
    _tidy(lex, ms, text)
    _owned(lex, ms)
    _purpose(lex, text, ms)
    _selected(lex, text, ms)
    for m in ms:  # the noun phrase by the parts of speech (phrase.py): 尽快建成…, 按照…
        m.rules_name = m.metric_zh  # the concept catalogue and the sectors read the name of the rules
        name = m.metric_zh if m.distributed else whole_words(lex, text[m.clause[0]:m.s - m.prefix_len], m.metric_zh)
        m.metric_zh = noun_phrase(lex, name)  # 融机构… of 金融机构: a name starts where a word starts
    reform(lex, text, ms)  # the form of the names (name_form.py): unit tails, rank frames, examples, predicates
    verb_side(lex, text, ms)  # the verbs of the names (name_verbs.py): policy verbs out, defining acts in
    lists_and_owners(lex, text, ms)  # lists, pairs and owners (name_lists.py): metric_zh only
    shapes(lex, text, ms)  # marks, gaps over a benchmark, reach, a period's change (name_shapes.py): metric_zh only


def _shortened(lex, ms, i: int, name: str, left: str, topic: str) -> str:
    """A long name cut after its last 的, the name before for a number right after one, or the topic's."""
    m = ms[i]
    if len(name) > 8:
        cut = name.rfind(extraction_words().of_word, 0, len(name) - 2)
        name = name[cut + 1:] if cut >= 3 and name[cut + 1:] not in extraction_words().bare_heads else name  # not a bare 比例
    if i and ms[i - 1].tail == m.s and not left:
        name = ms[i - 1].metric_zh  # 1金1银: one metric, two numbers
    elif topic and name and not any(topic[k:k + 2] in name for k in range(len(topic) - 1)) \
            and (len(name) <= 2 or name.startswith(extraction_words().topic_owned_starts)
                 or (m.rank and (topic.endswith(extraction_words().firm_words) or lex.keyword_re.fullmatch(topic)))):
        # "<industry>要…，力争全产业链产值突破1300亿元", "<company>集团要…，力争营收达到1200亿元":
        # the topic of the sentence owns a metric that does not name its owner
        name = name if name in topic else topic + name
        name = topic if name.endswith(topic) and len(name) > len(topic) and name[:-len(topic)] in topic else name
    return name


def _left_raw(lex, text: str, ms, i: int, lstart: int) -> str:
    """The words before a mention, without an inserted circumstance, with a threshold before it."""
    m = ms[i]
    cs = m.clause[0]
    left_raw = text[lstart:m.s - m.prefix_len]
    if lstart > cs:
        # 外贸进出口在对美贸易下降超3成的情况下增长12%: the inserted circumstance is no part of the name
        circ = circumstance(lex).match(left_raw)
        at = text.rfind(extraction_words().circumstance_word, cs, lstart)
        if circ and at >= 0:
            left_raw = text[cs:at] + left_raw[circ.end():]
    if i and lstart == ms[i - 1].tail and extraction_words().and_above_re.match(left_raw):
        left_raw = text[ms[i - 1].s:lstart] + left_raw  # 500千伏及以上输电线路: the threshold is part of the name
    return left_raw


def _join(lex, ms, i: int, left: str, right: str, verb: str, head_verb: str, cont: bool, bare_verb: bool) -> str:
    """The name from the words before a mention and the counted noun after it."""
    name = ""
    if right:
        tv = trailing_verb(lex, left)
        if tv and len(left) > 4:
            name = tv + right
        elif left.endswith(extraction_words().examples_word):
            name = (verb or "") + right  # 油菜籽等14种农产品: the examples are no part of the name
        elif "、" in left or extraction_words().list_end_re.search(left):
            name = right  # 沈阳航空、沈大工业母机、大盘绿色石化3个集群: the list names the members, the noun what is counted
            name = verb + name if verb in lex.addition_prefixes else name  # 新增甲、乙2个集群: still new
        elif not left and cont and head_verb in lex.addition_prefixes:
            name = head_verb + right  # 新增1个集群、8家企业: the list's addition holds for every item
        elif not left or len(left) <= 4:
            name = left + right
        else:
            name = left + right if len(left) + len(right) <= T.NAME_JOIN_MAX_CHARS else left
    elif bare_verb and cont and ms[i - 1].subject and not lex.growth_re.fullmatch(left):
        prev = ms[i - 1].subject  # 新建高标准农田20万亩、改造提升5万亩: the same land, another action
        name = left + prev[len(list_verb(lex, prev)):]
    else:
        name = left.rstrip(extraction_words().examples_word)
    return name


def _tidy(lex, ms, text: str) -> None:
    """A word said twice is said once; milestones and open list ends are no part of a name."""
    milestones = milestone_name(lex)
    for m in ms:  # 转移支付规模规模增长: a word said twice is said once; 连跨千亿台阶 is no part of a name
        name = REPEAT.sub(r"\1", milestones.sub("", m.metric_zh))
        bare_milestone = milestone_nouns(lex).sub("", name).strip("、，,")  # 生产总值台阶年均增长: 台阶 of a clause before
        name = bare_milestone if bare_milestone != name and len(lex.growth_re.sub("", bare_milestone)) >= 2 else name
        name = extraction_words().open_end_re.sub("", name) if len(name) > 3 else name  # 引领性改革和14项: the list goes on, the name ends
        # 建设高标准农田910万亩: things made, counted (not 累计创建国家文明村镇246个: the stock made over the years)
        clause = text[m.clause[0]:m.s]
        made = clause if not m.rank and (lex.units.get(m.unit, {}).get("dim", "") if m.unit else m.base_unit) in MADE_DIMS \
            and not any(w in clause for w in lex.creation_not_after) else ""
        m.metric_zh = trim_actions(lex, name, made) if len(name) >= 2 else m.metric_zh
        m.subject = REPEAT.sub(r"\1", milestones.sub("", m.subject))


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
            m.metric_zh = f"{p.group(1)}{p.group(2).translate(QUOTES)}{extraction_words().of_word}{head}"


def _owned(lex, ms) -> None:
    """全省地方国企资产总额增长116.2%，营业总收入、利润总额分别增长97.3%、27.7%: a head of accounts alone
    (lexicon owned_heads) after a number named by an owner and such a head is the same owner's."""
    heads = lex.owned_heads
    owner = ""
    for m in ms:
        subject = extraction_words().years_after_re.sub("", lex.growth_re.sub("", m.subject or m.metric_zh))  # 利润总额五年
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
        purpose = p.group(2).translate(QUOTES)
        if 0 < longest(purpose) >= longest(m.metric_zh):
            continue  # 消费券…用于餐饮消费: the purpose would name the concept, not the money
        m.metric_zh = f"{p.group(1)}{purpose}{extraction_words().of_word}{m.metric_zh}"
