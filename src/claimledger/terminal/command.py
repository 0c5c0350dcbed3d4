"""What every command-line face shares (``cli.py`` and ``spark/cli.py``): option parsing for
dates, the error edge, printing a line or a JSON object, and the outcome lines of a storing run.

No business logic; the commands call :class:`claimledger.service.Service` and print with these.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

import typer

from claimledger.errors import ClaimLedgerError
from claimledger.service import IngestOutcome
from claimledger.terminal.text import printable


def parse_date(value: str | None, option: str = "--published") -> date | None:
    """A ``YYYY-MM-DD`` option value as a date (None when not given); a usage error otherwise."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{option} {value!r} is not YYYY-MM-DD") from None


def parse_day(value: str | None, option: str) -> str | None:
    """A ``YYYY-MM-DD`` option value, checked, as the string queries take."""
    day = parse_date(value, option)
    return day.isoformat() if day else None


def emit(obj: dict, jsonl: bool) -> None:
    """One JSON object: a line (``jsonl``) or indented."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n" if jsonl
                     else json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def say(line: str, err: bool = False) -> None:
    """One line to the terminal, untrusted parts (paths, URLs, outlets) stripped of escapes."""
    typer.echo(printable(line), err=err)


@contextmanager
def edge() -> Iterator[None]:
    """Core errors become a one-line message and exit status 1 (no traceback)."""
    try:
        yield
    except ClaimLedgerError as exc:
        say(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def print_outcomes(outcomes: Iterable[IngestOutcome], jsonl: bool, label: str = "ingesting",
                   total: int | None = None) -> bool:
    """A line per outcome under a progress bar (``total`` articles when known), or one JSON
    object each; True if any failed."""
    from claimledger.terminal.progress import track

    failed = False
    for out in track(outcomes, enabled=not jsonl, label=label, total=total):
        failed |= out.status == "failed"
        if jsonl:
            emit(out.to_dict(), True)
        elif out.status == "failed":
            say(f"error: {out.error}", err=True)
        else:
            say(outcome_line(out))
    return failed


def outcome_line(out: IngestOutcome) -> str:
    """What happened to one input, as a line: a copy names the outlets, not only the address."""
    if out.status == "stored":
        return f"stored: {out.uri} (article {out.article_id}, {out.claims} claims, {out.figures} figures)"
    if out.status == "copy":
        carrier = out.outlet or "an unnamed outlet"
        original = f" ({out.original_outlet})" if out.original_outlet else ""
        return (f"copy of article {out.duplicate_of}{original}: carried by {carrier}, {out.uri} "
                f"(article {out.article_id}, counted once)")
    return f"{out.status}: {out.uri} (article {out.article_id})"
