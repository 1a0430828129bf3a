"""Kinds of base unit, defined once: the rates (a gap between two of them is in percentage points) and the
units a page shows as they are, unscaled (rates, multiples and ranks: 增长4.3倍, 第2位)."""

from __future__ import annotations

RATE_UNITS = frozenset({"%", "个百分点"})
UNSCALED_UNITS = RATE_UNITS | {"倍", "位"}
SHARE_UNITS = frozenset({"%", "‰"})  # the units a share is written in (per cent, per mille)
