"""Numbers written as digits or words, vague quantities and the qualifiers in front of them.

Pure string functions (no spaCy): the figure finder hands them token texts.

Vague quantities become intervals with a conservative ``point`` (the smallest value the word
can honestly mean), the way a careful event coder reads them:

    a couple -> 2 (2..2)      a few -> 2 (2..5)         several / a handful -> 3 (3..9)
    dozens -> 24 (24..99)     scores -> 40 (40..99)     hundreds -> 200 (200..999)
    thousands -> 2,000 (2,000..9,999)   tens of thousands -> 20,000 (20,000..99,999)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
          "dozen": 12}

# word -> (low, high, point)
VAGUE = {
    "couple": (2, 2, 2),
    "few": (2, 5, 2),
    "several": (3, 9, 3),
    "handful": (3, 9, 3),
    "dozens": (24, 99, 24),
    "scores": (40, 99, 40),
    "hundreds": (200, 999, 200),
    "thousands": (2000, 9999, 2000),
    "millions": (2_000_000, 9_999_999, 2_000_000),
}
# "tens of thousands", "hundreds of thousands": the plural word times the scale
VAGUE_MULTIPLIERS = {"tens": 10, "hundreds": 100, "dozens": 12}

FRACTIONS = {
    "half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25,
    "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1,
}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_DIGIT_RANGE = re.compile(r"^(\d{1,3}(?:,\d{3})*|\d+)[-\u2013](\d{1,3}(?:,\d{3})*|\d+)$")
_PLUS = re.compile(r"^(\d{1,3}(?:,\d{3})*|\d+)\+$")

# qualifier phrases (lower-cased token sequences) that end right before the number
QUALIFIERS: dict[tuple[str, ...], str] = {}
for _phrase, _kind in [
    ("over", "over"), ("more than", "over"), ("upwards of", "over"), ("in excess of", "over"),
    ("above", "over"), ("well over", "over"), ("just over", "over"), ("greater than", "over"),
    ("at least", "at_least"), ("no fewer than", "at_least"), ("no less than", "at_least"),
    ("not less than", "at_least"), ("a minimum of", "at_least"), ("not fewer than", "at_least"),
    ("about", "about"), ("around", "about"), ("approximately", "about"), ("roughly", "about"),
    ("some", "about"), ("an estimated", "about"), ("estimated", "about"), ("approx.", "about"),
    ("circa", "about"), ("nearly", "under"), ("almost", "under"), ("close to", "under"),
    ("just under", "under"), ("fewer than", "under"), ("less than", "under"),
    ("under", "under"), ("just shy of", "under"),
    ("up to", "up_to"), ("as many as", "up_to"), ("at most", "up_to"),
    ("no more than", "up_to"), ("as high as", "up_to"), ("a maximum of", "up_to"), ("not more than", "up_to"),
]:
    QUALIFIERS[tuple(_phrase.split())] = _kind
QUALIFIER_MAX_LEN = max(len(k) for k in QUALIFIERS)
QUALIFIER_WORDS = {w for k in QUALIFIERS for w in k}
# "nearly"/"almost"/"close to": just below the number; "fewer than": anything below it
_APPROACHING = {"nearly", "almost", "close", "just", "shy"}


def parse_digits(text: str) -> int | None:
    """'3,000' -> 3000, '12' -> 12; anything else -> None."""
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    return None


def parse_decimal(text: str) -> float | None:
    return float(text) if _DECIMAL.match(text) else None


def parse_digit_range(text: str) -> tuple[int, int] | None:
    """'10-15' -> (10, 15) when it reads as a range (not a phone number or a score)."""
    m = _DIGIT_RANGE.match(text)
    if not m:
        return None
    if len(m.group(1)) == 3 and len(m.group(2)) == 4:
        return None  # a phone number's tail: 555-1234
    a, b = int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))
    return (a, b) if plausible_range(a, b) else None


def parse_plus(text: str) -> int | None:
    """'20+' -> 20."""
    m = _PLUS.match(text)
    return int(m.group(1).replace(",", "")) if m else None


def plausible_range(a: float, b: float) -> bool:
    return 0 <= a < b <= max(10 * a, a + 20)


def words_to_number(words: list[str]) -> int | None:
    """['twenty', 'five'] -> 25, ['a', 'dozen'] -> 12, ['1.2', 'million'] -> 1200000.

    Accepts digits mixed with scale words and the fillers 'a', 'an', 'and', '-'.
    """
    total, current, seen = 0, 0.0, False
    for raw in words:
        w = raw.lower()
        if w in ("-", "and", "\u2013"):
            continue
        if w in ("a", "an"):
            current = current or 1
            continue
        num = parse_digits(w)
        if num is None:
            dec = parse_decimal(w)
            num = dec if dec is not None else None
        if num is not None:
            current += num
            seen = True
        elif w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif w in SCALES:
            scale = SCALES[w]
            current = (current or 1) * scale
            seen = True
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
    if not seen:
        return None
    value = total + current
    return int(round(value)) if abs(value - round(value)) < 1e-6 else None


@dataclass(frozen=True)
class Interval:
    low: int | None
    high: int | None
    qualifier: str
    point: int | None


def qualify(value: int, kind: str, words: tuple[str, ...] = ()) -> Interval:
    """The interval a qualifier asserts around ``value``; ``point`` is the stated number."""
    if kind == "over":
        return Interval(value + 1, None, "over", value)
    if kind == "at_least":
        return Interval(value, None, "at_least", value)
    if kind == "about":
        margin = max(1, int(round(value * 0.1)))
        return Interval(max(0, value - margin), value + margin, "about", value)
    if kind == "under":
        if _APPROACHING & set(words):
            return Interval(max(0, int(math.floor(value * 0.9))), max(0, value - 1), "under", value)
        return Interval(None, max(0, value - 1), "under", value)
    if kind == "up_to":
        return Interval(None, value, "up_to", value)
    return Interval(value, value, "exact", value)


def match_qualifier(words_before: list[str]) -> tuple[str, int] | None:
    """Longest qualifier phrase ending the lower-cased ``words_before``: (kind, n_words)."""
    for n in range(min(QUALIFIER_MAX_LEN, len(words_before)), 0, -1):
        kind = QUALIFIERS.get(tuple(words_before[-n:]))
        if kind:
            return kind, n
    return None
