"""JSONL, feeds and WARC: one bad record is a Failure for that record, and the rest is read."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

import pytest

from claimledger.config import Settings
from claimledger.ingest import ingest
from claimledger.records import Failure, RawArticle


def _items(path: Path) -> list[RawArticle | Failure]:
    return list(ingest(str(path), Settings()))


# --- JSONL -------------------------------------------------------------------------------

@pytest.mark.parametrize("key, value", [("outlet", {"name": "X"}), ("title", ["T"]), ("url", 3), ("id", {"a": 1}),
                                        ("text", 5)])
def test_jsonl_non_string_field_fails_that_line(tmp_path: Path, key: str, value: object) -> None:
    import json

    obj = {"text": "Police said two people died.", key: value}
    if key == "text":
        obj["html"] = "<p>x</p>"
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps(obj) + "\n" + json.dumps({"text": "Nine were hurt."}) + "\n")
    bad, good = _items(p)
    assert isinstance(bad, Failure) and bad.uri == f"{p}:1"
    assert bad.error == f"[CL004] {p}:1: '{key}' must be a string"
    assert isinstance(good, RawArticle) and good.content == "Nine were hurt."


def test_jsonl_non_utf8_line_fails_only_that_line(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes(b'{"text": "One."}\n{"text": "caf\xe9"}\n{"text": "Three."}\n')
    one, bad, three = _items(p)
    assert isinstance(bad, Failure) and f"{p}:2" in bad.error and "not valid UTF-8" in bad.error
    assert [one.content, three.content] == ["One.", "Three."]  # type: ignore[union-attr]


def test_jsonl_line_numbers_count_newlines_only(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes('\ufeff{"text": "a\u2028b"}\r\n{oops}\n'.encode())
    good, bad = _items(p)
    assert isinstance(good, RawArticle) and good.content == "a\u2028b"
    assert isinstance(bad, Failure) and bad.uri == f"{p}:2"


def test_jsonl_kind_follows_the_non_empty_field(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"text": "", "html": "<p>Hi</p>"}\n'
                 '{"text": "   \\n ", "html": "<p>Two</p>"}\n'
                 '{"text": "   \\n "}\n'
                 '{"html": " "}\n'
                 '{"text": null, "html": null}\n'
                 "[1, 2]\n")
    a, b, c, d, e, f = _items(p)
    assert isinstance(a, RawArticle) and a.media_type == "html" and a.content == "<p>Hi</p>"
    assert isinstance(b, RawArticle) and b.media_type == "html"
    assert isinstance(c, Failure) and "empty" in c.error and f"{p}:3" in c.error
    assert isinstance(d, Failure) and "empty" in d.error
    assert isinstance(e, Failure) and "no 'text' or 'html'" in e.error
    assert isinstance(f, Failure) and "JSON object" in f.error


def test_jsonl_with_no_lines_is_one_failure(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text("\n  \n")
    (item,) = _items(p)
    assert isinstance(item, Failure) and item.uri == str(p) and "no articles found" in item.error


# --- feeds -------------------------------------------------------------------------------

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:w</id><updated>2025-03-15T00:00:00Z</updated>
<entry><title>Plain</title><id>urn:1</id><link href="https://w.example/1"/><updated>2025-03-15T00:00:00Z</updated>
<content type="text">Police said 3 people &lt;died&gt;.</content></entry>
<entry><title>Frag</title><id>urn:2</id><link href="https://w.example/2"/><updated>2025-03-15T00:00:00Z</updated>
<content type="html">&lt;p&gt;Ten were injured, police said.&lt;/p&gt;</content></entry>
<entry><title>Empty</title><id>urn:3</id><link href="https://w.example/3"/><updated>2025-03-15T00:00:00Z</updated>
<content type="html">   </content></entry>
</feed>"""


def test_feed_text_entries_are_text_and_fragments_are_wrapped(tmp_path: Path) -> None:
    p = tmp_path / "f.atom"
    p.write_text(ATOM)
    plain, frag, empty = _items(p)
    assert isinstance(plain, RawArticle) and plain.media_type == "text"
    assert plain.content == "Police said 3 people <died>."
    assert isinstance(frag, RawArticle) and frag.media_type == "html"
    assert frag.content == "<html><body><p>Ten were injured, police said.</p></body></html>"
    assert isinstance(empty, Failure) and "no content" in empty.error


def test_feed_fragment_is_accepted_by_the_html_cleaner(tmp_path: Path) -> None:
    from claimledger.clean import clean_article

    p = tmp_path / "f.atom"
    p.write_text(ATOM.replace("Ten were injured, police said.",
                              "Ten were injured in the capital on Tuesday, police said in a statement."))
    frag = _items(p)[1]
    assert isinstance(frag, RawArticle)
    assert "Ten were injured" in clean_article(frag, Settings()).text


def test_empty_feed_is_one_failure(tmp_path: Path) -> None:
    p = tmp_path / "empty.rss"
    p.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title></channel></rss>')
    (item,) = _items(p)
    assert isinstance(item, Failure) and item.uri == str(p)
    assert "no articles found" in item.error and str(p) in item.error and "\n" not in item.error


def test_feed_bytes_naming_a_file_are_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.rss"
    secret.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Secret</title>'
                      "<item><title>S</title><description>Private text.</description></item></channel></rss>")
    p = tmp_path / "pointer.rss"
    p.write_text(str(secret))
    items = _items(p)
    assert all(isinstance(i, Failure) for i in items)
    assert not any("Private" in getattr(i, "content", "") for i in items)


# --- WARC --------------------------------------------------------------------------------

def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for uri, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body),
                                                          http_headers=headers))


@pytest.mark.parametrize("data", [
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 40,  # gzip header, garbage deflate stream
    gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:-12] + b"\x00" * 3,  # truncated
])
def test_corrupt_warc_gz_is_a_failure(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "bad.warc.gz"
    p.write_bytes(data)
    items = _items(p)
    assert items and all(isinstance(i, Failure) for i in items)
    assert all(str(p) in i.error and "\n" not in i.error for i in items)  # type: ignore[union-attr]


def test_corrupt_tail_after_good_records(tmp_path: Path) -> None:
    p = tmp_path / "a.warc.gz"
    _warc(p, [("https://n.example/a", "text/html", b"<html><body><p>Five were captured.</p></body></html>")])
    p.write_bytes(p.read_bytes() + b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 40)
    items = _items(p)
    assert isinstance(items[0], RawArticle) and "captured" in items[0].content
    assert all(isinstance(i, Failure) for i in items[1:])


def test_warc_bodies_are_decoded_strictly(tmp_path: Path) -> None:
    p = tmp_path / "a.warc"
    _warc(p, [
        ("https://n.example/latin", "text/html; charset=iso-8859-1",
         "<html><body><p>Caf\u00e9 owner said 4 died.</p></body></html>".encode("latin-1")),
        ("https://n.example/nul", "text/html", b"<html><body>\x00\x01binary</body></html>"),
        ("https://n.example/bad", "text/html; charset=utf-8", b"<html><body>caf\xe9</body></html>"),
        ("https://n.example/ok", "text/html", b"<html><body><p>Two were hurt.</p></body></html>"),
    ])
    latin, nul, bad, ok = _items(p)
    assert isinstance(latin, RawArticle) and "Caf\u00e9" in latin.content
    assert isinstance(nul, Failure) and nul.uri == "https://n.example/nul" and "binary" in nul.error
    assert isinstance(bad, Failure) and "not valid" in bad.error and "https://n.example/bad" in bad.error
    assert isinstance(ok, RawArticle) and ok.uri == "https://n.example/ok"


def test_warc_where_every_record_fails_gives_no_extra_failure(tmp_path: Path) -> None:
    p = tmp_path / "a.warc"
    _warc(p, [("https://n.example/nul", "text/html", b"\x00\x00")])
    (item,) = _items(p)
    assert isinstance(item, Failure) and item.uri == "https://n.example/nul"


def test_arc_files_are_refused_consistently(tmp_path: Path) -> None:
    p = tmp_path / "old.arc"
    p.write_bytes(b"filedesc://old.arc 0.0.0.0 20250101000000 text/plain 76\n")
    (item,) = _items(p)
    assert isinstance(item, Failure) and "CL002" in item.error and str(p) in item.error
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.arc.gz").write_bytes(b"")
    (folder_item,) = list(ingest(str(tmp_path / "sub"), Settings()))
    assert isinstance(folder_item, Failure) and "no articles found" in folder_item.error
