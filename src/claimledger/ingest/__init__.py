"""The ingest stage: paths, folders, URLs, feeds, WARC and JSONL -> RawArticle (or Failure)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError
from claimledger.ingest.containers import iter_feed, iter_jsonl, iter_warc
from claimledger.ingest.files import decode, read_file
from claimledger.ingest.url import fetch
from claimledger.records import Failure, RawArticle

__all__ = ["ingest", "read_file"]

FEED_SUFFIXES = (".rss", ".atom", ".xml")
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")


def _kind(path: Path) -> str:
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith((".warc", ".arc")):
        return "warc"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    return "file"


def _expand(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            name = p.name.lower().removesuffix(".gz")
            if p.is_file() and name.endswith(ARTICLE_SUFFIXES + FEED_SUFFIXES + (".jsonl", ".warc")):
                yield p
    else:
        yield path


def _from_url(url: str, settings: Settings) -> Iterator[RawArticle | Failure]:
    body, ctype = fetch(url, settings.max_bytes, settings.fetch_timeout, settings.allow_private_urls)
    head = body[:512].lstrip().lower()
    if any(t in ctype for t in ("rss", "atom")) or head.startswith((b"<rss", b"<feed")) or (
            head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)):
        yield from iter_feed(body, url)
        return
    kind = "text" if ctype.startswith("text/plain") else "html"
    yield RawArticle(uri=url, content=decode(body, url, kind), media_type=kind, url=url)


def _from_path(path: Path, settings: Settings) -> Iterator[RawArticle | Failure]:
    kind = _kind(path)
    if kind == "jsonl":
        yield from iter_jsonl(path, settings.max_bytes)
    elif kind == "warc":
        yield from iter_warc(path, settings.max_bytes)
    elif kind == "feed":
        from claimledger.ingest.files import read_bytes

        yield from iter_feed(read_bytes(path, settings.max_bytes), str(path))
    else:
        yield read_file(path, settings.max_bytes)


def ingest(spec: str, settings: Settings) -> Iterator[RawArticle | Failure]:
    """Every article in one input (a file, folder, URL, feed, WARC or JSONL). Never raises for
    a bad input: it yields a Failure naming it, and goes on with the rest."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", spec):
        sources: list[tuple[str, object]] = [(spec, None)]
    else:
        sources = [(str(p), p) for p in _expand(Path(spec))]
    for uri, path in sources:
        try:
            if path is None:
                yield from _from_url(uri, settings)
            else:
                yield from _from_path(path, settings)  # type: ignore[arg-type]
        except ClaimLedgerError as exc:
            yield Failure(uri, str(exc))
