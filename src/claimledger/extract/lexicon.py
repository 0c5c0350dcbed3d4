"""Word lists and small tables kept as data: one ``words.csv`` in each extract package.

Columns: ``list`` (the table a row belongs to), ``word``, ``value`` (for tables that map a word
to a number, a class or other words; empty otherwise) and ``origin`` (where the row came from:
``rule``, ``package:<name>`` or ``corpus:<name>``). Lines starting with ``#`` are comments.
Each package reads its file once, when it is imported (its ``_words.py``); every list comes back
immutable (``frozenset``, ``tuple``, read-only mapping).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import NamedTuple, TypeVar

T = TypeVar("T")
ORIGINS = ("rule", "package:", "corpus:")
COLUMNS = ["list", "word", "value", "origin"]


# One row of a words.csv: list, word, value, origin.
Row = NamedTuple("Row", [("list", str), ("word", str), ("value", str), ("origin", str)])  # noqa: UP014


@dataclass(frozen=True)
class Lexicon:
    """The rows of one ``words.csv``, by list name, in file order."""

    source: str
    lists: Mapping[str, tuple[Row, ...]]

    @classmethod
    def read(cls, package: str, name: str = "words.csv") -> Lexicon:
        """``name`` in ``package`` (a dotted package name): checked, then indexed by list."""
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
        return cls.parse(text, f"{package}/{name}")

    @classmethod
    def parse(cls, text: str, source: str = "<text>") -> Lexicon:
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        reader = csv.reader(lines)
        if next(reader, None) != COLUMNS:
            raise ValueError(f"{source}: the header must be {','.join(COLUMNS)}")
        lists: dict[str, list[Row]] = {}
        seen: set[tuple[str, str]] = set()
        for number, fields in enumerate(reader, start=2):
            row = _row(fields, source, number)
            if (row.list, row.word) in seen:
                raise ValueError(f"{source}: row {number}: {row.word!r} is in list {row.list!r} twice")
            seen.add((row.list, row.word))
            lists.setdefault(row.list, []).append(row)
        return cls(source, MappingProxyType({k: tuple(v) for k, v in lists.items()}))

    def rows(self, name: str) -> tuple[Row, ...]:
        try:
            return self.lists[name]
        except KeyError:
            raise KeyError(f"{self.source}: no list {name!r}") from None

    def words(self, name: str) -> frozenset[str]:
        """A word list (order does not matter)."""
        return frozenset(r.word for r in self.rows(name))

    def ordered(self, name: str) -> tuple[str, ...]:
        """A word list whose order matters (longest phrase first, ...), in file order."""
        return tuple(r.word for r in self.rows(name))

    def table(self, name: str, convert: Callable[[str], T]) -> Mapping[str, T]:
        """A word -> value table in file order, each value passed through ``convert``."""
        return MappingProxyType({r.word: convert(r.value) for r in self.rows(name)})


def _row(fields: list[str], source: str, number: int) -> Row:
    if len(fields) != len(COLUMNS):
        raise ValueError(f"{source}: row {number}: {len(fields)} fields, expected {len(COLUMNS)}")
    row = Row(*fields)
    if not row.list or not row.word:
        raise ValueError(f"{source}: row {number}: empty list or word")
    if row.origin != "rule" and not row.origin.startswith(ORIGINS[1:]):
        raise ValueError(f"{source}: row {number}: origin {row.origin!r} is not rule, package:<name> or corpus:<name>")
    return row


def ints(value: str) -> tuple[int, ...]:
    """'24 99 24' -> (24, 99, 24)."""
    return tuple(int(v) for v in value.split())


def word_set(value: str) -> frozenset[str]:
    """'for on' -> {'for', 'on'}."""
    return frozenset(value.split())
