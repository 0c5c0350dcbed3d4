"""How many articles an input holds, cheaply, for a progress bar's total (never parsed fully)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from claimledger.ingest import FOLDER_SUFFIXES

_ENTRY = re.compile(rb"<(?:item|entry)[\s>]", re.I)
_RESPONSE = re.compile(rb"WARC-Type:\s*response", re.I)
CHUNK = 1 << 20


def count_articles(spec: str) -> int | None:
    """Articles in a file or folder as ``ingest`` reads it (JSONL: non-blank lines; a feed: its
    entries; a WARC: its response records; any other file: one); None for a URL."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", spec):
        return None
    path = Path(spec)
    try:
        if path.is_dir():
            files = [p for p in sorted(path.rglob("*"))
                     if p.is_file() and p.name.lower().removesuffix(".gz").endswith(FOLDER_SUFFIXES)]
            return sum(_count_file(p) for p in files)
        return _count_file(path)
    except OSError:
        return 1  # unreadable: ingest reports it as one failure


def _count_file(path: Path) -> int:
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".jsonl"):
        return sum(1 for chunk in _lines(path) if chunk.strip())
    if name.endswith((".rss", ".atom", ".xml")):
        return max(1, _matches(path, _ENTRY))
    if name.endswith(".warc"):
        return max(1, _matches(path, _RESPONSE))
    return 1


def _open(path: Path):
    fh = path.open("rb")
    return gzip.GzipFile(fileobj=fh) if path.suffix.lower() == ".gz" else fh


def _lines(path: Path):
    with _open(path) as fh:
        yield from fh


def _matches(path: Path, pattern: re.Pattern[bytes]) -> int:
    n, tail = 0, b""
    with _open(path) as fh:
        while chunk := fh.read(CHUNK):
            data = tail + chunk
            n += len(pattern.findall(data))
            tail = data[-64:]
            n -= len(pattern.findall(tail))  # a match inside the kept tail is counted with the next chunk
    return n + len(pattern.findall(tail))
