"""The main job over the bundled samples: ingest into a fresh ledger, then the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.config import Settings
from claimledger.service import Service

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("e2e") / "ledger.db"
    service = Service(Settings.from_options(db=str(db)))
    outcomes = list(service.ingest([str(SAMPLES)]))
    return service, outcomes


def test_every_sample_is_stored_or_recognised_as_a_copy(run) -> None:
    _, outcomes = run
    assert not [o for o in outcomes if o.status == "failed"]
    assert len(outcomes) == 7
    copies = [o for o in outcomes if o.status == "copy"]
    assert {Path(o.uri.split("#")[0]).name for o in copies} >= {"articles.jsonl", "herald-ferry-capsizes.txt"}


def test_reingest_stores_nothing_new(run) -> None:
    service, _ = run
    before = service.ledger.count("figures")
    again = list(service.ingest([str(SAMPLES)]))
    assert {o.status for o in again} == {"already stored"}
    assert service.ledger.count("figures") == before


def test_report_is_one_event_with_updates_and_mismatch(run) -> None:
    service, _ = run
    rep = service.report()
    (event,) = rep.events  # every sample reports the one ferry accident
    kinds = {f.kind for _, f in rep.flags}
    assert {"update", "corroboration_mismatch"} <= kinds
    assert not any(f.kind == "update" and "divers" in f.reason for _, f in rep.flags)
    assert any("37" in f.reason and "52" in f.reason for _, f in rep.flags if f.kind == "update")
    killed = event.measures["killed"]
    assert {r.low for r in killed.reports} >= {37, 41, 44, 52}
    assert killed.best == 52 and killed.low == 37
    assert event.place is not None and event.place.name == "Mwanza"
    assert any("Daily Lake Courier" in [c["outlet"] for c in copies] for copies in rep.copies.values())


def test_figures_keep_provenance(run) -> None:
    service, _ = run
    for entry in service.ledger.figure_entries():
        text = service.ledger.article(entry.article_id)["text"]
        assert text[entry.start:entry.end] == entry.span_text


def test_evidence_sentences_hold_no_removed_text(run) -> None:
    service, _ = run
    for entry in service.ledger.figure_entries():
        assert "READ:" not in (entry.sentence or "") and "donation" not in (entry.sentence or "")
