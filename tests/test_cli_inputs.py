"""CLI inputs: --outlet/--published fill in only what an input does not say (HTML, WARC, JSONL,
feed), standard input (``-``), --version, unwrapped piped output, progress totals, copy lines."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.ledger import Ledger

STORY = ("Police said on Tuesday that three people were killed and 11 were injured when a bus overturned "
         "near Kisumu. The regional commissioner said the driver had lost control on a wet road.")
PAGE = ("<html><head><title>Bus overturns near Kisumu</title>"
        '<meta property="og:site_name" content="Lakeside Herald">'
        '<meta property="article:published_time" content="2025-03-11T08:00:00Z">'
        "</head><body><article><h1>Bus overturns near Kisumu</h1><p>{}</p><p>{}</p></article></body></html>")
FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Lake Region News</title>"
        "<item><title>Bus overturns</title><link>https://lakeregion.example/bus</link>"
        "<pubDate>Tue, 11 Mar 2025 08:00:00 GMT</pubDate><description>{}</description></item>"
        "</channel></rss>")


def _page(a: str = STORY, b: str = "Rescue teams worked through the night at the scene.") -> str:
    return PAGE.format(a, b)


def _stored(db: Path) -> list[dict]:
    return Ledger(str(db), create=False).articles()


def _ingest(*args: str, input: str | bytes | None = None) -> object:
    res = CliRunner().invoke(app, ["ingest", *args], input=input)
    assert res.exit_code == 0, res.output
    return res


def test_html_keeps_its_own_date_and_outlet(tmp_path: Path) -> None:
    page = tmp_path / "bus.html"
    page.write_text(_page())
    db = tmp_path / "l.db"
    _ingest(str(page), "--db", str(db), "--published", "2020-01-01", "--outlet", "Run Default")
    (art,) = _stored(db)
    assert art["published"] == "2025-03-11" and art["outlet"] == "Lakeside Herald"


def test_run_defaults_fill_in_what_an_input_lacks(tmp_path: Path) -> None:
    text = tmp_path / "bus.txt"
    text.write_text(STORY)
    db = tmp_path / "l.db"
    _ingest(str(text), "--db", str(db), "--published", "2020-01-01", "--outlet", "Run Default")
    (art,) = _stored(db)
    assert art["published"] == "2020-01-01" and art["outlet"] == "Run Default"


def test_warc_keeps_the_pages_date(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        body = _page().encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://herald.example/bus", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    db = tmp_path / "l.db"
    _ingest(str(path), "--db", str(db), "--published", "2020-01-01", "--outlet", "Run Default")
    (art,) = _stored(db)
    assert art["published"] == "2025-03-11" and art["outlet"] == "Lakeside Herald"


def test_jsonl_keeps_its_fields_and_takes_defaults_where_missing(tmp_path: Path) -> None:
    rows = [{"id": "own", "text": STORY, "outlet": "Kisumu Times", "published": "2025-03-11"},
            {"id": "bare", "text": "Officials said two people drowned in Lake Victoria on Monday."}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = tmp_path / "l.db"
    _ingest(str(path), "--db", str(db), "--published", "2020-01-01", "--outlet", "Run Default")
    by_uri = {a["uri"].rsplit("#", 1)[1]: a for a in _stored(db)}
    assert (by_uri["own"]["outlet"], by_uri["own"]["published"]) == ("Kisumu Times", "2025-03-11")
    assert (by_uri["bare"]["outlet"], by_uri["bare"]["published"]) == ("Run Default", "2020-01-01")


def test_feed_keeps_its_channel_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(FEED.format(STORY))
    db = tmp_path / "l.db"
    _ingest(str(path), "--db", str(db), "--published", "2020-01-01", "--outlet", "Run Default")
    (art,) = _stored(db)
    assert art["published"] == "2025-03-11" and art["outlet"] == "Lake Region News"


def test_ingest_reads_jsonl_from_stdin(tmp_path: Path) -> None:
    rows = [{"id": "a", "text": STORY, "outlet": "Kisumu Times", "published": "2025-03-11"}]
    db = tmp_path / "l.db"
    res = _ingest("-", "--db", str(db), "--jsonl", input="".join(json.dumps(r) + "\n" for r in rows))
    (out,) = [json.loads(x) for x in res.stdout.splitlines()]
    assert out["status"] == "stored" and out["uri"] == "-#a"
    assert _stored(db)[0]["outlet"] == "Kisumu Times"


def test_extract_and_clean_read_stdin() -> None:
    res = CliRunner().invoke(app, ["extract", "-", "--jsonl", "--published", "2025-03-11"], input=STORY)
    assert res.exit_code == 0, res.output
    (obj,) = [json.loads(x) for x in res.stdout.splitlines()]
    assert obj["path"] == "-" and obj["text"] == STORY and obj["published"] == "2025-03-11"
    page = CliRunner().invoke(app, ["clean", "-", "--jsonl"], input=_page())
    assert page.exit_code == 0 and json.loads(page.stdout)["title"] == "Bus overturns near Kisumu"


def test_version() -> None:
    from claimledger import __version__

    res = CliRunner().invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"claimledger {__version__}"


def test_piped_report_is_not_wrapped_at_80_columns(tmp_path: Path) -> None:
    path = tmp_path / "bus.txt"
    path.write_text(STORY)
    db = tmp_path / "l.db"
    _ingest(str(path), "--db", str(db), "--outlet", "A Very Long Outlet Name Indeed For The Purpose Of Testing")
    res = CliRunner().invoke(app, ["report", "--db", str(db)])
    assert res.exit_code == 0
    assert any(len(line) > 80 for line in res.stdout.splitlines())
    assert "A Very Long Outlet Name Indeed For The Purpose Of Testing" in res.stdout


def test_progress_total_counts_the_articles(tmp_path: Path) -> None:
    from claimledger.service import Service

    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n')
    (tmp_path / "c.rss").write_text(FEED.format(STORY))
    assert Service().count_articles([str(tmp_path)]) == 5
    assert Service().count_articles(["https://example.org/a"]) is None


@pytest.mark.parametrize("named", [True, False])
def test_the_copy_line_names_outlets(tmp_path: Path, named: bool) -> None:
    rows = [{"id": "orig", "text": STORY, "outlet": "Kisumu Times"},
            {"id": "copy", "text": STORY + "\nFollow us for more news.", **({"outlet": "Wire"} if named else {})}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = _ingest(str(path), "--db", str(tmp_path / "l.db"))
    (line,) = [x for x in res.stdout.splitlines() if x.startswith("copy of")]
    assert "(Kisumu Times)" in line
    assert ("carried by Wire" if named else "carried by an unnamed outlet") in line
