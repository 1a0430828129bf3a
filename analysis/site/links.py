"""Where the site shows a report's sentences, defined once: the shipped report's annotated source (a chapter
page) and each corpus report's annotated source (published with the data)."""

from __future__ import annotations

SOURCE_PAGE = "source.html"  # the Annotated source chapter of the shipped report, beside the other chapters


def source_file(doc: str) -> str:
    """The file name of a corpus report's annotated source page (under data/)."""
    return f"source-{doc}.html"
