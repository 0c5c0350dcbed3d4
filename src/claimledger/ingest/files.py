"""Local files: .txt, .html/.htm, either gzipped; decoded strictly, refused when binary or huge."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from claimledger.errors import InputError, UnsupportedInput
from claimledger.records import MediaType, RawArticle

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html"}


def media_type_of(path: Path) -> MediaType:
    """``text`` or ``html`` from the file name (``.gz`` looks at the suffix before it)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    kind = TEXT_SUFFIXES.get(suffixes[-1]) if suffixes else None
    if kind is None:
        raise UnsupportedInput(f"{path}: not a .txt, .html or .htm file (optionally .gz)", source=str(path))
    return kind  # type: ignore[return-value]


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, gunzipped when it ends in .gz, refused past ``max_bytes``."""
    try:
        if path.suffix.lower() == ".gz":
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        else:
            if path.stat().st_size > max_bytes:
                raise InputError(f"{path}: larger than the {max_bytes:,}-byte limit", source=str(path))
            data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", source=str(path)) from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory", source=str(path)) from None
    except PermissionError:
        raise InputError(f"{path}: permission denied", source=str(path)) from None
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{path}: unreadable ({exc})", source=str(path)) from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: larger than the {max_bytes:,}-byte limit", source=str(path))
    return data


def decode(data: bytes, name: str, media_type: MediaType) -> str:
    """UTF-8 (BOM allowed) text; binary or undecodable bytes are refused with the reason."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary content (NUL bytes), not text", source=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if media_type == "html":
            text = _decode_html_declared(data)
            if text is not None:
                return text
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", source=name
        ) from None
    if not text.strip():
        raise InputError(f"{name}: empty", source=name)
    return text


def _decode_html_declared(data: bytes) -> str | None:
    """HTML may declare its own charset (e.g. windows-1252); honour a declaration if present."""
    import re

    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", data[:4096], re.I)
    if not m:
        return None
    try:
        return data.decode(m.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def read_file(path: Path, max_bytes: int) -> RawArticle:
    """One local file as a RawArticle."""
    kind = media_type_of(path)
    text = decode(read_bytes(path, max_bytes), str(path), kind)
    return RawArticle(uri=str(path), content=text, media_type=kind)
