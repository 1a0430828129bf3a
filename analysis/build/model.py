"""The values passed between the build's modules: a chapter to run (ChapterSpec) and what running it
gave (ChapterResult). Frozen: a stage derives a changed copy (dataclasses.replace), never edits one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..project.limits import CHAPTER_MAX_OUTPUT_MB, CHAPTER_TIMEOUT


@dataclass(frozen=True)
class ChapterSpec:
    """One chapter of a build: its template, its parameters, where it is written and its inputs hash."""

    name: str
    title: str
    template: str                      # the template notebook (absolute path)
    template_display: str              # the template as messages name it (relative to the project root)
    out: str                           # the executed notebook written by the build
    hash: str                          # the hash of its inputs, stored in the executed notebook
    parameters: dict[str, Any] = field(default_factory=dict)
    kernel: str = "python3"
    timeout: float = CHAPTER_TIMEOUT   # seconds a chapter may run
    max_output_mb: float = CHAPTER_MAX_OUTPUT_MB  # outputs a chapter may write


@dataclass(frozen=True)
class ChapterResult:
    """A chapter run: its seconds, or the one line saying why it failed."""

    name: str
    seconds: float = 0.0
    error: str | None = None
    kill: bool = False                 # stopped mid-cell: its kernel must not be reused

    @property
    def ok(self) -> bool:
        return self.error is None
