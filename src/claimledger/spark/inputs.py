"""The driver's side of reading: which files an input names, and one RDD of records over them.

A local path (no scheme) is listed as ``ingest`` lists it (a folder's files sorted, named as
``ingest`` names them, so that the two give the same ids and source hashes); a URL (hdfs://,
s3a://, file://, ...) is listed with Hadoop's FileSystem, globs allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimledger.config import Settings
from claimledger.errors import InputError, UnsupportedInput
from claimledger.records import Failure
from claimledger.spark.partitions import Origin, jsonl_line, parquet_row, warc_bytes, warc_file

KINDS = {".jsonl": "jsonl", ".warc": "warc", ".parquet": "parquet"}
INGEST_ONLY = (".txt", ".text", ".html", ".htm", ".xhtml", ".rss", ".atom", ".xml")
_BLANK = " \t\n\r\x0b\x0c"  # what bytes.strip() strips: the blank lines ``ingest`` skips


@dataclass(frozen=True)
class InputFile:
    display: str  # the name records get (``path#id``), as ``ingest`` would give it
    url: str  # what Spark reads
    kind: str  # jsonl | warc | parquet | other (refused) | missing (the failure is in ``error``)
    error: str | None = None
    local: bool = False  # a path on this machine (executors of local[*] read it directly)


def kind_of(name: str) -> str | None:
    """jsonl, warc or parquet from a file name (``.gz`` looks at the suffix before it); ``other``
    for the pages and feeds only ``ingest`` reads; None for anything else (skipped in folders)."""
    base = name.lower().removesuffix(".gz")
    for suffix, kind in KINDS.items():
        if base.endswith(suffix):
            return kind
    return "other" if base.endswith(INGEST_ONLY) else None


def list_specs(spark: Any, specs: list[str]) -> list[tuple[str, list[InputFile]]]:
    """Each input with the files it names, in the order ``ingest`` reads them."""
    return [(spec, _hadoop_files(spark, spec) if "://" in spec else _local_files(spec)) for spec in specs]


def _local_files(spec: str) -> list[InputFile]:
    path = Path(spec)
    if not path.exists():
        return [_missing(spec, f"[{InputError.code}] {spec}: no such file")]
    if not path.is_dir():
        return [_file(str(path), path.resolve().as_uri(), explicit=True, local=True)]
    try:
        found = sorted(p for p in path.rglob("*") if p.is_file())
    except OSError as exc:
        return [_missing(spec, f"[{InputError.code}] {spec}: unreadable folder ({exc.strerror or exc})")]
    return [_file(str(p), p.resolve().as_uri(), local=True) for p in found if kind_of(p.name) is not None]


def _hadoop_files(spark: Any, spec: str) -> list[InputFile]:
    jvm, conf = spark.sparkContext._jvm, spark.sparkContext._jsc.hadoopConfiguration()
    try:
        pattern = jvm.org.apache.hadoop.fs.Path(spec)
        fs = pattern.getFileSystem(conf)
        statuses = fs.globStatus(pattern) or []
        names: list[str] = []
        for status in statuses:
            if not status.isDirectory():
                names.append(status.getPath().toString())
                continue
            listing = fs.listFiles(status.getPath(), True)
            while listing.hasNext():
                names.append(listing.next().getPath().toString())
    except Exception as exc:  # noqa: BLE001 - py4j wraps every Java error; one line names it
        reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        return [_missing(spec, f"[{InputError.code}] {spec}: cannot list ({reason})")]
    if not names:
        return [_missing(spec, f"[{InputError.code}] {spec}: no such file")]
    explicit = len(names) == 1 and not statuses[0].isDirectory()
    return [_file(n, n, explicit=explicit) for n in sorted(names) if explicit or kind_of(n.rsplit("/", 1)[-1])]


def _file(display: str, url: str, explicit: bool = False, local: bool = False) -> InputFile:
    kind = kind_of(display.rsplit("/", 1)[-1]) or ("other" if explicit else None)
    if kind == "other":
        why = "spark extract reads JSONL, Parquet and WARC files (`claimledger ingest` reads pages and feeds)"
        return InputFile(display, url, "other", f"[{UnsupportedInput.code}] {display}: {why}")
    return InputFile(display, url, kind, local=local)  # type: ignore[arg-type]


def _missing(spec: str, error: str) -> InputFile:
    return InputFile(spec, spec, "missing", error)


# -- one RDD of records ------------------------------------------------------------------------
def read(spark: Any, listed: list[tuple[str, list[InputFile]]], settings: Settings, min_partitions: int
         ) -> tuple[Any, list[int]]:
    """An RDD of (key, (Origin, RawArticle | Failure)) over every file in order, and for each
    of its partitions the index of the input (spec) it belongs to."""
    sc = spark.sparkContext
    rdds, owners = [], []
    for spec_index, (_, files) in enumerate(listed):
        for file_index, f in enumerate(files):
            rdd = _records(spark, f, (spec_index, file_index), settings, min_partitions)
            rdds.append(rdd)
            owners += [spec_index] * rdd.getNumPartitions()
    if not rdds:
        return sc.emptyRDD(), owners
    return sc.union(rdds), owners


def _records(spark: Any, f: InputFile, key: tuple[int, int], settings: Settings, min_partitions: int) -> Any:
    sc, display, max_bytes = spark.sparkContext, f.display, settings.max_bytes
    if f.error is not None:
        return sc.parallelize([(key, (Origin(display, ""), Failure(display, f.error)))], 1)
    if f.kind == "jsonl":
        lines = sc.textFile(f.url, min_partitions).zipWithIndex()
        return lines.filter(lambda li: li[0].strip(_BLANK)).map(
            lambda li: ((*key, li[1]), jsonl_line(display, li[1] + 1, li[0], max_bytes)))
    if f.kind == "parquet":
        try:
            rows = spark.read.parquet(f.url).rdd.zipWithIndex()
        except Exception as exc:  # noqa: BLE001 - an unreadable Parquet file is one failure
            reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
            failure = Failure(display, f"[{InputError.code}] {display}: unreadable Parquet ({reason})")
            return sc.parallelize([(key, (Origin(display, ""), failure))], 1)
        return rows.map(lambda ri: ((*key, ri[1]), parquet_row(display, ri[1] + 1, ri[0].asDict(True), max_bytes)))
    if f.local:  # read where it lies, whatever the workers' folder; records keep ``ingest``'s names
        absolute = str(Path(display).resolve())
        return sc.parallelize([0], 1).flatMap(
            lambda _: (((*key, n), rec) for n, rec in enumerate(warc_file(display, absolute, settings))))
    return sc.binaryFiles(f.url, 1).flatMap(
        lambda kv: (((*key, n), rec) for n, rec in enumerate(warc_bytes(display, kv[1], settings))))


def number(counts: dict[int, int], owners: list[int], listed: list[tuple[str, list[InputFile]]]
           ) -> tuple[list[int], list[tuple[int, tuple[Origin, Failure]]], int]:
    """Each partition's first input order, the failures for inputs that hold no record (as
    ``ingest`` reports them, in their place), and the number of records in all."""
    offsets, missing, pos = [0] * len(owners), [], 0
    for spec_index, (spec, files) in enumerate(listed):
        mine = [i for i, owner in enumerate(owners) if owner == spec_index]
        if not sum(counts.get(i, 0) for i in mine):
            why = ("no non-blank lines" if len(files) == 1 and files[0].kind == "jsonl"
                   else "no .jsonl, .parquet or .warc files (optionally .gz)")
            missing.append((pos, (Origin(spec, ""), Failure(spec, f"[{InputError.code}] {spec}: no articles found "
                                                                  f"({why})"))))
            pos += 1
        for i in mine:
            offsets[i] = pos
            pos += counts.get(i, 0)
    return offsets, missing, pos
