"""What a face keeps of what it read: kept only while the ledger stays as it was."""

from __future__ import annotations

from pathlib import Path

from claimledger.config import Settings
from claimledger.recent import Recent
from claimledger.records import CleanArticle, Extraction, Query
from claimledger.service import Service


def test_values_are_kept_for_their_state_only() -> None:
    kept: Recent[str] = Recent(2)
    kept.put("a", "A", state=(1, 0, 0))
    assert kept.get("a", (1, 0, 0)) == "A"
    assert kept.get("a", (2, 0, 0)) is None  # the ledger grew: what was read before is not served
    kept.put("b", "B", state=(2, 0, 0))
    assert kept.get("a", (2, 0, 0)) is None and kept.get("b", (2, 0, 0)) == "B"


def test_the_least_recently_read_goes_first() -> None:
    kept: Recent[int] = Recent(2)
    for key in ("a", "b"):
        kept.put(key, 1, state=0)
    kept.get("a", 0)
    kept.put("c", 1, state=0)
    assert kept.get("b", 0) is None and kept.get("a", 0) == 1 and kept.get("c", 0) == 1


def _article(uri: str, text: str) -> Extraction:
    return Extraction(CleanArticle(uri=uri, text=text, title=uri, outlet="Lakeside Herald"), (), ())


def test_a_page_asked_again_after_an_append_is_read_again(tmp_path: Path) -> None:
    service = Service(Settings.from_options(db=str(tmp_path / "l.db")))
    assert service.store(_article("a1", "The ferry left at dawn with timber.")).status == "stored"
    first = service.page("articles", Query())
    assert service.page("articles", Query()) is first  # nothing appended: the kept page
    assert service.store(_article("a2", "Market stalls reopened after the flood.")).status == "stored"
    again = service.page("articles", Query())
    assert [r["uri"] for r in again.rows] == ["a1", "a2"] and [r["uri"] for r in first.rows] == ["a1"]
