"""Read ``spark extract``'s output back, in input order, for ``claimledger load`` (pyarrow, no Java)."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Any

from claimledger.errors import EngineUnavailable, InputError
from claimledger.records import Failure
from claimledger.service import Prepared
from claimledger.spark.rows import ARTICLES, ERRORS, clean_removed_of, extraction_of

ROWS_PER_READ = 256


def read_output(output: str) -> Iterator[Prepared | Failure]:
    """Every article and bad record of ``output`` (a local folder or a URL pyarrow reads),
    merged in input order; a missing or unreadable output is one coded error."""
    fs, root = _filesystem(output)
    articles = _ordered_rows(fs, f"{root}/{ARTICLES}", output)
    errors = _ordered_rows(fs, f"{root}/{ERRORS}", output)
    for _, row in heapq.merge(articles, errors, key=lambda pair: pair[0]):
        if "error" in row:
            yield Failure(row["path"], row["error"])
        else:
            yield Prepared(extraction_of(row), clean_removed_of(row), row["input_order"])


def _filesystem(output: str) -> tuple[Any, str]:
    try:
        from pyarrow import fs
    except ImportError:
        raise EngineUnavailable("pyarrow is not installed: pip install 'claimledger[spark]'") from None
    try:
        filesystem, root = fs.FileSystem.from_uri(output) if "://" in output else (fs.LocalFileSystem(), output)
    except (OSError, ValueError) as exc:
        raise InputError(f"{output}: cannot open ({exc})", source=output) from None
    info = filesystem.get_file_info(f"{root}/{ARTICLES}")
    if info.type != fs.FileType.Directory:
        raise InputError(f"{output}: not an output of `claimledger spark extract` (no {ARTICLES}/ folder)",
                         source=output)
    return filesystem, root.rstrip("/")


def _ordered_rows(fs: Any, folder: str, output: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(input_order, row) of every Parquet file in ``folder``, in order. Spark writes one file
    per range of orders; files are read one after another, a few hundred rows at a time."""
    import pyarrow.parquet as pq
    from pyarrow import fs as pafs

    found = fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True))
    files = [f.path for f in found if f.is_file and f.base_name.endswith(".parquet")
             and not f.base_name.startswith(("_", "."))]
    ranges = [(_order_range(pq, fs, path), path) for path in files]
    spans = sorted((lo_hi, path) for lo_hi, path in ranges if lo_hi is not None)
    for (prev, _), (nxt, path) in zip(spans, spans[1:], strict=False):
        if nxt[0] <= prev[1]:
            raise InputError(f"{output}: {path} overlaps another file's input order (not written by "
                             "`claimledger spark extract`)", source=output)
    for _, path in spans:
        with fs.open_input_file(path) as fh:
            last = -1
            for batch in pq.ParquetFile(fh).iter_batches(batch_size=ROWS_PER_READ):
                for row in batch.to_pylist():
                    if row["input_order"] <= last:
                        raise InputError(f"{output}: {path} is not in input order", source=output)
                    last = row["input_order"]
                    yield last, row


def _order_range(pq: Any, fs: Any, path: str) -> tuple[int, int] | None:
    """(first, last) input order in a file, from its column statistics; None when it is empty."""
    with fs.open_input_file(path) as fh:
        meta = pq.ParquetFile(fh).metadata
    col = meta.schema.names.index("input_order")
    stats = [meta.row_group(i).column(col).statistics for i in range(meta.num_row_groups)
             if meta.row_group(i).num_rows]
    if not stats:
        return None
    return min(s.min for s in stats), max(s.max for s in stats)
