"""The catalogue of metric concepts (``analysis/data/concepts.yaml``): a stable ID for what a
quantity measures, the same in every report, so that tables of different reports can be joined.

>>> from analysis.language import concepts
>>> concepts.catalogue().match("地区生产总值增长", "growth", "percent").id
'gdp_growth'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..project.errors import DataError
from . import lexicon
from .lexicon import DATA, alternation, load_yaml

MEASURES = ("level", "growth", "share", "rank")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
KEYS = {"en", "names", "unlabelled", "patterns", "measures", "dims", "exclude", "headline", "direction", "scoped"}


@lru_cache(maxsize=1)
def _normaliser() -> re.Pattern:
    words = lexicon.load().raw["concept_words"]
    levels = alternation({w: 1 for w in words["levels"]})
    heads = alternation({w: 1 for w in words["level_heads"]})
    return re.compile(f"{alternation({w: 1 for w in words['fillers']})}|(?:{levels})(?={heads})")


def normalise(metric_zh: str) -> str:
    """metric_zh without the words that do not change what is measured (lexicon concept_words):
    经济年均增长 is 经济增长 over several years (the period says so); 国内生产总值 and 全省生产总值
    are the 生产总值 of the document's level."""
    return _normaliser().sub("", metric_zh)


class CatalogueError(DataError, ValueError):
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
    patterns: re.Pattern | None = None  # names with gaps (研发经费…占…生产总值比重)
    scoped: tuple = ()                  # (scope word, concept ID): 发电量 in a sentence on 新能源
    unlabelled: tuple[str, ...] = ()    # names that give the concept but that its label does not say

    @property
    def declared(self) -> bool:
        """The concept says what it measures (measures or unit dimensions): a row that fits it is
        known to be this kind of quantity, not only to mention its name."""
        return self.measures is not None or self.dims is not None

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
                patterns = re.compile("|".join(f"(?:{x})" for x in meta["patterns"])) if meta.get("patterns") else None
            except re.error as exc:
                raise CatalogueError(f"{where}: bad pattern in 'patterns': {exc}") from None
            if meta.get("patterns") is not None and not isinstance(meta["patterns"], list):
                raise CatalogueError(f"{where}: 'patterns' must be a list of regular expressions")
            try:
                exclude = re.compile("|".join(f"(?:{x})" for x in meta["exclude"])) if meta.get("exclude") else None
            except re.error as exc:
                raise CatalogueError(f"{where}: bad pattern in 'exclude': {exc}") from None
            unlabelled = meta.get("unlabelled") or []
            if not isinstance(unlabelled, list) or set(unlabelled) - set(names):
                raise CatalogueError(f"{where}: 'unlabelled' must be a list of names of the entry")
            if meta.get("direction", "floor") not in ("floor", "ceiling"):
                raise CatalogueError(f"{where}: 'direction' is floor or ceiling")
            if not isinstance(meta.get("headline", 0), int) or isinstance(meta.get("headline"), bool) \
                    or meta.get("headline", 0) < 0:
                raise CatalogueError(f"{where}: 'headline' is a position (1, 2 ...)")
            scoped = meta.get("scoped") or {}
            if not isinstance(scoped, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in scoped.items()):
                raise CatalogueError(f"{where}: 'scoped' maps a scope word to a concept ID")
            c = Concept(cid, meta["en"], tuple(str(n) for n in names), tuple(measures) if measures else None,
                        tuple(d) if d is not None else None, exclude, int(meta.get("headline", 0)),
                        meta.get("direction") == "ceiling", patterns, tuple(scoped.items()),
                        tuple(str(n) for n in unlabelled))
            self.concepts[cid] = c
            for n in dict.fromkeys(normalise(n) for n in c.names):  # matched as metric_zh is: normalised
                if n and c not in self.by_name.setdefault(n, []):
                    self.by_name[n].append(c)
        for c in self.concepts.values():
            for _, target in c.scoped:
                if target not in self.concepts:
                    raise CatalogueError(f"{source}: {c.id}: 'scoped' names an unknown concept {target}")
        self.order = {cid: i for i, cid in enumerate(self.concepts)}
        self.patterned = [c for c in self.concepts.values() if c.patterns is not None]
        self.lengths = sorted({len(n) for n in self.by_name})
        self.name_re = re.compile(f"(?=({alternation(self.by_name)}))")
        self._memo: dict[tuple[str, str, str], Concept | None] = {}

    def scoped(self, concept: Concept | None, metric_zh: str, context: str) -> Concept | None:
        """The concept of a bare head noun narrowed by its context: 发电量 (power_generation) in a
        sentence, or a paragraph opened by a sentence, on 新能源 is new-energy generation. Only when the
        name itself names no scope of the concept; else the concept unchanged."""
        if concept is None or not concept.scoped or any(w in metric_zh for w, _ in concept.scoped):
            return concept
        hits = [(context.rfind(w), t) for w, t in concept.scoped if w in context]
        return self.concepts[max(hits)[1]] if hits else concept

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
        """The concept of a metric, None when none fits. Candidates are the concepts one of whose
        names (or patterns) occurs in metric_zh and that fit the row's measure and unit dimension.
        Words that do not change what is measured are dropped first (年均, 同比 ...; the level word
        of an aggregate: 国内/地区/全省/全市/全县生产总值 are one 生产总值 at every level). The longest
        name wins (对东盟进出口 is trade with ASEAN, not all trade); among names of one length a
        concept that declares what it measures (measures, units) and fits the row wins over one that
        only shares the name; then the name that starts first; then catalogue order."""
        key = (metric_zh, measure, dim)
        if key in self._memo:
            return self._memo[key]
        found = None
        metric_zh = normalise(metric_zh)
        if metric_zh:
            # every name inside metric_zh: at each position the longest one, and those of its
            # prefixes that are names too
            hits: list[tuple[int, int, str, Concept]] = []  # (length, position, name, concept)
            seen = set()
            for m in self.name_re.finditer(metric_zh):
                longest = m.group(1)
                for k in self.lengths:
                    if k <= len(longest) and longest[:k] in self.by_name and longest[:k] not in seen:
                        seen.add(longest[:k])
                        hits.extend((k, m.start(), longest[:k], c) for c in self.by_name[longest[:k]])
            for c in self.patterned:
                pm = c.patterns.search(metric_zh)
                if pm:
                    hits.append((len(pm.group()), pm.start(), pm.group(), c))
            fitting = [h for h in hits if h[3].fits(metric_zh, measure, dim)]
            if fitting:
                found = min(fitting, key=lambda h: (-h[0], not h[3].declared, h[1], h[2], self.order[h[3].id]))[3]
        self._memo[key] = found
        return found


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    entries = load_yaml(DATA / "concepts.yaml")
    if not isinstance(entries, dict):
        raise CatalogueError("concepts.yaml: a mapping of concept IDs is expected")
    dims = {u["dim"] for u in lexicon.load().units.values()}
    return Catalogue(entries, dims)
