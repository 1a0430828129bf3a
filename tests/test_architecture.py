"""The import contract of the package: layers in order, no cycle between subpackages, imports at the top.

The layers, lowest first (scripts/relayout.py laid them out):

    project < language < reading < extraction < corpus < site < build < the package root (API, CLI)

A module may import its own layer and the layers below, never one above; the subpackages import each
other without a cycle; an import inside a function is listed in LAZY with its reason. The checker is a
pure function of a module graph, tested here on synthetic graphs (a planted upward import and a planted
cycle must fail) and on a package written to a temporary folder, then run on the real package.

Sizes: no module over 400 lines and no function over 60 lines; the modules and functions still over (in
the layers not yet split) are listed in SIZE_EXCEPTIONS with their size, which may only shrink.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "analysis"
LAYERS = ["project", "language", "reading", "extraction", "corpus", "site", "build", "<root>"]

# Upward imports that stay for now, each with its reason; the test fails when one is no longer needed.
UPWARD: dict[tuple[str, str], str] = {}

# Imports inside functions, by (module, imported module): each kept for a reason.
START_UP = "kept lazy for start-up time: the command does not need it unless this subcommand runs"
CYCLE = "imports the package root, which imports this module (a cycle at import time)"
PARALLEL = "module edited on a parallel branch at the time of the relayout: lift after the merge"
LAZY = {
    ("analysis.cli", "analysis"): CYCLE,
    ("analysis.cli", "analysis.corpus.evaluate"): START_UP,
    ("analysis.cli", "analysis.corpus.placement"): START_UP,
    ("analysis.cli", "analysis.build.pipeline"): START_UP,
    ("analysis.cli", "analysis.build.add_report"): START_UP,
    ("analysis.cli", "analysis.build.notebooks"): START_UP,
    ("analysis.cli", "analysis.build.pdf"): START_UP,
    ("analysis.cli", "analysis.project.processes"): START_UP,
    ("analysis.build.notebooks", "analysis.build.pipeline"): START_UP + " (strip and check run in make fast)",
    ("analysis.build.notebooks", "analysis.project.processes"): START_UP,
    ("analysis.reading.document", "analysis.reading.decoding"): PARALLEL,
    ("analysis.extraction.subjects", "analysis.language.lexicon"): PARALLEL,
}


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Modules and functions over the limits, with their size in lines: known exceptions in the layers not split
# yet. An entry may only shrink: the test fails when one grows, and when one is within the limits (remove it).
SIZE_EXCEPTIONS: dict[str, int] = {}  # every function within the limit (the build layer and the CLI split too)


@dataclass(frozen=True)
class Edge:
    importer: str
    imported: str
    line: int
    lazy: bool        # inside a function


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else "<root>"


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str, modules: set[str]) -> bool:
    return name in modules


def imports_of(path: Path, root: Path, modules: set[str]) -> list[Edge]:
    """The package modules a file imports (a name imported from a package is that module if it is one)."""
    me = _module_name(path, root)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    top = root.name
    edges = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [a.name for a in child.names if a.name.split(".")[0] == top]
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    parts = package.split(".")
                    base = ".".join(parts[: len(parts) - child.level + 1])
                    base = f"{base}.{child.module}" if child.module else base
                else:
                    base = child.module or ""
                if base.split(".")[0] == top:
                    for a in child.names:
                        sub = f"{base}.{a.name}"
                        targets.append(sub if _is_module(sub, modules) else base)
            for t in dict.fromkeys(targets):
                if t != me:
                    edges.append(Edge(me, t, child.lineno, lazy))
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return edges


def package_graph(root: Path) -> list[Edge]:
    files = sorted(root.rglob("*.py"))
    modules = {_module_name(f, root) for f in files}
    return [e for f in files for e in imports_of(f, root, modules)]


def upward(edges: list[Edge]) -> list[Edge]:
    rank = {name: i for i, name in enumerate(LAYERS)}
    return [e for e in edges if rank[layer_of(e.imported)] > rank[layer_of(e.importer)]]


def layer_cycles(edges: list[Edge], allowed: set[tuple[str, str]] = frozenset()) -> list[list[str]]:
    """Cycles in the graph of subpackages (edges between two different layers), as lists of layers."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        a, b = layer_of(e.importer), layer_of(e.imported)
        if a != b and (e.importer, e.imported) not in allowed:
            graph.setdefault(a, set()).add(b)
    cycles, state = [], {}

    def dfs(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                dfs(nxt, [*stack, nxt])
        state[node] = "done"

    for n in sorted(graph):
        if n not in state:
            dfs(n, [n])
    return cycles


def problems(edges: list[Edge], allowed_upward: dict = UPWARD, lazy_allowed: dict = LAZY) -> list[str]:
    """Every breach of the contract, one line each (empty: the package keeps it)."""
    out = [f"upward import: {e.importer} (layer {layer_of(e.importer)}) imports {e.imported} "
           f"(layer {layer_of(e.imported)}), line {e.line}"
           for e in upward(edges) if (e.importer, e.imported) not in allowed_upward]
    out += [f"import cycle between subpackages: {' -> '.join(c)}" for c in layer_cycles(edges, set(allowed_upward))]
    out += [f"import inside a function: {e.importer} line {e.line} imports {e.imported} (bring it to the top, "
            "or list it in LAZY with a reason)"
            for e in edges if e.lazy and (e.importer, e.imported) not in lazy_allowed]
    return out


# ---------------------------------------------------------------------------------------- the checker
def _edges(*pairs: str, lazy: bool = False) -> list[Edge]:
    return [Edge(*p.split(" -> "), 1, lazy) for p in pairs]


def test_a_downward_graph_passes():
    assert problems(_edges("analysis.site.views -> analysis.corpus.panel",
                           "analysis.corpus.panel -> analysis.language.lexicon",
                           "analysis.cli -> analysis.build.pipeline"), {}, {}) == []


def test_a_planted_upward_import_fails():
    found = problems(_edges("analysis.reading.document -> analysis.site.views"), {}, {})
    assert len(found) == 1 and found[0].startswith("upward import: analysis.reading.document (layer reading)")


def test_a_planted_cycle_between_subpackages_fails():
    # both edges upward-free in isolation would be impossible; allow the upward one and the cycle remains
    edges = _edges("analysis.site.views -> analysis.corpus.panel", "analysis.corpus.panel -> analysis.site.report")
    found = problems(edges, {}, {})
    assert any(p.startswith("import cycle between subpackages: corpus -> site -> corpus") or
               p.startswith("import cycle between subpackages: site -> corpus -> site") for p in found), found
    assert problems(edges, {("analysis.corpus.panel", "analysis.site.report"): "why"}, {}) == []


def test_an_unlisted_import_inside_a_function_fails():
    found = problems(_edges("analysis.site.views -> analysis.corpus.panel", lazy=True), {}, {})
    assert found and found[0].startswith("import inside a function: analysis.site.views")
    assert problems(_edges("analysis.site.views -> analysis.corpus.panel", lazy=True), {},
                    {("analysis.site.views", "analysis.corpus.panel"): "why"}) == []


def test_the_checker_reads_a_package_from_disk(tmp_path):
    """A small package with a planted upward relative import, written to a temporary folder."""
    pkg = tmp_path / "analysis"
    for folder, text in {"reading/document.py": "from ..site import views\n",
                         "site/views.py": "from ..reading import document\n\n\ndef f():\n    from . import charts\n",
                         "site/charts.py": "", "__init__.py": "from .reading.document import *\n"}.items():
        (pkg / folder).parent.mkdir(parents=True, exist_ok=True)
        (pkg / folder).write_text(text)
    for sub in ("reading", "site"):
        (pkg / sub / "__init__.py").touch()
    found = problems(package_graph(pkg), {}, {})
    assert "upward import: analysis.reading.document (layer reading) imports analysis.site.views (layer site), " \
           "line 1" in found
    assert any(p.startswith("import cycle between subpackages: reading -> site -> reading") for p in found), found
    assert any(p.startswith("import inside a function: analysis.site.views line 5 imports analysis.site.charts")
               for p in found), found


# ---------------------------------------------------------------------------------------- the package
GRAPH = package_graph(PACKAGE)


def test_the_package_keeps_the_import_contract():
    assert problems(GRAPH) == []


def test_every_listed_exception_is_still_needed():
    """UPWARD and LAZY only shrink: an entry no module needs any more is removed from the list."""
    up = {(e.importer, e.imported) for e in upward(GRAPH)}
    lazy = {(e.importer, e.imported) for e in GRAPH if e.lazy}
    assert [k for k in UPWARD if k not in up] == []
    assert [k for k in LAZY if k not in lazy] == []


def test_every_module_sits_in_a_layer():
    """Only the API and the command line stay at the root; every other module is in a layer."""
    assert sorted(p.stem for p in PACKAGE.glob("*.py")) == ["__init__", "__main__", "cli"]
    assert sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()) == sorted(LAYERS[:-1])


def test_the_relayout_has_nothing_left_to_do():
    """scripts/relayout.py --check: every module moved, every reference rewritten."""
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "relayout.py"), "--check"], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("module", ["analysis", "analysis.cli"])
def test_the_public_api_stays(module):
    """analysis.extract / extract_many and python -m analysis import without the site or the build."""
    code = (f"import sys, {module}, analysis; assert callable(analysis.extract) and callable(analysis.extract_many); "
            "heavy = [m for m in ('analysis.site.pages', 'analysis.build.pipeline', 'matplotlib', 'nbclient') "
            "if m in sys.modules]; assert not heavy, heavy")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


# ---------------------------------------------------------------------------------------- sizes
def sizes(root: Path) -> dict[str, int]:
    """Lines of every module ('analysis/x/y.py') and of every function ('analysis/x/y.py::name', nested
    functions and methods too) of a package folder."""
    out = {}
    for f in sorted(root.rglob("*.py")):
        rel = f.relative_to(root.parent).as_posix()
        src = f.read_text(encoding="utf-8")
        out[rel] = len(src.splitlines())
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                key = f"{rel}::{node.name}"
                out[key] = max(out.get(key, 0), node.end_lineno - first + 1)
    return out


def size_problems(found: dict[str, int], exceptions: dict[str, int]) -> list[str]:
    """Every module over MAX_MODULE_LINES and function over MAX_FUNCTION_LINES beyond its listed size, and
    every listed exception that is now within the limits or gone (one line each)."""
    def limit(key: str) -> int:
        return MAX_FUNCTION_LINES if "::" in key else MAX_MODULE_LINES
    out = [f"{key}: {n} lines, over the limit of {limit(key)}" + (f" and over its listed {exceptions[key]}"
                                                                    if key in exceptions else "")
           for key, n in found.items() if n > max(limit(key), exceptions.get(key, 0))]
    out += [f"{key}: listed in SIZE_EXCEPTIONS but now {found[key]} lines (within the limit): remove it"
            for key in exceptions if key in found and found[key] <= limit(key)]
    out += [f"{key}: listed in SIZE_EXCEPTIONS but no longer exists: remove it" for key in exceptions if key not in found]
    return out


def test_a_planted_long_module_and_function_fail(tmp_path):
    pkg = tmp_path / "analysis"
    (pkg / "site").mkdir(parents=True)
    body = "\n".join(f"    x{i} = {i}" for i in range(60))
    (pkg / "site" / "views.py").write_text(f"def short():\n    return 1\n\n\ndef long():\n{body}\n"
                                           + "\n" * 339 + "y = 1\n")
    found = sizes(pkg)
    assert found["analysis/site/views.py::long"] == 61 and found["analysis/site/views.py::short"] == 2
    problems_ = size_problems(found, {})
    assert problems_ == ["analysis/site/views.py: 405 lines, over the limit of 400",
                         "analysis/site/views.py::long: 61 lines, over the limit of 60"], problems_
    # listed at their size they pass; grown beyond it they fail; an exception within the limit must go
    assert size_problems(found, {"analysis/site/views.py": 405, "analysis/site/views.py::long": 61}) == []
    assert size_problems(found, {"analysis/site/views.py": 404, "analysis/site/views.py::long": 61}) == [
        "analysis/site/views.py: 405 lines, over the limit of 400 and over its listed 404"]
    assert size_problems(found, {"analysis/site/views.py": 405, "analysis/site/views.py::long": 61,
                                 "analysis/site/views.py::short": 80}) == [
        "analysis/site/views.py::short: listed in SIZE_EXCEPTIONS but now 2 lines (within the limit): remove it"]


def test_no_module_over_400_lines_and_no_function_over_60():
    """The corpus and site layers are within the limits; the other layers only as listed (and shrinking)."""
    assert size_problems(sizes(PACKAGE), SIZE_EXCEPTIONS) == []
    assert not [k for k in SIZE_EXCEPTIONS if k.startswith(("analysis/corpus/", "analysis/site/"))]


# Numeric thresholds: named in analysis/project/thresholds.py, each with what it means. A float literal in the
# modules of reading, extraction and site fails, but for these values (nothing to tune: none, one, a half, and
# the powers of ten of a magnitude) and in the modules that draw (a figure's inches and points, not thresholds).
THRESHOLD_LAYERS = ("reading", "extraction", "site")
PLAIN_FLOATS = {0.0, 1.0, 0.5, 1e3, 1e6, 1e9, 1e12}
DRAWING = {"analysis/site/charts.py", "analysis/site/corpus_charts.py", "analysis/site/style.py"}


def bare_floats(path: Path) -> list[str]:
    """``path:line value`` of every float literal of a module outside PLAIN_FLOATS."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.name}:{n.lineno} {n.value!r}" for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and type(n.value) is float and n.value not in PLAIN_FLOATS]


def test_a_bare_float_threshold_fails(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def wrapped(n, width):\n    return n >= 0.8 * width or n == 1.0\n", encoding="utf-8")
    assert bare_floats(module) == ["m.py:2 0.8"]


def test_thresholds_are_named_in_one_module():
    found = [hit for layer in THRESHOLD_LAYERS for p in sorted((PACKAGE / layer).glob("*.py"))
             if p.relative_to(ROOT).as_posix() not in DRAWING for hit in bare_floats(p)]
    assert found == [], f"name these in analysis/project/thresholds.py: {found}"
    assert all((ROOT / d).is_file() for d in DRAWING)  # an exception for a module gone fails
