"""Command line: ``python -m analysis {extract,schema,evaluate,build,add-report,pdf}``.

Every failure a user can cause (a missing file, an undecodable one, a bad option) ends with one
line on stderr and a non-zero exit status, never a traceback; output files are written whole or
not at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from .extraction import schema
from .extraction.batch import extract_paths
from .project.errors import AnalysisError
from .project.files import FORMATS, UsageError, check_output, to_bytes, write_atomic
from .project.limits import CHAPTER_MAX_OUTPUT_MB, CHAPTER_TIMEOUT, LOCK_WAIT
from .project.processes import raise_if_stopped
from .reading.decoding import ReportError  # noqa: F401 - the command line's API

SITE_UNCHANGED = "the published site is unchanged"  # said after an interrupted or failed build (build, loop)

EPILOG = """\
Columns and their meaning: `python -m analysis schema` (a Frictionless Table Schema). Offsets are
Python str indices into the file as decoded: text[start:end] == raw.

Examples:
  python -m analysis extract seeds/000_3d94fe6dcb412aa7.txt > indicators.csv
  python -m analysis extract reports/*.txt --format parquet -o all.parquet --jobs 2
  python -m analysis build                       # the report site from the shipped seed
  python -m analysis build --seed other.txt --out /tmp/site
  python -m analysis add-report 2027_report.txt  # add a report to the corpus (asks to confirm)
"""


def _cmd_extract(a) -> int:
    paths = [Path(p) for p in a.paths]
    if a.output and a.output != "-":
        check_output(Path(a.output), paths)
    fmt = a.format or (Path(a.output).suffix.lstrip(".") if a.output else "csv")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if a.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    df = extract_paths(paths, jobs=a.jobs)
    raise_if_stopped()  # a SIGTERM swallowed while the workers were forked: nothing is written
    data = to_bytes(df, fmt)
    if a.output and a.output != "-":
        write_atomic(Path(a.output), data)
    else:
        if fmt == "parquet" and sys.stdout.isatty():
            raise UsageError("parquet is binary: give -o FILE or redirect stdout")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _cmd_schema(a) -> int:
    sys.stdout.write(json.dumps(schema.table_schema(), ensure_ascii=False, indent=1) + "\n")
    return 0


def _cmd_evaluate(a) -> int:
    from . import extract
    from .corpus import evaluate

    gold = pd.read_csv(a.annotation, dtype=str, keep_default_na=False)
    pred = extract(Path(a.report))
    result = evaluate.score(gold, pred)
    sys.stdout.write(json.dumps(evaluate.summary(result), ensure_ascii=False, indent=1) + "\n")
    if a.verbose:
        for g in result["missed"]:
            print("missed:", g["id"], g["raw"].replace("\n", "⏎"), g["metric_zh"])
        for p, why in result["false_positives"]:
            print("false positive:", p["raw"].replace("\n", "⏎"), why)
        for p, g in result["trap_rows"]:
            print("trap:", p["raw"].replace("\n", "⏎"), "->", g["raw"])
        for row in result["confusions"]:
            print("label:", *row)
    return 0


def _cmd_build(a) -> int:
    from .build import pipeline as build

    seed = a.seed
    if a.region or a.year:
        from .corpus import placement

        if a.seed:
            raise UsageError("give either --seed or --region/--year, not both")
        seed = str(placement.corpus_seed(a.region or "", a.year))  # a ReportError: cli.main says it (2)
    for option, value in (("--chapter-timeout", a.chapter_timeout), ("--max-output", a.max_output)):
        if not value > 0:
            raise UsageError(f"{option} must be a positive number")
    return build.main(seed=seed, out=a.out, jobs=a.jobs, force=a.force, quiet=a.quiet,
                      wait=a.wait, timeout=a.chapter_timeout, max_output_mb=a.max_output)


def _cmd_notebooks(a) -> int:
    from .build import notebooks

    if getattr(a, "jobs", 2) < 1:
        raise UsageError("--jobs must be at least 1")
    return notebooks.command(a.action, getattr(a, "paths", None), getattr(a, "jobs", 2))


def _cmd_add_report(a) -> int:
    from .build import add_report

    return add_report.main(a)


def _cmd_pdf(a) -> int:
    from .build import pdf

    return pdf.main(site=a.site, out=a.out)


def _pdf_parser(sub) -> None:
    d = sub.add_parser("pdf", help="print the built site to one PDF with the system Chromium")
    d.add_argument("--site", metavar="DIR", help="built HTML site (default: book/_build/html)")
    d.add_argument("--out", metavar="FILE", help="PDF to write (default: book/_build/pdf/report.pdf)")
    d.set_defaults(func=_cmd_pdf)


def _notebooks_parser(sub) -> None:
    n = sub.add_parser("notebooks", help="keep the notebook templates clean; the researcher's loop (make check)",
                       description="strip: remove outputs, execution counts, run metadata and trailing empty cells "
                       "from templates; check: list them; stale: the published chapters out of date; loop: strip, "
                       "rebuild what changed, check.")
    actions = n.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, what in (("strip", "clean notebook templates in place (make strip)"),
                       ("check", "list what is not clean in notebook templates (make fast)")):
        actions.add_parser(name, help=what).add_argument("paths", nargs="+", metavar="NOTEBOOK")
    actions.add_parser("stale", help="say in one line which published chapters are out of date (make fast)")
    loop = actions.add_parser("loop", help="strip the templates, rebuild what changed, check (make check)")
    loop.add_argument("--jobs", "-j", type=int, default=2, metavar="N", help="chapters executed in parallel (default 2)")
    loop.set_defaults(unchanged=SITE_UNCHANGED)  # it publishes the site, as build does
    n.set_defaults(func=_cmd_notebooks)


class OneLineParser(argparse.ArgumentParser):
    """A usage error is one line on stderr (which command, what is wrong, where to look) and status 2; the
    subcommands' parsers are of this class too (argparse makes them with the parent's class)."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="python -m analysis",
        description="Indicators of Chinese government work reports (政府工作报告): extract every quantity "
        "with its unit, qualifier, kind, measure, sector and exact offsets; build the report site.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    _extract_parser(sub)
    _schema_and_evaluate_parsers(sub)
    _build_parser(sub)
    _add_report_parser(sub)
    _notebooks_parser(sub)
    _pdf_parser(sub)
    return p


def _extract_parser(sub) -> None:
    """python -m analysis extract PATH...: the indicators of report files as one table."""
    e = sub.add_parser("extract", help="extract the indicators of one or more report files",
                       description="Extract every quantitative indicator of report files into one table. "
                       "Files may be UTF-8 (with or without BOM), GB18030/GBK or UTF-16, LF or CRLF.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("paths", nargs="+", metavar="PATH", help="report text files; 'doc' names them by file stem")
    e.add_argument("--format", "-f", choices=FORMATS, help="output format (default: from -o's suffix, else csv)")
    e.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout); written atomically")
    e.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="spread many paths over N processes")
    e.set_defaults(func=_cmd_extract)


def _schema_and_evaluate_parsers(sub) -> None:
    """python -m analysis schema, and evaluate ANNOTATION REPORT."""
    s = sub.add_parser("schema", help="print the table schema (Frictionless JSON) of the indicators table")
    s.set_defaults(func=_cmd_schema)

    v = sub.add_parser("evaluate", help="score the extraction of a report against a hand-checked annotation")
    v.add_argument("annotation", help="annotation CSV in the shape of tests/fixtures/seed_gold.csv")
    v.add_argument("report", help="the report text the annotation's offsets index")
    v.add_argument("--verbose", "-v", action="store_true", help="list every miss, false positive and confusion")
    v.set_defaults(func=_cmd_evaluate)


def _build_parser(sub) -> None:
    """python -m analysis build: the report site."""
    b = sub.add_parser("build", help="build the report site (extract, run chapter notebooks, jupyter-book)",
                       description="Build the static report site: extract the seed's indicators, execute the "
                       "chapter notebooks with papermill (skipping those whose inputs did not change), build "
                       "the jupyter-book strictly and publish it atomically.")
    b.add_argument("--seed", metavar="PATH", help="report to build from (default: the shipped seed); "
                   "another report builds into build/sites/<name>/ unless --out is given")
    b.add_argument("--region", metavar="NAME", help="build from the corpus report of a province (pinyin file name, "
                   "English or Chinese name: guangdong, 'Inner Mongolia', 广东) ...")
    b.add_argument("--year", type=int, metavar="YEAR", help="... of this year (default: the latest in seeds/corpus)")
    b.add_argument("--out", metavar="DIR", help="where to publish the HTML site")
    b.add_argument("--jobs", "-j", type=int, default=2, metavar="N", help="chapters executed in parallel (default 2)")
    b.add_argument("--force", action="store_true", help="re-execute every chapter even if its inputs did not change")
    b.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    b.add_argument("--wait", type=float, default=LOCK_WAIT, metavar="SECONDS",
                   help="one build at a time: how long to wait for another build to finish (default %(default)g)")
    b.add_argument("--chapter-timeout", type=float, default=CHAPTER_TIMEOUT, metavar="SECONDS",
                   help="a chapter running longer fails the build, naming the chapter (default %(default)g)")
    b.add_argument("--max-output", type=float, default=CHAPTER_MAX_OUTPUT_MB, metavar="MB",
                   help="a chapter writing more output fails the build, naming the chapter (default %(default)g)")
    b.set_defaults(func=_cmd_build, unchanged=SITE_UNCHANGED)


def _add_report_parser(sub) -> None:
    """python -m analysis add-report PATH: a report added to the corpus."""
    r = sub.add_parser("add-report", help="add a report to the corpus (seeds/corpus and its manifest.csv)",
                       description="Add a report to the corpus: read its region, level and year from its text, "
                       "show them for confirmation, copy the file to seeds/corpus/<year>_<name>.txt (or "
                       "$GOVREPORT_CORPUS) and append its row to manifest.csv; the next build includes it. A "
                       "report already in the corpus (same bytes or text, or same region and year) is refused.")
    r.add_argument("path", metavar="PATH", help="the report's text file (UTF-8, GB18030/GBK or UTF-16)")
    r.add_argument("--yes", "-y", action="store_true", help="add without asking (for scripts)")
    r.add_argument("--region", metavar="NAME", help="the region, instead of the one read from the text "
                   "(Chinese or English name: 广东, Guangdong, 成都市)")
    r.add_argument("--region-en", metavar="NAME", help="its English or pinyin name (it names the file): "
                   "needed for a city or county, whose text gives only a Chinese name")
    r.add_argument("--year", type=int, metavar="YEAR", help="the report year, instead of the one read from the text")
    r.add_argument("--level", metavar="LEVEL", help="the level, instead of the one read from the text: national, "
                   "provincial, municipal or county")
    r.add_argument("--source", metavar="TEXT", help="where the text comes from, for the manifest "
                   "(default: 'added by python -m analysis add-report')")
    r.add_argument("--complete", metavar="TEXT", help="the manifest's complete column (default: 'yes', or "
                   "'not verified (why)' when the text may be an excerpt)")
    r.set_defaults(func=_cmd_add_report)


def error_line(exc: BaseException, unchanged: str | None = None) -> tuple[str, int]:
    """The one stderr line and the exit status of a command that failed with ``exc`` (the only place that
    turns an exception into them). ``unchanged``: what a command that publishes says stayed as it was
    after an interrupt or a failed write (its ``unchanged`` default)."""
    after = f"; {unchanged}" if unchanged else ""
    if isinstance(exc, AnalysisError):  # one line; 2 for the input and options, 1 for the package's data or the build
        return f"error: {exc}", exc.exit_code
    if isinstance(exc, KeyboardInterrupt):  # Ctrl-C; SIGTERM, SIGHUP (processes.Stopped carries the signal)
        return f"error: interrupted{after}", 128 + getattr(exc, "signum", 2)
    if isinstance(exc, OSError):  # a full disk, a folder that became read-only: one short line naming the path
        from .project.processes import os_error_line

        return f"error: {os_error_line(exc)}{after}", 1
    raise TypeError(f"not a command's failure: {type(exc).__name__}")


def main(argv: list[str] | None = None) -> int:
    """The command line. Every command's failure is said here, and only here (error_line)."""
    p = parser()
    a = p.parse_args(argv)
    if not getattr(a, "func", None):
        p.print_help()
        return 2
    from .project.processes import stop_on_signals

    try:
        with stop_on_signals():  # SIGTERM, SIGHUP: like Ctrl-C (workers of --jobs die with this process)
            return a.func(a)
    except BrokenPipeError:  # the reader went away (| head): nothing to say, nobody to say it to
        return 1
    except (AnalysisError, KeyboardInterrupt, OSError) as exc:
        line, status = error_line(exc, getattr(a, "unchanged", None))
        print(line, file=sys.stderr)
        if isinstance(exc, KeyboardInterrupt) and getattr(a, "unchanged", None):
            _quiet_after_interrupt()
        return status


def _quiet_after_interrupt() -> None:
    """A stopped build: the one line is said; what the stopped kernels' threads may still print while the
    interpreter exits (asyncio's InvalidStateError of a cancelled future) must not follow it."""
    import logging
    import os

    logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # tasks of the stopped kernels
    sys.stderr.flush()
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
