"""Local files: .txt, .html/.htm, either gzipped; decoded strictly, refused when binary or huge."""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimledger.errors import InputError, UnsupportedInput
from claimledger.ingest.strings import vetted
from claimledger.records import MediaType, RawArticle

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html"}

_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def media_type_of(path: Path) -> MediaType:
    """``text`` or ``html`` from the file name (``.gz`` looks at the suffix before it)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    kind = TEXT_SUFFIXES.get(suffixes[-1]) if suffixes else None
    if kind is None:
        raise UnsupportedInput(f"{path}: not a .txt, .html or .htm file (optionally .gz)", source=str(path))
    return kind  # type: ignore[return-value]


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, or None."""
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else None


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, gunzipped when it ends in .gz, refused past ``max_bytes``.

    Never trusts the file's reported size (special files and /proc report 0): at most
    ``max_bytes + 1`` bytes are read from the open handle."""
    with read_errors(path):
        if path.is_dir():
            raise IsADirectoryError(path)
        with path.open("rb") as raw:
            if path.suffix.lower() == ".gz":
                with gzip.GzipFile(fileobj=raw, mode="rb") as fh:
                    data = fh.read(max_bytes + 1)
            else:
                data = raw.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{path}: larger than the {max_bytes:,}-byte limit", source=str(path))
    return data


@contextmanager
def read_errors(path: Path) -> Iterator[None]:
    """Errors met while opening or reading ``path`` (gunzipping included) as one-line InputErrors."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", source=str(path)) from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory", source=str(path)) from None
    except PermissionError:
        raise InputError(f"{path}: permission denied", source=str(path)) from None
    except (OSError, EOFError, zlib.error) as exc:
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: unreadable ({reason})", source=str(path)) from None


def decode(data: bytes, name: str, media_type: MediaType, charset: str | None = None) -> str:
    """Text from bytes, strictly; binary or undecodable bytes are refused with the reason.

    ``charset`` (e.g. from an HTTP Content-Type header) wins when it names a known codec;
    otherwise UTF-8 (BOM allowed), and for HTML a ``<meta charset>`` declaration."""
    codec = _codec(charset)
    wide = codec is not None and codec.startswith(("utf-16", "utf-32"))
    if not wide and b"\x00" in data:
        raise InputError(f"{name}: binary content (NUL bytes), not text", source=name)
    if codec is not None and codec != "utf-8":
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid {charset} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                             source=name) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            declared = _decode_html_declared(data) if media_type == "html" and codec is None else None
            if declared is None:
                raise InputError(
                    f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", source=name
                ) from None
            text = declared
    if "\x00" in text:
        raise InputError(f"{name}: binary content (NUL characters), not text", source=name)
    if not text.strip():
        raise InputError(f"{name}: empty", source=name)
    return text


def _codec(charset: str | None) -> str | None:
    """The canonical codec name of ``charset``, or None when absent or unknown."""
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return None


def _decode_html_declared(data: bytes) -> str | None:
    """HTML may declare its own charset (e.g. windows-1252); honour a declaration if present."""
    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", data[:4096], re.I)
    if not m:
        return None
    try:
        return data.decode(m.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def read_file(path: Path, max_bytes: int) -> RawArticle:
    """One local file as a RawArticle (a folder is refused here: ``ingest`` expands folders)."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory", source=str(path))
    kind = media_type_of(path)
    text = decode(read_bytes(path, max_bytes), str(path), kind)
    return vetted(RawArticle(uri=str(path), content=text, media_type=kind))
