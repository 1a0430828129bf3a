"""Parsing numbers as Chinese reports write them: Arabic (with separators) and Chinese numerals."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
CN_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
HEADING_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def heading_number(s: str) -> int:
    """一..九十九 as int (heading numbers; 0 when it is none)."""
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + HEADING_DIGITS.get(s[1:], 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return HEADING_DIGITS.get(a, 0) * 10 + HEADING_DIGITS.get(b, 0)
    return HEADING_DIGITS.get(s, 0)


def parse_arabic(s: str) -> float:
    """'1,234.5' -> 1234.5 (full-width digits are already ASCII in the readable text)."""
    return float(s.replace(",", "").replace("．", ".").replace("·", "."))


def _parse_section(s: str) -> int | None:
    """A Chinese numeral below 万: 一千二百三十四, 十四, 两百, 百, 千零五."""
    if not s:
        return 0
    total, digit, last_unit = 0, None, 10**9
    for ch in s:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0 and digit != 0:
                return None  # two digits in a row: 一二 is not a number here
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_unit:
                return None  # units must decrease: 百千 is not a number
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit:
        total += digit
    return total


def parse_chinese(s: str) -> int | None:
    """Value of a Chinese numeral (一千二百 -> 1200, 百亿 -> 10**10, 万亿 -> 10**12); None if malformed.

    Malformed means not a well-ordered numeral: 亿万, 万千, 三五 (a range idiom) and the like.
    """
    if not s or any(ch not in CN_CHARS for ch in s):
        return None
    if s == "万亿":
        return 10**12
    total = 0
    rest = s
    for big, factor in (("亿", 10**8), ("万", 10**4)):
        if big in rest:
            head, _, rest = rest.partition(big)
            if big in rest:
                return None
            if head == "":
                if rest or total:
                    return None  # 万千, 亿万: idioms, not numbers
                value = 1
            else:
                value = _parse_section(head)
                if value is None or value == 0:
                    return None
            total += value * factor
    tail = _parse_section(rest)
    if tail is None:
        return None
    return total + tail
