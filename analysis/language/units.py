"""Kinds of base unit, defined once: the rates (a gap between two of them is in percentage points) and the
units a page shows as they are, unscaled (rates, multiples and ranks: 增长4.3倍, 第2位)."""

from __future__ import annotations

RATE_UNITS = frozenset({"%", "个百分点"})
UNSCALED_UNITS = RATE_UNITS | {"倍", "位"}
SHARE_UNITS = frozenset({"%", "‰"})  # the units a share is written in (per cent, per mille)


def unit_en(meta: dict, name: str = "") -> str:
    """A unit's English from its lexicon entry (`lexicon.load().units[unit]`): a classifier's English follows the
    noun it counts where the metric name holds one of its `en_by_noun` words (张床位 beds, 张卡 cards), else `en`."""
    return next((en for word, en in meta.get("en_by_noun", {}).items() if word in name), meta.get("en", ""))
