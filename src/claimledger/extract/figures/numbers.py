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
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from claimledger.extract.figures._words import WORDS
from claimledger.extract.lexicon import ints

UNITS = WORDS.table("units", int)
TENS = WORDS.table("tens", int)
SCALES = WORDS.table("scales", int)

# word -> (low, high, point)
VAGUE = WORDS.table("vague", ints)
# "tens of thousands", "hundreds of thousands": the plural word times the scale
VAGUE_MULTIPLIERS = WORDS.table("vague_multipliers", int)

FRACTIONS = WORDS.table("fractions", float)

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_DIGIT_RANGE = re.compile(r"^(\d{1,3}(?:,\d{3})*|\d+)[-\u2013](\d{1,3}(?:,\d{3})*|\d+)$")
_PLUS = re.compile(r"^(\d{1,3}(?:,\d{3})*|\d+)\+$")

# qualifier phrases (lower-cased token sequences) that end right before the number
QUALIFIERS: Mapping[tuple[str, ...], str] = MappingProxyType(
    {tuple(phrase.split()): kind for phrase, kind in WORDS.table("qualifiers", str).items()})
QUALIFIER_MAX_LEN = max(len(k) for k in QUALIFIERS)
QUALIFIER_WORDS = {w for k in QUALIFIERS for w in k}
# "nearly"/"almost"/"close to": just below the number; "fewer than": anything below it
_APPROACHING = WORDS.words("approaching")


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
    total: float = 0
    current, seen = 0.0, False
    for raw in words:
        w = raw.lower()
        if w in ("-", "and", "\u2013"):
            continue
        if w in ("a", "an"):
            current = current or 1
            continue
        num: float | None = parse_digits(w)
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
