"""Articles per second per core: `ingest` vs `spark extract` on local[2] (+ `load`), and the
projected core-hours for 1 M articles of 500 words.

    python scripts/bench_spark.py [--articles 2000] [--data ../shared/data/longtail/dev.jsonl]

Reads the LongTail dev articles (or PolNeAR's, with --data ../shared/data/polnear/train.jsonl)
at run time into a JSONL file under /tmp (texts repeated under new ids when more articles are
asked for than there are), deleted at the end. Each command runs in its own process; CPU time is
the process tree's user + system time, so "per core" holds on a shared machine as well. The
projection to 1 M articles uses the marginal cost per word: the same three commands over a small
``--baseline`` corpus give the start-up (JVM, model loads), which a long run pays once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGET_ARTICLES, TARGET_WORDS = 1_000_000, 500


def articles(data: Path) -> list[dict]:
    """Flat articles {id, text, title, published, url, outlet} from LongTail or PolNeAR rows."""
    out = []
    for line in data.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for a in row.get("articles", [row]):
            url = a.get("original_url") or a.get("url")
            out.append({"id": a["id"], "text": a["text"], "title": a.get("title"),
                        "published": a.get("published") or a.get("date"), "url": url,
                        "outlet": a.get("publisher") or (urlparse(url).hostname if url else None)})
    return out


def corpus(rows: list[dict], n: int, path: Path) -> int:
    """Write ``n`` articles (repeating texts under new ids when needed); return their words."""
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            row = dict(rows[i % len(rows)], id=f"{rows[i % len(rows)]['id']}-{i // len(rows)}")
            words += len(row["text"].split())
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return words


def _tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds (user + system) of ``root`` and of every descendant alive now."""
    tick = os.sysconf("SC_CLK_TCK")
    parents, times = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    for pid, cpu in times.items():
        p = pid
        while p > 1 and p != root:
            p = parents.get(p, 1)
        if p == root:
            seen[pid] = max(seen.get(pid, 0.0), cpu)


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the whole process tree: the JVM and Spark's Python workers
    too), sampled from /proc every half second."""
    seen: dict[int, float] = {}
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        _tree_cpu(proc.pid, seen)
        time.sleep(0.5)
    return time.monotonic() - start, sum(seen.values())  # a process's last half second may be missed


def run_all(rows: list[dict], n: int, work: Path, cores: int) -> tuple[int, int, dict[str, tuple[float, float]]]:
    """(articles, words, {command: (wall, cpu)}) of ingest, spark extract and load over ``n`` articles."""
    work.mkdir(parents=True)
    src = work / "articles.jsonl"
    words = corpus(rows, n, src)
    cl = str(BIN / "claimledger")
    return n, words, {
        "ingest": timed([cl, "ingest", str(src), "--db", str(work / "ingest.db"), "--jsonl"]),
        "spark extract": timed([cl, "spark", "extract", str(src), str(work / "out"), "--master", f"local[{cores}]"]),
        "load": timed([cl, "load", str(work / "out"), "--db", str(work / "load.db"), "--jsonl"]),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "longtail" / "dev.jsonl")
    ap.add_argument("--cores", type=int, default=2, help="Spark's local[N]")
    ap.add_argument("--baseline", type=int, default=20, help="a small run whose cost is taken as start-up")
    args = ap.parse_args()
    rows = articles(args.data)
    work = Path(tempfile.mkdtemp(prefix="claimledger-bench-"))
    try:
        runs = {size: run_all(rows, size, work / str(size), args.cores) for size in (args.baseline, args.articles)}
        (n0, w0, small), (n, words, big) = runs[args.baseline], runs[args.articles]
        print(f"corpus: {n:,} articles from {args.data} ({words / n:.0f} words on average; baseline "
              f"{n0} articles), load average {os.getloadavg()[0]:.1f}")
        scale = TARGET_ARTICLES * TARGET_WORDS  # words to process
        for name in big:
            (wall, cpu), (_, cpu0), cores = big[name], small[name], (args.cores if name == "spark extract" else 1)
            marginal = (cpu - cpu0) / (words - w0)  # CPU seconds per word once started
            print(f"{name:14s} wall {wall:7.1f} s  cpu {cpu:7.1f} s  {n / cpu:5.2f} articles/CPU-s  "
                  f"{n / (wall * cores):5.2f} articles/s/core (wall x {cores}) | marginal "
                  f"{(n - n0) / (cpu - cpu0):5.2f} articles/CPU-s -> 1 M x 500 words: "
                  f"{scale * marginal / 3600:5.1f} core-hours (whole run: {scale * cpu / words / 3600:5.1f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
