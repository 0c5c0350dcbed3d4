"""Place resolution: each name's candidates ranked by the learned ranker (``_rank``), first on
their own, then with the article's other places as context, and with explicit containers
('Dover, Delaware'). Counties and streets without coordinates of their own are placed
approximately from the article's towns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from claimledger.extract.places._rank import (
    Context,
    Cooccurrence,
    MentionInfo,
    Ranker,
    candidate_features,
    context_features,
    distance_km,
    fit_inside,
    shortlist,
)
from claimledger.extract.places._recognise import Mention, local_feature
from claimledger.extract.places._words import PLACE_LABELS
from claimledger.extract.places.gazetteer import Candidate, Gazetteer, norm_key

__all__ = ["resolve", "prepare", "context_rows", "choose", "Resolution", "Prepared", "distance_km",
           "locate_counties", "locate_features", "locate_districts"]

CONTEXT_ROUNDS = 2  # rescoring with the context of the previous round's choices
KEEP_RANKED = 5  # candidates (with their probabilities) each place keeps


@dataclass(frozen=True)
class Resolution:
    """A mention's chosen candidate, its probability and the best-ranked candidates."""

    pick: Candidate | None
    confidence: float = 0.0
    ranked: tuple[tuple[Candidate, float], ...] = ()


@dataclass
class Prepared:
    """Mentions grouped by name (a name's mentions are resolved once, together), with each
    group's candidates and their prior-stage feature rows."""

    mentions: list[Mention]
    groups: list[list[int]]
    infos: list[MentionInfo]
    cands: list[list[Candidate]]
    prior_rows: list[list[list[float]]]
    country_pop: dict[str, int]
    co: Cooccurrence


def resolve(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer | None,
            ranker: Ranker) -> list[Resolution]:
    """Every mention's resolution: the prior stage, then CONTEXT_ROUNDS of the context stage."""
    prep = prepare(doc, mentions, gazetteer)
    probs = [ranker.prior_probabilities(rows) if len(rows) > 1 else [1.0] * len(rows)
             for rows in prep.prior_rows]
    for _ in range(CONTEXT_ROUNDS):
        probs = [ranker.context_probabilities(base, ctx) if len(base) > 1 else [1.0] * len(base)
                 for base, ctx in zip(prep.prior_rows, context_rows(prep, probs), strict=True)]
    return choose(prep, probs)


def prepare(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer | None) -> Prepared:
    constraints = _explicit_context(doc, mentions)
    groups = _groups(mentions, constraints)
    pops = _country_populations(gazetteer, mentions)
    infos, cands = [], []
    for ks in groups:
        m = mentions[ks[0]]
        within = constraints.get(ks[0])
        infos.append(MentionInfo(m.key, doc[m.start:m.end].text, m.designator, m.source, m.locative,
                                 tuple(within.candidates) if within else ()))
        cands.append(shortlist(m.candidates))
    co = Cooccurrence.of([(info.key, c) for info, c in zip(infos, cands, strict=True)])
    rows: list[list[list[float]]] = [candidate_features(info, c, pops, co) if len(c) > 1 else [[] for _ in c]
            for info, c in zip(infos, cands, strict=True)]
    return Prepared(mentions, groups, infos, cands, rows, pops, co)


def context_rows(prep: Prepared, probs: list[list[float]]) -> list[list[list[float]]]:
    """Each group's context rows: the context of the other names' current choices (a name's
    choice weighs as much as its probability); none for a name with one candidate."""
    evidence: dict[str, tuple[Candidate, float]] = {}
    for info, cands, p in zip(prep.infos, prep.cands, probs, strict=True):
        if cands and info.key not in evidence:
            best = max(range(len(cands)), key=lambda i: p[i])
            evidence[info.key] = (cands[best], p[best])
    out: list[list[list[float]]] = []
    total = Context()
    for key, (c, weight) in evidence.items():
        total.add(key, c, weight)
    for info, cands in zip(prep.infos, prep.cands, strict=True):
        if len(cands) < 2:
            out.append([[] for _ in cands])
            continue
        out.append(context_features(cands, total.without(info.key, evidence.get(info.key))))
    return out


def choose(prep: Prepared, probs: list[list[float]]) -> list[Resolution]:
    out = [Resolution(None)] * len(prep.mentions)
    for ks, cands, p in zip(prep.groups, prep.cands, probs, strict=True):
        if not cands:
            continue
        order = sorted(range(len(cands)), key=lambda i: -p[i])  # stable: first wins ties
        ranked = tuple((cands[i], p[i]) for i in order[:KEEP_RANKED])
        res = Resolution(cands[order[0]], p[order[0]], ranked)
        for k in ks:
            out[k] = res
    return out


def _country_populations(gazetteer: Gazetteer | None, mentions: list[Mention]) -> dict[str, int]:
    codes = {c.country for m in mentions for c in m.candidates if c.kind != "country"}
    if gazetteer is None:
        return {}
    found = {code: gazetteer.by_code(code) for code in codes if code}
    return {code: c.population for code, c in found.items() if c is not None}


def _groups(mentions: list[Mention], constraints: dict[int, Mention]) -> list[list[int]]:
    by_sig: dict[tuple, list[int]] = {}
    for k, m in enumerate(mentions):
        within = constraints.get(k)
        sig = (m.key, m.designator, tuple(c.entry for c in m.candidates),
               tuple(c.entry for c in within.candidates) if within else ())
        by_sig.setdefault(sig, []).append(k)
    return list(by_sig.values())


def _explicit_context(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """'Dover, Delaware': a mention directly followed by ', <state or country>' is inside it."""
    out = {}
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        between = doc[a.end:b.start]
        if len(between) != 1 or between[0].text != ",":
            continue
        holders = [o for o in b.candidates if o.kind in ("admin1", "country")
                   and any(fit_inside(c, o) == 1.0 for c in a.candidates)]
        if holders:  # 'Dover, Delaware', not 'Toledo, Akron'
            out[k] = b
            if not b.designator and any(o.kind == "admin1" for o in holders):
                b.designator = "admin"  # 'Utica, New York': the state, not the city
    return out


def locate_features(doc: Doc, mentions: list[Mention],
                    picks: list[Candidate | None]) -> list[Candidate | None]:
    """Streets, buildings, rivers and lakes no gazetteer lists lie by the article's town: they take
    the place of the town the article names most (kind 'feature', approximate coordinates)."""
    focus = _focus_town(picks)
    out = []
    for m, c in zip(mentions, picks, strict=True):
        if c is None and focus is not None and m.source in PLACE_LABELS and local_feature(doc, m):
            c = replace(focus, name=doc[m.start:m.end].text, kind="feature", iso="",
                        geonames_id=None, entry=-1)
        out.append(c)
    return out


def locate_districts(doc: Doc, mentions: list[Mention],
                     picks: list[Candidate | None]) -> list[Candidate | None]:
    """A neighbourhood ('the Austin neighborhood') lies in the article's town: a reading more
    than DISTRICT_KM from the town the article names most gives way to that town's point (kind
    'district', the name as written); a reading near it stands."""
    districts = [k for k, m in enumerate(mentions) if m.designator == "district"]
    if not districts:
        return picks
    focus = _focus_town([c for k, c in enumerate(picks) if mentions[k].designator != "district"])
    if focus is None or focus.lat is None or focus.lon is None:
        return picks
    out = list(picks)
    for k in districts:
        c = picks[k]
        if c is not None and c.lat is not None and c.lon is not None and \
                distance_km(c.lat, c.lon, focus.lat, focus.lon) <= DISTRICT_KM:
            continue
        m = mentions[k]
        out[k] = replace(focus, name=doc[m.start:m.end].text, kind="district", iso="",
                         geonames_id=None, entry=-1)
    return out


DISTRICT_KM = 50.0


def _focus_town(picks: list[Candidate | None]) -> Candidate | None:
    """The town the article names most (first on ties) in the country it names most, else its
    most named county there."""
    countries = Counter(c.country for c in picks if c is not None and c.country)
    if not countries:
        return None
    home = countries.most_common(1)[0][0]
    for kind in ("city", "admin2"):
        known = [c for c in picks if c is not None and c.kind == kind and c.lat is not None
                 and c.country == home]
        if known:
            counts = Counter(c.entry for c in known)
            top = max(counts.values())
            return next(c for c in known if counts[c.entry] == top)
    return None


def locate_counties(mentions: list[Mention], picks: list[Candidate | None],
                     gazetteer: Gazetteer) -> list[Candidate | None]:
    """A county the gazetteer has no coordinates for is placed approximately: at the town of its
    own name in its state, else at the article's most mentioned town in that state, else at the
    state's centre."""
    towns: Counter = Counter()
    for c in picks:
        if c is not None and c.kind == "city" and c.lat is not None and c.admin1:
            towns[c.entry] += 1
    out = []
    for m, c in zip(mentions, picks, strict=True):
        if c is None or c.lat is not None or c.kind != "admin2" or not c.admin1:
            out.append(c)
            continue
        point = _county_point(m, c, picks, towns, gazetteer)
        out.append(replace(c, lat=point[0], lon=point[1]) if point else c)
    return out


def _county_point(m: Mention, c: Candidate, picks: list[Candidate | None], towns: Counter,
                  gazetteer: Gazetteer) -> tuple[float | None, float | None] | None:
    bare = re.sub(r"\s+(county|parish|borough)$", "", norm_key(c.name))
    same = [t for t in gazetteer.lookup_key(bare)
            if t.kind == "city" and t.admin1 == c.admin1 and t.lat is not None]
    if same:
        best = max(same, key=lambda t: t.population)
        return best.lat, best.lon
    local = [p for p in picks if p is not None and p.entry in towns and p.admin1 == c.admin1]
    if local:
        best = max(local, key=lambda p: (towns[p.entry], p.population))
        return best.lat, best.lon
    state = gazetteer.by_code(c.admin1)
    if state is not None and state.lat is not None:
        return state.lat, state.lon
    return None
