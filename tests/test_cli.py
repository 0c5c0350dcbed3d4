"""The command-line face: contract of clean/extract, ingest idempotency, report."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claimledger.cli import app

ARTICLE = ("Police said on Tuesday that three people were killed and 11 were injured in Mwanza.\n"
           "READ: Another Story Entirely Different From This One\n"
           "Subscribe to our newsletter for the top stories.\n")


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_clean_jsonl_goes_on_after_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(ARTICLE)
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00binary")
    res = CliRunner().invoke(app, ["clean", str(bad), str(good), str(tmp_path / "missing.txt"), "--jsonl"])
    assert res.exit_code == 1
    objs = _lines(res.stdout)
    assert [o["path"] for o in objs] == [str(bad), str(good), str(tmp_path / "missing.txt")]
    assert "error" in objs[0] and "error" in objs[2]
    assert objs[1]["text"].startswith("Police said")


def test_extract_contract_fields(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    res = CliRunner().invoke(app, ["extract", str(p), "--jsonl", "--published", "2025-03-12"])
    assert res.exit_code == 0, res.output
    (obj,) = _lines(res.stdout)
    assert obj["text"] == ARTICLE and obj["published"] == "2025-03-12"
    for key in ("removed", "claims", "figures", "places", "totals", "flags"):
        assert key in obj
    for f in obj["figures"]:
        assert obj["text"][f["span"]["start"]:f["span"]["end"]] == f["span"]["text"]


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    res = CliRunner().invoke(app, ["extract", str(p), "--published", "March 12"])
    assert res.exit_code == 2


def test_ingest_twice_is_idempotent_and_report_runs(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    db = str(tmp_path / "l.db")
    first = CliRunner().invoke(app, ["ingest", str(p), "--db", db, "--jsonl"])
    again = CliRunner().invoke(app, ["ingest", str(p), "--db", db, "--jsonl"])
    assert _lines(first.stdout)[0]["status"] == "stored"
    assert _lines(again.stdout)[0]["status"] == "already stored"
    rep = CliRunner().invoke(app, ["report", "--db", db, "--json"])
    assert rep.exit_code == 0 and json.loads(rep.stdout)["articles"] == 1


def test_report_on_a_missing_ledger_fails_without_creating_it(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["report", "--db", str(tmp_path / "typo.db")])
    assert res.exit_code == 1 and "no ledger" in res.output
    assert not (tmp_path / "typo.db").exists()


def test_report_strips_terminal_escapes(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    db = str(tmp_path / "l.db")
    CliRunner().invoke(app, ["ingest", str(p), "--db", db, "--outlet", "Evil\x1b]0;PWNED\x07\x1b[31mWire"])
    res = CliRunner().invoke(app, ["report", "--db", db])
    assert res.exit_code == 0 and "\x1b" not in res.output
