"""Dates stated in a sentence ("on December 23", "Tuesday", "yesterday"), resolved to
YYYY-MM-DD against the publication date, or --MM-DD when the year is unknown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from claimledger.extract.figures._words import WORDS

MONTHS = WORDS.table("months", int)
WEEKDAYS = WORDS.table("weekdays", int)
RELATIVE = WORDS.table("relative", int)

_MONTH = r"(?P<{g}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" \
         r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<{g}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<{g}>(?:19|20)\d\d))?"
_MONTH_DAY = re.compile(
    r"\b" + _MONTH.format(g="m1") + r"\s+" + _DAY.format(g="d1") + r"\b" + _YEAR.format(g="y1"))
_DAY_MONTH = re.compile(
    r"\b" + _DAY.format(g="d2") + r"\s+(?:of\s+)?" + _MONTH.format(g="m2") + r"\b"
    + _YEAR.format(g="y2"))
_WEEKDAY = re.compile(r"\b(?P<w>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_RELATIVE = re.compile(r"\b(?P<r>[Tt]oday|[Tt]onight|[Yy]esterday|[Ll]ast night|"
                       r"[Tt]his (?:morning|afternoon|evening))\b")


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets into the text searched (plus the caller's base)
    end: int
    value: str | None  # YYYY-MM-DD, --MM-DD or None when it cannot be resolved


def _month_day(month: int, day: int, year: int | None, published: date | None) -> str | None:
    if year is None and published is not None:
        year = published.year
        try:
            if date(year, month, day) > published + timedelta(days=2):
                year -= 1
        except ValueError:
            return None
    if year is None:
        return f"--{month:02d}-{day:02d}" if day <= 31 else None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _weekday(day: int, published: date | None) -> str | None:
    if published is None:
        return None
    back = (published.weekday() - day) % 7
    return (published - timedelta(days=back)).isoformat()


def find_dates(text: str, published: date | None, base: int = 0) -> list[DateMention]:
    """Every date expression in ``text`` with its resolved value; offsets shifted by ``base``."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for rx, mg, dg, yg in ((_MONTH_DAY, "m1", "d1", "y1"), (_DAY_MONTH, "m2", "d2", "y2")):
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            month = MONTHS[_month_key(m.group(mg))]
            year = int(m.group(yg)) if m.group(yg) else None
            value = _month_day(month, int(m.group(dg)), year, published)
            taken.append((m.start(), m.end()))
            found.append(DateMention(base + m.start(), base + m.end(), value))
    for m in _WEEKDAY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = _weekday(WEEKDAYS[m.group(0).lower()], published)
        found.append(DateMention(base + m.start(), base + m.end(), value))
    for m in _RELATIVE.finditer(text):
        back = RELATIVE[m.group("r").lower()]
        value = (published - timedelta(days=back)).isoformat() if published else None
        found.append(DateMention(base + m.start(), base + m.end(), value))
    found.sort(key=lambda d: d.start)
    return found


def _month_key(word: str) -> str:
    w = word.lower().rstrip(".")
    return w if w in MONTHS else w[:3]
