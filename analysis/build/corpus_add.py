"""Add a report to the corpus: ``python -m analysis add-report PATH [--yes]`` (``make add-report FILE=...``).

The report's identity (region, English name, level, report year) is read from its own text by
:func:`analysis.reading.document.read`, shown for confirmation (a prompt on a terminal; ``--yes`` for scripts)
and can be overridden (``--region``, ``--region-en``, ``--year``, ``--level``). The file is copied
verbatim into the corpus folder (``seeds/corpus/``, or ``$GOVREPORT_CORPUS``) under the manifest's
naming, ``<year>_<name>.txt``, and its row is appended to ``manifest.csv`` (file, region_zh, region_en,
year, level, chars, complete, source). A region already in the corpus keeps its names and file name
(a 2027 Guangdong report is ``2027_guangdong.txt``, 广东省, Guangdong); a new one is named by its English
or pinyin name.

Refused, with one line and nothing written: a file that cannot be read as a report (missing, empty,
binary, undecodable), a report whose region or year the text does not give (and no override), a
report already in the corpus (the same bytes, the same text in another encoding or line ending, or the
same region and year). The corpus is changed under the build's lock (``build/.lock``), so a report is
never added in the middle of a build, and two additions never interleave: the file is written whole
(a temp file, then a rename) before the manifest is replaced whole, and a failure in between removes
the file again.

What the next ``make build`` redoes is decided by content hashes: the extraction cache is keyed by each
report's bytes (only the new report is extracted), the corpus source pages by the package, the corpus
files and the manifest, and every chapter by the hash of the published data (which then lists the new
report's source page), so the corpus chapters and the book are rebuilt with the new report in them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..language import lexicon
from ..project import config, files
from ..reading.decoding import ReportError, decode, read_report
from ..reading.document import Document, from_text
from .pipeline import build_lock

COLUMNS = ["file", "region_zh", "region_en", "year", "level", "chars", "complete", "source"]
LEVELS = ("national", "provincial", "municipal", "county")
COMMAND = "python -m analysis add-report"
_CJK = re.compile(r"[\u3400-\u9fff]")


class AddError(ReportError):
    """A refusal: one line, nothing written."""


@dataclass
class Entry:
    """What adding a report writes: its manifest row, and where each value came from."""

    src: Path
    encoding: str
    row: dict
    how: dict          # column -> 'read from the text' | 'as in the corpus' | the option that set it
    doc: Document      # the Document read from the text (date, speaker, title, notes for the display)
    data: bytes        # the file's bytes, copied verbatim

    @property
    def file(self) -> str:
        return self.row["file"]


# ---------------------------------------------------------------------------------------- corpus
def corpus_dir() -> Path:
    return Path(config.CORPUS)


def read_manifest(corpus: Path) -> tuple[list[dict], str]:
    """(rows, raw text) of the corpus manifest; a missing manifest is an empty corpus."""
    path = corpus / "manifest.csv"
    try:
        raw = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return [], ""
    except UnicodeDecodeError as exc:
        raise AddError(f"{path}: not UTF-8 (byte {exc.start}); fix the manifest first") from None
    except OSError as exc:
        raise AddError(f"{path}: cannot read ({exc.strerror or exc})") from None
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"), newline="")))
    if rows and set(COLUMNS) - set(rows[0]):
        missing = ", ".join(c for c in COLUMNS if c not in rows[0])
        raise AddError(f"{path}: columns {missing} missing; expected {','.join(COLUMNS)}")
    return rows, raw


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z\u3400-\u9fff]", "", str(name).lower())


def slug(name: str) -> str:
    """A file name part from an English or pinyin name: ASCII letters and digits, lower case."""
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


def _normalised(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()


def known_regions(rows: list[dict]) -> list[dict]:
    """The regions the corpus already has, with their names and file name part, then the provinces of
    the lexicon it does not have: {region_zh, region_en, level, slug, short} (short: the lexicon's
    Chinese name, 广东 for 广东省, as a report's text names its region)."""
    short = {_key(en): zh for zh, en in lexicon.load().regions.items()}
    out, seen = [], set()
    for r in rows:
        k = (r["level"], _key(r["region_en"]))
        if k not in seen:
            seen.add(k)
            part = Path(r["file"]).stem.split("_", 1)
            out.append({"region_zh": r["region_zh"], "region_en": r["region_en"], "level": r["level"],
                        "slug": part[1] if len(part) == 2 else slug(r["region_en"]),
                        "short": short.get(_key(r["region_en"]), "") if r["level"] == "provincial" else ""})
    for k, zh in short.items():
        if ("provincial", k) not in seen:
            en = lexicon.load().regions[zh]
            out.append({"region_zh": zh, "region_en": en, "level": "provincial", "slug": slug(en), "short": zh})
    return out


def find_known(regions: list[dict], name: str, level: str | None = None) -> dict | None:
    """A known region by its Chinese name (广东省 or 广东), English name or file name part (neimenggu)."""
    k = _key(name)
    for r in regions:
        if k and (not level or r["level"] == level) and k in (
                _key(r["region_en"]), r["slug"], _key(r["region_zh"]), _key(r["short"])):
            return r
    return None


# ---------------------------------------------------------------------------------------- plan
def plan(path: str | Path, corpus: Path | None = None, region: str | None = None, region_en: str | None = None,
         year: int | None = None, level: str | None = None, source: str | None = None,
         complete: str | None = None) -> Entry:
    """What adding the report at ``path`` would write, or AddError/ReportError (one line) if it is refused."""
    corpus = corpus or corpus_dir()
    src = Path(path)
    read_report(src)  # missing, not a regular file, empty, binary, undecodable: one line
    data = src.read_bytes()  # what is copied; the text, the identity and the checks all come from these bytes
    text, encoding = decode(data, str(src))
    _check_options(corpus, level, year)
    doc = from_text(text, src.stem)  # as analysis.reading.document.read(path) reads it
    rows, _ = read_manifest(corpus)
    how: dict[str, str] = {}
    region_zh, en, lvl, part = _identify_region(src, doc, rows, how, region, region_en, level)
    report_year = _report_year(src, doc, year, how)

    name = f"{report_year}_{part}.txt"
    refuse_duplicates(corpus, rows, name, data, text, region_zh, en, lvl, report_year)
    if complete is not None:
        how["complete"] = "--complete"
    else:
        complete = "yes" if not doc.notes else "not verified (" + "; ".join(doc.notes) + ")"
        how["complete"] = "read from the text"
    row = {"file": name, "region_zh": region_zh, "region_en": en, "year": str(report_year), "level": lvl,
           "chars": str(len(text)), "complete": complete, "source": source or f"added by {COMMAND}"}
    for k, v in row.items():
        if any(c in v for c in "\r\n") or (k != "source" and not v.strip()):
            raise AddError(f"{k} {v!r}: one line of text expected")
    return Entry(src, encoding, row, how, doc, data)


def _check_options(corpus: Path, level: str | None, year: int | None) -> None:
    """AddError when the corpus folder is missing or --level / --year is not plausible."""
    if not corpus.is_dir():
        raise AddError(f"{corpus}: no such corpus folder")
    if level is not None and level not in LEVELS:
        raise AddError(f"--level {level!r}: expected one of {', '.join(LEVELS)}")
    if year is not None and not 1949 <= year <= 2100:
        raise AddError(f"--year {year}: not a plausible report year")


def _identify_region(src: Path, doc: Document, rows: list[dict], how: dict[str, str], region: str | None,
                     region_en: str | None, level: str | None) -> tuple[str, str, str, str]:
    """(region_zh, region_en, level, file-name part): the --region option, else the text, then --region-en
    and --level on top; records in `how` where each came from; AddError when one cannot be told."""
    regions = known_regions(rows)
    if region:
        region_zh, en, lvl, part = _region_from_option(doc, regions, region, level)
        how["region_zh"] = how["region_en"] = how["level"] = "--region"
    else:
        region_zh, en, lvl, part = _region_from_text(src, doc, regions, rows, how)
        how["level"] = "read from the text"
    if region_en:
        en, part = region_en.strip(), slug(region_en)
        how["region_en"] = "--region-en"
    if level:
        lvl, how["level"] = level, "--level"
    if not lvl:
        raise AddError(f"{src}: cannot tell the level of {region_zh} (national, provincial, municipal, county): "
                       "give --level")
    if lvl == "national" and not part:
        part = "national"
    part = part or slug(en)
    if not en:
        raise AddError(f"{src}: no English or pinyin name for {region_zh} to name the file and the pages: "
                       "give --region-en (e.g. --region-en Chengdu)")
    if not part:
        raise AddError(f"--region-en {en!r}: gives no file name (no ASCII letter or digit): give its pinyin")
    return region_zh, en, lvl, part


def _region_from_option(doc: Document, regions, region: str, level: str | None) -> tuple[str, str, str, str]:
    """The region named by --region: one the corpus (or the lexicon) knows keeps its names."""
    hit = find_known(regions, region, level)
    if hit:
        return hit["region_zh"], hit["region_en"], hit["level"], hit["slug"]
    if _CJK.search(region):
        en, lvl = "", ""
        if _key(region) == _key(doc.region):
            en, lvl = (doc.region_en if not _CJK.search(doc.region_en or "") else ""), doc.level
        return region.strip(), en, lvl, ""
    if doc.region:  # a Latin name for the place the text names itself
        return doc.region, region.strip(), doc.level, ""
    raise AddError(f"--region {region!r}: not a region of the corpus, and the text does not name its region "
                   "in Chinese: give --region in Chinese (e.g. 成都市) and --region-en")


def _region_from_text(src: Path, doc: Document, regions, rows: list[dict], how: dict[str, str]) -> tuple[str, str, str, str]:
    """The region the text names itself, with the corpus's names when the corpus knows it."""
    if not doc.region:
        raise AddError(f"{src}: the text does not say whose report it is (no title, session or 人民政府 line "
                       "naming the region): give --region (and --year, --level if needed)")
    hit = find_known(regions, doc.region_en or doc.region, doc.level or None) or \
        find_known(regions, doc.region, doc.level or None)
    if hit:
        en, lvl = hit["region_en"], hit["level"]
        how["region_zh"] = how["region_en"] = "as in the corpus" if any(
            r["region_en"] == en and r["level"] == lvl for r in rows) else "read from the text"
        return hit["region_zh"], en, lvl, hit["slug"]
    how["region_zh"] = how["region_en"] = "read from the text"
    en = doc.region_en if doc.region_en and not _CJK.search(doc.region_en) else ""
    return doc.region, en, doc.level, ""


def _report_year(src: Path, doc: Document, year: int | None, how: dict[str, str]) -> int:
    """--year, else the year the text gives; AddError when neither does."""
    if year is not None:
        how["year"] = "--year"
        return year
    if doc.report_year:
        how["year"] = "read from the text"
        return doc.report_year
    raise AddError(f"{src}: the text gives no report year (no date, title or plan year): give --year")


def refuse_duplicates(corpus: Path, rows: list[dict], name: str, data: bytes, text: str, region_zh: str,
                      region_en: str, level: str, year: int) -> None:
    """AddError when the report is already in the corpus: the same region and year, the same bytes or
    the same text (another encoding, line ending or BOM), or its file name is taken."""
    for r in rows:
        same_region = r["level"] == level and (_key(r["region_en"]) == _key(region_en) or r["region_zh"] == region_zh)
        if same_region and str(r["year"]).strip() == str(year):
            raise AddError(f"refused: the corpus already has the {year} report of {r['region_en']} "
                           f"({r['file']}); remove its row from manifest.csv first to replace it")
    digest = hashlib.sha256(data).digest()
    mine = _normalised(text)
    listed = {r["file"] for r in rows}
    for r in rows:
        p = corpus / r["file"]
        try:
            other = p.read_bytes()
        except OSError:
            continue
        if len(other) == len(data) and hashlib.sha256(other).digest() == digest:
            raise AddError(f"refused: the same file is already in the corpus as {r['file']} "
                           f"({r['region_en']} {r['year']})")
        try:
            same = _normalised(decode(other, r["file"])[0]) == mine
        except ReportError:
            same = False
        if same:
            raise AddError(f"refused: the same text is already in the corpus as {r['file']} "
                           f"({r['region_en']} {r['year']}), in another encoding or line ending")
    target = corpus / name
    if name in listed:
        raise AddError(f"refused: {name} is already in manifest.csv; give another --region-en")
    if target.exists() and target.read_bytes() != data:
        raise AddError(f"refused: {target} exists (not in manifest.csv) with other content; "
                       "move it away or give another --region-en")


# ---------------------------------------------------------------------------------------- write
def manifest_bytes(raw: str, row: dict) -> bytes:
    """The manifest with the row appended: existing rows kept byte for byte, the file's line ending."""
    eol = "\r\n" if "\r\n" in raw else "\n"
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator=eol)
    if not raw.strip():
        raw = ""
        w.writerow(COLUMNS)
    elif not raw.endswith(("\n", "\r")):
        raw += eol
    header = next(csv.reader(io.StringIO(raw.lstrip("\ufeff"), newline=""))) if raw else COLUMNS
    w.writerow([row.get(c, "") for c in header])
    return (raw + buf.getvalue()).encode("utf-8")


def _write_new(path: Path, data: bytes) -> bool:
    """Write a new file whole (a temp file, then a link that fails if the name is taken); True if written,
    False if the same bytes were already there (left by an addition killed before its manifest row)."""
    if path.exists():
        return False
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o666 & ~_umask())
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.link(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def apply(entry: Entry, corpus: Path | None = None) -> Path:
    """Copy the report into the corpus and append its manifest row, under the build lock."""
    corpus = corpus or corpus_dir()
    with build_lock(quiet=True):
        rows, raw = read_manifest(corpus)  # again, under the lock: another addition may have come first
        text = decode(entry.data, str(entry.src))[0]
        refuse_duplicates(corpus, rows, entry.file, entry.data, text, entry.row["region_zh"],
                          entry.row["region_en"], entry.row["level"], int(entry.row["year"]))
        target = corpus / entry.file
        created = _write_new(target, entry.data)
        try:
            files.write_atomic(corpus / "manifest.csv", manifest_bytes(raw, entry.row))
        except BaseException:
            if created:
                target.unlink(missing_ok=True)
            raise
    _forget_cached_manifest()
    return target


def _forget_cached_manifest() -> None:
    """In this process: the next manifest.manifest() / manifest.corpus() read the corpus again."""
    manifest = sys.modules.get("analysis.corpus.manifest")
    if manifest is not None:
        manifest.manifest.cache_clear()
        manifest.corpus.cache_clear()
