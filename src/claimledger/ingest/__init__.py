"""The ingest stage: paths, folders, URLs, feeds, WARC and JSONL -> RawArticle (or Failure)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError, ExtractionFailed, InputError, UnsupportedInput
from claimledger.ingest.containers import iter_feed, iter_jsonl, iter_warc
from claimledger.ingest.files import charset_of, decode, read_bytes, read_file
from claimledger.ingest.strings import vetted, vetted_failure
from claimledger.ingest.url import fetch
from claimledger.records import Failure, MediaType, RawArticle

__all__ = ["decode", "fetch", "ingest", "read_file", "vetted", "vetted_failure"]

FEED_SUFFIXES = (".rss", ".atom", ".xml")
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")
FOLDER_SUFFIXES = ARTICLE_SUFFIXES + FEED_SUFFIXES + (".jsonl", ".warc")


def _kind(path: Path) -> str:
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith(".warc"):  # ARC (.arc), WARC's predecessor, is not read: it falls to "file" and is refused
        return "warc"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    return "file"


def _expand(path: Path) -> list[Path]:
    """The files ``ingest`` reads for ``path``: itself, or a folder's supported files in order."""
    if not path.is_dir():
        return [path]
    try:
        found = sorted(path.rglob("*"))
    except OSError as exc:
        raise InputError(f"{path}: unreadable folder ({exc.strerror or exc})", source=str(path)) from None
    return [p for p in found if p.is_file() and p.name.lower().removesuffix(".gz").endswith(FOLDER_SUFFIXES)]


def _is_feed(body: bytes, ctype: str) -> bool:
    head = body[:512].lstrip().lower()
    return (any(t in ctype for t in ("rss", "atom")) or head.startswith((b"<rss", b"<feed"))
            or (head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)))


def _from_url(url: str, settings: Settings) -> Iterator[RawArticle | Failure]:
    body, ctype = fetch(url, settings.max_bytes, settings.fetch_timeout, settings.allow_private_urls)
    ctype = ctype.lower()
    if _is_feed(body, ctype):
        yield from iter_feed(body, url, ctype)
        return
    mime = ctype.split(";", 1)[0].strip()
    if mime and not (mime.startswith("text/") or "html" in mime or "xml" in mime):
        raise UnsupportedInput(f"{url}: not text or HTML (Content-Type {mime})", source=url)
    kind: MediaType = "text" if mime == "text/plain" else "html"
    yield RawArticle(uri=url, content=decode(body, url, kind, charset=charset_of(ctype)), media_type=kind, url=url)


def _from_path(path: Path, settings: Settings) -> Iterator[RawArticle | Failure]:
    kind = _kind(path)
    if kind == "jsonl":
        yield from iter_jsonl(path, settings.max_bytes)
    elif kind == "warc":
        yield from iter_warc(path, settings.max_bytes)
    elif kind == "feed":
        yield from iter_feed(read_bytes(path, settings.max_bytes), str(path))
    else:
        yield read_file(path, settings.max_bytes)


def _why_empty(spec: str, path: Path | None) -> str:
    if path is not None and path.is_dir():
        return f"no articles found (no {', '.join(FOLDER_SUFFIXES)} files in the folder, optionally .gz)"
    if path is not None and _kind(path) == "jsonl":
        return "no articles found (no non-blank lines)"
    return "no articles found (the feed has no entries)"


def ingest(spec: str, settings: Settings) -> Iterator[RawArticle | Failure]:
    """Every article in one input (a file, folder, URL, feed, WARC or JSONL). Never raises for
    a bad input: it yields a Failure naming it, and goes on with the rest. An input that
    yields nothing at all (empty feed, empty folder) yields one Failure naming it. Every
    article and failure leaves here vetted (:mod:`claimledger.ingest.strings`)."""
    for item in _ingest(spec, settings):
        if isinstance(item, Failure):
            yield vetted_failure(item)
            continue
        try:
            yield vetted(item)
        except ClaimLedgerError as exc:
            yield vetted_failure(Failure(item.uri, str(exc)))


def _ingest(spec: str, settings: Settings) -> Iterator[RawArticle | Failure]:
    yielded = 0
    path: Path | None = None
    try:
        if not spec.strip():
            raise InputError("'': empty input name", source=spec)
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", spec):
            sources: list[tuple[str, Path | None]] = [(spec, None)]
        else:
            path = Path(spec)
            sources = [(str(p), p) for p in _expand(path)]
    except ClaimLedgerError as exc:
        yield Failure(spec, str(exc))
        return
    for uri, source in sources:
        try:
            items = _from_url(uri, settings) if source is None else _from_path(source, settings)
            for item in items:
                yielded += 1
                yield item
        except ClaimLedgerError as exc:
            yielded += 1
            yield Failure(uri, str(exc))
        except Exception as exc:  # noqa: BLE001 - a bad input must never stop the run
            yielded += 1
            reason = " ".join(str(exc).split())[:160]
            yield Failure(uri, f"[{ExtractionFailed.code}] {uri}: ingest failed ({type(exc).__name__}: {reason})")
    if not yielded:
        yield Failure(spec, f"[{InputError.code}] {spec}: {_why_empty(spec, path)}")
