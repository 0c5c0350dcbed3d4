"""Syndicated copies: full, cut short, lightly edited; different stories never match."""

from __future__ import annotations

import pytest

from claimledger.clean.syndication import SyndicationIndex, containment, shingles, syndication_groups

WIRE = " ".join([
    "Officials in the northern province said on Tuesday that at least 40 people were killed when",
    "floodwaters swept through three villages overnight, the worst toll in a decade.",
    "The regional governor told reporters that more than 2,000 residents had been moved to temporary",
    "shelters, and that rescue teams were still searching for the missing in the hills.",
    "Aid agencies warned that the number of displaced could rise sharply if the rain continues through",
    "the weekend, according to a statement issued late on Monday by the coordinating office.",
    "Local radio reported that two bridges had collapsed, cutting off the main road to the provincial",
    "capital for the second time this year and stranding hundreds of lorries on the mountain pass.",
    "Engineers from the national roads agency were expected to reach the area by Thursday, the",
    "ministry said, while army helicopters dropped food and water to villages cut off by the water.",
])

OTHER = " ".join([
    "The central bank left its main interest rate unchanged on Wednesday, saying inflation had eased",
    "for a third straight month but remained above the target set by the government last spring.",
    "Economists had expected the decision, although several said a cut could come before the end of",
    "the year if fuel prices keep falling and the currency holds steady against the dollar.",
    "The governor told a news conference that wage growth was still too strong to justify easing,",
    "and that the bank would watch the labour market closely over the coming months.",
])


@pytest.fixture
def index() -> SyndicationIndex:
    idx = SyndicationIndex()
    assert idx.add("wire", WIRE)
    assert idx.add("bank", OTHER)
    return idx


def test_full_copy_with_new_punctuation_matches(index):
    copy = WIRE.replace(",", "").replace("  ", " ").upper()
    assert index.find(copy) == [("wire", 1.0)]


def test_truncated_copy_matches_by_containment(index):
    first_third = " ".join(WIRE.split()[: len(WIRE.split()) // 3])
    found = index.find(first_third)
    assert [k for k, _ in found] == ["wire"] and found[0][1] > 0.95


def test_edited_copy_matches(index):
    edited = WIRE.replace("at least 40 people", "at least 41 people").replace("Local radio", "State radio")
    (key, score), = index.find(edited)
    assert key == "wire" and 0.7 <= score < 1.0


def test_different_stories_do_not_match(index):
    assert index.find(OTHER, exclude="bank") == []
    assert index.find(WIRE, exclude="wire") == []


def test_short_texts_are_not_indexed_or_matched(index):
    assert not index.add("short", "Flood kills 40.")
    assert index.find("Flood kills 40 in the north.") == []
    assert "short" not in index and len(index) == 2


def test_keys_are_unique(index):
    with pytest.raises(ValueError):
        index.add("wire", WIRE)


def test_containment_is_over_the_shorter_text():
    long, short = shingles(WIRE), shingles(" ".join(WIRE.split()[:30]))
    assert containment(long, short) == containment(short, long) == 1.0
    assert containment(set(), long) == 0.0


def test_groups_map_copies_to_the_first_report():
    cut = " ".join(WIRE.split()[:40])
    groups = syndication_groups([("a", WIRE), ("b", OTHER), ("c", cut), ("d", WIRE.upper())])
    assert groups == {"a": "a", "b": "b", "c": "a", "d": "a"}
