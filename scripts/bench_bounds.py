"""The inputs the #12 audit found unbounded, ingested one after another by one Service: time
(wall and CPU), peak memory and the outcome of each. Every input is invented here.

    .venv/bin/python scripts/bench_bounds.py
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
from pathlib import Path

from claimledger.config import Settings
from claimledger.service import Service

SOURCES = ("Police", "The ministry", "Officials", "A spokeswoman", "Witnesses", "The governor")


def inputs(folder: Path) -> list[Path]:
    """Each case written to ``folder``, in order."""
    figure_lines = [f"{SOURCES[i % len(SOURCES)]} {i} said {i * 7 + 1} people were killed in Leeds."
                    for i in range(2000)]
    cases = {
        "short-lines-200KB.txt": "\n".join(f"police said {i % 9} people were hurt" for i in range(7_000))[:200_000],
        "numbers-3000.txt": "Officials said the counts were " + ", ".join(str(i * 37 % 10_000) for i in range(3_000))
                            + " people killed.",
        "one-line-100KB.txt": " ".join(["witnesses said 3 people were killed in the town"] * 2_100)[:100_000],
        "figure-lines-500.txt": "\n".join(figure_lines[:500]),
        "figure-lines-1000.txt": "\n".join(figure_lines[:1000]),
        "figure-lines-2000.txt": "\n".join(figure_lines),
        "lone-surrogates.jsonl": "\n".join(json.dumps(o) for o in (
            {"id": "a", "outlet": "Wire\ud800", "text": "Police said 3 people were killed in Leeds.\ud800"},
            {"id": "b", "text": "Officials said 5 people died in York."})),
    }
    paths = []
    for name, text in cases.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        service = Service(Settings(db_url=f"sqlite:///{folder / 'l.db'}"))
        service.extractor  # noqa: B018 - load the model first
        for path in inputs(folder):
            wall, cpu = time.perf_counter(), time.process_time()
            outs = list(service.ingest([str(path)]))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            said = "; ".join(o.status if o.status != "failed" else (o.error or "").replace(str(folder) + "/", "")
                             for o in outs)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            print(f"{path.name:24} {path.stat().st_size:>8,} B  {wall:6.2f} s wall {cpu:6.2f} s cpu  "
                  f"peak {peak} MB  {said}", flush=True)


if __name__ == "__main__":
    main()
