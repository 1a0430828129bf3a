"""Whose quantity it is: empty for the report's own region; else the entity the sentence names
(a company or group, a development zone or park, a city, 全国 for a national figure). Patterns in
lexicon.yaml `subjects`."""

from __future__ import annotations

import re
from functools import lru_cache

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=1)
def _patterns():
    from . import lexicon

    cfg = lexicon.load().raw["subjects"]
    alt = "|".join(re.escape(w) for w in sorted(cfg["entities"], key=len, reverse=True))
    entity = re.compile(f"(?:{alt})(?:集团|公司|股份)?" + "|" + cfg["entity_pattern"])
    return entity, re.compile(cfg["not_entity"]), re.compile(cfg["national"]), re.compile(cfg["zone_pattern"])


def _entities(s: str) -> list[str]:
    entity, not_entity, _, _ = _patterns()
    return [x.group() for x in entity.finditer(s) if not not_entity.search(x.group())]


def of(text: str, m, s0: int, doc) -> str:
    """The subject of a mention (see the module docstring)."""
    cs, _ = m.clause
    clause_before = text[cs:m.s]
    found = _entities(clause_before)
    if not found and cs > s0:
        # the topic of the sentence ("包钢集团要…，力争营收达到1200亿元")
        first = re.split(r"[，,；;：:]", text[s0:m.s], maxsplit=1)[0]
        if re.search(r"(?:要|将|须|必须)", first):
            found = _entities(first)
    own = doc.region
    found = [f for f in found if not (own and own in f)]
    if len(found) > 1 and "分别" in clause_before:
        # 交通集团、文旅集团营收分别增长1.1倍和4.3倍: the n-th number is the n-th entity's
        k = len(_NUMBER.findall(clause_before[clause_before.rindex("分别"):]))
        if k < len(found):
            return found[k]
    if found:
        return found[-1]
    zone = _patterns()[3].match(clause_before)
    if zone and not _patterns()[1].search(zone.group(1)):
        return zone.group(1)
    if doc.level != "national" and _patterns()[2].search(clause_before):
        return "全国"
    return ""
