"""Strings at the ingest boundary: lone surrogates, control characters and over-long metadata
never stop a run; each input gets its article or one coded line (claimledger.ingest.strings)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from claimledger.config import Settings
from claimledger.ingest import ingest
from claimledger.ingest.strings import one_line, vetted, without_surrogates
from claimledger.records import Failure, RawArticle, source_hash
from claimledger.service import Service

GOOD = "Police said 3 people were killed in Leeds on Monday."


def _items(path: Path) -> list[RawArticle | Failure]:
    return list(ingest(str(path), Settings()))


@pytest.fixture
def fresh(tmp_path: Path, service: Service) -> Service:
    """A service over an empty ledger, with the session's model."""
    svc = Service(Settings(db_url=f"sqlite:///{tmp_path / 'l.db'}"))
    svc.__dict__["extractor"] = service.extractor
    return svc


def test_a_lone_surrogate_becomes_one_replacement_character() -> None:
    text = "caf\u00e9 \ud800 and \udfff end"
    clean = without_surrogates(text)
    assert len(clean) == len(text) and clean == "caf\u00e9 \ufffd and \ufffd end"
    assert without_surrogates("\U0001f600 paired") == "\U0001f600 paired"


def test_metadata_is_one_clean_line() -> None:
    assert one_line("  The\r\nHerald\x1b[31m\u2028 ") == "The Herald [31m"
    raw = vetted(RawArticle(uri="a\nb", content="x", media_type="text", outlet="Cafe\u0301", title="\ud800T"))
    assert raw.uri == "a b" and raw.outlet == "Caf\u00e9" and raw.title == "\ufffdT"


@pytest.mark.parametrize("field", ["text", "outlet", "title", "url", "id"])
def test_jsonl_lone_surrogate_in_any_field_is_stored_and_the_run_goes_on(fresh: Service, tmp_path: Path,
                                                                         field: str) -> None:
    bad = {"id": "a", "text": GOOD, "outlet": "Wire", "title": "T", "url": "https://example.org/a"}
    bad[field] = bad[field] + "\ud800"
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps(bad) + "\n" + json.dumps({"id": "b", "text": "Officials said 5 people died."}) + "\n")
    outs = list(fresh.ingest([str(p)]))
    assert [o.status for o in outs] == ["stored", "stored"]
    for out in outs:
        json.dumps(out.to_dict(), ensure_ascii=False).encode("utf-8")  # printable as the CLI prints it
    stored = fresh.ledger.article(outs[0].article_id)
    value = stored["text"] if field == "text" else stored["uri"] if field == "id" else stored[field]
    assert "\ufffd" in value


def test_a_file_name_that_is_not_utf8_is_ingested(fresh: Service, tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xff.txt")  # surrogateescape: a lone surrogate in the path string
    (tmp_path / name).write_text(GOOD)
    (out,) = fresh.ingest([str(tmp_path / name)])
    assert out.status == "stored" and "\ufffd" in out.uri
    source_hash(out.uri, None, GOOD)  # encodes


def test_over_long_metadata_fails_that_article_only(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"text": GOOD, "title": "T" * 5_000}) + "\n" + json.dumps({"text": GOOD}) + "\n")
    bad, good = _items(p)
    assert isinstance(bad, Failure) and bad.error.startswith("[CL004] ")
    assert "'title' is longer than 2,000 characters (5,000)" in bad.error
    assert isinstance(good, RawArticle)


def test_feed_link_with_line_breaks_gives_one_line_names(tmp_path: Path) -> None:
    p = tmp_path / "f.rss"
    p.write_text('<rss version="2.0"><channel><title>Wire\r\nNews</title><item><title>A</title>'
                 '<link>https://example.org/a&#13;&#10;evil</link><description></description></item>'
                 f'<item><link>https://example.org/b</link><description>{GOOD}</description></item>'
                 '</channel></rss>')
    bad, good = _items(p)
    assert isinstance(bad, Failure) and "\n" not in bad.error and "\r" not in bad.uri
    assert isinstance(good, RawArticle) and good.outlet == "Wire News"


def test_feed_declaring_an_impossible_encoding_is_a_parse_error(tmp_path: Path) -> None:
    p = tmp_path / "f.rss"
    p.write_bytes(b'<?xml version="1.0" encoding="\x00utf-8"?><rss version="2.0"><channel></channel></rss>')
    (bad,) = _items(p)
    assert isinstance(bad, Failure) and bad.error.startswith("[CL004] ") and "malformed feed" in bad.error


def test_feed_with_invalid_utf8_gives_articles_or_coded_errors(tmp_path: Path) -> None:
    p = tmp_path / "f.rss"
    p.write_bytes(b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>W\xff</title>'
                  b'<item><description>Police said 3 died \xc3\x28 in Leeds.</description></item></channel></rss>')
    for item in _items(p):
        assert isinstance(item, RawArticle) or not item.error.startswith("[CL008]")


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    out = b""
    for headers, block in records:
        out += (f"WARC/1.0\r\n{headers}Content-Length: {len(block)}\r\n\r\n").encode() + block + b"\r\n\r\n"
    return out


HTTP = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + GOOD.encode() + b"</p></body></html>"


@pytest.mark.parametrize("gz", [False, True])
def test_warc_response_without_target_uri_ends_the_archive_with_a_coded_error(tmp_path: Path, gz: bool) -> None:
    good = ("WARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
            "Content-Type: application/http; msgtype=response\r\n", HTTP)
    no_uri = ("WARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n", HTTP)
    data = _warc([good, no_uri])
    p = tmp_path / ("a.warc.gz" if gz else "a.warc")
    p.write_bytes(gzip.compress(data) if gz else data)
    first, bad = _items(p)
    assert isinstance(first, RawArticle) and first.uri == "https://example.org/a"
    assert isinstance(bad, Failure) and bad.error.startswith(f"[CL004] {p}: malformed WARC")
    assert "AttributeError" in bad.error


def test_warc_reader_warnings_stay_off_the_terminal(tmp_path: Path, capfd: pytest.CaptureFixture) -> None:
    header = ("WARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
              "Content-Type: application/http; msgtype=response\r\n")
    data = _warc([(header, HTTP)]).replace(f"Content-Length: {len(HTTP)}".encode(),
                                           f"Content-Length: {len(HTTP) - 4}".encode())
    p = tmp_path / "a.warc"
    p.write_bytes(data)
    _items(p)
    assert "WARNING" not in capfd.readouterr().err


def test_posted_text_with_a_lone_surrogate_is_extracted(service: Service) -> None:
    ex = service.extract_text(GOOD + " \ud800")
    assert ex.article.text.endswith("\ufffd")


def test_clean_of_a_missing_file_whose_name_is_not_utf8_is_one_printable_line(tmp_path: Path) -> None:
    name = str(tmp_path / os.fsdecode(b"missing\xff.txt"))
    (failure,) = Service(Settings()).clean_paths([name])
    assert isinstance(failure, Failure) and failure.error.startswith("[CL001] ")
    (failure.uri + failure.error).encode("utf-8")
