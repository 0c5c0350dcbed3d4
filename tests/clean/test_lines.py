"""Line rules of the clean stage, on short reports written for these tests."""

from __future__ import annotations

import pytest

from claimledger.clean.lines import (
    find_removals,
    is_boilerplate,
    is_dateline,
    is_promo,
    split_lines,
    trailing_notice,
)

BODY_1 = ("Officials in the northern province said on Tuesday that at least 40 people were killed when "
          "floodwaters swept through three villages overnight.")
BODY_2 = ("The regional governor told reporters that more than 2,000 residents had been moved to "
          "temporary shelters, and that rescue teams were still searching for the missing.")
BODY_3 = ("Aid agencies warned that the number of displaced could rise sharply if the rain continues "
          "through the weekend, according to a statement issued late on Monday.")
BODY_4 = ("Local radio reported that two bridges had collapsed, cutting off the main road to the "
          "provincial capital for the second time this year.")

REPORT = "\n".join([
    BODY_1,
    BODY_2,
    "READ: Storm Season Brings Record Rainfall To Coastal Towns",
    BODY_3,
    BODY_4,
    "Related: Ten Years After The Great Flood, Rebuilding Is Still Unfinished",
    BODY_3,
    BODY_4.replace("reported that", "reported,").replace(".", "!"),
    "Please make a small donation to the Valley Courier to keep local reporting alive. Every gift helps.",
    "Connect with us: Follow the Valley Courier on Facebook and Twitter for live updates.",
    "Sign up: Subscribe to our free evening newsletter for the day's top stories.",
])


def reasons_by_line(text: str) -> dict[int, str]:
    """Line number (0-based) -> reason, for every line a removal covers entirely."""
    out = {}
    for n, line in enumerate(split_lines(text)):
        for r in find_removals(text):
            if r.start <= line.start and r.end >= line.end:
                out[n] = r.reason
    return out


def test_report_promos_repeats_and_footers_are_marked():
    assert reasons_by_line(REPORT) == {
        2: "promo", 5: "promo", 6: "duplicate", 7: "duplicate",
        8: "boilerplate", 9: "boilerplate", 10: "boilerplate",
    }


def test_text_is_not_changed_and_offsets_slice_whole_lines():
    lines = REPORT.split("\n")
    for r in find_removals(REPORT):
        assert REPORT[r.start:r.end] in lines
        assert r.start < r.end


def test_first_copy_of_a_repeated_paragraph_is_kept():
    text = "\n".join([BODY_1, BODY_2, BODY_1])
    removed = find_removals(text)
    assert [(r.start, r.reason) for r in removed] == [(text.rindex(BODY_1), "duplicate")]


def test_near_copy_differing_in_punctuation_and_spacing_is_a_duplicate():
    copy = BODY_2.replace(",", "").replace("  ", " ").replace("governor", "governor ") + ""
    text = "\n".join([BODY_1, BODY_2, BODY_3, copy])
    assert [r.reason for r in find_removals(text)] == ["duplicate"]


def test_line_repeated_three_times_is_structure_not_a_duplicate():
    question = "What did the residents of the valley say about the response of the authorities?"
    text = "\n".join([question, BODY_1, question, BODY_2, question, BODY_3])
    assert find_removals(text) == []


def test_plain_news_has_nothing_removed():
    assert find_removals("\n".join([BODY_1, BODY_2, BODY_3, BODY_4])) == []


def test_headline_between_body_paragraphs_is_a_promo_in_plain_text():
    text = "\n".join([BODY_1, "Senate Approves Emergency Funding For Flood Victims", BODY_2])
    assert [r.reason for r in find_removals(text)] == ["promo"]


def test_headline_rule_is_off_when_the_page_gives_link_texts():
    text = "\n".join([BODY_1, "Senate Approves Emergency Funding For Flood Victims", BODY_2])
    assert find_removals(text, link_texts=frozenset()) == []
    hint = frozenset({"senate approves emergency funding for flood victims"})
    assert [r.reason for r in find_removals(text, link_texts=hint)] == ["promo"]


def test_title_and_standfirst_hints():
    dek = "Rescuers searched through the night as the river rose to its highest level in decades."
    text = "\n".join(["Floods Kill Dozens in Northern Villages", dek, BODY_1, BODY_2])
    removed = find_removals(text, titles=["Floods kill dozens in northern villages | The Courier"],
                            headings=frozenset({"floods kill dozens in northern villages",
                                                "rescuers searched through the night as the river rose to "
                                                "its highest level in decades"}))
    assert [r.reason for r in removed] == ["standfirst"]
    removed = find_removals(text, titles=["Floods Kill Dozens in Northern Villages"],
                            headings=frozenset({"rescuers searched through the night as the river rose to "
                                                "its highest level in decades"}))
    assert [r.reason for r in removed] == ["title", "standfirst"]


@pytest.mark.parametrize("line", [
    "READ: Army Says Rebels Pushed Back From Border Town",
    "Read more: Ceasefire talks stall for a third day",
    "RELATED",
    "Related stories",
    "Watch - Drone footage shows the damaged bridge",
    "Also on example.com: Five things to know about the vote",
    "DON'T MISS",
    "Most read in world news",
    "Capital braces for more protests after weekend clashes [VIDEO]",
])
def test_promo_lines(line):
    assert is_promo(line)


@pytest.mark.parametrize("line", [
    "Watch the full interview above.",
    "More bombing.",
    "Read the statement the ministry published on Friday, which blamed the rebels.",
    "Video transcript:",
    "- The survey puts the opposition 16 points ahead. [POLL]",
    BODY_1,
])
def test_not_promo_lines(line):
    assert not is_promo(line)


@pytest.mark.parametrize("line", [
    "Please consider making a donation to support independent journalism.",
    "Subscribe to our newsletter for the latest headlines.",
    "Follow us on Twitter and Facebook.",
    "Follow Jane Doe on Twitter @janedoe.",
    "Copyright 2024 Example Media Group. All rights reserved.",
    "© 2024 Example Broadcasting",
    "Have a tip? Reach the newsroom at tips@example.com.",
    "Reporting by Jane Doe; Editing by John Roe",
    "Advertisement",
    "newsdesk@example.com",
    "12 Comments",
    "Thank you",
    "- Order Reprints",
    "An error has occurred, please try again later.",
    "By The Associated Press",
    "This is a developing story. Check back for updates.",
    "Jane Doe contributed to this report.",
    "jdoe@example.com or 555-010-0199",
    "Download the Channel 9 News app: iPhone | Android",
    "Follow EXAMPLE.COM: Facebook | Twitter",
    "Please enable JavaScript to watch this video",
    "There is plenty more where that came from. Sign up for our daily newsletter today.",
    "If you buy something through this post, we may earn a commission.",
    "For more neighborhood news, listen to our radio show here:",
    "______________",
    "November 19, 2019 / 12:21 AM / Updated 14 hours ago",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    BODY_2,
    "Donations poured in after the attack, the charity said.",
    "The names of the victims may not be published until their families are told.",
    "The lawsuit accuses the company of copyright infringement.",
    "Police said they would follow up every lead.",
    "By noon, 12 people had been taken to hospital.",
    "Anyone with information is asked to call 555-010-0199.",
    "''Follow us,'' the guide said, and the group walked on to the courthouse.",
    "“Subscribe to nothing they tell you,” the candidate told the crowd.",
    "SÃ©golÃ¨ne Royal spoke at the summit.",  # mojibake must not look like a copyright sign
])
def test_not_boilerplate_lines(line):
    assert not is_boilerplate(line)


def test_dateline_needs_a_date_word_or_clock_time():
    assert is_dateline("Friday, June 10, 2016.")
    assert is_dateline("9:05 p.m.")
    assert not is_dateline("1.")
    assert not is_dateline("WEEK 13.")
    assert not is_dateline("On May 5 2019 the police said")


def test_rights_notice_glued_to_a_paragraph_is_cut_from_where_it_starts():
    line = BODY_1 + " © 2016 Example TV. All rights reserved."
    cut = trailing_notice(line)
    assert line[cut:] == "© 2016 Example TV. All rights reserved."
    removed = find_removals("\n".join([BODY_2, line]))
    assert [(r.reason, "\n".join([BODY_2, line])[r.start:r.end]) for r in removed] == [
        ("boilerplate", "© 2016 Example TV. All rights reserved.")]


def test_near_copy_with_one_word_changed_or_cut_short_is_a_duplicate():
    edited = BODY_2.replace("temporary shelters", "emergency shelters")
    text = "\n".join([BODY_1, BODY_2, BODY_3, edited])
    assert [r.reason for r in find_removals(text)] == ["duplicate"]
    cut = BODY_2[: BODY_2.index(", and that")] + "."
    text = "\n".join([BODY_1, BODY_2, BODY_3, cut + " It was the worst flood in years."])
    assert find_removals(text) == []  # a shortened copy with new words is not ninety percent a copy
    text = "\n".join([BODY_1, BODY_2, BODY_3, BODY_2[:-1] + " overnight."])
    assert [r.reason for r in find_removals(text)] == ["duplicate"]


def test_the_pages_own_address_is_boilerplate_other_links_stay():
    text = "\n".join(["https://news.example.org/story/floods-2024/", BODY_1, "https://example.org/report.pdf"])
    removed = find_removals(text, urls=["https://www.news.example.org/story/floods-2024"])
    assert [(r.reason, text[r.start:r.end]) for r in removed] == [
        ("boilerplate", "https://news.example.org/story/floods-2024/")]


def test_crlf_text_keeps_offsets_and_finds_the_same_lines():
    text = REPORT.replace("\n", "\r\n")
    removed = find_removals(text)
    assert [r.reason for r in removed] == [r.reason for r in find_removals(REPORT)]
    for r in removed:
        assert "\r" not in text[r.start:r.end] and "\n" not in text[r.start:r.end]


def test_list_of_teasers_under_a_related_header_is_promo():
    text = "\n".join([BODY_1, "Related:", "- Storm season brings record rain", "- Bridges close across the region",
                      BODY_2])
    assert [r.reason for r in find_removals(text)] == ["promo", "promo", "promo"]


def test_empty_and_blank_text_have_no_removals():
    assert find_removals("") == []
    assert find_removals("\n \n\t\n") == []


def test_known_headline_repeated_as_the_first_line_of_plain_text_is_a_title():
    from claimledger.clean import clean_article
    from claimledger.config import Settings
    from claimledger.records import RawArticle

    text = "\n".join(["Floods kill dozens in northern villages", BODY_1, BODY_2])
    raw = RawArticle(uri="a.txt", content=text, media_type="text", title="Floods Kill Dozens in Northern Villages")
    art = clean_article(raw, Settings())
    assert art.text == text and [r.reason for r in art.removed] == ["title"]
    assert art.body == "\n".join([BODY_1, BODY_2])


def test_copy_of_a_removed_standfirst_stays_in_the_body():
    dek = "Rescuers searched through the night as the river rose to its highest level in decades."
    text = "\n".join([dek, BODY_1, dek, BODY_2])
    removed = find_removals(text, headings=frozenset({" ".join(dek.lower().rstrip(".").split())}))
    assert [(r.start, r.reason) for r in removed] == [(0, "standfirst")]


def test_long_paragraph_with_a_follow_call_inside_is_kept():
    line = ("We reported from the climate talks all week. Follow our team on Twitter and read on: "
            "Delegates from forty countries agreed on Friday to cut methane emissions by a third before "
            "2030, and the host government said funding for poorer countries would double next year.")
    assert not is_boilerplate(line)
    assert is_boilerplate("Follow our team on Twitter for live updates from the climate talks.")
