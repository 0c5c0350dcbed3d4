"""Flags across the whole ledger: the same measure/subject/place reported by several sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from claimledger.reconcile.intervals import describe, disjoint, subject_key
from claimledger.records import FigureEntry, FigureGroup, LedgerFlag, Reconciliation

COMPARED = frozenset({"killed", "injured", "casualties", "deployed", "captured", "missing",
                      "displaced", "arrested"})
SAME_TIME_DAYS = 1  # two figures this close in time describe the same moment


def _place_key(f: FigureEntry) -> str | None:
    return f.country


def group_figures(entries: Iterable[FigureEntry]) -> list[FigureGroup]:
    """Comparable figures together: same measure, normalised subject and country."""
    groups: dict[tuple[str, str, str | None], list[FigureEntry]] = {}
    for f in entries:
        if f.measure not in COMPARED or f.ratio is not None:
            continue
        groups.setdefault((f.measure, subject_key(f.subject), _place_key(f)), []).append(f)
    out = [FigureGroup(m, s, p, tuple(sorted(fs, key=lambda f: (f.when or "", f.id))))
           for (m, s, p), fs in groups.items()]
    return sorted(out, key=lambda g: (-len(g.figures), g.measure, g.subject))


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _who_key(f: FigureEntry) -> str:
    return f.who.lower().removeprefix("the ")


def _where(f: FigureEntry) -> str:
    bits = [f.outlet or f.uri or f"article {f.article_id}"]
    if f.when:
        bits.append(f.when)
    return ", ".join(bits)


def group_flags(group: FigureGroup) -> list[LedgerFlag]:
    """Updates from one source over time; contradictions between sources at the same time.

    One flag per pair of sources and kind: the pair of their figures closest in time."""
    best: dict[tuple[str, str, str], tuple[int, FigureEntry, FigureEntry]] = {}
    for j, b in enumerate(group.figures):
        for a in group.figures[:j]:
            if a.article_id == b.article_id or not disjoint(a.low, a.high, b.low, b.high):
                continue
            same_source = _who_key(a) == _who_key(b) and a.who != "(unattributed)"
            apart = _days_apart(a.when, b.when)
            if same_source and (apart or 0) > 0:
                kind = "update"
            elif apart is None or apart <= SAME_TIME_DAYS:
                kind = "contradiction"
            else:
                continue
            key = (kind, *sorted((_who_key(a), _who_key(b))))
            closeness = apart if apart is not None else 0
            if key not in best or closeness < best[key][0]:
                best[key] = (closeness, a, b)
    return [_flag(group, kind, a, b) for (kind, _, _), (_, a, b) in best.items()]


def _flag(group: FigureGroup, kind: str, a: FigureEntry, b: FigureEntry) -> LedgerFlag:
    subject = group.subject or "unspecified subject"
    if kind == "update":
        reason = (f"{b.who} updated {group.measure} for {subject} from {describe(a.low, a.high)} "
                  f"({_where(a)}) to {describe(b.low, b.high)} ({_where(b)}).")
    else:
        reason = (f"{a.who} reports {describe(a.low, a.high)} {group.measure} for {subject} "
                  f"({_where(a)}) but {b.who} reports {describe(b.low, b.high)} ({_where(b)}).")
    return LedgerFlag(kind, (a.id, b.id), reason)


def reconcile(entries: Sequence[FigureEntry], stored_flags: Iterable[LedgerFlag] = (),
              copies: dict[int, list[str]] | None = None, articles: int = 0) -> Reconciliation:
    """The report: comparable groups, their flags, the flags stored with articles, and copies."""
    groups = group_figures(entries)
    flags: list[LedgerFlag] = []
    seen: set[frozenset[int]] = set()
    for fl in stored_flags:
        flags.append(fl)
        if fl.kind in ("contradiction", "update"):
            seen.add(frozenset(fl.figure_ids))
    for g in groups:
        for fl in group_flags(g):
            if frozenset(fl.figure_ids) not in seen:
                seen.add(frozenset(fl.figure_ids))
                flags.append(fl)
    return Reconciliation(groups=tuple(groups), flags=tuple(flags), articles=articles,
                          copies=dict(copies or {}))
