"""The book: jupyter-book (strict) in a work folder, the search index, publishing the site in one step."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..project import config
from ..project.files import make_temp_dir, temp_path
from ..project.limits import BOOK_ERROR_LINES, ERROR_TEXT_CHARS
from ..project.hashing import _files, _sha, tree_hash
from ..project.processes import die_with_parent, raise_if_stopped
from ..site import search
from .lock import _exchange
from .target import SITE_MARKER, BuildError, Target, log

# ---------------------------------------------------------------------------------------- book
# jupyter-book's command line, without the optional rfc3987_syntax package: jsonschema imports it when
# present (a dependency of jupyter-events, for JupyterLab) and it compiles 38 grammars at import, 2 s of
# every book build; the book's configuration schema does not validate IRI formats, so nothing is lost.
_JUPYTER_BOOK = ("import sys; sys.modules['rfc3987_syntax'] = None; sys.argv[0] = 'jupyter-book'; "
                 "from jupyter_book.cli.main import main; main()")


def _book_work(t: Target) -> Path:
    """Where jupyter-book builds: kept between builds, so that Sphinx re-reads and re-writes only the pages
    that changed (its environment and doctrees stay there)."""
    return config.BUILD / "book-work" / t.name


def _book_work_key(t: Target) -> str:
    """What an incremental build cannot follow: the book's configuration, extensions and static files, the
    list of pages and of data files (a removed one would linger), the seed (page titles), the tools."""
    import importlib.metadata

    skip = ("_build", "chapters", "_data", "reports", "reports.md")
    listing = sorted(p.relative_to(t.book).as_posix() for folder in ("chapters", "_data", "reports")
                     if (t.book / folder).is_dir() for p in (t.book / folder).rglob("*") if p.is_file())
    return _sha(tree_hash(t.book, skip).encode(), "\n".join(listing).encode(), t.seed.read_bytes(),
                importlib.metadata.version("jupyter-book").encode(), sys.executable.encode(),
                json.dumps(config.stamp(), sort_keys=True).encode())  # the footer of every page


def _page_hashes(t: Target) -> dict[str, str]:
    """{path: content hash} of every source file of the book (pages, configuration, data)."""
    return {p.relative_to(t.book).as_posix(): _sha(p.read_bytes()) for p in _files(t.book, ("_build",))}


def _touch_changed(t: Target, work: Path, pages: dict[str, str]) -> None:
    """Sphinx re-reads a page only when its mtime is newer than its last reading; the build decides by
    content. A page whose content changed since the last book build (also one written with an old
    mtime: a restored or copied notebook) gets the current time, so Sphinx reads it again."""
    try:
        before = json.loads((work / "pages.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = {}
    now = time.time()
    for name, h in pages.items():
        if before.get(name) != h:
            with contextlib.suppress(OSError):
                os.utime(t.book / name, (now, now))


def build_book(t: Target, quiet: bool) -> None:
    """jupyter-book build (warnings are errors), then publish a copy atomically.

    The build runs in build/book-work/<name>, kept from the last successful build when the book's
    configuration is unchanged (only changed pages are read and written again); a failed build removes
    it, so the next one starts afresh and reports every warning again.
    """
    work, key = _book_work(t), _book_work_key(t)
    pages = _prepare_work(t, work, key)
    t.html.parent.mkdir(parents=True, exist_ok=True)

    tmp = make_temp_dir(t.html.parent, f".{t.html.name}.building-")
    try:
        _run_jupyter_book(t, work)
        built = tmp / "html"
        _assemble_site(work, built, quiet)
        raise_if_stopped()  # a SIGTERM whose exception was swallowed: the published site stays as it was
        publish(built, t.html)
        (work / "pages.json").write_text(json.dumps(pages, sort_keys=True), encoding="utf-8")
        (work / "built-ok").write_text(key, encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _prepare_work(t: Target, work: Path, key: str) -> dict[str, str]:
    """Keep the last successful build's work directory when its configuration key matches (marking the
    changed pages), else start afresh; the success mark is removed until this build succeeds. Returns the
    pages' hashes."""
    ok = work / "built-ok"
    try:
        reuse = ok.read_text(encoding="utf-8") == key
    except OSError:
        reuse = False
    if not reuse:
        shutil.rmtree(work, ignore_errors=True)
    else:
        # myst-nb writes its stylesheet after the pages of a fresh build, so their links carry no ?v=
        # checksum; without the old file an incremental build writes the same pages as a fresh one
        for css in (work / "_build" / "html" / "_static").glob("mystnb.*.css"):
            css.unlink()
    ok.unlink(missing_ok=True)  # marked again only when this build succeeds
    work.mkdir(parents=True, exist_ok=True)
    pages = _page_hashes(t)
    if reuse:
        _touch_changed(t, work, pages)
    return pages


def _run_jupyter_book(t: Target, work: Path) -> None:
    """jupyter-book build into `work`; on failure the work directory is removed and BuildError says why."""
    cmd = [sys.executable, "-c", _JUPYTER_BOOK, "build", str(t.book), "--builder", "html", "-W", "--keep-going", "-q"]
    env = {**os.environ, "PYTHONHASHSEED": "0", "JIEBA_QUIET": "1"}
    proc = subprocess.run([*cmd, "--path-output", str(work)], capture_output=True, text=True, env=env,
                          preexec_fn=functools.partial(die_with_parent, os.getpid()))
    problems = [ln for ln in (proc.stdout + proc.stderr).splitlines()
                if "WARNING" in ln or "ERROR" in ln or "Error" in ln or "Traceback" in ln]
    if proc.returncode != 0 or not (work / "_build" / "html" / "index.html").exists():
        shutil.rmtree(work, ignore_errors=True)
        if any("No space left on device" in ln or "[Errno 28]" in ln for ln in problems):
            raise BuildError(f"no space left on device while building the book in {work}; the published "
                             f"site is unchanged: {t.html}")
        for ln in problems[:BOOK_ERROR_LINES]:
            print(ln if len(ln) <= ERROR_TEXT_CHARS else ln[:ERROR_TEXT_CHARS] + " …", file=sys.stderr)
        raise BuildError(f"the book build failed with {len(problems)} warning(s) or error(s) (shown above); "
                         f"the published site is unchanged: {t.html}")


def _assemble_site(work: Path, built: Path, quiet: bool) -> None:
    """Copy the built pages to `built` and finish them: search index pruned, Sphinx's build record
    dropped, the index page written, the full-text search of the reports added."""
    shutil.copytree(work / "_build" / "html", built)
    _prune_search_index(built)
    # Sphinx's record of its configuration for incremental builds (it holds paths of this clone): the
    # builds happen in build/book-work, so a published site has no use for it
    (built / ".buildinfo").unlink(missing_ok=True)
    write_index(built)
    # the full-text search of every report (analysis.site.search: Pagefind over the finished site)
    try:
        seconds = search.index_site(built, functools.partial(die_with_parent, os.getpid()))
        log(f"          search index of the reports in {seconds:.1f} s", quiet)
    except search.SearchIndexError as exc:
        raise BuildError(str(exc)) from None


def _prune_search_index(site: Path) -> None:
    """An incremental Sphinx build keeps the words of a page's old text in the search index, with no page
    (an empty list); a fresh build has none of them. Dropped, so that both give the same site."""
    f = site / "searchindex.js"
    try:
        text = f.read_text(encoding="utf-8")
    except OSError:
        return
    head, tail = "Search.setIndex(", ")"
    if not (text.startswith(head) and text.endswith(tail)):
        return
    try:
        index = json.loads(text[len(head):-len(tail)])
    except ValueError:
        return
    for key in ("terms", "titleterms"):
        terms = index.get(key)
        if isinstance(terms, dict):
            index[key] = {k: v for k, v in terms.items() if v != []}
    f.write_text(head + json.dumps(index, sort_keys=True) + tail, encoding="utf-8")  # as Sphinx writes it


def write_index(site: Path) -> None:
    """The site's entry page: a redirect to the first chapter (with the favicon, so that no browser
    asks the host for /favicon.ico)."""
    import html

    first = config.report_config()["chapters"][0]["name"]
    title = html.escape(str(config.report_config().get("title", "Report")))  # configuration is text, like the report
    (site / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url=chapters/{first}.html">'
        '<link rel="icon" href="_static/favicon.svg" type="image/svg+xml">'
        f'<title>{title}</title></head>'
        f'<body><p><a href="chapters/{first}.html">Open the report</a></p></body></html>\n', encoding="utf-8")
    (site / SITE_MARKER).write_text("A site published by `python -m analysis build`: a build replaces this folder "
                                    "whole.\n", encoding="utf-8")


# What a host or a person keeps in a published folder that the build does not make: a git checkout or
# worktree of the site (GitHub Pages from a branch), the custom domain, Jekyll switched off. A build
# carries them over from the old site into the new one before swapping.
KEEP_IN_SITE = (".git", "CNAME", ".nojekyll")


def _carry_over(old: Path, new: Path) -> None:
    """Copy what the build does not make (KEEP_IN_SITE) from the old site into the new one; files are
    hard-linked where possible (a big .git costs no space and no time)."""
    def link_or_copy(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    for name in KEEP_IN_SITE:
        src, dst = old / name, new / name
        if dst.exists() or dst.is_symlink() or not (src.exists() or src.is_symlink()):
            continue
        if src.is_dir() and not src.is_symlink():
            shutil.copytree(src, dst, symlinks=True, copy_function=link_or_copy)
        elif src.is_symlink():
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)


def publish(built: Path, target: Path) -> None:
    """Swap a freshly built site into place; the site path is never missing.

    What the build does not make but a published folder needs (``.git``, ``CNAME``, ``.nojekyll``) is
    carried over from the old site first. ``built`` and ``target`` are then exchanged in one atomic
    rename (renameat2 RENAME_EXCHANGE), and the old site, now at ``built``, is removed. Where the exchange
    is not supported (not Linux, or a file system without it) the old site is renamed aside (to a
    journaled name) and the new one renamed in: two renames, between which the path is missing for a
    moment (a build killed right there leaves no site: the next build sees it missing and publishes
    again; its sweep removes the journaled old site).
    """
    if not target.exists() and not target.is_symlink():
        os.replace(built, target)
        return
    if target.is_dir():
        _carry_over(target, built)
    if _exchange(built, target):
        shutil.rmtree(built, ignore_errors=True)
        return
    old = temp_path(target.parent, f".{target.name}.old-")
    os.replace(target, old)
    os.replace(built, target)
    shutil.rmtree(old, ignore_errors=True)


def book_hash(t: Target) -> str:
    import jupyter_book

    return _sha(tree_hash(t.book, ("_build",)).encode(), jupyter_book.__version__.encode(),
                json.dumps(config.stamp(), sort_keys=True).encode())


def _state_file(t: Target) -> Path:
    return config.BUILD / "state" / f"{t.name}.json"
