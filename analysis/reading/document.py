"""The document model: a report read once, with its layout undone, its sections, paragraphs and
sentences, and its identity (region, level, year, date, speaker, session) read from its own text.

Extraction and every page use the same :class:`Document`::

    doc = analysis.reading.document.read(Path("seeds/corpus/2026_hebei.txt"))
    doc.region_en, doc.report_year, doc.speaker           # 'Hebei', 2026, '王正谱'
    [p.section for p in doc.paragraphs]                    # header, preamble, review, ..., targets, task-01 ...

``doc.sections`` gives the sections in order (role, title, readable-text offsets, paragraphs) and
``doc.sentence_list()`` every sentence with its text, offsets and section::

    [(s.role, s.title) for s in doc.sections]             # [('header', ''), ('preamble', ''), ('review', '一、2024年工作回顾'), ...]
    [s.text for s in doc.sentence_list() if "低空经济" in s.text]

Section roles (the ``section`` of a paragraph; :data:`sections.PART` says which part of the report it is):
``header`` (title, date, source and speaker lines, photo captions: no quantities), ``preamble``
(the opening address), ``review`` (the past year), ``five_year_review`` (the past plan period),
``problems``, ``five_year_goals`` (the new plan period, e.g. 十五五 goals for 2030), ``plan``
(general requirements of the coming year), ``targets`` (its main expected targets), ``task-NN``
(the numbered task sections), ``government`` (the government's self-building), ``closing`` (the
closing address) and ``notes`` (what follows the closing: 名词解释, 注释, 附件 — an annex of
livelihood projects is part of the plan).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..language import lexicon
from . import structure
from .identity import content_years, find_header, read_identity
from .layout import Layout, unwrap
from .sections import Paragraph, part_of, split_sections
from .vocabulary import reading_words


@dataclass(frozen=True, slots=True)
class Section:
    """A run of consecutive paragraphs with the same section (role and title), in document order."""

    role: str             # header, preamble, review, ..., task-NN (see the module docstring)
    title: str            # its heading as written ('' when it has none)
    start: int            # readable-text offsets: from its first paragraph's start to its last's end
    end: int
    paragraphs: tuple[Paragraph, ...]

    @property
    def part(self) -> str:
        return part_of(self.role)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the readable text (``doc.text[start:end] == text``), with its section and
    paragraph; ``doc.layout.to_raw(start, end)`` gives its span in the file as decoded."""

    text: str
    start: int
    end: int
    section: str
    section_title: str
    paragraph: int        # index of its paragraph in doc.paragraphs


@dataclass(frozen=True)
class Document:
    """One report, read once: the layout, the paragraphs with their sections, the identity."""

    name: str
    raw: str
    layout: Layout = field(repr=False)
    paragraphs: tuple[Paragraph, ...] = field(repr=False)
    region: str           # 内蒙古, 河北, 全国, 查干淖尔旗 ... ('' when the text does not say)
    region_en: str
    level: str            # national | provincial | municipal | county | ''
    report_year: int | None
    review_year: int | None
    date: str             # ISO date of the session the report was given at, '' if not stated
    speaker: str
    speaker_title: str    # 省长, 自治区人民政府主席, 国务院总理 ...
    session: str          # 河北省第十四届人民代表大会第三次会议
    title: str            # the document's own title line, or one composed from region and year
    notes: tuple[str, ...] = ()
    conflict: str = ""    # the title names another region than the text (the text's region is kept)

    @property
    def text(self) -> str:
        return self.layout.text

    def sentences(self, para: Paragraph) -> list[tuple[int, int]]:
        """The (start, end) readable-text offsets of the sentences of one paragraph."""
        return structure.sentences(self.layout.text, para.start, para.end)

    @functools.cached_property
    def sections(self) -> tuple[Section, ...]:
        """The sections in document order: consecutive paragraphs with the same role and title."""
        out: list[Section] = []
        run: list[Paragraph] = []
        for para in self.paragraphs:
            if run and (para.section, para.section_title) != (run[0].section, run[0].section_title):
                out.append(Section(run[0].section, run[0].section_title, run[0].start, run[-1].end, tuple(run)))
                run = []
            run.append(para)
        if run:
            out.append(Section(run[0].section, run[0].section_title, run[0].start, run[-1].end, tuple(run)))
        return tuple(out)

    def sentence_list(self) -> list[Sentence]:
        """Every sentence of the report, in order, with its text, offsets and section."""
        text = self.layout.text
        return [Sentence(text[s:e], s, e, para.section, para.section_title, para.index)
                for para in self.paragraphs for s, e in self.sentences(para)]

    def sentences_text(self) -> list[str]:
        """The texts of every sentence of the report, in order."""
        return [s.text for s in self.sentence_list()]

    @property
    def label(self) -> str:
        """'Inner Mongolia 2025 government work report'."""
        who = self.region_en or self.region or "A"
        year = f" {self.report_year}" if self.report_year else ""
        return f"{who}{year} government work report"

    @property
    def excerpt(self) -> bool:
        return bool(self.notes)

    def info(self) -> dict:
        """The identity as a plain dict (for pages and downloads)."""
        return {"region_zh": self.region, "region_en": self.region_en, "level": self.level,
                "report_year": self.report_year, "review_year": self.review_year, "plan_year": self.report_year,
                "date": self.date, "speaker": self.speaker, "speaker_title": self.speaker_title,
                "session": self.session, "title": self.title, "label": self.label,
                "task_sections": len({p.section for p in self.paragraphs if p.section.startswith("task-")}),
                "excerpt": self.excerpt, "notes": list(self.notes)}


def read(source: str | Path, name: str | None = None) -> Document:
    """The document of a report file (a Path) or of a report's text (a str)."""
    from .decoding import read_text

    if isinstance(source, Path):
        return from_text(read_text(source), name or source.stem)
    return from_text(source, name or "text")


def from_text(raw: str, name: str = "text") -> Document:
    """The document of a report's text (built once: the last DOCUMENT_CACHE are cached by text and name)."""
    return _build(raw, name)


# More than the corpus's reports (66): the Themes chapter reads every report three times over (the counts per
# theme, per term, the sentences of the latest year); with room for 8 each pass built all of them again
# (218 builds, 1.9 s CPU, instead of 64, 0.8 s; about 5 MB more)
DOCUMENT_CACHE = 128


@lru_cache(maxsize=DOCUMENT_CACHE)
def _build(raw: str, name: str) -> Document:
    lex = lexicon.load()
    layout = unwrap(raw)
    text = layout.text
    spans = layout.paragraphs()
    header_end, header = find_header(text, spans)
    ident = read_identity(text, header, lex)
    review_year, plan_year = structure.years(text)
    if not ident["year"] and not plan_year:
        review_year, plan_year = content_years(text, spans[header_end:], lex)
    report_year = ident.pop("year") or plan_year
    if report_year and not review_year:
        review_year = report_year - 1
    if review_year and not report_year:
        report_year = review_year + 1
    paras = tuple(split_sections(text, spans, header_end, review_year, lex))
    notes = _excerpt_notes(raw, text, paras)
    title = ident.pop("title") or ""
    doc = Document(name=name, raw=raw, layout=layout, paragraphs=paras, report_year=report_year,
                   review_year=review_year, title=title, notes=tuple(notes), **ident)
    if not doc.title:
        object.__setattr__(doc, "title", doc.label)
    return doc


def _excerpt_notes(raw: str, text: str, paras) -> list[str]:
    """Why the text may be an excerpt: page markers, a start inside the review, fewer task
    sections than it announces."""
    notes = []
    markers = reading_words().page_marker_re.findall(raw)
    if markers:
        notes.append(f"page markers of a newspaper or PDF layout ({'、'.join(dict.fromkeys(markers))}) were removed")
    if paras and paras[0].section == "review" and paras[0].section_title \
            and not reading_words().top_heading_re.match(text[paras[0].start:paras[0].end]):
        notes.append("the text starts inside the review of the past year, without its heading: results stated before "
                     "the excerpt (often GDP and the other headline figures) are not in it")
    task_count = len({p.section for p in paras if p.section.startswith("task-")})
    announced = reading_words().announced_sections_re.search(text)
    if announced and task_count:
        g = announced.group(1)
        n = int(g) if g.isdigit() else structure.cn_small(g)
        if task_count < n:
            notes.append(f"the plan announces {n} task sections but the text ends in section {task_count}: "
                         f"the rest of the plan is not in it")
    return notes
