"""Where extraction time goes as one document grows, per component, with the work bounds off.

For each shape of text (many short lines; one sentence listing numbers; one long line; many
figure lines whose figures contradict one another) at doubling sizes, one ``Service.extract_one``
runs with each named component wrapped in a timer, and the seconds of each are printed with the
growth exponent over the last doubling (1 = linear, 2 = quadratic). Components are found by
function name in every claimledger module, so the script still works once extract/ is split
into sub-packages (#9). "parse" is the spaCy pipeline (claimledger_line_breaks included);
"from_doc, rest" is what Extractor.from_doc spends outside the finders it calls (re-reading
spans against the original text). No profiler: cProfile inflates spaCy's per-token calls.

    .venv/bin/python scripts/bench_extract_scaling.py [--sizes 5000,10000,20000,40000] [--shapes ...]
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

from claimledger.config import ExtractLimits, Settings
from claimledger.records import RawArticle
from claimledger.service import Service

SOURCES = ("Police", "The ministry", "Officials", "A spokeswoman", "Witnesses", "The governor")
SHAPES = {
    "short-lines": (lambda i: f"police said {i % 9} people were hurt", "\n"),
    "numbers": (lambda i: f"{i * 37 % 10_000}", ", "),
    "one-line": (lambda i: f"witnesses said {i % 7} people were killed in the town", " "),
    "figure-lines": (lambda i: f"{SOURCES[i % len(SOURCES)]} {i} said {i * 7 + 1} people were killed in Leeds.", "\n"),
}
COMPONENTS = ("find_claims", "find_figures", "find_places", "link_claims", "link_places", "article_totals",
              "ratio_flags", "article_flags", "article_event")
OFF = ExtractLimits(chars=10**9, words=10**9, lines=10**9, line_chars=10**9, numbers=10**9, line_numbers=10**9,
                    flags=10**9, cpu_seconds=0, wall_seconds=0)


def make_text(shape: str, size: int) -> str:
    unit, sep = SHAPES[shape]
    if shape == "numbers":
        head = "Officials said the counts were "
        return head + _repeat(unit, size - len(head) - 15, sep) + " people killed."
    return _repeat(unit, size, sep)


def _repeat(unit, size: int, sep: str) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(unit(i))
        total += len(parts[-1]) + len(sep)
        i += 1
    return sep.join(parts)


def timed_components() -> dict[str, float]:
    """Wrap every claimledger function named in COMPONENTS (and Extractor.from_doc) in a timer;
    the returned dict accumulates seconds per name."""
    import importlib
    import pkgutil

    import claimledger
    from claimledger.extract import Extractor

    spent: dict[str, float] = {}

    def timer(name: str, fn):
        def wrapped(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
        return wrapped

    faces = ("claimledger.spark", "claimledger.api", "claimledger.web", "claimledger.cli")
    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(claimledger.__path__, "claimledger.")
               if not m.name.startswith(faces)]
    originals = {id(fn): (n, fn) for mod in modules for n in COMPONENTS
                 if callable(fn := getattr(mod, n, None)) and getattr(fn, "__module__", "").startswith("claimledger")}
    wrappers = {key: timer(name, fn) for key, (name, fn) in originals.items()}
    for mod in modules:
        for attr, value in list(vars(mod).items()):
            if id(value) in wrappers and not attr.startswith("__"):
                setattr(mod, attr, wrappers[id(value)])
    Extractor.from_doc = timer("from_doc", Extractor.from_doc)  # type: ignore[method-assign]
    return spent


def measure(service: Service, spent: dict[str, float], text: str) -> dict[str, float]:
    article = service.clean_raw(RawArticle(uri="<bench>", content=text, media_type="text"))
    spent.clear()
    started = time.perf_counter()
    service.extract_one(article)
    total = time.perf_counter() - started
    row = dict(spent)
    inner = sum(v for k, v in row.items() if k not in ("from_doc", "article_flags", "article_event"))
    row["from_doc, rest"] = row.get("from_doc", 0.0) - inner
    row["parse"] = total - row.get("from_doc", 0.0) - row.get("article_flags", 0.0) - row.get("article_event", 0.0)
    row.pop("from_doc", None)
    row["total"] = total
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5000,10000,20000,40000")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        service = Service(Settings(db_url=f"sqlite:///{Path(tmp) / 'b.db'}", extract_limits=OFF))
        service.extractor  # noqa: B018 - load the model before timing
        spent = timed_components()
        for shape in args.shapes.split(","):
            rows = [measure(service, spent, make_text(shape, n)) for n in sizes]
            names = sorted({k for r in rows for k in r}, key=lambda k: -rows[-1].get(k, 0))
            print(f"\n## {shape} (seconds; growth exponent over the last doubling)", flush=True)
            print("| component | " + " | ".join(f"{n:,} chars" for n in sizes) + " | exponent |")
            print("|---" * (len(sizes) + 2) + "|")
            for key in names:
                vals = [r.get(key, 0.0) for r in rows]
                grow = (math.log2(vals[-1] / vals[-2]) / math.log2(sizes[-1] / sizes[-2])
                        if len(vals) > 1 and vals[-2] > 0.01 else float("nan"))
                print(f"| {key} | " + " | ".join(f"{v:.2f}" for v in vals) + f" | {grow:.1f} |")


if __name__ == "__main__":
    main()
