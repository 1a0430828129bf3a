"""HTML of the pages, from Jinja2 templates (``analysis/templates/*.html.j2``) with autoescaping.

Report text is never put into HTML by hand: a template receives plain values and Jinja2 escapes
them (braces are escaped too by :func:`esc`, so that no MyST or template syntax survives).
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def esc(s) -> Markup:
    """Escape a value for HTML, braces included."""
    return Markup(str(jinja2.utils.markupsafe.escape("" if s is None else str(s)))
                  .replace("{", "&#123;").replace("}", "&#125;"))


@functools.lru_cache(maxsize=1)
def env() -> jinja2.Environment:
    e = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                           undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    e.filters["e"] = esc
    e.finalize = lambda v: esc(v) if not isinstance(v, Markup) else v
    return e


def render(name: str, **context) -> str:
    """The HTML of template `name` (without the .html.j2 suffix), whitespace between tags trimmed."""
    return env().get_template(f"{name}.html.j2").render(**context).strip()
