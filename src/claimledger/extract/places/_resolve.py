"""Place resolution: rank each name's candidates by feature level and size, then again with
the article's other places as context (a town in a country or state already named wins), and with
explicit context ('Bangor, Maine'). Counties and streets without coordinates of their own are
placed approximately from the article's towns.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from claimledger.extract.places._recognise import Mention, local_feature
from claimledger.extract.places._words import ADMIN_KINDS, PLACE_LABELS, STRONG_CITY_POP
from claimledger.extract.places.gazetteer import Candidate, Gazetteer, norm_key


@dataclass
class _Context:
    """What the article's other names resolved to: countries, states, points by country."""

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    points: dict[str, list[tuple[float, float, str]]] = field(default_factory=dict)
    provinces: dict[str, list[tuple[float, float, str]]] = field(default_factory=dict)
    skip: str = ""  # the key of the name being resolved: its own resolution is no evidence
    country_pop: dict[str, int] = field(default_factory=dict)  # breaks ties between subdivisions


def resolve(doc: Doc, mentions: list[Mention],
            gazetteer: Gazetteer | None = None) -> list[Candidate | None]:
    """The best candidate of every mention: priors first, then the article's context.

    Mentions with the same candidates and explicit context are resolved once, together. A
    name's resolution counts as evidence for the others as far as it was a clear choice."""
    constraints = _explicit_context(doc, mentions)
    groups = _groups(mentions, constraints)
    reps = [ks[0] for ks in groups]
    pops = _country_populations(gazetteer, mentions)
    ranked = [_ranked(mentions[r], _Context(country_pop=pops), constraints.get(r)) for r in reps]
    for _ in range(2):
        evidence = _evidence(mentions, reps, ranked)
        total = _context(evidence.values())
        total.country_pop = pops
        ranked = [_ranked(mentions[r], _without(total, evidence.get(mentions[r].key),
                                                mentions[r].key), constraints.get(r))
                  for r in reps]
    out: list[Candidate | None] = [None] * len(mentions)
    for ks, (c, _) in zip(groups, ranked, strict=True):
        for k in ks:
            out[k] = c
    return out


def _country_populations(gazetteer: Gazetteer | None, mentions: list[Mention]) -> dict[str, int]:
    codes = {c.country for m in mentions for c in m.candidates if c.kind in ADMIN_KINDS}
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

Evidence = tuple[Mention, Candidate, float]


def _evidence(mentions: list[Mention], reps: list[int],
              ranked: list[tuple[Candidate | None, float]]) -> dict[str, Evidence]:
    """Each distinct name's resolution (its first mention's) and its weight as evidence."""
    out: dict[str, Evidence] = {}
    for r, (c, margin) in sorted(zip(reps, ranked, strict=True), key=lambda rc: rc[0]):
        if c is not None and mentions[r].key not in out:
            m = mentions[r]
            out[m.key] = (m, c, _weight(m, c) * min(1.0, 0.5 + margin / 4.0))
    return out


def _weight(m: Mention, c: Candidate) -> float:
    return 0.5 if c.kind == "city" and c.population < 20_000 and len(m.candidates) > 1 else 1.0


def _context(evidence) -> _Context:
    ctx = _Context()
    for m, c, weight in evidence:
        _add_evidence(ctx, m, c, weight)
    return ctx


def _add_evidence(ctx: _Context, m: Mention, c: Candidate, weight: float) -> None:
    if c.country:
        ctx.countries[c.country] += weight  # type: ignore[assignment]  # (Counters of float weights)
    code = c.iso if c.kind == "admin1" else c.admin1
    if code:
        ctx.admin1[code] += weight  # type: ignore[assignment]
    if c.lat is None or c.lon is None:  # (a candidate has both coordinates or neither)
        return
    if c.kind in ("city", "admin2") and weight > 0:
        ctx.points.setdefault(c.country, []).append((c.lat, c.lon, m.key))
    if c.kind == "admin1" and weight > 0:
        ctx.provinces.setdefault(c.country, []).append((c.lat, c.lon, m.key))


def _without(total: _Context, own: Evidence | None, key: str) -> _Context:
    """The context less one name's own evidence."""
    if own is None:
        return replace(total, skip=key)
    ctx = replace(total, countries=total.countries.copy(), admin1=total.admin1.copy(), skip=key)
    m, c, weight = own
    _add_evidence(ctx, m, c, -weight)
    return ctx


def _explicit_context(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """'Bangor, Maine': a mention directly followed by ', <state or country>' is inside it."""
    out = {}
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        between = doc[a.end:b.start]
        if len(between) != 1 or between[0].text != ",":
            continue
        holders = [o for o in b.candidates if o.kind in ("admin1", "country")
                   and any(_fit(c, o) == 1.0 for c in a.candidates)]
        if holders:  # 'Bangor, Maine', not 'Cleveland, Columbus'
            out[k] = b
            if not b.designator and any(o.kind == "admin1" for o in holders):
                b.designator = "admin"  # 'Rochester, New York': the state, not the city
    return out


def _ranked(m: Mention, ctx: _Context, within: Mention | None) -> tuple[Candidate | None, float]:
    """The best candidate and its lead over the runner-up (large when alone)."""
    if not m.candidates:
        return None, 0.0
    scores = [_score(m, c, ctx, within) for c in m.candidates]
    order = sorted(range(len(scores)), key=lambda i: -scores[i])  # stable: first wins ties
    lead = scores[order[0]] - scores[order[1]] if len(order) > 1 else 10.0
    return m.candidates[order[0]], lead


def _prior(c: Candidate) -> float:
    """Feature level first, then size: country > region > admin1 > city by population."""
    if c.kind == "city":
        base = 2.0 + math.log10(c.population + 10) + (0.5 if c.capital else 0.0)
        if c.alternate:
            base -= 2.5 if c.population < 1_000_000 else 1.0
    else:
        base = {"country": 10.0, "admin1": 8.0, "admin2": 6.0}.get(c.kind, 10.0)
        if c.alternate:
            base -= 3.0
    if c.lat is None:
        base -= 1.0
    return base


def _score(m: Mention, c: Candidate, ctx: _Context, within: Mention | None) -> float:
    """How likely ``c`` is what ``m`` names: prior, name clashes, designator, context."""
    s = _prior(c) + _name_clash(m, c) + _designator_fit(m, c)
    if c.kind in ADMIN_KINDS:  # Montana the US state before Montana the Bulgarian province
        s += 0.05 * math.log10(ctx.country_pop.get(c.country, 0) + 10)
    if within is not None:
        fit = _inside(c, within)
        s += 8.0 * fit if fit else -4.0
    return s + _context_fit(c, ctx)


def _name_clash(m: Mention, c: Candidate) -> float:
    """A name shared with a country, state or region goes to it before a town of that name."""
    primary = [o for o in m.candidates if not o.alternate]
    if c.kind != "country" and any(o.kind == "country" for o in primary):
        return -8.0 if c.alternate else -2.0 if c.kind == "city" else 0.0  # "Mexico"
    if c.kind == "city" and c.population < STRONG_CITY_POP and m.designator != "city" and any(
            o.kind in ("admin1", "region", "continent") for o in primary):
        return -3.0  # "Florida", "Middle East": the state or region, not a village of that name
    if c.kind == "city" and c.population < 50_000 and any(
            o.kind == "city" and o.population >= 1_000_000 and o.country != c.country
            for o in primary):
        return -2.0  # 'Warsaw': the capital, unless its state says it is the small town
    if c.alternate and any(o.kind in ("continent", "region") or o.kind == "admin1" and (
            c.kind != "city" or c.population < 1_000_000 and m.designator != "city")
            for o in primary):
        return -4.0  # "Victoria" the state, not a town once called so
    return 0.0


def _designator_fit(m: Mention, c: Candidate) -> float:
    if m.designator == "admin":
        return 6.0 if c.kind in ADMIN_KINDS or c.kind == "region" else -3.0
    if m.designator == "city":
        return 4.0 if c.kind == "city" else -3.0
    if c.kind == "city" and c.population >= STRONG_CITY_POP and any(
            o.kind in ADMIN_KINDS and o.country == c.country for o in m.candidates):
        return 1.0  # "Kursk", "Donetsk": the city unless a designator says otherwise
    return 0.0


def _context_fit(c: Candidate, ctx: _Context) -> float:
    """The article's other places: same country, same state or province, nearby towns."""
    if c.kind not in ("city", "admin2", "admin1"):  # countries, and regions of one country
        return 2.5 * min(1.0, ctx.countries.get(c.country, 0.0)) if c.country else 0.0
    s = _country_bonus(ctx.countries.get(c.country, 0.0))
    code = c.iso if c.kind == "admin1" else c.admin1
    if code:
        s += _admin1_bonus(ctx.admin1.get(code, 0.0))
    elif c.kind == "city" and _in_named_province(c, ctx):
        s += _admin1_bonus(1.0)  # a town whose province the gazetteer does not record
    return s + _proximity(c, ctx)


def _in_named_province(c: Candidate, ctx: _Context) -> bool:
    """Near (200 km) the centre of a province of its country that the article names."""
    provinces = ctx.provinces.get(c.country)
    if c.lat is None or not provinces:
        return False
    return _nearest_km(c, provinces, ctx.skip, 200.0) <= 200.0


def _country_bonus(count: float) -> float:
    """The country is named elsewhere; an article about many places in it leans on it more."""
    if count <= 0:
        return 0.0
    return 2.5 * min(1.0, count) + 0.5 * min(max(count - 1.0, 0.0), 3.0)


def _admin1_bonus(count: float) -> float:
    """The state or province is named elsewhere: more so when named through several places."""
    if count <= 0:
        return 0.0
    return 3.0 * min(1.0, count) + 0.5 * min(max(count - 1.0, 0.0), 2.0)


def _inside(c: Candidate, outer: Mention) -> float:
    """How well ``c`` fits inside one of the container's readings (see :func:`_fit`)."""
    return max((_fit(c, o) for o in outer.candidates), default=0.0)


def _fit(c: Candidate, o: Candidate) -> float:
    """1 when ``c`` lies in country or province ``o``, 0.6 probably (same country, within
    1,000 km of the province's centre, the town's province unknown), else 0."""
    if o.kind == "country":
        return 1.0 if c.country == o.country else 0.0
    if o.kind != "admin1":
        return 0.0
    if c.admin1 == o.iso or c.iso == o.iso or _near(c, o, 250.0):
        return 1.0
    return 0.6 if not c.admin1 and _near(c, o, 1000.0) else 0.0


def _near(a: Candidate, b: Candidate, km: float) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None or a.country != b.country:
        return False
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= km


def _proximity(c: Candidate, ctx: _Context) -> float:
    """A bonus for lying near a town or county the article also names (same country only)."""
    points = ctx.points.get(c.country)
    if c.lat is None or not points:
        return 0.0
    nearest = _nearest_km(c, points, ctx.skip, 150.0)
    return 1.5 if nearest < 50 else 0.75 if nearest < 150 else 0.0


def _nearest_km(c: Candidate, points: list[tuple[float, float, str]], skip: str,
                within: float) -> float:
    """Distance to the nearest point (other than ``skip``'s) if under ``within`` km, else inf.
    Points more than ``within`` km apart in latitude alone are passed over unmeasured."""
    span = within / 111.0
    best = math.inf
    lat, lon = c.lat, c.lon
    if lat is None or lon is None:
        return best
    for la, lo, key in points:
        if key != skip and abs(la - lat) <= span:
            best = min(best, distance_km(lat, lon, la, lo))
    return best


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


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
