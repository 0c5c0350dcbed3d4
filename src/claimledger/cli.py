"""Command-line face: parse options, call the Service, print. No business logic here."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError
from claimledger.service import Failure, IngestOutcome, Service
from claimledger.spark.cli import register as register_spark

app = typer.Typer(help="Who claimed what figure, where and when, and where the sources disagree.",
                  no_args_is_help=True, add_completion=False)

Published = Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs that carry none.")]
Model = Annotated[str | None, typer.Option(help="spaCy model name (default: $CLAIMLEDGER_MODEL or en_core_web_sm).")]
Jsonl = Annotated[bool, typer.Option("--jsonl", help="One JSON object per input, in input order.")]


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"--published {value!r} is not YYYY-MM-DD") from None


def _emit(obj: dict, jsonl: bool) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n" if jsonl
                     else json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def _say(line: str, err: bool = False) -> None:
    """One line to the terminal, untrusted parts (paths, URLs, outlets) stripped of escapes."""
    from claimledger.terminal.text import printable

    typer.echo(printable(line), err=err)


def _report_failure(f: Failure) -> None:
    _say(f"error: {f.error}", err=True)


@contextmanager
def _edge() -> Iterator[None]:
    """Core errors become a one-line message and exit status 1 (no traceback)."""
    try:
        yield
    except ClaimLedgerError as exc:
        _say(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


@app.command()
def clean(files: list[Path], jsonl: Jsonl = False, published: Published = None) -> None:
    """Print each file's article body, boilerplate and repeated paragraphs removed.

    Example: claimledger clean article.html --jsonl
    """
    failed = False
    for item in Service(Settings()).clean_paths(files, _date(published)):
        if isinstance(item, Failure):
            failed = True
            _report_failure(item)
            _emit(item.to_dict(), jsonl)
        else:
            _emit({"path": item.uri, "text": item.body, "title": item.title,
                   "removed": [r.to_dict() for r in item.removed]}, jsonl)
    raise typer.Exit(1 if failed else 0)


@app.command()
def extract(files: list[Path], jsonl: Jsonl = False, published: Published = None, model: Model = None) -> None:
    """Print claims, figures, places, totals and flags of each file as JSON.

    Example: claimledger extract article.txt --published 2024-12-24 --jsonl
    """
    failed = False
    service = Service(Settings.from_options(model=model))
    for item in service.extract_paths(files, _date(published)):
        if isinstance(item, Failure):
            failed = True
            _report_failure(item)
            _emit(item.to_dict(), jsonl)
        else:
            _emit(item.to_dict(), jsonl)
    raise typer.Exit(1 if failed else 0)


Db = Annotated[str, typer.Option("--db", help="Ledger: a SQLite file or a database URL.",
                                  envvar="CLAIMLEDGER_DB")]


@app.command()
def ingest(
    sources: list[str],
    db: Db = "claimledger.db",
    published: Published = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for inputs that carry none.")] = None,
    model: Model = None,
    jsonl: Jsonl = False,
) -> None:
    """Store articles (files, folders, URLs, RSS/Atom, WARC, JSONL) with their claims in the ledger.

    Example: claimledger ingest samples/ --db claimledger.db
    """
    service = Service(Settings.from_options(db=db, model=model))
    with _edge():
        service.ledger  # noqa: B018 - open (and migrate) the ledger before any work: fail fast
    raise typer.Exit(1 if _print_outcomes(service.ingest(sources, _date(published), outlet), jsonl) else 0)


def _print_outcomes(outcomes: Iterable[IngestOutcome], jsonl: bool, label: str = "ingesting") -> bool:
    """A line per outcome under a progress bar (or one JSON object each); True if any failed."""
    from claimledger.terminal.progress import track

    failed = False
    for out in track(outcomes, enabled=not jsonl, label=label):
        failed |= out.status == "failed"
        if jsonl:
            _emit(out.to_dict(), True)
        elif out.status == "failed":
            _say(f"error: {out.error}", err=True)
        else:
            _say(_outcome_line(out))
    return failed


@app.command()
def report(db: Db = "claimledger.db", json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
           ) -> None:
    """Figures grouped across the ledger, each source's interval side by side, and the flags.

    Example: claimledger report --db claimledger.db
    """
    from claimledger.terminal.text import print_report

    with _edge():
        rec = Service(Settings.from_options(db=db), create_ledger=False).report()
    if json_:
        _emit(rec.to_dict(), False)
    else:
        print_report(rec)


@app.command()
def events(
    db: Db = "claimledger.db",
    jsonl: Jsonl = False,
    json_: Annotated[bool, typer.Option("--json", help="Print one JSON array.")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Events as the ledger knew them that day.")] = None,
    measure: Annotated[str | None, typer.Option(help="Only events with a figure for this measure.")] = None,
    place: Annotated[str | None, typer.Option(help="Only events in this place (name, ISO 3166-2, country).")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this date.")] = None,
) -> None:
    """Events: one per real-world happening, reconciled across every stored report.

    Example: claimledger events --db claimledger.db --jsonl
    """
    from claimledger.records import EventQuery
    from claimledger.terminal.text import print_events

    query = EventQuery(as_of=_day(as_of, "--as-of"), measure=measure, place=place,
                       since=_day(since, "--since"), until=_day(until, "--until"))
    with _edge():
        found = Service(Settings.from_options(db=db), create_ledger=False).events(query)
    if jsonl:
        for ev in found:
            _emit(ev.to_dict(), True)
    elif json_:
        _emit({"events": [ev.to_dict() for ev in found]}, False)
    else:
        print_events(found)


@app.command()
def decide(
    event_id: Annotated[str, typer.Argument(metavar="EVENT", help="The event the decision is about.")],
    action: Annotated[str, typer.Argument(help="merge | split | detach | set-best | accept-flag | dismiss-flag")],
    note: Annotated[str, typer.Option(help="Why (kept with the decision).")],
    author: Annotated[str, typer.Option(help="Who decides.")],
    db: Db = "claimledger.db",
    other: Annotated[str | None, typer.Option("--event", help="merge: the event merged into EVENT.")] = None,
    article: Annotated[list[int] | None, typer.Option(help="split/detach: article id (repeat for split).")] = None,
    measure: Annotated[str | None, typer.Option(help="set-best: the measure.")] = None,
    value: Annotated[int | None, typer.Option(help="set-best: the best count.")] = None,
    flag: Annotated[str | None, typer.Option(help="accept-flag/dismiss-flag: the flag's key.")] = None,
) -> None:
    """Record an analyst's decision about an event, beside the machine's output.

    Example: claimledger decide 3 merge --event 7 --note "same shooting" --author ana --db claimledger.db
    """
    act = action.replace("-", "_")
    targets: dict[str, dict[str, Any]] = {"merge": {"event": other}, "split": {"articles": list(article or [])},
                                          "detach": {"article": article[0] if article else None},
                                          "set_best": {"measure": measure, "value": value},
                                          "accept_flag": {"flag": flag}, "dismiss_flag": {"flag": flag}}
    target = {k: v for k, v in targets.get(act, {}).items() if v is not None and v != []}
    with _edge():
        n = Service(Settings.from_options(db=db), create_ledger=False).decide(event_id, act, target, note, author)
    _say(f"decision {n} recorded: {act} on event {event_id}")


def _day(value: str | None, option: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{option} {value!r} is not YYYY-MM-DD") from None


@app.command()
def serve(db: Db = "claimledger.db", host: str = "127.0.0.1", port: int = 8000,
          token: Annotated[str | None, typer.Option(envvar="CLAIMLEDGER_TOKEN", show_default=False,
                                                    help="Bearer token REST writes need (none: no writes).")] = None
          ) -> None:
    """Serve the REST API and the web UI over one ledger.

    Example: CLAIMLEDGER_TOKEN=... claimledger serve --db claimledger.db --port 8000
    """
    import uvicorn

    from claimledger.api.app import create_app

    settings = Settings.from_options(db=db, token=token)
    service = Service(settings, create_ledger=False)
    with _edge():
        service.ledger  # noqa: B018 - refuse a missing ledger before serving
    uvicorn.run(create_app(settings, service), host=host, port=port)


def _outcome_line(out: IngestOutcome) -> str:
    if out.status == "stored":
        return f"stored: {out.uri} (article {out.article_id}, {out.claims} claims, {out.figures} figures)"
    if out.status == "copy":
        return f"copy of article {out.duplicate_of}: {out.uri} (article {out.article_id}, counted once)"
    return f"{out.status}: {out.uri} (article {out.article_id})"


register_spark(app)  # `spark extract` and `load` (claimledger/spark/cli.py)


def main() -> None:
    app()
