"""eval_events' counts, city and date on two halves of the longtail dev incidents, in memory.

    .venv/bin/python scripts/events_halves.py

An in-memory replica of ``../shared/eval/eval_events.py`` (same corpus order, same scoring of
each incident's main event) that runs on the cached parse of ``scripts/parsed_data.py``
(re-extracted with today's figures code) instead of a fresh ingest: about two minutes instead
of fifteen, for iterating on the figures and events code. Incidents are split into two halves
by a hash of their id; issue #10's session-3 rules were chosen reading errors of half 0, and
half 1 is reported beside it. The real figure is eval_events.py's (the ledger path, with
syndication); this replica agrees with it to about ±0.005.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_data import SHARED, longtail  # noqa: E402
from parsed_data import parsed, reextract  # noqa: E402

from claimledger.events import Lexicon, MemoryEvents, article_event, reconcile_event  # noqa: E402
from claimledger.events.match import MatchModel, Member  # noqa: E402
from claimledger.reconcile import article_flags  # noqa: E402
from claimledger.records import Extraction  # noqa: E402

sys.path.insert(0, str(SHARED / "eval"))
from eval_events import bcubed, city_matches, days_apart  # noqa: E402


def half(incident: str) -> int:
    return int(hashlib.sha256(incident.encode()).hexdigest(), 16) % 2


def members(rows: list[dict], extractions: list) -> list[Member]:
    lex = Lexicon()
    out = []
    for n, (row, ex) in enumerate(zip(rows, extractions, strict=True)):
        if not isinstance(ex, Extraction):
            continue
        ex = replace(ex, flags=ex.flags + tuple(article_flags(ex.claims, ex.figures, ex.article.text)))
        out.append(Member(n, article_event(ex, lex), uri=row["id"], outlet=row.get("outlet"),
                          published=row.get("published"), title=row.get("title")))
    return out


def score(ms: list[Member]) -> tuple[float, dict[int, Counter]]:
    index = MemoryEvents(model=MatchModel.load())
    for m in ms:
        index.add(m)
    events = {eid: reconcile_event(str(eid), group) for eid, group in index.members.items()}
    assign: dict[str, object] = {m.uri: index.event_of[m.article_id] for m in ms}
    incidents, _, gold_of = longtail()
    for a in gold_of:
        assign.setdefault(a, ("alone", a))
    p, r = bcubed(assign, gold_of)
    res = {0: Counter(), 1: Counter()}
    for inc in incidents:
        c = res[half(inc["incident_id"])]
        c["n"] += 1
        multi = len(inc["articles"]) >= 2
        c["multi"] += multi
        votes = Counter(assign[a["id"]] for a in inc["articles"] if not isinstance(assign[a["id"]], tuple))
        ev = events.get(votes.most_common(1)[0][0]) if votes else None  # type: ignore[call-overload]
        if ev is None:
            continue
        k, i = (((ev.measures.get(m).best if ev.measures.get(m) else None) or 0) for m in ("killed", "injured"))
        both = k == inc["killed"] and i == inc["injured"]
        c["killed"] += k == inc["killed"]
        c["injured"] += i == inc["injured"]
        c["both"] += both
        c["multi both"] += multi and both
        c["city"] += city_matches(ev.place.name if ev.place else None, inc.get("city"))
        dd = days_apart(ev.date, inc["date"]) if ev.date else None
        c["date"] += dd is not None and dd <= 1
    return 2 * p * r / (p + r), res


def line(c: Counter) -> str:
    n = c["n"]
    return (f"incidents {n} killed {c['killed'] / n:.3f} injured {c['injured'] / n:.3f} both {c['both'] / n:.3f}"
            f" multi {c['multi both'] / max(c['multi'], 1):.3f} city {c['city'] / n:.3f} date±1 {c['date'] / n:.3f}")


def main() -> int:
    items = parsed("longtail")
    f1, res = score(members([it.row for it in items], reextract(items)))
    print(f"clustering B-cubed F1 {f1:.3f}")
    print(f"half 0 (errors read): {line(res[0])}")
    print(f"half 1              : {line(res[1])}")
    print(f"all                 : {line(res[0] + res[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
