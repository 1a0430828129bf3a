"""The words and patterns the document model reads with: lexicon.yaml `reading` and `document`, compiled."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..language import lexicon


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


def reading_words():
    """The words and patterns of lexicon.yaml `reading`, compiled by the lexicon."""
    return lexicon.load().reading


@lru_cache(maxsize=1)
def reading_vocab() -> Vocabulary:
    d = lexicon.load().document
    w = reading_words()

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


def alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
