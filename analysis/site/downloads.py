"""The data downloads of the site: the indicators table in three formats, its schema, per-indicator
metadata in the style of Our World in Data, and a Frictionless data package describing the files.

The bytes come from the same table the pages show (``analysis.extract`` of the seed), serialised by
the same function as the CLI (``analysis.project.files.to_bytes``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from ..corpus import manifest, revisions, scorecard
from ..corpus.table import load_table
from ..extraction import schema
from ..project import config
from ..project.files import cached_files, to_bytes
from ..project.hashing import _sha, package_hash
from ..reading.decoding import read_text
from .links import source_file
from .render import TEMPLATES, render
from .report import as_written, english_value
from .views import annotated_source, legend_html


def _description(r) -> str:
    when = {"achieved": "reported result", "target": "target", "context": "context figure"}[r["kind"]]
    if r["kind"] == "achieved" and r["estimate"]:
        when = "reported result (an estimate, 预计)"
    year = "" if pd.isna(r["year"]) else f" for {int(r['year'])}"
    return (f"{r['metric_en']}: {when}{year} of {english_value(r)} ({r['measure']}), as stated in the report: "
            f"{r['metric_zh']} {as_written(r)}.")


def _num(x) -> float | None:
    return None if pd.isna(x) else float(x)


def metadata(df: pd.DataFrame) -> list[dict]:
    """One metadata record per indicator: title, unit, description and origin."""
    out = []
    for _, r in df.iterrows():
        out.append({
            "id": r["id"],
            "title": r["metric_en"],
            "title_zh": r["metric_zh"],
            "unit": r["unit_en"] or r["unit"],
            "unit_zh": r["unit"],
            "short_unit": r["base_unit"],
            "description": _description(r),
            "kind": r["kind"], "measure": r["measure"], "sector": r["sector"], "sectors": r["sectors"].split(";"),
            "value": float(r["value"]), "value_base": float(r["value_base"]), "qualifier": r["qualifier"],
            "value_signed": float(r["value_signed"]), "low": _num(r["low"]), "high": _num(r["high"]),
            "commitment": r["commitment"], "group": int(r["group"]),
            "estimate": bool(r["estimate"]),
            "year": None if pd.isna(r["year"]) else int(r["year"]),
            "origin": {
                "document": r["doc"], "section": r["section"], "section_title": r["section_title"],
                "paragraph": int(r["paragraph"]), "sentence": r["sentence"],
                "start": int(r["start"]), "end": int(r["end"]), "raw": r["raw"],
                "sentence_start": int(r["sentence_start"]), "sentence_end": int(r["sentence_end"]),
            },
        })
    return out


def _json(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def files(seed: Path) -> dict[str, bytes]:
    """{file name: bytes} of every download for a report file."""
    seed = Path(seed)
    df = load_table(seed)
    out = {
        "indicators.csv": to_bytes(df, "csv"),
        "indicators.json": to_bytes(df, "json"),
        "indicators.parquet": to_bytes(df, "parquet"),
        "schema.json": _json(schema.table_schema()),
        "indicators-metadata.json": _json({"document": seed.name, "indicators": metadata(df)}),
    }
    text = read_text(seed)
    sch = schema.table_schema()
    resources = [
        {"name": "indicators", "path": "indicators.csv", "format": "csv", "mediatype": "text/csv",
         "description": f"Every quantity of the report {seed.name}, one row each (the columns of schema.json).",
         "encoding": "utf-8", "dialect": {"header": True, "delimiter": ","}, "schema": "schema.json",
         "rows": int(len(df)), "hash": "sha256:" + hashlib.sha256(out["indicators.csv"]).hexdigest()},
        {"name": "indicators-json", "path": "indicators.json", "format": "json", "mediatype": "application/json",
         "encoding": "utf-8", "schema": "schema.json",
         "hash": "sha256:" + hashlib.sha256(out["indicators.json"]).hexdigest()},
        {"name": "indicators-parquet", "path": "indicators.parquet", "format": "parquet",
         "mediatype": "application/vnd.apache.parquet", "schema": "schema.json",
         "hash": "sha256:" + hashlib.sha256(out["indicators.parquet"]).hexdigest()},
        {"name": "indicators-metadata", "path": "indicators-metadata.json", "format": "json",
         "mediatype": "application/json", "encoding": "utf-8",
         "description": "Per-indicator metadata: title, unit, description, origin (document, section, sentence, offsets)."},
    ]
    out["datapackage.json"] = _json({
        "profile": "data-package",
        "name": "govreport-indicators",
        "title": sch["title"],
        "description": sch["description"],
        "version": config.VERSION,
        "sources": [{"title": seed.name, "path": seed.name,
                     "hash": "sha256:" + hashlib.sha256(seed.read_bytes()).hexdigest(),
                     "characters": len(text)}],
        "resources": resources,
    })
    corpus = corpus_files()
    if corpus:
        resources += corpus_resources(corpus)
        out["datapackage.json"] = _json({**json.loads(out["datapackage.json"]), "resources": resources})
    out.update(corpus)
    out.update(corpus_sources())
    out.update(annotations())
    return out


def annotations() -> dict[str, bytes]:
    """The hand-checked annotations the Methods page measures the extraction on, published as they are."""
    return {name: p.read_bytes() for name, p in config.annotation_files().items()}


def corpus_sources() -> dict[str, bytes]:
    """{source-<report>.html: page}: the annotated source of every corpus report, which the corpus
    chapters link their values to (each quantity at its anchor ``#i<start>-<end>``).

    Pages are cached in build/cache by the hash of the package, the corpus and its manifest (the names
    and years of the pages' titles), so that a build with nothing changed does not render them again."""
    m = manifest.manifest()
    if m.empty:
        return {}
    key = _sha(package_hash().encode(), render_key(), manifest.MANIFEST.read_bytes(),
               *((manifest.CORPUS / f).read_bytes() for f in m["file"]))

    def make() -> dict[str, bytes]:
        from markupsafe import Markup

        corpus = manifest.corpus()
        out = {}
        for _, r in m.iterrows():
            text = read_text(manifest.CORPUS / r["file"])
            rows = corpus[corpus["doc"] == r["doc"]]
            page = render("source_page", title=f"{r['region_en']} {r['year']} government work report",
                          title_zh=f"{r['year']}年{r['region_zh']}政府工作报告", legend=Markup(legend_html()),
                          body=Markup(annotated_source(text, rows)), n=len(rows))
            out[source_file(r['doc'])] = page.encode("utf-8")
        return out

    return cached_files(config.BUILD / "cache", "corpus-sources", key, make)


def render_key() -> bytes:
    return b"".join(p.read_bytes() for p in sorted(TEMPLATES.glob("*.j2")))


# ---------------------------------------------------------------------------------------- the corpus
CSV_BOM = b"\xef\xbb\xbf"  # so that Excel on Windows opens the CSV as UTF-8 (Chinese intact)


def _scalar_columns(df: pd.DataFrame) -> pd.DataFrame:
    """The columns of a panel table that hold plain values (not the row objects the pages keep)."""
    keep = [c for c in df.columns
            if not df[c].map(lambda v: isinstance(v, (pd.Series, dict, list))).any()]
    return df[keep]


def _csv_bom(df: pd.DataFrame) -> bytes:
    return CSV_BOM + to_bytes(df, "csv")


def _xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table (strings as text, never formulas or links; empty cells for
    missing values), written column by column with xlsxwriter (a 13,000-row panel in ~2 s)."""
    import datetime
    import io

    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_urls": False, "strings_to_formulas": False,
                                   "strings_to_numbers": False})
    wb.set_properties({"created": datetime.datetime(2000, 1, 1)})  # fixed: two builds give the same bytes
    bold = wb.add_format({"bold": True})
    for name, df in sheets.items():
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, [str(c) for c in df.columns], bold)
        for j, c in enumerate(df.columns):
            col = df[c].astype(object).where(df[c].notna(), None).tolist()
            ws.write_column(1, j, col)
        ws.freeze_panes(1, 0)
    wb.close()
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every member's timestamp fixed, so that two builds give the same bytes."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            xml = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # created/modified stamps of openpyxl
                import re

                xml = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", xml)
            dst.writestr(fixed, xml)
    return buf.getvalue()


def _table_schema(df: pd.DataFrame, descriptions: dict[str, str] | None = None) -> dict:
    """A Frictionless table schema for a derived table (types from the pandas dtypes)."""
    def ftype(dt) -> str:
        s = str(dt)
        if s.lower().startswith("int"):
            return "integer"
        if s.startswith("float"):
            return "number"
        if s == "bool" or s == "boolean":
            return "boolean"
        return "string"

    descriptions = descriptions or {}
    fields = []
    for c in df.columns:
        f = {"name": c, "type": ftype(df[c].dtype)}
        if c in descriptions:
            f["description"] = descriptions[c]
        fields.append(f)
    return {"fields": fields, "missingValues": [""]}


def _integers(df: pd.DataFrame) -> pd.DataFrame:
    """Columns that hold whole numbers stay integers (nullable Int64), never floats such as 2025.0."""
    df = df.copy()
    for c in df.columns:
        s = df[c]
        if str(s.dtype).startswith("float") and s.notna().any():
            v = s.dropna()
            if c.endswith(("year", "_start", "_end", "start", "end", "paragraph")) and (v == v.round()).all():
                df[c] = s.astype("Int64")
    return df


CORPUS_TABLES = {
    "corpus-indicators": "Every quantity of every report of the corpus (all columns of schema.json), one row each.",
    "corpus-scorecard": ("Each report's annual headline targets against the results its region's next report gives "
                         "for that year: verdict (met, missed, not reported, not comparable, no next report), gap, "
                         "and the target (t_*) and result (r_*) rows by id."),
    "corpus-revisions": ("How each region revised each headline target from one year's report to the next: raised, "
                         "kept, cut, new, dropped (change in the target's base unit)."),
    "corpus-manifest": "The reports of the corpus: file, region, level, year, length and source.",
}


def corpus_tables() -> dict[str, pd.DataFrame]:
    """The tables of the whole corpus that the site offers for download (empty dict without a corpus)."""
    m = manifest.manifest()
    if m.empty:
        return {}
    df = manifest.corpus()
    years = sorted(int(y) for y in m["year"].unique())
    cards = [scorecard.region_scorecard(df, y) for y in years if y + 1 in years]
    card = pd.concat(cards, ignore_index=True) if cards else pd.DataFrame()
    revs = [revisions.revisions(df, y, y + 1) for y in years if y + 1 in years]
    rev = pd.concat(revs, ignore_index=True) if revs else pd.DataFrame()
    if len(rev):
        rev = rev.assign(
            before_value_base=rev["before"].map(lambda r: None if r is None else float(r["value_base"])),
            after_value_base=rev["after"].map(lambda r: None if r is None else float(r["value_base"])),
            before_id=rev["before"].map(lambda r: "" if r is None else r["id"]),
            after_id=rev["after"].map(lambda r: "" if r is None else r["id"]),
            base_unit=[(b if b is not None else a)["base_unit"] if (a is not None or b is not None) else ""
                       for a, b in zip(rev["after"], rev["before"])],
        )
    panel_df = df[[c for c in schema.columns() if c in df.columns]].astype(
        {c: t for c, t in schema.dtypes().items() if c in df.columns})
    return {
        "corpus-indicators": panel_df,
        "corpus-scorecard": _integers(_scalar_columns(card)),
        "corpus-revisions": _integers(_scalar_columns(rev)),
        "corpus-manifest": _integers(m),
    }


def corpus_files() -> dict[str, bytes]:
    """{file name: bytes}: the corpus tables as CSV (UTF-8 with BOM) and Parquet, one .xlsx with a sheet per
    table, and the table schema of each derived table (the indicators use schema.json).

    Cached in build/cache by the hash of the package and the corpus (a build with nothing changed does not
    compute them again)."""
    m = manifest.manifest()
    if m.empty:
        return {}
    key = _sha(package_hash().encode(), manifest.MANIFEST.read_bytes(),
               *((manifest.CORPUS / f).read_bytes() for f in m["file"]))
    return cached_files(config.BUILD / "cache", "corpus-files", key, _corpus_files)


def _corpus_files() -> dict[str, bytes]:
    tables = corpus_tables()
    if not tables:
        return {}
    out: dict[str, bytes] = {}
    for name, df in tables.items():
        out[f"{name}.csv"] = _csv_bom(df)
        out[f"{name}.parquet"] = to_bytes(df, "parquet")
        if name != "corpus-indicators":
            out[f"{name}-schema.json"] = _json(_table_schema(df))
    sheets = {"indicators": tables["corpus-indicators"], "scorecard": tables["corpus-scorecard"],
              "revisions": tables["corpus-revisions"], "manifest": tables["corpus-manifest"]}
    out["corpus.xlsx"] = _xlsx(sheets)
    return out


def corpus_resources(out: dict[str, bytes]) -> list[dict]:
    """datapackage.json resources describing the corpus files in `out`."""
    res = []
    for name, desc in CORPUS_TABLES.items():
        if f"{name}.csv" not in out:
            continue
        sch = "schema.json" if name == "corpus-indicators" else f"{name}-schema.json"
        csv = out[f"{name}.csv"]
        res.append({"name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
                    "encoding": "utf-8-sig", "dialect": {"header": True, "delimiter": ","}, "schema": sch,
                    "description": desc + " UTF-8 with a byte-order mark, so that Excel shows the Chinese.",
                    "hash": "sha256:" + hashlib.sha256(csv).hexdigest()})
        res.append({"name": f"{name}-parquet", "path": f"{name}.parquet", "format": "parquet",
                    "mediatype": "application/vnd.apache.parquet", "schema": sch, "description": desc,
                    "hash": "sha256:" + hashlib.sha256(out[f"{name}.parquet"]).hexdigest()})
    if "corpus.xlsx" in out:
        res.append({"name": "corpus-xlsx", "path": "corpus.xlsx", "format": "xlsx", "schema": "schema.json",
                    "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "description": "The four corpus tables in one workbook, a sheet each (indicators, scorecard, "
                                   "revisions, manifest); schema.json describes the first sheet.",
                    "hash": "sha256:" + hashlib.sha256(out["corpus.xlsx"]).hexdigest()})
    return res


def listing(seed: Path) -> pd.DataFrame:
    """Every download of the site with what it is: file, table, format, rows, bytes, description (the
    "Download the data" page shows it; the numbers come from the files themselves)."""
    files_ = files(config.resolve(seed))
    pkg = json.loads(files_["datapackage.json"])
    rows = []
    for r in pkg["resources"]:
        data = files_.get(r["path"], b"")
        n = r.get("rows")
        if n is None and r.get("format") in ("csv", "parquet"):
            n = len(pd.read_parquet(__import__("io").BytesIO(files_[r["path"].rsplit(".", 1)[0] + ".parquet"])))
        rows.append({"file": r["path"], "format": r.get("format", ""), "rows": n, "bytes": len(data),
                     "description": r.get("description", "")})
    for name in ("schema.json", "datapackage.json"):
        rows.append({"file": name, "format": "json", "rows": None, "bytes": len(files_[name]),
                     "description": {"schema.json": "What every column of the indicators tables means "
                                                    "(Frictionless Table Schema).",
                                     "datapackage.json": "Describes every file above: schema, encoding, hash "
                                                         "(Frictionless Data Package)."}[name]})
    return pd.DataFrame(rows).astype({"rows": "Int64"})


def listing_summary(lst: pd.DataFrame) -> dict:
    """The counts the download page's text shows, read from the listing (never typed)."""
    rows = lst.set_index("file")["rows"]

    def n(name: str) -> str:
        return f"{int(rows[name]):,}" if name in rows and pd.notna(rows[name]) else "0"


    return {"seed_rows": n("indicators.csv"), "corpus_rows": n("corpus-indicators.csv"),
            "scorecard_rows": n("corpus-scorecard.csv"), "revision_rows": n("corpus-revisions.csv"),
            "reports": f"{len(manifest.manifest()):,}"}
