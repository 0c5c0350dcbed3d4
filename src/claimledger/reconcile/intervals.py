"""Interval arithmetic and subject normalisation shared by article and ledger reconciliation."""

from __future__ import annotations

import re
from datetime import date

SAME_TIME_DAYS = 1  # two figures this close in time describe the same moment

_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")
_DROP = {
    "the", "a", "an", "of", "its", "their", "his", "her", "some", "more", "other", "additional",
    "about", "over", "at", "least", "nearly", "almost", "roughly", "around", "approximately",
    "than", "up", "to", "those", "these", "who", "were", "was", "and", "estimated", "total",
}
_SYNONYMS = {
    "soldier": "troops", "soldiers": "troops", "troop": "troops", "forces": "troops", "force": "troops",
    "servicemen": "troops", "personnel": "troops", "fighters": "troops", "fighter": "troops",
    "militants": "militants", "militant": "militants",
    "persons": "people", "person": "people", "individuals": "people", "residents": "people",
    "civilian": "civilians", "others": "people", "victims": "people", "victim": "people",
}


def subject_key(subject: str | None) -> str:
    """'the 1,100 North Korean soldiers' -> 'north korean troops': what two mentions share."""
    if not subject:
        return ""
    words = [w for w in _WORD.findall(subject.lower()) if w not in _DROP]
    return " ".join(_SYNONYMS.get(w, w) for w in words)


def subjects_match(a: str | None, b: str | None) -> bool:
    """Equal keys, or one key's words all contained in the other's ('troops' vs 'korean troops')."""
    ka, kb = subject_key(a), subject_key(b)
    if not ka or not kb:
        return ka == kb
    wa, wb = set(ka.split()), set(kb.split())
    return ka == kb or (wa <= wb or wb <= wa) and bool(wa & wb)


def disjoint(a_low: int | None, a_high: int | None, b_low: int | None, b_high: int | None) -> bool:
    """True when the intervals [low, high] (None = unbounded) share no value."""
    if a_high is not None and b_low is not None and a_high < b_low:
        return True
    return b_high is not None and a_low is not None and b_high < a_low


def describe(low: int | None, high: int | None) -> str:
    """A person's reading of an interval: 'exactly 1,100', 'at least 3,001', '10 to 15'."""
    if low is not None and high is not None:
        return f"exactly {low:,}" if low == high else f"{low:,} to {high:,}"
    if low is not None:
        return f"at least {low:,}"
    if high is not None:
        return f"at most {high:,}"
    return "an unknown number"


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two dates 'YYYY-MM-DD' or '--MM-DD' (a missing year is taken from the other
    date, else a leap year); None when either is unknown or unreadable."""
    if not a or not b:
        return None
    year = next((d[:4] for d in (a, b) if not d.startswith("--")), "2000")
    try:
        da, db = (date.fromisoformat(year + d[1:] if d.startswith("--") else d) for d in (a, b))
    except ValueError:
        return None
    return abs((da - db).days)


COMPARED = frozenset({"killed", "injured", "casualties", "deployed", "captured", "missing",
                      "displaced", "arrested"})  # measures whose figures can disagree ("other" cannot)


def source_key(who: str | None) -> str | None:
    """'The Police' and 'police' are one source: lower-case, without a leading 'the'."""
    if not who:
        return None
    key = " ".join(who.lower().split())
    return key.removeprefix("the ").strip() or None


def mid_sentence(who: str) -> str:
    """A source as it reads mid-sentence: 'the Tanzania Red Cross Society', 'Police in Mwanza'."""
    return "the " + who[4:] if who.startswith("The ") else who
