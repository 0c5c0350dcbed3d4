"""Inputs that hold many articles: JSONL, RSS/Atom feeds and WARC archives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from claimledger.errors import ParseError
from claimledger.ingest.files import decode, read_bytes
from claimledger.records import Failure, RawArticle


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def iter_jsonl(path: Path, max_bytes: int) -> Iterator[RawArticle | Failure]:
    """One article per line: {"text"|"html", "id"?, "published"?, "outlet"?, "url"?, "title"?}."""
    data = decode(read_bytes(path, max_bytes * 20), str(path), "text")
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        uri = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(uri, f"[{ParseError.code}] {uri}: malformed JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text") or obj.get("html"), str):
            yield Failure(uri, f"[{ParseError.code}] {uri}: no 'text' or 'html' string field")
            continue
        kind = "text" if isinstance(obj.get("text"), str) else "html"
        if obj.get("id") is not None:
            uri = f"{path}#{obj['id']}"
        yield RawArticle(uri=uri, content=obj.get("text") or obj["html"], media_type=kind,
                         published=_iso_date(obj.get("published") or obj.get("date")),
                         outlet=obj.get("outlet"), url=obj.get("url"), title=obj.get("title"))


def iter_feed(data: bytes, uri: str) -> Iterator[RawArticle | Failure]:
    """Entries of an RSS or Atom feed; each entry's content (or summary) is its article."""
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise ParseError(f"{uri}: malformed feed ({feed.get('bozo_exception', 'unreadable')})", source=uri)
    outlet = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, 1):
        body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary")
        link = entry.get("link")
        euri = link or f"{uri}#{n}"
        if not body:
            yield Failure(euri, f"[{ParseError.code}] {euri}: feed entry has no content")
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(*parsed[:3]) if parsed else None
        yield RawArticle(uri=euri, content=body, media_type="html", published=published,
                         outlet=outlet, url=link, title=entry.get("title"))


def iter_warc(path: Path, max_bytes: int) -> Iterator[RawArticle | Failure]:
    """HTML responses stored in a WARC (or .warc.gz) file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    _check_warc_head(path)
    found = 0
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or str(path)
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield Failure(uri, f"[CL001] {uri}: larger than the {max_bytes:,}-byte limit")
                    continue
                found += 1
                yield RawArticle(uri=uri, content=body.decode("utf-8", errors="replace"),
                                 media_type="html", url=uri)
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        raise ParseError(f"{path}: malformed WARC ({str(exc).splitlines()[0][:120]})", source=str(path)) from None
    if not found:
        raise ParseError(f"{path}: WARC holds no HTML responses", source=str(path))


def _check_warc_head(path: Path) -> None:
    """A WARC starts with 'WARC/' (after gunzipping); anything else is refused up front."""
    import gzip

    try:
        with path.open("rb") as fh:
            head = fh.read(2)
            fh.seek(0)
            first = gzip.GzipFile(fileobj=fh).read(5) if head == b"\x1f\x8b" else fh.read(5)
    except (OSError, EOFError) as exc:
        raise ParseError(f"{path}: unreadable WARC ({exc})", source=str(path)) from None
    if first not in (b"WARC/",) and not first.startswith(b"WARC"):
        raise ParseError(f"{path}: not a WARC file (no WARC/ header)", source=str(path))
