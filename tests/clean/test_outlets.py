"""Outlet furniture learned across articles: a short line the outlet prints under many stories."""

from __future__ import annotations

from claimledger.clean import OutletLines, clean_article
from claimledger.config import Settings
from claimledger.records import RawArticle

FOOTER = "Tips? Write to the desk at the address on our contact page."


def _story(n: int) -> str:
    return (f"Officials in district {n} said on Monday that {n + 2} houses were damaged by the storm.\n"
            f"Repair crews are expected to arrive by the end of the week, the district office said.\n"
            f"Read the 2025 storm guide at our website.\n{FOOTER}")


def test_line_repeated_across_an_outlets_articles_is_boilerplate() -> None:
    memory = OutletLines(min_articles=2)
    settings = Settings()
    arts = []
    for n in range(4):
        art = clean_article(RawArticle(f"a{n}", _story(n), "text", outlet="Valley Times"), settings, memory)
        memory.learn(art.outlet, art.text)  # the service teaches it each article it stores
        arts.append(art)
    footers = [[r for r in a.removed if a.text[r.start:r.end] == FOOTER] for a in arts]
    assert [len(f) for f in footers] == [0, 0, 1, 1]
    assert all("houses were damaged" in a.body and "2025 storm guide" in a.body for a in arts)


def test_other_outlets_do_not_teach_each_other() -> None:
    memory = OutletLines(min_articles=2)
    for n in range(3):
        memory.learn("Valley Times", _story(n))
    assert memory.removals("Hill Gazette", _story(9)) == []
    assert memory.removals(None, _story(9)) == []


def test_long_shared_paragraphs_are_not_furniture() -> None:
    memory = OutletLines(min_articles=2, max_words=10)
    for n in range(3):
        memory.learn("Valley Times", _story(n))
    assert memory.removals("Valley Times", _story(7)) == []
