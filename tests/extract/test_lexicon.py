"""Word lists as data: each package's words.csv loads, every row says where it came from."""

from __future__ import annotations

import pytest

from claimledger.extract.lexicon import Lexicon, ints, word_set

HEADER = "# a comment\nlist,word,value,origin\n"


def test_lists_tables_and_order() -> None:
    lex = Lexicon.parse(HEADER + "verbs,say,,rule\nverbs,tell,,corpus:polnear-train\n"
                        "vague,dozens,24 99 24,rule\nphrases,not clear,,rule\nphrases,unclear,,rule\n"
                        "preps,call,for on,package:spacy\n")
    assert lex.words("verbs") == frozenset({"say", "tell"})
    assert lex.ordered("phrases") == ("not clear", "unclear")
    assert lex.table("vague", ints) == {"dozens": (24, 99, 24)}
    assert lex.table("preps", word_set)["call"] == frozenset({"for", "on"})
    assert [r.origin for r in lex.rows("verbs")] == ["rule", "corpus:polnear-train"]


def test_tables_are_read_only() -> None:
    table = Lexicon.parse(HEADER + "units,two,2,rule\n").table("units", int)
    with pytest.raises(TypeError):
        table["three"] = 3  # type: ignore[index]


@pytest.mark.parametrize("text, message", [
    ("word,list\nverbs,say\n", "header"),
    (HEADER + "verbs,say,,rule\nverbs,say,,rule\n", "twice"),
    (HEADER + "verbs,say,,guess\n", "origin"),
    (HEADER + "verbs,say,rule\n", "fields"),
    (HEADER + ",say,,rule\n", "empty"),
])
def test_bad_files_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Lexicon.parse(text)


def test_an_unknown_list_is_named() -> None:
    with pytest.raises(KeyError, match="no list 'nouns'"):
        Lexicon.parse(HEADER + "verbs,say,,rule\n", "test.csv").words("nouns")


@pytest.mark.parametrize("package", ["attribution", "figures", "places"])
def test_every_package_ships_its_word_lists(package: str) -> None:
    lex = Lexicon.read(f"claimledger.extract.{package}")
    assert lex.lists and all(r.origin for rows in lex.lists.values() for r in rows)


def test_stance_verbs_kept_by_measuring_on_polnear_train_say_so() -> None:
    rows = {r.word: r.origin for r in Lexicon.read("claimledger.extract.attribution").rows("reporting_verbs")}
    assert rows["say"] == "rule" and rows["hop"] == "package:spacy"
    assert "corpus:polnear-train" in rows.values()
