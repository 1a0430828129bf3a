"""Pairs of a result and a target of the same metric in one report (the 'result and target' tables and charts):
matched by concept, else by a similar Chinese name, within a paragraph or across the report."""

from __future__ import annotations

import re

import pandas as pd

from ..corpus.one_report import sector_rows
from ..extraction.schema import signed
from ..project import thresholds as T
from . import style
from .report import bound, display_value, value_range

_GROWTH_WORDS = re.compile(r"(同比|同口径)?(增长|增速|增幅|涨幅|提高|提升|上升|下降|降低)$")


def _similar(a: str, b: str) -> bool:
    """Names that share most of their characters, whichever order they come in (新增城镇就业/城镇新增就业)."""
    sa, sb = set(a), set(b)
    common = len(sa & sb)
    return common >= T.PAIR_NAME_MIN_COMMON and common / max(1, len(sa), len(sb)) >= T.PAIR_NAME_OVERLAP


def pairs(df: pd.DataFrame) -> pd.DataFrame:
    """A past result and a future target of the same metric, with the implied change.

    Rows match when they have the same base unit and measure and the same metric: the same
    curated English label (glossary), or Chinese names that share most of their characters.
    Each target takes its best (latest) achieved match; each result is used once.

    Linear in the number of rows for a given vocabulary of metric names: the results are grouped by
    (base unit, measure, name, glossary label), each group a stack of rows in the report's order;
    the groups a target's name matches are found once per distinct name through an index of the
    names' characters, and its match is the latest unused row on top of those stacks.
    """
    ach = df[df["kind"] == "achieved"]
    tgt = df[df["kind"] == "target"]
    groups: dict[tuple, _PairGroups] = {}
    for pos, (unit, measure, zh, en, source) in enumerate(zip(
            ach["base_unit"], ach["measure"], ach["metric_zh"], ach["metric_en"], ach["metric_en_source"])):
        if unit != unit or measure != measure:  # NaN matches nothing
            continue
        g = groups.get((unit, measure))
        if g is None:
            g = groups[(unit, measure)] = _PairGroups()
        g.add(pos, _GROWTH_WORDS.sub("", str(zh)), en if source == "glossary" else None)
    rows = []
    for pos, (unit, measure, zh, en, source) in enumerate(zip(
            tgt["base_unit"], tgt["measure"], tgt["metric_zh"], tgt["metric_en"], tgt["metric_en_source"])):
        g = groups.get((unit, measure)) if unit == unit and measure == measure else None
        if g is None:
            continue
        best = g.take(_GROWTH_WORDS.sub("", str(zh)), en if source == "glossary" else None)
        if best is not None:
            rows.append(_pair_row(ach.iloc[best], tgt.iloc[pos]))
    cols = ["sector", "sectors", "metric_en", "metric_zh_result", "metric_zh_target", "result", "target", "change",
            "change_value", "change_unit", "measure", "result_id", "target_id"]
    return pd.DataFrame(rows, columns=cols)


class _PairGroups:
    """The achieved rows of one (base unit, measure): stacks of row positions per (name, glossary label)."""

    def __init__(self):
        self.ids: dict[tuple, int] = {}
        self.stacks: list[list[int]] = []
        self.keys: list[str] = []
        self.by_en: dict[str, list[int]] = {}
        self.by_char: dict[str, list[int]] = {}
        self.matches: dict[tuple, list[int]] = {}

    def add(self, pos: int, key: str, en) -> None:
        sig = (key, en)
        i = self.ids.get(sig)
        if i is None:
            i = self.ids[sig] = len(self.stacks)
            self.stacks.append([])
            self.keys.append(key)
            for c in set(key):
                self.by_char.setdefault(c, []).append(i)
            if en is not None and en == en:
                self.by_en.setdefault(en, []).append(i)
        self.stacks[i].append(pos)

    def _matching(self, key: str, en) -> list[int]:
        """The groups whose rows match a target named `key` with glossary label `en`: the same label, or
        a name sharing at least two characters (found through the index) that passes _similar."""
        found = self.matches.get((key, en))
        if found is None:
            out = set(self.by_en.get(en, ())) if en is not None and en == en else set()
            common: dict[int, int] = {}
            for c in set(key):
                for i in self.by_char.get(c, ()):
                    common[i] = common.get(i, 0) + 1
            out.update(i for i, n in common.items() if n >= 2 and _similar(self.keys[i], key))
            found = self.matches[(key, en)] = sorted(out)
        return found

    def take(self, key: str, en) -> int | None:
        """The latest unused matching row (its position), now used; None when there is none."""
        best = None
        for i in self._matching(key, en):
            stack = self.stacks[i]
            if stack and (best is None or stack[-1] > self.stacks[best][-1]):
                best = i
        return None if best is None else self.stacks[best].pop()


def _pair_row(a, t) -> dict:
    """The change a target implies from a result, on the signed values (a fall is negative); a range
    target gives the change to both its ends."""
    word = bound(t)[1]
    bound_en = f"{word} " if word in ("at least", "at most", "about", "nearly", "over", "under") else ""
    va, vt = signed(a), signed(t)
    rng = value_range(t)
    ends = rng if rng is not None else (vt,)
    if t["measure"] == "level" and va:
        changes = [(x / va - 1) * 100 for x in ends]
        unit = "%"
        change = " to ".join(f"{c:+.1f}%" for c in changes)
        change = f"{bound_en}{change} implied change"
    else:
        changes = [x - va for x in ends]
        unit = "percentage points" if t["base_unit"] == "%" else style.quantity_en(1, t["base_unit"]).lstrip("1 ")
        change = f"{bound_en}{' to '.join(f'{c:+.1f}' for c in changes)} {unit}"
    change_value = changes[0]
    if t["qualifier"] in ("over", "at_least") and rng is None and change_value < 0:
        change += " (a floor below the past result)"
    elif all(abs(c) < T.FLOAT_TOLERANCE for c in changes):
        change = "unchanged" + (f" ({bound_en.strip()} the same value)" if bound_en else "")
    return {
        "sector": t["sector"], "sectors": t["sectors"],
        "metric_en": t["metric_en"], "metric_zh_result": a["metric_zh"], "metric_zh_target": t["metric_zh"],
        "result": display_value(a), "target": display_value(t), "change": change, "change_value": change_value,
        "change_unit": unit, "measure": t["measure"], "result_id": a["id"], "target_id": t["id"],
    }


def sector_pairs(df: pd.DataFrame, sector: str) -> pd.DataFrame:
    p = pairs(df)
    return sector_rows(p, sector)
