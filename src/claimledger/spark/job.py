"""Corpus-scale extraction with PySpark: one Service (one model load) per partition.

    python -m claimledger.spark.job INPUT_JSONL OUTPUT_DIR [--published YYYY-MM-DD]

INPUT_JSONL holds one article per line ({"id", "text"|"html", "published"?, "outlet"?}); the
output is JSON lines in the `extract` contract's shape. The core never imports pyspark.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from datetime import date

from claimledger.config import Settings
from claimledger.records import RawArticle


def _raw(line: str) -> RawArticle | dict:
    try:
        obj = json.loads(line)
        kind = "text" if isinstance(obj.get("text"), str) else "html"
        content = obj.get("text") if kind == "text" else obj.get("html")
        if not isinstance(content, str):
            return {"error": "no 'text' or 'html' string field", "path": str(obj.get("id"))}
        published = date.fromisoformat(obj["published"][:10]) if obj.get("published") else None
        return RawArticle(uri=str(obj.get("id", "")), content=content, media_type=kind,  # type: ignore[arg-type]
                          published=published, outlet=obj.get("outlet"), url=obj.get("url"))
    except (ValueError, TypeError, AttributeError) as exc:
        return {"error": f"malformed line ({exc})", "path": ""}


def extract_partition(lines: Iterable[str], settings: Settings | None = None) -> Iterator[str]:
    """What each Spark partition runs: build the Service once, extract every line."""
    from claimledger.errors import ClaimLedgerError
    from claimledger.service import Service

    service = Service(settings or Settings())
    for line in lines:
        raw = _raw(line)
        if isinstance(raw, dict):
            yield json.dumps(raw)
            continue
        try:
            yield json.dumps(service.extract_one(service.clean_raw(raw)).to_dict(), ensure_ascii=False)
        except ClaimLedgerError as exc:
            yield json.dumps({"path": raw.uri, "error": str(exc)})


def run(input_path: str, output_dir: str, partitions: int = 2) -> None:
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("claimledger").master(f"local[{partitions}]").getOrCreate()
    try:
        lines = spark.sparkContext.textFile(input_path, minPartitions=partitions)
        lines.mapPartitions(extract_partition).saveAsTextFile(output_dir)
    finally:
        spark.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--partitions", type=int, default=2)
    args = ap.parse_args()
    run(args.input, args.output, args.partitions)


if __name__ == "__main__":
    main()
