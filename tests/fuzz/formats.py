"""Hypothesis strategies: one input file per draw, as bytes, for each format ``ingest`` reads.

Every strategy mixes well-formed invented news (so that most draws reach extraction and the
ledger) with the damage seen in the wild: lone surrogates, invalid UTF-8, control and NUL
characters, odd declared charsets, truncation, broken markup, wrong types and lengths.
Nothing here comes from a dataset: the sentences are invented from the word lists below.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable

from hypothesis import strategies as st

SOURCES = ("Police", "The ministry", "Officials", "A spokeswoman", "Witnesses", "The governor", "Rebels")
CUES = ("said", "told reporters", "reported", "claimed", "confirmed", "added")
MEASURES = ("were killed", "were injured", "died", "are missing", "were arrested", "were displaced")
PLACES = ("Leeds", "Mwanza", "Kharkiv", "Austin, Texas", "Lagos", "the capital", "Odesa")
NUMBERS = ("3", "12", "1,200", "three", "dozens of", "at least 40", "nearly 2,000", "between 5 and 9", "0")
NASTY = ("\ud800", "\udfff", "\x00", "\x1b[31m", "\u202e", "\ufeff", "\r", "\t", "\x85", "\u2028",
         "\U0001f600", "e\u0301", "&#xD800;", "&#0;", "<", "\\", '"', "\x7f", "\uffff")


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """An invented attributed casualty sentence."""
    return (f"{draw(st.sampled_from(SOURCES))} {draw(st.sampled_from(CUES))} {draw(st.sampled_from(NUMBERS))} "
            f"people {draw(st.sampled_from(MEASURES))} in {draw(st.sampled_from(PLACES))}.")


def nasty_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Short strings made of any code point, surrogates and controls included."""
    lone = st.integers(0xD800, 0xDFFF).map(chr)
    pieces = st.one_of(st.characters(), st.characters(), st.characters(), lone, st.sampled_from(NASTY))
    return st.lists(pieces, max_size=max_size).map("".join)


@st.composite
def article(draw: st.DrawFn) -> str:
    """A few invented paragraphs, sometimes with damage spliced in."""
    paras = draw(st.lists(st.lists(sentence(), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=6))
    if draw(st.integers(0, 2)) == 0:
        at = draw(st.integers(0, len(paras)))
        paras.insert(at, draw(nasty_text()))
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", " "]))
    return sep.join(paras)


def encode(text: str, how: str) -> bytes:
    """``text`` as bytes: UTF-8 (surrogates passed through as invalid UTF-8), UTF-16, Latin-1."""
    if how == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    if how == "latin-1":
        return text.encode("latin-1", "replace")
    data = text.encode("utf-8", "surrogatepass")
    return b"\xef\xbb\xbf" + data if how == "utf-8-bom" else data


ENCODINGS = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-bom", "utf-16", "latin-1"])


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` as is, or truncated, or with random bytes spliced in."""
    how = draw(st.sampled_from(["asis", "asis", "asis", "truncate", "splice"]))
    if how == "truncate" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "splice":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(max_size=16)) + data[at:]
    return data


@st.composite
def text_file(draw: st.DrawFn) -> tuple[str, bytes]:
    body = draw(st.one_of(article(), article(), article(), nasty_text(200)))
    data = encode(body, draw(ENCODINGS)) if draw(st.integers(0, 9)) else draw(st.binary(max_size=300))
    return ".txt", draw(damaged(data))


CHARSETS = ("utf-8", "windows-1252", "iso-8859-1", "utf-16", "shift_jis", "unicode_escape", "utf-7",
            "rot13", "base64", "no-such-charset", "", "utf-8\" onload=\"x")


@st.composite
def html_page(draw: st.DrawFn) -> str:
    title = draw(st.one_of(st.just("Three killed in Leeds"), nasty_text()))
    paras = draw(st.lists(st.one_of(sentence(), nasty_text()), max_size=6))
    body = "".join(f"<p>{p}</p>" for p in paras)
    extras = draw(st.lists(st.sampled_from([
        "<script>alert(1)</script>", "<div>" * 300, "<!--", "<![CDATA[x]]>", "<svg><p>", "&#xD800;&#0;&#x110000;",
        "<a href='/x'>Read more about this story</a>", "<table><tr><td>9 killed</td></tr></table>",
        "<meta http-equiv='refresh' content='0;url=http://127.0.0.1/'>", "</html><p>after</p>",
    ]), max_size=3))
    charset = draw(st.sampled_from(CHARSETS))
    meta = f"<meta charset='{charset}'>" if draw(st.booleans()) else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}{''.join(extras)}</article></body></html>")


@st.composite
def html_file(draw: st.DrawFn) -> tuple[str, bytes]:
    page = draw(st.one_of(html_page(), nasty_text(200).map(lambda t: f"<html><body>{t}</body></html>")))
    return draw(st.sampled_from([".html", ".htm", ".xhtml"])), draw(damaged(encode(page, draw(ENCODINGS))))


@st.composite
def gz_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """A gzipped text or HTML file: whole, truncated, corrupted, several members, or not gzip at all."""
    suffix, inner = draw(st.one_of(text_file(), html_file()))
    packed = gzip.compress(inner, mtime=0)
    how = draw(st.sampled_from(["whole"] * 5 + ["truncated", "flipped", "members", "raw-deflate", "plain"]))
    if how == "truncated":
        packed = packed[: draw(st.integers(0, len(packed) - 1))]
    elif how == "flipped" and len(packed) > 12:
        at = draw(st.integers(10, len(packed) - 1))
        packed = packed[:at] + bytes([packed[at] ^ 0xFF]) + packed[at + 1:]
    elif how == "members":
        packed += gzip.compress(draw(st.binary(max_size=40)), mtime=0)
    elif how == "raw-deflate":
        packed = zlib.compress(inner)
    elif how == "plain":
        packed = inner
    return suffix + ".gz", packed


@st.composite
def feed_file(draw: st.DrawFn) -> tuple[str, bytes]:
    atom = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(0, 3))):
        title = draw(st.one_of(st.just("Clashes"), nasty_text()))
        content = draw(st.one_of(sentence(), article(), nasty_text()))
        ctype = draw(st.sampled_from(["html", "text", "xhtml", "text/plain"]))
        cdata = draw(st.booleans())
        content = f"<![CDATA[{content}]]>" if cdata else _xml_escape(content)
        link = draw(st.one_of(st.just("https://example.org/a"), nasty_text(20), st.none()))
        date = draw(st.sampled_from(["Mon, 06 Jan 2025 10:00:00 GMT", "2025-01-06T10:00:00Z", "yesterday", ""]))
        if atom:
            entries.append(f"<entry><title>{_xml_escape(title)}</title><updated>{date}</updated>"
                           + (f"<link href=\"{_xml_escape(link)}\"/>" if link is not None else "")
                           + f"<content type=\"{ctype}\">{content}</content></entry>")
        else:
            entries.append(f"<item><title>{_xml_escape(title)}</title><pubDate>{date}</pubDate>"
                           + (f"<link>{_xml_escape(link)}</link>" if link is not None else "")
                           + f"<description>{content}</description></item>")
    declared = draw(st.sampled_from(["utf-8", "iso-8859-1", "utf-16", "windows-1251", "bogus", None]))
    head = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    doctype = draw(st.sampled_from(["", '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                                    '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>']))
    if atom:
        doc = f'{head}{doctype}<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{"".join(entries)}</feed>'
    else:
        doc = f'{head}{doctype}<rss version="2.0"><channel><title>Wire</title>{"".join(entries)}</channel></rss>'
    suffix = draw(st.sampled_from([".rss", ".atom", ".xml"]))
    return suffix, draw(damaged(encode(doc, draw(ENCODINGS))))


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@st.composite
def warc_record(draw: st.DrawFn) -> bytes:
    """A WARC record: two in three a well-formed HTML response, the rest anything."""
    if draw(st.integers(0, 2)):
        return _warc_bytes(draw, "response", encode(draw(html_page()), "utf-8"), "text/html; charset=utf-8",
                           "HTTP/1.1 200 OK", "http", "application/http; msgtype=response", 0)
    kind = draw(st.sampled_from(["response", "request", "resource", "revisit", "warcinfo", "metadata",
                                 "conversion", "bogus"]))
    payload = encode(draw(st.one_of(html_page(), nasty_text(100))), draw(ENCODINGS))
    ctype = draw(st.sampled_from(["text/html; charset=utf-8", "text/html", "text/html; charset=bogus",
                                  "application/pdf", "", "text/html; charset=unicode_escape"]))
    status = draw(st.sampled_from(["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.0 200", "garbage", ""]))
    with_http = draw(st.sampled_from(["http", "none", "headers-only", "empty"]))
    record_ctype = draw(st.sampled_from(["application/http; msgtype=response", "application/http",
                                         "text/html", ""]))
    return _warc_bytes(draw, kind, payload, ctype, status, with_http, record_ctype,
                       draw(st.sampled_from([0, -5, 7])))


def _warc_bytes(draw: st.DrawFn, kind: str, payload: bytes, ctype: str, status: str, with_http: str,
                record_ctype: str, length_error: int) -> bytes:
    if with_http == "http":
        block = f"{status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + payload
    elif with_http == "headers-only":
        block = f"{status}\r\nContent-Type: {ctype}\r\n".encode()
    elif with_http == "empty":
        block = b""
    else:
        block = payload
    length = len(block) + length_error
    uri = draw(st.one_of(st.just("https://example.org/story"), nasty_text(20).map(lambda t: t.replace("\r\n", " "))))
    headers = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{draw(st.uuids())}>\r\n"
               f"WARC-Target-URI: {uri}\r\nWARC-Date: 2025-01-06T10:00:00Z\r\n"
               f"Content-Type: {record_ctype}\r\nContent-Length: {max(length, 0)}\r\n\r\n")
    record = headers.encode("utf-8", "surrogatepass") + block + b"\r\n\r\n"
    return gzip.compress(record, mtime=0) if draw(st.booleans()) else record


@st.composite
def warc_file(draw: st.DrawFn) -> tuple[str, bytes]:
    records = draw(st.lists(warc_record(), min_size=0, max_size=3))
    data = b"".join(records)
    gz = all(r[:2] == b"\x1f\x8b" for r in records) and records
    return (".warc.gz" if gz else ".warc"), draw(damaged(data))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | nasty_text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(nasty_text(5), inner, max_size=3),
    max_leaves=6)


@st.composite
def jsonl_line(draw: st.DrawFn) -> bytes:
    """A JSONL line: two in three an article with string fields (escapes and all), the rest anything."""
    if draw(st.integers(0, 2)):
        obj = {"id": draw(nasty_text(12)), "outlet": draw(nasty_text(12)), "title": draw(nasty_text(20)),
               "published": "2025-01-06", "text": draw(article())}
        return json.dumps(obj).encode("ascii")
    obj: dict = {}
    for key in ("id", "outlet", "title", "url", "published"):
        if draw(st.booleans()):
            odd = draw(st.integers(0, 5)) == 0  # now and then a number, a list, null...
            obj[key] = draw(JSON_VALUES if odd else st.one_of(nasty_text(30), st.just("2025-01-06")))
    body_key = draw(st.sampled_from(["text", "text", "text", "html", "description", None]))
    if body_key:
        odd = draw(st.integers(0, 5)) == 0
        obj[body_key] = draw(JSON_VALUES if odd else st.one_of(article(), article(), html_page(), nasty_text(80)))
    how = draw(st.sampled_from(["ascii-escaped"] * 5 + ["json", "not-object", "broken", "binary"]))
    if how == "not-object":
        return json.dumps(draw(JSON_VALUES)).encode("utf-8", "surrogatepass")
    if how == "binary":
        return draw(st.binary(max_size=60)).replace(b"\n", b" ")
    line = json.dumps(obj, ensure_ascii=how == "ascii-escaped")
    if how == "broken":
        line = line[: draw(st.integers(0, max(len(line) - 1, 0)))]
    return line.replace("\n", "\\n").encode("utf-8", "surrogatepass")


@st.composite
def jsonl_file(draw: st.DrawFn) -> tuple[str, bytes]:
    lines = draw(st.lists(jsonl_line(), min_size=0, max_size=4))
    return draw(st.sampled_from([".jsonl", ".jsonl"])), b"\n".join(lines)


FORMATS = {
    "text": text_file(),
    "html": html_file(),
    "gz": gz_file(),
    "feed": feed_file(),
    "warc": warc_file(),
    "jsonl": jsonl_file(),
}


def _repeat(unit: Callable[[int], str], size: int, sep: str) -> str:
    """``unit(0) sep unit(1) ...`` up to ``size`` characters."""
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(unit(i))
        total += len(parts[-1]) + len(sep)
        i += 1
    return sep.join(parts)[:size]


LARGE_TEXTS: dict[str, tuple[Callable[[int], str], str]] = {
    # the shapes that made extraction superlinear, and their neighbours
    "short-lines": (lambda i: f"police said {i % 9} hurt", "\n"),
    "one-line": (lambda i: f"witnesses said {i % 7} people were quiet in the town", " "),
    "numbers": (lambda i: f"{i * 37 % 10_000:,}", ", "),
    "figures": (lambda i: f"{SOURCES[i % len(SOURCES)]} {i} said {i * 7 + 1} people were killed in Leeds.", "\n"),
    "paragraphs": (lambda i: "Officials said 12 people were killed and 30 injured in the town on Monday.", "\n\n"),
    "quotes": (lambda i: f'"{i} were killed," {SOURCES[i % len(SOURCES)]} said, "and {i + 1} hurt."', " "),
}


LARGE_SIZES = (12_000, 30_000, 60_000, 100_000, 150_000, 155_000, 300_000, 600_000, 1_000_000)


@st.composite
def large_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """One input of 10 KB to 1 MB in a shape that costs the most work per byte."""
    size = draw(st.sampled_from(LARGE_SIZES)) - draw(st.integers(0, 5_000))  # around the bounds too
    unit, sep = LARGE_TEXTS[draw(st.sampled_from(sorted(LARGE_TEXTS)))]
    text = _repeat(unit, size, sep)
    wrap = draw(st.sampled_from(["txt", "html", "deep-html", "jsonl", "gz"]))
    if wrap == "html":
        body = "".join(f"<p>{p}</p>" for p in text.split("\n"))
        return ".html", f"<html><body><article>{body}</article></body></html>".encode()[:size]
    if wrap == "deep-html":
        depth = size // 20
        return ".html", ("<div>" * depth + text[: size // 2] + "</div>" * depth).encode()
    if wrap == "jsonl":
        return ".jsonl", json.dumps({"id": "big", "text": text}).encode()
    data = text.encode()
    return (".txt.gz", gzip.compress(data, mtime=0)) if wrap == "gz" else (".txt", data)


FORMATS["large"] = large_file()
