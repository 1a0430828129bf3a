"""The project's own files: dependencies in step, notebook sources clean, the book's pages in step."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from analysis.build.notebooks import problems
from analysis.corpus import sector_chapters
from analysis.project import config

from .helpers import ROOT


def _pins(items) -> dict[str, str]:
    out = {}
    for item in items:
        m = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;]+)$", item.strip())
        if m:
            out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + [d for group in project["optional-dependencies"].values() for d in group]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert _pins(deps) == _pins(pip)
    assert len(_pins(deps)) == len(deps), "every dependency is pinned with =="
    assert f"python={project['requires-python'].lstrip('>=')}" in env["dependencies"]


def test_constraints_pin_every_direct_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = _pins(project["dependencies"] + [d for g in project["optional-dependencies"].values() for d in g])
    lines = (ROOT / "requirements" / "constraints.txt").read_text().splitlines()
    constraints = _pins(line for line in lines if not line.startswith("#"))
    for name, version in deps.items():
        assert constraints.get(name) == version, name


def test_notebook_templates_are_clean():
    found = [msg for nb in sorted(config.NOTEBOOKS.glob("*.ipynb")) for msg in problems(nb)]
    assert not found, "run `make strip`: " + "; ".join(found)


def test_templates_have_a_parameters_cell():
    import nbformat

    for nb_path in config.NOTEBOOKS.glob("*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, nb_path.name
        assert "seed" in tagged[0].source


def test_report_config_and_toc_in_step():
    """book/_toc.yml is the one generated from report.yml (the build writes it; commit it with it)."""
    cfg = config.report_config()
    text = (config.BOOK / "_toc.yml").read_text(encoding="utf-8")
    assert text == config.TOC_HEADER + yaml.safe_dump(config.toc(cfg), sort_keys=False, allow_unicode=True)
    toc = yaml.safe_load(text)
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    reports = [f for f in files if not f.startswith("chapters/")]
    assert files[:len(files) - len(reports)] == [f"chapters/{c['name']}" for c in cfg["chapters"]]
    # the Reports part (analysis.site.reports_pages): an index page and, by a glob, one page per report
    assert (reports == ["reports"]) == bool(cfg.get("reports")) and toc["parts"][-1]["caption"] == cfg["reports"]
    assert toc["parts"][-1]["chapters"][0]["sections"] == [{"glob": "reports/*"}]
    # the default report's sector chapters are the ones of report.yml (its region has its own list)
    assert sector_chapters.sector_plan(cfg, config.resolve(cfg["seed"]))[0] == cfg["chapters"]
    for c in cfg["chapters"]:
        assert (ROOT / c["template"]).exists()
    sectors = [c["parameters"]["sector"] for c in cfg["chapters"] if "sector" in c.get("parameters", {})]
    assert sectors == ["energy", "dairy", "rare_earth", "tourism"]


def test_executed_chapters_are_committed_and_deterministic():
    import nbformat

    for c in config.report_config()["chapters"]:
        path = config.BOOK / "chapters" / f"{c['name']}.ipynb"
        assert path.exists(), f"{path} missing: run `make build`"
        nb = nbformat.read(path, as_version=4)
        assert nb.metadata["report"]["inputs_hash"]
        text = path.read_text(encoding="utf-8")
        for volatile in ("start_time", "end_time", "duration", "/tmp/", str(ROOT), "0x7f"):
            assert volatile not in text, (path.name, volatile)


def test_readme_names_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_lexicon_and_glossary_load():
    from analysis.language import lexicon

    lex = lexicon.load()
    assert lex.units and lex.keyword_sectors
    from analysis.language.concepts import catalogue

    g = lexicon.glossary()
    labels = [c.en for c in catalogue()]
    assert len(labels) > 300 and len(g["terms"]) > 300
    assert not any(re.search(r"[\u4e00-\u9fff]", v) for v in labels + list(g["terms"].values()))


def test_no_import_cycle_in_the_package():
    """No module of analysis/ imports (at the top or inside a function) a module that imports it back."""
    pkg = ROOT / "analysis"
    graph = {}
    for p in pkg.glob("*.py"):
        deps = set()
        for m in re.finditer(r"^\s*from \.(\w*) import \(?([\w, ]+)", p.read_text(encoding="utf-8"), re.M):
            names = [m.group(1)] if m.group(1) else re.findall(r"\w+", m.group(2))
            deps |= {n for n in names if (pkg / f"{n}.py").exists()}
        graph[p.stem] = deps

    def reach(start):
        seen, todo = set(), [start]
        while todo:
            for d in graph.get(todo.pop(), ()):
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        return seen

    cycles = sorted(m for m in graph if m in reach(m))
    assert not cycles, f"modules on an import cycle: {cycles}"


def test_lexicon_is_validated_when_loaded():
    from analysis.language import lexicon

    raw = lexicon.load_yaml(lexicon.DATA / "lexicon.yaml")
    assert lexicon.validate(raw) is raw
    broken = {**raw, "sections": {k: v for k, v in raw["sections"].items() if k != "targets_patterns"}}
    with pytest.raises(lexicon.LexiconError, match=r"sections\.targets_patterns: missing"):
        lexicon.validate(broken)
    with pytest.raises(lexicon.LexiconError, match="units: expected a dict"):
        lexicon.validate({**raw, "units": ["元"]})
    with pytest.raises(lexicon.LexiconError, match="colours: unknown vocabulary"):
        lexicon.validate({**raw, "colours": {}})


def test_templates_read_right_in_jupyterlab():
    """No myst glue roles in the templates: JupyterLab shows them raw; numbers in prose come from md()."""
    for nb_path in config.NOTEBOOKS.glob("*.ipynb"):
        assert "{glue" not in nb_path.read_text(encoding="utf-8"), nb_path.name
