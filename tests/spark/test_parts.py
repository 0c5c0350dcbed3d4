"""The Spark face's plain-Python parts, without Spark: rows, records, outlet furniture, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.errors import EngineUnavailable, InputError
from claimledger.records import Failure, RawArticle, Removal
from claimledger.spark.job import _output_url
from claimledger.spark.output import read_output
from claimledger.spark.partitions import jsonl_line, outlet_furniture, parquet_row
from claimledger.spark.rows import article_row, clean_removed_of, extraction_of
from claimledger.spark.session import java_version

ARTICLE = ("Police in Arlen, Ohio said on Monday that between 3 and 5 people were killed and a quarter of "
           "the 40 passengers were injured, according to a spokesman. Officials said 12 were missing.")


def test_an_output_row_gives_back_the_extraction(service) -> None:
    from dataclasses import replace
    from datetime import date

    ex = service.extract_text(ARTICLE, published=date(2025, 3, 3))
    assert ex.figures and ex.claims and ex.places
    ex = replace(ex, article=replace(ex.article, source_hash="ab" * 32, author="A. Writer"))
    row = article_row(ex, ex.article.removed[:1], 7, "in.jsonl", "a1")
    assert row["input_order"] == 7 and row["source_hash"] == "ab" * 32 and row["text"] == ex.article.text
    contract = ex.to_dict()
    assert json.loads(row["extract"]) == {k: v for k, v in contract.items() if k != "text"}  # `extract --jsonl`
    back = extraction_of(json.loads(json.dumps(row)))  # as Parquet gives it back: strings
    assert back == ex and back.to_dict() == contract and back.event == ex.event and back.sentences == ex.sentences
    assert clean_removed_of(row) == ex.article.removed[:1]


def test_jsonl_lines_are_checked_as_ingest_checks_them() -> None:
    origin, item = jsonl_line("in.jsonl", 1, '\ufeff{"id": "a", "text": "Two were hurt."}', 1000)
    assert isinstance(item, RawArticle) and item.uri == "in.jsonl#a" and origin.input_id == "a"
    origin, item = jsonl_line("in.jsonl", 2, '{"text": "caf\ufffd"}', 1000)
    assert isinstance(item, Failure) and item.error.startswith("[CL001] in.jsonl:2: not valid UTF-8")
    _, item = jsonl_line("in.jsonl", 3, "{broken", 1000)
    assert isinstance(item, Failure) and item.error.startswith("[CL004] in.jsonl:3: malformed JSON")
    origin, item = jsonl_line("in.jsonl", 4, '{"text": "' + "x" * 2000 + '"}', 1000)
    assert isinstance(item, Failure) and "limit" in item.error and origin.input_id == "4"


def test_parquet_rows_take_dates_and_numeric_ids() -> None:
    from datetime import date

    origin, item = parquet_row("in.parquet", 1, {"id": 42, "text": "Two were hurt.", "published": date(2025, 1, 2),
                                                 "outlet": None}, 1000)
    assert isinstance(item, RawArticle) and item.uri == "in.parquet#42" and item.published == date(2025, 1, 2)


def test_outlet_furniture_comes_from_earlier_batches_of_the_same_outlet() -> None:
    line = "Read the valley edition every evening"
    texts = [f"Story {name} happened.\n{line}" for name in ("one", "two", "six", "ten", "red", "map")]
    rows = [(("valley", order), (texts[order], (), "Valley")) for order in (0, 1, 2, 3, 4)]
    rows += [(("wire", 5), (texts[5], (), "Wire"))]
    found = dict(outlet_furniture(rows, batch_size=2))
    cut = Removal(len("Story one happened.\n"), len(texts[0]), "boilerplate")
    assert found == {2: (cut,), 3: (cut,), 4: (cut,)}  # two articles of batch 0 seen; none of the wire's


def test_load_refuses_what_spark_extract_did_not_write(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\[CL001\].*not an output of `claimledger spark extract`"):
        next(read_output(str(tmp_path)))
    result = CliRunner().invoke(app, ["load", str(tmp_path / "nothing"), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 1 and "[CL001]" in result.output and not (tmp_path / "l.db").exists()


def test_spark_extract_never_writes_into_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="already exists"):
        _output_url(str(tmp_path))


def test_no_java_is_one_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(EngineUnavailable, match=r"\[CL015\] spark: Java 17 or newer is needed"):
        java_version()


def test_the_commands_are_registered() -> None:
    result = CliRunner().invoke(app, ["spark", "extract", "--help"])
    assert result.exit_code == 0 and "--partitions" in result.output and "--master" in result.output
    assert CliRunner().invoke(app, ["load", "--help"]).exit_code == 0
