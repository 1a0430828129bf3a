"""Whose quantity it is: empty for the report's own region; else the entity the sentence names
(a company or group, a city, 全国 for a national figure). Patterns in lexicon.yaml `subjects`."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _patterns():
    from . import lexicon

    cfg = lexicon.load().raw["subjects"]
    alt = "|".join(re.escape(w) for w in sorted(cfg["entities"], key=len, reverse=True))
    entity = re.compile(f"(?:{alt})(?:集团|公司|股份)?" + "|" + cfg["entity_pattern"])
    return entity, re.compile(cfg["not_entity"]), re.compile(cfg["national"])


def _entities(s: str) -> list[str]:
    entity, not_entity, _ = _patterns()
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
    if found:
        return found[-1]
    if doc.level != "national" and _patterns()[2].search(clause_before):
        return "全国"
    return ""
