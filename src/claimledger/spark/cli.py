"""The Spark face's commands: ``claimledger spark extract`` and ``claimledger load``.

Registered on the main app by :func:`register`; nothing heavy is imported until a command runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, TypeVar

import typer

T = TypeVar("T")
spark_app = typer.Typer(help="Corpus-scale extraction on Apache Spark (pip install 'claimledger[spark]'; Java 17+).",
                        no_args_is_help=True, add_completion=False)


Inputs = Annotated[list[str], typer.Argument(
    help="JSONL, Parquet or WARC files or folders: local paths or Hadoop filesystem URLs (hdfs://, s3a://, "
         "file://), globs allowed.", metavar="INPUT...")]
Output = Annotated[str, typer.Argument(help="A new folder (or URL) for articles/ and errors/ (Parquet).")]
Published = Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs that carry none.")]
Outlet = Annotated[str | None, typer.Option(help="Outlet name for inputs that carry none.")]
Partitions = Annotated[int | None, typer.Option(
    min=1, help="Extraction partitions (default: ~1,000 records each, at least 2 per core).")]
Master = Annotated[str | None, typer.Option(help="Spark master URL (default: spark-submit's, else local[*]).")]
Model = Annotated[str | None, typer.Option(help="spaCy model name (default: $CLAIMLEDGER_MODEL or en_core_web_sm).")]


@spark_app.command("extract")
def extract(inputs: Inputs, output: Output, published: Published = None, outlet: Outlet = None,
            partitions: Partitions = None, master: Master = None, model: Model = None) -> None:
    """Extract claims, figures and places from a corpus on Spark, for `claimledger load`.

    Example: claimledger spark extract articles.jsonl out/ --master local[2]
    """
    from claimledger.config import Settings
    from claimledger.spark.job import run
    from claimledger.spark.partitions import Defaults
    from claimledger.terminal.command import edge, parse_date, say

    with edge():
        summary = run(inputs, output, Settings.from_options(model=model), Defaults(parse_date(published), outlet),
                      partitions, master, say=lambda line: say(line, err=True))
    say(f"wrote {summary.articles:,} articles and {summary.errors:,} errors to {summary.output} "
         f"({summary.partitions} partitions); store them with: claimledger load {output} --db LEDGER")


def load(
    output: Annotated[str, typer.Argument(help="The folder (or URL) `claimledger spark extract` wrote.")],
    db: Annotated[str, typer.Option("--db", help="Ledger: a SQLite file or a database URL.",
                                    envvar="CLAIMLEDGER_DB")] = "claimledger.db",
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per input, in input order.")] = False,
) -> None:
    """Store `spark extract`'s output in the ledger, as `ingest` would have, without extracting again.

    Example: claimledger load out/ --db claimledger.db
    """
    from claimledger.config import Settings
    from claimledger.service import Service
    from claimledger.spark.output import read_output
    from claimledger.terminal.command import edge, print_outcomes

    service = Service(Settings.from_options(db=db))
    with edge():
        items = read_output(output)
        first = next(items, None)  # a missing or foreign output fails here, before the ledger opens
        service.ledger  # noqa: B018 - open (and migrate) the ledger before any work: fail fast
        failed = print_outcomes(service.load(_chain(first, items)), jsonl, label="loading")
    raise typer.Exit(1 if failed else 0)


def _chain(first: T | None, rest: Iterator[T]) -> Iterator[T]:
    if first is not None:
        yield first
    yield from rest


def register(app: typer.Typer) -> None:
    """Add ``spark extract`` and ``load`` to the main command."""
    app.add_typer(spark_app, name="spark")
    app.command("load")(load)
