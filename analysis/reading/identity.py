"""The identity of a report read from its own text: the header lines, region, level, year, date, speaker
and session; the years from the content when the text does not state them."""

from __future__ import annotations

import re

from ..language import lexicon, numerals
from ..project import thresholds as T
from . import structure
from .sections import is_heading, opening_of, time_cues
from .vocabulary import alt, reading_vocab, reading_words


def find_header(text: str, spans) -> tuple[int, list[tuple[int, int]]]:
    """(index of the first paragraph after the header lines, the header's spans). The header lines (title,
    date, source, speaker) end at the opening address 各位代表 when it comes early; else there is none
    (a fragment). A narrow hard wrap can join header lines into one paragraph, and the opening address to
    them (a line that ends its page column cannot be told from a wrapped one): then the header is the
    text before the address, and the paragraph holding both counts as header."""
    vocab = reading_vocab()
    early = vocab.opening_inside.search(text, 0, T.HEADER_CHARS)  # within the first few header-sized lines
    for i, (s, e) in enumerate(spans[:T.OPENING_PARAS]):
        if vocab.opening.match(text[s:e]):
            return i, list(spans[:i])
        if early and s <= early.start() < e:
            return i + 1, [*spans[:i], (s, early.start())]
        if e - s > T.HEADER_LINE_MAX_CHARS and not early:
            return 0, []
    return 0, []


def read_identity(text: str, header: list[tuple[int, int]], lex) -> dict:
    """Region, level, date, speaker, session, title and year from the header lines (and the text)."""
    lines = [text[s:e].strip() for s, e in header]
    joined = "".join(lines)
    w = reading_words()
    session_s, date = _session_and_date(joined)
    speaker_title, speaker = _speaker(lines)
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
    generic = place if reading_vocab().place_end.fullmatch(place or "-") else ""  # 在自治区第十四届…: no name
    if not place or generic:
        place = _region_by_counts(text, lex)
    region, region_en, level = _place(place, lex, text)
    if not region:  # the level alone, from how the government names itself (我代表旗人民政府)
        levels = lex.document["level_of_suffix"]
        self_named = lexicon.fill(w.self_named_template, levels=alt(levels)).search(text[:3000])
        own = generic or (self_named.group(1) if self_named else "")
        level = levels.get(own, "")
    return {"region": region, "region_en": region_en, "level": level, "date": date, "speaker": speaker,
            "speaker_title": speaker_title, "session": session_s, "title": title, "year": year,
            "conflict": conflict}


def _session_and_date(joined: str) -> tuple[str, str]:
    """The session (河北省第十四届人民代表大会第三次会议) and the ISO date the header lines name."""
    session = None
    w = reading_words()
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
    return session_s, date


def _speaker(lines: list[str]) -> tuple[str, str]:
    """(title, name) of the speaker from the first header line that names one (not a source line)."""
    w = reading_words()
    for ln in lines:
        sm = reading_vocab().speaker.search(ln)
        if sm and w.source_word not in ln:
            return sm.group(1), sm.group(2)
    return "", ""


def _place(place: str, lex, text: str) -> tuple[str, str, str]:
    """(region, region_en, level) of a place name as a report writes it."""
    regions = lex.regions
    if place in reading_vocab().national:
        return lex.national_region, "China (national)", "national"
    for short, en in regions.items():
        if place == short or (place.startswith(short) and reading_vocab().place_end.search(place)):
            return short, en, "provincial"
    if not place:
        return "", "", ""
    if place.endswith(reading_vocab().county) and not place.endswith(reading_words().not_county_suffix):
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
    v = reading_words()
    if v.state_council_speaks in head or (v.state_council in head and v.national_congress in head
                                          and counts.get(best, 0) < 3):
        return lex.national_region
    if any(w in text for w in d["national_content_words"]) and not any(w in text for w in d["regional_content_words"]):
        return lex.national_region  # 国内生产总值 and never 地区生产总值: the country's own report
    own = [m.group(1) for m in reading_vocab().government.finditer(head)
           if v.address_word not in m.group(1) and not m.group(1).startswith(v.not_place_starts)
           and not reading_vocab().place_end.fullmatch(m.group(1))  # 自治区人民政府: a suffix alone names no place
           # …省/自治区人民政府 names a province only with its name (not 实施好自治区人民政府…)
           and not (m.group(1).endswith(v.province_suffixes) and not m.group(1).startswith(tuple(regions)))]
    if counts.get(best, 0) >= 2 and not (own and not own[0].startswith(best)):
        return best
    return own[0] if own else ""


def content_years(text: str, spans, lex) -> tuple[int | None, int | None]:
    """(review year, plan year) from the content when no title or date line gives the year: the year
    of the first heading of the review or the plan (一、2025年和"十四五"时期工作回顾, 三、2026年主要工作),
    else 今年是"十五五"开局之年 (the plan period's first year) or …收官之年 (its last), else the year a
    review paragraph opens on (2024年是…)."""
    s_cfg = lex.sections
    d = lex.document
    plan_words = tuple(s_cfg["plan_titles"]) + tuple(d["plan_heading_words"])
    for s, e in spans:
        p = text[s:e].strip()
        if not is_heading(p):
            continue
        years = [int(y) for y in reading_words().year_re.findall(p)]
        if not years:
            continue
        if any(w in p for w in s_cfg["review_titles"]):
            return years[0], years[0] + 1
        if any(w in p for w in plan_words):
            return years[-1] - 1, years[-1]
    ends = {str(k): int(v) for k, v in lex.plan_periods.items()}
    stage = lexicon.fill(reading_words().stage_template, this_year=alt(s_cfg["this_year_words"]), periods=alt(ends),
                      stage_words=alt(d["period_start_words"] + d["period_end_words"]))
    m = stage.search(text)
    if m:
        end = ends[m.group(1)]
        year = end - 4 if m.group(2) in d["period_start_words"] else end
        return year - 1, year
    past = time_cues()[0]
    for s, e in spans[:T.REVIEW_YEAR_PARAS]:  # the first review paragraph that opens on a year (2024年是…, 刚刚过去的2025年)
        m = past.match(opening_of(text[s:e]))
        year = re.search(r"20\d\d", m.group()) if m else None
        if year:
            return int(year.group()), int(year.group()) + 1
    return None, None
