"""The events a face shows: as of a date, adjudicated (with the machine's view beside it), filtered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from claimledger.events.decisions import Adjudication, apply_decisions
from claimledger.events.reconcile import measure_view, reconcile_event, with_status
from claimledger.records import Event, EventMember, EventQuery


def view_events(machine: Mapping[int, Sequence[EventMember]], decisions: Sequence[Mapping[str, Any]],
                query: EventQuery) -> list[Event]:
    """Every event the query selects, in event order."""
    known = {e: [m for m in ms if known_by(m, query.as_of)] for e, ms in machine.items()}
    known = {e: ms for e, ms in known.items() if ms}
    taken = [d for d in decisions if query.as_of is None or str(d["created_at"])[:10] <= query.as_of]
    adj = apply_decisions(known, [] if query.machine else taken)
    out = []
    for event_id in sorted(adj.members, key=_order):
        ev = adjudicated(reconcile_event(event_id, adj.members[event_id]), adj)
        if ev.decisions or _moved(event_id, adj, known):
            mine = known.get(int(event_id)) if event_id.isdigit() else None
            ev = replace(ev, machine=machine_summary(reconcile_event(event_id, mine)) if mine else {})
        if selected(ev, query):
            out.append(ev)
    return out


def machine_view(event_id: int, members: Sequence[EventMember]) -> Event:
    """The machine's view of one event, what the ledger stores: its reconciliation over every
    member (what :func:`view_events` shows for an event no decision touches)."""
    return reconcile_event(str(event_id), members)


def decision_refs(decisions: Sequence[Mapping[str, Any]]) -> tuple[set[int], set[int]]:
    """(machine events, articles) the decisions name: each decision's event and a merged event
    (a split event '3.12' names 3), and the articles split off or detached. The events these
    articles are filed in, with these events, are all that the decisions can change."""
    events: set[int] = set()
    articles: set[int] = set()
    for d in decisions:
        target = d["target"]
        for ev in (d["event_id"], target.get("event") if d["action"] == "merge" else None):
            head = str(ev).split(".")[0] if ev is not None else ""
            if head.isdigit():
                events.add(int(head))
        if d["action"] == "split":
            articles.update(int(a) for a in target.get("articles") or () if str(a).isdigit())
        elif d["action"] == "detach" and str(target.get("article")).isdigit():
            articles.add(int(target["article"]))
    return events, articles


def known_by(m: EventMember, as_of: str | None) -> bool:
    """Whether the ledger knew this report on ``as_of``: by publication date, else by ingest time."""
    if as_of is None:
        return True
    when = m.published or (m.ingested_at or "")[:10]
    return bool(when) and when <= as_of


def adjudicated(ev: Event, adj: Adjudication) -> Event:
    """Apply set_best and flag verdicts; list the event's decisions."""
    best = adj.best.get(ev.id, {})
    measures = dict(ev.measures)
    for measure, value in best.items():
        m = measures.get(measure) or measure_view(measure, ())
        measures[measure] = replace(m, best=value, best_basis="set by an analyst", adjudicated=True)
    return replace(ev, measures=measures, flags=with_status(ev.flags, adj.flags.get(ev.id, {})),
                   decisions=tuple(adj.notes.get(ev.id, ())))


def machine_summary(ev: Event) -> dict[str, Any]:
    return {"articles": list(ev.articles),
            "measures": {k: {"low": m.low, "best": m.best, "high": m.high} for k, m in ev.measures.items()}}


def _moved(event_id: str, adj: Adjudication, known: Mapping[int, Sequence[EventMember]]) -> bool:
    if not event_id.isdigit():
        return True
    mine = {m.article_id for m in known.get(int(event_id), ())}
    return mine != {m.article_id for m in adj.members.get(event_id, ())}


def selected(ev: Event, q: EventQuery) -> bool:
    if q.measure and not (q.measure in ev.measures and ev.measures[q.measure].best is not None):
        return False
    if q.place and not in_place(ev, q.place):
        return False
    if q.since and not (ev.date and ev.date >= q.since):
        return False
    return not (q.until and not (ev.date and ev.date <= q.until))


def in_place(ev: Event, place: str) -> bool:
    """The event's place is ``place`` or lies inside it (a country code, an ISO 3166-2 code, a name)."""
    p = ev.place
    if p is None:
        return False
    want = place.strip().lower()
    codes = {(p.country or "").lower(), (p.iso3166_2 or "").lower()}
    return want in codes or want == p.name.lower()


def _order(event_id: str) -> tuple[int, ...]:
    return tuple(int(x) for x in event_id.split(".") if x.isdigit())
