"""The layout of ``spark extract``'s output, and the conversions both ways. No pyspark here.

OUTPUT/articles/ holds one Parquet row per article:

- ``input_order`` (the article's place among the run's inputs, failures counted, as ``ingest``
  reads them), ``input`` (the file it came from), ``input_id`` (its id, line or record number
  there), ``source_hash`` (the input's identity in the ledger);
- ``path``, ``published``, ``title``, ``outlet``, ``url``, ``text``: plain columns to filter on;
- ``extract``: the object ``claimledger extract --jsonl`` prints, as JSON, without its ``text``
  (Spark SQL: ``get_json_object(extract, '$.figures')`` or ``from_json``);
- ``record``: the whole Extraction as JSON (text left out), which ``load`` reads back exactly,
  whatever fields the records grow; ``clean_removed``: the removals cleaning found before any
  outlet furniture was added (JSON).

OUTPUT/errors/ holds one row per bad record: ``input_order``, ``input``, ``input_id``, ``path``
and ``error`` (``[CLnnn] path: reason``).
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import fields, is_dataclass
from datetime import date
from functools import cache
from typing import Any

from claimledger.records import Extraction, Failure, Removal

ARTICLES = "articles"
ERRORS = "errors"

_KEYS = "input_order BIGINT, input STRING, input_id STRING"
ARTICLE_SCHEMA = (f"{_KEYS}, source_hash STRING, path STRING, published STRING, title STRING, outlet STRING, "
                  "url STRING, text STRING, extract STRING, record STRING, clean_removed STRING")
ERROR_SCHEMA = f"{_KEYS}, path STRING, error STRING"


def article_row(ex: Extraction, clean_removed: tuple[Removal, ...], order: int, source: str, input_id: str
                ) -> dict[str, Any]:
    """One output row (see the module's docstring)."""
    contract = ex.to_dict()
    record = encode(ex)
    del contract["text"]
    record["article"]["text"] = None  # the ``text`` column holds it
    return {"input_order": order, "input": source, "input_id": input_id, "source_hash": ex.article.source_hash,
            "path": contract["path"], "published": contract["published"], "title": contract["title"],
            "outlet": contract["outlet"], "url": contract["url"], "text": ex.article.text,
            "extract": _json(contract), "record": _json(record), "clean_removed": _json(encode(clean_removed))}


def error_row(failure: Failure, order: int, source: str, input_id: str) -> dict[str, Any]:
    return {"input_order": order, "input": source, "input_id": input_id, "path": failure.uri,
            "error": failure.error}


def extraction_of(row: dict[str, Any]) -> Extraction:
    """The Extraction a row was written from."""
    record = json.loads(row["record"])
    record["article"]["text"] = row["text"]
    return decode(Extraction, record)


def clean_removed_of(row: dict[str, Any]) -> tuple[Removal, ...]:
    return decode(tuple[Removal, ...], json.loads(row["clean_removed"]))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- records as JSON and back, by their type hints ----------------------------------------------
def encode(obj: Any) -> Any:
    """A record (frozen dataclasses, tuples, dicts, dates, scalars) as JSON-ready values."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, tuple | list):
        return [encode(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): encode(v) for k, v in obj.items()}
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def decode(tp: Any, data: Any) -> Any:
    """The value of type ``tp`` that :func:`encode` turned into ``data``."""
    if data is None:
        return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        return decode(kinds[0], data) if len(kinds) == 1 else data
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], x) for x in data)
        return tuple(decode(a, x) for a, x in zip(args, data, strict=True))
    if origin is dict:
        return {k: decode(args[1], v) for k, v in data.items()}
    if is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        return tp(**{f.name: decode(hints[f.name], data[f.name]) for f in fields(tp) if f.init and f.name in data})
    if tp is date:
        return date.fromisoformat(data)
    if tp is float:
        return float(data)
    return data


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
