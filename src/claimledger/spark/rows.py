"""The layout of ``spark extract``'s output, and the conversions both ways. No pyspark here.

OUTPUT/articles/ holds one Parquet row per article: the fields of ``extract --jsonl`` (nested
columns, so ``explode(figures)`` works in Spark SQL) plus ``input_order`` (the article's place
among the run's inputs, failures counted, as ``ingest`` reads them), ``input`` (the file it came
from), ``input_id`` (its id, line or record number there), ``source_hash`` (the input's identity
in the ledger), ``author`` and ``clean_removed`` (the removals before outlet furniture was added).
OUTPUT/errors/ holds one row per bad record: ``input_order``, ``input``, ``input_id``, ``path``
and ``error`` (``[CLnnn] path: reason``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from claimledger.records import (
    Claim,
    CleanArticle,
    Extraction,
    Failure,
    Figure,
    Flag,
    Place,
    Removal,
    Span,
    Totals,
)

ARTICLES = "articles"
ERRORS = "errors"

_SPAN = "STRUCT<text: STRING, `start`: INT, `end`: INT>"
_REMOVALS = "ARRAY<STRUCT<`start`: INT, `end`: INT, reason: STRING>>"
_CLAIM = (f"STRUCT<certainty: STRING, source: {_SPAN}, cue: {_SPAN}, content: ARRAY<{_SPAN}>, hedged: BOOLEAN, "
          "hedges: ARRAY<STRING>, speaker: STRING, figures: ARRAY<INT>, places: ARRAY<INT>>")
_FIGURE = (f"STRUCT<span: {_SPAN}, measure: STRING, low: BIGINT, high: BIGINT, qualifier: STRING, point: BIGINT, "
           f"subject: {_SPAN}, date: STRING, claim: INT, sentence: {_SPAN}, of_figure: INT, ratio: DOUBLE, "
           "places: ARRAY<INT>>")
_PLACE = (f"STRUCT<span: {_SPAN}, name: STRING, country: STRING, iso3166_2: STRING, lat: DOUBLE, lon: DOUBLE, "
          "geonames_id: BIGINT, kind: STRING>")
_KEYS = "input_order BIGINT, input STRING, input_id STRING"
ARTICLE_SCHEMA = (
    f"{_KEYS}, source_hash STRING, path STRING, text STRING, published STRING, title STRING, outlet STRING, "
    f"url STRING, author STRING, removed {_REMOVALS}, clean_removed {_REMOVALS}, claims ARRAY<{_CLAIM}>, "
    f"figures ARRAY<{_FIGURE}>, places ARRAY<{_PLACE}>, totals STRUCT<killed: BIGINT, injured: BIGINT>, "
    "flags ARRAY<STRUCT<kind: STRING, figures: ARRAY<INT>, reason: STRING>>"
)
ERROR_SCHEMA = f"{_KEYS}, path STRING, error STRING"

_INT64 = 2**63


def article_row(ex: Extraction, clean_removed: tuple[Removal, ...], order: int, source: str, input_id: str
                ) -> dict[str, Any]:
    """One output row: ``extract --jsonl``'s object plus the keys ``load`` needs."""
    row = ex.to_dict()
    for f in row["figures"]:
        f["ratio"] = _float(f["ratio"])
    for p in row["places"]:
        p["lat"], p["lon"] = _float(p["lat"]), _float(p["lon"])
    return row | {"input_order": order, "input": source, "input_id": input_id,
                  "source_hash": ex.article.source_hash, "author": ex.article.author,
                  "clean_removed": [r.to_dict() for r in clean_removed]}


def fits(row: dict[str, Any]) -> bool:
    """Whether every count fits a BIGINT column (a parser's absurd number must not fail a task)."""
    values = [v for f in row["figures"] for v in (f["low"], f["high"], f["point"])]
    values += list(row["totals"].values())
    return all(v is None or -_INT64 <= v < _INT64 for v in values)


def error_row(failure: Failure, order: int, source: str, input_id: str) -> dict[str, Any]:
    return {"input_order": order, "input": source, "input_id": input_id, "path": failure.uri,
            "error": failure.error}


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


# -- rows back to records (``claimledger load``) ---------------------------------------------
def extraction_of(row: dict[str, Any]) -> Extraction:
    """The Extraction a row was written from (``row`` as pyarrow's ``to_pylist`` gives it)."""
    article = CleanArticle(
        uri=row["path"], text=row["text"], removed=removals_of(row["removed"]),
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        outlet=row["outlet"], url=row["url"], title=row["title"], author=row["author"],
        source_hash=row["source_hash"],
    )
    totals = row["totals"] or {}
    return Extraction(
        article=article,
        claims=tuple(_claim(c) for c in row["claims"]),
        figures=tuple(_figure(f) for f in row["figures"]),
        places=tuple(_place(p) for p in row["places"]),
        flags=tuple(Flag(f["kind"], tuple(f["figures"]), f["reason"]) for f in row["flags"]),
        totals=Totals(killed=totals.get("killed"), injured=totals.get("injured")),
    )


def removals_of(items: list[dict[str, Any]]) -> tuple[Removal, ...]:
    return tuple(Removal(r["start"], r["end"], r["reason"]) for r in items)


def _span(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else Span(d["text"], d["start"], d["end"])


def _claim(d: dict[str, Any]) -> Claim:
    return Claim(source=_span(d["source"]), cue=_span(d["cue"]),
                 content=tuple(_span(c) for c in d["content"]),  # type: ignore[misc]
                 hedged=d["hedged"], hedges=tuple(d["hedges"]), speaker=d["speaker"],
                 figures=tuple(d["figures"]), places=tuple(d["places"]))


def _figure(d: dict[str, Any]) -> Figure:
    return Figure(span=_span(d["span"]), measure=d["measure"], low=d["low"], high=d["high"],  # type: ignore[arg-type]
                  qualifier=d["qualifier"], subject=_span(d["subject"]), date=d["date"], claim=d["claim"],
                  sentence=_span(d["sentence"]), point=d["point"], of_figure=d["of_figure"], ratio=d["ratio"],
                  places=tuple(d["places"]))


def _place(d: dict[str, Any]) -> Place:
    return Place(span=_span(d["span"]), name=d["name"], country=d["country"],  # type: ignore[arg-type]
                 iso3166_2=d["iso3166_2"], lat=d["lat"], lon=d["lon"], geonames_id=d["geonames_id"],
                 kind=d["kind"])
