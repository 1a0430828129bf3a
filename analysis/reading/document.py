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

Section roles (the ``section`` of a paragraph; :data:`PART` says which part of the report it is):
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
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..language import lexicon, numerals
from . import structure
from .layout import Layout, unwrap

PART = {"header": "other", "preamble": "other", "closing": "other", "notes": "other",
        "review": "review", "five_year_review": "review", "problems": "review",
        "plan": "plan", "targets": "plan", "five_year_goals": "plan", "government": "plan"}


def part_of(section: str) -> str:
    """review | plan | other: the part of the report a section belongs to."""
    return "plan" if section.startswith("task-") else PART.get(section, "other")


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int            # readable-text offsets
    end: int
    section: str          # see the module docstring
    section_title: str
    index: int

    @property
    def part(self) -> str:
        return part_of(self.section)


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
        out, run = [], []
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
    """The document of a report's text (built once: the last few are cached by text and name)."""
    return _build(raw, name)


@lru_cache(maxsize=8)
def _build(raw: str, name: str) -> Document:
    lex = lexicon.load()
    layout = unwrap(raw)
    text = layout.text
    spans = layout.paragraphs()
    header_end, header = _header(text, spans)
    ident = _identity(text, header, lex)
    review_year, plan_year = structure.years(text)
    if not ident["year"] and not plan_year:
        review_year, plan_year = _content_years(text, spans[header_end:], lex)
    report_year = ident.pop("year") or plan_year
    if report_year and not review_year:
        review_year = report_year - 1
    if review_year and not report_year:
        report_year = review_year + 1
    paras = tuple(_sections(text, spans, header_end, review_year, lex))
    notes = _excerpt_notes(raw, text, paras)
    title = ident.pop("title") or ""
    doc = Document(name=name, raw=raw, layout=layout, paragraphs=paras, report_year=report_year,
                   review_year=review_year, title=title, notes=tuple(notes), **ident)
    if not doc.title:
        object.__setattr__(doc, "title", doc.label)
    return doc


# ------------------------------------------------------------------------------------ identity


@dataclass(frozen=True)
class Vocabulary:
    """The document vocabulary of lexicon.yaml (`document`), compiled."""

    opening: re.Pattern       # 各位代表： the speech begins (the header lines end)
    opening_inside: re.Pattern  # the same, anywhere (joined to the header lines by a narrow wrap)
    address: re.Pattern       # …and is addressed again (各位代表！ the closing)
    caption: re.Pattern       # a photo caption (记者 … 摄)
    speaker: re.Pattern       # 省长 王正谱, 自治区人民政府主席 包钢
    place_end: re.Pattern     # how a place name ends (省, 自治区, 市 …)
    government: re.Pattern    # X人民政府: a place naming itself
    national: tuple           # how a report names the country
    county: tuple             # endings of a county-level place


def _words():
    """The words and patterns of lexicon.yaml `reading`, compiled by the lexicon."""
    return lexicon.load().reading


@lru_cache(maxsize=1)
def _vocab() -> Vocabulary:
    d = lexicon.load().document
    w = _words()

    def alt(words):
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    return Vocabulary(
        opening=re.compile(f"^(?:{alt(d['opening'])})[：:]"),
        opening_inside=re.compile(f"(?:{alt(d['opening'])})[：:]"),
        address=re.compile(f"^(?:{alt(d['opening'])})[：:，,！!]"),
        caption=lexicon.fill(w.caption_template, caption_words=alt(d["caption_words"])),
        speaker=lexicon.fill(w.speaker_template, speaker_titles=alt(d["speaker_titles"])),
        place_end=re.compile(f"(?:{alt(d['place_suffixes'])})$"),
        government=lexicon.fill(w.government_template, place_suffixes=alt(d["place_suffixes"])),
        national=tuple(d["national_words"]),
        county=tuple(d["county_suffixes"]),
    )



# How far into the text the opening address may come inside a paragraph (see _header).
_HEADER_CHARS = 600


def _header(text: str, spans) -> tuple[int, list[tuple[int, int]]]:
    """(index of the first paragraph after the header lines, the header's spans). The header lines (title,
    date, source, speaker) end at the opening address 各位代表 when it comes early; else there is none
    (a fragment). A narrow hard wrap can join header lines into one paragraph, and the opening address to
    them (a line that ends its page column cannot be told from a wrapped one): then the header is the
    text before the address, and the paragraph holding both counts as header."""
    vocab = _vocab()
    early = vocab.opening_inside.search(text, 0, _HEADER_CHARS)  # within the first few header-sized lines
    for i, (s, e) in enumerate(spans[:16]):
        if vocab.opening.match(text[s:e]):
            return i, list(spans[:i])
        if early and s <= early.start() < e:
            return i + 1, [*spans[:i], (s, early.start())]
        if e - s > 80 and not early:
            return 0, []
    return 0, []


def _identity(text: str, header: list[tuple[int, int]], lex) -> dict:
    lines = [text[s:e].strip() for s, e in header]
    joined = "".join(lines)
    session = None
    w = _words()
    for piece in w.session_split_re.split(joined):  # the session named after 在 (…日在河北省第十四届…)
        session = w.session_re.match(piece) if session is None else session
    session = session or w.session_re.search(joined)
    session_s = session.group(1) if session else ""
    date = ""
    dm = w.date_re.search(joined)
    if dm:
        date = f"{dm.group(1)}-{int(dm.group(2)):02d}-{int(dm.group(3)):02d}"
    else:
        cm = w.cn_date_re.search(joined)  # 二〇二六年一月二十七日
        if cm:
            y = "".join(str(numerals.DIGITS[c]) for c in cm.group(1))
            date = f"{y}-{structure.cn_small(cm.group(2)):02d}-{structure.cn_small(cm.group(3)):02d}"
    speaker = speaker_title = ""
    for ln in lines:
        sm = _vocab().speaker.search(ln)
        if sm and w.source_word not in ln:
            speaker_title, speaker = sm.group(1), sm.group(2)
            break
    title = next((ln for ln in lines if w.report_title_word in ln), "")
    place = ""
    if w.national_congress in session_s or w.state_council_re.search("\n".join(lines)):
        place = lex.national_region
    elif session_s:
        place = w.session_place_re.match(session_s).group(1)
    titled = ""
    if title:
        tm = w.title_re.match(title)
        titled = tm.group(2) if tm else ""
    known = _place(titled, lex, text) if titled else ("", "", "")
    known = known[0] if known[2] in ("provincial", "national") else ""  # a region of the lexicon
    if not place and titled:
        place = titled
        body = text[header[-1][1]:] if header else text
        named = _region_by_counts(body, lex)  # the region the text itself names (not the title line)
        if known and named and named not in (known, lex.national_region) and _place(named, lex, text)[2] == "provincial":
            place = named
    conflict = ""
    if known and place and _place(place, lex, text)[0] != known:
        conflict = (f"the title {title!r} names {known} but the text is {_place(place, lex, text)[0]}'s; "
                    "the text's region is used")
    year = int(date[:4]) if date else None
    if year is None and title:
        tm = w.title_re.match(title)
        year = int(tm.group(1)) if tm and tm.group(1) else None
    generic = place if _vocab().place_end.fullmatch(place or "-") else ""  # 在自治区第十四届…: no name
    if not place or generic:
        place = _region_by_counts(text, lex)
    region, region_en, level = _place(place, lex, text)
    if not region:  # the level alone, from how the government names itself (我代表旗人民政府)
        levels = lex.document["level_of_suffix"]
        self_named = lexicon.fill(w.self_named_template, levels=_alt(levels)).search(text[:3000])
        own = generic or (self_named.group(1) if self_named else "")
        level = levels.get(own, "")
    return {"region": region, "region_en": region_en, "level": level, "date": date, "speaker": speaker,
            "speaker_title": speaker_title, "session": session_s, "title": title, "year": year,
            "conflict": conflict}


def _place(place: str, lex, text: str) -> tuple[str, str, str]:
    """(region, region_en, level) of a place name as a report writes it."""
    regions = lex.regions
    if place in _vocab().national:
        return lex.national_region, "China (national)", "national"
    for short, en in regions.items():
        if place == short or (place.startswith(short) and _vocab().place_end.search(place)):
            return short, en, "provincial"
    if not place:
        return "", "", ""
    if place.endswith(_vocab().county) and not place.endswith(_words().not_county_suffix):
        return place, place, "county"
    return place, place, "municipal"




def _region_by_counts(text: str, lex) -> str:
    """A report without a header: the region it names most often (at least twice), the State
    Council when it speaks for the country, else a city, county or banner that names itself."""
    regions = lex.regions
    head = text[:20000]
    counts = {zh: head.count(zh) for zh in regions}
    best = max(counts, key=lambda k: (counts[k], len(k))) if counts else ""
    d = lex.document
    v = _words()
    if v.state_council_speaks in head or (v.state_council in head and v.national_congress in head
                                          and counts.get(best, 0) < 3):
        return lex.national_region
    if any(w in text for w in d["national_content_words"]) and not any(w in text for w in d["regional_content_words"]):
        return lex.national_region  # 国内生产总值 and never 地区生产总值: the country's own report
    own = [m.group(1) for m in _vocab().government.finditer(head)
           if v.address_word not in m.group(1) and not m.group(1).startswith(v.not_place_starts)
           and not _vocab().place_end.fullmatch(m.group(1))  # 自治区人民政府: a suffix alone names no place
           # …省/自治区人民政府 names a province only with its name (not 实施好自治区人民政府…)
           and not (m.group(1).endswith(v.province_suffixes) and not m.group(1).startswith(tuple(regions)))]
    if counts.get(best, 0) >= 2 and not (own and not own[0].startswith(best)):
        return best
    return own[0] if own else ""


def _content_years(text: str, spans, lex) -> tuple[int | None, int | None]:
    """(review year, plan year) from the content when no title or date line gives the year: the year
    of the first heading of the review or the plan (一、2025年和"十四五"时期工作回顾, 三、2026年主要工作),
    else 今年是"十五五"开局之年 (the plan period's first year) or …收官之年 (its last), else the year a
    review paragraph opens on (2024年是…)."""
    s_cfg = lex.sections
    d = lex.document
    plan_words = tuple(s_cfg["plan_titles"]) + tuple(d["plan_heading_words"])
    for s, e in spans:
        p = text[s:e].strip()
        if not _is_heading(p):
            continue
        years = [int(y) for y in _words().year_re.findall(p)]
        if not years:
            continue
        if any(w in p for w in s_cfg["review_titles"]):
            return years[0], years[0] + 1
        if any(w in p for w in plan_words):
            return years[-1] - 1, years[-1]
    ends = {str(k): int(v) for k, v in lex.plan_periods.items()}
    stage = lexicon.fill(_words().stage_template, this_year=_alt(s_cfg["this_year_words"]), periods=_alt(ends),
                      stage_words=_alt(d["period_start_words"] + d["period_end_words"]))
    m = stage.search(text)
    if m:
        end = ends[m.group(1)]
        year = end - 4 if m.group(2) in d["period_start_words"] else end
        return year - 1, year
    past = _time_cues()[0]
    for s, e in spans[:40]:  # the first review paragraph that opens on a year (2024年是…, 刚刚过去的2025年)
        m = past.match(_opening(text[s:e]))
        year = re.search(r"20\d\d", m.group()) if m else None
        if year:
            return int(year.group()), int(year.group()) + 1
    return None, None


# ------------------------------------------------------------------------------------ sections
_SENTENCE_PUNCT = re.compile(r"[。！？；;，,]")


def _is_heading(para: str) -> bool:
    """A heading line: short, no sentence punctuation (a numbered one may end with 。)."""
    p = para.strip()
    if not p or len(p) > 44:
        return False
    body = p[:-1] if p.endswith("。") else p
    if _words().top_heading_re.match(p):  # 二、牢记历史使命，在中国式现代化建设中奋勇争先
        return "。" not in body and "；" not in body
    return not _SENTENCE_PUNCT.search(body)


def _heading_role(title: str, lex, review_year: int | None) -> str:
    """The section a heading opens, by its cue words ('' when it says nothing)."""
    s = lex.sections
    five = any(w in title for w in s["five_year_words"])
    w = _words()
    year_named = bool(w.year_named_re.search(title))
    if any(w in title for w in s["notes_titles"]):
        return "plan" if any(w in title for w in s["annex_plan_titles"]) else "notes"
    if any(w in title for w in s["government_titles"]):
        return "government"
    is_plan = any(w in title for w in s["plan_titles"])
    if any(w in title for w in s["review_titles"]) and (w.review_word in title or not is_plan):
        past_plan = any(w in title for w in s["past_plan_words"])
        return "five_year_review" if (five or past_plan) and not year_named else "review"
    if is_plan:
        if five and not year_named:
            return "five_year_goals"
        return "plan"
    year = lexicon.load().year_word
    if review_year and (f"{review_year + 1}{year}" in title or w.this_year in title):
        return "plan"  # 二、关于2025年工作, 三、2026年主要工作
    if review_year and f"{review_year}{year}" in title:
        return "review"
    return ""


def _sections(text: str, spans, header_end: int, review_year, lex):
    """Assign every paragraph to a section (see the module docstring)."""
    s_cfg = lex.sections
    targets_re = re.compile("|".join(f"(?:{p})" for p in s_cfg["targets_patterns"]))
    five_re = re.compile(_alt(s_cfg["five_year_words"]))
    paras = [text[s:e] for s, e in spans]
    headings = {}
    for i, para in enumerate(paras):
        if i >= header_end and _is_heading(para):
            role = _heading_role(para, lex, review_year)
            numbered = _words().top_heading_re.match(para.strip())
            if not numbered and targets_re.search(para):
                continue  # "主要预期目标" on a line of its own: part of the targets sentence
            if role or numbered:
                headings[i] = [role, para.strip(), bool(numbered)]
    tops = sorted(i for i, h in headings.items() if h[2])
    for k, i in enumerate(tops):  # a numbered heading that names no part: placed by what it opens
        if not headings[i][0]:
            body = "".join(paras[i + 1:(tops[k + 1] if k + 1 < len(tops) else len(paras))][:40])
            headings[i][0] = _body_role(body, paras[i], targets_re, five_re, lex, review_year, k == 0)
            # after the plan of the year has begun (its heading or its main targets), a heading
            # without cue words opens a task chapter: the review never comes back, nor the five-year goals
            if headings[i][0] in ("review", "five_year_goals", "") and _plan_began(paras[header_end:i], headings,
                                                                                     i, targets_re, five_re):
                headings[i][0] = "plan"
    closing = _closing_index(paras, headings, header_end)
    # Before the first heading: a fragment that starts inside the review (its first heading is a
    # later plan part) is the review; otherwise the preamble.
    section, title = "preamble", ""
    first = next(iter(headings.items()), None)
    if header_end == 0 and first is not None:
        i0, (role0, t0, numbered0) = first
        n0 = structure.cn_small(_words().top_heading_re.match(t0).group(1)) if numbered0 else 0
        if n0 > 1 and role0 in ("plan", "", "government", "five_year_goals") and i0 > 0:
            section = "review"
            title = f"{review_year}{lex.year_word}{_words().review_title}" if review_year else _words().review_title
    elif not headings and header_end == 0:
        section = "review" if structure.looks_like_review(text) else "preamble"
    task_no = 0
    targets_left = 0
    for i, (s, e) in enumerate(spans):
        para = paras[i]
        if i < header_end or (_vocab().caption.search(para.strip()) and len(para) < 80):
            yield Paragraph(s, e, "header", "", i)
            continue
        if closing is not None and i >= closing:
            if i in headings and headings[i][0] in ("notes", "plan"):
                section, title = headings[i][0], headings[i][1]
            elif i == closing:
                section, title = "closing", ""
            if section not in ("plan",):
                yield Paragraph(s, e, section, title, i)
                continue
        part = part_of(section)
        if i in headings:
            role, t, numbered = headings[i]
            if not numbered and role == "plan" and section == "five_year_goals" and not _words().year_named_re.search(t):
                role = "five_year_goals"  # 主要目标 under the five-year goals
            if not role:
                role = "plan" if part == "plan" else ("review" if part == "review" else section)
                if section.startswith("task-") or section == "targets":
                    role = "plan"
            section, title = role, t
            targets_left = 0
            yield Paragraph(s, e, section, title, i)
            continue
        if part == "plan" and section != "five_year_goals" and _words().sub_heading_re.match(para):
            task_no += 1
            section = f"task-{task_no:02d}"
            end = structure.SENT_END.search(para)
            title = para[: end.start()] if end and end.start() < 80 else para[:60]
            targets_left = 0
        elif section in ("review", "five_year_review") and not _words().sub_heading_re.match(para) \
                and structure.opens_problems(para[:48], lex):
            section, title = "problems", _words().problems_title
        elif section in ("review", "five_year_review"):
            # what the paragraph says about time: the past year, or the past plan period
            section = {"year": "review", "five": "five_year_review"}.get(_time_scope(para, review_year), section)
        # the main targets: a paragraph with the cue (also when the cue runs over short lines)
        window, k = para, i + 1
        while len(window) < 40 and k < len(spans) and not structure.SENT_END.search(window):
            window += paras[k]
            k += 1
        cue = targets_re.search(window)
        plan_period = section in ("plan", "targets", "five_year_goals") and not _words().sub_heading_re.match(para) \
            and _plan_period(window, review_year)
        if section == "five_year_goals" and not plan_period and _time_scope(para, review_year) == "five":
            yield Paragraph(s, e, "five_year_review", title, i)  # 过去五年… under a heading of both plans
            continue
        five_cue = cue is not None and (_five_year_cue(window, cue, five_re) or plan_period
                                        or (section == "five_year_goals" and _names_no_year(window, review_year)))
        if cue and not five_cue and part in ("plan", "other"):
            targets_left = k - i  # this paragraph and the short lines the cue ran over
            if k == i + 1 and not structure.SENT_END.search(window[cue.end():]):
                targets_left += 1  # "主要预期目标是：" at a paragraph's end: the list is the next one
        if targets_left > 0:
            targets_left -= 1
            yield Paragraph(s, e, "targets", _words().targets_title, i)
            continue
        if (cue and five_cue and part in ("plan", "other")) or (plan_period and section == "plan"):
            yield Paragraph(s, e, "five_year_goals", title if section == "five_year_goals" else _words().five_year_title, i)
            continue
        yield Paragraph(s, e, section, title, i)


@lru_cache(maxsize=1)
def _time_cues() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """The time cues of lexicon.yaml `sections`: past-year, five-year and plan-period openers, this year."""
    s = lexicon.load().sections

    def any_of(patterns):
        return re.compile("|".join(f"(?:{p})" for p in patterns))

    return (any_of(s["past_year_openers"]), any_of(s["five_year_openers"]), any_of(s["plan_period_openers"]),
            re.compile(_alt(s["this_year_words"])))


_DASH = re.compile(r"^[—－-]+")
_OPENING_CLAUSE = re.compile(r"[^，,。；;：:！!？?]*")


def _opening(para: str) -> str:
    """The first clause of a paragraph, after an address (各位代表！) or a leading dash."""
    p = para.strip()
    while (m := _vocab().address.match(p) or _DASH.match(p)) is not None:
        p = p[m.end():].lstrip()
    return _OPENING_CLAUSE.match(p).group()


def _time_scope(para: str, review_year: int | None) -> str:
    """'year' when a paragraph opens on the past year, 'five' when it opens on the past plan period,
    else '' (the earlier cue wins when the opening names both)."""
    past, five, _, _ = _time_cues()
    head = _opening(para)
    hits = []
    for m in past.finditer(head):
        year = re.search(r"20\d\d", m.group())
        if year is None or (review_year and int(year.group()) == review_year):
            hits.append((m.start(), "year"))
            break
    f = five.search(head)
    if f:
        hits.append((f.start(), "five"))
    return min(hits)[1] if hits else ""


def _plan_period(para: str, review_year: int | None) -> bool:
    """A plan paragraph about the new plan period (its outline, its goals) that names neither this
    year nor the report's year."""
    _, _, period, this_year = _time_cues()
    if not period.search(_opening(para)) or this_year.search(para):
        return False
    return not (review_year and f"{review_year + 1}{lexicon.load().year_word}" in para)


def _names_no_year(para: str, review_year: int | None) -> bool:
    """Does a paragraph name neither this year (今年, 明年) nor the report's year? (A targets cue under a
    five-year heading, 《建议》明确的主要目标, is then about the plan period.)"""
    _, _, _, this_year = _time_cues()
    return not this_year.search(para) and not (review_year and f"{review_year + 1}{lexicon.load().year_word}" in para)


def _plan_began(before: list[str], headings: dict, i: int, targets_re, five_re) -> bool:
    """Has the plan of the report's year begun before paragraph i: a plan heading that names a year
    (三、2026年重点工作, …和2026年工作安排) or the main targets of the year?"""
    if any(j < i and role == "plan" and _words().year_named_re.search(t) for j, (role, t, _) in headings.items()):
        return True
    for para in before:
        cue = targets_re.search(para)
        if cue and not _five_year_cue(para, cue, five_re):
            return True
    return False


def _body_role(body: str, heading: str, targets_re, five_re, lex, review_year, first: bool) -> str:
    """The role of a numbered heading without cue words (一、牢记殷殷嘱托…), from what follows it."""
    s_cfg = lex.sections
    cue = targets_re.search(body)
    if cue and not _five_year_cue(body, cue, five_re):
        return "plan"
    if any(w in heading + body[:300] for w in s_cfg["government_cues"]):
        return "government"
    if len(five_re.findall(body)) >= 2 and not any(w in body[:200] for w in s_cfg["review_cues"]):
        return "five_year_goals"
    if first or any(w in body[:200] for w in s_cfg["review_cues"]) \
            or (review_year and f"{review_year}{lexicon.load().year_word}" in body[:120]):
        return "review"
    return ""


def _five_year_cue(text: str, cue, five_re) -> bool:
    """Does a targets cue introduce five-year goals ("十五五"时期…的主要目标是)? Only the words of its
    own clause count (not "今年是"十五五"开局之年。主要预期目标是")."""
    before = text[max(0, cue.start() - 40):cue.start()]
    clause = re.split(r"[。；;！!，,]", before)[-1]
    w = _words()
    return bool(five_re.search(clause)) and w.this_year not in clause and not w.year_number_re.search(clause)


def _closing_index(paras: list[str], headings: dict, header_end: int) -> int | None:
    """The closing address: the last 各位代表 paragraph in the second half after which no heading
    but a note or an annex follows."""
    last_struct = max((i for i, h in headings.items() if h[0] not in ("notes",) and not (h[0] == "plan" and any(
        w in h[1] for w in _words().livelihood_annex_words))), default=-1)
    last_task = max((i for i, p in enumerate(paras) if _words().sub_heading_re.match(p)), default=-1)
    start = max(last_struct, last_task, len(paras) // 2, header_end)
    for i in range(start + 1, len(paras)):
        if _vocab().address.match(paras[i]):
            return i
    return None


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))




def _excerpt_notes(raw: str, text: str, paras) -> list[str]:
    """Why the text may be an excerpt: page markers, a start inside the review, fewer task
    sections than it announces."""
    notes = []
    markers = _words().page_marker_re.findall(raw)
    if markers:
        notes.append(f"page markers of a newspaper or PDF layout ({'、'.join(dict.fromkeys(markers))}) were removed")
    if paras and paras[0].section == "review" and paras[0].section_title \
            and not _words().top_heading_re.match(text[paras[0].start:paras[0].end]):
        notes.append("the text starts inside the review of the past year, without its heading: results stated before "
                     "the excerpt (often GDP and the other headline figures) are not in it")
    task_count = len({p.section for p in paras if p.section.startswith("task-")})
    announced = _words().announced_sections_re.search(text)
    if announced and task_count:
        g = announced.group(1)
        n = int(g) if g.isdigit() else structure.cn_small(g)
        if task_count < n:
            notes.append(f"the plan announces {n} task sections but the text ends in section {task_count}: "
                         f"the rest of the plan is not in it")
    return notes
