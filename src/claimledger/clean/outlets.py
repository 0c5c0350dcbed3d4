"""Lines an outlet prints under many of its stories (its own footers, bylines, promos).

An outlet's furniture changes wording less often than its stories do: a short line already seen
in ``min_articles`` earlier articles of the same outlet is boilerplate here too, whatever it
says. Learned per outlet from what has been ingested; never from any one outlet's words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from claimledger.records import Removal

_WORDS = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


def _key(line: str) -> str:
    return " ".join(_WORDS.findall(line.lower()))


def _lines(text: str) -> Iterable[tuple[int, int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


class OutletLines:
    """Counts, per outlet, the distinct articles each short line appeared in."""

    def __init__(self, min_articles: int = 2, max_words: int = 30) -> None:
        self.min_articles = min_articles
        self.max_words = max_words
        self._seen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def _short_keys(self, text: str) -> set[str]:
        keys = set()
        for _, _, line in _lines(text):
            key = _key(line)
            if key and len(key.split()) <= self.max_words:
                keys.add(key)
        return keys

    def learn(self, outlet: str | None, text: str) -> None:
        """Count ``text``'s short lines as seen once more under ``outlet``."""
        if not outlet:
            return
        seen = self._seen[outlet.lower()]
        for key in self._short_keys(text):
            seen[key] += 1

    def removals(self, outlet: str | None, text: str, already: Iterable[Removal] = ()) -> list[Removal]:
        """Lines of ``text`` this outlet has printed in ``min_articles`` earlier articles."""
        if not outlet or outlet.lower() not in self._seen:
            return []
        seen = self._seen[outlet.lower()]
        covered = [(r.start, r.end) for r in already]
        out = []
        for start, end, line in _lines(text):
            key = _key(line)
            if not key or seen.get(key, 0) < self.min_articles or len(key.split()) > self.max_words:
                continue
            if _DIGIT.search(line):  # a line with a number may be a figure: never drop it on repetition alone
                continue
            if any(s <= start and end <= e for s, e in covered):
                continue
            lead = len(line) - len(line.lstrip())
            out.append(Removal(start + lead, start + len(line.rstrip()), "boilerplate"))
        return out
