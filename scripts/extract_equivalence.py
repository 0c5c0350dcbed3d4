#!/usr/bin/env python3
"""Equivalence harness for refactors: dump `claimledger extract --jsonl` on a fixed set of dev
texts, then diff a later dump against it. Byte-identical output means every scorer gives the
same numbers.

Usage (from the project root):
    python3 scripts/extract_equivalence.py dump /tmp/cl-equiv-layout/before.jsonl
    python3 scripts/extract_equivalence.py dump /tmp/cl-equiv-layout/after.jsonl
    python3 scripts/extract_equivalence.py diff /tmp/cl-equiv-layout/before.jsonl /tmp/cl-equiv-layout/after.jsonl

With ``--published YYYY-MM-DD`` every text is read as published that day (relative dates resolved).

The texts (dev splits only: PolNeAR dev, the first GVDB and WAD dev items, the geo files and
the seed article) are read from ../shared at run time and written to a fixed folder outside the
repository (--texts, default /tmp/cl-equiv-layout/texts), so the paths in the output stay the same.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

SHARED = "../shared"
# (file, text key, how many items)
SETS = (
    ("data/polnear/dev.jsonl", "text", 84),
    ("data/gvdb/dev.jsonl", "text", 80),
    ("data/wad/dev.jsonl", "description", 60),
    ("data/geo/gwn_dev.jsonl", "text", 40),
    ("data/geo/lgl.jsonl", "text", 30),
    ("data/geo/geovirus.jsonl", "text", 20),
)


def write_texts(folder: str) -> list[str]:
    """Write every chosen text to ``folder`` (same names every run); returns the paths."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for rel, key, limit in SETS:
        with open(os.path.join(SHARED, rel), encoding="utf-8") as fh:
            items = [json.loads(line) for line in fh if line.strip()][:limit]
        tag = rel.split("/")[1] + "-" + os.path.basename(rel).split(".")[0]
        for i, item in enumerate(items):
            paths.append(_write(folder, f"{tag}-{i:04d}.txt", item[key]))
    with open(os.path.join(SHARED, "seed/seed_article.txt"), encoding="utf-8") as fh:
        paths.append(_write(folder, "seed.txt", fh.read()))
    return paths


def _write(folder: str, name: str, text: str) -> str:
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def dump(out: str, folder: str, cmd: str, published: str | None) -> int:
    paths = write_texts(folder)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    extra = ["--published", published] if published else []
    with open(out, "w", encoding="utf-8") as fh:
        proc = subprocess.run([cmd, "extract", *paths, "--jsonl", *extra], stdout=fh, stderr=subprocess.PIPE,
                              text=True)
    print(f"{len(paths)} texts -> {out} (exit {proc.returncode})")
    return 0


def diff(a: str, b: str) -> int:
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        left, right = fa.read().splitlines(), fb.read().splitlines()
    differing = [i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y]
    if len(left) != len(right):
        print(f"line counts differ: {len(left)} vs {len(right)}")
    for i in differing[:10]:
        print(f"differs: {json.loads(left[i]).get('path')}")
    same = not differing and len(left) == len(right)
    print(f"equivalence {'identical' if same else 'DIFFERENT'}: {len(left) - len(differing)} of {len(left)} "
          "outputs byte-identical")
    return 0 if same else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="verb", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out")
    d.add_argument("--texts", default="/tmp/cl-equiv-layout/texts")
    d.add_argument("--cmd", default=".venv/bin/claimledger")
    d.add_argument("--published")
    c = sub.add_parser("diff")
    c.add_argument("a")
    c.add_argument("b")
    args = ap.parse_args()
    if args.verb == "dump":
        return dump(args.out, args.texts, args.cmd, args.published)
    return diff(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
