"""Exports: every resource as CSV, JSONL or Parquet; events and places as GeoJSON; events in
UCDP GED's and ACLED's columns; claims as schema.org JSON-LD (``Claim``, and ``ClaimReview``
where an analyst decided about their event). The CLI (``claimledger export``) and the REST API
(``/export/...``) write the same bytes through :func:`export`.

Rows come from :meth:`claimledger.service.Service.rows` (the query layer: the same filters as
every page). A face helper: imports the service, never the CLI or the API.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from claimledger.errors import QueryError
from claimledger.exports.formats import acled_row, event_row, flat, geojson_feature, place_feature, ucdp_row
from claimledger.exports.jsonld import claims_graph
from claimledger.records import Query
from claimledger.service import Service

RESOURCES = ("events", "figures", "claims", "claimants", "articles", "places", "flags")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Format:
    """An export format: its media type, file suffix and the resources it can hold."""

    name: str
    media_type: str
    suffix: str
    resources: tuple[str, ...] = RESOURCES
    default: str = "events"


FORMATS = {f.name: f for f in (
    Format("csv", "text/csv; charset=utf-8", "csv"),
    Format("jsonl", "application/x-ndjson", "jsonl"),
    Format("parquet", "application/vnd.apache.parquet", "parquet"),
    Format("geojson", "application/geo+json", "geojson", ("events", "places")),
    Format("ucdp", "text/csv; charset=utf-8", "ucdp.csv", ("events",)),
    Format("acled", "text/csv; charset=utf-8", "acled.csv", ("events",)),
    Format("jsonld", "application/ld+json", "jsonld", ("claims",), default="claims"),
)}


def check(resource: str | None, fmt: str) -> tuple[str, Format]:
    """The resource and format to export, or a QueryError saying what would be."""
    if fmt not in FORMATS:
        raise QueryError(f"no export format {fmt!r} (one of {', '.join(FORMATS)})")
    f = FORMATS[fmt]
    resource = resource or f.default
    if resource not in f.resources:
        raise QueryError(f"{fmt} exports {' and '.join(f.resources)}, not {resource!r}")
    return resource, f


def export(service: Service, resource: str | None, fmt: str, query: Query | None = None,
           base_url: str = "http://127.0.0.1:8000") -> Iterator[bytes]:
    """The export's bytes, in chunks (Parquet in one)."""
    resource, f = check(resource, fmt)
    rows = service.rows(resource, query or Query())
    writers: dict[str, Callable[[], Iterator[bytes]]] = {
        "csv": lambda: csv_bytes(_tabular(resource, rows)),
        "jsonl": lambda: (json.dumps(r, ensure_ascii=False, default=str).encode() + b"\n" for r in rows),
        "parquet": lambda: iter([parquet_bytes(list(_tabular(resource, rows)))]),
        "geojson": lambda: geojson_bytes(geojson_feature(r, base_url) if resource == "events" else place_feature(r)
                                         for r in rows),
        "ucdp": lambda: csv_bytes(ucdp_row(r) for r in rows),
        "acled": lambda: csv_bytes(acled_row(r) for r in rows),
        "jsonld": lambda: iter([json.dumps(claims_graph(service, rows, base_url), ensure_ascii=False,
                                           indent=1).encode() + b"\n"]),
    }
    return writers[f.name]()


def _tabular(resource: str, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows as flat columns: an event's measures and place spread out, nested values as JSON."""
    for r in rows:
        yield event_row(r) if resource == "events" else flat(r)


def csv_safe(value: Any) -> Any:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def csv_bytes(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """CSV with the first row's columns as the header (later rows' extra columns are dropped)."""
    writer = None
    buf = io.StringIO()
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buf, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: csv_safe(v) for k, v in row.items()})
        if buf.tell() > 1 << 16:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode()


def parquet_bytes(rows: list[dict[str, Any]]) -> bytes:
    """One Parquet file (pyarrow); columns are the union of the rows' keys."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(dict.fromkeys(k for r in rows for k in r))
    table = pa.Table.from_pylist([{k: r.get(k) for k in columns} for r in rows]) if rows else pa.table({})
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def geojson_bytes(features: Iterable[dict[str, Any] | None]) -> Iterator[bytes]:
    """A FeatureCollection, streamed; rows without coordinates are left out."""
    yield b'{"type": "FeatureCollection", "features": ['
    first = True
    for feat in features:
        if feat is None:
            continue
        yield (b"" if first else b",\n") + json.dumps(feat, ensure_ascii=False).encode()
        first = False
    yield b"]}\n"


__all__ = ["FORMATS", "RESOURCES", "Format", "check", "csv_bytes", "csv_safe", "export"]
