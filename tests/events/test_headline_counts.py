"""An article's counts from its headline and body together (issue #10): headline English in
sentence form, and a victim told as shot in one and as dead in the other counted once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.config import Settings
from claimledger.extract.figures import sentence_form, title_totals
from claimledger.service import Service

STUB = "Posted by the newsroom. Share this story."
DIED_BODY = ("MACON, Ga. — Police said the teen was shot in the chest near Ash Street on Friday night. "
             "Investigators have not named a suspect.")
KILLED_BODY = ("TIFTON, Ga. — A man was shot and killed outside a store on Love Avenue on Sunday, "
               "Tifton police said. Officers have made no arrest.")


@pytest.mark.parametrize("title, form", [
    ("Juvenile shot in arm in Duquesne", "A juvenile was shot in arm in Duquesne"),
    ("Boy, 14, fatally shot in park", "A boy, 14, was fatally shot in park"),
    ("Chief urges gun safety after juvenile shot", "Chief urges gun safety after juvenile was shot"),
    ("16-Year-Old Accidentally Shot", "16-year-old was accidentally shot"),
    ("Officer shot a man downtown", None),  # active: not rewritten
    ("Two-year-old was shot", None),
])
def test_sentence_form(title: str, form: str | None) -> None:
    assert sentence_form(title) == form


@pytest.mark.parametrize("title, killed, injured", [
    ("Juvenile shot in arm in Duquesne", None, 1),
    ("Boy, 14, fatally shot in park", 1, None),
    ("Teenager Shot In Duquesne", None, 1),
])
def test_headline_counts_read_from_the_sentence_form(nlp, title: str, killed: int | None,
                                                     injured: int | None) -> None:
    doc = nlp(title)
    t = title_totals(doc._.claimledger_figures, doc, nlp)
    assert (t.killed, t.injured) == (killed, injured)


def _events(tmp_path: Path, rows: list[dict]) -> dict[str, dict[str, int | None]]:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    service = Service(Settings.from_options(db=str(tmp_path / "ledger.db")))
    list(service.ingest([str(path)]))
    return {e.articles[0].rsplit("#", 1)[-1]: {k: m.best for k, m in e.measures.items()}
            for e in service.events()}


def test_headline_and_body_count_each_victim_once(tmp_path: Path) -> None:
    got = _events(tmp_path, [
        {"id": "stub", "title": "Juvenile shot in arm in Duquesne", "text": STUB, "published": "2024-04-02"},
        {"id": "died", "title": "Teen dies after Macon shooting", "text": DIED_BODY, "published": "2024-05-11"},
        {"id": "killed", "title": "Man shot outside Tifton store", "text": KILLED_BODY, "published": "2024-07-08"},
    ])
    assert got["stub"].get("injured") == 1  # a stub whose story is its headline
    assert got["died"].get("killed") == 1 and not got["died"].get("injured")  # shot, then died
    assert got["killed"].get("killed") == 1 and not got["killed"].get("injured")  # the headline's shot man died
