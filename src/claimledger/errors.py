"""Coded errors, in the style of spacy/errors.py: every message carries a code such as [CL001]."""

from __future__ import annotations

import re


class ClaimLedgerError(Exception):
    """Base error. ``code`` is stable; the message says which input and why."""

    code = "CL000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"[{self.code}] {message}")


class InputError(ClaimLedgerError):
    """An input could not be read or decoded (missing, binary, wrong encoding, too large)."""

    code = "CL001"


class UnsupportedInput(ClaimLedgerError):
    """An input of a kind this command does not take."""

    code = "CL002"


class FetchError(ClaimLedgerError):
    """A URL could not be fetched, or points at a private network."""

    code = "CL003"


class ParseError(ClaimLedgerError):
    """Malformed HTML, feed, WARC or JSONL."""

    code = "CL004"


class ExtractionTimeout(ClaimLedgerError):
    """A page took longer than the extraction limit."""

    code = "CL005"


class ModelError(ClaimLedgerError):
    """No usable spaCy model."""

    code = "CL006"


class LedgerError(ClaimLedgerError):
    """The ledger refused an operation (for example an UPDATE or DELETE)."""

    code = "CL007"


class ExtractionFailed(ClaimLedgerError):
    """A component failed on one article (a bug to report); the run goes on with the next."""

    code = "CL008"


class OverLimit(InputError):
    """A document over a bound on the work extraction may spend on it (characters, words,
    lines, line length, numbers, article flags): refused rather than parsed for minutes."""

    code = "CL012"


class EngineUnavailable(ClaimLedgerError):
    """The Spark face cannot run here: pyspark or pyarrow not installed, no Java 17 or newer."""

    code = "CL015"


class AdjudicationError(ClaimLedgerError):
    """An analyst's decision that cannot be applied (unknown event, article or flag; bad value)."""

    code = "CL020"


def from_message(message: str) -> ClaimLedgerError:
    """The error a one-line coded message (a Failure's) stands for: the class of its code
    (``[CL012] ...`` -> OverLimit), the same text; a message without a known code is a CL008."""
    m = re.match(r"\[(CL\d{3})\] ", message)
    found = [c for c in _subclasses(ClaimLedgerError) if m and c.code == m.group(1)]
    if not found:
        return ExtractionFailed(message)
    return found[0](message[m.end():])  # type: ignore[union-attr]


def _subclasses(cls: type[ClaimLedgerError]) -> list[type[ClaimLedgerError]]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


class QueryError(ClaimLedgerError):
    """A query the ledger cannot answer as asked (an unknown sort, resource or format, a cursor it did not give)."""

    code = "CL021"
