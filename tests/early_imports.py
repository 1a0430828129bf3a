"""Loaded before pytest's plugins (``-p tests.early_imports`` in pyproject's addopts; the suite runs as
``python -m pytest`` from the project root, as the Makefile does): nbval imports nbformat, which imports
jsonschema, which imports the optional rfc3987_syntax when present and compiles its 38 grammars (1.6 s CPU
in each pytest process: the main one and each xdist worker) for an IRI format check nothing here uses; the
build's kernels, its jupyter-book and its command line skip it the same way
(analysis.build.pipeline.skip_slow_optional_imports)."""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
