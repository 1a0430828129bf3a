"""What the report's pages compute (the page queries): the report's table, its quantities as written
and in English, sectors, key figures, pairs of results and targets, commitments without a number.

The pages are assembled from three kinds of modules: this one (and :mod:`analysis.corpus` for the
corpus) computes; :mod:`analysis.site.prose` writes the English sentences (Markdown, report text
escaped); :mod:`analysis.site.views` renders HTML from the Jinja2 templates of ``analysis/templates``
(autoescaped). Every number in a page is computed from the extracted data.
"""

from __future__ import annotations

import re

import pandas as pd

from ..corpus import apart
from ..corpus.one_report import sector_rows
from ..extraction import extractor
from ..extraction.sector_context import SectorContext
from ..language import lexicon
from ..language.units import UNSCALED_UNITS
from ..project import config
from ..reading import document
from ..reading.document import from_text
from ..reading.layout import unwrap
from . import style

KIND_ORDER = {"target": 0, "achieved": 1, "context": 2}


# ---------------------------------------------------------------------------------------- data
def in_sector(df: pd.DataFrame, sector: str) -> pd.DataFrame:
    """Rows whose sectors include `sector` (what a chapter shows), targets first."""
    out = sector_rows(df, sector).copy()
    out["_k"] = out["kind"].map(KIND_ORDER)
    return out.sort_values(["_k", "start"]).drop(columns="_k")


def _locate(row) -> tuple[str, str, int]:
    """(readable sentence, the quantity as it reads there, its position in the sentence or -1).

    The position comes from the row's own offsets, never from a search for the same digits: an exact
    `q_pos` column when the table has one (:func:`with_positions`), else the occurrence of the quantity
    nearest before its raw offset in the sentence (the readable sentence only lacks the line breaks and
    page markers of the raw text, so the quantity sits at or just before that offset)."""
    sent = str(row["sentence"])
    raw = re.sub(r"\s+", "", str(row["raw"]))
    q = row.get("q_pos", None) if hasattr(row, "get") else None
    if q is not None and not pd.isna(q) and sent[int(q):int(q) + len(raw)] == raw:
        return sent, raw, int(q)
    occ = [m.start() for m in re.finditer(re.escape(raw), sent)] if raw else []
    if not occ:
        return sent, raw, -1
    try:
        d = int(row["start"]) - int(row["sentence_start"])
    except (KeyError, TypeError, ValueError):
        return sent, raw, occ[0]
    before = [k for k in occ if k <= d]
    return sent, raw, (max(before) if before else occ[0])


def with_positions(df: pd.DataFrame, text: str) -> pd.DataFrame:
    """The table with `q_pos`: each quantity's exact position in its readable sentence (from the layout)."""
    if df.empty:
        return df.assign(q_pos=pd.Series(dtype="Int64"))
    layout = unwrap(text)
    pos = []
    for s, ss in zip(df["start"], df["sentence_start"]):
        a, b = layout.readable_pos(int(s)), layout.readable_pos(int(ss))
        pos.append(a - b if a is not None and b is not None else pd.NA)
    return df.assign(q_pos=pd.array(pos, dtype="Int64"))


def qualifier_words(row) -> tuple[str, str]:
    """The qualifier words written around the quantity (近, 以上, 左右 ...): (before, after)."""
    sent, raw, k = _locate(row)
    if k < 0:
        return "", ""
    lex = lexicon.load()
    pre = lex.prefix_q_re.search(sent, max(0, k - 3), k)
    suf = lex.suffix_q_re.match(sent, k + len(raw))
    return (pre.group() if pre else ""), (suf.group() if suf else "")


_RANGE_WRITTEN = re.compile(r"\d+(?:\.\d+)?(?:%|％)?\s*[—–\-~～至到－]+\s*\d+(?:\.\d+)?(?:%|％)?")


def value_range(row) -> tuple[float, float] | None:
    """(low, high) of a row that is one end of a range (5%—5.5%: both rows carry both ends), else None."""
    get = row.get if hasattr(row, "get") else (lambda k, d=None: d)
    lo, hi = get("low"), get("high")
    if lo is None or hi is None or pd.isna(lo) or pd.isna(hi) or float(lo) == float(hi):
        return None
    return float(lo), float(hi)


def _aim(row) -> float | None:
    a = row.get("aim_value") if hasattr(row, "get") else None
    return None if a is None or pd.isna(a) else float(a)


def signed_en(row, v: float | None = None) -> str:
    """A value of the row's unit in English with its sign: a fall is '−3.3%' (value_signed < 0)."""
    if v is None:
        v = row.get("value_signed") if hasattr(row, "get") else None
        if v is None or pd.isna(v):
            v = row["value_base"]
    v = float(v)
    name = row.get("metric_zh", "")
    en = style.quantity_en(abs(v), row["base_unit"], row.get("unit_en", ""), abs(v) if row["base_unit"] in UNSCALED_UNITS
                         else row["value"], row["measure"], name if isinstance(name, str) else "")
    return f"−{en}" if v < 0 else en


def range_en(row, rng: tuple[float, float]) -> str:
    """'5–5.5%' (a range of percentages), '−3 to −2%' (of falls), '2–3 million people'."""
    lo, hi = (signed_en(row, x) for x in rng)
    if row["base_unit"] == "%" and rng[0] >= 0:
        return f"{lo.removesuffix('%')}–{hi}"
    return f"{lo} to {hi}"


_FLIP_SIGN = {"≥": "≤", "≤": "≥", ">": "<", "<": ">"}


def bound(row) -> tuple[str, str]:
    """(sign, English) of the quantity's qualifier as written: 以上 -> ('≥', 'at least'), 超过 -> ('>', 'over'),
    以内 -> ('≤', 'at most'), 左右 -> ('≈', 'about'); an end of a range has none (the range is its bound)."""
    if value_range(row) is not None:
        return "", ""
    pre, suf = qualifier_words(row)
    lex = lexicon.load()
    for w in (suf, pre):
        if w in lex.inclusive_q:  # 以上 and 以下 include the bound, unlike 超过
            q = lex.prefix_q.get(w) or lex.suffix_q.get(w)
            return ("≥", "at least") if q in ("over", "at_least") else ("≤", "at most")
    q = row["qualifier"]
    return style.QUALIFIER_SIGN.get(q, ""), style.QUALIFIER_EN.get(q, "")


def as_written(row) -> str:
    """The quantity exactly as the report writes it, with its qualifier words: 近200亿元, 300多亿元, 6%左右."""
    sent, raw, k = _locate(row)
    if k < 0:
        return raw
    if value_range(row) is not None:  # the whole range as written: 5%—5.5%
        for m in _RANGE_WRITTEN.finditer(sent):
            if m.start() <= k < m.end():
                return m.group()
    pre, suf = qualifier_words(row)
    return pre + raw + suf


def display_value(row) -> str:
    """'近200亿元' as written, with the English reading: '近200亿元 (≈20 billion yuan)'; a range once:
    '5%—5.5% (5–5.5%)'; a fall with its sign: '3.3% (−3.3%)'; a floor with its aim: '7%以上 (≥7%; aim 8%)'."""
    zh = as_written(row)
    rng = value_range(row)
    if rng is not None:
        en = range_en(row, rng)
    else:
        sign = bound(row)[0]
        en = signed_en(row)
        if en.startswith("−"):  # a fall of at least 70% is at most −70%
            sign = _FLIP_SIGN.get(sign, sign)
        en = f"{sign}{en}"
    aim = _aim(row)
    if aim is not None:
        return f"{zh} ({en}; aim {signed_en(row, aim)})"
    return zh if en.replace(",", "") == zh else f"{zh} ({en})"


def english_value(row) -> str:
    """The quantity in English with its qualifier: 'about 6%', 'at least 300 billion yuan', a range
    '5–5.5% growth', a fall '−3.3% (a fall)', a floor with its aim 'at least 7% growth (aim 8%)'."""
    rng = value_range(row)
    sign, q = bound(row)
    en = range_en(row, rng) if rng is not None else signed_en(row)
    negative = en.startswith("−")
    if row["measure"] == "growth" and row["base_unit"] == "%" and not negative:
        label = str(row["metric_en"]).lower()
        en = f"{en} growth" if "growth" not in label and "reduction" not in label else en
    if negative and rng is None:
        if q in ("at least", "over", "at most", "under"):  # 压减70%以上: at most −70%, a fall of at least 70%
            return f"{_FLIP_SIGN[sign]}{en} (a fall of {q} {en[1:]})"
        en = f"{en} (a fall)"
    aim = _aim(row)
    if aim is not None:
        en = f"{en} (aim {signed_en(row, aim)})"
    if apart.each(row):  # 文化产业和旅游业增加值均突破1450亿元: each of the list, not the list together
        en = f"{en} each"
    return f"{q} {en}".strip()


# ---------------------------------------------------------------------------------------- pairs


# ---------------------------------------------------------------------------------------- text
# ---------------------------------------------------------------------------------------- HTML
# ---------------------------------------------------------------------------------------- glossary
def glossary_terms(df: pd.DataFrame) -> pd.DataFrame:
    """The Chinese terms the report uses: each metric name with its English label and unit."""
    g = (df.groupby(["metric_zh", "metric_en", "unit", "unit_en", "metric_en_source"], dropna=False)
           .size().reset_index(name="rows").sort_values(["metric_en", "metric_zh"]))
    return g


def units_table(df: pd.DataFrame) -> pd.DataFrame:
    lex = lexicon.load()
    used = df.groupby("unit", dropna=False).agg(base_unit=("base_unit", "first"), unit_en=("unit_en", "first"),
                                                rows=("id", "size")).reset_index()
    used["dimension"] = used["base_unit"].map(lambda u: lex.units.get(u, {}).get("dim", ""))
    return used.sort_values("rows", ascending=False)


# ---------------------------------------------------------------------------------------- pages
def summary(df: pd.DataFrame, sector: str | None = None) -> dict[str, int]:
    """Counts for the prose of a page (glued into the Markdown): rows, by kind, sectors."""
    rows = in_sector(df, sector) if sector else df
    kinds = rows["kind"].value_counts()
    return {
        "n_rows": int(len(rows)),
        "n_target": int(kinds.get("target", 0)),
        "n_achieved": int(kinds.get("achieved", 0)),
        "n_context": int(kinds.get("context", 0)),
        "n_sectors": int(rows["sectors"].str.split(";").explode().nunique()),
    }


def _importance(rows: pd.DataFrame) -> pd.Series:
    """Order for key figures: curated metrics first, then amounts of money and capacity, then rates."""
    score = (rows["metric_en_source"] == "glossary") * 4
    score += rows["base_unit"].isin(["元", "千瓦", "度", "千瓦时", "人次", "吨", "斤"]) * 2
    score += (rows["measure"] == "level") * 1
    return score


def key_figures(df: pd.DataFrame, sector: str, n: int = 6) -> pd.DataFrame:
    """The few quantities a chapter leads with: its targets, then its results, most telling first."""
    rows = in_sector(df, sector).copy()
    rows["_i"] = _importance(rows)
    rows["_k"] = rows["kind"].map(KIND_ORDER)
    return rows.sort_values(["_k", "_i", "start"], ascending=[True, False, True]).head(n).drop(columns=["_i", "_k"])


def headline_results(df: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The past year's results a reader looks for first — curated metrics, the economy as a whole,
    growth rates — shown in the report's order."""
    ach = df[(df["kind"] == "achieved") & (df["subject"] == "") & (df["period"] != "multi_year")].copy()
    ach["_i"] = ((ach["metric_en_source"] == "glossary") * 4 + ach["sector"].isin(["macro", "livelihood"]) * 3
                 + (ach["measure"] == "growth") * 2 + ach["base_unit"].isin(["人", "人次", "元"]) * 1)
    top = ach.sort_values(["_i", "start"], ascending=[False, True]).head(n)
    return top.sort_values("start").drop(columns="_i")


def main_targets(df: pd.DataFrame) -> pd.DataFrame:
    """The main expected targets (the targets paragraph), in the report's order; descriptors of the
    paragraph (以下14个方面的工作) are not targets."""
    t = df[(df["section"] == "targets") & (df["kind"] == "target")].sort_values("start")
    if "group" in t and len(t):  # one row per stated target: the ends of a range, a floor and its aim are one
        t = t.drop_duplicates("group")
    return t


DOWNLOADS = (
    ("indicators.csv", "CSV", "one row per quantity, UTF-8, header row"),
    ("indicators.json", "JSON", "the same rows as a list of records"),
    ("indicators.parquet", "Parquet", "the same rows with their dtypes"),
    ("schema.json", "Table Schema", "what every column means (Frictionless)"),
    ("indicators-metadata.json", "Metadata", "per indicator: title, unit, description, origin"),
    ("datapackage.json", "Data Package", "describes the files above (Frictionless)"),
)


def sector_sentences(text: str, df: pd.DataFrame, sector: str, max_len: int = 120) -> pd.DataFrame:
    """What the report says about a sector: every sentence with a keyword of the sector (in a clause,
    in an example list or in the sentence's topic). A long sentence is quoted by its relevant clauses
    only, joined by '…'. Returns the pieces with their raw offsets."""
    ex = extractor.default_extractor()
    doc = from_text(text)
    t = doc.text
    rows = []
    for para in doc.paragraphs:
        for s0, e0 in doc.sentences(para):
            ctx = SectorContext(ex.lex, t, s0, e0, "", "")
            hit = [i for i, (h, x) in enumerate(zip(ctx.hits, ctx.example_hits)) if sector in h or sector in x]
            if not hit and sector not in ctx.subject:
                continue
            if e0 - s0 <= max_len or not hit:
                spans = [(s0, e0)]
            else:
                spans = []
                for i in sorted(set(hit) | ({0} if sector in ctx.subject else set())):
                    a, b = ctx.clauses[i]
                    if spans and spans[-1][1] == a:
                        spans[-1] = (spans[-1][0], b)
                    else:
                        spans.append((a, b))
            for k, (a, b) in enumerate(spans):
                rs, re_ = doc.layout.to_raw(a, b)
                rows.append({"part": para.part, "section": para.section,
                             "section_title": para.section_title, "sentence": t[a:b], "start": rs, "end": re_,
                             "cut_before": a > s0, "cut_after": b < e0, "continues": k > 0})
    return pd.DataFrame(rows, columns=["part", "section", "section_title", "sentence", "start", "end", "cut_before",
                                       "cut_after", "continues"])


def document_label(seed) -> str:
    """'Inner Mongolia 2025 government work report' (from the document's own text)."""
    return document.read(config.resolve(seed)).label
