"""Shapes of a name a reader of a statistics table needs, read last (after naming.py, name_form.py, name_verbs.py
and name_lists.py): only metric_zh changes here, the concept and the sector keep reading the rules' name.
The words are lexicon.yaml `name_shapes` (docs/CONVENTIONS.md, metric_zh):

- a list's enumeration mark at a name's start (①补充配置农村义务教育学校电脑, （三）…): no part of the name;
- a gap of a growth rate over a benchmark (地方一般公共预算收入增长2.6%、高于全国0.9个百分点): the gap is of the rate,
  the name says so (地方一般公共预算收入增速高于全国); a gap of a level or of a rate that is itself the measure
  (城镇化率高于全国) stays as it is;
  the gaps of a list said once (甲、乙增速分别高于全国12.7个、12个百分点) are each item's (甲增速高于全国);
- a closing act of reach before a count of people or households (长期护理保险覆盖5634万人, 育儿补贴惠及12万户): the
  count is of those reached, named by the unit's noun (长期护理保险覆盖人数, 育儿补贴惠及户数);
- a change over a period named by nothing else (一般公共预算收入累计完成3.7万亿元，5年增长18.7%): the change of what
  the number before in the sentence measures (一般公共预算收入5年增长);
- a name opened by 的 (cut from its modifier): 的 right before the number goes, a threshold before it in its list item
  comes back (投资2000万元以上的技改项目);
- a scope or a preposition said once in a 分别 list (甲、乙、丙限上零售额分别…; 对甲、乙出口分别…): every item's;
- two numbers joined as a pair after a name opened by a pair word (城乡低保标准提高到740元/月和485元/月): the members
  in order (城镇低保标准, 农村低保标准);
- a share cut to end on its verb (工业税收占全部税收比重从34.6%…; 民营经济主体占97.2%): its whole and share noun come back
  (工业税收占全部税收比重), or it is the thing's share (民营经济主体占比);
- an act said once before a list of counted things (处置批而未供土地33.2万亩、闲置土地2.8万亩): every item's (处置闲置土地);
- a measure said once after 分别 behind a verb (交通、水利分别完成投资…): every item's (交通投资); a growth said once after 分别
  before a run of rates (…，分别增长6.7%、39.6%): every rate's;
- a count of things followed by a predicate that defines them (6家省属企业完成集团层面重组整合): the things so defined
  (完成集团层面重组整合的省属企业).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .mention import extraction_words
from .name_words import QUOTES, right_noun
from .phrase import tagged


def shapes(lex, text: str, ms) -> None:
    """Repair the shapes above in the names of one sentence's mentions, in order."""
    w = lex.name_shapes
    for i, m in enumerate(ms):
        name = m.metric_zh or ""
        mark = w.enumeration_re.match(name)
        if mark and len(name) - mark.end() >= w.min_noun:
            name = name[mark.end():]
        name = _cut_modifier(w, text, m, name)
        name = _growth_gap(lex, w, text, ms, i, name)
        name = _shared_gap(w, text, m, name)
        name = _reach(w, m, name, text[m.tail:m.tail + 1])
        name = _share_whole(w, text, m, name)
        m.metric_zh = _period_change(lex, w, text, ms, i, name)
    _pairs(lex, w, text, ms)
    _list_shares(lex, w, text, ms)
    _run_names(lex, w, text, ms)
    _shared_acts(lex, w, text, ms)
    _respective_growth(lex, w, text, ms)
    for m in ms:
        m.metric_zh = _defined_count(lex, w, text, m)


def _share_whole(w, text: str, m, name: str) -> str:
    """工业税收占全部税收比重从34.6%提升到49%: a share's name cut to end on its verb (工业税收占) takes back the whole and
    the share noun said between the verb and the number (工业税收占全部税收比重); a share said of nothing (民营经济主体占97.2%)
    is the thing's share (民营经济主体占比). Only for a percentage, only when the verb is in the number's clause."""
    verb = w.share_verb
    if m.unit != w.percent or not name.endswith(verb) or len(name) <= len(verb):
        return name
    start = m.s - m.prefix_len
    at = text.rfind(verb, m.clause[0], start)
    if at < 0:
        return name
    after = text[at + len(verb):start]
    whole = w.share_whole_re.match(after)
    if whole:
        return name + whole.group(1) + whole.group(2)
    return name[:-len(verb)] + w.share_noun if w.share_bare_re.fullmatch(after) else name


@lru_cache(maxsize=4)
def _act_re(acts: tuple, links: str) -> re.Pattern:
    one = "|".join(sorted(map(re.escape, acts), key=len, reverse=True))
    return re.compile(f"(?:{one})(?:[{re.escape(links)}]?(?:{one}))*")


def _shared_acts(lex, w, text: str, ms) -> None:
    """处置批而未供土地33.2万亩、闲置土地2.8万亩; 建成投产3个露天煤矿和15个井工煤矿: an act said once before a list of
    counted things (lexicon shared_acts) is every item's (处置闲置土地, 建成投产井工煤矿): a count of things dealt with is no
    stock. Only for an item that is a noun phrase of its own (the words between the list's gap and its number, or the
    noun after its number, none a verb by the segmenter), in the same clause and of the same dimension as the item before."""
    acts = _act_re(w.shared_acts, w.act_links)
    for a, b in zip(ms, ms[1:]):
        head = acts.match(a.metric_zh or "")
        name = b.metric_zh or ""
        if not head or len(a.metric_zh) - head.end() < 2 or not _item_of(w, text, a, b) or _dim(lex, a) != _dim(lex, b) \
                or b.unit == w.percent or acts.match(name) or lex.list_verb_re.match(name) or lex.growth_re.search(name) \
                or name.startswith(w.reach_verbs) or _own_measure(lex, w, a.metric_zh, name):
            continue
        words = tagged(name)
        if len(name) >= 2 and not words[0][1].startswith("v") and words[-1][1].startswith("n"):
            b.metric_zh = head.group() + name  # the next item, now opened by the act, hands it on


def _own_measure(lex, w, first: str, name: str) -> bool:
    """人形机器人产量 after 新增智能工厂和数字化车间80家: an item naming a measure of its own that the item before does not
    name (产量) is no count of the act; a measure of what is dealt with (act_measures: 治理…、石漠化面积) is."""
    end = next((e for e in sorted(lex.measure_endings, key=len, reverse=True) if name.endswith(e)), "")
    return bool(end) and not first.endswith(end) and end not in w.act_measures


def _item_of(w, text: str, a, b) -> bool:
    """b is the next item of a's list: one joiner, then b's name, then b's number (or the joiner, b's number and
    its noun after it), in a's clause."""
    if b.clause != a.clause or not b.metric_zh:
        return False
    between = text[a.tail:b.s - b.prefix_len].translate(QUOTES)
    own = next((k for k in range(len(a.metric_zh) - 1) if between.startswith(a.metric_zh[k:])), -1)
    between = between[len(a.metric_zh) - own:] if own >= 0 else between  # a's own noun after its number
    if between[:1] not in w.act_joiners or not between:
        return False
    return between[1:] == b.metric_zh or (len(between) == 1 and text.startswith(b.metric_zh, b.tail))


def _dim(lex, m) -> str:
    return lex.units.get(m.unit, {}).get("dim", "") if m.unit else ""


def _run_names(lex, w, text: str, ms) -> None:
    """A number left without a name that stands in a run of numbers of one counted noun (12类55件民生实事, 6.1万户14.2万名
    防返贫监测对象, 7.8万户、22.9万人…; nothing but run_joiners between them) takes the name of the run's last number, or the
    noun after it when that has none (民生实事): never an empty name where the sentence says what is counted."""
    for i, m in enumerate(ms):
        if m.metric_zh:
            continue
        j = i
        while j + 1 < len(ms) and ms[j + 1].clause == m.clause \
                and not text[ms[j].tail:ms[j + 1].s - ms[j + 1].prefix_len].strip(w.run_joiners):
            j += 1
        if j == i:
            continue
        last = ms[j]
        name = last.metric_zh or right_noun(text, last.tail, last.clause[1], lex)
        if len(name) >= w.min_noun - 1:
            for k in range(i, j + 1):
                ms[k].metric_zh = ms[k].metric_zh or name


def _list_shares(lex, w, text: str, ms) -> None:
    """新能源汽车、智能家电、智能手机限上零售额分别增长…: a scope said once between a 分别 list's last item and its shared
    measure is every item's (新能源汽车限上零售额增长; lexicon list_scopes), and a preposition that opens the list is
    every item's (对共建一带一路国家、非洲、欧洲出口分别增长: 对非洲出口增长; list_prepositions)."""
    groups: list[list] = []
    cur: list = []
    for m in ms:
        if cur and (not m.distributed or m.clause != cur[-1].clause):
            groups.append(cur)
            cur = []
        if m.distributed:
            cur.append(m)
    groups.append(cur)
    for g in (g for g in groups if len(g) > 1):
        _respective_measure(lex, w, text, g)
        _list_closing_act(lex, w, g)
        cores = [lex.growth_re.sub("", m.metric_zh or "") for m in g]
        last = cores[-1]
        scope = next((sc for sc in w.list_scopes if last.find(sc) > 0 and len(last) - last.find(sc) - len(sc) >= 2
                      and not extraction_words().share_zh_re.search(last[:last.find(sc)])), "")  # not 占规模以上工业比重
        shared = last[last.find(scope) + len(scope):] if scope else ""
        prep = next((p for p in w.list_prepositions if cores[0].startswith(p)), "")
        for m, core in zip(g, cores):
            name = m.metric_zh
            if scope and core.endswith(shared) and scope not in core and len(core) > len(shared):
                name = core[:len(core) - len(shared)] + scope + name[len(core) - len(shared):]
            if prep and not name.startswith(prep):
                name = prep + name
            m.metric_zh = name


def _respective_measure(lex, w, text: str, g) -> None:
    """交通、能源、水利分别完成投资3252亿元、2140亿元、748亿元: a measure said once after 分别, behind a verb (lexicon
    respective_verbs), is every item's (交通投资), when an item names no measure of its own (not 农村自来水、卫生厕所覆盖率
    分别达到…) and the measure is a measure noun (not 分别完成25%: nothing after the verb)."""
    first = g[0]
    at = text.rfind(w.respectively_word, first.clause[0], first.s)
    if at < 0:
        return
    said = text[at + len(w.respectively_word):first.s - first.prefix_len]
    verb = next((v for v in w.respective_verbs if said.startswith(v)), "")
    measure = said[len(verb):]
    if not verb or not w.respective_measure_re.fullmatch(measure) \
            or not (measure.endswith(lex.measure_endings) or measure in w.respective_nouns):
        return
    for m in g:
        name = m.metric_zh or ""
        if len(name) >= 2 and not name.endswith(measure) and not name.endswith(lex.measure_endings) \
                and not lex.growth_re.search(name):
            m.metric_zh = name + measure


def _respective_growth(lex, w, text: str, ms) -> None:
    """接待国内游客4.16亿人次、入境游客936万人次，分别增长6.7%、39.6%: a growth said once after 分别 before a run of
    percentages (nothing but list gaps between them) is every rate's (入境游客增长), when a rate's name has none."""
    grow = ""
    for i, m in enumerate(ms):
        start = m.s - m.prefix_len
        before = text[m.clause[0]:start]
        head = next((g for g in lex.growth_re.finditer(before) if g.end() == len(before)), None)
        if m.unit == w.percent and head and before[:head.start()].endswith(w.respectively_word):
            grow = head.group()  # the run's first rate
        elif not (grow and m.unit == w.percent and i and ms[i - 1].clause == m.clause
                  and not text[ms[i - 1].tail:start].strip(w.run_joiners)):
            grow = ""
        name = m.metric_zh or ""
        if grow and len(name) >= 2 and not lex.growth_re.search(name):
            m.metric_zh = name + grow


def _list_closing_act(lex, w, g) -> None:
    """省级政务信息系统、自建非涉密业务专网、政务移动应用整合分别完成25%、50%、20%: an act closing a 分别 list's last item
    (lexicon list_closing_acts) is every item's (省级政务信息系统整合), when no item before names an act of its own."""
    last = lex.growth_re.sub("", g[-1].metric_zh or "")
    act = next((a for a in w.list_closing_acts if last.endswith(a) and len(last) - len(a) >= 2), "")
    if not act or any(lex.growth_re.sub("", m.metric_zh or "").endswith(w.list_closing_acts) for m in g[:-1]):
        return
    for m in g[:-1]:
        name = m.metric_zh or ""
        core = lex.growth_re.sub("", name)
        if len(core) >= 2 and name.startswith(core):
            m.metric_zh = core + act + name[len(core):]


def _defined_count(lex, w, text: str, m) -> str:
    """6家省属企业完成集团层面重组整合; 19个重大事项纳入新时代中部地区崛起文件; 85.2%的改革试点任务落地实施: a count of
    things named by the noun after its number, that noun followed by a predicate that defines them and closes the clause
    (lexicon defining_predicates), counts the things so defined (完成集团层面重组整合的省属企业). Not for a predicate that
    carries a number (完成投资10亿元) or runs on past the clause."""
    name = m.metric_zh or ""
    unit = m.unit[len(m.mag):] if m.mag and m.unit.startswith(m.mag) else m.unit
    if len(name) < 2 or not (unit == w.percent or lex.units.get(unit, {}).get("dim") in ("count", "person")):
        return name
    at = m.tail + (len(w.of_word) if text.startswith(w.of_word + name, m.tail) else 0)
    if not text.startswith(name, at):
        return name
    rest = text[at + len(name):m.clause[1]]
    hit = w.defining_re.fullmatch(rest)
    return hit.group(1).translate(QUOTES) + w.of_word + name if hit else name


def _pairs(lex, w, text: str, ms) -> None:
    """城乡低保标准提高到不低于740元/月和485元/月: two numbers joined as a pair after a name that opens with a pair word
    (lexicon respectively_pairs: 城乡 -> 城镇, 农村) are the pair's members in order (城镇低保标准, 农村低保标准), when no
    third number shares the name."""
    for i in range(1, len(ms)):
        a, b = ms[i - 1], ms[i]
        name = a.metric_zh or ""
        pair = next((k for k in sorted(lex.respectively_pairs, key=len, reverse=True) if name.startswith(k)), None)
        if not pair or b.metric_zh != name or len(lex.respectively_pairs[pair]) != 2 \
                or not w.pair_between_re.fullmatch(text[a.tail:b.s - b.prefix_len]) \
                or (i > 1 and ms[i - 2].metric_zh == name) or (i + 1 < len(ms) and ms[i + 1].metric_zh == name):
            continue
        first, second = lex.respectively_pairs[pair]
        a.metric_zh, b.metric_zh = first + name[len(pair):], second + name[len(pair):]


def _previous(ms, i: int):
    """The mention before in the same sentence."""
    return ms[i - 1] if i else None


def _cut_modifier(w, text: str, m, name: str) -> str:
    """A name opened by 的, cut from its modifier: 推进好总投资1.78万亿元的289个省重点项目 (的 right before the number: the
    modifier is another measure of the things, 省重点项目); 投资2000万元以上的技改项目3000个 (a threshold before 的 in the
    same list item: it says which things are counted, 投资2000万元以上的技改项目)."""
    of = w.of_word
    if not name.startswith(of) or len(name) - len(of) < w.min_noun:
        return name
    start = m.s - m.prefix_len
    if text[start - len(of):start] == of:
        return name[len(of):]
    at = text.rfind(name, m.clause[0], start)
    if at < 0 or at + len(name) != start:
        return name
    item = text[m.clause[0]:at]
    gap = max(item.rfind(c) for c in w.list_gaps)
    modifier = item[gap + 1:]
    return modifier + name if w.threshold_modifier_re.fullmatch(modifier) else name


def _growth_gap(lex, w, text: str, ms, i: int, name: str) -> str:
    """规模工业企业利润增长4.1%、高于全国8.8个百分点: the name of the gap carries the rate it compares
    (规模工业企业利润增速高于全国), when the number before, in its own list item right before, is a growth rate."""
    m, prev = ms[i], _previous(ms, i)
    hit = w.gap_re.fullmatch(name)
    if not hit or prev is None or m.unit not in w.gap_units or prev.unit != w.percent \
            or not lex.growth_re.search(prev.metric_zh or ""):
        return name
    between = text[prev.tail:m.s - m.prefix_len]
    if not w.gap_between_re.fullmatch(between):
        return name
    thing = hit.group(1)
    if thing.endswith(w.rate_words) or lex.growth_re.search(thing):
        return name  # 城镇化率高于全国: the rate is the measure; 增长 kept by another rule
    average = w.average_word if w.average_word in lex.growth_re.search(prev.metric_zh).group() else ""
    return thing + average + w.rate_word + name[len(thing):]  # 年均增长11.5%、高于全国1个百分点: 年均增速


def _shared_gap(w, text: str, m, name: str) -> str:
    """工业技改投资、制造业技改投资增速分别高于全国12.7个、12个百分点: a list's gaps over a benchmark said once before
    its numbers are each item's (工业技改投资增速高于全国, 制造业技改投资增速高于全国)."""
    if m.unit not in w.shared_gap_units or not name or w.gap_re.fullmatch(name):
        return name
    hit = w.shared_gap_re.search(text[m.clause[0]:m.s - m.prefix_len])
    if not hit:
        return name
    rate = name[-2:] if name.endswith(w.rate_words[:2]) else ""
    return name[:len(name) - len(rate)] + (rate or w.rate_word) + hit.group(1)


def _reach(w, m, name: str, after: str) -> str:
    """长期护理保险覆盖5634万人: a closing act of reach before a count of people or households names the count
    (长期护理保险覆盖人数), when the number closes its clause (not 惠及616.2万名近亲属, 覆盖20万人口以上的县: the noun
    after it is counted); an act alone (惠及, or after a list gap) stays as it is, with nothing to name."""
    noun = w.reach_nouns.get(m.unit[len(m.mag):] if m.mag and m.unit.startswith(m.mag) else m.unit)
    if not noun or not name.endswith(w.reach_verbs) or (after and after not in w.clause_ends):
        return name
    verb = next(v for v in sorted(w.reach_verbs, key=len, reverse=True) if name.endswith(v))
    if len(name) == len(verb) or name[-len(verb) - 1] in w.list_gaps:
        return name  # 惠及, 提高城乡居民基础养老金、惠及: the act alone, its owner not before it
    return name + noun


def _period_change(lex, w, text: str, ms, i: int, name: str) -> str:
    """一般公共预算收入累计完成3.7万亿元，5年增长18.7%: a change over a period named by nothing else is the change of
    what the number before in the sentence measures (its name without its own growth word)."""
    m, prev = ms[i], _previous(ms, i)
    if prev is None or not w.period_change_re.fullmatch(name) \
            or text[prev.tail:ms[i].s - m.prefix_len].lstrip(w.list_gaps) != name:
        return name
    owner = lex.growth_re.sub("", prev.metric_zh or "")
    words = extraction_words()
    if len(owner) < w.min_noun or owner in words.bare_heads or owner in words.bare_words \
            or w.period_change_re.fullmatch(owner):
        return name
    return owner + name
