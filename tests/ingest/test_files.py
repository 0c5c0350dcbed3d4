"""Reading local inputs: every bad input is refused with a reason naming it."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from claimledger.config import Settings
from claimledger.errors import InputError, UnsupportedInput
from claimledger.ingest import ingest, read_file
from claimledger.records import Failure, RawArticle

LIMIT = 1_000_000


def test_plain_text_is_read_exactly(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Officials said 3 people died.\r\nSecond line.\n", encoding="utf-8", newline="")
    raw = read_file(p, LIMIT)
    assert raw.media_type == "text"
    assert raw.content == "Officials said 3 people died.\r\nSecond line.\n"


def test_gzipped_html(tmp_path: Path) -> None:
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(b"<html><body><p>Hello</p></body></html>"))
    raw = read_file(p, LIMIT)
    assert raw.media_type == "html" and "Hello" in raw.content


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("bin.txt", b"\x00\x01\x02binary\x00", "binary"),
        ("empty.txt", b"", "empty"),
        ("latin.txt", "caf\u00e9 d\u00e9j\u00e0".encode("latin-1"), "not valid UTF-8"),
        ("bad.txt.gz", b"not gzip at all", "unreadable"),
    ],
)
def test_bad_files_are_refused_with_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_file(p, LIMIT)
    assert reason in str(err.value) and name in str(err.value)


def test_missing_and_unsupported(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "nope.txt", LIMIT)
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(UnsupportedInput, match="x.pdf"):
        read_file(tmp_path / "x.pdf", LIMIT)


def test_huge_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000)
    with pytest.raises(InputError, match="limit"):
        read_file(p, 100)


def test_html_with_declared_charset(tmp_path: Path) -> None:
    p = tmp_path / "w.html"
    p.write_bytes('<html><head><meta charset="windows-1252"></head><body>caf\u00e9</body></html>'.encode("cp1252"))
    assert "caf\u00e9" in read_file(p, LIMIT).content


def test_ingest_goes_on_after_a_bad_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police said two people were killed.")
    (tmp_path / "b.txt").write_bytes(b"\x00\x00")
    (tmp_path / "c.txt").write_text("Officials said nine were hurt.")
    items = list(ingest(str(tmp_path), Settings()))
    assert [type(i) for i in items] == [RawArticle, Failure, RawArticle]
    assert "b.txt" in items[1].error


def test_jsonl_lines_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "1", "text": "One.", "published": "2025-01-02", "outlet": "X"}\n'
                 "{not json}\n"
                 '{"id": "3", "html": "<p>Three</p>"}\n'
                 '{"id": "4"}\n')
    items = list(ingest(str(p), Settings()))
    assert isinstance(items[0], RawArticle) and items[0].outlet == "X" and str(items[0].published) == "2025-01-02"
    assert isinstance(items[1], Failure) and "malformed JSON" in items[1].error and ":2" in items[1].uri
    assert isinstance(items[2], RawArticle) and items[2].media_type == "html"
    assert isinstance(items[3], Failure)


def test_feed_entries(tmp_path: Path) -> None:
    p = tmp_path / "f.rss"
    p.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>T</title><link>https://w.example/1</link><pubDate>Sat, 15 Mar 2025 08:00:00 +0000</pubDate>
<description>&lt;p&gt;Ten people were injured, police said.&lt;/p&gt;</description></item></channel></rss>""")
    (item,) = list(ingest(str(p), Settings()))
    assert isinstance(item, RawArticle)
    assert item.outlet == "Wire" and str(item.published) == "2025-03-15" and "injured" in item.content


def test_malformed_feed_and_warc(tmp_path: Path) -> None:
    (tmp_path / "bad.rss").write_bytes(b"\x89PNG not a feed at all <<<")
    (tmp_path / "bad.warc").write_bytes(b"this is not a warc file\n" * 10)
    items = list(ingest(str(tmp_path / "bad.rss"), Settings())) + list(ingest(str(tmp_path / "bad.warc"), Settings()))
    assert all(isinstance(i, Failure) for i in items) and len(items) == 2


def test_warc_responses(tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    p = tmp_path / "a.warc.gz"
    with p.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        body = b"<html><body><p>Five soldiers were captured, the army said.</p></body></html>"
        writer.write_record(writer.create_warc_record("https://n.example/a", "response",
                                                      payload=BytesIO(body), http_headers=headers))
    (item,) = list(ingest(str(p), Settings()))
    assert isinstance(item, RawArticle) and item.uri == "https://n.example/a" and "captured" in item.content


@pytest.mark.parametrize("url", ["http://127.0.0.1/x", "http://localhost:8000/", "http://10.1.2.3/",
                                 "http://192.168.0.1/a", "file:///etc/passwd", "http://[::1]/"])
def test_private_network_urls_are_refused(url: str) -> None:
    (item,) = list(ingest(url, Settings()))
    assert isinstance(item, Failure)
    assert "refused" in item.error or "only http" in item.error


def test_jsonl_numeric_id_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "n.jsonl"
    p.write_text('{"id": 7, "text": "Police said two people were hurt."}\n')
    (item,) = list(ingest(str(p), Settings()))
    assert isinstance(item, RawArticle) and item.uri.endswith("#7")
