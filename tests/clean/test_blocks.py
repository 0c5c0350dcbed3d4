"""The learned line classifier: features, the word budget, the shipped model (pages written for these tests)."""

from __future__ import annotations

from claimledger.clean.blocks import (
    ASIDE,
    LineModel,
    choose_removals,
    class_tokens,
    kept_lines,
    learned_removals,
    line_features,
)
from claimledger.clean.html import parse_html, ruled_page
from claimledger.records import Removal

BODY = [
    "The harbour authority said on Friday that the new breakwater would be finished by the spring, two "
    "years later than planned, after storms damaged the first section in the winter.",
    "Engineers told the council that the cost had risen to 48 million, and that a second contractor "
    "would be brought in to finish the outer wall before the autumn gales arrive.",
    "Fishing crews welcomed the news but said that the delay had already cost them two seasons of safe "
    "mooring, and several boats had moved to the next port along the coast.",
]
BIO = ("Sam Writer has covered the coast for the Gazette for ten years and lives with two cats in a "
       "cottage above the harbour, where she also grows tomatoes.")

PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Breakwater delayed again | Coast Gazette</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article class="story"><h1>Breakwater delayed again</h1>
<div class="story-body"><p>{BODY[0]}</p><p>{BODY[1]}</p><p>{BODY[2]}</p></div>
<div class="deskNote"><p>{BIO}</p></div>
</article></body></html>"""


def _rows():
    tree = parse_html(PAGE)
    page = ruled_page(tree)
    return tree, page, line_features(tree, page.text, page.removed, page.headings, page.link_texts)


def test_each_line_is_mapped_to_its_element() -> None:
    _, page, rows = _rows()
    by_text = {line.text: feats for line, feats in rows}
    assert BIO in page.text
    bio = by_text[BIO]
    assert bio["cls=desk"] == 1.0 and bio["cls=note"] == 1.0  # camelCase class split into words
    assert bio["tag=p"] == 1.0 and "dom_missing" not in bio
    body = by_text[BODY[1]]
    assert body["cls=story"] == 1.0 and "cls=note" not in body
    assert body["in_main"] == 1.0 and bio["in_main"] == 0.0  # the body paragraphs' container excludes the box
    assert body["prev_ends_stop"] == 1.0 and bio["next_edge"] == 1.0


def test_a_model_marks_the_lines_it_scores_high_as_aside() -> None:
    tree, page, _ = _rows()
    model = LineModel({"cls=note": 6.0}, bias=-3.0, threshold=0.5)
    found = learned_removals(tree, page.text, page.removed, page.headings, page.link_texts, model)
    assert [page.text[r.start:r.end] for r in found] == [BIO]
    assert all(r.reason == ASIDE for r in found)


def test_no_model_marks_nothing() -> None:
    tree, page, _ = _rows()
    assert learned_removals(tree, page.text, page.removed, page.headings, page.link_texts, None) == []


def test_a_page_never_loses_more_than_its_budget() -> None:
    _, _, rows = _rows()
    greedy = LineModel({}, bias=5.0, threshold=0.5, max_share=0.5)  # every line is furniture to it
    found = choose_removals(rows, greedy)
    total = sum(len(line.words) for line, _ in rows)
    taken = sum(len(line.words) for line, _ in rows if any(r.start == line.start for r in found))
    assert found and taken <= 0.5 * total


def test_lines_already_removed_are_not_scored() -> None:
    text = "first line here\nsecond line here\nthird line here"
    lines = kept_lines(text, [Removal(16, 32, "promo")])
    assert [ln.text for ln in lines] == ["first line here", "third line here"]


def test_class_tokens_split_words_and_drop_short_ones() -> None:
    tree = parse_html('<html><body><div id="mainContent" class="js-x post_body"><p>a b c d</p></div></body></html>')
    div = next(tree.iter("div"))
    assert class_tokens([div]) == {"main", "content", "post", "body"}


def test_the_shipped_model_keeps_a_plain_story_whole() -> None:
    model = LineModel.load()
    if model is None:
        return  # no model shipped: nothing is marked (covered above)
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    page = f"<html><body><article><h1>Breakwater delayed</h1>{paras}</article></body></html>"
    tree = parse_html(page)
    ruled = ruled_page(tree)
    found = learned_removals(tree, ruled.text, ruled.removed, ruled.headings, ruled.link_texts, model)
    assert not [r for r in found if ruled.text[r.start:r.end] in BODY]
