"""What the executors run: reading records, cleaning, outlet furniture, extraction. No pyspark.

Every function here is plain Python over iterators, so it is tested without Spark. The model
and the gazetteer load once per Python worker process (:func:`worker_service`): Spark reuses its
workers across tasks, so an executor loads them once per core, not once per partition.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from claimledger.clean import OutletLines, with_outlet_lines
from claimledger.config import Settings
from claimledger.errors import InputError
from claimledger.ingest import ingest
from claimledger.ingest.containers import jsonl_record
from claimledger.records import CleanArticle, Extraction, Failure, RawArticle, Removal, source_hash
from claimledger.service import Service
from claimledger.spark.rows import article_row, error_row


@dataclass(frozen=True)
class Origin:
    """Where a record came from: the file as ``ingest`` names it, and the record's id there."""

    input: str
    input_id: str


@dataclass(frozen=True)
class Defaults:
    """The run's --published and --outlet, for inputs that carry none (as ``ingest`` applies them)."""

    published: date | None = None
    outlet: str | None = None

    def identity(self, raw: RawArticle) -> str:
        """The input's :func:`source_hash`, as ``ingest`` computes it (the run's outlet where it has none)."""
        return source_hash(raw.uri, raw.outlet or self.outlet, raw.content)


Item = RawArticle | Failure
Cleaned = CleanArticle | Failure


@lru_cache(maxsize=2)
def worker_service(settings: Settings) -> Service:
    """One Service per Python worker process and settings: the model loads on its first article."""
    return Service(settings, create_ledger=False)


# -- reading -----------------------------------------------------------------------------------
def jsonl_line(display: str, lineno: int, line: str, max_bytes: int) -> tuple[Origin, Item]:
    """One JSONL line as Spark's text reader gives it (decoded, newline dropped), checked as
    ``ingest`` checks it. Hadoop's reader replaces undecodable bytes with U+FFFD: such a line is
    refused, as ``ingest`` refuses a line that is not UTF-8."""
    uri = f"{display}:{lineno}"
    if lineno == 1:
        line = line.removeprefix("\ufeff")
    if "\ufffd" in line:
        return Origin(display, str(lineno)), Failure(
            uri, f"[{InputError.code}] {uri}: not valid UTF-8 (bytes the reader replaced with U+FFFD)")
    item = jsonl_record(uri, display, line.encode("utf-8"), max_bytes)
    return Origin(display, _record_id(item.uri, display, lineno)), item


def parquet_row(display: str, rowno: int, row: dict[str, Any], max_bytes: int) -> tuple[Origin, Item]:
    """One Parquet row with the JSONL fields (id, text | html, published, outlet, url, title)."""
    raw = json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False).encode("utf-8")
    item = jsonl_record(f"{display}:{rowno}", display, raw, max_bytes)
    return Origin(display, _record_id(item.uri, display, rowno)), item


def _record_id(uri: str, display: str, number: int) -> str:
    return uri[len(display) + 1:] if uri.startswith(f"{display}#") else str(number)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def warc_file(display: str, local: str, settings: Settings) -> Iterator[tuple[Origin, Item]]:
    """Every record of one WARC on this machine's disk, read by ``ingest`` itself (streamed)."""
    for n, item in enumerate(ingest(local, settings), 1):
        if local != display:
            item = _renamed(item, local, display)
        yield Origin(display, str(n)), item


def warc_bytes(display: str, data: bytes, settings: Settings) -> Iterator[tuple[Origin, Item]]:
    """A WARC from a Hadoop filesystem (bytes): spooled to a local temporary file, then read."""
    folder = tempfile.mkdtemp(prefix="claimledger-warc-")
    try:
        local = str(Path(folder) / display.rsplit("/", 1)[-1])
        Path(local).write_bytes(data)
        del data
        yield from warc_file(display, local, settings)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _renamed(item: Item, local: str, display: str) -> Item:
    if isinstance(item, Failure):
        return Failure(item.uri.replace(local, display), item.error.replace(local, display))
    return replace(item, uri=item.uri.replace(local, display))


# -- cleaning ----------------------------------------------------------------------------------
def clean_items(settings: Settings, defaults: Defaults, items: Iterable[tuple[Any, tuple[Origin, Item]]]
                ) -> Iterator[tuple[Any, tuple[Origin, Cleaned]]]:
    """Clean each record as ``ingest`` does before outlet furniture: defaults, identity, clean."""
    service = worker_service(settings)
    for key, (origin, item) in items:
        if isinstance(item, Failure):
            yield key, (origin, item)
            continue
        art = service.clean_input(item, published=defaults.published, outlet=defaults.outlet)
        yield key, (origin, art if isinstance(art, Failure) else replace(art, source_hash=defaults.identity(item)))


def outlet_furniture(rows: Iterable[tuple[tuple[str, int], tuple[str, tuple[Removal, ...], str]]],
                     batch_size: int) -> Iterator[tuple[int, tuple[Removal, ...]]]:
    """(order, removals) of the articles whose outlet furniture adds removals, as ``ingest``
    finds them: from lines the outlet printed in articles of earlier batches.

    ``rows`` are ((outlet key, order), (text, removed, outlet)), sorted, one outlet after
    another. Every article is learned from here; ``ingest`` learns only from stored originals,
    so ``load`` checks each result and extracts again where the two differ."""
    pending: list[str]
    memory, outlet, batch, pending = OutletLines(), None, -1, []
    for (key, order), (text, removed, name) in rows:
        if key != outlet:
            memory, outlet, batch, pending = OutletLines(), key, -1, []
        if order // batch_size != batch:
            for learned in pending:
                memory.learn(name, learned)
            batch, pending = order // batch_size, []
        article = with_outlet_lines(CleanArticle(uri="", text=text, removed=removed, outlet=name), memory)
        if article.removed != removed:
            yield order, article.removed
        pending.append(text)


# -- extraction --------------------------------------------------------------------------------
def extract_partition(settings: Settings, rows: Iterable[tuple[int, tuple[str, Any]]]
                      ) -> Iterator[tuple[str, dict[str, Any]]]:
    """("article" | "error", output row) for each record of one partition, in input order.

    ``rows`` are (order, ("item", (origin, cleaned))) and (order, ("furniture", removals)) in
    any order; the partition holds one contiguous range of orders."""
    items: dict[int, tuple[Origin, Cleaned]] = {}
    furniture: dict[int, tuple[Removal, ...]] = {}
    for order, (tag, value) in rows:
        if tag == "item":
            items[order] = value
        else:
            furniture[order] = value
    orders = sorted(items)
    arts = [_with_furniture(items[o][1], furniture.get(o)) for o in orders]
    results = worker_service(settings).extract_articles(arts)
    for order, result in zip(orders, results, strict=True):
        origin, cleaned = items[order]
        yield _output(result, cleaned, order, origin)


def _with_furniture(item: Cleaned, removed: tuple[Removal, ...] | None) -> Cleaned:
    return item if removed is None or isinstance(item, Failure) else replace(item, removed=removed)


def _output(result: Extraction | Failure, cleaned: Cleaned, order: int, origin: Origin
            ) -> tuple[str, dict[str, Any]]:
    if isinstance(result, Failure):
        return "error", error_row(result, order, origin.input, origin.input_id)
    return "article", article_row(result, cleaned.removed, order, origin.input, origin.input_id)  # type: ignore[union-attr]
