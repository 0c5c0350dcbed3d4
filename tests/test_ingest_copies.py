"""Syndicated copies found at ingest: truncated, re-footed, lightly edited, retitled."""

from __future__ import annotations

import json
from pathlib import Path

from claimledger.config import Settings
from claimledger.service import Service

STORY = [
    "Heavy fighting broke out on Monday around the river port of Mopti in central Mali, where "
    "army units clashed with armed men who had crossed from the north during the night.",
    "Army spokesman Colonel Souleymane Dembele said on Monday evening that 14 soldiers were killed "
    "and 22 were wounded in the clashes, which lasted for several hours.",
    "Residents said the market and the bus station were closed, and that hundreds of families had "
    "left the eastern districts for villages along the river.",
    "The United Nations mission in Mali said it was following the situation closely and called on "
    "all sides to protect civilians caught up in the fighting.",
]
OTHER = ("Farmers in the Sikasso region said on Tuesday that the cotton harvest would be the largest "
         "in a decade, after good rains and a new scheme of seed loans from the national bank. "
         "The agriculture ministry said exports could rise by a fifth, and that twelve new gins "
         "would open before the end of the year in the south of the country.")


def _write(tmp_path: Path, rows: list[dict]) -> Path:
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return p


def test_copies_point_at_the_original(tmp_path: Path) -> None:
    original = "\n".join(STORY)
    truncated = "\n".join(STORY[:2]) + "\nFollow the Sahel Daily on Twitter for more news."
    edited = "\n".join(STORY).replace("several hours", "many hours") + "\nCopyright 2025 Wire. All rights reserved."
    rows = [
        {"id": "orig", "outlet": "Wire", "published": "2025-06-02", "text": original},
        {"id": "trunc", "outlet": "Sahel Daily", "published": "2025-06-02", "text": truncated},
        {"id": "edit", "outlet": "Bamako Post", "published": "2025-06-03", "title": "New title", "text": edited},
        {"id": "other", "outlet": "Wire", "published": "2025-06-03", "text": OTHER},
    ]
    service = Service(Settings.from_options(db=str(tmp_path / "l.db")))
    out = {o.uri.split("#")[1]: o for o in service.ingest([str(_write(tmp_path, rows))])}
    assert out["orig"].status == "stored" and out["other"].status == "stored"
    for key in ("trunc", "edit"):
        assert out[key].status == "copy" and out[key].duplicate_of == out["orig"].article_id, key
    copies = service.report().copies[out["orig"].article_id]
    assert sorted(c["outlet"] for c in copies) == ["Bamako Post", "Sahel Daily"]


def test_copies_found_across_runs(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    first = Service(Settings.from_options(db=db))
    list(first.ingest([str(_write(tmp_path, [{"id": "a", "outlet": "Wire", "text": "\n".join(STORY)}]))]))
    later = Service(Settings.from_options(db=db))
    copy = tmp_path / "copy.txt"
    copy.write_text("\n".join(STORY[1:]) + "\nSubscribe to our newsletter.")
    (outcome,) = list(later.ingest([str(copy)]))
    assert outcome.status == "copy"


def test_fuller_follow_up_is_not_a_copy(tmp_path: Path) -> None:
    """A later version that adds to a stored story keeps its new figures."""
    brief = "\n".join(STORY[:2])
    fuller = "\n".join(STORY) + ("\nUPDATE: The army said on Tuesday that 21 soldiers were killed, "
                                 "and that another 30 were being treated at the military hospital in Sevare.")
    rows = [{"id": "brief", "outlet": "Wire", "published": "2025-06-02", "text": brief},
            {"id": "full", "outlet": "Wire", "published": "2025-06-03", "text": fuller}]
    service = Service(Settings.from_options(db=str(tmp_path / "l.db")))
    out = {o.uri.split("#")[1]: o for o in service.ingest([str(_write(tmp_path, rows))])}
    assert out["brief"].status == "stored" and out["full"].status == "stored"
    assert 21 in {f.low for f in service.ledger.figure_entries()}


def test_same_input_in_one_run_is_stored_once(tmp_path: Path) -> None:
    rows = [{"id": "x", "outlet": "Wire", "text": "\n".join(STORY)}] * 2
    service = Service(Settings.from_options(db=str(tmp_path / "l.db")))
    statuses = [o.status for o in service.ingest([str(_write(tmp_path, rows))])]
    assert statuses == ["stored", "already stored"] and service.ledger.count("articles") == 1
