"""Whose quantity it is: empty for the report's own region; else the entity the sentence names
(a company or group, a development zone or park, a city, 全国 for a national figure). Patterns in
lexicon.yaml `subjects`."""

from __future__ import annotations

import re
from functools import lru_cache

from .phrase import tagged

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=1)
def _patterns():
    from ..language import lexicon

    cfg = lexicon.load().subjects
    alt = "|".join(re.escape(w) for w in sorted(cfg["entities"], key=len, reverse=True))
    # another province or region that opens the clause (浙江省投入帮扶资金); the own one is dropped later
    regions = "|".join(re.escape(r) for r in sorted(lexicon.load().regions, key=len, reverse=True))
    words = lexicon.load().extraction
    entity = re.compile(f"(?:{alt}){words.entity_suffix_re.pattern}" + "|" + cfg["entity_pattern"]
                        + f"|^(?:{regions}){words.region_place_suffix_re.pattern}")
    return (entity, re.compile(cfg["not_entity"]), re.compile(cfg["national"]), re.compile(cfg["zone_pattern"]),
            re.compile(cfg["soe_group"]))


def _entities(s: str) -> list[str]:
    """The entities named in s, not those a number follows (组建医疗集团39个: what is counted)."""
    entity = _patterns()[0]
    return [x.group() for x in entity.finditer(s) if not _not_subject(x.group())
            and not _counted().match(s, x.end())]


def _not_subject(name: str) -> bool:
    """A generic group or the region itself (lexicon `subjects.not_entity`), or a phrase opened by an action verb
    (发挥千亿级开发区龙头引领作用, 出台广东自贸试验区提升战略行动方案, 办理市人大代表议案: what the government does
    with it, not whose figure follows; lexicon `metric_action_verbs`)."""
    from ..language import lexicon

    act = lexicon.load().action_start_re
    return bool(_patterns()[1].search(name) or (act is not None and act.match(name)))


@lru_cache(maxsize=1)
def _counted() -> re.Pattern:
    """What follows an entity that a number counts: the number (组建医疗集团39个), also after 等 closing a list of
    examples, also from an earlier item of that list (甲集团、中豫航空集团等19家企业: the members of what is counted)."""
    from ..language import lexicon

    w = lexicon.load().extraction
    return re.compile(r"\s*(?:(?:" + re.escape(w.list_comma) + r"[^，,；;。、\d]{1,12})*" + re.escape(w.examples_word)
                      + r"\s*)?(?:\d|$)")


_SEMICOLONS = "；;"
_CLAUSE_SPLIT = re.compile(r"[，,；;：:]")
_EARLIER_ITEMS = re.compile(r"(?:\d[\d.]*[^\d，,；;：:、]*、)+$")


def _continues(clause_before: str) -> bool:
    """Is the clause before the number only a growth word, after adverbs (分别增长, 同比增长)?"""
    from ..language import lexicon

    lex = lexicon.load()
    rest = _EARLIER_ITEMS.sub("", clause_before.strip())  # 分别增长8.3%、 before 7.9%
    for a in sorted(lex.extraction.growth_adverbs, key=len, reverse=True):
        rest = rest.removeprefix(a)
    return bool(rest) and lex.growth_re.fullmatch(rest) is not None


def _counts_zone(zone: str, m, clause_before: str) -> bool:
    """Is a zone's kind what the count counts (全国重点实验室达6家 after 太行国家实验室…; 新增国家级开发区1家 after
    开发区…): a count (lexicon count_classifiers) whose name or own clause has the zone's head (its last
    subjects.zone_head_chars characters)?"""
    from ..language import lexicon

    lex = lexicon.load()
    head = zone[-int(lex.subjects["zone_head_chars"]):]
    if clause_before.startswith(zone) and clause_before[len(zone):].startswith(tuple(lex.subjects["zone_count_words"])):
        return True  # 通用机场数量全国第一: the zones' number is what is measured
    if m.base_unit not in lex.count_classifiers:
        return False
    rest = m.metric_zh.replace(zone, "")
    nouns = lex.subjects["counted_noun_tags"]
    return head in rest or head in clause_before[len(zone):] or not any(t in nouns for _, t in tagged(rest))


def _owner_before_count(clause_before: str, after: str) -> list[str]:
    """An entity right before the number whose counted noun follows it (资兴市4112户受灾群众…: the city's households)
    owns the count; one with no noun after the number is what is counted (组建医疗集团39个)."""
    from ..language import lexicon

    entity = _patterns()[0]
    hit = next((x for x in entity.finditer(clause_before) if x.end() == len(clause_before)
                and not _not_subject(x.group())), None)
    if hit is None:
        return []
    words = tagged(re.split(r"[^\u4e00-\u9fff]", after, maxsplit=1)[0][:8])[:2]  # the noun may follow a modifier: 受灾群众
    nouns = lexicon.load().subjects["counted_noun_tags"]
    return [hit.group()] if any(t in nouns for _, t in words) else []


def _zone(s: str, number_follows: bool = False):
    """The zone that opens `s` (lexicon subjects.zone_pattern), or None. A zone right before a number (自贸试验区3项创新
    成果) owns only that number: the mention's own when `number_follows` (`s` is the clause before it), never a later one
    (省实验室27家、产业技术研究院6家: 6家 is not the labs')."""
    zone = _patterns()[3].match(s + "0" if number_follows else s)
    if zone is not None and zone.end(1) < len(s) and s[zone.end(1)].isdigit():
        return None
    return zone


def of(text: str, m, s0: int, doc) -> str:
    """The subject of a mention (see the module docstring)."""
    from ..language import lexicon

    lex = lexicon.load()
    words = lex.extraction
    cs, ce = m.clause
    clause_before = text[cs:m.s]
    found = _entities(clause_before)
    if not found:
        found = _owner_before_count(clause_before, text[max(m.e, m.tail):ce])
    own = doc.region
    if not found and cs > s0:
        # the topic of the sentence ("包钢集团要…，力争营收达到1200亿元")
        first = re.split(r"[，,；;：:]", text[s0:m.s], maxsplit=1)[0]
        if words.topic_modal_re.search(first):
            found = _entities(first)
    if not found and cs > s0 and _continues(clause_before) and text[cs - 1] not in _SEMICOLONS:
        # a clause of growth rates alone continues the figures of the clause before (上海机场航空旅客和货邮吞吐量分别达到
        # 1.35亿人次、453.8万吨，分别增长8.3%、7.9%): whose they are is said there
        prev = _CLAUSE_SPLIT.split(text[s0:cs - 1])[-1]
        found = _entities(prev)
        zone = _zone(prev) if not found else None
        if zone and not _not_subject(zone.group(1)):
            return zone.group(1)
    found = [f for f in found if not (own and own in f)]
    if len(found) > 1 and words.respectively in clause_before:
        # 交通集团、文旅集团营收分别增长1.1倍和4.3倍: the n-th number is the n-th entity's
        k = len(_NUMBER.findall(clause_before[clause_before.rindex(words.respectively):]))
        if k < len(found):
            return found[k]
    if found:
        return found[-1]
    soe = _patterns()[4].match(clause_before)
    if soe and m.base_unit not in lex.subjects["soe_counted_units"] and words.examples_word not in clause_before:
        # their figure; not when the firms are counted (11家), nor one example of what is (区属国企重组…等163项改革任务)
        return soe.group(1)
    zone = _zone(clause_before, number_follows=True)
    if zone and not _not_subject(zone.group(1)) and not _counts_zone(zone.group(1), m, clause_before[zone.start(1):]):
        return zone.group(1)
    if doc.level != "national" and _patterns()[2].search(clause_before):
        return lex.national_region
    if cs > s0 and not re.search(r"[；;]", text[s0:cs]) \
            and not words.own_region_opening_re.match(clause_before):
        # a zone, park, laboratory or metropolitan area that opens the sentence is what it goes on to
        # measure (沈阳都市圈组建联盟11个，通办事项210项; 辽宁实验室快速成长，集聚科研人员698人), up to a
        # semicolon, unless the clause names the region itself (全省, 我省)
        first = re.split(r"[，,：:]", text[s0:m.s], maxsplit=1)[0]
        topic = _zone(first)
        # not a sentence that says what the zone is (天开高教科创园成为创新策源…，29家全国重点实验室…)
        if topic and not _not_subject(topic.group(1)) and not words.zone_identity_re.search(first) \
                and not _counts_zone(topic.group(1), m, text[cs:m.s]):
            return topic.group(1)
    return ""
