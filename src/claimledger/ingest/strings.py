"""Strings at the ingest boundary: what leaves ``ingest`` is valid Unicode, metadata is one line.

Inputs can carry strings that are legal where they come from but not Unicode text: a JSON
``"\\ud800"`` escape or a file name read with ``surrogateescape`` gives a lone surrogate, which
no UTF-8 encoder (the input hash, the ledger, the terminal) accepts. Feeds and JSONL exports
put line breaks and control characters in titles, outlets and links. Here every article's
strings are made safe once, before any stage sees them:

- article text: each lone surrogate becomes U+FFFD (one code point for one, so every offset
  into the text still holds); nothing else changes;
- address, outlet, title, URL: lone surrogates as above, control characters and line breaks
  as single spaces, trimmed; outlet and title also NFC-normalised (so one outlet has one name);
- a field over its length limit refuses the article with a ParseError naming the field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from claimledger.errors import ParseError
from claimledger.records import Failure, RawArticle

REPLACEMENT = "\ufffd"
FIELD_LIMITS = {"uri": 4_096, "url": 4_096, "outlet": 500, "title": 2_000}

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (the length is unchanged)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub(REPLACEMENT, text)
    return text


def one_line(text: str) -> str:
    """``text`` as one clean line: no lone surrogates, each run of control characters or line
    breaks a single space, trimmed."""
    return _CONTROLS.sub(" ", without_surrogates(text)).strip()


def _field(raw: RawArticle, name: str, value: str | None, normal_form: bool) -> str | None:
    if value is None:
        return None
    value = one_line(value)
    if normal_form:
        value = unicodedata.normalize("NFC", value)
    limit = FIELD_LIMITS[name]
    if len(value) > limit:
        shown = one_line(raw.uri)[:200]
        raise ParseError(f"{shown}: '{name}' is longer than {limit:,} characters ({len(value):,})", source=shown)
    return value or None


def vetted(raw: RawArticle) -> RawArticle:
    """``raw`` as it may leave the ingest stage (see the module docstring); raises ParseError
    when a field is over its length limit."""
    uri = _field(raw, "uri", raw.uri, False) or REPLACEMENT
    return replace(
        raw, uri=uri, content=without_surrogates(raw.content),
        url=_field(raw, "url", raw.url, False), outlet=_field(raw, "outlet", raw.outlet, True),
        title=_field(raw, "title", raw.title, True),
    )


def vetted_failure(failure: Failure) -> Failure:
    """A failure whose address and message are one line of valid Unicode."""
    return Failure(one_line(failure.uri), one_line(failure.error))
