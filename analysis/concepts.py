"""The catalogue of metric concepts (``analysis/data/concepts.yaml``): a stable ID for what a
quantity measures, the same in every report, so that tables of different reports can be joined.

>>> from analysis import concepts
>>> concepts.catalogue().match("地区生产总值增长", "growth", "percent").id
'gdp_growth'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import DATA, _alternation, load_yaml

MEASURES = ("level", "growth", "share", "rank")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
KEYS = {"en", "names", "measures", "dims", "exclude", "headline", "direction"}


# words that do not change what is measured: 经济年均增长 is 经济增长 over several years (period says so)
_NORMALISE = re.compile(r"年均|同比|平均|全年|比上年|实际")


class CatalogueError(ValueError):
    """concepts.yaml is malformed (one line naming the entry and the key)."""


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    en: str
    names: tuple[str, ...]
    measures: tuple[str, ...] | None    # None: any measure
    dims: tuple[str, ...] | None        # None: any unit dimension
    exclude: re.Pattern | None
    headline: int = 0                   # position among the headline indicators (0: not one)
    ceiling: bool = False               # a target of it is a maximum (unemployment, CPI, deficit)

    def fits(self, metric_zh: str, measure: str, dim: str) -> bool:
        if self.measures is not None and measure not in self.measures:
            return False
        if self.dims is not None and dim not in self.dims:
            return False
        return not (self.exclude is not None and self.exclude.search(metric_zh))


class Catalogue:
    """All concepts; :meth:`match` names the concept of a metric."""

    def __init__(self, entries: dict, dims: set[str], source: str = "concepts.yaml"):
        self.concepts: dict[str, Concept] = {}
        self.by_name: dict[str, list[Concept]] = {}
        for cid, meta in entries.items():
            where = f"{source}: {cid}"
            if not isinstance(cid, str) or not _ID.match(cid):
                raise CatalogueError(f"{where}: an ID is lower_snake_case")
            if not isinstance(meta, dict) or set(meta) - KEYS:
                raise CatalogueError(f"{where}: unknown key(s) {sorted(set(meta) - KEYS) if isinstance(meta, dict) else meta}")
            if not isinstance(meta.get("en"), str) or not meta["en"]:
                raise CatalogueError(f"{where}: 'en' (the English label) is required")
            names = meta.get("names")
            if not isinstance(names, list) or not names:
                raise CatalogueError(f"{where}: 'names' must be a non-empty list")
            measures = meta.get("measures")
            if measures is not None and (not isinstance(measures, list) or set(measures) - set(MEASURES)):
                raise CatalogueError(f"{where}: 'measures' must be a list of {', '.join(MEASURES)}")
            d = meta.get("dims")
            if d is not None and (not isinstance(d, list) or set(d) - dims - {""}):
                raise CatalogueError(f"{where}: unknown unit dimension(s) in 'dims': {sorted(set(d) - dims - {''})}")
            try:
                exclude = re.compile("|".join(f"(?:{x})" for x in meta["exclude"])) if meta.get("exclude") else None
            except re.error as exc:
                raise CatalogueError(f"{where}: bad pattern in 'exclude': {exc}") from None
            if meta.get("direction", "floor") not in ("floor", "ceiling"):
                raise CatalogueError(f"{where}: 'direction' is floor or ceiling")
            if not isinstance(meta.get("headline", 0), int) or isinstance(meta.get("headline"), bool) \
                    or meta.get("headline", 0) < 0:
                raise CatalogueError(f"{where}: 'headline' is a position (1, 2 ...)")
            c = Concept(cid, meta["en"], tuple(str(n) for n in names), tuple(measures) if measures else None,
                        tuple(d) if d is not None else None, exclude, int(meta.get("headline", 0)),
                        meta.get("direction") == "ceiling")
            self.concepts[cid] = c
            for n in c.names:
                self.by_name.setdefault(n, []).append(c)
        self.lengths = sorted({len(n) for n in self.by_name})
        self.name_re = re.compile(f"(?=({_alternation(self.by_name)}))")
        self._memo: dict[tuple[str, str, str], Concept | None] = {}

    @property
    def headline(self) -> tuple[str, ...]:
        """IDs of the headline concepts, in their order."""
        return tuple(c.id for c in sorted(self.concepts.values(), key=lambda c: c.headline) if c.headline)

    @property
    def ceilings(self) -> frozenset[str]:
        """IDs of the concepts whose targets are maxima."""
        return frozenset(c.id for c in self.concepts.values() if c.ceiling)

    def __getitem__(self, cid: str) -> Concept:
        return self.concepts[cid]

    def __iter__(self):
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def match(self, metric_zh: str, measure: str, dim: str) -> Concept | None:
        """The concept of a metric: the longest name inside metric_zh whose concept fits the
        measure and unit dimension; None when none fits."""
        key = (metric_zh, measure, dim)
        if key in self._memo:
            return self._memo[key]
        found = None
        metric_zh = _NORMALISE.sub("", metric_zh)
        if metric_zh:
            # every name inside metric_zh: at each position the longest one, and those of its
            # prefixes that are names too
            names = {}  # name -> first position
            for m in self.name_re.finditer(metric_zh):
                longest = m.group(1)
                for k in self.lengths:
                    if k <= len(longest) and longest[:k] in self.by_name:
                        names.setdefault(longest[:k], m.start())
            # the longest name first; among names of one length the one that starts first; among the
            # concepts of one name the one listed first in the catalogue (deterministic in every process)
            for name in sorted(names, key=lambda n: (-len(n), names[n], n)):
                found = next((c for c in self.by_name[name] if c.fits(metric_zh, measure, dim)), None)
                if found:
                    break
        self._memo[key] = found
        return found


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    from . import lexicon

    entries = load_yaml(DATA / "concepts.yaml")
    if not isinstance(entries, dict):
        raise CatalogueError("concepts.yaml: a mapping of concept IDs is expected")
    dims = {u["dim"] for u in lexicon.load().units.values()}
    return Catalogue(entries, dims)
