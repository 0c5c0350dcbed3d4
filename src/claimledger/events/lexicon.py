"""The events stage's word lists, read from the data files beside this module (each row says
where it came from). Built once per run and passed down; nothing here is global state."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

DATA = Path(__file__).with_name("data")


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True)
class Lexicon:
    """Kind words (kinds.csv), common words (common_words.csv) and phrasing patterns
    (patterns.csv: other happenings, page furniture)."""

    data: Path = DATA

    @cached_property
    def _kinds(self) -> tuple[re.Pattern[str], dict[str, tuple[str, float]]]:
        table = {r["word"].lower(): (r["kind"], float(r["weight"])) for r in _rows("kinds.csv")}
        words = sorted(table, key=len, reverse=True)
        rx = re.compile(r"\b(" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words) + r")\b", re.I)
        return rx, table

    @cached_property
    def _common(self) -> frozenset[str]:
        return frozenset(r["word"] for r in _rows("common_words.csv"))

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        by_name: dict[str, list[str]] = {}
        for r in _rows("patterns.csv"):
            by_name.setdefault(r["name"], []).append(r["pattern"])
        return {k: re.compile("|".join(f"(?:{p})" for p in v), re.I | re.M) for k, v in by_name.items()}

    def find_kinds(self, text: str) -> Iterator[tuple[str, float, tuple[int, int]]]:
        """(kind, weight, (start, end)) of every kind word in ``text``."""
        rx, table = self._kinds
        for m in rx.finditer(text):
            key = re.sub(r"[\s-]+", " ", m.group(1).lower())
            if key in table:
                kind, weight = table[key]
                yield kind, weight, (m.start(1), m.end(1))

    def common(self, word: str) -> bool:
        return word in self._common

    def separate(self, sentence: str) -> bool:
        """The sentence tells another happening ('In a separate shooting, ...', a sidebar)."""
        return bool(self._patterns["separate"].search(sentence.strip()))

    def speech_date(self, before: str, after: str) -> bool:
        """The date is when something was said ('police said Friday', 'announced Monday that'),
        not when it happened."""
        return bool(self._patterns["speech_before"].search(before) or self._patterns["speech_after"].match(after))

    def not_whole(self, sentence: str) -> bool:
        """The sentence gives a tally, a roundup or a revision in progress: its count is not one
        happening's whole count of one moment."""
        return bool(self._patterns["not_whole"].search(sentence))

    def roundup(self, sentence: str) -> bool:
        """The sentence counts over several happenings (a weekend's shootings, a year's
        homicides): its count is not the event's."""
        return bool(self._patterns["roundup"].search(sentence))

    def part(self, phrase: str) -> bool:
        """The figure's own phrase counts a part or a remainder ('two others', 'including three')."""
        return bool(self._patterns["part"].search(phrase))

    def procedure(self, sentence: str) -> bool:
        """The sentence tells a later step (an arrest, a hearing, a funeral), not the happening."""
        return bool(self._patterns["procedure"].search(sentence))

    def disagreement(self, sentence: str) -> bool:
        """The sentence sets one source's count against another's ('corroborated ... stating 1,100')."""
        return bool(self._patterns["disagreement"].search(sentence))

    def furniture(self, sentence: str) -> bool:
        """Page furniture with a date ('Posted: Friday, January 31') that is not the happening's."""
        return bool(self._patterns["furniture"].search(sentence))
