"""The clean stage: RawArticle -> CleanArticle (main text; promos, footers, repeats marked).

Removal reasons: ``promo`` (teasers for other stories), ``boilerplate`` (calls to subscribe or
donate, rights notices, credits, site furniture), ``duplicate`` (a later copy of a paragraph),
``title`` (the headline repeated in the text) and ``standfirst`` (a summary set as a heading).
Syndicated copies across articles: :mod:`claimledger.clean.syndication` (imported on demand,
it loads datasketch).
"""

from __future__ import annotations

from dataclasses import replace

from claimledger.clean.html import html_to_article
from claimledger.clean.lines import find_removals
from claimledger.clean.outlets import OutletLines
from claimledger.config import Settings
from claimledger.records import CleanArticle, RawArticle

__all__ = ["OutletLines", "clean_article", "find_removals", "with_outlet_lines"]


def clean_article(raw: RawArticle, settings: Settings, outlet_lines: OutletLines | None = None) -> CleanArticle:
    """Main text of ``raw`` with boilerplate marked in ``removed``; with ``outlet_lines``, also
    the lines its outlet has printed under earlier articles (the caller teaches it what it stores)."""
    article = _clean(raw, settings)
    return article if outlet_lines is None else with_outlet_lines(article, outlet_lines)


def with_outlet_lines(article: CleanArticle, outlet_lines: OutletLines) -> CleanArticle:
    """``article`` with the lines its outlet has printed under earlier articles also removed."""
    extra = outlet_lines.removals(article.outlet, article.text, article.removed)
    if not extra:
        return article
    return replace(article, removed=tuple(sorted(article.removed + tuple(extra), key=lambda r: r.start)))


def _clean(raw: RawArticle, settings: Settings) -> CleanArticle:
    """Main text of ``raw`` with boilerplate marked in ``removed`` (offsets into ``text``).

    Plain text stays exactly as given; HTML becomes trafilatura's main text. Either way nothing
    is cut: promos, footers and repeated paragraphs are listed in ``removed``.
    """
    if raw.media_type == "html":
        page = html_to_article(raw.content, settings, uri=raw.uri)
        return CleanArticle(
            uri=raw.uri, text=page.text, removed=page.removed,
            published=raw.published or page.published, title=raw.title or page.title,
            outlet=raw.outlet or page.outlet, url=raw.url or page.url, author=page.author,
        )
    titles = [raw.title] if raw.title else []
    return CleanArticle(
        uri=raw.uri, text=raw.content, removed=tuple(find_removals(raw.content, titles=titles)),
        published=raw.published, title=raw.title, outlet=raw.outlet, url=raw.url,
    )
