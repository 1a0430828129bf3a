"""Language knowledge is data: no Chinese word or pattern in the code of the reading and extraction
layers (analysis/reading, analysis/extraction) — they live in analysis/data/lexicon.yaml (and
concepts.yaml, glossary.yaml), compiled once by analysis.language.lexicon — and no code outside
analysis/language reads the lexicon's raw YAML (``lex.raw``): it uses the compiled fields.

Docstrings and comments may quote Chinese (examples of what a rule finds); string constants may not."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analysis"
LAYERS = ("reading", "extraction")  # the layers whose code must hold no Chinese

# Chinese characters: the CJK unified ideographs (with extension A and the compatibility block) and 〇
HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                out.add(id(body[0].value))
    return out


def chinese_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant with a Chinese character (the literal parts of f-strings
    included), docstrings excepted; comments are not in the syntax tree."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return sorted((n.lineno, n.value) for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
                  and HAN.search(n.value))


def _is_lexicon(node: ast.AST) -> bool:
    """lex, lexicon, self.lex, lexicon.load(), load(): what holds the lexicon by this package's names."""
    if isinstance(node, ast.Name):
        return node.id in ("lex", "lexicon")
    if isinstance(node, ast.Attribute):
        return node.attr in ("lex", "lexicon")
    if isinstance(node, ast.Call):
        f = node.func
        return (isinstance(f, ast.Attribute) and f.attr == "load") or (isinstance(f, ast.Name) and f.id == "load")
    return False


def raw_lexicon_uses(source: str) -> list[int]:
    """Lines that read the lexicon's raw YAML (``lex.raw``, ``lexicon.load().raw``)."""
    return sorted(n.lineno for n in ast.walk(ast.parse(source))
                  if isinstance(n, ast.Attribute) and n.attr == "raw" and _is_lexicon(n.value))


def _modules(*layers: str) -> list[Path]:
    dirs = [PACKAGE / layer for layer in layers] if layers else [PACKAGE]
    return sorted(p for d in dirs for p in d.rglob("*.py"))


def _rel(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


# ------------------------------------------------------------------------------ the checkers


def test_checker_finds_a_planted_literal(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('"""文档: a docstring may quote 中文."""\n'
                       '# a comment too: 全省\n'
                       'import re\n\n\n'
                       'def f(s):\n'
                       '    """增长: allowed."""\n'
                       '    return re.search(r"(?:增长|增速)$", s) or f"{s}年"\n', encoding="utf-8")
    assert chinese_literals(planted.read_text(encoding="utf-8")) == [(8, "(?:增长|增速)$"), (8, "年")]
    clean = tmp_path / "clean.py"
    clean.write_text('"""增长."""\n# 增长\nX = "，。"  # punctuation is no word\n', encoding="utf-8")
    assert chinese_literals(clean.read_text(encoding="utf-8")) == []


def test_checker_finds_a_planted_raw_lexicon_use(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("from analysis.language import lexicon\n"
                       "lex = lexicon.load()\n"
                       "a = lex.raw['regions']\n"
                       "b = lexicon.load().raw\n"
                       "doc_raw = document.raw  # a document's raw text is not the lexicon\n", encoding="utf-8")
    assert raw_lexicon_uses(planted.read_text(encoding="utf-8")) == [3, 4]


# ------------------------------------------------------------------------------ the package


@pytest.mark.parametrize("path", _modules(*LAYERS), ids=_rel)
def test_no_chinese_literal_in_reading_and_extraction(path):
    found = [f"{line}: {text[:40]!r}" for line, text in chinese_literals(path.read_text(encoding="utf-8"))]
    assert not found, f"{_rel(path)}: Chinese words or patterns in code (move them to analysis/data/lexicon.yaml " \
                      f"`reading` / `extraction` and read them from lexicon.load()): {found}"


@pytest.mark.parametrize("path", _modules(), ids=_rel)
def test_no_raw_lexicon_outside_the_language_layer(path):
    if path.is_relative_to(PACKAGE / "language"):
        return
    assert raw_lexicon_uses(path.read_text(encoding="utf-8")) == [], \
        f"{_rel(path)} reads lex.raw: use (or add) a compiled field of analysis.language.lexicon.Lexicon"


# ------------------------------------------------------------------------------ the data


def test_every_word_of_the_layers_is_used():
    """No dead entry: each key of lexicon.yaml `reading` and `extraction` is read by the code of the layers."""
    from analysis.language import lexicon

    raw = lexicon.load_yaml(lexicon.DATA / "lexicon.yaml")
    code = "\n".join(p.read_text(encoding="utf-8") for p in _modules(*LAYERS))
    unused = [f"{layer}.{key}" for layer in LAYERS for key in raw[layer]
              if not re.search(rf"\.{key}\b", code)]
    assert not unused, f"lexicon.yaml entries no code reads: {unused}"


def test_a_broken_entry_is_one_clear_error():
    from analysis.language import lexicon

    raw = lexicon.load_yaml(lexicon.DATA / "lexicon.yaml")
    del raw["extraction"]["rank_word"]
    with pytest.raises(lexicon.LexiconError, match=r"^analysis/data/lexicon.yaml: extraction.rank_word: missing$"):
        lexicon.validate(raw)
    with pytest.raises(lexicon.LexiconError, match=r"reading.session_re: not a valid regex"):
        lexicon.Words("reading", {"session_re": "第(届"})
    with pytest.raises(AttributeError, match="no word or pattern 'nothing'"):
        _ = lexicon.Words("reading", {}).nothing


def _keys_once(path: Path) -> list[str]:
    """The keys a YAML mapping of the file names twice (YAML keeps the last silently)."""
    import yaml

    twice: list[str] = []

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                twice.append(f"{key} (line {key_node.start_mark.line + 1})")
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    return twice


@pytest.mark.parametrize("name", sorted(p.name for p in (PACKAGE / "data").glob("*.yaml")))
def test_no_key_is_given_twice(name):
    """Two rules that chose the same key in one section would silently lose the first (a merge of two branches
    did: two plan_share_re); a planted duplicate fails."""
    assert _keys_once(PACKAGE / "data" / name) == []


def test_a_key_given_twice_is_found(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("a:\n  k: 1\n  j: 2\n  k: 3\n", encoding="utf-8")
    assert _keys_once(p) == ["k (line 4)"]
