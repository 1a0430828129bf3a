"""The verb side of a name, after its form has been repaired (name_form.py): only metric_zh changes here (and
the mark that the rules are unsure of it). The name of a count is [owner] + [the act that defines the counted
set, when that act creates, recognises or selects the things] + the counted noun. The verb classes are language
data (lexicon.yaml `name_verbs`); the parts of speech are the segmenter's (phrase.py).

- a verb of policy opening a name (打造14个区级主导产业特色赛道集聚区 -> 区级主导产业特色赛道集聚区), with the adverbs
  before it (高质量打造): no part of the name, as long as a noun phrase stays;
- beyond the list, the general rule (the segmenter's parts of speech, lexicon opening_*): any verb (v, two
  characters or more; two in a row) with the adverbs (d, ad) before it that opens the name of a count of things goes
  (召开省级新闻发布会 -> 省级新闻发布会, 制定发布地方标准 -> 地方标准) when what stays is a noun phrase of common nouns
  with no verb inside and no measure at its end, unless the verb is a kept act (defining, selecting, kept_acts: acts
  that make, remove, repair or register the things; verbs the segmenter reads apart from the noun they modify:
  在建, 脱贫, 创新); never for people, money or other measures (培训农村实用人才, 完成投资);
- a predicate after the counted noun (the name is the words right after the number): a policy or evaluation
  predicate goes (120个山西精品享誉海内外 -> 山西精品), and so does any adverb+verb without object after a count's noun
  (8个省级区域医疗中心高效运行 -> 省级区域医疗中心: _general_predicate); one that defines the set becomes a relative modifier
  (10个特色产业基地通过国家火炬中心验收 -> 通过国家火炬中心验收的特色产业基地; 2所职业本科大学获批 -> 获批职业本科大学;
  11个县被认定为X县 -> X县); a verb of neither class stays and the name is marked unsure;
- an act that closes the clause of a counted noun and defines the things (53个重大项目建成投运, 51万新就业形态人员
  纳入职业伤害保障; defining_after) names them (建成投运重大项目; 纳入职业伤害保障的新就业形态人员), for every item of
  a list before it; adverbs of how an act went before a defining act go (基本建成… -> 建成…); a change verb of one
  character left after a noun is read whole (授权点增 -> 新增授权点; 损失数降 -> 损失数下降);
- a closing word that says what happened to the measure (跨境电商综试区扩容至7个) and dangling adverbs (存款贷款余额
  总量双超, 营业收入预计增长) go; list marks at a name's edge (和种子独角兽企业) and a unit written after a measure
  (集装箱吞吐量标准箱) too;
- the act that defines the counted things, when the clause that governs a count, an area or a length opens with
  it (筹集保障性租赁住房30.3万套; 建设10个A、60个B、120个C: every item) and the name lost it, is put back before
  the noun, so that an addition does not read as the stock (not in a clause of a cumulative total).
"""

from __future__ import annotations

import re

from ..language.lexicon import alternation
from .mention import extraction_words
from .name_words import COUNT_DIMS, MADE_DIMS, QUOTES
from .phrase import _closing_growth, tagged


def verb_side(lex, text: str, ms) -> None:
    """The verb side of the names of one sentence's mentions (the module's rules, in order)."""
    v = lex.name_verbs
    for i, m in enumerate(ms):
        name = _selected_after(lex, v, text, m, m.metric_zh or "")  # 15项做法入选…: a bare noun too
        name = _defining_after(lex, v, text, ms, i, name)  # 53个重大项目建成投运: the act defines the things
        if len(name) < v.min_noun:
            m.metric_zh = name
            continue
        name = _edges(v, name)
        name = _unit_after_measure(v, text, m, name)
        name = _dangling(lex, v, name)
        name = _lone_change(v, name)
        name = _closing(lex, v, name)
        name = _edges(v, _opening_policy(lex, v, name, _dim(lex, m)))  # 落地新一批…: the batch after the verb too
        name = _predicate(lex, v, text, m, name)
        name = _defining_act(lex, v, text, m, name)
        m.metric_zh = name


def _noun_ok(lex, v, s: str) -> bool:
    """What stays is a name: min_noun characters or more, not a bare head, ending in no verb of the segmenter."""
    w = extraction_words()
    core = lex.growth_re.sub("", s)
    if len(core) < v.min_noun or core in w.bare_heads or core in w.bare_words:
        return False
    words = tagged(core)
    return bool(words) and not words[-1][1].startswith(("v", "d", "p", "u", "c"))


def _edges(v, name: str) -> str:
    """和种子独角兽企业, …开行、: a list mark (a whole word) at a name's edge goes, and a batch opening it (新一批)."""
    words = tagged(name)
    joined = tuple(v.joined_nouns)
    if len(words) > 1 and words[0][0] in v.edge_words and len(name) - len(words[0][0]) >= v.min_noun \
            and not name.startswith(joined):  # 和美乡村 (lexicon metric_action_joined_nouns)
        name = name[len(words[0][0]):]
    batch = v.batch_re.match(name)
    if batch and len(name) - batch.end() >= v.min_noun:
        name = name[batch.end():]
    if name.endswith("、") and len(name) > v.min_noun:
        name = name[:-1]
    return name


def _unit_after_measure(v, text: str, m, name: str) -> str:
    """上海港集装箱吞吐量达到5506.3万标准箱: the words right after the number (a unit the lexicon does not know), read as
    the counted noun and put after a name that ends in a measure (unit_after: 量, 额, 数), go."""
    after = text[m.tail:m.clause[1]].translate(QUOTES)
    for n in range(min(4, len(name) - v.min_noun), 1, -1):
        if after.startswith(name[-n:]) and name[:-n].endswith(tuple(v.unit_after)):
            return name[:-n]
    return name


def _split_growth(lex, name: str) -> tuple[str, str]:
    """(the name before its closing growth word, the growth word): the segmenter reads the name without it."""
    cut = _closing_growth(lex, name)
    return (name[:cut], name[cut:]) if 0 < cut < len(name) else (name, "")


def _dangling(lex, v, name: str) -> str:
    """存款贷款余额总量双, 成果分别, 营业收入预计增长: an adverb (dangling_words, a whole word) at the end of a name or
    before its closing growth word goes."""
    core, growth = _split_growth(lex, name)
    words = list(tagged(core))
    while len(words) > 1 and words[-1][0] in v.dangling_words:
        words.pop()
    out = "".join(x for x, _ in words)
    return out + growth if len(out) >= v.min_noun else name


def _lone_change(v, name: str) -> str:
    """授权点增, 损失数降: a change verb of one character (lone_change, a whole word of the segmenter) after a noun at a
    name's end: 新增授权点 (the new things), 损失数下降 (the fall); not after a word that makes one verb with it."""
    words = tagged(name)
    if len(words) < 2 or words[-1][0] not in v.lone_change or not words[-2][1].startswith(("n", "j")) \
            or words[-2][0] in v.lone_change_not_after or any(c.isdigit() for c in name):
        return name
    before, after = v.lone_change[words[-1][0]]
    core = name[:-1]
    return before + core + after if len(core) >= 2 else name


def _closing(lex, v, name: str) -> str:
    """跨境电商综试区扩容, 经济总量跻身, 水质优良比例稳定: a closing word (closing_words, a whole word of the segmenter)
    says what happened to the measure: it goes (before the growth word too: 耕层厚度止跌提升)."""
    core, growth = _split_growth(lex, name)
    words = list(tagged(core))
    if len(words) > 1 and words[-1][0] in v.closing_words:
        out = "".join(x for x, _ in words[:-1])
        if _noun_ok(lex, v, out):
            return out + growth
    return name


def _dim(lex, m) -> str:
    """The dimension of a mention's unit (count, person, area, money ...); a bare count without a unit is one."""
    return lex.units.get(m.unit, {}).get("dim", "") if m.unit else ("count" if not m.mag else "person")


def _kept_act(lex, v, word: str) -> bool:
    """A verb that says what the counted things are, which a name keeps: an act that defines them (defining,
    defining_after, defining_after_object, selecting, kept_acts), an addition or a change (addition_prefixes, the growth words)."""
    return (word.startswith(tuple(v.defining)) or word in v.defining_after or word in v.selecting
            or word in v.defining_after_object
            or word in v.kept_acts or word.startswith(tuple(lex.addition_prefixes))
            or bool(lex.growth_re.fullmatch(word)))


def _lead_length(lex, v, core: str, general: bool = False) -> int:
    """How many characters open the name as adverbs and verbs of policy (metric_action_adverbs, name_verbs policy),
    each ending where a word of the segmenter ends (做大 is one verb though the segmenter reads 做|大); 0 without a
    verb of policy. general: any verb of the segmenter (opening_verb_tags, of opening_verb_min characters) that is
    no act kept in a name (_kept_act) is one, and any adverb of the segmenter (opening_adverb_tags) before it, at
    most opening_verbs_max verbs in a row (制定发布地方标准, 认真办理…)."""
    ends, tags, at = set(), {}, 0
    for word, tag in tagged(core):
        tags[at] = (word, tag)
        at += len(word)
        ends.add(at)
    policy = sorted(v.policy, key=len, reverse=True)
    adverbs = sorted(v.action_adverbs, key=len, reverse=True)
    pos, verbs = 0, 0
    while True:
        p = next((x for x in policy if core.startswith(x, pos) and pos + len(x) in ends), "")
        word, tag = tags.get(pos, ("", ""))
        if general and not p and verbs < v.opening_verbs_max and tag in v.opening_verb_tags \
                and len(word) >= v.opening_verb_min and not _kept_act(lex, v, word):
            p = word
        a = "" if p or verbs else next((x for x in adverbs if core.startswith(x, pos) and pos + len(x) in ends), "")
        if general and not (p or a or verbs) and tag in v.opening_adverb_tags and len(word) >= 2:
            a = word  # 认真办理, 有效应对: an adverb of the segmenter before the verb
        if not (p or a) or pos + len(p or a) >= len(core):
            return pos if verbs else 0
        pos, verbs = pos + len(p or a), verbs + bool(p)


def _opening_policy(lex, v, name: str, dim: str = "") -> str:
    """打造区级主导产业特色赛道集聚区, 集中整改各类问题, 有机串联国保单位: a verb of policy (with its adverbs) that opens
    a name goes when a name stays (_noun_ok); no verb that defines the things (defining) is dropped.
    The same for any verb of the segmenter that is no act kept in a name (召开省级新闻发布会, 每年办好民生实事 ->
    民生实事, 制定发布地方标准), when what stays is a noun phrase (its first word a noun of opening_rest_tags of two
    characters or more, its last one of opening_head_tags, no verb inside, no measure word at its end): not for a count of people (培训农民, 转移群众: the act says who are counted), not where the verb makes one
    word with the noun (研发经费, 发电量: one word of the segmenter; 建设用地: a verbal noun, vn)."""
    core, growth = _split_growth(lex, name)
    if extraction_words().of_word in core:
        return name
    k = _lead_length(lex, v, core)
    general = not k and dim in v.opening_dims
    if general:
        k = _lead_length(lex, v, core, general=True)
    if not k:
        return _adverbs_before_act(lex, v, name)
    rest = core[k:]
    first = tagged(rest)[0]
    if rest.startswith(tuple(v.defining)) or not _noun_ok(lex, v, rest) or (first[1].startswith("v") and len(first[0]) >= 2):
        return name  # 优化调整省级开发区: a verb of no class follows, the name stays
    words = tagged(rest)
    if general and (first[1] not in v.opening_rest_tags or len(first[0]) < 2 or words[-1][1] not in v.opening_head_tags
                    or any(t in v.opening_verb_tags or (t == "vn" and j < len(words) - 1)
                           for j, (_, t) in enumerate(words))
                    or rest.endswith(tuple(v.opening_measure_ends))):
        return name  # 提高大病保险最高支付限额, 提请…审议地方性法规, 对接…建设重点平台: no noun phrase alone follows
        # the verb (集聚区企业: a word of one character, the segmenter lacks the compound; a head no common noun);
        # 出让矿业权成交价: the verb and its object say whose measure it is
    return rest + growth


def _adverbs_before_act(lex, v, name: str) -> str:
    """基本建成国家区域医疗中心: adverbs (metric_action_adverbs, whole words of the segmenter) before an act that defines
    the things (defining) go; the act stays (建成国家区域医疗中心)."""
    at, words = 0, tagged(name)
    for word, _ in words:
        if word not in v.action_adverbs:
            break
        at += len(word)
    rest = name[at:]
    if at and rest.startswith(tuple(v.defining)) and _noun_ok(lex, v, rest):
        return rest
    return name


def _selected_after(lex, v, text: str, m, name: str) -> str:
    """15项做法入选中国改革年度案例: the counted noun right after the number (an owner named before the number stays:
    湖南自贸试验区2项创新成果入选…), then a selection or an award (selecting) that ends the clause: the things counted are
    those selected (入选中国改革年度案例的做法; 获批职业本科大学)."""
    w = extraction_words()
    after = text[m.tail:m.clause[1]].translate(QUOTES)
    end = v.clause_end_re.search(after)
    after = after[:end.start()] if end else after
    if w.of_word in name or lex.growth_re.search(name):
        return name
    # 湖南自贸试验区2项创新成果入选…: the owner named before the number, the counted noun after it
    noun = next((name[k:] for k in range(len(name) - 1) if after.startswith(name[k:])), "")
    if not noun:
        return name
    rest = after[len(noun):]
    verb = next((s for s in sorted(v.selecting, key=len, reverse=True) if rest.startswith(s)), "")
    if (not verb or len(rest) > v.selected_max or v.number_re.search(rest) or w.of_word in rest
            or tagged(rest)[0][0] != verb or (rest != verb and tagged(rest)[-1][1].startswith(("v", "a", "d")))):
        return name  # 获得感增强 is no selection: the verb is a whole word, what is reached a noun
    if rest == verb or rest.endswith(noun):
        return rest if rest != verb else rest + name  # 3个集群获评国家先进制造业集群: the class reached names them
    return rest + w.of_word + name


def _defining_after(lex, v, text: str, ms, i: int, name: str) -> str:
    """53个重大项目建成投运, 5项预期性指标、1项约束性指标未能如期完成: a count whose counted noun (its name, right after
    the number) is followed, up to the end of its clause, by an act of defining_after (adverbs before it dropped), or
    by a list mark and the next count of the clause that is: named by the act (开工重大项目; with its object, by 的:
    纳入职业伤害保障的新就业形态人员)."""
    w = extraction_words()
    m = ms[i]
    if m.rank or _dim(lex, m) not in COUNT_DIMS or len(name) < 2 or w.of_word in name or lex.growth_re.search(name):
        return name
    end, k = m.clause[1], i
    pos = m.tail + len(name)
    if text[m.tail:pos].translate(QUOTES) != name or tagged(name)[-1][1] in ("c", "p", "u", "uj"):
        return name  # 特色项目投用或开工: the name holds the first of two acts, no noun alone
    while text.startswith("、", pos):  # 5项预期性指标、1项约束性指标未能如期完成: the act of the list's last item
        k += 1
        if k >= len(ms) or ms[k].clause != m.clause or ms[k].s - ms[k].prefix_len != pos + 1:
            return name
        nxt = ms[k].metric_zh or ""
        if not nxt or not text.startswith(nxt, ms[k].tail):
            return name
        pos = ms[k].tail + len(nxt)
    rest = text[pos:end].translate(QUOTES)
    lead = re.match(f"(?:{alternation(v.action_adverbs)})*", rest)
    act = rest[lead.end():] if lead else rest
    if len(act) > v.selected_max or v.number_re.search(act) or w.of_word in act:
        return name
    if act in v.defining_after:
        return act + (w.of_word if len(act) > 4 else "") + name  # 开工重大项目, 未能如期完成的预期性指标
    verb = next((x for x in v.defining_after_object if act.startswith(x)), "")
    obj = tagged(act[len(verb):]) if verb else ()
    if not obj or not obj[0][1].startswith(("n", "j")) or any(tag in ("d", "ad", "p", "c", "m", "u", "uj", "r") for _, tag in obj):
        return name  # 179个重大项目开工建设进展顺利: no act with its object that closes the clause (a noun opens it)
    return act + w.of_word + name


def _predicate(lex, v, text: str, m, name: str) -> str:
    """The counted noun right after the number, then a predicate: a policy predicate goes, a defining one becomes a
    modifier, a verb of neither class stays and the name is marked unsure (Mention.name_unsure, read by english.english)."""
    w = extraction_words()
    after = text[m.tail:m.clause[1]].translate(QUOTES)
    if not after.startswith(name) or w.of_word in name or lex.growth_re.search(name):
        return name
    for become in v.become_words:  # 11个县被认定为国家义务教育优质均衡发展县
        at = name.find(become)
        if at >= 1:
            noun, what = name[:at], name[at + len(become):]
            if what.endswith(noun[-1:]) and _noun_ok(lex, v, what):
                return what
    words = tagged(name)
    for k in range(1, len(words)):
        word, tag = words[k]
        noun = "".join(x for x, _ in words[:k])
        pred = "".join(x for x, _ in words[k:])
        if len(noun) < 2 or words[k - 1][1] not in w.predicate_noun_tags:
            continue
        if any(t.startswith("p") or (t == "v" and len(x) >= 2) for x, t in words[:k]):
            return name  # 中心镇按照小城市标准规划建设, 县开展全域幸福河湖建设: a preposition or a verb inside, no noun
        if word in v.policy_predicates:
            return noun
        if word in v.closing_predicates and k == len(words) - 1:
            return noun if _noun_ok(lex, v, noun) and len(words[k - 1][0]) >= 2 else name  # not 卫生院提质建设
        if word in v.defining_predicates:
            if k == len(words) - 1:
                return pred + noun  # 2所职业本科大学获批: 获批职业本科大学
            return pred.replace(v.particle, "") + w.of_word + noun
        general = _general_predicate(lex, v, m, noun, list(words[k:]))
        if general:
            return general
        if tag in ("v", "d", "ad", "a") and len(word) >= 2 and words[k - 1][1] in w.predicate_noun_tags \
                and word not in v.defining and words[-1][1] in ("v", "vn") and len(words) - k >= 2:
            m.name_unsure = True  # 3个省实验室高效运营 with a verb the lexicon does not class: the name ends in it
            return name
    return name


def _defining_act(lex, v, text: str, m, name: str) -> str:
    """筹集保障性租赁住房30.3万套, 建设10个A、60个B、【120个】C: the act (defining) that opens the clause governing a
    count, an area or a length, each item of its list without a verb of its own, stands before the noun."""
    dim = lex.units.get(m.unit, {}).get("dim", "") if m.unit else m.base_unit
    if m.rank or dim not in MADE_DIMS or lex.growth_re.search(name) or m.distributed:
        return name
    cs = m.clause[0]
    seg = text[cs:m.s - m.prefix_len].translate(QUOTES)
    if any(x in seg for x in lex.creation_not_after):
        return name
    prev = None
    while prev != seg:
        prev, seg = seg, lex.strip_prefix_re.sub("", seg)
    adverbs = f"(?:{alternation(v.action_adverbs)})*"
    act = re.match(f"{adverbs}((?:{alternation(v.defining)})+)", seg)  # 建设筹集保障性住房: the acts together
    if not act:
        return name
    verb = act.group(1)
    words, at = tagged(seg), 0
    for word, _ in words:  # the verb is whole words of the clause (not 建成区, 建设用地)
        if at >= act.end(1):
            break
        at += len(word)
    if at != act.end(1) or name.startswith(verb) or verb in name:
        return name
    rest = seg[act.end(1):]
    level = v.level_verbs
    if any(x in rest + text[m.s - m.prefix_len:m.s] for x in level) or any(x in name for x in level):
        return name  # 新增百亿县4个、总数达到40个: the total is no addition
    for item in v.item_split_re.split(rest):  # every item before the number has no verb of its own
        item = v.number_re.sub("", item).lstrip(v.item_classifiers)
        if item and tagged(item)[0][1].startswith("v") and len(tagged(item)[0][0]) >= 2:
            return name
    if rest and not (rest.endswith(name) or v.number_re.search(rest) or name.startswith(rest.lstrip(v.list_marks))):
        return name  # the clause's words before the number are not this name's nor a list of numbers
    words = tagged(name)
    if (words and words[0][1].startswith("v") and len(words[0][0]) >= 2) or name.startswith(tuple(v.defining)):
        return name  # the name opens with a verb of its own
    return verb + name


def _general_predicate(lex, v, m, noun: str, pred: list) -> str:
    """A count's noun right after the number, then a predicate the lexicon does not class: adverbs of the segmenter
    (opening_adverb_tags, predicate_adverb_tags) and a verb (opening_verb_tags) that is no act kept in a name. After
    adverbs and without an object (省级区域医疗中心高效运行) it says how the things fare and goes. "" (the rule does not
    apply) with an object (企业开展技术改造: a modifier …的企业 broke compound nouns the segmenter tags as verbs), for a
    verb alone without an adverb (园区启用), not a count, a number, a preposition or a pronoun inside, longer than
    selected_max, or no noun (_noun_ok) before it."""
    if _dim(lex, m) not in COUNT_DIMS or not _noun_ok(lex, v, noun):
        return ""
    at = 0
    while at < len(pred) and pred[at][1] in v.predicate_adverb_tags and len(pred[at][0]) >= 2:
        at += 1
    if at >= len(pred) or pred[at][1] not in v.opening_verb_tags or len(pred[at][0]) < v.opening_verb_min \
            or _kept_act(lex, v, pred[at][0]) or pred[at][0] in v.defining_predicates:
        return ""
    text = "".join(x for x, _ in pred)
    if len(text) > v.selected_max or v.number_re.search(text) or extraction_words().of_word in text \
            or any(t.startswith(("p", "r", "u", "m")) for _, t in pred):
        return ""
    rest = pred[at + 1:]
    if at and all(t in (*v.opening_verb_tags, *v.predicate_adverb_tags, "vn") for _, t in rest):
        return noun  # 高效运行, 显著提升: how the things fare (an adverb says it is no act that names them)
    return ""
