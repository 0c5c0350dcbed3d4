"""HTML -> main text and metadata with trafilatura (deduplicate=False) and htmldate.

The page is parsed once; metadata, link texts and the main text are all read from that tree.
Extraction runs under a wall-clock deadline (trafilatura's own timeout only applies to its CLI),
so a pathological page fails with :class:`ExtractionTimeout` instead of hanging the run.
"""

from __future__ import annotations

import re
import signal
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, cast

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, fromstring
from trafilatura.baseline import baseline
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url
from trafilatura.settings import Document
from trafilatura.utils import load_html

from claimledger.clean.blocks import LineModel, learned_removals
from claimledger.clean.lines import find_removals, normalise, repeat_key
from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError, ExtractionTimeout, InputError, ParseError
from claimledger.records import Removal

_MIN_LINK_WORDS = 4
_TITLE_SPLIT_RE = re.compile(r"\s+[|–—•·:-]\s+")
_HTML_SIGN_RE = re.compile(r"<\s*(?:html|head|body|div|p|article|meta|title|span|a|section|main)\b", re.I)


@dataclass(frozen=True)
class Page:
    """What one HTML page yields: main text, metadata, and hints for line cleaning."""

    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: date | None = None
    titles: tuple[str, ...] = ()  # headline variants (og:title, <title> parts, h1), for line matching
    link_texts: frozenset[str] = field(default_factory=frozenset)  # normalised anchor texts
    headings: frozenset[str] = field(default_factory=frozenset)  # normalised heading texts in ``text``
    removed: tuple[Removal, ...] = ()  # promos, footers, repeats, title lines in ``text``


class _Deadline(BaseException):
    """Raised by the alarm; a BaseException so that libraries' ``except Exception`` cannot swallow it."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`_Deadline` in this block after ``seconds`` of wall-clock time.

    Uses SIGALRM, so it only applies in the main thread of a Unix process; elsewhere the block
    runs unguarded (the size limits still bound the work).
    """
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def _raise(signum, frame):  # noqa: ARG001
        raise _Deadline

    previous = signal.signal(signal.SIGALRM, _raise)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)  # an enclosing timer, if any, is resumed
    if outer and outer < seconds:
        signal.setitimer(signal.ITIMER_REAL, outer)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))


def html_to_article(html: str, settings: Settings, uri: str = "") -> Page:
    """The article body of one HTML page, with its metadata and line removals.

    Extraction and line cleaning both run under the deadline. Raises InputError (over the size
    limit), ParseError (not parseable, or no text at all) and ExtractionTimeout (over
    ``settings.html_timeout`` seconds).
    """
    size = len(html.encode("utf-8", errors="ignore")) if len(html) * 4 > settings.max_bytes else len(html)
    if size > settings.max_bytes:
        raise InputError(f"{uri}: HTML larger than the {settings.max_bytes:,}-byte limit", source=uri)
    try:
        with deadline(settings.html_timeout):
            return _extract_page(html, uri)
    except _Deadline:
        raise ExtractionTimeout(
            f"{uri}: HTML extraction took longer than {settings.html_timeout:g} s", source=uri) from None
    except RecursionError:
        raise ParseError(f"{uri}: HTML nested too deeply to parse", source=uri) from None
    except ClaimLedgerError:
        raise
    except Exception as exc:  # a parser or extractor bug on one page must not end the whole run
        reason = " ".join(str(exc).split())[:200]
        raise ParseError(f"{uri}: HTML extraction failed ({type(exc).__name__}: {reason})",
                         source=uri) from None


def _extract_page(html: str, uri: str) -> Page:
    try:
        return _page_from_tree(parse_html(html, uri), uri)
    except ValueError:  # lxml refuses control characters in some text: parse the repaired page
        return _page_from_tree(parse_html(html, uri, repair=True), uri)


def _page_from_tree(tree: HtmlElement, uri: str) -> Page:
    page = ruled_page(tree, uri)
    extra = learned_removals(tree, page.text, page.removed, page.headings, page.link_texts, LineModel.load())
    if not extra:
        return page
    return replace(page, removed=tuple(sorted(page.removed + tuple(extra), key=lambda r: r.start)))


def ruled_page(tree: HtmlElement, uri: str = "") -> Page:
    """The page's main text, metadata and the line rules' removals (before the learned model)."""
    meta = page_metadata(tree)
    text, headings = main_text(tree)
    text = recover_missed_blocks(tree, text)
    if not text.strip():
        raise ParseError(f"{uri}: no article text found in the HTML", source=uri)
    links = link_texts(tree)
    removed = find_removals(text, titles=meta["titles"], link_texts=links, headings=headings,
                            urls=[meta["url"]] if meta["url"] else [])
    return Page(text=text, link_texts=links, headings=headings, removed=tuple(removed), **meta)


def parse_html(html: str, uri: str = "", repair: bool = False) -> HtmlElement:
    """The lxml tree of ``html``; ParseError with a one-line reason when it is not HTML.

    ``repair`` goes through trafilatura's loader, which first drops characters XML cannot hold.
    """
    if not html.strip():
        raise ParseError(f"{uri}: empty HTML", source=uri)
    if not _HTML_SIGN_RE.search(html[:65536]):
        raise ParseError(f"{uri}: no HTML markup found", source=uri)
    tree = None if repair else _parse_utf8(html)
    if tree is None or len(tree) < 1:
        try:  # trafilatura's loader repairs doctype and control-character trouble first
            tree = load_html(html)
        except (ValueError, TypeError) as exc:
            raise ParseError(f"{uri}: malformed HTML ({exc})", source=uri) from None
    if tree is None:
        raise ParseError(f"{uri}: malformed HTML (the parser built no document)", source=uri)
    return tree


def _parse_utf8(html: str) -> HtmlElement | None:
    """lxml's parse of the UTF-8 bytes, with trafilatura's parser settings (faster than from str)."""
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                        remove_comments=True, remove_pis=True)
    try:
        return fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (ValueError, TypeError, etree.ParserError):
        return None


# A fast recall-mode extraction is "unsure" when it covers little of the page's words while the
# page's own paragraphs hold clearly more prose than it (or the page has no paragraphs at all);
# then trafilatura's full cascade (balanced mode, readability/justext comparison, recall
# escalation) gives a second opinion, kept when it is clearly longer. The page share was chosen
# on WCXB and checked on AEB (0.2 there replaced a right, short extraction); the paragraph test
# spares pages whose prose the extraction already holds (short stories in heavy page chrome),
# the cascade costs 0.1 s a page; the 1.5 gain is trafilatura's own acceptance ratio. Texts of
# 10,000 characters or more are not measured (none was unsure).
_UNSURE_MAX_CHARS = 10_000
_UNSURE_PAGE_SHARE = 0.15
_UNSURE_PARAGRAPH_GAIN = 2.0
_SECOND_OPINION_GAIN = 1.5
_NOT_TEXT = ("script", "style", "noscript", "template", "svg")
_CHROME = frozenset(["nav", "header", "footer", "aside", "form", "button", "select", *_NOT_TEXT])
_LANG_RE = re.compile(r"^[a-z]{2}\b")


@dataclass(frozen=True)
class Extracted:
    """One extractor's main text, with the normalised texts of its headings."""

    text: str
    headings: frozenset[str] = frozenset()
    source: str = "recall"  # "recall" (fast, recall mode), "cascade" (trafilatura's default) or "baseline"


def main_text(tree: HtmlElement) -> tuple[str, frozenset[str]]:
    """The main text of the page (see :func:`extract_main`) and its headings' normalised texts."""
    found = extract_main(tree)
    return found.text, found.headings


def extract_main(tree: HtmlElement) -> Extracted:
    """trafilatura's main text (fast recall mode, no comments), with a second opinion when unsure.

    Recall mode skips the balanced mode's whole-page measure and keeps a little more; the line
    rules of :mod:`claimledger.clean.lines` then take the extra furniture out again. When that
    text is :func:`unsure` (cards, ``<section>``-split bodies and lists the fast pass does not
    take for text), trafilatura's full cascade runs too and its text is kept if it is clearly
    longer. When nothing is found, its baseline (JSON-LD, <article>, paragraphs).
    """
    first = _bare(tree, fast=True, favor_recall=True)
    if first is not None and not unsure(first.text, tree):
        return first
    second = _bare(tree, source="cascade", target_language=declared_language(tree))
    if second is not None and (first is None or len(second.text) > _SECOND_OPINION_GAIN * len(first.text)):
        return second
    if first is not None:
        return first
    _, text, _ = baseline(tree)
    return Extracted(unicodedata.normalize("NFC", text or ""), source="baseline")


def unsure(text: str, tree: HtmlElement) -> bool:
    """True when ``text`` holds under 15% of the words the page shows and the page's paragraphs
    hold over twice its words (or none at all: then they cannot vouch for it)."""
    if len(text) >= _UNSURE_MAX_CHARS:
        return False
    words = len(text.split())
    if words >= _UNSURE_PAGE_SHARE * page_words(tree):
        return False
    in_paragraphs = paragraph_words(tree)
    return in_paragraphs == 0 or in_paragraphs > _UNSURE_PARAGRAPH_GAIN * words


def page_words(tree: HtmlElement) -> int:
    """Words of text in the page body, scripts and styles left out (a cheap whole-page measure)."""
    body = tree.find("body")
    if body is None:
        body = tree
    count = len(body.text_content().split())
    for elem in body.iter(*_NOT_TEXT):
        count -= len(elem.text_content().split())
    return max(count, 0)


def paragraph_words(tree: HtmlElement) -> int:
    """Words in the page's ``<p>`` elements outside its chrome (navigation, header, footer, asides)."""
    return sum(len(p.text_content().split()) for p in tree.iter("p")
               if not any(a.tag in _CHROME for a in p.iterancestors()))


def declared_language(tree: HtmlElement) -> str | None:
    """The two-letter language the page declares (``<html lang="en-GB">`` -> "en"), or None.

    Given to trafilatura's cascade so that jusText loads that one stop list, not all of them.
    """
    m = _LANG_RE.match((tree.get("lang") or "").strip().lower())
    return m.group(0) if m else None


def _bare(tree: HtmlElement, source: str = "recall", **options: Any) -> Extracted | None:
    doc = cast(Document | None, trafilatura.bare_extraction(tree, include_comments=False, deduplicate=False,
                                                            include_tables=True, **options))
    if doc is None or not doc.text:
        return None
    headings = frozenset(normalise(" ".join(h.itertext())) for h in doc.body.iter("head"))
    return Extracted(unicodedata.normalize("NFC", doc.text), headings, source)


def recover_missed_blocks(tree: HtmlElement, text: str, min_words: int = 12, max_depth: int = 4) -> str:
    """Add story text trafilatura left out: continued chunks and embedded posts.

    Some sites split one story into several chunks, each in its own ``<div class="body ...">``;
    trafilatura keeps the first. Paragraphs of the same tag and class as the container holding
    most of the extracted paragraphs, near it in the tree and not made of links, are added.
    Embedded social posts (``<blockquote class="twitter-tweet">``) standing between extracted
    paragraphs are quotes in the story, and are added too. Each addition goes after the
    extracted paragraph it follows in the page.
    """
    lines = [ln for ln in text.split("\n") if ln.strip()]
    have = {repeat_key(ln) for ln in lines}
    blocks = _candidate_blocks(tree, min_words)
    hits = [(e, k) for e, k in blocks if e.tag == "p" and k in have]
    if len(hits) < 2:
        return text
    hit_ids = {id(e) for e, _ in hits}
    text_key = repeat_key(text)
    main = _main_container(hits)
    near = set(list(main.iterancestors())[:max_depth]) if main is not None else set()
    added: list[tuple[int, str]] = []  # (number of extracted paragraphs before it, text)
    seen_hits = 0
    for elem, key in blocks:
        if id(elem) in hit_ids:
            seen_hits += 1
        elif key in have:
            continue
        elif elem.tag == "blockquote":
            post = _post_lines(elem)
            if 0 < seen_hits < len(hits) and post and repeat_key(post[0])[:100] not in text_key:
                added.extend((seen_hits, line) for line in post)
                have.add(key)
        elif main is not None and _continues(elem, main, near, max_depth):
            added.append((seen_hits, " ".join(elem.text_content().split())))
            have.add(key)
    if not added:
        return text
    return _insert_after_hits(lines, [k for _, k in hits], added)


def _candidate_blocks(tree: HtmlElement, min_words: int) -> list[tuple[HtmlElement, str]]:
    """Long paragraphs and embedded posts, in page order, with their repeat keys."""
    out = []
    for elem in tree.iter("p", "blockquote"):
        if elem.tag == "blockquote" and "tweet" not in (elem.get("class") or ""):
            continue
        text = elem.text_content()
        if elem.tag == "p" and text.count(" ") + 1 < min_words:
            continue
        key = repeat_key(text)
        if elem.tag == "blockquote" or key.count(" ") + 1 >= min_words:
            out.append((elem, key))
    return out


def _continues(p: HtmlElement, main: HtmlElement, near: set[HtmlElement], max_depth: int) -> bool:
    """``p`` sits in a sibling copy of ``main`` (same tag and class, close by) and is not a link list."""
    parent = p.getparent()
    return (parent is not None and parent is not main and parent.tag == main.tag
            and parent.get("class") == main.get("class")
            and bool(near.intersection(list(parent.iterancestors())[:max_depth]))
            and _link_share(p) <= 0.3)


def _post_lines(quote: HtmlElement) -> list[str]:
    """An embedded post as lines: its paragraphs, then its byline ("— Name (@handle) date")."""
    paras = [" ".join(p.text_content().split()) for p in quote.iter("p")]
    rest = " ".join(quote.text_content().split())
    for para in paras:
        rest = rest.replace(para, " ", 1)
    return [t for t in (*paras, " ".join(rest.split())) if t]


def _main_container(hits: list[tuple[HtmlElement, str]]) -> HtmlElement | None:
    counts: dict[HtmlElement, int] = {}
    for p, _ in hits:
        parent = p.getparent()
        if parent is not None:
            counts[parent] = counts.get(parent, 0) + 1
    if not counts:
        return None
    main = max(counts, key=counts.__getitem__)
    return main if main.get("class") else None


def _link_share(elem: HtmlElement) -> float:
    total = len(elem.text_content())
    linked = sum(len(a.text_content()) for a in elem.iter("a"))
    return linked / total if total else 1.0


def _insert_after_hits(lines: list[str], hit_keys: list[str], added: list[tuple[int, str]]) -> str:
    """Put each added paragraph after the n-th extracted paragraph it followed in the page."""
    first: dict[str, int] = {}
    for i, line in enumerate(lines):
        first.setdefault(repeat_key(line), i)
    anchors = [first.get(k, len(lines) - 1) for k in hit_keys]  # line index of each hit, in page order
    extra: dict[int, list[str]] = {}
    for n_before, para in added:
        at = anchors[n_before - 1] if n_before else -1
        extra.setdefault(at, []).append(para)
    out = list(extra.get(-1, []))
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(extra.get(i, []))
    return "\n".join(out)


def page_metadata(tree: HtmlElement) -> dict[str, Any]:
    """Title, outlet, author, canonical URL and publication date from the page's own markup."""
    doc = examine_meta(tree)
    if not (doc.title and doc.sitename):  # JSON-LD is slower to read: only when meta tags fall short
        try:
            doc = extract_meta_json(tree, doc)
        except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader fails on odd markup; keep going
            pass
    title = doc.title or extract_title(tree)
    url = doc.url or extract_url(tree)
    outlet = doc.sitename or extract_sitename(tree)
    author = doc.author if doc.author and " " in doc.author else None
    return {
        "title": _squash(title),
        "outlet": _squash(outlet.lstrip("@")) if outlet else None,
        "url": url,
        "author": _squash(author),
        "published": publication_date(tree, url),
        "titles": title_variants(tree, title),
    }


def publication_date(tree: HtmlElement, url: str | None = None) -> date | None:
    """The original publication date (htmldate's fast search), or None."""
    try:
        found = find_date(tree, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError):
        return None
    try:
        return date.fromisoformat(found) if found else None
    except ValueError:
        return None


def title_variants(tree: HtmlElement, title: str | None) -> tuple[str, ...]:
    """Headline strings a page repeats in its body: the title, its <title> pieces, the h1."""
    out: list[str] = []
    if title:
        out.append(title)
    head_title = tree.findtext(".//head/title")
    if head_title:
        out.append(head_title)
        out.extend(_TITLE_SPLIT_RE.split(head_title))
    for h1 in tree.iterfind(".//h1"):
        out.append(h1.text_content())
    keys = []
    for t in out:
        key = normalise(t)
        if len(key.split()) >= 3 and key not in keys:
            keys.append(key)
    return tuple(keys)


def link_texts(tree: HtmlElement) -> frozenset[str]:
    """Normalised texts of links to other pages (teasers), of four words or more."""
    out = set()
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        text = a.text_content()
        if text.count(" ") < _MIN_LINK_WORDS - 1:
            continue
        key = normalise(text)
        if key.count(" ") >= _MIN_LINK_WORDS - 1:
            out.add(key)
    return frozenset(out)


def _squash(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None
