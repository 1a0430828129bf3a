"""The data downloads of the site: the indicators table in three formats, its schema, per-indicator
metadata in the style of Our World in Data, and a Frictionless data package describing the files.

The bytes come from the same table the pages show (``analysis.extract`` of the seed), serialised by
the same function as the CLI (``analysis.files.to_bytes``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from . import __version__, schema
from .files import to_bytes
from .reading import read_text


def _description(r) -> str:
    from .report import as_written, english_value

    when = {"achieved": "reported result", "target": "target", "context": "context figure"}[r["kind"]]
    if r["kind"] == "achieved" and r["estimate"]:
        when = "reported result (an estimate, 预计)"
    year = "" if pd.isna(r["year"]) else f" for {int(r['year'])}"
    return (f"{r['metric_en']}: {when}{year} of {english_value(r)} ({r['measure']}), as stated in the report: "
            f"{r['metric_zh']} {as_written(r)}.")


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
    from .table import load_table

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
        "version": __version__,
        "sources": [{"title": seed.name, "path": seed.name,
                     "hash": "sha256:" + hashlib.sha256(seed.read_bytes()).hexdigest(),
                     "characters": len(text)}],
        "resources": resources,
    })
    out.update(corpus_sources())
    out.update(annotations())
    return out


def annotations() -> dict[str, bytes]:
    """The hand-checked annotations the Methods page measures the extraction on, published as they are."""
    from . import config

    return {name: p.read_bytes() for name, p in config.annotation_files().items()}


def corpus_sources() -> dict[str, bytes]:
    """{source-<report>.html: page}: the annotated source of every corpus report, which the corpus
    chapters link their values to (each quantity at its anchor ``#i<start>-<end>``).

    Pages are cached in build/cache by the hash of the package and the corpus, so that a build with
    nothing changed does not render them again."""
    from . import config, panel
    from .hashing import _sha, package_hash
    from .render import render
    from .views import annotated_source, legend_html

    m = panel.manifest()
    if m.empty:
        return {}
    key = _sha(package_hash().encode(), render_key(), panel.MANIFEST.read_bytes(),
               *((panel.CORPUS / f).read_bytes() for f in m["file"]))
    cache = config.BUILD / "cache" / f"corpus-sources-{key[:16]}.json"
    if cache.exists():
        try:
            return {k: v.encode("utf-8") for k, v in json.loads(cache.read_text(encoding="utf-8")).items()}
        except ValueError:
            pass
    corpus = panel.corpus()
    from markupsafe import Markup

    out = {}
    for _, r in m.iterrows():
        text = read_text(panel.CORPUS / r["file"])
        rows = corpus[corpus["doc"] == r["doc"]]
        page = render("source_page", title=f"{r['region_en']} {r['year']} government work report",
                      title_zh=f"{r['year']}年{r['region_zh']}政府工作报告", legend=Markup(legend_html()),
                      body=Markup(annotated_source(text, rows)), n=len(rows))
        out[f"source-{r['doc']}.html"] = page
    cache.parent.mkdir(parents=True, exist_ok=True)
    for old in cache.parent.glob("corpus-sources-*.json"):
        old.unlink()
    cache.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return {k: v.encode("utf-8") for k, v in out.items()}


def render_key() -> bytes:
    from .render import TEMPLATES

    return b"".join(p.read_bytes() for p in sorted(TEMPLATES.glob("*.j2")))
