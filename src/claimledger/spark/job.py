"""``claimledger spark extract``: the extraction of ``ingest`` over a corpus, on Spark.

    claimledger spark extract INPUT... OUTPUT [--published D] [--partitions N] [--master URL]
    spark-submit ... "$(python -c 'import claimledger.spark.job as j; print(j.__file__)')" INPUT OUTPUT

The stages, each a Spark step:

1. read every input file (JSONL and Parquet split by Spark; one task per WARC) and clean each
   record as ``ingest`` does, with the input's identity (source hash); cached;
2. number the records in input order, failures included, exactly as ``ingest`` meets them;
3. outlet furniture: per outlet, in order, the lines it printed under articles of earlier
   batches (what ``ingest`` learns as it goes);
4. extract, one contiguous range of records per partition, and write OUTPUT/articles and
   OUTPUT/errors (Parquet, see :mod:`claimledger.spark.rows`). ``claimledger load`` stores them.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError, EngineUnavailable, InputError
from claimledger.records import CleanArticle
from claimledger.spark import inputs
from claimledger.spark.partitions import (
    Defaults,
    clean_items,
    extract_partition,
    outlet_furniture,
)
from claimledger.spark.rows import ARTICLE_SCHEMA, ARTICLES, ERROR_SCHEMA, ERRORS

ROWS_PER_PARTITION = 1000  # default partition size: small enough to see progress, large enough to batch


@dataclass(frozen=True)
class Summary:
    articles: int
    errors: int
    partitions: int
    output: str


def run(specs: list[str], output: str, settings: Settings, defaults: Defaults | None = None,
        partitions: int | None = None, master: str | None = None,
        say: Callable[[str], None] = print) -> Summary:
    """Extract every article of ``specs`` into ``output``; one line per finished partition."""
    from claimledger.spark.session import start

    target = _output_url(output)
    spark = start(master)
    try:
        return _run(spark, specs, target, settings, defaults or Defaults(), partitions, say)
    except ClaimLedgerError:
        raise
    except Exception as exc:  # noqa: BLE001 - py4j wraps Spark's errors: one line, not a Java trace
        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
        raise EngineUnavailable(f"spark: the job failed ({type(exc).__name__}: "
                                f"{(lines[0] if lines else '')[:200]})") from None
    finally:
        spark.stop()


def _run(spark: Any, specs: list[str], target: str, settings: Settings, defaults: Defaults,
         partitions: int | None, say: Callable[[str], None]) -> Summary:
    from pyspark import StorageLevel

    sc = spark.sparkContext
    listed = inputs.list_specs(spark, specs)
    raw, owners = inputs.read(spark, listed, settings, partitions or 2 * sc.defaultParallelism)
    cleaned = raw.mapPartitions(lambda it: clean_items(settings, defaults, it))
    cleaned.persist(StorageLevel.MEMORY_AND_DISK)
    counts = cleaned.mapPartitionsWithIndex(lambda i, it: [(i, sum(1 for _ in it))]).collect()
    offsets, missing, total = inputs.number(dict(counts), owners, listed)
    indexed = cleaned.mapPartitionsWithIndex(
        lambda i, it: ((offsets[i] + k, item) for k, (_, item) in enumerate(it)))
    if missing:
        indexed = indexed.union(sc.parallelize(missing, 1))
    if total == 0:
        raise InputError(f"{', '.join(specs)}: no records to extract", source=specs[0])
    parts = partitions or max(2 * sc.defaultParallelism, math.ceil(total / ROWS_PER_PARTITION))
    furniture = _furniture(indexed, parts)
    tagged = indexed.mapValues(lambda v: ("item", v)).union(furniture.mapValues(lambda r: ("furniture", r)))
    counters = {k: sc.accumulator(0) for k in ("partitions", "articles", "errors")}
    out = tagged.partitionBy(parts, lambda order: order * parts // total).mapPartitions(
        lambda it: _counted(extract_partition(settings, it), counters))
    out.persist(StorageLevel.MEMORY_AND_DISK)
    from claimledger.spark.session import progress

    with progress(counters, parts, say):
        _write(spark, out, "article", ARTICLE_SCHEMA, f"{target}/{ARTICLES}")
    _write(spark, out, "error", ERROR_SCHEMA, f"{target}/{ERRORS}")
    return Summary(counters["articles"].value, counters["errors"].value, parts, target)


def _furniture(indexed: Any, parts: int) -> Any:
    """(order, removals) where an outlet's learned furniture adds removals (stage 3)."""
    from claimledger.service import Service

    batch = Service.batch_size
    keyed = indexed.filter(lambda kv: isinstance(kv[1][1], CleanArticle) and bool(kv[1][1].outlet)).map(
        lambda kv: ((kv[1][1].outlet.lower(), kv[0]), (kv[1][1].text, kv[1][1].removed, kv[1][1].outlet)))
    by_outlet = keyed.repartitionAndSortWithinPartitions(
        parts, partitionFunc=lambda key: zlib.crc32(key[0].encode("utf-8")))
    return by_outlet.mapPartitions(lambda it: outlet_furniture(it, batch))


def _counted(rows: Any, counters: dict[str, Any]) -> Any:
    """The partition's rows; at its end, its counts go to the driver's accumulators."""
    n = {"article": 0, "error": 0}
    for kind, row in rows:
        n[kind] += 1
        yield kind, row
    counters["articles"].add(n["article"])
    counters["errors"].add(n["error"])
    counters["partitions"].add(1)


def _write(spark: Any, out: Any, kind: str, schema: str, url: str) -> None:
    rows = out.filter(lambda t: t[0] == kind).map(lambda t: t[1])
    spark.createDataFrame(rows, schema).write.mode("errorifexists").parquet(url)


def _output_url(output: str) -> str:
    """A URL for Spark; a local folder must not exist yet (nothing is ever overwritten)."""
    if "://" in output:
        return output.rstrip("/")
    path = Path(output)
    if path.exists():
        raise InputError(f"{output}: already exists (spark extract writes a new folder)", source=output)
    return path.resolve().as_uri()


def main() -> None:
    """``python -m claimledger.spark.job`` and spark-submit: the same command as ``claimledger spark``."""
    from claimledger.spark.cli import spark_app

    spark_app(prog_name="claimledger-spark")


if __name__ == "__main__":
    main()
