"""The seed article's acceptance checks (../shared/eval/check_seed.py), run in process."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

# Checks not yet met; each removal from this set is progress (see BENCHMARKS.md).
KNOWN_FAILING: set[str] = set()


def _load_checks(shared: Path):
    spec = importlib.util.spec_from_file_location("check_seed", shared / "eval" / "check_seed.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.checks


@pytest.mark.shared
def test_seed_checks(shared_dir: Path, service) -> None:
    path = shared_dir / "seed" / "seed_article.txt"
    (item,) = list(service.extract_paths([str(path)]))
    doc = json.loads(json.dumps(item.to_dict()))
    results = dict(_load_checks(shared_dir)(doc))
    failing = {name for name, ok in results.items() if not ok}
    assert failing <= KNOWN_FAILING, sorted(failing - KNOWN_FAILING)
    assert len(results) >= 37


@pytest.mark.shared
def test_seed_is_one_running_event_in_kursk(shared_dir: Path, tmp_path: Path) -> None:
    """Every figure of the seed tells one happening: North Korean troops in Kursk Oblast, with
    Zelenskyy's and the Joint Chiefs' casualty counts set against each other."""
    from claimledger.config import Settings
    from claimledger.service import Service

    service = Service(Settings.from_options(db=str(tmp_path / "seed.db")))
    (out,) = list(service.ingest([str(shared_dir / "seed" / "seed_article.txt")], published=None))
    assert out.status == "stored"
    (event,) = service.events()
    assert event.place is not None and event.place.iso3166_2 == "RU-KRS"
    casualties = event.measures["casualties"]
    assert casualties.low == 1100 and casualties.high is not None and casualties.high >= 3001
    kinds = {f.kind for f in event.flags}
    assert {"contradiction", "corroboration_mismatch"} <= kinds
