"""The clean stage: RawArticle -> CleanArticle (main text; promos, footers, repeats marked)."""

from __future__ import annotations

from claimledger.clean.html import html_to_article
from claimledger.clean.lines import find_removals
from claimledger.config import Settings
from claimledger.records import CleanArticle, RawArticle

__all__ = ["clean_article"]


def clean_article(raw: RawArticle, settings: Settings) -> CleanArticle:
    """Main text of ``raw`` with boilerplate marked in ``removed`` (offsets into ``text``)."""
    if raw.media_type == "html":
        page = html_to_article(raw.content, settings, uri=raw.uri)
        text = page.text
        meta = {"published": raw.published or page.published, "title": raw.title or page.title,
                "outlet": raw.outlet or page.outlet, "url": raw.url or page.url, "author": page.author}
    else:
        text = raw.content
        meta = {"published": raw.published, "title": raw.title, "outlet": raw.outlet, "url": raw.url}
    return CleanArticle(uri=raw.uri, text=text, removed=tuple(find_removals(text)), **meta)
