"""Plain-text and HTML pages with menus, "Related:" lists and list-shaped bodies (written for these tests).

A page is cleaned as a reader would: menus, teaser lists, bylines and share prompts go; a body
that is itself a list (steps, ingredients, a round-up of places) stays whole.
"""

from __future__ import annotations

from claimledger.clean import clean_article
from claimledger.clean.html import (
    declared_language,
    html_to_article,
    page_words,
    paragraph_words,
    parse_html,
    unsure,
)
from claimledger.clean.lines import find_removals, keep_most_text
from claimledger.config import Settings
from claimledger.records import RawArticle, Removal

SETTINGS = Settings()

BODY = [
    "Officials in the northern province said on Tuesday that at least 40 people were killed when "
    "floodwaters swept through three villages overnight.",
    "The regional governor told reporters that more than 2,000 residents had been moved to "
    "temporary shelters in Riverton.",
    "Local radio reported that two bridges had collapsed, cutting off the main road to the "
    "provincial capital.",
]
NEEDS = [
    "- clean drinking water for about 5,000 people",
    "- blankets and tents for the displaced",
    "- medicine for the two clinics still open",
]
MENU = ["Home", "World", "Politics", "Business", "Sport"]
RELATED = [
    "Storm Season Brings Record Rainfall To Coastal Towns",
    "Ten years after the great flood, rebuilding is unfinished",
    "Senate Approves Emergency Funding For Flood Victims In Marston",
]
PLAIN = "\n".join([
    *MENU,
    "Floods kill dozens in northern villages",
    "By Jane Example, Valley Courier",
    "Share this article",
    BODY[0],
    BODY[1],
    "Aid agencies listed what families need most:",
    *NEEDS,
    BODY[2],
    "Related:",
    *RELATED,
    "More on this story",
    "Dam Failure Feared As Reservoir Nears Capacity",
    "Share on Facebook",
    "Share on Twitter",
]) + "\n"


def removed_lines(text: str) -> dict[str, str]:
    return {text[r.start:r.end]: r.reason for r in find_removals(text)}


def plain(text: str) -> RawArticle:
    return RawArticle(uri="report.txt", content=text, media_type="text")


def test_plain_text_menu_run_is_navigation():
    marked = removed_lines(PLAIN)
    for entry in MENU:
        assert marked.get(entry) == "boilerplate"


def test_plain_text_related_and_more_on_this_lists_are_promos():
    marked = removed_lines(PLAIN)
    for headline in [*RELATED, "Related:", "More on this story", "Dam Failure Feared As Reservoir Nears Capacity"]:
        assert marked.get(headline) == "promo", headline


def test_plain_text_byline_and_share_prompts_are_boilerplate():
    marked = removed_lines(PLAIN)
    for line in ["By Jane Example, Valley Courier", "Share this article", "Share on Facebook", "Share on Twitter"]:
        assert marked.get(line) == "boilerplate", line


def test_plain_text_body_and_its_list_stay_and_text_is_unchanged():
    art = clean_article(plain(PLAIN), SETTINGS)
    assert art.text == PLAIN  # plain text is never cut: removals are marks
    marked = removed_lines(PLAIN)
    for line in [*BODY, *NEEDS, "Aid agencies listed what families need most:",
                 "Floods kill dozens in northern villages"]:
        assert line not in marked, line
        assert line in art.body


def test_short_capitalised_lines_between_body_paragraphs_stay():
    # section headings of a guide: fewer than five in a row inside the body are not a menu
    text = "\n".join([BODY[0], "Before You Go", BODY[1], "Getting There", "On Foot", BODY[2]])
    assert removed_lines(text) == {}


def test_record_fields_are_not_a_menu():
    text = "\n".join(["Gender: Male", "Cause: Gunshot", "Agency: None", BODY[0], BODY[1]])
    assert removed_lines(text) == {}


def test_list_shaped_body_with_a_numbered_round_up_stays_whole():
    places = [f"{n}. {name}" for n, name in enumerate(["Harbour Kitchen", "The Mill House", "Saltmarsh Café"], 1)]
    notes = [
        "A seafood counter by the quay that cooks whatever the boats landed that morning.",
        "Wood-fired bread and long tables in a converted grain mill on the river.",
        "Breakfast until three in the afternoon, and the best view of the estuary in town.",
    ]
    lines = ["Where to eat on the coast this winter, from quayside counters to riverside mills."]
    for place, note in zip(places, notes, strict=True):
        lines += [place, note]
    assert removed_lines("\n".join(lines)) == {}


def test_layout_rules_never_take_most_of_the_text():
    text = "\n".join([BODY[0], BODY[0], BODY[0].replace("Tuesday", "Monday")])
    removals = [Removal(0, 10, "boilerplate"), Removal(20, len(text), "duplicate")]
    assert keep_most_text(removals, text) == [Removal(0, 10, "boilerplate")]
    few = [Removal(0, 10, "promo")]
    assert keep_most_text(few, text) == few


LISTICLE = """<!DOCTYPE html><html lang="en"><head><title>Five winter walks near Riverton | Valley Courier</title>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/travel">Travel</a></li></ul></nav></header>
<main><article><h1>Five winter walks near Riverton</h1>
<p>The hills above Riverton are quiet in winter, and these five routes stay passable when the lanes freeze.</p>
<section><h2>1. The Ridge Path</h2>
<p>A four-mile loop along the ridge with views over the estuary and two benches for lunch.</p></section>
<section><h2>2. Mill Woods</h2><ul><li>Start at the old mill car park beside the river.</li>
<li>Follow the beech avenue uphill for about a mile.</li>
<li>Return by the stream and the stepping stones.</li></ul></section>
<section><h2>3. Saltmarsh Trail</h2>
<p>Flat and firm underfoot, this is the walk to take after heavy rain has soaked the hills.</p></section>
<p>Related:</p>
<ul><li><a href="/travel/best-pubs-after-a-walk">The Best Country Pubs After A Winter Walk</a></li>
<li><a href="/travel/boots-tested">We Tested Twelve Walking Boots In The Rain</a></li></ul>
</article></main>
<footer><p>© 2025 Valley Courier. All rights reserved.</p></footer></body></html>"""


def test_html_list_shaped_body_keeps_its_sections_and_list_items():
    art = clean_article(RawArticle(uri="walks.html", content=LISTICLE, media_type="html"), SETTINGS)
    body = art.body
    for kept in ["1. The Ridge Path", "A four-mile loop along the ridge", "2. Mill Woods",
                 "Start at the old mill car park", "Follow the beech avenue uphill",
                 "Return by the stream", "Flat and firm underfoot"]:
        assert kept in body, kept
    for gone in ["The Best Country Pubs", "We Tested Twelve Walking Boots", "All rights reserved"]:
        assert gone not in body, gone
    assert "Sport" not in body.split("\n")


def test_short_extraction_of_a_wordy_page_is_unsure():
    tree = parse_html(LISTICLE)
    words = page_words(tree)
    assert words > 100
    assert unsure("Five winter walks near Riverton", tree)
    assert not unsure(" ".join(["word"] * words), tree)
    assert not unsure("x" * 10_000, tree)  # a long extraction is trusted


def test_html_page_keeps_every_body_paragraph():
    page = html_to_article(LISTICLE, SETTINGS)
    assert "these five routes stay passable" in page.text


def test_near_copy_stating_other_figures_is_not_a_duplicate():
    first = ("Trip details: an eight-day journey along the coast featuring 10 meals and seven nights "
             "in small family-run hotels.")
    second = first.replace("10 meals", "12 meals")
    assert removed_lines("\n".join([first, BODY[0], second])) == {}
    assert removed_lines("\n".join([first, BODY[0], first])) == {first: "duplicate"}


def test_paragraph_words_leave_out_page_chrome_and_language_is_read_from_the_page():
    tree = parse_html(LISTICLE)
    assert paragraph_words(tree) > 40
    chrome_only = parse_html("<html><body><nav><p>Home News Sport Travel</p></nav>"
                             "<footer><p>About us and contact</p></footer></body></html>")
    assert paragraph_words(chrome_only) == 0
    assert declared_language(parse_html('<html lang="en-GB"><body><p>Hello there.</p></body></html>')) == "en"
    assert declared_language(chrome_only) is None


ROUNDUP = """<!DOCTYPE html><html lang="en"><head><title>Three kettles we liked | Valley Courier</title></head>
<body><main><article><h1>Three kettles we liked</h1>
<p>We boiled a litre of water in each kettle twenty times and timed every run with a stopwatch.</p>
<h2><a href="/shop/harbour-steel-kettle">Harbour Steel Kettle With Gauge</a></h2>
<p>The quickest of the three, it boiled a litre in under three minutes and stayed quiet throughout.</p>
<h2><a href="/shop/mill-glass-kettle">Mill Glass Kettle And Filter</a></h2>
<p>A clear body lets you watch the water, though the lid took two hands to open when it was hot.</p>
<h2><a href="/shop/estuary-travel-kettle">Estuary Folding Travel Kettle</a></h2>
<p>Small enough for a rucksack, it is slow but light, and the cord wraps neatly round the base.</p>
<h3><a href="/news/storm-season-brings-record-rainfall">Storm Season Brings Record Rainfall To Coastal Towns</a></h3>
<h3><a href="/news/ten-years-after-the-flood">Ten Years After The Great Flood Rebuilding Is Unfinished</a></h3>
</article></main></body></html>"""


def test_round_up_keeps_linked_entry_titles_and_drops_a_closing_block_of_linked_headlines():
    body = clean_article(RawArticle(uri="kettles.html", content=ROUNDUP, media_type="html"), SETTINGS).body
    for kept in ["Harbour Steel Kettle With Gauge", "Mill Glass Kettle And Filter", "Estuary Folding Travel Kettle",
                 "The quickest of the three"]:
        assert kept in body, kept
    assert "Storm Season Brings Record Rainfall" not in body
    assert "Ten Years After The Great Flood" not in body
