"""One report's table as the pages show it (the build's cached extraction, English labels the rules
vouch for), its sectors, and the commitments of its plan that carry no number."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..extraction import extractor
from ..extraction.sector_context import SectorContext
from ..language import lexicon
from ..language.concepts import catalogue
from ..project import config
from ..reading.decoding import read_text
from ..reading.document import from_text
from .table import load_table


def load(seed: str | Path) -> tuple[pd.DataFrame, str]:
    """(indicators, raw text) of a report given as a path (relative to the project root or absolute);
    the table is the one the build's first stage cached (analysis.corpus.table), extracted only if missing."""
    path = config.resolve(seed)
    return reader_labels(load_table(path)), read_text(path)


VOUCHED_LABELS = ("glossary",)  # metric_en_source values a page shows as English: a catalogue label that covers the name


def reader_labels(df: pd.DataFrame) -> pd.DataFrame:
    """The rows as the pages show them: an English label the rules cannot vouch for (every
    metric_en_source but glossary: a wider concept's label, a phrase composed from glossary terms, a
    word-by-word gloss, a sector-and-measure fallback, a name the rules are unsure of) is replaced by
    the Chinese name itself, never shown as English. The downloads keep both columns as extracted."""
    if df.empty or "metric_en_source" not in df:
        return df
    bad = ~df["metric_en_source"].isin(VOUCHED_LABELS)
    if not bad.any():
        return df
    out = df.copy()
    out.loc[bad, "metric_en"] = out.loc[bad, "metric_zh"]
    return out


def sector_name(sector: str) -> str:
    return lexicon.load().sector_en.get(sector, sector.replace("_", " ").title())


def sector_list() -> tuple[str, ...]:
    """The sectors in the lexicon's order, macro (the overview's) first: the one list the pages and the
    sector chapters order sectors by."""
    return ("macro", *(x for x in lexicon.load().sector_order if x != "macro"))


def member(frame: pd.DataFrame, sector: str) -> pd.Series:
    """Which rows of a frame with a ';'-separated `sectors` column belong to `sector`."""
    return frame["sectors"].fillna("").str.split(";").apply(lambda s: sector in s).astype(bool)


def sector_rows(df: pd.DataFrame, sector: str) -> pd.DataFrame:
    """The rows of a sector, in their order."""
    return df[member(df, sector)]


_TARGET_WORDS = re.compile(r"同步|下降|降低|完成|稳定|增长|平衡|提高|控制|保持|达到|实现")


def commitments(text: str, sector: str | None = None) -> pd.DataFrame:
    """Clauses of the plan that commit to something without a number ('what it leaves unquantified').

    A clause counts when it is in the plan part, carries a commitment cue (力争, 确保, 要 ...) or is
    one of the main targets, and holds no extracted quantity. Sector assignment uses the lexicon.
    """
    ex = extractor.default_extractor()
    doc = from_text(text)
    t = doc.text
    cue = re.compile(r"力争|确保|争取")
    names = catalogue().name_re
    rows = []
    for para in doc.paragraphs:
        if para.part != "plan":
            continue
        for s0, e0 in doc.sentences(para):
            found = ex.find_mentions(t, s0, e0)
            spans = [(m.s, m.e) for m in found]
            ctx = SectorContext(ex.lex, t, s0, e0, "", para.section_title)
            for ci, (a, b) in enumerate(ctx.clauses):
                if t[a:b].endswith(("：", ":")):
                    continue  # an introduction ("主要预期目标是：")
                clause = t[a:b].rstrip("，,；;。")
                if len(clause) < 6 or any(a <= s < b for s, _ in spans):
                    continue
                if para.section != "targets" and not cue.search(clause):
                    continue
                if para.section == "targets" and not (names.search(clause) or _TARGET_WORDS.search(clause)):
                    continue  # "…是深入研究提出来的": a remark on the targets, not one of them
                hits = ctx.hits[ci] or ctx.subject
                if not hits:
                    continue
                best = max(hits, key=lambda k: (hits[k], -ex.lex.sector_order.index(k)))
                rows.append({"section": para.section, "sector": best, "sectors": ";".join(sorted(hits)),
                             "text": clause, "start": doc.layout.raw_pos(a)})
    out = pd.DataFrame(rows, columns=["section", "sector", "sectors", "text", "start"])
    if sector:
        out = out[member(out, sector)]
    return out.reset_index(drop=True)
