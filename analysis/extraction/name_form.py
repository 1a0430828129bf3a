"""The form of a name, after the rules have named every mention of a sentence (naming.py) and the concept
catalogue and the sectors have read the rules' name (rules_name): only metric_zh changes here.

Structural repairs, each read from the sentence's shape, its punctuation and the segmenter's parts of
speech (phrase.py), the words in lexicon.yaml `extraction` (per_unit_tail_re, rank_from_words,
rank_frame_chars, predicate_*, growth_adverbs, addition_mark, pair_words, bare_measure_max, owner_max,
first_owner_endings):

- a per-time unit's rest read as a name (645元/月、4318元/年: "/月"): the name of the number before in the
  sentence with the same base unit (the noun before the numbers);
- the frame of a rank read as a name (X从全国第8位升至第5位: "X从"; 、从全国第10位升至第8位: "从全国第位升至第位"):
  X, or the ranked quantity of the number before (its rank's name, or what it measures and 排名);
- the change that reaches a number closing its name (专精特新企业从80户增加到810户: 专精特新企业增加到; 城乡居民
  收入比缩小至2.31:1): the name ends before the change (and before its start, 从…/由上年);
- an adverb before the closing growth word (旅游总花费均增长): no part of the name;
- a pair clipped to its last member (城市副中心和平原新城地区生产总值年均增长5%: 平原新城…): one number after
  甲和乙 names the pair;
- a bare measure (总市值, 比率, 满意率): the owner named before 的 in its clause (社会物流总费用与GDP的比率), or
  the thing of the number just before it (上市公司达288家、总市值超8600亿元: 上市公司总市值; 入园率和普惠率分别:
  the owner of the first item);
- examples before a class (粤消费粤精彩等促消费活动): the class, with the list verb that opens the name;
- a list opened by a new thing's verb (新打造A5个、B5条、C5家): every item is new (新打造B), not only the first;
- a counted noun followed by its predicate (380个老旧小区引入物业服务; a share said before its things, 90%的县达到…标准):
  the predicate modifies the noun (引入物业服务的老旧小区; a predicate of verbs alone stands before it without 的:
  开工建设项目);
- a percent of a plan completed (分别完成年计划的118%、250%): the share of the plan done (…完成年计划比例).
"""

from __future__ import annotations

import re

from ..language import concepts
from ..project import thresholds as T
from .mention import extraction_words
from .name_words import COUNT_DIMS, QUOTES, list_verb, strip_name
from .phrase import _closing_growth, tagged


def reform(lex, text: str, ms) -> None:
    """Repair the form of the names of one sentence's mentions, in order (a repaired name lends itself on)."""
    for i, m in enumerate(ms):
        name = m.metric_zh or ""
        name = _unit_tail(lex, ms, i, name)
        name = _rank_frame(lex, ms, i, name) if m.rank else _change_to_tail(lex, name)
        name = _growth_adverb(lex, name)
        if not m.distributed and not (i and ms[i - 1].clause == m.clause):
            name = _pair(lex, text, m, name)
        name = _owned_measure(lex, text, ms, i, name)
        if not m.distributed:
            name = _examples(lex, name)
            name = _predicate_after_noun(lex, text, m, name)
        m.metric_zh = _plan_share(text, m, _topic_owner(text, m, _whole_list(m, name)))
    _shared_addition(lex, text, ms)


def _plan_share(text: str, m, name: str) -> str:
    """城镇新增就业、新增发放创业担保贷款分别完成年计划的113%、256%: a percent after 完成<plan>的 (lexicon plan_share_re),
    nothing but numbers and list gaps between them, is the share of the plan completed: the thing + 完成 + the plan +
    plan_share_word (城镇新增就业完成年计划比例); a name that is the plan itself (攻坚战总任务) + 完成 + the word."""
    w = extraction_words()
    if m.unit not in w.rate_units or m.rank or len(name) < 2:
        return name
    cs = m.clause[0]
    hits = list(w.plan_share_re.finditer(text, cs, m.s - m.prefix_len))
    between = re.sub(r"[\d.%％]", "", text[hits[-1].end():m.s - m.prefix_len]) if hits else ""
    if not hits or not all(w.list_gap_re.fullmatch(x) for x in w.list_gap_re.split(between)):
        return name  # only numbers and list gaps between the plan and the number
    plan = hits[-1].group(1)
    done = text[hits[-1].start():hits[-1].start() + 2]
    if name.endswith(plan):
        return name + done + w.plan_share_word
    return name + done + plan + w.plan_share_word


def _topic_owner(text: str, m, name: str) -> str:
    """产值突破1300亿元 after 石化产业持续…: a bare measure of an industry (lexicon topic_measures) in a sentence
    that opens with no industry of its own takes the industry that opens the nearest sentence before it in
    its paragraph (topic_owner_re), its head said once (新能源产业 + 产业投资: 新能源产业投资); else the name."""
    w = extraction_words()
    if name not in w.topic_measures:
        return name
    start = max(text.rfind(c, 0, m.s) for c in "。！？\n") + 1
    at = text.rfind(name, start, m.s)
    if _industry(text[start:at if at >= 0 else m.s]):
        return name  # 石化产业产值…: the sentence names its own industry (not 力争产业投资: the name's own 产业)
    para = text.rfind("\n", 0, start) + 1
    for before in reversed(re.split("[。！？]", text[para:start])):
        owner = _industry(before.strip())
        if owner:
            head = w.topic_owner_head
            return owner + (name[len(head):] if name.startswith(head) else name)
    return name


def _industry(sentence: str) -> str:
    """The industry that opens a sentence (lexicon topic_owner_re), a noun phrase (not 二是推动产业); else ''."""
    owner = extraction_words().topic_owner_re.match(sentence)
    return owner.group() if owner and not any(tag[:1] in "vpdcrm" for _, tag in tagged(owner.group())) else ""


def _whole_list(m, name: str) -> str:
    """食品、石化等产业增加值分别增长…, a number for every item: 等 closes the list (食品产业增加值); 甲率、乙率、丙率
    均达到60%: one number that holds for every item of a long list names the list (naming.py marks both)."""
    deng = extraction_words().examples_word
    if m.deng_at and name.startswith(deng, m.deng_at):
        name = name[:m.deng_at] + name[m.deng_at + len(deng):]
    if m.list_whole and name.startswith(m.list_whole[0]):
        name = m.list_whole[1] + name[len(m.list_whole[0]):]
    elif m.list_whole and len(name) >= 4 and m.list_whole[0].endswith(name):  # the last item, clipped since
        name = m.list_whole[1]
    return name


def _unit_tail(lex, ms, i: int, name: str) -> str:
    """645元/月、4318元/年提高到…: a name that is the rest of the unit of the number before takes the name of
    the nearest number before it in the sentence with the same base unit and a name of its own."""
    w = extraction_words()
    tail = w.per_unit_tail_re.match(name)
    if not tail:
        return name
    rest = name[tail.end():].strip(w.list_chars)
    if len(rest) >= 2 and not w.per_unit_tail_re.match(rest):
        return rest
    m = ms[i]
    donor = next((d for d in reversed(ms[:i]) if d.base_unit == m.base_unit and d.metric_zh
                  and not w.per_unit_tail_re.match(d.metric_zh)), None)
    return donor.metric_zh if donor is not None else name


def _frame_only(name: str) -> bool:
    return all(c in extraction_words().rank_frame_chars for c in name)


def _rank_frame(lex, ms, i: int, name: str) -> str:
    """X从全国第12位升至第5位: a rank's name ends before the change that opens its frame (X); a name of the
    frame alone (从全国第位升至第位, 双双跃居第) is the name of the rank before it in the sentence, else what
    the number before it measures and 排名."""
    w = extraction_words()
    for word in w.rank_from_words:
        if name.endswith(word) and len(name) - len(word) >= 2 and not _frame_only(name[:-len(word)]):
            return name[:-len(word)]
    if name and not _frame_only(name):
        return name
    if not i:
        return name
    prev = ms[i - 1]
    if prev.rank and prev.metric_zh and not _frame_only(prev.metric_zh):
        return prev.metric_zh
    thing = lex.growth_re.sub("", prev.subject or prev.metric_zh or "")
    return thing + w.rank_word if len(thing) >= 2 and not _frame_only(thing) else name


def _bare_measure(lex, name: str) -> bool:
    """A short name ending in a measure (lexicon measure_endings) that is no name of the concept catalogue (粮食产量,
    进出口总额 name what they measure)."""
    core = lex.growth_re.sub("", name)
    return (2 <= len(core) <= extraction_words().bare_measure_max and core.endswith(lex.measure_endings)
            and concepts.normalise(core) not in concepts.catalogue().by_name)


def _owner_of(lex, thing: str) -> str:
    """The owner in the name of a number before: a counted thing is its own owner (北京证券交易所上市公司); a
    measure's owner is what stays without its last word when that word is a measure (工业机器人产量 -> 工业机器人,
    适龄儿童入园率 -> 适龄儿童); '' when none stays."""
    thing = lex.growth_re.sub("", thing)
    if not thing.endswith(lex.measure_endings):
        return thing
    words = tagged(thing)
    last = words[-1][0]
    owner = thing[:-len(last)]
    return owner if len(last) >= 2 and last.endswith(lex.measure_endings) and len(owner) >= 2 else ""


def _owned_measure(lex, text: str, ms, i: int, name: str) -> str:
    """A bare measure (_bare_measure) named without its owner: the owner before 的 in its clause, else the things
    counted by the number just before it when the measure's own words open the clause or the list item after
    it (上市公司达288家、总市值超8600亿元), or the owner of the first item of a 分别 list of rates (入园率和普惠率;
    lexicon first_owner_endings)."""
    w = extraction_words()
    if not _bare_measure(lex, name):
        return name
    m = ms[i]
    core = lex.growth_re.sub("", name)
    left = text[m.clause[0]:m.s - m.prefix_len].translate(QUOTES)
    at = left.rfind(core)
    if at > 1 and left[at - 1] == w.of_word:  # 社会物流总费用与GDP的比率从14.7%降至13%
        owner = strip_name(lex, left[:at - 1], cap=False)
        if 2 <= len(owner) <= w.owner_max and not _opens_with_verb(owner) and not any(c.isdigit() for c in owner):
            return owner + w.of_word + name
        return name
    if not i:
        return name
    prev = ms[i - 1]
    if prev.rank or (m.distributed and not (prev.distributed and prev.clause == m.clause)):
        return name
    if not m.distributed:
        gap = text[prev.tail:m.s - m.prefix_len].translate(QUOTES)
        if not gap.startswith(w.list_comma) or not gap[len(w.list_comma):].startswith(core):
            return name
    thing = lex.growth_re.sub("", prev.subject or prev.metric_zh or "")
    if m.distributed:  # 入园率和普惠率分别: the owner of the first item's measure, not another item (原油、天然气产量)
        last = tagged(thing)[-1][0] if thing else ""
        mine = tagged(core)[-1][0]
        if not last.endswith(w.first_owner_endings) or not core.endswith(w.first_owner_endings) or core.endswith(last) \
                or (len(mine) >= 2 and last.endswith(mine)):
            return name
        owner = _owner_of(lex, thing)
    else:  # 上市公司达288家、总市值超8600亿元: the things just counted own the measure
        owner = thing if _dim(lex, prev) in COUNT_DIMS and not thing.endswith(lex.measure_endings) else ""
    if not owner or len(owner) > w.owner_max or owner in name or _bare_measure(lex, owner) or _opens_with_verb(owner):
        return name
    return owner + name


def _pair(lex, text: str, m, name: str) -> str:
    """城市副中心和平原新城地区生产总值年均增长5%: the first number of a clause whose words before its name are
    only 甲和 (lexicon pair_words; 甲 of at most pair_first_max characters, no verb opening it, no number)
    names the pair: 甲和 + the name."""
    w = extraction_words()
    if len(name) < 3:
        return name
    left = text[m.clause[0]:m.s - m.prefix_len].translate(QUOTES)
    at = left.rfind(name[:3])
    before = left[:at] if at > 0 else ""
    join = next((x for x in w.pair_words if before.endswith(x) and tagged(before)[-1][0] == x), "")  # not 参与
    first = before[:-len(join)] if join else ""
    if (not join or not 2 <= len(first) <= w.pair_first_max or not all(0x4E00 <= ord(c) <= 0x9FFF for c in first)
            or any(x in first for x in w.pair_words) or first in name or _opens_with_verb(first)):
        return name
    return first + join + name


def _growth_adverb(lex, name: str) -> str:
    """接待游客人次、旅游总花费均增长 -> …旅游总花费增长: the adverbs (lexicon growth_adverbs, whole segmenter words)
    between a name and its closing growth word are dropped, as long as two characters of the name stay."""
    w = extraction_words()
    cut = _closing_growth(lex, name)
    if cut == len(name) or cut < 3:
        return name
    words = list(tagged(name[:cut]))
    while len(words) > 1 and words[-1][0] in w.growth_adverbs:
        words.pop()
    core = "".join(x for x, _ in words)
    return core + name[cut:] if len(core) >= 2 else name


def _change_to_tail(lex, name: str) -> str:
    """X增加到, X缩小至, X从提升到, X由上年增加到: a name closed by the change that reaches its number (a verb, then
    a word of lexicon to_words) ends before the change and before the start it changes from (rank_from_words
    and a time word); what stays must end in a noun (segmenter.yaml parts of speech)."""
    w = extraction_words()
    if not name.endswith(w.to_words):
        return name
    words = list(tagged(name[:-1]))
    if not words or words[-1][1] != "v":
        return name
    while words and words[-1][1] == "v":
        words.pop()
    while words and (words[-1][0] in w.rank_from_words or words[-1][1] == "t"):
        words.pop()
    out = "".join(x for x, _ in words)
    if len(out) < 2 or words[-1][1] not in w.predicate_noun_tags + ("l", "nz", "x") or out in w.bare_words \
            or out in w.bare_heads or _frame_only(out):
        return name
    return out


def _examples(lex, name: str) -> str:
    """粤消费粤精彩等促消费活动: examples (one, without a list comma) before a class are no part of the name;
    the class stays when it says enough (at least three characters, not a bare head)."""
    w = extraction_words()
    at = name.rfind(w.examples_word)
    if at < 2 or "、" in name[:at] or any(name.startswith(x, at - x.index(w.examples_word)) for x in lex.example_not_deng):
        return name
    rest = name[at + len(w.examples_word):]
    bare = lex.growth_re.sub("", rest)
    if len(bare) < 3 or bare in w.bare_heads or bare in w.bare_words or rest.startswith(lex.example_class_heads):
        return name
    lead = list_verb(lex, name)
    return (lead if lead and not rest.startswith(lead) else "") + rest


def _predicate_after_noun(lex, text: str, m, name: str) -> str:
    """380个老旧小区引入物业服务: the counted noun after a number (the name is the words right after it), then a
    verb (segmenter.yaml parts of speech, lexicon predicate_open_tags) after a noun (predicate_noun_tags) that
    opens a predicate (predicate_open_verbs) or verbs alone that end in a state (predicate_state_verbs): the
    predicate says which of the things are counted, the name is the noun modified by it (引入物业服务的老旧小区;
    verbs in a row of up to predicate_bare_max characters without 的: 开工建设项目). A predicate with a growth
    word (企业营收增长) is what is measured, not a modifier: left. A share of things said before them with 的
    (90%的县达到…标准) is named alike: the things the predicate says (达到…标准的县)."""
    w = extraction_words()
    after = text[m.tail:m.clause[1]].translate(QUOTES)
    share = m.unit in w.rate_units and after.startswith(w.of_word)
    after = after[len(w.of_word):] if share else after
    if len(name) < (3 if share else 4) or not after.startswith(name) or w.of_word in name or lex.growth_re.search(name):
        return name
    words = tagged(name)
    k = next((j for j, (word, tag) in enumerate(words) if tag in w.predicate_open_tags and len(word) >= 2), 0)
    if k < 1 or (words[k - 1][1] not in w.predicate_noun_tags and words[k - 1][0] not in w.predicate_noun_closers):
        return name
    noun, pred = "".join(x for x, _ in words[:k]), "".join(x for x, _ in words[k:])
    rest = words[k + 1:]
    if len(noun) < (1 if share else 2):
        return name
    if all(tag.startswith("v") for _, tag in words[k:]) and words[-1][0].endswith(w.predicate_state_verbs):
        # 项目开工建设, 省级区域医疗中心开诊运营: what became of the things, verbs in a row before the noun
        return pred + noun if len(pred) <= w.predicate_bare_max else pred + w.of_word + noun
    if words[k][0] in w.predicate_open_verbs and rest:
        # 老旧小区引入物业服务, 村庄达到干净整洁村标准: a verb with its object says which things are counted; a
        # noun read up to its longest (T.NOUN_MAX_CHARS) clipped the predicate: the clause's words after the noun
        whole = after[len(noun):]
        if len(name) >= T.NOUN_MAX_CHARS and whole.startswith(pred) and not re.search(r"[\d、，,；;]", whole):
            pred = whole
        return pred + w.of_word + noun
    return name


def _opens_with_verb(name: str) -> bool:
    """A verb, adverb or preposition (a word of the segmenter, two characters or more) opens the name."""
    word, tag = tagged(name)[0]
    return len(word) >= 2 and tag in extraction_words().predicate_open_tags + ("d", "p")


def _dim(lex, m) -> str:
    return lex.units.get(m.unit, {}).get("dim", "") if m.unit else m.base_unit


def _addition_lead(lex, name: str) -> str:
    """新打造省级特色酒庄 -> 新打造: the mark of an addition (lexicon addition_mark) and the verb after it (a
    segmenter word tagged a verb), when the name opens with them; else ''."""
    w = extraction_words()
    if not name.startswith(w.addition_mark):
        return ""
    words = tagged(name)
    if len(words) < 3 or words[0][0] != w.addition_mark or len(words[1][0]) < 2 or not words[1][1].startswith("v"):
        return ""
    return words[0][0] + words[1][0]


def _shared_addition(lex, text: str, ms) -> None:
    """新打造省级特色酒庄5个、美酒美食街区5条、五星级白酒体验酒店5家: the items after the list comma that name
    themselves (their words follow the comma), open with no verb, adverb or preposition of their own and
    count in the dimension of the first take the first item's addition (新打造美酒美食街区), so that a count
    of new things does not read as the stock."""
    w = extraction_words()
    for i, first in enumerate(ms):
        lead = _addition_lead(lex, first.metric_zh or "")
        if not lead or (i and ms[i - 1].clause == first.clause
                        and text[ms[i - 1].tail:first.s].lstrip().startswith(w.list_comma)):
            continue  # not the list's first item
        prev = first
        for m in ms[i + 1:]:
            gap = text[prev.tail:m.s - m.prefix_len]
            name = m.metric_zh or ""
            if m.clause != first.clause or not gap.startswith(w.list_comma):
                break
            prev = m
            own = gap[len(w.list_comma):].translate(QUOTES)
            if (len(name) < 2 or m.distributed or name.startswith((lead, w.addition_mark)) or list_verb(lex, name)
                    or lex.growth_re.search(name) or not own.startswith(name[:2]) or lead[1:] in name
                    or _dim(lex, m) != _dim(lex, first) or _opens_with_verb(name)):
                continue  # 新签约项目2314个、签约额7477.6亿元: an amount of the things, not more things
            m.metric_zh = lead + name
