"""Events across articles: which stored event a new article reports, if any.

Candidates come from an index (the ledger's ``event_keys``): events with a report in the same
region within a date window, or sharing a name (a victim, a suspect, a street). Each candidate
is scored against the article from place agreement at the finest level, date distance, kind,
compatible counts, shared names and shared lead words; the best candidate over the threshold
is the article's event, otherwise the article opens a new one. The work per article depends
on the number of candidates, never on the size of the ledger.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from claimledger.logistic import sigmoid
from claimledger.records import ArticleEvent, EventCandidate, EventChoice, EventKey, EventMember, EventPlace

DATE_WINDOW_DAYS = 7  # candidates by region: reports whose event dates are this close
NAME_WINDOW_DAYS = 120  # candidates by a shared name: a follow-up weeks later
GENERIC_KINDS = frozenset({"attack", "homicide", None})


Member = EventMember
Candidate = EventCandidate
Match = EventChoice


def index_keys(ev: ArticleEvent) -> list[EventKey]:
    """The keys an article is filed under: its region (ISO 3166-2, else country) within a week;
    its town, and the names it gives (people, streets, venues), within four months."""
    keys = []
    place = ev.place_detail
    if place is not None and (place.iso3166_2 or place.country):
        keys.append(EventKey(f"region:{place.iso3166_2 or place.country}", ev.date, DATE_WINDOW_DAYS))
    if place is not None and place.kind in ("city", "feature", "admin2"):
        town = place.geonames_id or f"{place.name.lower()}|{place.iso3166_2 or place.country}"
        keys.append(EventKey(f"town:{town}"[:200], ev.date, NAME_WINDOW_DAYS))
    keys += [EventKey(f"name:{n}"[:200], ev.date, NAME_WINDOW_DAYS) for n in ev.names if " " in n]
    return keys


def best_match(ev: ArticleEvent, candidates: Iterable[Candidate], model: MatchModel | None = None,
               outlet: str | None = None) -> Match:
    """The candidate event ``ev`` most likely reports, when the model's probability reaches its
    threshold; otherwise no event (the article opens a new one)."""
    model = model or MatchModel.load()
    best = Match(None, 0.0)
    for cand in candidates:
        feats = pair_features(ev, cand.members, outlet)
        p = model.probability(feats)
        if best.event_id is None or p > best.score:
            best = Match(cand.event_id, p, feats)
    if best.event_id is None or best.score < model.threshold:
        return Match(None, best.score, best.features)
    return best


@dataclass(frozen=True)
class MatchModel:
    """A logistic model over :func:`pair_features`, read from ``data/match_model.json`` (trained
    by ``scripts/train_event_matcher.py``; the file records what it was trained on)."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    @classmethod
    def load(cls, path: Path | None = None) -> MatchModel:
        return _load_model(str(path or MODEL_PATH))

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(w * feats.get(k, 0.0) for k, w in self.weights.items())
        return sigmoid(z)


MODEL_PATH = Path(__file__).with_name("data") / "match_model.json"


@lru_cache(maxsize=4)
def _load_model(path: str) -> MatchModel:
    """Read once per process (the file is immutable package data)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return MatchModel(dict(data["weights"]), float(data["bias"]), float(data.get("threshold", 0.5)))


def pair_features(ev: ArticleEvent, members: Sequence[Member], outlet: str | None = None) -> dict[str, float]:
    """The article against an event, as indicator and scaled features for the model: place
    agreement at the finest level, date distance to the event's agreed day, kind, shared names,
    shared lead words, compatible counts, the event's size, and a report from the same outlet."""
    sh = features(ev, members)
    out = {f"place_{name}": 1.0 for name, v in PLACE_BUCKETS.items() if sh.place == v}
    out[_day_bucket(sh.days)] = 1.0
    out["kind_same"] = float(sh.kind > 0)
    out["kind_differ"] = float(sh.kind < 0)
    out["names_1"] = float(sh.names >= 1)
    out["names_2"] = float(sh.names >= 2)
    out["surnames_1"] = float(sh.surnames >= 1)
    out["surnames_2"] = float(sh.surnames >= 2)
    out["names_none_shared"] = float(sh.names == 0 and bool(ev.names) and sh.event_names > 0)
    out["words"] = sh.words
    out["counts"] = sh.counts
    out["event_size"] = math.log1p(len(members))
    out["same_outlet"] = float(outlet is not None and any(m.outlet == outlet for m in members))
    return out


PLACE_BUCKETS = {"same_town": 3.0, "near": 1.0, "same_region": 0.5, "unknown": 0.0, "far_town": -3.0,
                 "other_region": -4.0, "other_country": -6.0}


def _day_bucket(days: int | None) -> str:
    if days is None:
        return "days_unknown"
    if days <= 1:
        return f"days_{days}"
    if days <= 3:
        return "days_2_3"
    if days <= DATE_WINDOW_DAYS:
        return "days_4_7"
    return "days_over_7"


@dataclass(frozen=True)
class Shared:
    """What an article shares with an event."""

    place: float  # place_agreement of the article's place and the event's agreed place
    days: int | None  # days between the article's date and the event's agreed day
    kind: float
    names: int  # names the article shares with its best-matching report
    surnames: int  # last words of people's names it shares with its best-matching report
    event_names: int  # names the event's reports give in all
    words: float
    counts: float


def features(ev: ArticleEvent, members: Sequence[Member]) -> Shared:
    """What the article shares with an event: its agreed place and day (not any one report's,
    so an event cannot drift report by report), its kind, and the best-matching report's names,
    lead words and counts."""
    from claimledger.events.profile import event_day, event_place

    day = event_day(members)
    kinds = [m.event.kind for m in members if m.event.kind]
    mine = set(ev.names)
    return Shared(
        place=place_agreement(ev.place_detail, event_place(members)),
        days=days_between(ev.date, day) if ev.date and day else None,
        kind=kind_agreement(ev.kind, max(set(kinds), key=kinds.count) if kinds else None),
        names=max((len(mine & set(m.event.names)) for m in members), default=0),
        surnames=max((len(surnames(ev.names) & surnames(m.event.names)) for m in members), default=0),
        event_names=len({n for m in members for n in m.event.names}),
        words=max((overlap(ev.words, m.event.words) for m in members), default=0.0),
        counts=max((count_agreement(ev, m.event) for m in members), default=0.0),
    )


STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd", "lane",
                          "ln", "way", "court", "ct", "place", "pl", "highway", "hwy", "parkway", "pkwy",
                          "terrace", "circle", "trail", "pike"})


def surnames(names: Iterable[str]) -> set[str]:
    """The last word of each person-like name (two or three words, not a street)."""
    out = set()
    for n in names:
        words = n.split()
        if 2 <= len(words) <= 3 and words[-1] not in STREET_WORDS and len(words[-1]) > 2:
            out.add(words[-1])
    return out


def place_agreement(a: EventPlace | None, b: EventPlace | None) -> float:
    """+3 the same town, +1 neighbouring towns or one known only to its region, -3 two towns far
    apart in one region, -4 different regions, -6 different countries; 0 when either is unknown."""
    if a is None or b is None:
        return 0.0
    if a.country and b.country and a.country != b.country:
        return -6.0
    ra, rb = a.iso3166_2 or a.country, b.iso3166_2 or b.country
    if ra and rb and ra != rb:
        return -4.0
    if a.geonames_id and a.geonames_id == b.geonames_id or _same_name(a, b):
        return 3.0 if a.kind in ("city", "feature", "admin2") else 1.0
    if a.kind in ("city", "feature") and b.kind in ("city", "feature"):
        km = distance_km(a, b)
        if km is not None and km < 25:
            return 1.0
        return -3.0
    return 0.5


def _same_name(a: EventPlace, b: EventPlace) -> bool:
    return a.name.lower() == b.name.lower() and a.kind == b.kind


def distance_km(a: EventPlace, b: EventPlace) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def days_between(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(str(a)[:10]) - date.fromisoformat(str(b)[:10])).days)
    except ValueError:
        return None


def kind_agreement(a: str | None, b: str | None) -> float:
    if a in GENERIC_KINDS or b in GENERIC_KINDS:
        return 0.0
    return 0.5 if a == b else -1.0


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the smaller word set found in the other."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def count_agreement(a: ArticleEvent, b: ArticleEvent) -> float:
    """+0.5 per measure both count alike, -0.5 per measure they count differently."""
    score = 0.0
    for measure in ("killed", "injured"):
        ra, rb = a.report(measure), b.report(measure)
        if ra is None or rb is None or ra.best is None or rb.best is None:
            continue
        score += 0.5 if ra.best == rb.best else -0.5
    return score
