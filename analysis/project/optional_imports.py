"""Optional imports this project never needs and that cost seconds: jsonschema (imported by nbformat, papermill
and nbval) imports the optional rfc3987_syntax when it is installed and compiles its 38 grammars (1-2 s of CPU) for
an IRI format check nothing here uses.

:func:`skip_slow_optional_imports` is called by the command line and the chapters' kernels; importing this module
does it too, so that pytest loads it as an early plugin (``-p analysis.project.optional_imports`` in
pyproject.toml's addopts: before nbval and its imports, in every pytest process, run as ``pytest`` or
``python -m pytest`` from any folder)."""

from __future__ import annotations

import sys


def skip_slow_optional_imports() -> None:
    """Keep rfc3987_syntax from being imported (only before jsonschema is: after, it changes nothing)."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


skip_slow_optional_imports()
