"""Placing a quantity in a sector: the keywords of its clause, its sentence, paragraph and section."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..project import thresholds as T
from .mention import extraction_words


class KeywordHits:
    """Every sector keyword of a document, found in one scan; looked up by span."""

    def __init__(self, lex, text: str):
        found = [(m.start(), m.group()) for m in lex.keyword_re.finditer(text)]
        self.starts = [p for p, _ in found]
        self.words = [w for _, w in found]

    def between(self, s: int, e: int):
        i, j = bisect_right(self.starts, s - 1), bisect_right(self.starts, e - 1)
        return zip(self.starts[i:j], self.words[i:j])


class SectorContext:
    """Sector evidence of one sentence: keyword hits per clause, weighed by distance to a mention.

    A mention's primary sector comes from its metric name, then its own clause, then (when those
    name nothing) the nearest earlier clause of the same segment that does (the subject of the
    sentence), then nearby clauses with decaying weight, its paragraph's topic sentence and section
    title. Secondary sectors need direct evidence: a hit in the metric, the own clause or the subject
    clause, or nearby clauses adding up to a clause's weight.
    """

    DECAY = T.SECTOR_DECAY
    SECONDARY = T.SECTOR_SECONDARY

    _CLAUSE = re.compile(r"[^，,；;：:。！？!?]+[，,；;：:。！？!?]*")

    def __init__(self, lex, text: str, s0: int, e0: int, topic: str, title: str, background: dict | None = None,
                 keywords: KeywordHits | None = None):
        self.lex = lex
        self.order = lex.sector_rank
        self.clauses = [m.span() for m in self._CLAUSE.finditer(text, s0, e0)] or [(s0, e0)]
        self.starts = [a for a, _ in self.clauses]
        n = len(self.clauses)
        self.hits: list[dict] = [{} for _ in range(n)]
        self.example_hits: list[dict] = [{} for _ in range(n)]
        example_end = []
        for a, b in self.clauses:
            ex = extraction_words().examples_re.match(text[a:b])
            example_end.append(a + ex.end() if ex else a)
        # one scan of the sentence; every hit goes to its clause (or to the clause's examples)
        sectors = lex.keyword_sectors
        hits = (keywords.between(s0, e0) if keywords is not None
                else ((m.start(), m.group()) for m in lex.keyword_re.finditer(text, s0, e0)))
        for pos, word in hits:
            ci = bisect_right(self.starts, pos) - 1
            target = self.example_hits[ci] if pos < example_end[ci] else self.hits[ci]
            for sec, w in sectors[word].items():
                if w > target.get(sec, 0.0):
                    target[sec] = w
        topic_m = extraction_words().topic_re.match(text[s0:e0])
        self.subject = self._hits(topic_m.group(1) or topic_m.group(2)) if topic_m else {}
        # segment number of every clause (a segment ends at ；)
        self.segment, seg = [], 0
        for _a, b in self.clauses:
            self.segment.append(seg)
            if text[b - 1] in "；;":
                seg += 1
        if background is None:
            background = self.background_of(lex, topic, title)
        self.background = background

    @classmethod
    def background_of(cls, lex, topic: str, title: str) -> dict[str, float]:
        """Sector hits of a paragraph's topic sentence plus its section title (computed once a paragraph)."""
        out = cls._hits_of(lex, topic)
        for sec, w in cls._hits_of(lex, title).items():
            out[sec] = out.get(sec, 0.0) + w
        return out

    @staticmethod
    def _hits_of(lex, s: str, add: bool = False) -> dict[str, float]:
        out: dict[str, float] = {}
        for hit in lex.keyword_re.finditer(s):
            for sec, w in lex.keyword_sectors[hit.group()].items():
                out[sec] = out.get(sec, 0.0) + w if add else max(out.get(sec, 0.0), w)
        return out

    def _hits(self, s: str, add: bool = False) -> dict[str, float]:
        """Keyword weight per sector in s: the strongest hit, or the sum of hits when add."""
        return self._hits_of(self.lex, s, add)

    def _index(self, pos: int) -> int:
        return max(0, min(bisect_right(self.starts, pos) - 1, len(self.clauses) - 1))

    def classify(self, m, text: str) -> tuple[str, list[str]]:
        lex = self.lex
        ci = self._index(m.s)
        name = m.rules_name or m.metric_zh  # the name of the rules, before the part-of-speech pass
        ex = extraction_words().examples_re.match(name)
        metric = self._hits(name[ex.end():] if ex else name, add=True)
        dim = lex.units.get(m.unit, {}).get("dim", "")
        if dim in lex.sector_by_unit:
            sec = lex.sector_by_unit[dim]
            metric[sec] = max(metric.get(sec, 0.0), 1.0)
        own = {} if m.distributed else self.hits[ci]
        carry: dict[str, float] = {}
        if not metric and not own:
            for j in range(ci - 1, max(-1, ci - T.SECTOR_CARRY_CLAUSES), -1):
                if self.segment[j] != self.segment[ci]:
                    break
                if self.hits[j]:
                    carry = self.hits[j]
                    break
        examples = self.example_hits[ci]
        near: dict[str, float] = {s: T.SECTOR_EXAMPLES * v for s, v in examples.items()} if examples else {}
        seg = self.segment[ci]
        decay = self.DECAY
        for j in range(max(0, ci - T.SECTOR_NEAR_CLAUSES), min(len(self.hits), ci + T.SECTOR_NEAR_CLAUSES + 1)):
            hits = self.hits[j]
            if not hits or j == ci or self.segment[j] != seg:
                continue
            w = decay[min(abs(j - ci), 3)]
            for sec, v in hits.items():
                near[sec] = near.get(sec, 0.0) + w * v
        scores: dict[str, float] = {}
        for weight, src in ((T.SECTOR_METRIC, metric), (T.SECTOR_OWN, own), (T.SECTOR_CARRY, carry),
                            (T.SECTOR_SUBJECT, self.subject), (T.SECTOR_NEAR, near), (T.SECTOR_BACKGROUND, self.background)):
            for sec, v in src.items():
                scores[sec] = scores.get(sec, 0.0) + weight * v
        if not scores:
            return "macro", ["macro"]
        order = self.order
        ranked = sorted(scores, key=lambda s: (-scores[s], order.get(s, 99)))
        primary = ranked[0]
        direct = set(metric) | set(own) | set(carry) | set(self.subject)
        direct |= {s for s, v in near.items() if v > self.SECONDARY}
        return primary, [primary] + [s for s in ranked[1:] if s in direct]
