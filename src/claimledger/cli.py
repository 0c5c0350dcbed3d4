"""Command-line face: parse options, call the Service, print. No business logic here."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimledger.config import Settings
from claimledger.service import Failure, Service

app = typer.Typer(help="Who claimed what figure, where and when, and where the sources disagree.",
                  no_args_is_help=True, add_completion=False)

Published = Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD for inputs that carry none.")]
Model = Annotated[Optional[str], typer.Option(help="spaCy model name (default: $CLAIMLEDGER_MODEL or en_core_web_sm).")]
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


def _report_failure(f: Failure) -> None:
    typer.echo(f"error: {f.error}", err=True)


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


def main() -> None:
    app()
