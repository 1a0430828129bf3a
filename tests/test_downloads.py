"""The corpus downloads: every report's rows, the scorecard, the revisions and the manifest, as CSV (UTF-8 with a
byte-order mark), Parquet and one .xlsx, described by datapackage.json (issue 14)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import analysis
from analysis.corpus import manifest
from analysis.site import downloads
from tests.helpers import ROOT

SEED = ROOT / "seeds" / "000_3d94fe6dcb412aa7.txt"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return downloads.files(SEED)


def test_every_corpus_table_is_offered_in_three_formats(files):
    for name in ("corpus-indicators", "corpus-scorecard", "corpus-revisions", "corpus-manifest"):
        assert f"{name}.csv" in files and f"{name}.parquet" in files
    assert files["corpus.xlsx"][:2] == b"PK"


def test_the_csv_opens_in_excel_with_chinese_intact(files):
    data = files["corpus-indicators.csv"]
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert "政府工作报告" not in data[:3].decode("utf-8-sig")
    text = data.decode("utf-8-sig")
    assert text.split(",", 1)[0] == "doc" and "地区生产总值" in text


def test_the_panel_loads_in_pandas_with_the_schemas_dtypes(files):
    dtypes = analysis.dtypes()
    pq = pd.read_parquet(io.BytesIO(files["corpus-indicators.parquet"]))
    assert {c: str(t) for c, t in pq.dtypes.items()} == {c: dtypes[c] for c in pq.columns}
    csv = analysis.read_csv(io.BytesIO(files["corpus-indicators.csv"]))
    assert list(csv.columns) == analysis.columns()
    assert str(csv["year"].dtype) == "Int64" and str(csv["start"].dtype) == "int64"
    assert len(csv) == len(pq) == len(manifest.corpus())
    pd.testing.assert_frame_equal(csv, pq)  # the CSV reads back exactly as the Parquet
    assert set(csv["doc"]) == set(manifest.manifest()["doc"])


def test_integer_columns_stay_integer(files):
    for name in ("corpus-scorecard", "corpus-revisions", "corpus-manifest"):
        df = pd.read_parquet(io.BytesIO(files[f"{name}.parquet"]))
        schema = json.loads(files[f"{name}-schema.json"])
        for f in schema["fields"]:
            if f["name"].endswith("year") or f["name"] in ("chars",):
                assert f["type"] == "integer", (name, f)
                assert str(df[f["name"]].dtype).lower().startswith("int"), (name, f["name"], df[f["name"]].dtype)
        csv = pd.read_csv(io.BytesIO(files[f"{name}.csv"]), encoding="utf-8-sig", dtype=str, keep_default_na=False)
        for c in csv.columns:
            if c.endswith("year"):
                assert not csv[c].str.contains(r"\.", regex=True).any(), (name, c)  # 2025, never 2025.0


def test_the_workbook_has_a_sheet_per_table_and_is_the_same_every_build(files):
    import zipfile

    z = zipfile.ZipFile(io.BytesIO(files["corpus.xlsx"]))
    sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 4
    assert downloads._xlsx({"a": pd.DataFrame({"x": [1]})}) == downloads._xlsx({"a": pd.DataFrame({"x": [1]})})


def test_the_data_package_describes_every_file_with_its_hash(files):
    import hashlib

    pkg = json.loads(files["datapackage.json"])
    for r in pkg["resources"]:
        assert r["path"] in files, r["path"]
        if "hash" in r:
            assert r["hash"] == "sha256:" + hashlib.sha256(files[r["path"]]).hexdigest()


@pytest.mark.slow
def test_the_data_package_validates_with_frictionless(files, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    # every resource's descriptor, schema, header and first 2,000 rows (the whole 13,000-row panel takes
    # ~30 s more; the hashes of the whole files are checked by the test above)
    report = frictionless.validate(str(tmp_path / "datapackage.json"), limit_rows=2000)
    errors = [e.message for task in report.tasks for e in task.errors][:5] + [e.message for e in report.errors][:5]
    assert report.valid, errors


def test_the_download_page_lists_every_file_with_its_size(files):
    lst = downloads.listing(SEED)
    assert set(lst["file"]) >= {"corpus-indicators.csv", "corpus.xlsx", "datapackage.json", "schema.json"}
    row = lst.set_index("file").loc["corpus-indicators.csv"]
    assert row["bytes"] == len(files["corpus-indicators.csv"]) and row["rows"] == len(manifest.corpus())
