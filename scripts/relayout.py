#!/usr/bin/env python3
"""Lay the flat package ``analysis/`` out as layered subpackages, and rewrite every reference to the moves.

Run from the repository root (standard library only; ``git`` on PATH, ``ruff`` optional):

    python3 scripts/relayout.py            # do it (git mv + rewrites), then print what changed
    python3 scripts/relayout.py --check    # exit 1 if anything is left to move or rewrite

Idempotent: a second run finds nothing to do. Built to be replayed on a tree merged from branches that
still edit the flat modules: it moves what is in MOVES, rewrites imports (absolute, relative, ``from
analysis import a, b``), dotted names (``python -m analysis.x``, monkeypatch and importlib strings,
docs), ``analysis/x.py`` paths and ``Path(__file__)`` anchors of moved files, and the package list of
pyproject.toml. A module of ``analysis/`` that MOVES does not place stops the run before any change
(add a line to MOVES). The data files (analysis/data/, analysis/templates/) stay where they are.

The layers, lowest first (tests/test_architecture.py holds the package to this order):
project < language < reading < extraction < corpus < site < build < the package root (API, CLI).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = "analysis"

# Subpackages, lowest layer first, with the docstring of their __init__.py.
LAYERS = {
    "project": "Where the project's files are, report.yml, the base error, atomic files, hashes, processes.",
    "language": "The language data compiled: lexicon, numerals, the concept catalogue.",
    "reading": "Reading a report: decoding, undoing the PDF layout, sections and sentences, the Document.",
    "extraction": "From a Document to the table: mentions, values, naming, sectors, timing, subjects, schema.",
    "corpus": ("Many reports: the cached tables, one report's table as the pages show it, the manifest, a "
               "report's place, picking targets and results, scorecards, revisions, comparisons, the sector "
               "chapters, accuracy."),
    "site": ("What the pages show: one report's queries and pairs, prose, views (the report's and the corpus "
             "chapters'), links, charts, style, downloads, search, themes, pages."),
    "build": "Building the site: the pipeline (plan, chapters, book, publish, lock), notebooks, PDF, add-report.",
}

# old module (analysis/<old>.py) -> new module path below analysis/ (dotted). Modules not listed here
# stay at the package root only if they are in ROOT_MODULES.
MOVES = {
    "config": "project.config",
    "errors": "project.errors",
    "files": "project.files",
    "hashing": "project.hashing",
    "processes": "project.processes",
    "lexicon": "language.lexicon",
    "numerals": "language.numerals",
    "concepts": "language.concepts",
    "reading": "reading.decoding",
    "layout": "reading.layout",
    "structure": "reading.structure",
    "document": "reading.document",
    "extractor": "extraction.extractor",
    "metrics": "extraction.metrics",
    "timing": "extraction.timing",
    "subjects": "extraction.subjects",
    "schema": "extraction.schema",
    "batch": "extraction.batch",
    "table": "corpus.table",
    "panel": "corpus.panel",
    "evaluate": "corpus.evaluate",
    "report": "site.report",
    "prose": "site.prose",
    "views": "site.views",
    "render": "site.render",
    "charts": "site.charts",
    "style": "site.style",
    "downloads": "site.downloads",
    "reports_pages": "site.reports_pages",
    "search": "site.search",
    "themes": "site.themes",
    "pages": "site.pages",
    "build": "build.pipeline",
    "notebooks": "build.notebooks",
    "pdf": "build.pdf",
    "corpus_add": "build.corpus_add",
}
ROOT_MODULES = {"__init__", "__main__", "cli"}

# Where references are rewritten (book/chapters/ are executed notebooks the build regenerates).
TEXT_TARGETS = ["analysis", "tests", "notebooks", "book/_ext", "book/_config.yml", "book/report.yml", "docs",
                "scripts", "benchmarks", "README.md", "Makefile", "pyproject.toml", "jupyter_server_config.py",
                ".ci"]
TEXT_SUFFIXES = {".py", ".md", ".ipynb", ".yml", ".yaml", ".toml", ".cfg", ".txt", ".sh", ".j2", ""}
SKIP_PARTS = {"chapters", "_build", ".venv", "__pycache__", "fixtures", ".ipynb_checkpoints"}
SELF = Path(__file__).resolve()


def full(rel: str) -> str:
    return f"{PKG}.{rel}"


OLD_TO_NEW = {full(o): full(n) for o, n in MOVES.items()}
NEW_TO_OLD = {n: o for o, n in OLD_TO_NEW.items()}
# New packages whose name is also an old module's: a dotted reference to them is old only when not
# followed by one of the package's submodules (those MOVES puts there, and any already in the folder, such
# as the modules analysis/build/pipeline.py was later split into).
CLASHES = {o: sorted({n.rsplit(".", 1)[1] for n in MOVES.values() if n.startswith(o + ".")}
                     | {p.stem for p in (ROOT / PKG / o).glob("*.py") if p.stem != "__init__"})
           for o in MOVES if o in LAYERS}


def module_file(mod: str) -> Path | None:
    """The file of a dotted module of the tree as it is now (a module or a package), or None."""
    p = ROOT.joinpath(*mod.split("."))
    if p.with_suffix(".py").is_file():
        return p.with_suffix(".py")
    if (p / "__init__.py").is_file():
        return p / "__init__.py"
    return None


_DEFINED: dict[Path, set[str]] = {}


def defined_names(path: Path) -> set[str]:
    """Top-level names a module binds (what ``from m import name`` can take from it)."""
    if path not in _DEFINED:
        names: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                for t in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    names.update(n.id for n in ast.walk(t) if isinstance(n, ast.Name))
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
        _DEFINED[path] = names
    return _DEFINED[path]


def resolve(package: str, level: int, module: str | None) -> str | None:
    """The absolute module of a relative import made from ``package`` (None above the top)."""
    parts = package.split(".")
    if level > len(parts):
        return None
    base = ".".join(parts[: len(parts) - level + 1])
    return f"{base}.{module}" if module else base


def importable(base: str, name: str) -> bool:
    """``from base import name`` works in the tree as it is now (and is not the old module of a name that
    is a layer package now: ``from analysis import build`` meant analysis/build.py)."""
    if f"{base}.{name}" in OLD_TO_NEW:
        return False
    if module_file(f"{base}.{name}") or (name == "*" and module_file(base)):
        return True
    f = module_file(base)
    return f is not None and name in defined_names(f)


def new_targets(base_old: str, names: list[ast.alias]) -> list[tuple[str, str, str | None]]:
    """(module, name, alias) of ``from base_old import names`` in the old tree, mapped to the new tree."""
    out = []
    for a in names:
        sub = f"{base_old}.{a.name}"
        if sub in OLD_TO_NEW:                          # an old module imported by name
            mod, _, leaf = OLD_TO_NEW[sub].rpartition(".")
            alias = a.asname or (a.name if leaf != a.name else None)
            out.append((mod, leaf, alias))
        else:                                          # a name defined in the module
            out.append((OLD_TO_NEW.get(base_old, base_old), a.name, a.asname))
    return out


def relative(from_package: str, target: str) -> str:
    """``target`` (absolute) written relative to ``from_package`` ('.', '..x', ...)."""
    a, b = from_package.split("."), target.split(".")
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    return "." * (len(a) - common + 1) + ".".join(b[common:])


def emit(targets: list[tuple[str, str, str | None]], indent: str, rel_from: str | None, comment: str) -> str:
    """Import statements for targets, one per module, in first-seen order."""
    by_mod: dict[tuple[str, str], list[str]] = {}
    for mod, name, alias in targets:                   # an aliased import on a line of its own (as isort has it)
        key = (mod, name) if alias and alias != name else (mod, "")
        by_mod.setdefault(key, []).append(f"{name} as {alias}" if alias and alias != name else name)
    lines = []
    for (mod, _), names in by_mod.items():
        where = relative(rel_from, mod) if rel_from else mod
        lines.append(f"{indent}from {where} import {', '.join(names)}{comment}")
    return "\n".join(lines)


def rewrite_import(node: ast.ImportFrom, package: str | None, old_package: str | None) -> list | None:
    """New targets for one ImportFrom node, or None when it is already right (or not the package's).

    package: the importing module's package now (None outside analysis/); old_package: before the moves.
    """
    if node.level == 0:
        if not node.module or node.module.split(".")[0] != PKG:
            return None
        base_now = base_old = node.module
    else:
        if package is None:
            return None
        base_now = resolve(package, node.level, node.module)
        base_old = resolve(old_package, node.level, node.module) if old_package else None
    if base_now and all(importable(base_now, a.name) for a in node.names):
        return None
    if base_old is None:
        raise SystemExit(f"relayout: cannot resolve an import of {package}: line {node.lineno}")
    return new_targets(base_old, node.names)


def ast_rewrite(src: str, package: str | None, old_package: str | None, where: str) -> str:
    """Rewrite the package's ImportFrom statements of a Python source (others untouched)."""
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return line_rewrite(src, where)
    lines = src.splitlines(keepends=True)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln))
    edits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        targets = rewrite_import(node, package, old_package)
        if targets is None:
            continue
        start = offsets[node.lineno - 1] + node.col_offset
        end = offsets[node.end_lineno - 1] + node.end_col_offset
        rest = lines[node.end_lineno - 1][node.end_col_offset:]
        comment = ""
        m = re.match(r"(\s*#[^\n]*)", rest)
        if m and node.lineno == node.end_lineno:
            comment, end = m.group(1), end + len(m.group(1))
        indent = lines[node.lineno - 1][: node.col_offset]
        text = emit(targets, indent, package if node.level else None, comment)
        edits.append((start, end, text[len(indent):]))
    for start, end, text in sorted(edits, reverse=True):
        src = src[:start] + text + src[end:]
    return src


_FROM_LINE = re.compile(r"^(?P<indent>[ \t]*(?:>>> )?)from (?P<mod>analysis(?:\.\w+)*) import (?P<names>[\w ,*]+?)"
                        r"(?P<comment>[ \t]*#[^\n]*)?$", re.M)


# The same statement inside a one-line string of code: "...\\nfrom analysis import build\\n..."
# or "import json; from analysis import panel; ...".
_FROM_ESCAPED = re.compile(r"(?<=\\n|; )from (?P<mod>analysis(?:\.\w+)*) import (?P<names>[\w ,*]+?)(?=\\n|;)")


def line_rewrite(text: str, where: str) -> str:
    """The same for one-line ``from analysis... import`` statements in Markdown, unparsable code and
    code inside string literals (subprocess scripts of the tests)."""
    def sub(m: re.Match, sep: str = "\n") -> str:
        node = ast.parse(f"from {m['mod']} import {m['names']}").body[0]
        targets = rewrite_import(node, None, None)
        if targets is None:
            return m[0]
        indent = m.groupdict().get("indent") or ""
        return emit(targets, indent, None, m.groupdict().get("comment") or "").replace("\n", sep)
    text = _FROM_LINE.sub(sub, text)
    return _FROM_ESCAPED.sub(lambda m: sub(m, "\\n" if text[m.start() - 2:m.start()] == "\\n" else "; "), text)


def dotted_pattern() -> re.Pattern:
    alts = []
    for old in sorted(MOVES, key=len, reverse=True):
        guard = f"(?!\\.(?:{'|'.join(CLASHES[old])})\\b)" if old in CLASHES else ""
        alts.append(f"{re.escape(old)}\\b{guard}")
    return re.compile(rf"(?<![\w.]){PKG}\.(?P<old>{'|'.join(alts)})(?![\w])")


def path_pattern() -> re.Pattern:
    return re.compile(rf"(?<![\w/.]){PKG}/(?P<old>{'|'.join(map(re.escape, MOVES))})\.py\b")


DOTTED, PATHS = dotted_pattern(), path_pattern()


def text_rewrite(text: str, skip: list[tuple[int, int]] = ()) -> str:
    """Dotted module names and analysis/x.py paths, outside the spans in skip and outside one-line
    ``from analysis... import`` statements (those are rewritten by ast_rewrite / line_rewrite)."""
    skip = [*skip, *((m.start(), m.end()) for pat in (_FROM_LINE, _FROM_ESCAPED) for m in pat.finditer(text))]
    def dotted(m: re.Match) -> str:
        if any(s <= m.start() < e for s, e in skip):
            return m[0]
        return full(MOVES[m["old"]])
    text = DOTTED.sub(dotted, text)
    return PATHS.sub(lambda m: f"{PKG}/{MOVES[m['old']].replace('.', '/')}.py", text)


def import_spans(src: str) -> list[tuple[int, int]]:
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return []
    lines = src.splitlines(keepends=True)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln))
    return [(offsets[n.lineno - 1] + n.col_offset, offsets[n.end_lineno - 1] + n.end_col_offset)
            for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]


def python_rewrite(src: str, package: str | None, old_package: str | None, where: str) -> str:
    src = ast_rewrite(src, package, old_package, where)
    src = line_rewrite(src, where)                    # also code in strings (tests' scripts) and docstrings
    return text_rewrite(src, import_spans(src))


def anchor_rewrite(src: str, depth: int) -> str:
    """Path(__file__) anchors of a file moved ``depth`` folders down keep pointing where they did."""
    def sub(m: re.Match) -> str:
        ups = (1 if m["more"] else 0) + depth
        return f"{m['head']}.parents[{ups}]"
    return re.sub(r"(?P<head>Path\(__file__\)\.resolve\(\))\.parent(?P<more>\.parent)?(?![\w\[])", sub, src)


def notebook_rewrite(raw: str, where: str) -> str:
    nb = json.loads(raw)
    changed = False
    for cell in nb.get("cells", []):
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        new = python_rewrite(src, None, None, where) if cell["cell_type"] == "code" else text_rewrite(
            line_rewrite(src, where))
        if new != src:
            changed = True
            cell["source"] = new.splitlines(keepends=True) if isinstance(cell["source"], list) else new
    if not changed:
        return raw
    out = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    return out


def module_of(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(path: Path) -> str:
    mod = module_of(path)
    return mod if path.name == "__init__.py" else mod.rpartition(".")[0]


def check_mapping() -> None:
    flat = {p.stem for p in (ROOT / PKG).glob("*.py")}
    unplaced = sorted(flat - set(MOVES) - ROOT_MODULES)
    if unplaced:
        raise SystemExit(f"relayout: modules of {PKG}/ not in MOVES: {', '.join(unplaced)} "
                         "(add a line each to MOVES in scripts/relayout.py, then run again)")
    tracked = set(subprocess.run(["git", "ls-files", PKG], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout.split())
    untracked = sorted(f"{PKG}/{o}.py" for o in MOVES if (ROOT / PKG / f"{o}.py").exists()
                       and f"{PKG}/{o}.py" not in tracked)
    if untracked:
        raise SystemExit(f"relayout: not in git, so not moved: {', '.join(untracked)} (git add them first)")
    for old, new in MOVES.items():
        src, dst = ROOT / PKG / f"{old}.py", ROOT / PKG / (new.replace(".", "/") + ".py")
        if src.exists() and dst.exists():
            raise SystemExit(f"relayout: both {src.relative_to(ROOT)} and {dst.relative_to(ROOT)} exist")


def git(*args: str) -> None:
    subprocess.run(["git", *args], cwd=ROOT, check=True)


def move(dry: bool) -> list[str]:
    """Create the layer packages and git mv the modules (a module and a package of one name can coexist
    until the module moves: analysis/build.py and analysis/build/)."""
    done = []
    for layer, doc in LAYERS.items():
        init = ROOT / PKG / layer / "__init__.py"
        if not init.exists():
            done.append(f"create {init.relative_to(ROOT)}")
            if not dry:
                init.parent.mkdir(exist_ok=True)
                init.write_text(f'"""{doc}"""\n', encoding="utf-8")
                git("add", str(init.relative_to(ROOT)))
    for old, new in MOVES.items():
        src, dst = ROOT / PKG / f"{old}.py", ROOT / PKG / (new.replace(".", "/") + ".py")
        if src.exists():
            done.append(f"git mv {src.relative_to(ROOT)} {dst.relative_to(ROOT)}")
            if not dry:
                git("mv", str(src.relative_to(ROOT)), str(dst.relative_to(ROOT)))
    return done


def text_files() -> list[Path]:
    out = []
    for t in TEXT_TARGETS:
        p = ROOT / t
        paths = [p] if p.is_file() else sorted(p.rglob("*")) if p.is_dir() else []
        for f in paths:
            if (f.is_file() and f.resolve() != SELF and f.suffix in TEXT_SUFFIXES
                    and not SKIP_PARTS & set(f.relative_to(ROOT).parts)):
                out.append(f)
    return out


def rewrite_file(f: Path) -> str:
    raw = f.read_text(encoding="utf-8")
    where = str(f.relative_to(ROOT))
    if f.suffix == ".ipynb":
        return notebook_rewrite(raw, where)
    if f.suffix != ".py":
        return text_rewrite(line_rewrite(raw, where))
    in_pkg = f.relative_to(ROOT).parts[0] == PKG
    package = package_of(f) if in_pkg else None
    old_package = None
    if in_pkg:
        mod = module_of(f)
        old = NEW_TO_OLD.get(mod, mod)
        old_package = old if f.name == "__init__.py" else old.rpartition(".")[0]
    new = python_rewrite(raw, package, old_package, where)
    if in_pkg and module_of(f) in NEW_TO_OLD:
        new = anchor_rewrite(new, module_of(f).count(".") - NEW_TO_OLD[module_of(f)].count("."))
    return new


PYPROJECT_PACKAGES = re.compile(r'^packages = \[[^\]]*\]$', re.M)


def pyproject_rewrite(text: str) -> str:
    pkgs = ", ".join(f'"{p}"' for p in [PKG, *(f"{PKG}.{layer}" for layer in LAYERS)])
    return PYPROJECT_PACKAGES.sub(f"packages = [{pkgs}]", text, count=1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is left to do")
    a = ap.parse_args(argv)
    check_mapping()
    todo = move(dry=True)
    if a.check and todo:
        print("\n".join(todo))
        return 1
    if not a.check:
        move(dry=False)
    changed = []
    for f in text_files():
        old = f.read_text(encoding="utf-8")
        new = rewrite_file(f)
        if f.name == "pyproject.toml":
            new = pyproject_rewrite(new)
        if new != old:
            changed.append(str(f.relative_to(ROOT)))
            if not a.check:
                f.write_text(new, encoding="utf-8")
    ruff = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or shutil.which("ruff")
    py = [c for c in changed if c.endswith(".py")]
    if py and ruff and not a.check:                   # import blocks sorted as the project's isort rule wants
        subprocess.run([ruff, "check", "--quiet", "--select", "I001", "--fix", *py], cwd=ROOT, check=False)
    for line in todo + [f"rewrote {c}" for c in changed]:
        print(line)
    if a.check:
        return 1 if changed else 0
    print(f"relayout: {len(todo)} moves, {len(changed)} files rewritten" if todo or changed
          else "relayout: nothing to do (already laid out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
