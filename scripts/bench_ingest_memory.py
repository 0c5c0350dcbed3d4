"""Peak RSS of `claimledger ingest` over a generated 1 GB JSONL or WARC (streamed, never whole).

    python scripts/bench_ingest_memory.py [--kind jsonl|warc] [--mb 1024] [--unique 200]

The file (under /tmp, deleted at the end) holds ``--unique`` LongTail dev articles (read at run
time) written again and again up to ``--mb`` megabytes: the first copy of each is cleaned,
extracted and stored, every later line is the same input again ("already stored"), so the whole
gigabyte is read, parsed and looked up in the ledger without hours of parsing. What grows with
the number of *stored* articles (the syndication index, outlet furniture) is measured apart:
run with two ``--unique`` values and compare.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_spark import articles  # noqa: E402 - the same corpus reader

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def write_jsonl(rows: list[dict], path: Path, size: int) -> int:
    lines = [(json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8") for r in rows]
    written = n = 0
    with path.open("wb") as fh:
        while written < size:
            line = lines[n % len(lines)]
            fh.write(line)
            written, n = written + len(line), n + 1
    return n


def write_warc(rows: list[dict], path: Path, size: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [(r["url"] or f"https://example.org/{r['id']}",
              f"<html><head><title>{r['title'] or ''}</title></head><body><article>"
              + "".join(f"<p>{p}</p>" for p in r["text"].split("\n") if p.strip())
              + "</article></body></html>") for r in rows]
    n = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        while fh.tell() < size:
            uri, html = pages[n % len(pages)]
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.0")
            # the same record again: same address and body, so the same input (already stored)
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(html.encode()),
                                                          http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": "2026-12-01T00:00:00Z"}))
            n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", choices=("jsonl", "warc"), default="jsonl")
    ap.add_argument("--mb", type=int, default=1024)
    ap.add_argument("--unique", type=int, default=200)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "longtail" / "dev.jsonl")
    args = ap.parse_args()
    rows = articles(args.data)[:args.unique]
    work = Path(tempfile.mkdtemp(prefix="claimledger-mem-"))
    try:
        src = work / f"big.{args.kind}"
        records = (write_jsonl if args.kind == "jsonl" else write_warc)(rows, src, args.mb * 2**20)
        size = src.stat().st_size
        start = time.monotonic()
        proc = subprocess.run([str(BIN / "claimledger"), "ingest", str(src), "--db", str(work / "l.db"), "--jsonl"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=False)
        wall = time.monotonic() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        statuses: dict[str, int] = {}
        for line in proc.stdout.splitlines():
            status = json.loads(line)["status"]
            statuses[status] = statuses.get(status, 0) + 1
        print(f"{args.kind}: {size / 2**20:,.0f} MB, {records:,} records ({len(rows)} distinct), "
              f"outcomes {statuses}, exit {proc.returncode}, {wall:.0f} s, peak RSS {peak:,.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
