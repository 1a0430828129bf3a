"""The chapters of a build: their specs and input hashes, which are current, running the rest."""

from __future__ import annotations

import json
from pathlib import Path

from ..corpus import sector_chapters
from ..project import config
from ..project.files import write_atomic
from ..project.hashing import _sha, corpus_hash, package_hash
from ..reading.document import read
from .kernels import _kernel, execute_chapters
from .model import ChapterResult, ChapterSpec
from .target import BuildError, Target, log


# ---------------------------------------------------------------------------------------- chapters
def chapter_specs(t: Target, data_hash: str) -> list[ChapterSpec]:
    cfg = config.report_config()
    pkg, corpus = package_hash(), corpus_hash()  # the package (code, data, page templates); the corpus
    seed_bytes = t.seed.read_bytes()
    document = read(t.seed).label
    document = document[0].upper() + document[1:]
    specs = []

    for ch in sector_chapters.sector_plan(cfg, t.seed)[0]:  # the sector chapters that fit the report
        ch = {**ch, "title": ch["title"].replace("{document}", document)}
        template = config.resolve(ch["template"])
        params = {**ch.get("parameters", {}), "seed": t.seed_param}
        h = _sha(template.read_bytes(), json.dumps(params, sort_keys=True).encode(), seed_bytes, pkg.encode(),
                 data_hash.encode(), corpus.encode(), ch["title"].encode(), cfg.get("kernel", "").encode())
        specs.append(ChapterSpec(
            name=ch["name"], title=ch["title"], template=str(template),
            template_display=config.display_path(template), parameters=params,
            out=str(t.book / "chapters" / f"{ch['name']}.ipynb"), hash=h,
            kernel=_kernel(cfg.get("kernel", "python3")),
        ))
    return specs


def stored_hash(path: Path) -> str | None:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        return nb.get("metadata", {}).get("report", {}).get("inputs_hash")
    except (OSError, ValueError):
        return None


def _seconds_file() -> Path:
    return config.BUILD / "state" / "chapter-seconds.json"


def _previous_seconds() -> dict[str, float]:
    try:
        data = json.loads(_seconds_file().read_text(encoding="utf-8"))
        return {k: float(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError, TypeError):
        return {}


def run_chapters(specs: list[ChapterSpec], jobs: int, force: bool, quiet: bool, check: bool = False) -> dict[str, float]:
    todo = [s for s in specs if force or stored_hash(Path(s.out)) != s.hash]
    if check and todo:
        raise BuildError(f"{len(todo)} published chapter(s) out of date: {', '.join(s.name for s in todo)} (their "
                         "template, parameters, seed, package or data changed since they were executed); run "
                         "`make check` and commit book/chapters")
    for s in specs:
        if s not in todo:
            log(f"  {s.name:<12} unchanged, skipped", quiet)
    times: dict[str, float] = {}
    if not todo:
        return times
    previous = _previous_seconds()
    todo.sort(key=lambda s: -previous.get(s.name, 0.0))  # the longest first (as last time): a shorter tail
    errors = []
    results = execute_chapters(todo, jobs, on_start=lambda s: log(f"  {s.name:<12} running "
                                                                 f"({s.template_display})", quiet))
    for r in results:
        _report(r, times, errors, quiet)
    if times:

        _seconds_file().parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_seconds_file(), json.dumps({**previous, **{k: round(v, 2) for k, v in times.items()}},
                                                 sort_keys=True).encode())
    if errors:
        first, others = errors[0], [e.split(" ", 2)[1] for e in errors[1:]]
        more = f"; {len(others)} other chapter(s) failed too: {', '.join(others)}" if others else ""
        raise BuildError(f"{first}{more}; the published site is unchanged")
    return times


def _report(r: ChapterResult, times: dict[str, float], errors: list[str], quiet: bool) -> None:
    if r.error is not None:
        errors.append(r.error)
    else:
        times[r.name] = r.seconds
        log(f"  {r.name:<12} done in {r.seconds:.1f} s", quiet)
