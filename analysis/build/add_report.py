"""The add-report subcommand: ``python -m analysis add-report PATH [--yes]`` shows what
:func:`analysis.build.corpus_add.plan` read from the report, asks for confirmation (``--yes`` for scripts)
and adds it with :func:`analysis.build.corpus_add.apply` (the module's docstring says what is refused)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..project import config
from .corpus_add import AddError, Entry, apply, corpus_dir, manifest_bytes, plan, read_manifest
from .pipeline import BuildError


def describe(entry: Entry, corpus: Path) -> str:
    r, d = entry.row, entry.doc
    who = ", ".join(x for x in (d.speaker_title and d.speaker and f"{d.speaker_title} {d.speaker}", d.date) if x)
    lines = [
        f"report    {entry.src} ({entry.encoding}, {int(r['chars']):,} characters)",
        f"title     {d.title}" + (f" ({who})" if who else ""),
        f"region    {r['region_zh']} ({r['region_en']})   [{entry.how['region_en']}]",
        f"level     {r['level']}   [{entry.how['level']}]",
        f"year      {r['year']}   [{entry.how['year']}]",
        f"complete  {r['complete']}   [{entry.how['complete']}]",
        f"file      {_shown(corpus / r['file'])}",
        f"manifest  {_shown(corpus / 'manifest.csv')}: "
        + manifest_bytes("", r).decode("utf-8").splitlines()[1],
    ]
    return "\n".join(lines)


def _shown(p: Path) -> str:
    """A path as the user can find it: relative to the project root when inside it, else absolute."""
    p = Path(p).resolve()
    try:
        return p.relative_to(config.ROOT).as_posix()
    except ValueError:
        return str(p)


def confirm(question: str) -> bool:
    sys.stdout.write(f"{question} [y/N] ")
    sys.stdout.flush()
    answer = sys.stdin.readline()
    if not answer:
        sys.stdout.write("\n")
    return answer.strip().lower() in ("y", "yes")


def main(a) -> int:
    """The add-report subcommand (arguments parsed by analysis.cli)."""
    corpus = corpus_dir()
    entry = plan(a.path, corpus, region=a.region, region_en=a.region_en, year=a.year, level=a.level,
                 source=a.source, complete=a.complete)
    print(describe(entry, corpus))
    if not a.yes:
        if not sys.stdin.isatty():
            print("error: not added: confirm with --yes (standard input is not a terminal)", file=sys.stderr)
            return 1
        if not confirm("Add this report to the corpus?"):
            print("error: not added (not confirmed)", file=sys.stderr)
            return 1

    try:
        target = apply(entry, corpus)
    except BuildError as exc:  # a build held the lock longer than it waits: one line, nothing written
        raise AddError(str(exc)) from None
    n = len(read_manifest(corpus)[0])
    shown = _shown(target)
    print(f"added {shown} and its row in {_shown(corpus / 'manifest.csv')} ({n} reports)")
    print("next: make build    only the new report is extracted; the corpus pages and downloads include it and the "
          "chapters re-run\n"
          "                    (the build's caches are keyed by the corpus files and manifest.csv)")
    if corpus.resolve() == (config.SEEDS / "corpus").resolve():
        print(f"      then: git add {shown} {_shown(corpus / 'manifest.csv')} book/chapters   "
              "(and note the text's source in seeds/corpus/SOURCES.md)")
    return 0
