"""Paths of the project, in one place (cookiecutter-data-science style).

Notebooks, the build and the tests resolve every path through this module, so that a notebook
runs the same from JupyterLab, from papermill and from nbval, whatever the working directory.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import yaml

from .errors import ConfigurationError
from .limits import GIT_DATE_TIMEOUT

VERSION = "0.4.4"  # the package's version (analysis.__version__), as in pyproject.toml and CITATION.cff
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
DEFAULT_SEED = SEEDS / "000_3d94fe6dcb412aa7.txt"
CORPUS = SEEDS / "corpus"          # the 62 provincial and 2 national reports of 2025 and 2026 (manifest.csv)
if os.environ.get("GOVREPORT_CORPUS"):  # another corpus folder (a copy, for tests); relative to the project root
    CORPUS = (ROOT / os.environ["GOVREPORT_CORPUS"]).resolve()
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"
BOOK_CONFIG = BOOK / "report.yml"
BUILD = ROOT / "build"
if os.environ.get("GOVREPORT_BUILD"):  # another build folder (caches, state, logs: for tests); relative to the root
    BUILD = (ROOT / os.environ["GOVREPORT_BUILD"]).resolve()
SITES = BUILD / "sites"
FIXTURES = ROOT / "tests" / "fixtures"
SEED_GOLD = FIXTURES / "seed_gold.csv"
CORE_GOLD = FIXTURES / "corpus"    # headline targets and results of the corpus, hand-checked
HELDOUT = FIXTURES / "heldout"     # every quantity of corpus reports, annotated blind
SCREENSHOTS = BUILD / "screenshots"


def annotation_files() -> dict[str, Path]:
    """{published name: file} of the hand-checked annotations (the seed's, the synthetic reports', the
    corpus's headline rows, the blind whole-report annotations)."""
    files = [SEED_GOLD, *sorted((FIXTURES / "unseen").glob("*.csv")), *sorted(CORE_GOLD.glob("core_*.csv")),
             *sorted(HELDOUT.glob("*.csv"))]
    return {f"annotation-{p.name}": p for p in files if p.exists()}


def resolve(path: str | Path) -> Path:
    """A path as given in a notebook parameter: absolute, or relative to the project root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else ROOT / p


def display_path(path: str | Path) -> str:
    """A path for printing in a published page: relative to the project root when inside it."""
    p = Path(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return p.name


class ConfigError(ConfigurationError):
    """A mistake in book/report.yml: one line naming the file and the key."""


def _where(p: Path) -> str:
    try:
        return p.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(p)


LEXICON = Path(__file__).resolve().parents[1] / "data" / "lexicon.yaml"
_TOP_KEYS = {"title": str, "seed": str, "kernel": str, "chapters": list, "reports": str, "sectors": dict}
_CHAPTER_KEYS = {"name": str, "title": str, "template": str, "parameters": dict, "part": str}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
_cache: dict[tuple, dict] = {}
# libyaml when present (as analysis.language.lexicon reads the lexicon): the same result; the pure-Python loader
# took 0.17 s for lexicon.yaml, twice in every process that validates report.yml (each chapter's kernel)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def sectors() -> list[str]:
    """The sectors a chapter may be about: the keys of ``sectors:`` in analysis/data/lexicon.yaml."""
    data = yaml.load(LEXICON.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    return list((data or {}).get("sectors") or {})


def chapter_sectors() -> tuple[str, ...]:
    """The sectors that have a chapter: defined once, by the sector chapters of book/report.yml."""
    return tuple(ch["parameters"]["sector"] for ch in report_config()["chapters"]
                 if "sector" in (ch.get("parameters") or {}))


def report_config(path: str | Path | None = None) -> dict:
    """book/report.yml: the chapters of the report and their parameters, validated (ConfigError)."""
    p = Path(path) if path else BOOK_CONFIG
    try:
        st = p.stat()
        key = (str(p), st.st_mtime_ns, st.st_size)
        if key not in _cache:
            _cache.clear()
            _cache[key] = validate(load_yaml(p), p)
    except OSError as exc:
        raise ConfigError(f"{_where(p)}: cannot read ({exc.strerror or exc})") from None
    return copy.deepcopy(_cache[key])


def load_yaml(p: Path):
    try:
        return yaml.safe_load(p.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{_where(p)}: not UTF-8 (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{_where(p)}: malformed YAML{where}: {what}") from None


def validate(cfg, p: Path) -> dict:
    """Check report.yml before anything runs; the first mistake is raised naming the file and the key."""
    name = _where(p)

    def fail(key: str, msg: str):
        raise ConfigError(f"{name}: {key}: {msg}")

    if not isinstance(cfg, dict):
        raise ConfigError(f"{name}: expected a mapping with the keys {', '.join(_TOP_KEYS)}")
    for key, value in cfg.items():
        if key not in _TOP_KEYS:
            fail(str(key), f"unknown key (expected one of {', '.join(_TOP_KEYS)})")
        if not isinstance(value, _TOP_KEYS[key]):
            fail(key, f"expected a {_TOP_KEYS[key].__name__}, got {type(value).__name__}")
    for key in ("seed", "chapters"):
        if key not in cfg:
            fail(key, "missing")
    if not cfg["chapters"]:
        fail("chapters", "empty: a report needs at least one chapter")
    known_sectors = None
    seen = set()
    for i, ch in enumerate(cfg["chapters"]):
        where = f"chapters[{i}]"
        if not isinstance(ch, dict):
            fail(where, "expected a mapping with name, title, template (and parameters)")
        where = f"chapters[{i}] ({ch.get('name', '?')})"
        for key, value in ch.items():
            if key not in _CHAPTER_KEYS:
                fail(f"{where}.{key}", f"unknown key (expected one of {', '.join(_CHAPTER_KEYS)})")
            if not isinstance(value, _CHAPTER_KEYS[key]):
                fail(f"{where}.{key}", f"expected a {_CHAPTER_KEYS[key].__name__}, got {type(value).__name__}")
        for key in ("name", "title", "template"):
            if key not in ch:
                fail(f"{where}.{key}", "missing")
        if not _NAME.match(ch["name"]):
            fail(f"{where}.name", "letters, digits, '_' and '-' only (it names the page's file)")
        if ch["name"] in seen:
            fail(f"{where}.name", "used by two chapters")
        seen.add(ch["name"])
        if not resolve(ch["template"]).is_file():
            fail(f"{where}.template", f"no such notebook: {ch['template']}")
        params = ch.get("parameters") or {}
        if "seed" in params:
            fail(f"{where}.parameters.seed", "set by the build (the report given to it), not here")
        if "sector" in params:
            known_sectors = known_sectors if known_sectors is not None else sectors()
            if params["sector"] not in known_sectors:
                fail(f"{where}.parameters.sector", f"unknown sector {params['sector']!r} (the sectors of "
                     f"analysis/data/lexicon.yaml: {', '.join(known_sectors)})")
    if "sectors" in cfg:
        _validate_sectors(cfg["sectors"], fail)
    return cfg


_SECTORS_KEYS = {"regions": dict, "min_quantities": int, "max_chapters": int}


def _validate_sectors(sc: dict, fail) -> None:
    for key, value in sc.items():
        if key not in _SECTORS_KEYS:
            fail(f"sectors.{key}", f"unknown key (expected one of {', '.join(_SECTORS_KEYS)})")
        if not isinstance(value, _SECTORS_KEYS[key]) or isinstance(value, bool):
            fail(f"sectors.{key}", f"expected a {_SECTORS_KEYS[key].__name__}, got {type(value).__name__}")
        if key != "regions" and value < 1:
            fail(f"sectors.{key}", "expected a number of at least 1")
    known = sectors()
    for region, lst in (sc.get("regions") or {}).items():
        if not isinstance(lst, list) or not all(isinstance(x, str) for x in lst):
            fail(f"sectors.regions.{region}", "expected a list of sectors")
        for x in lst:
            if x not in known:
                fail(f"sectors.regions.{region}", f"unknown sector {x!r} (the sectors of analysis/data/lexicon.yaml: "
                     f"{', '.join(known)})")
        if len(set(lst)) != len(lst):
            fail(f"sectors.regions.{region}", "a sector listed twice")


TOC_HEADER = ("# Generated from book/report.yml by `python -m analysis build` (the page order of the site):\n"
              "# edit report.yml (a chapter's `part` is its caption in the navigation), not this file.\n")


def toc(cfg: dict) -> dict:
    """The jupyter-book table of contents of report.yml: the first chapter is the root page, the
    others follow in order, grouped under their `part` caption (consecutive chapters of one part)."""
    chapters = cfg["chapters"]
    out: dict = {"format": "jb-book", "root": f"chapters/{chapters[0]['name']}"}
    parts: list[dict] = []
    for ch in chapters[1:]:
        caption = ch.get("part", "")
        if not parts or parts[-1]["caption"] != caption:
            parts.append({"caption": caption, "chapters": []})
        parts[-1]["chapters"].append({"file": f"chapters/{ch['name']}"})
    if cfg.get("reports"):  # the Reports part: an index page and one page per report (analysis.site.reports_pages)
        parts.append({"caption": cfg["reports"], "chapters": [{"file": "reports", "sections": [{"glob": "reports/*"}]}]})
    if parts and all(not p["caption"] for p in parts):
        out["chapters"] = [c for p in parts for c in p["chapters"]]
    elif parts:
        out["parts"] = [p if p["caption"] else {"chapters": p["chapters"]} for p in parts]
    return out


def write_toc(book: Path, cfg: dict) -> bool:
    """Write book/_toc.yml from report.yml when it differs; True when it was written."""
    text = TOC_HEADER + yaml.safe_dump(toc(cfg), sort_keys=False, allow_unicode=True)
    path = book / "_toc.yml"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def stamp() -> dict[str, str]:
    """The version and build date shown at the foot of every page, and how to cite the site.

    The date is reproducible (two builds of one commit give the same site, wherever the clone is):
    ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else the date of the checked-out
    commit, else the date of the newest release in CHANGELOG.md."""
    import datetime
    import os
    import subprocess


    date = ""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        date = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    if not date:
        try:
            out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs"], capture_output=True,
                                 text=True, timeout=GIT_DATE_TIMEOUT)
            date = out.stdout.strip() if out.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            date = ""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        m = re.search(r"^## \S+ — (\d{4}-\d\d-\d\d)", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
                      if (ROOT / "CHANGELOG.md").exists() else "", re.M)
        date = m.group(1) if m else "unknown"
    year = date[:4] if date[:4].isdigit() else ""
    cite = (f"The Government work report indicators contributors ({year}). Government work report indicators, "
            f"version {VERSION}. See CITATION.cff.")
    return {"version": VERSION, "date": date, "cite": cite}
