"""A small invented ledger for the faces' tests: events told by several outlets (a rising toll,
a copy, two cities), one decision, and an article whose title, outlet and text are hostile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.config import Settings
from claimledger.service import Service

XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
TOLL = ("BALTIMORE — The death toll in Monday's shooting at a warehouse on Pratt Street rose to seven, police "
        "said on Tuesday. Three of the wounded died overnight at Johns Hopkins Hospital, a hospital spokesman "
        "said. Detectives are still looking for the gunman, who fled in a grey van, and asked witnesses to call.")
ROWS = [
    {"id": "t1", "published": "2024-03-04", "outlet": "Baltimore Sun", "url": "https://sun.example/t1",
     "title": "Four killed in warehouse shooting",
     "text": "BALTIMORE — Four people were killed in a shooting at a warehouse on Pratt Street on Monday "
             "morning, police said. Police Commissioner Dana Reyes said two others were wounded."},
    {"id": "t2", "published": "2024-03-05", "outlet": "WBAL", "title": "Warehouse shooting toll rises to seven",
     "text": TOLL},
    {"id": "t2copy", "published": "2024-03-05", "outlet": "Wire Service", "title": "Warehouse shooting toll rises",
     "text": TOLL + "\nFollow us for more news."},
    {"id": "d1", "published": "2024-06-08", "outlet": "Dalton Daily Citizen", "title": "Two killed at lounge",
     "text": "DALTON, Ga. — Two men were killed and three other people were wounded in a shooting outside the "
             "Crescent Lounge on Walnut Avenue early Saturday, Dalton police said."},
    {"id": "d2", "published": "2024-06-09", "outlet": "WRCB Channel 3",
     "text": "Dalton police on Sunday identified the two men killed in a shooting at the Crescent Lounge on "
             "Walnut Avenue.\nThree other people were wounded in the shooting early Saturday, Chief Marla "
             "Benning said."},
    {"id": "k1", "published": "2024-05-02", "outlet": "Kisumu Times", "title": "Bus overturns near Kisumu",
     "text": "KISUMU, Kenya — A bus overturned near Kisumu on Wednesday, killing 12 passengers, the county "
             "police commander said. Eighteen others were injured."},
    {"id": "x1", "published": "2024-04-01", "outlet": f"Evil {XSS} Outlet", "title": f"Hostile {XSS} title",
     "url": "javascript:window.__xss=3",
     "text": f"MOMBASA, Kenya — Police said three people were killed {XSS} in a fire at a market on Sunday."},
]


def write_jsonl(path: Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="package")
def faces_service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    tmp = tmp_path_factory.mktemp("faces")
    service = Service(Settings.from_options(db=str(tmp / "faces.db"), token="s3cret"))
    outcomes = list(service.ingest([write_jsonl(tmp / "in.jsonl", ROWS)]))
    assert {o.status for o in outcomes} <= {"stored", "copy"}, outcomes
    toll = next(e for e in service.events() if any(a.endswith("#t1") for a in e.articles))
    service.decide(toll.id, "set_best", {"measure": "killed", "value": 7}, "the coroner's list", "ana")
    return service


@pytest.fixture(scope="package")
def faces_events(faces_service: Service) -> list:
    return faces_service.events()
