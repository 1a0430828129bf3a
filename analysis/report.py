"""What the report's pages compute: tables, key figures, pairs of results and targets, prose.

The notebooks only call these functions and lay out what they return, so that every number in a
page is computed from the extracted data, and the same computations are unit-tested.
Everything that puts report text into HTML or Markdown escapes it here.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from . import config, extractor, lexicon, style
from .reading import read_text


def chapter_sectors() -> tuple[str, ...]:
    """The sectors that have a chapter: defined once, by the sector chapters of book/report.yml."""
    return tuple(ch["parameters"]["sector"] for ch in config.report_config()["chapters"]
                 if "sector" in (ch.get("parameters") or {}))


def chapters_html() -> str:
    """The list of chapters for the overview, from book/report.yml (links to the built pages)."""
    cfg = config.report_config()["chapters"]

    def link(ch):
        return f'<a href="{esc(ch["name"])}.html">{esc(ch["title"])}</a>'

    sectors = [link(ch) for ch in cfg if "sector" in (ch.get("parameters") or {})]
    items = ([f"<li>Sectors: {', '.join(sectors)}</li>"] if sectors else [])
    items += [f"<li>{link(ch)}</li>" for ch in cfg[1:] if "sector" not in (ch.get("parameters") or {})]
    return f'<ul class="chapters">{"".join(items)}</ul>'


KIND_ORDER = {"target": 0, "achieved": 1, "context": 2}
SOURCE_PAGE = "source.html"


# ---------------------------------------------------------------------------------------- data
def load(seed: str | Path) -> tuple[pd.DataFrame, str]:
    """(indicators, raw text) of a report given as a path (relative to the project root or absolute);
    the table is the one the build's first stage cached (analysis.table), extracted only if missing."""
    from .table import load_table

    path = config.resolve(seed)
    return load_table(path), read_text(path)


def sector_name(sector: str) -> str:
    return lexicon.load().sector_en.get(sector, sector.replace("_", " ").title())


def _member(frame: pd.DataFrame, sector: str) -> pd.Series:
    """Which rows of a frame with a ';'-separated `sectors` column belong to `sector`."""
    return frame["sectors"].fillna("").str.split(";").apply(lambda s: sector in s).astype(bool)


def in_sector(df: pd.DataFrame, sector: str) -> pd.DataFrame:
    """Rows whose sectors include `sector` (what a chapter shows), targets first."""
    out = df[_member(df, sector)].copy()
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
    from .layout import unwrap

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


def bound(row) -> tuple[str, str]:
    """(sign, English) of the quantity's qualifier as written: 以上 -> ('≥', 'at least'), 超过 -> ('>', 'over'),
    以内 -> ('≤', 'at most'), 左右 -> ('≈', 'about')."""
    pre, suf = qualifier_words(row)
    for w in (suf, pre):
        if w in style.WORD_BOUNDS:
            return style.WORD_BOUNDS[w]
    q = row["qualifier"]
    return style.QUALIFIER_SIGN.get(q, ""), style.QUALIFIER_EN.get(q, "")


def as_written(row) -> str:
    """The quantity exactly as the report writes it, with its qualifier words: 近200亿元, 300多亿元, 6%左右."""
    sent, raw, k = _locate(row)
    if k < 0:
        return raw
    pre, suf = qualifier_words(row)
    return pre + raw + suf


def display_value(row) -> str:
    """'近200亿元' as written, with the English magnitude: '近200亿元 (≈20 billion yuan)'."""
    zh = as_written(row)
    en = style.quantity_en(row["value_base"], row["base_unit"], row.get("unit_en", ""), row["value"], row["measure"])
    sign = bound(row)[0]
    en = f"{sign}{en}" if sign else en
    return zh if en.replace(",", "") == zh else f"{zh} ({en})"


def english_value(row) -> str:
    """The quantity in English with its qualifier: 'about 6%', 'at least 300 billion yuan'."""
    q = bound(row)[1]
    en = style.quantity_en(row["value_base"], row["base_unit"], row.get("unit_en", ""), row["value"], row["measure"])
    if row["measure"] == "growth" and row["base_unit"] == "%":
        label = str(row["metric_en"]).lower()
        en = f"{en} growth" if "growth" not in label and "reduction" not in label else en
    return f"{q} {en}".strip()


# ---------------------------------------------------------------------------------------- pairs
_GROWTH_WORDS = re.compile(r"(同比|同口径)?(增长|增速|增幅|涨幅|提高|提升|上升|下降|降低)$")


def _key(row) -> str:
    return _GROWTH_WORDS.sub("", str(row["metric_zh"]))


def _similar(a: str, b: str) -> bool:
    """Names that share most of their characters, whichever order they come in (新增城镇就业/城镇新增就业)."""
    sa, sb = set(a), set(b)
    common = len(sa & sb)
    return common >= 2 and common / max(1, len(sa), len(sb)) >= 0.7


def pairs(df: pd.DataFrame) -> pd.DataFrame:
    """A past result and a future target of the same metric, with the implied change.

    Rows match when they have the same base unit and measure and the same metric: the same
    curated English label (glossary), or Chinese names that share most of their characters.
    Each target takes its best (latest) achieved match; each result is used once.
    """
    ach = df[df["kind"] == "achieved"]
    tgt = df[df["kind"] == "target"]
    used: set[str] = set()
    rows = []
    for _, t in tgt.iterrows():
        best = None
        for _, a in ach.iterrows():
            if a["id"] in used or a["base_unit"] != t["base_unit"] or a["measure"] != t["measure"]:
                continue
            same_en = (a["metric_en_source"] == "glossary" and t["metric_en_source"] == "glossary"
                       and a["metric_en"] == t["metric_en"])
            if same_en or _similar(_key(a), _key(t)):
                best = a
        if best is None:
            continue
        used.add(best["id"])
        rows.append(_pair_row(best, t))
    cols = ["sector", "sectors", "metric_en", "metric_zh_result", "metric_zh_target", "result", "target", "change",
            "change_value", "change_unit", "measure", "result_id", "target_id"]
    return pd.DataFrame(rows, columns=cols)


def _pair_row(a, t) -> dict:
    word = bound(t)[1]
    bound_en = f"{word} " if word in ("at least", "at most", "about", "nearly", "over", "under") else ""
    if t["measure"] == "level" and a["value_base"]:
        change_value = (t["value_base"] / a["value_base"] - 1) * 100
        change, unit = f"{bound_en}{change_value:+.1f}% implied change", "%"
    else:
        change_value = t["value_base"] - a["value_base"]
        pp = "percentage points" if t["base_unit"] == "%" else style.quantity_en(1, t["base_unit"]).lstrip("1 ")
        change, unit = f"{bound_en}{change_value:+.1f} {pp}", pp
    if t["qualifier"] in ("over", "at_least") and change_value < 0:
        change += " (a floor below the past result)"
    elif abs(change_value) < 1e-9:
        change = "unchanged" + (f" ({bound_en.strip()} the same value)" if bound_en else "")
    return {
        "sector": t["sector"], "sectors": t["sectors"],
        "metric_en": t["metric_en"], "metric_zh_result": a["metric_zh"], "metric_zh_target": t["metric_zh"],
        "result": display_value(a), "target": display_value(t), "change": change, "change_value": change_value,
        "change_unit": unit, "measure": t["measure"], "result_id": a["id"], "target_id": t["id"],
    }


# ---------------------------------------------------------------------------------------- text
def commitments(text: str, sector: str | None = None) -> pd.DataFrame:
    """Clauses of the plan that commit to something without a number ('what it leaves unquantified').

    A clause counts when it is in the plan part, carries a commitment cue (力争, 确保, 要 ...) or is
    one of the main targets, and holds no extracted quantity. Sector assignment uses the lexicon.
    """
    from . import structure
    from .layout import unwrap
    from .metrics import SectorContext

    ex = extractor.default_extractor()
    layout = unwrap(text)
    t = layout.text
    paras = structure.paragraphs(t, layout.paragraphs())
    cue = re.compile(r"力争|确保|争取")
    rows = []
    for para in paras:
        if structure.part_of(para.section) != "plan":
            continue
        for s0, e0 in structure.sentences(t, para.start, para.end):
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
                hits = ctx.hits[ci] or ctx.subject
                if not hits:
                    continue
                best = max(hits, key=lambda k: (hits[k], -ex.lex.sector_order.index(k)))
                rows.append({"section": para.section, "sector": best, "sectors": ";".join(sorted(hits)),
                             "text": clause, "start": layout.raw_pos(a)})
    out = pd.DataFrame(rows, columns=["section", "sector", "sectors", "text", "start"])
    if sector:
        out = out[_member(out, sector)]
    return out.reset_index(drop=True)


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _lower(label: str) -> str:
    """'Tourist arrivals' -> 'tourist arrivals' (but 'GDP', 'CPPCC proposals' keep their capitals)."""
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def _phrase(r) -> str:
    return (f"{md_escape(_lower(str(r['metric_en'])))} of {md_escape(english_value(r))} "
            f"({md_escape(r['metric_zh'])} {md_escape(as_written(r))})")


def narrative(df: pd.DataFrame, sector: str) -> str:
    """A short English paragraph about a sector, every number taken from the rows (Markdown)."""
    rows = in_sector(df, sector)
    name = sector_name(sector)
    if rows.empty:
        return (f"The report states no quantity for **{name.lower()}**. What it says about the sector without "
                "a number is quoted in full below.")
    kinds = rows["kind"].value_counts()
    parts = [_plural(int(kinds.get("target", 0)), "target for the coming year", "targets for the coming year"),
             _plural(int(kinds.get("achieved", 0)), "result of the past year", "results of the past year"),
             _plural(int(kinds.get("context", 0)), "context figure", "context figures")]
    text = [f"The report states **{len(rows)}** quantit{'y' if len(rows) == 1 else 'ies'} about "
            f"{name.lower()}: {_join([p for p in parts if not p.startswith('0 ')])}."]
    top = key_figures(df, sector, n=len(rows))
    targets = top[top["kind"] == "target"].head(3)
    if not targets.empty:
        text.append(f"{'Its main targets are' if len(targets) > 1 else 'Its target is'} "
                    f"{_join([_phrase(r) for _, r in targets.iterrows()])}.")
    results = top[top["kind"] == "achieved"].head(2)
    if not results.empty:
        est = " (estimated)" if bool(results["estimate"].any()) else ""
        text.append(f"For the past year it reports{est} {_join([_phrase(r) for _, r in results.iterrows()])}.")
    for _, r in sector_pairs(df, sector).iterrows():
        text.append(f"{md_escape(r['metric_en'])}: {md_escape(r['result'])} last year, {md_escape(r['target'])} as the "
                    f"target ({md_escape(r['change'])}).")
    return " ".join(text)


# ---------------------------------------------------------------------------------------- HTML
def esc(s) -> str:
    """Escape report text for HTML; braces too, so that no template syntax survives."""
    return html.escape("" if s is None else str(s), quote=True).replace("{", "&#123;").replace("}", "&#125;")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()<>#+!|$~^])")


def md_escape(s) -> str:
    """Escape report text for MyST Markdown (no markup, HTML or role syntax survives)."""
    return _MD_SPECIAL.sub(r"\\\1", str(s))


def source_link(row, text: str | None = None) -> str:
    label = esc(text if text is not None else row["raw"].replace("\n", "⏎"))
    return f'<a class="src-link" href="{SOURCE_PAGE}#{esc(row["id"])}" title="Show in the annotated source">{label}</a>'


def html_table(df: pd.DataFrame, table_id: str, sentence: bool = True, filter_box: bool = True,
               caption: str = "") -> str:
    """An accessible HTML table of indicators, each row linked to its place in the source.

    With filter_box, a text box filters the rows (report.js, shipped with the site; no CDN). The source
    column shows the clause of the quantity (the whole sentence on hover and in the annotated source).
    """
    head = ["Value", "Metric", "Kind", "指标 (Chinese)", "Sectors", "Section"]
    if sentence:
        head.append("Source (clause)")
    out = []
    if filter_box:
        out.append(f'<div class="ind-filter"><label>Filter rows <input type="search" data-filter-table="{esc(table_id)}" '
                   f'placeholder="e.g. target, energy, 游客" aria-label="Filter the table"></label> '
                   f'<span class="ind-count" data-count-for="{esc(table_id)}">{len(df)} rows</span></div>')
    out.append(f'<div class="table-wrapper"><table class="indicators" id="{esc(table_id)}">')
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in head) + "</tr></thead><tbody>")
    for _, r in df.iterrows():
        kind = "achieved (est.)" if r["kind"] == "achieved" and r.get("estimate", False) else r["kind"]
        cells = [
            f'<span lang="zh">{esc(display_value(r))}</span> {source_link(r, "↗")}',
            esc(r["metric_en"]),
            f'<span class="kind kind-{esc(r["kind"])}">{esc(kind)}</span>',
            f'<span lang="zh">{esc(r["metric_zh"])}</span>',
            esc(", ".join(sector_name(x) for x in str(r["sectors"]).split(";"))),
            f'{esc(section_en(r["section"]))}<br><span title="{esc(r["section_title"])}" lang="zh" class="sec-zh">'
            f'{esc(_short(r["section_title"], 14))}</span>',
        ]
        if sentence:
            cells.append(f'<span lang="zh" class="sentence" title="{esc(r["sentence"])}">{_highlight(r)}</span>')
        out.append(f'<tr id="row-{esc(r["id"])}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


SECTION_EN = {"header": "Title and header", "preamble": "Opening", "review": "Review of the past year",
              "five_year_review": "Review of the plan period", "problems": "Problems", "five_year_goals": "Five-year goals",
              "plan": "The coming year", "targets": "Main targets", "government": "Government self-building",
              "closing": "Closing", "notes": "Notes and annex", "": "—"}


def section_en(section: str) -> str:
    """The English name of a section role: 'Main targets', 'Task 3' ..."""
    s = str(section)
    if s.startswith("task-"):
        return f"Task {int(s.split('-')[1])}" if s.split("-")[1].isdigit() else "Task"
    return SECTION_EN.get(s, s.replace("_", " ").capitalize())


def _short(s, n: int = 22) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def _highlight(row) -> str:
    """The clause of the quantity with the quantity marked (the sentence if the clause is not found)."""
    sent, raw, k = _locate(row)
    if k < 0:
        return esc(sent)
    cs = max(sent.rfind(c, 0, k) for c in "，,；;。！？!?") + 1
    ends = [i for i in (sent.find(c, k + len(raw)) for c in "，,；;。！？!?") if i >= 0]
    ce = min(ends) + 1 if ends else len(sent)
    pre = "…" if cs > 0 else ""
    post = "…" if ce < len(sent) else ""
    return (pre + esc(sent[cs:k]) + f"<mark>{esc(sent[k:k + len(raw)])}</mark>" + esc(sent[k + len(raw):ce]) + post)


_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+、[^。]{0,38}$")
_SUB_HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)][^。]{0,60}。")


def annotated_source(text: str, df: pd.DataFrame) -> str:
    """The whole report, readable (PDF line breaks undone), every indicator highlighted by kind
    with a tooltip (value, unit, sector) and a stable anchor (its id); headings in bold."""
    from .layout import unwrap

    layout = unwrap(text)
    t = layout.text
    spans = []
    for _, r in df.sort_values("start").iterrows():
        cs = layout.readable_pos(int(r["start"]))
        ce = layout.readable_pos(int(r["end"]) - 1)
        if cs is not None and ce is not None:
            spans.append((cs, ce + 1, r))
    out = ['<div class="annotated-source" lang="zh">']
    bounds, k = [], 0
    for para in t.split("\n"):
        bounds.append((k, k + len(para)))
        k += len(para) + 1
    si = 0
    for a, b in bounds:
        para = t[a:b]
        bold_end = a
        if _TOP_HEADING.match(para):
            out.append('<p class="src-heading">')
        else:
            out.append("<p>")
            sub = _SUB_HEADING.match(para)
            if sub and not (si < len(spans) and spans[si][0] < a + sub.end()):
                bold_end = a + sub.end()
                out.append(f"<strong>{esc(t[a:bold_end])}</strong>")
        pos = bold_end
        while si < len(spans) and spans[si][0] < b:
            s, e, r = spans[si]
            s, e = max(s, pos), min(e, b)
            out.append(esc(t[pos:s]))
            tip = (f"{r['kind']} · {r['measure']} · {display_value(r)} · sector: "
                   f"{', '.join(sector_name(x) for x in str(r['sectors']).split(';'))} · {r['metric_en']}")
            out.append(f'<a class="ind ind-{esc(r["kind"])}" id="{esc(r["id"])}" href="#{esc(r["id"])}" '
                       f'title="{esc(tip)}" data-kind="{esc(r["kind"])}">{esc(t[s:e])}</a>')
            pos = e
            si += 1
        out.append(esc(t[pos:b]) + "</p>")
    out.append("</div>")
    return "\n".join(out)


def legend_html() -> str:
    items = "".join(f'<span class="ind ind-{k}">{esc(style.KIND_LABELS[k])}</span> ' for k in ("achieved", "target", "context"))
    return f'<p class="ind-legend">{items}</p>'


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


def figures_md(rows: pd.DataFrame) -> str:
    """A Markdown list of quantities: kind, English metric, value, Chinese original, link to source."""
    if rows.empty:
        return "*No quantity.*"
    lines = []
    for _, r in rows.iterrows():
        zh = as_written(r)
        lines.append(f"- **{r['kind'].capitalize()}** · {md_escape(r['metric_en'])}: **{md_escape(english_value(r))}** "
                     f"— {md_escape(r['metric_zh'])} {md_escape(zh)} "
                     f'(<a href="{SOURCE_PAGE}#{esc(r["id"])}">source</a>)')
    return "\n".join(lines)


def headline_results(df: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The past year's results a reader looks for first — curated metrics, the economy as a whole,
    growth rates — shown in the report's order."""
    ach = df[(df["kind"] == "achieved")].copy()
    ach["_i"] = ((ach["metric_en_source"] == "glossary") * 4 + ach["sector"].isin(["macro", "livelihood"]) * 3
                 + (ach["measure"] == "growth") * 2 + ach["base_unit"].isin(["人", "人次", "元"]) * 1)
    top = ach.sort_values(["_i", "start"], ascending=[False, True]).head(n)
    return top.sort_values("start").drop(columns="_i")


def main_targets(df: pd.DataFrame) -> pd.DataFrame:
    """The main expected targets (the targets paragraph), in the report's order."""
    return df[df["section"] == "targets"].sort_values("start")


def targets_html(rows: pd.DataFrame) -> str:
    """Compact table of targets: metric (English, Chinese), target as written and in English."""
    out = ['<div class="table-wrapper"><table class="indicators targets"><thead><tr>'
           '<th scope="col">Metric</th><th scope="col">Target</th><th scope="col">As written</th>'
           '<th scope="col">指标</th><th scope="col">Year</th></tr></thead><tbody>']
    for _, r in rows.iterrows():
        year = "" if pd.isna(r["year"]) else str(int(r["year"]))
        out.append(f'<tr><td>{esc(r["metric_en"])}</td><td>{esc(english_value(r))}</td>'
                   f'<td lang="zh">{esc(as_written(r))} {source_link(r, "↗")}</td>'
                   f'<td lang="zh">{esc(r["metric_zh"])}</td><td>{esc(year)}</td></tr>')
    out.append("</tbody></table></div>")
    return "".join(out)


def pairs_html(p: pd.DataFrame) -> str:
    out = ['<div class="table-wrapper"><table class="indicators pairs"><thead><tr>'
           '<th scope="col">Sector</th><th scope="col">Metric</th><th scope="col">Result (past year)</th>'
           '<th scope="col">Target (coming year)</th><th scope="col">Implied change</th></tr></thead><tbody>']
    for _, r in p.iterrows():
        out.append(
            f'<tr><td>{esc(sector_name(r["sector"]))}</td><td>{esc(r["metric_en"])}<br><span lang="zh">'
            f'{esc(r["metric_zh_result"])} → {esc(r["metric_zh_target"])}</span></td>'
            f'<td lang="zh"><a href="{SOURCE_PAGE}#{esc(r["result_id"])}">{esc(r["result"])}</a></td>'
            f'<td lang="zh"><a href="{SOURCE_PAGE}#{esc(r["target_id"])}">{esc(r["target"])}</a></td>'
            f'<td>{esc(r["change"])}</td></tr>')
    out.append("</tbody></table></div>")
    return "".join(out)


def commitments_md(text: str, sector: str | None = None, limit: int = 40) -> str:
    """A Markdown list of the plan's commitments without a number (escaped report text)."""
    c = commitments(text, sector)
    if c.empty:
        return "*The plan makes no further commitment here without a number.*"
    lines = [f"- {md_escape(t)} ({sector_name(s)})" if not sector else f"- {md_escape(t)}"
             for t, s in zip(c["text"].head(limit), c["sector"].head(limit))]
    if len(c) > limit:
        lines.append(f"- … and {len(c) - limit} more in the annotated source.")
    return "\n".join(lines)


def sector_pairs(df: pd.DataFrame, sector: str) -> pd.DataFrame:
    p = pairs(df)
    return p[_member(p, sector)]


DOWNLOADS = (
    ("indicators.csv", "CSV", "one row per quantity, UTF-8, header row"),
    ("indicators.json", "JSON", "the same rows as a list of records"),
    ("indicators.parquet", "Parquet", "the same rows with their dtypes"),
    ("schema.json", "Table Schema", "what every column means (Frictionless)"),
    ("indicators-metadata.json", "Metadata", "per indicator: title, unit, description, origin"),
    ("datapackage.json", "Data Package", "describes the files above (Frictionless)"),
)


def downloads_html(prefix: str = "../data/") -> str:
    items = "".join(f'<li><a href="{esc(prefix + f)}" download>{esc(label)}</a> — {esc(desc)} '
                    f'(<code>{esc(f)}</code>)</li>' for f, label, desc in DOWNLOADS)
    return f'<ul class="downloads">{items}</ul>'


def sector_sentences(text: str, df: pd.DataFrame, sector: str, max_len: int = 120) -> pd.DataFrame:
    """What the report says about a sector: every sentence with a keyword of the sector (in a clause,
    in an example list or in the sentence's topic). A long sentence is quoted by its relevant clauses
    only, joined by '…'. Returns the pieces with their raw offsets."""
    from . import structure
    from .layout import unwrap
    from .metrics import SectorContext

    ex = extractor.default_extractor()
    layout = unwrap(text)
    t = layout.text
    rows = []
    for para in structure.paragraphs(t, layout.paragraphs()):
        for s0, e0 in structure.sentences(t, para.start, para.end):
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
                rs, re_ = layout.to_raw(a, b)
                rows.append({"part": structure.part_of(para.section), "section": para.section,
                             "section_title": para.section_title, "sentence": t[a:b], "start": rs, "end": re_,
                             "cut_before": a > s0, "cut_after": b < e0, "continues": k > 0})
    return pd.DataFrame(rows, columns=["part", "section", "section_title", "sentence", "start", "end", "cut_before",
                                       "cut_after", "continues"])


def sentences_html(sentences: pd.DataFrame, df: pd.DataFrame) -> str:
    """Sentences as a list, their quantities marked by kind and linked to the annotated source."""
    if sentences.empty:
        return "<p><em>The report has no sentence on this sector.</em></p>"
    part_en = {"review": "Review of the past year", "plan": "Plan for the coming year", "other": "Other"}
    out = ['<ul class="sector-sentences">']
    for _, s in sentences.iterrows():
        inside = df[(df["start"] >= s["start"]) & (df["end"] <= s["end"])].sort_values("start")
        sent = s["sentence"]
        pieces, pos = [], 0
        for _, r in inside.iterrows():
            raw = re.sub(r"\s+", "", str(r["raw"]))
            k = sent.find(raw, pos)
            if k < 0:
                continue
            pieces.append(esc(sent[pos:k]))
            pieces.append(f'<a class="ind ind-{esc(r["kind"])}" href="{SOURCE_PAGE}#{esc(r["id"])}" '
                          f'title="{esc(r["kind"] + " · " + display_value(r))}">{esc(raw)}</a>')
            pos = k + len(raw)
        pieces.append(esc(sent[pos:]))
        quote = ("…" if s["cut_before"] else "") + "".join(pieces) + ("…" if s["cut_after"] else "")
        if s["continues"] and out[-1].endswith("</span></li>"):
            out[-1] = out[-1][: -len("</span></li>")] + f" {quote}</span></li>"
            continue
        out.append(f'<li><span class="part">{esc(part_en.get(s["part"], s["part"]))} · '
                   f'{esc(_short(s["section_title"], 30))}</span> <span lang="zh">{quote}</span></li>')
    out.append("</ul>")
    return "".join(out)


def document_label(seed) -> str:
    """'Inner Mongolia 2025 government work report' (from the document's own text)."""
    from . import document

    return document.read(config.resolve(seed)).label


def document_header_html(df: pd.DataFrame, text: str, seed) -> str:
    """The report's header: its title, the session, date and speaker it was given at (all read from
    its text; what the text does not state is left out), the years, and the caveats of an excerpt."""
    from . import document
    from .render import render

    d = document.from_text(text, config.resolve(seed).stem)
    date = ""
    if d.date:
        y, m, dd = (int(x) for x in d.date.split("-"))
        date = f"{dd} {_MONTHS[m - 1]} {y}"
    return render("header", title=d.title, label=d.label, session=d.session, date=date, speaker=d.speaker,
                  speaker_title=d.speaker_title, review_year=d.review_year, plan_year=d.report_year,
                  chars=f"{len(text):,}", n=len(df), notes=list(d.notes))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def document_md(df: pd.DataFrame, text: str, seed) -> str:
    """The header as raw HTML in Markdown (kept for notebooks that display Markdown)."""
    return document_header_html(df, text, seed)


def main_targets_without_number_md(text: str) -> str:
    c = commitments(text)
    c = c[c["section"] == "targets"]
    if c.empty:
        return "*None: every main target carries a number.*"
    return "\n".join(f"- {md_escape(t)}" for t in c["text"])


def targets_by_sector_html(df: pd.DataFrame) -> str:
    t = df[df["kind"] == "target"].copy()
    sectors = ["macro"] + [x for x in lexicon.load().sector_order if x != "macro"]
    order = {s: i for i, s in enumerate(sectors)}
    t["_o"] = t["sector"].map(order)
    t = t.sort_values(["_o", "start"]).drop(columns="_o")
    return html_table(t, table_id="table-targets", sentence=False)


def _simple_table(df: pd.DataFrame, headers: dict[str, str], zh: tuple = ()) -> str:
    out = ['<div class="table-wrapper"><table class="indicators"><thead><tr>']
    out += [f'<th scope="col">{esc(h)}</th>' for h in headers.values()]
    out.append("</tr></thead><tbody>")
    for _, r in df.iterrows():
        cells = "".join(f'<td{" lang=zh" if c in zh else ""}>{esc(r[c])}</td>' for c in headers)
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def concepts_html() -> str:
    """The curated concepts of government work reports: term, English, explanation."""
    rows = pd.DataFrame([{"zh": k, "en": en, "note": note} for k, (en, note) in lexicon.glossary()["concepts"].items()])
    return _simple_table(rows, {"zh": "Chinese", "en": "English", "note": "What it means"}, zh=("zh",))


def glossary_html(df: pd.DataFrame) -> str:
    g = glossary_terms(df)
    return _simple_table(g, {"metric_zh": "Chinese", "metric_en": "English", "unit": "Unit", "unit_en": "Unit (English)",
                             "metric_en_source": "Label from", "rows": "Rows"}, zh=("metric_zh", "unit"))


def units_html(df: pd.DataFrame) -> str:
    return _simple_table(units_table(df), {"unit": "Unit as written", "base_unit": "Base unit", "unit_en": "English",
                                          "dimension": "Dimension", "rows": "Rows"}, zh=("unit", "base_unit"))


def accuracy_table() -> pd.DataFrame:
    """Scores of the extractor on every annotated text of the project (the shipped seed first)."""
    from . import evaluate

    docs = [(config.DEFAULT_SEED, config.SEED_GOLD, "shipped report (development)")]
    unseen = config.FIXTURES / "unseen"
    for gold in sorted(unseen.glob("*.csv")):
        txt = gold.with_suffix(".txt")
        if txt.exists():
            docs.append((txt, gold, "unseen fixture"))
    rows = []
    for txt, gold, role in docs:
        g = pd.read_csv(gold, dtype=str, keep_default_na=False)
        r = evaluate.score(g, extractor.default_extractor().extract(read_text(txt), txt.stem))
        row = {"document": txt.name, "role": role, "gold indicators": r["gold_indicators"],
               "precision": r["precision"], "recall": r["recall"], "trap hits": r["trap_hits"]}
        row.update({k: v for k, v in r["accuracy"].items()})
        row.update({f"F1 {k}": v for k, v in r["chapter_f1"].items()})
        rows.append(row)
    return pd.DataFrame(rows)


def annotations_html(prefix: str = "../data/") -> str:
    """Links to the published annotations (see analysis.downloads.annotations)."""
    from .downloads import annotations

    items = "".join(f'<li><a href="{esc(prefix + f)}" download><code>{esc(f.removeprefix("annotation-"))}</code></a></li>'
                    for f in annotations())
    return f'<p>The annotations, as CSV:</p><ul class="downloads">{items}</ul>'


def accuracy_html(acc: pd.DataFrame) -> str:
    shown = acc.copy()
    for c in shown.columns:
        if shown[c].dtype.kind == "f":
            shown[c] = shown[c].map(lambda v: f"{v:.3f}")
    return _simple_table(shown, {c: c for c in shown.columns})
