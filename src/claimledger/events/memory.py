"""An in-memory event index with the ledger's candidate rules: for tests and experiments."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimledger.events.match import Candidate, Match, MatchModel, Member, best_match, days_between, index_keys


@dataclass
class MemoryEvents:
    """Members filed under their index keys; ``add`` matches and files one article."""

    members: dict[int, list[Member]] = field(default_factory=dict)  # event id -> members
    keys: dict[str, list[tuple[int, Member]]] = field(default_factory=dict)
    event_of: dict[int, int] = field(default_factory=dict)  # article id -> event id
    model: MatchModel | None = None

    def candidates(self, member: Member) -> list[Candidate]:
        found: set[int] = set()
        for key in index_keys(member.event):
            for event_id, other in self.keys.get(key.key, ()):
                apart = days_between(member.event.date, other.event.date)
                if apart is None or apart <= key.window:
                    found.add(event_id)
        return [Candidate(e, tuple(self.members[e])) for e in sorted(found)]

    def add(self, member: Member) -> Match:
        if member.copy_of is not None and member.copy_of in self.event_of:
            match = Match(self.event_of[member.copy_of], float("inf"))
        else:
            match = best_match(member.event, self.candidates(member), self.model, member.outlet)
        event_id = match.event_id if match.event_id is not None else len(self.members) + 1
        self.members.setdefault(event_id, []).append(member)
        self.event_of[member.article_id] = event_id
        for key in index_keys(member.event):
            self.keys.setdefault(key.key, []).append((event_id, member))
        return match
