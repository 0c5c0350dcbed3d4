"""What an event's reports agree on: its day and its place (used by matching and reconciliation)."""

from __future__ import annotations

from collections.abc import Sequence

from claimledger.records import EventMember, EventPlace

RANK_WEIGHT = {0: 1.5, 1: 1.0, 2: 0.9, 3: 0.7, 4: 0.6, 5: 0.5, 6: 0.4}


def event_day(members: Sequence[EventMember]) -> str | None:
    """The day the reports give, each weighted by how directly its text ties the day to the
    happening (a stated 'the Jan. 29 shooting' over 'Saturday' in the lead over the publication
    date); earliest on ties."""
    votes: dict[str, float] = {}
    for m in members:
        if m.event.date:
            weight = RANK_WEIGHT.get(m.event.date_rank, 0.4)
            votes[m.event.date] = votes.get(m.event.date, 0.0) + weight
    if not votes:
        return None
    return min(votes, key=lambda d: (-votes[d], d))


PLACE_LEVEL = {"city": 3, "feature": 3, "admin2": 2, "admin1": 1, "region": 0, "country": 0}


def event_place(members: Sequence[EventMember]) -> EventPlace | None:
    """The finest place the reports support: each report votes for its place (weighted by its
    confidence); a finer place inside the winning region wins over the region itself."""
    votes: dict[tuple[object, ...], float] = {}
    seen: dict[tuple[object, ...], EventPlace] = {}
    for m in members:
        p = m.event.place_detail
        if p is None:
            continue
        key: tuple[object, ...] = (p.geonames_id or p.name.lower(), p.kind)
        seen.setdefault(key, p)
        votes[key] = votes.get(key, 0.0) + 0.5 + m.event.place_confidence
    if not votes:
        return None
    regions: dict[str | None, float] = {}
    for key, v in votes.items():
        r = seen[key].iso3166_2 or seen[key].country
        regions[r] = regions.get(r, 0.0) + v
    region = max(regions, key=lambda r: regions[r])
    inside = [k for k in votes if (seen[k].iso3166_2 or seen[k].country) == region]
    best = max(inside, key=lambda k: (min(PLACE_LEVEL.get(seen[k].kind or "", 0), 3) >= 3,
                                      PLACE_LEVEL.get(seen[k].kind or "", 0) >= 2, votes[k],
                                      PLACE_LEVEL.get(seen[k].kind or "", 0)))
    return seen[best]
