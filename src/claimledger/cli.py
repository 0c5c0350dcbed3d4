"""Command-line face: parse options, call the Service, print. No business logic here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from claimledger.config import Settings
from claimledger.service import STDIN, Failure, Service
from claimledger.spark.cli import register as register_spark
from claimledger.terminal.command import edge, emit, parse_date, parse_day, print_outcomes, say

app = typer.Typer(help="Who claimed what figure, where and when, and where the sources disagree.",
                  no_args_is_help=True, add_completion=False)

Published = Annotated[str | None, typer.Option(
    help="Publication date YYYY-MM-DD for inputs that carry none (an input's own date, an HTML page's, wins).")]
Model = Annotated[str | None, typer.Option(help="spaCy model name (default: $CLAIMLEDGER_MODEL or en_core_web_sm).")]
Jsonl = Annotated[bool, typer.Option("--jsonl", help="One JSON object per input, in input order.")]


def _version(value: bool) -> None:
    if value:
        from claimledger import __version__

        typer.echo(f"claimledger {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False) -> None:
    """Who claimed what figure, where and when, and where the sources disagree."""


def _stdin(names: list[str] | list[Path]) -> bytes | None:
    """Standard input's bytes when an input is ``-`` (read once), else None."""
    return sys.stdin.buffer.read() if any(str(n) == STDIN for n in names) else None


def _report_failure(f: Failure) -> None:
    say(f"error: {f.error}", err=True)


@app.command()
def clean(files: list[Path], jsonl: Jsonl = False, published: Published = None) -> None:
    """Print each file's article body, boilerplate and repeated paragraphs removed (``-``: standard input).

    Example: claimledger clean article.html --jsonl
    """
    failed = False
    for item in Service(Settings()).clean_paths(files, parse_date(published), _stdin(files)):
        if isinstance(item, Failure):
            failed = True
            _report_failure(item)
            emit(item.to_dict(), jsonl)
        else:
            emit({"path": item.uri, "text": item.body, "title": item.title,
                   "removed": [r.to_dict() for r in item.removed]}, jsonl)
    raise typer.Exit(1 if failed else 0)


@app.command()
def extract(files: list[Path], jsonl: Jsonl = False, published: Published = None, model: Model = None) -> None:
    """Print claims, figures, places, totals and flags of each file as JSON (``-``: standard input).

    Example: claimledger extract article.txt --published 2024-12-24 --jsonl
    """
    failed = False
    service = Service(Settings.from_options(model=model))
    for item in service.extract_paths(files, parse_date(published), _stdin(files)):
        if isinstance(item, Failure):
            failed = True
            _report_failure(item)
            emit(item.to_dict(), jsonl)
        else:
            emit(item.to_dict(), jsonl)
    raise typer.Exit(1 if failed else 0)


Db = Annotated[str, typer.Option("--db", help="Ledger: a SQLite file or a database URL.",
                                  envvar="CLAIMLEDGER_DB")]


@app.command()
def ingest(
    sources: list[str],
    db: Db = "claimledger.db",
    published: Published = None,
    outlet: Annotated[str | None, typer.Option(
        help="Outlet name for inputs that carry none (an input's own outlet, an HTML page's included, wins).")] = None,
    model: Model = None,
    jsonl: Jsonl = False,
) -> None:
    """Store articles (files, folders, URLs, RSS/Atom, WARC, JSONL; ``-``: standard input) with
    their claims in the ledger.

    Example: claimledger ingest samples/ --db claimledger.db
    """
    service = Service(Settings.from_options(db=db, model=model))
    with edge():
        service.ledger  # noqa: B018 - open (and migrate) the ledger before any work: fail fast
    day, data = parse_date(published), _stdin(sources)
    total = None if jsonl else service.count_articles(sources)
    outcomes = service.ingest(sources, day, outlet, stdin=data)
    raise typer.Exit(1 if print_outcomes(outcomes, jsonl, total=total) else 0)


@app.command()
def report(db: Db = "claimledger.db", json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
           ) -> None:
    """Figures grouped across the ledger, each source's interval side by side, and the flags.

    Example: claimledger report --db claimledger.db
    """
    from claimledger.terminal.text import print_report

    with edge():
        rec = Service(Settings.from_options(db=db), create_ledger=False).report()
    if json_:
        emit(rec.to_dict(), False)
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

    query = EventQuery(as_of=parse_day(as_of, "--as-of"), measure=measure, place=place,
                       since=parse_day(since, "--since"), until=parse_day(until, "--until"))
    with edge():
        found = Service(Settings.from_options(db=db), create_ledger=False).events(query)
    if jsonl:
        for ev in found:
            emit(ev.to_dict(), True)
    elif json_:
        emit({"events": [ev.to_dict() for ev in found]}, False)
    else:
        print_events(found)


Opt = typer.Option


@app.command()
def export(
    resource: Annotated[str, typer.Argument(help="events | figures | claims | claimants | articles | places | flags "
                                                 "(default: events; claims for jsonld).")] = "",
    format_: Annotated[str, Opt("--format", "-f", help="csv | jsonl | parquet | geojson | ucdp | acled | jsonld")
                       ] = "csv",
    output: Annotated[Path | None, Opt("--output", "-o", help="Write to this file (default: standard output).")
                      ] = None,
    db: Db = "claimledger.db",
    q: Annotated[str | None, Opt("--q", "--search", help="Words the articles must hold (full text).")] = None,
    measure: Annotated[str | None, Opt(help="killed, injured, ...")] = None,
    kind: Annotated[str | None, Opt(help="The happening's kind (shooting, accident, ...).")] = None,
    place: Annotated[str | None, Opt(help="Country code, ISO 3166-2 code or place name (sub-places included).")
                     ] = None,
    claimant: Annotated[str | None, Opt(help="Words of the source's name.")] = None,
    outlet: Annotated[str | None, Opt(help="The outlet.")] = None,
    since: Annotated[str | None, Opt(help="On or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Opt(help="On or before this date (YYYY-MM-DD).")] = None,
    as_of: Annotated[str | None, Opt("--as-of", help="Events as the ledger knew them that day.")] = None,
    sort: Annotated[str | None, Opt(help="The resource's sort column (docs/api.md).")] = None,
    desc: Annotated[bool, Opt("--desc", help="Reverse the sort.")] = False,
    base_url: Annotated[str, Opt(help="Where the web UI is served (links in GeoJSON and JSON-LD).")
                        ] = "http://127.0.0.1:8000",
) -> None:
    """Export what the filters select: CSV, JSONL or Parquet of any resource; GeoJSON of events
    and places; events in UCDP GED's or ACLED's columns; claims as schema.org JSON-LD.

    Example: claimledger export events --format geojson --place TZ -o events.geojson --db claimledger.db
    """
    from claimledger.exports import export as write_export
    from claimledger.records import Query

    query = Query(q=q, measure=measure, kind=kind, place=place, claimant=claimant, outlet=outlet,
                  since=parse_day(since, "--since"), until=parse_day(until, "--until"),
                  as_of=parse_day(as_of, "--as-of"), sort=sort, desc=desc)
    with edge():
        service = Service(Settings.from_options(db=db), create_ledger=False)
        chunks = write_export(service, resource or None, format_, query, base_url=base_url)
        sink = output.open("wb") if output else sys.stdout.buffer
        try:
            for chunk in chunks:
                sink.write(chunk)
        finally:
            if output:
                sink.close()
            else:
                sink.flush()
    if output:
        say(f"wrote {output}", err=True)


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
    with edge():
        n = Service(Settings.from_options(db=db), create_ledger=False).decide(event_id, act, target, note, author)
    say(f"decision {n} recorded: {act} on event {event_id}")


@app.command()
def serve(db: Db = "claimledger.db", host: str = "127.0.0.1", port: int = 8000,
          token: Annotated[str | None, typer.Option(envvar="CLAIMLEDGER_TOKEN", show_default=False,
                                                    help="Bearer token REST writes need (none: no writes).")] = None,
          workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes (each opens the ledger).")] = 1
          ) -> None:
    """Serve the REST API and the web UI over one ledger.

    Example: CLAIMLEDGER_TOKEN=... claimledger serve --db claimledger.db --port 8000 --workers 2
    """
    import os

    import uvicorn

    from claimledger.api.app import create_app

    settings = Settings.from_options(db=db, token=token)
    service = Service(settings, create_ledger=False)
    with edge():
        service.ledger  # noqa: B018 - refuse a missing ledger before serving
        service.views_ready  # noqa: B018 - stored event views brought up to date once, before the workers start
    if workers > 1:  # each worker process builds its app from the environment
        os.environ["CLAIMLEDGER_DB"] = settings.db_url
        if settings.api_token:
            os.environ["CLAIMLEDGER_TOKEN"] = settings.api_token
        uvicorn.run("claimledger.api.app:app_from_env", factory=True, host=host, port=port, workers=workers)
        return
    uvicorn.run(create_app(settings, service), host=host, port=port)


register_spark(app)  # `spark extract` and `load` (claimledger/spark/cli.py)


def main() -> None:
    app()
