"""HTML pages -> main text, metadata, and line removals (pages written for these tests)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from claimledger.clean import clean_article
from claimledger.clean.html import html_to_article
from claimledger.config import Settings
from claimledger.errors import ExtractionTimeout, InputError, ParseError
from claimledger.records import RawArticle

PARAS = [
    "Officials in the northern province said on Tuesday that at least 40 people were killed when "
    "floodwaters swept through three villages overnight, the worst toll in a decade.",
    "The regional governor told reporters that more than 2,000 residents had been moved to temporary "
    "shelters, and that rescue teams were still searching for the missing in the hills.",
    "Aid agencies warned that the number of displaced could rise sharply if the rain continues through "
    "the weekend, according to a statement issued late on Monday by the coordinating office.",
    "Local radio reported that two bridges had collapsed, cutting off the main road to the provincial "
    "capital for the second time this year and stranding hundreds of lorries.",
]

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Floods kill dozens in northern villages | Valley Courier</title>
<meta property="og:title" content="Floods kill dozens in northern villages">
<meta property="og:site_name" content="Valley Courier">
<meta name="author" content="Jane Example">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
<link rel="canonical" href="https://courier.example.org/news/floods-kill-dozens">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Floods kill dozens in northern villages</h1>
<p>{}</p>
<p>{}</p>
<p><a href="/news/storm-season-brings-record-rainfall">Storm Season Brings Record Rainfall To Coastal Towns</a></p>
<p>{}</p>
<p>{}</p>
<p>Please make a small donation to the Valley Courier to keep local reporting alive.</p>
</article>
<aside><h3>Most read</h3><ul>
<li><a href="/news/a">Senate approves emergency funding for flood victims</a></li>
<li><a href="/news/b">Ten years after the great flood, rebuilding is unfinished</a></li>
</ul></aside>
<footer><p>© 2024 Valley Courier. All rights reserved.</p></footer>
</body></html>
""".format(*PARAS)

SETTINGS = Settings()


def raw(html: str, uri: str = "page.html") -> RawArticle:
    return RawArticle(uri=uri, content=html, media_type="html")


def test_main_text_and_metadata():
    page = html_to_article(PAGE, SETTINGS, uri="page.html")
    for para in PARAS:
        assert para in page.text
    assert "Senate approves" not in page.text
    assert page.title == "Floods kill dozens in northern villages"
    assert page.outlet == "Valley Courier"
    assert page.author == "Jane Example"
    assert page.url == "https://courier.example.org/news/floods-kill-dozens"
    assert page.published == date(2024, 3, 5)


def test_clean_article_marks_teasers_and_footers_and_keeps_offsets():
    art = clean_article(raw(PAGE), SETTINGS)
    for r in art.removed:
        assert 0 <= r.start < r.end <= len(art.text)
    body = art.body
    for para in PARAS:
        assert para in body
    assert "Storm Season" not in body
    assert "donation" not in body
    assert art.published == date(2024, 3, 5)
    assert art.outlet == "Valley Courier"


def test_known_metadata_wins_over_the_page():
    art = clean_article(replace(raw(PAGE), published=date(2024, 3, 6), outlet="Wire"), SETTINGS)
    assert art.published == date(2024, 3, 6)
    assert art.outlet == "Wire"


def test_syndicated_copies_are_not_deduplicated_away():
    first = clean_article(raw(PAGE, "a.html"), SETTINGS)
    second = clean_article(raw(PAGE, "b.html"), SETTINGS)
    assert first.body == second.body and PARAS[0] in second.body


@pytest.mark.parametrize("html, reason", [
    ("   ", "empty"),
    ("just some words, no markup at all", "no HTML markup"),
    ("<html><body><script>var x = 1;</script></body></html>", "no article text"),
])
def test_unusable_html_is_a_parse_error_with_a_one_line_reason(html, reason):
    with pytest.raises(ParseError) as err:
        html_to_article(html, SETTINGS, uri="bad.html")
    message = str(err.value)
    assert reason in message and "\n" not in message and "bad.html" in message


def test_page_over_the_size_limit_is_refused():
    with pytest.raises(InputError, match="limit"):
        html_to_article(PAGE, replace(SETTINGS, max_bytes=1000), uri="big.html")


def test_slow_page_times_out_instead_of_hanging():
    big = "<html><body><article>" + "".join(
        f"<div><p>{PARAS[i % 4]} Paragraph {i}.</p></div>" for i in range(3000)) + "</article></body></html>"
    with pytest.raises(ExtractionTimeout, match="longer than"):
        html_to_article(big, replace(SETTINGS, html_timeout=0.01), uri="slow.html")


def test_deadline_restores_the_alarm_handler():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    html_to_article(PAGE, SETTINGS)
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_story_split_into_sibling_chunks_is_recovered_in_order():
    chunk = '<div class="grid"><div class="story-body">{}</div></div>'
    html = ("<html><head><title>Chunked story</title></head><body><main><div class='chunks'>"
            + chunk.format(f"<p>{PARAS[0]}</p><p>{PARAS[1]}</p>")
            + '<div class="ad">Advertisement</div>'
            + chunk.format(f"<p>{PARAS[2]}</p><p>{PARAS[3]}</p>")
            + "</div></main><footer><p>About us</p></footer></body></html>")
    text = html_to_article(html, SETTINGS).text
    positions = [text.find(p) for p in PARAS]
    assert -1 not in positions and positions == sorted(positions)


def test_embedded_post_between_paragraphs_is_kept_as_a_quote():
    tweet = ('<div class="social-media-embed"><blockquote class="twitter-tweet">'
             '<p>Roads to the valley are closed until further notice, stay safe everyone.</p>'
             '— Valley Police (@valleypolice) March 5, 2024</blockquote></div>')
    html = ("<html><head><title>Flood</title></head><body><article>"
            f"<p>{PARAS[0]}</p><p>{PARAS[1]}</p>{tweet}<p>{PARAS[2]}</p><p>{PARAS[3]}</p>"
            "</article></body></html>")
    text = html_to_article(html, SETTINGS).text
    assert text.count("Roads to the valley are closed") == 1
    assert text.index(PARAS[1]) < text.index("Roads to the valley") < text.index(PARAS[2])


def test_control_characters_in_the_page_are_dropped_not_fatal():
    html = ("<html><body><article>"
            f"<p>{PARAS[0]}\x01\x02</p><p>{PARAS[1]}\x0b</p></article></body></html>")
    text = html_to_article(html, SETTINGS).text
    assert PARAS[0] in text and "\x01" not in text


def test_an_extractor_bug_becomes_a_parse_error(monkeypatch):
    import claimledger.clean.html as html_module

    def broken(tree):
        raise KeyError("unexpected node")

    monkeypatch.setattr(html_module, "main_text", broken)
    with pytest.raises(ParseError, match="HTML extraction failed"):
        html_to_article(PAGE, SETTINGS, uri="buggy.html")


def test_an_enclosing_alarm_survives_extraction():
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        html_to_article(PAGE, SETTINGS)
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < remaining <= 30 and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
