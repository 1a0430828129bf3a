"""Cite and version (issue 14): one version everywhere, a reproducible build date, a citation line on every page."""

from __future__ import annotations

import importlib.util
import re

import pytest
import yaml

import analysis
from analysis.project import config
from tests.helpers import ROOT


def test_one_version_everywhere():
    pyproject = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    changelog = re.search(r"^## (\S+) — ", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M).group(1)
    assert analysis.__version__ == pyproject == str(cff["version"]) == changelog
    assert cff["cff-version"] == "1.2.0" and cff["authors"] and cff["license"] == "MIT"


def test_licence_and_data_terms_are_there():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    data = (ROOT / "DATA.md").read_text(encoding="utf-8")
    assert "official documents" in data.lower() and "annotations" in data


def test_the_build_date_is_reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765065600")  # 2025-12-07 00:00 UTC
    s = config.stamp()
    assert s["date"] == "2025-12-07" and s["version"] == analysis.__version__
    assert s["cite"].startswith("The Government work report indicators contributors (2025)")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert config.stamp() == config.stamp()  # the commit's date: the same for every build of a commit


def test_the_footer_escapes_what_it_shows():
    spec = importlib.util.spec_from_file_location("report_sphinx", ROOT / "book" / "_ext" / "report_sphinx.py")
    ext = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ext)
    html = ext.footer_html({"version": "1<b>", "date": "2026-12-07", "cite": "<script>x</script>"})
    assert "<script>" not in html and "&lt;script&gt;" in html and "Version 1&lt;b&gt;" in html


@pytest.mark.slow
def test_every_page_shows_version_date_and_how_to_cite(site):
    stamp = config.stamp()
    pages = sorted(site.rglob("*.html"))
    book_pages = [p for p in pages if "govreport-stamp" in p.read_text(encoding="utf-8")
                  or p.parent.name == "chapters"]
    assert book_pages
    for p in book_pages:
        html = p.read_text(encoding="utf-8")
        assert f"Version {stamp['version']} · built {stamp['date']}" in html, p.name
        assert "How to cite" in html, p.name
