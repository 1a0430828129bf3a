"""The numeric thresholds of reading, extraction and the site, named, each with what it means.

The one place for them (tests/test_architecture.py fails on a new bare float literal in those layers).
Character counts are of the readable text (Python str indices), not bytes. The drawing dimensions of
the charts (inches, points) stay with the charts (analysis/site/charts.py, corpus_charts.py, style.py).
"""

from __future__ import annotations

# ---------------------------------------------------------------- reading: decoding (analysis.reading.decoding)
UTF16_TEXT_SHARE = 0.9        # a UTF-16 byte order is taken when this share of its first characters reads as text
UTF16_SAMPLE_CHARS = 20000    # ... of that many first characters
UTF8_MIN_CHARS = 20           # a text at least this long with few bad sequences is corrupt UTF-8, not GB18030 ...
UTF8_CHARS_PER_BAD = 200      # ... at most one bad sequence per this many characters

# ---------------------------------------------------------------- reading: the PDF layout (analysis.reading.layout)
WRAP_SAMPLE_LINES = 2000      # lines looked at to tell whether a text is hard-wrapped at a fixed width
WRAP_MIN_LINES = 5            # fewer non-empty lines: not wrapped
WRAP_BAND = (0.85, 1.15)      # a line within this share of the typical width counts as full-width ...
WRAP_FULL_SHARE = 0.5         # ... and the text is wrapped when at least this share of its lines are
WRAP_MIN_WIDTH = 6            # nor when the typical line is shorter than this (a list of short lines)
FULL_LINE_SHARE = 0.8         # a line this share of the width (or longer) runs on into the next; shorter ends it
TITLE_LINE_SHARE = 0.6        # a line at most this share of the width, with no comma or stop: a heading or title

# ---------------------------------------------------------------- reading: sections and identity
PROBLEMS_CUE_CHARS = 80       # the problems section's cue words are looked for in a paragraph's first characters
NUMBER_RUN_LOOKBACK = 64      # an over-long sentence is cut back at most this far so that no number is split
HEADING_MAX_CHARS = 44        # a heading line is at most this long
ROLE_BODY_PARAS = 40          # paragraphs under a numbered heading read to tell what part it opens
CAPTION_MAX_CHARS = 80        # a photo caption is shorter than this
TASK_TITLE_MAX_CHARS = 80     # a task section's title: its heading's first sentence when shorter than this ...
TASK_TITLE_CHARS = 60         # ... else its first characters
TARGETS_WINDOW_CHARS = 40     # a targets cue is read with the following paragraphs until this long
FIVE_YEAR_CUE_CHARS = 40      # characters before a targets cue where a five-year period (十五五) is looked for
HEADER_CHARS = 600            # the header (title, date, speaker lines) lies within the first characters
OPENING_PARAS = 16            # the address (各位代表) is looked for in the first paragraphs
HEADER_LINE_MAX_CHARS = 80    # a longer paragraph before the address ends the header search (no header)
REVIEW_YEAR_PARAS = 40        # the review year is read from the first paragraphs that open on a year

# ---------------------------------------------------------------- extraction: numbers and names
NUMERAL_RUN_MAX = 24          # a run of Chinese numeral characters longer than this is no number
SIGN_WINDOW_CHARS = 80        # how far before a number its sign and commitment words are looked for (its clause)
NAME_JOIN_MAX_CHARS = 16      # a metric name joined from its left and right parts at most this long, else the left
NAME_MAX_CHARS = 18           # a longer metric name is cut to its last list item or its tail from a word boundary
SHARE_NAME_MAX_CHARS = 26     # ... except a share naming what and of what (相当于…的比例), up to this long
PAIR_NAME_MAX_CHARS = 24      # ... and a pair counted by one number (示范区和基地57个), up to this long
LIST_NAME_MAX_CHARS = 36      # ... and a list whose one number holds for every item (甲率、乙率、丙率均达到60%)
NOUN_MAX_CHARS = 20           # the counted noun after a unit is at most this long
OWNER_LOOKBACK_CHARS = 40     # a milestone's owner (…的) is looked for this far before its clause
PREVIOUS_NAME_CHARS = 12      # a name carried from the clause before keeps its last characters
MULTI_YEAR_WINDOW_CHARS = 40  # a multi-year cue (年均, 累计) counts within the characters before a number
MULTI_YEAR_CUE_CLAUSE_CHARS = 2  # ...from an earlier clause only when at most this many characters follow it there (五年来，)
ENGLISH_COVER = 0.7           # an English name is given when its known words cover this share of the Chinese characters

# ---------------------------------------------------------------- extraction: sectors (analysis.extraction.sector_context)
SECTOR_DECAY = (1.0, 0.5, 0.2, 0.1)  # weight of a keyword hit by clause distance 0, 1, 2, 3+
SECTOR_SECONDARY = 1.0        # nearby clauses adding up to more than this make a secondary sector
SECTOR_CARRY_CLAUSES = 12     # earlier clauses of the segment searched for the subject's sector
SECTOR_NEAR_CLAUSES = 8       # clauses either side whose hits count, with decaying weight
SECTOR_EXAMPLES = 0.5         # weight of a hit in a mention's examples (如…) among the nearby evidence
SECTOR_METRIC = 4.0           # weight of the metric name's hits in the primary sector's score
SECTOR_OWN = 2.0              # ... of the mention's own clause
SECTOR_CARRY = 2.0            # ... of the earlier clause carrying the subject
SECTOR_SUBJECT = 2.0          # ... of the sentence's subject clause
SECTOR_NEAR = 1.0             # ... of the nearby clauses (already decayed)
SECTOR_BACKGROUND = 0.25      # ... of the paragraph's topic sentence and section title

# ---------------------------------------------------------------- site
PAIR_NAME_OVERLAP = 0.7       # two metric names are the same thing when they share this share of their characters ...
PAIR_NAME_MIN_COMMON = 2      # ... and at least this many
FLOAT_TOLERANCE = 1e-9        # a change smaller than this is no change
