"""Policy themes across reports: how often each report uses chosen terms (新质生产力, 人工智能, 低空经济 …),
per 10,000 characters, and the sentences that use them.

The terms are data, ``analysis/data/themes.yaml`` (themes, each a group of terms with an English label
and optional variants), validated when loaded; a researcher extends that file or passes a file of the
same shape (or a plain list of words)::

    from pathlib import Path
    from analysis.site import themes

    paths = sorted(Path("seeds/corpus").glob("*.txt"))
    counts = themes.count_terms(paths, ["新质生产力", "人工智能", "低空经济"])   # one row per report and term
    by_theme = themes.count_terms(paths, by="theme")                           # every theme of themes.yaml
    themes.find_sentences(paths, "低空经济")                                   # the sentences, with their sections

What is counted (so that a count can be checked with ``grep -o TERM FILE | wc -l``): the
non-overlapping occurrences of the term, or of any of its variants, in the report's readable text
(``analysis.reading.document``: the PDF layout undone, so a term broken by a hard line break or a page marker
still counts; runs of whitespace read as one space or one paragraph break; full-width digits and Latin
letters read as ASCII). Where forms of a term overlap, the longest at a position is counted, once.
A theme counts every place where any of its terms occurs, once. ``chars`` is the length of the
readable text and ``per_10k_chars`` = ``count / chars * 10000``. On a text without hard line breaks
inside the term, the count equals ``grep -o`` on the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..language.lexicon import DATA, load_yaml
from ..project.errors import DataError
from ..reading import document
from .views import section_en

THEMES_FILE = DATA / "themes.yaml"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
THEME_KEYS = {"zh", "en", "terms"}
TERM_KEYS = {"zh", "en", "variants"}
COLUMNS = ["report", "region", "region_en", "level", "year", "theme", "theme_en", "term", "term_en", "count",
           "chars", "per_10k_chars"]
SENTENCE_COLUMNS = ["report", "region", "region_en", "level", "year", "term", "section", "section_title",
                    "sentence", "start", "end", "raw_start", "raw_end"]


class ThemesError(DataError, ValueError):
    """A themes file is malformed (one line naming the file, the theme and the key)."""


@dataclass(frozen=True, slots=True)
class Term:
    zh: str                       # the term as reports write it
    en: str                       # its English label
    variants: tuple[str, ...]     # other spellings counted as the same term
    theme: str                    # the ID of its theme ('' for a plain word)
    theme_en: str

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.zh, *self.variants)


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    zh: str
    en: str
    terms: tuple[Term, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for t in self.terms for f in t.forms))


def _word(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ThemesError(f"{where}: a non-empty string is expected, got {value!r}")
    if value != value.strip() or "\n" in value:
        raise ThemesError(f"{where}: no leading, trailing or line-break whitespace ({value!r})")
    return value


def parse(data, source: str = "themes.yaml") -> tuple[Theme, ...]:
    """The themes of a loaded themes file (see ``analysis/data/themes.yaml`` for the shape)."""
    if not isinstance(data, dict) or set(data) != {"themes"} or not isinstance(data["themes"], dict) \
            or not data["themes"]:
        raise ThemesError(f"{source}: a mapping with one key 'themes' (theme ID: entry) is expected")
    out = []
    for tid, meta in data["themes"].items():
        where = f"{source}: theme {tid}"
        if not isinstance(tid, str) or not _ID.match(tid):
            raise ThemesError(f"{where}: a theme ID is lower_snake_case")
        if not isinstance(meta, dict):
            raise ThemesError(f"{where}: a mapping with zh, en and terms is expected")
        if set(meta) - THEME_KEYS:
            raise ThemesError(f"{where}: unknown key(s) {sorted(set(meta) - THEME_KEYS)}")
        for key in ("zh", "en", "terms"):
            if key not in meta:
                raise ThemesError(f"{where}: '{key}' is required")
        zh, en = _word(meta["zh"], f"{where}: zh"), _word(meta["en"], f"{where}: en")
        if not isinstance(meta["terms"], list) or not meta["terms"]:
            raise ThemesError(f"{where}: 'terms' must be a non-empty list")
        terms, seen = [], set()
        for k, t in enumerate(meta["terms"], 1):
            tw = f"{where}: term {k}"
            if not isinstance(t, dict):
                raise ThemesError(f"{tw}: a mapping with zh and en is expected, got {t!r}")
            if set(t) - TERM_KEYS:
                raise ThemesError(f"{tw}: unknown key(s) {sorted(set(t) - TERM_KEYS)}")
            for key in ("zh", "en"):
                if key not in t:
                    raise ThemesError(f"{tw}: '{key}' is required")
            tzh = _word(t["zh"], f"{tw}: zh")
            variants = t.get("variants", [])
            if not isinstance(variants, list):
                raise ThemesError(f"{tw} ({tzh}): 'variants' must be a list")
            variants = tuple(_word(v, f"{tw} ({tzh}): variants") for v in variants)
            for form in (tzh, *variants):
                if form in seen:
                    raise ThemesError(f"{tw} ({tzh}): {form!r} is listed twice in the theme")
                seen.add(form)
            terms.append(Term(tzh, _word(t["en"], f"{tw}: en"), variants, tid, en))
        out.append(Theme(tid, zh, en, tuple(terms)))
    return tuple(out)


def load(path: str | Path | None = None) -> tuple[Theme, ...]:
    """The themes of ``analysis/data/themes.yaml``, or of a researcher's file of the same shape."""
    path = Path(path) if path is not None else THEMES_FILE
    return _load(path.resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> tuple[Theme, ...]:
    import yaml

    try:
        data = load_yaml(path)
    except OSError as exc:
        raise ThemesError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark is not None else ""
        raise ThemesError(f"{path.name}: not valid YAML{at}") from None
    return parse(data, path.name)


def _terms(terms) -> list[Term]:
    """Terms from None (every term of themes.yaml), a themes file, Themes, Terms or plain words."""
    if terms is None:
        terms = load()
    elif isinstance(terms, (str, Path)) and str(terms).endswith((".yaml", ".yml")):
        terms = load(terms)
    elif isinstance(terms, str):
        terms = [terms]
    out = []
    for t in terms:
        if isinstance(t, Theme):
            out.extend(t.terms)
        elif isinstance(t, Term):
            out.append(t)
        else:
            out.append(Term(_word(t, "term"), str(t), (), "", ""))
    return out


@lru_cache(maxsize=256)
def _pattern(forms: tuple[str, ...]) -> re.Pattern:
    # the longest form first, so that overlapping forms count once, as the longest
    return re.compile("|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f))))


def count(text: str, forms: Iterable[str]) -> int:
    """The non-overlapping occurrences of any of the forms in a text (the longest at a position)."""
    return sum(1 for _ in _pattern(tuple(forms)).finditer(text))


def _doc(report) -> document.Document:
    if isinstance(report, document.Document):
        return report
    if isinstance(report, Path):
        return document.read(report)
    if isinstance(report, str):
        return document.read(report)  # a str is the report's text (as in analysis.extract)
    raise TypeError(f"a report is a Path, a str (its text) or a Document, not {type(report).__name__}")


def _identity(doc: document.Document) -> dict:
    return {"report": doc.name, "region": doc.region, "region_en": doc.region_en, "level": doc.level,
            "year": doc.report_year}


def count_terms(reports, terms=None, by: str = "term") -> pd.DataFrame:
    """How often each report uses each term (``by="term"``) or each theme (``by="theme"``).

    ``reports``: paths (or one path), texts or Documents; ``terms``: None (every term of
    ``analysis/data/themes.yaml``), the path of a themes file, plain words, or Terms/Themes of
    :func:`load`. One row per report and term (or theme), in the order given: report (the file's
    name without suffix), region, region_en, level, year (the report's year), theme, theme_en, term,
    term_en, count, chars (the length of the readable text) and per_10k_chars. See the module
    docstring for exactly what is counted."""
    if by not in ("term", "theme"):
        raise ValueError(f"by is 'term' or 'theme', not {by!r}")
    if isinstance(reports, (str, Path, document.Document)):
        reports = [reports]
    if by == "theme":
        units = [(t.id, t.en, t.zh, t.en, t.forms) for t in
                 (load(terms) if terms is None or isinstance(terms, (str, Path)) else terms)]
    else:
        units = [(t.theme, t.theme_en, t.zh, t.en, t.forms) for t in _terms(terms)]
    rows = []
    for report in reports:
        doc = _doc(report)
        ident, text = _identity(doc), doc.text
        chars = len(text)
        for theme, theme_en, zh, en, forms in units:
            n = count(text, forms)
            rows.append({**ident, "theme": theme, "theme_en": theme_en, "term": zh, "term_en": en, "count": n,
                         "chars": chars, "per_10k_chars": n / chars * 10000 if chars else 0.0})
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["year"] = df["year"].astype("Int64")
    df["count"] = df["count"].astype("int64")
    df["chars"] = df["chars"].astype("int64")
    df["per_10k_chars"] = df["per_10k_chars"].astype("float64")
    return df


def find_sentences(reports, terms) -> pd.DataFrame:
    """Every sentence that uses a term (or any of its variants), with its report, section and offsets
    (``start``/``end`` into the readable text, ``raw_start``/``raw_end`` into the file as decoded)."""
    if isinstance(reports, (str, Path, document.Document)):
        reports = [reports]
    wanted = _terms(terms)
    rows = []
    for report in reports:
        doc = _doc(report)
        ident = _identity(doc)
        for s in doc.sentence_list():
            for t in wanted:
                if _pattern(t.forms).search(s.text):
                    rs, re_ = doc.layout.to_raw(s.start, s.end)
                    rows.append({**ident, "term": t.zh, "section": s.section, "section_title": s.section_title,
                                 "sentence": s.text, "start": s.start, "end": s.end, "raw_start": rs,
                                 "raw_end": re_})
    df = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    df["year"] = df["year"].astype("Int64")
    return df


# ------------------------------------------------------------------------------------ the Themes page


# ------------------------------------------------------------------------------------ search


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:^])")


def _md_escape(s: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", s)


def indexable_markdown(report, heading_level: int = 2) -> str:
    """A report's readable text as Markdown (MyST) for a page that the site's search indexes: one heading
    per section (its title as written, else its role) and one paragraph per paragraph, every Markdown
    character escaped. A page of d1's Reports part (or any page) can include it so that the Sphinx
    search (jieba) finds the report's words; headings are `{heading_level}` deep."""
    doc = _doc(report)
    text = doc.text
    hashes = "#" * heading_level
    out = []
    for sec in doc.sections:
        if sec.role == "header":
            continue
        title = sec.title or section_en(sec.role if not sec.role.startswith("task-") else "plan")
        out.append(f"{hashes} {_md_escape(title)}\n")
        for para in sec.paragraphs:
            body = text[para.start:para.end].strip()
            if body and body != sec.title:
                out.append(_md_escape(body) + "\n")
    return "\n".join(out)
