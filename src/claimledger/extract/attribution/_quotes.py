"""Quotations: where quoted stretches start and end, so contents can cover whole quotes.

A quote is found within one line (paragraph): curly or straight double quotes open and close
(mixed pairs too), doubled apostrophes ('') pair with each other. Offsets include the marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_MARKS = re.compile(r"“|”|\"|''|\n")
# Writers mix curly and straight double quotes (“...."), so any double mark closes either.
DOUBLE_OPEN = frozenset({"“", '"'})
DOUBLE_CLOSE = frozenset({"”", '"'})


@dataclass(frozen=True)
class Quotes:
    """The quoted stretches of a text, sorted: ``starts[i]``..``ends[i]`` (end exclusive)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def containing(self, pos: int) -> tuple[int, int] | None:
        """The quote that strictly contains character ``pos`` (inside its marks), if any."""
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.starts[k] < pos < self.ends[k] - 1:
            return self.starts[k], self.ends[k]
        return None

    def ending_before(self, pos: int, text: str) -> tuple[int, int] | None:
        """The quote that ends right before ``pos``, with only spaces and commas between."""
        k = bisect.bisect_right(self.ends, pos) - 1
        if k < 0:
            return None
        gap = text[self.ends[k]:pos]
        if gap.strip(" ,\t") == "" and "\n" not in gap:
            return self.starts[k], self.ends[k]
        return None

    def starting_after(self, pos: int, text: str, gap: str = " \t") -> tuple[int, int] | None:
        """The quote that starts right after ``pos``, only ``gap`` characters between."""
        k = bisect.bisect_left(self.starts, pos)
        if k >= len(self.starts):
            return None
        between = text[pos:self.starts[k]]
        if between.strip(gap) == "" and "\n" not in between:
            return self.starts[k], self.ends[k]
        return None


    def next_sentence(self, pos: int, text: str, reach: int = 200) -> tuple[int, int] | None:
        """The quote that opens the sentence after the one ``pos`` is in (same line)."""
        k = bisect.bisect_left(self.starts, pos)
        if k >= len(self.starts) or self.starts[k] - pos > reach:
            return None
        between = text[pos:self.starts[k]].rstrip()
        if "\n" in between or not between.endswith((".", "!", "?")):
            return None
        return self.starts[k], self.ends[k]


def find_quotes(text: str) -> Quotes:
    """Every balanced quotation in ``text``, line by line."""
    starts: list[int] = []
    ends: list[int] = []
    open_at: int | None = None
    open_mark = ""
    for m in _MARKS.finditer(text):
        mark = m.group()
        if mark == "\n":
            open_at = None
            continue
        if open_at is None:
            if mark != "”":
                open_at, open_mark = m.start(), mark
            continue
        closes = mark in DOUBLE_CLOSE if open_mark in DOUBLE_OPEN else mark == open_mark
        if closes:
            starts.append(open_at)
            ends.append(m.end())
            open_at = None
        elif mark == "“":
            open_at, open_mark = m.start(), mark
    return Quotes(tuple(starts), tuple(ends))
