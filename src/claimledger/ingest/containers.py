"""Inputs that hold many articles: JSONL, RSS/Atom feeds and WARC archives."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from claimledger.errors import InputError, ParseError
from claimledger.ingest.files import charset_of, decode, read_errors
from claimledger.records import Failure, MediaType, RawArticle

STRING_FIELDS = ("id", "outlet", "title", "url", "text", "html")


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else type(exc).__name__


def iter_jsonl(path: Path, max_bytes: int) -> Iterator[RawArticle | Failure]:
    """One article per line: {"text"|"html", "id"?, "published"?, "outlet"?, "url"?, "title"?}.

    Each line is decoded and checked on its own: a bad line is a Failure naming ``path:N``
    and the rest of the file is still read. The file is streamed, one line in memory at a time."""
    for n, raw in enumerate(_byte_lines(path, max_bytes), 1):
        if raw.strip():
            yield jsonl_record(f"{path}:{n}", path, raw, max_bytes)


def _byte_lines(path: Path, max_bytes: int) -> Iterator[bytes]:
    """The lines of ``path`` (gunzipped when .gz, UTF-8 BOM dropped) without their newline; a
    line past ``max_bytes`` is cut to ``max_bytes + 1`` bytes (its record then fails)."""
    with read_errors(path):
        if path.is_dir():
            raise IsADirectoryError(path)
        with path.open("rb") as raw:
            fh = gzip.GzipFile(fileobj=raw, mode="rb") if path.suffix.lower() == ".gz" else raw
            first = True
            while line := fh.readline(max_bytes + 2):
                if not line.endswith(b"\n") and len(line) > max_bytes:
                    while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass  # the rest of an over-long line is skipped, never held
                if first and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                first = False
                yield line[:-1] if line.endswith(b"\n") else line


def jsonl_record(uri: str, path: Path | str, raw: bytes, max_bytes: int) -> RawArticle | Failure:
    """One JSONL line as an article (named ``path#id`` when it has an id, else ``uri``) or a Failure."""
    return _jsonl_record(path, uri, raw, max_bytes)


def _jsonl_record(path: Path | str, uri: str, raw: bytes, max_bytes: int) -> RawArticle | Failure:
    def fail(reason: str, code: str = ParseError.code) -> Failure:
        return Failure(uri, f"[{code}] {uri}: {reason}")

    if len(raw) > max_bytes:
        return fail(f"larger than the {max_bytes:,}-byte limit", InputError.code)
    if b"\x00" in raw:
        return fail("binary content (NUL bytes), not text", InputError.code)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return fail(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", InputError.code)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return fail(f"malformed JSON ({exc.msg})")
    except RecursionError:
        return fail("malformed JSON (nested too deeply)")
    if not isinstance(obj, dict):
        return fail(f"expected a JSON object, got {type(obj).__name__}")
    if isinstance(obj.get("id"), int) and not isinstance(obj["id"], bool):
        obj["id"] = str(obj["id"])  # numeric ids are common in exports
    for key in STRING_FIELDS:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return fail(f"'{key}' must be a string")
    text, html = obj.get("text"), obj.get("html")
    kind: MediaType
    if text and text.strip():
        kind, content = "text", text
    elif html and html.strip():
        kind, content = "html", html
    elif text or html:
        return fail("'text' is empty (whitespace only)" if text else "'html' is empty (whitespace only)",
                    InputError.code)
    else:
        return fail("no 'text' or 'html' string field")
    if "\x00" in content:
        return fail("binary content (NUL characters), not text", InputError.code)
    if obj.get("id") is not None:
        uri = f"{path}#{obj['id']}"
    return RawArticle(uri=uri, content=content, media_type=kind,
                      published=_iso_date(obj.get("published") or obj.get("date")),
                      outlet=obj.get("outlet"), url=obj.get("url"), title=obj.get("title"))


def _entry_body(entry: dict) -> tuple[str | None, str]:
    """(content, feedparser content type) of a feed entry: its content, else its summary."""
    content = entry.get("content") or []
    if content and isinstance(content[0], dict) and content[0].get("value"):
        return content[0]["value"], str(content[0].get("type") or "")
    detail = entry.get("summary_detail") or {}
    return entry.get("summary"), str(detail.get("type") or "")


def iter_feed(data: bytes, uri: str, content_type: str | None = None) -> Iterator[RawArticle | Failure]:
    """Entries of an RSS or Atom feed; each entry's content (or summary) is its article.

    text/plain entries are text; HTML entries that are fragments are wrapped in
    ``<html><body>`` so that the HTML cleaner takes them."""
    import feedparser

    headers = {"content-type": content_type} if content_type else None
    try:  # a stream, never the bytes: feedparser opens bytes that name a file (or fetches a URL)
        feed = feedparser.parse(BytesIO(data), response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - the parser failing on these bytes: a malformed feed
        raise ParseError(f"{uri}: malformed feed ({type(exc).__name__}: {_first_line(exc)})", source=uri) from None
    if feed.bozo and not feed.entries:
        reason = _first_line(feed.get("bozo_exception") or Exception("unreadable"))
        raise ParseError(f"{uri}: malformed feed ({reason})", source=uri)
    outlet = feed.feed.get("title") or None
    for n, entry in enumerate(feed.entries, 1):
        body, ctype = _entry_body(entry)
        link = entry.get("link") or None
        euri = link or f"{uri}#{n}"
        if not isinstance(body, str) or not body.strip():
            yield Failure(euri, f"[{ParseError.code}] {euri}: feed entry has no content")
            continue
        if "\x00" in body:
            yield Failure(euri, f"[{InputError.code}] {euri}: binary content (NUL characters), not text")
            continue
        kind: MediaType = "text" if ctype.lower().startswith("text/plain") else "html"
        if kind == "html" and "<html" not in body[:2048].lower():
            body = f"<html><body>{body}</body></html>"
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        try:
            published = date(*parsed[:3]) if parsed else None
        except (TypeError, ValueError):
            published = None
        yield RawArticle(uri=euri, content=body, media_type=kind, published=published,
                         outlet=outlet, url=link, title=entry.get("title") or None)


WARC_ERRORS = (OSError, ValueError, EOFError, zlib.error)


def iter_warc(path: Path, max_bytes: int) -> Iterator[RawArticle | Failure]:
    """HTML responses stored in a WARC (or .warc.gz) file, decoded strictly (HTTP charset first).

    A bad record is a Failure naming its target URI and the archive is read on; a corrupt
    archive ends with a ParseError naming the file (after the articles read before it)."""
    _check_warc_head(path)
    seen = 0
    with _open_warc(path) as fh:
        for record in _warc_records(fh, path):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            seen += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{seen}"
            yield _warc_article(record, uri, ctype, max_bytes)
    if not seen:
        raise ParseError(f"{path}: WARC holds no HTML responses", source=str(path))


def _open_warc(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise ParseError(f"{path}: unreadable WARC ({_first_line(exc)})", source=str(path)) from None


def _warc_records(fh: BinaryIO, path: Path) -> Iterator[Any]:
    """warcio's records; whatever warcio raises on these bytes (an AttributeError for a
    response record without a target URI, say) ends the archive as malformed."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):
        INC_RECORD = ""  # warcio prints a warning per bad Content-Length to stderr; the records tell

    records = iter(QuietIterator(fh))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - the reader failing on these bytes: a malformed archive
            raise ParseError(f"{path}: malformed WARC ({_warc_reason(exc)})", source=str(path)) from None
        yield record


def _warc_reason(exc: Exception) -> str:
    if isinstance(exc, WARC_ERRORS) or type(exc).__name__ == "ArchiveLoadFailed":
        return _first_line(exc)
    return f"a record the WARC reader cannot parse: {type(exc).__name__}: {_first_line(exc)}"


def _warc_article(record: Any, uri: str, ctype: str, max_bytes: int) -> RawArticle | Failure:
    """One HTML response record as an article, or a Failure naming its target URI."""
    try:
        body = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # noqa: BLE001 - warcio failing on this record's payload (chunking, encoding)
        return Failure(uri, f"[{ParseError.code}] {uri}: unreadable WARC record ({_warc_reason(exc)})")
    if len(body) > max_bytes:
        return Failure(uri, f"[{InputError.code}] {uri}: larger than the {max_bytes:,}-byte limit")
    try:
        text = decode(body, uri, "html", charset=charset_of(ctype))
    except InputError as exc:
        return Failure(uri, str(exc))
    return RawArticle(uri=uri, content=text, media_type="html", url=uri)


def _check_warc_head(path: Path) -> None:
    """A WARC starts with 'WARC/' (after gunzipping); anything else is refused up front."""
    import gzip

    try:
        with path.open("rb") as fh:
            head = fh.read(2)
            fh.seek(0)
            first = gzip.GzipFile(fileobj=fh).read(5) if head == b"\x1f\x8b" else fh.read(5)
    except (OSError, EOFError, zlib.error) as exc:
        raise ParseError(f"{path}: unreadable WARC ({_first_line(exc)})", source=str(path)) from None
    if not first.startswith(b"WARC/"):
        raise ParseError(f"{path}: not a WARC file (no WARC/ header)", source=str(path))
