"""Flags across the whole ledger: the same measure/subject/place reported by several sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claimledger.reconcile.intervals import (
    COMPARED,
    SAME_TIME_DAYS,
    days_apart,
    describe,
    disjoint,
    mid_sentence,
    source_key,
    subject_key,
)
from claimledger.records import FigureEntry, FigureGroup, LedgerFlag, Reconciliation


def _fine_key(f: FigureEntry) -> str | None:
    """The figure's place below country level (ISO 3166-2), when known."""
    iso = f.place_iso
    if not iso or (f.country and iso.upper() == f.country.upper()):
        return None
    return iso


def _place_keys(entries: Sequence[FigureEntry]) -> dict[int, str | None]:
    """Figure id -> the finest place key the ledger allows: ISO 3166-2, else country.

    A figure placed only at country level joins the one sub-national place of its country
    that its own article names for its other figures, else the one such place its
    measure/subject group knows; when that is ambiguous it stays at country level, so two
    events in one country (a crash in Kano, a fire in Lagos) never share a group."""
    by_article: dict[tuple[int, str | None], set[str]] = {}
    by_bucket: dict[tuple[str, str, str | None], set[str]] = {}
    for f in entries:
        fine = _fine_key(f)
        if fine is not None:
            by_article.setdefault((f.article_id, f.country), set()).add(fine)
            by_bucket.setdefault((f.measure, subject_key(f.subject), f.country), set()).add(fine)
    keys: dict[int, str | None] = {}
    for f in entries:
        fine = _fine_key(f)
        if fine is None and f.country is not None:
            for known in (by_article.get((f.article_id, f.country), set()),
                          by_bucket.get((f.measure, subject_key(f.subject), f.country), set())):
                if len(known) == 1:
                    fine = next(iter(known))
                    break
                if known:
                    break
        keys[f.id] = fine or f.country
    return keys


def group_figures(entries: Iterable[FigureEntry]) -> list[FigureGroup]:
    """Comparable figures together: same measure, normalised subject and finest known place."""
    entries = list(entries)
    place = _place_keys(entries)
    kept = [f for f in entries if f.measure in COMPARED and f.ratio is None]
    groups: dict[tuple[str, str, str | None], list[FigureEntry]] = {}
    for f in kept:
        groups.setdefault((f.measure, subject_key(f.subject), place[f.id]), []).append(f)
    out = [FigureGroup(m, s, p, tuple(sorted(fs, key=lambda f: (f.when or "", f.id))))
           for (m, s, p), fs in groups.items()]
    return sorted(out, key=lambda g: (-len(g.figures), g.measure, g.subject))


def _who_key(f: FigureEntry) -> str:
    return source_key(f.who) or ""


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
            apart = days_apart(a.when, b.when)
            if same_source and apart is None:
                continue  # one source, timing unknown: nothing says it contradicts itself
            if same_source and apart is not None and apart > 0:
                kind = "update"
            elif apart is None or apart <= SAME_TIME_DAYS:
                kind = "contradiction"
            else:
                continue
            first, second = sorted((_who_key(a), _who_key(b)))
            key = (kind, first, second)
            closeness = apart if apart is not None else 0
            if key not in best or closeness < best[key][0]:
                best[key] = (closeness, a, b)
    return [_flag(group, kind, a, b) for (kind, _, _), (_, a, b) in best.items()]


def _flag(group: FigureGroup, kind: str, a: FigureEntry, b: FigureEntry) -> LedgerFlag:
    subject = group.subject or "unspecified subject"
    if kind == "update":
        reason = (f"{mid_sentence(b.who)} updated {group.measure} for {subject} from {describe(a.low, a.high)} "
                  f"({_where(a)}) to {describe(b.low, b.high)} ({_where(b)}).")
    else:
        reason = (f"according to {mid_sentence(a.who)} ({_where(a)}), {describe(a.low, a.high)} {group.measure} "
                  f"for {subject}; according to {mid_sentence(b.who)} ({_where(b)}), {describe(b.low, b.high)}.")
    return LedgerFlag(kind, (a.id, b.id), reason[:1].upper() + reason[1:])


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
