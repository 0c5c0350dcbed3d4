"""The learned candidate ranker: features of one (mention, candidate) pair and a conditional
logit model over each mention's candidates.

The model (``ranker.json``, trained by ``scripts/train_place_ranker.py``) has two stages with the
same features: ``prior`` scores candidates with the article's context features at zero; ``context``
rescores them with the context the prior stage's choices give (the countries, states and towns of
the article's other names, weighted by how sure each choice was). Scores are turned into
probabilities over one mention's candidates (softmax), so each place keeps a confidence.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field, replace
from importlib import resources

from claimledger.extract.places._words import ADMIN_KINDS
from claimledger.extract.places.gazetteer import Candidate

MODEL_FILE = "ranker.json"
MODEL_ENV = "CLAIMLEDGER_PLACE_RANKER"  # another ranker file (a held-out model, for measuring)
MAX_CANDIDATES = 60  # the most general and most populous first; the rest are never chosen

BROAD = frozenset({"continent", "region", "sea", "river", "lake", "mountain", "canal"})

# feature names, in the order of candidate_features' values
FEATURES = (
    "kind_country", "kind_admin1", "kind_admin2", "kind_city", "kind_broad",
    "log_pop", "pop_unknown", "pop_top", "pop_gap", "capital", "alternate", "alternate_city",
    "alternate_big", "no_point", "admin_country_pop", "country_pop",
    "designator_admin_fit", "designator_admin_miss", "designator_city_fit", "designator_city_miss",
    "shares_country_name", "city_shares_state_name", "small_city_beside_big", "alternate_beside_admin",
    "within_fit", "within_miss", "exact_case", "mention_upper", "mention_one_word",
    "gazetteer_match_city", "in_organisation_city", "locative_city", "candidates_log",
    "co_country", "co_admin1", "co_near", "co_country_any", "co_admin1_any", "co_near_any", "co_none",
    # context (zero in the prior stage)
    "ctx_country", "ctx_country_share", "ctx_country_many", "ctx_admin1", "ctx_admin1_many",
    "ctx_near50", "ctx_near150", "ctx_near_log", "ctx_in_province", "ctx_empty",
)
CONTEXT_START = FEATURES.index("ctx_country")
BASE_FEATURES = FEATURES[:CONTEXT_START]


@dataclass
class Context:
    """What the article's other names resolved to: countries, states, points by country."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)
    points: dict[str, list[tuple[float, float, str]]] = field(default_factory=dict)
    provinces: dict[str, list[tuple[float, float, str]]] = field(default_factory=dict)
    total: float = 0.0
    skip: str = ""  # the key of the name being resolved: its own resolution is no evidence

    def add(self, key: str, c: Candidate, weight: float) -> None:
        if weight <= 0:
            return
        self.total += weight
        if c.country:
            self.countries[c.country] = self.countries.get(c.country, 0.0) + weight
        code = c.iso if c.kind == "admin1" else c.admin1
        if code:
            self.admin1[code] = self.admin1.get(code, 0.0) + weight
        if c.lat is None or c.lon is None:
            return
        if c.kind in ("city", "admin2"):
            self.points.setdefault(c.country, []).append((c.lat, c.lon, key))
        elif c.kind == "admin1":
            self.provinces.setdefault(c.country, []).append((c.lat, c.lon, key))

    def without(self, key: str, own: tuple[Candidate, float] | None) -> Context:
        """The context less name ``key``'s own choice (its points are skipped by key)."""
        if own is None or own[1] <= 0:
            return replace(self, skip=key)
        c, weight = own
        ctx = replace(self, countries=dict(self.countries), admin1=dict(self.admin1),
                      total=self.total - weight, skip=key)
        if c.country:
            ctx.countries[c.country] -= weight
        code = c.iso if c.kind == "admin1" else c.admin1
        if code:
            ctx.admin1[code] -= weight
        return ctx


@dataclass
class Cooccurrence:
    """Where the article's names could lie: each name spreads one unit of weight evenly over the
    countries, states and 1-degree cells its candidates lie in, so a name that could be anywhere
    says little and a name with one reading says much. A reading whose surroundings the other
    names could also be in is likelier."""

    names: int = 0
    country: dict[str, dict[str, float]] = field(default_factory=dict)
    admin1: dict[str, dict[str, float]] = field(default_factory=dict)
    cell: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)
    near: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)

    @classmethod
    def of(cls, named: list[tuple[str, list[Candidate]]]) -> Cooccurrence:
        co = cls()
        seen: set[str] = set()
        for key, cands in named:
            if key in seen or not cands:
                continue
            seen.add(key)
            _spread(co.country, key, {c.country for c in cands if c.country})
            _spread(co.admin1, key, {code for c in cands if (code := c.iso if c.kind == "admin1" else c.admin1)})
            _spread(co.cell, key, {_cell(c.lat, c.lon) for c in cands
                                   if c.lat is not None and c.lon is not None and c.kind in ("city", "admin2")})
        co.names = len(seen)
        return co

    def features(self, key: str, c: Candidate) -> dict[str, float]:
        others = self.names - 1
        if others <= 0:
            return {"co_none": 1.0}
        f: dict[str, float] = {}
        if c.country:
            _put(f, "co_country", _others(self.country.get(c.country), key), others)
        if c.kind in ("city", "admin2", "admin1"):
            code = c.iso if c.kind == "admin1" else c.admin1
            if code:
                _put(f, "co_admin1", _others(self.admin1.get(code), key), others)
        if c.lat is not None and c.lon is not None and c.kind in ("city", "admin2"):
            _put(f, "co_near", _others(self._around(_cell(c.lat, c.lon)), key), others)
        return f

    def _around(self, cell: tuple[int, int]) -> dict[str, float]:
        """The names' weights in the 3 x 3 cells around ``cell`` (kept for the next reading)."""
        found = self.near.get(cell)
        if found is None:
            found = {}
            y, x = cell
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for k, w in self.cell.get((y + dy, x + dx), {}).items():
                        found[k] = found.get(k, 0.0) + w
            self.near[cell] = found
        return found


def _spread(table: dict, key: str, places: set) -> None:
    for p in places:
        table.setdefault(p, {})[key] = 1.0 / len(places)


def _others(weights: dict[str, float] | None, key: str) -> tuple[float, float]:
    """The other names' spread weight, and how many other names there are."""
    if not weights:
        return 0.0, 0.0
    return sum(w for k, w in weights.items() if k != key), float(len(weights) - (key in weights))


def _put(f: dict[str, float], name: str, found: tuple[float, float], others: int) -> None:
    f[name] = found[0] / others
    f[name + "_any"] = found[1] / others


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // 1.0), int(lon // 1.0)


@dataclass(frozen=True)
class MentionInfo:
    """What the features need to know about a mention beyond its candidates."""

    key: str
    text: str
    designator: str  # "", "admin" or "city"
    source: str  # spaCy label, "GAZ", "GAZ-<label>" or "ABBR"
    locative: bool
    within: tuple[Candidate, ...] = ()  # readings of an explicit container ('Paris, Texas')


class Ranker:
    """The two-stage conditional logit model; weights from ``ranker.json`` (``prior``: one
    weight per feature before the context ones; ``context``: one per feature)."""

    def __init__(self, weights: dict[str, list[float]], note: str = "") -> None:
        self.prior = weights["prior"][:CONTEXT_START]
        self.context = weights["context"]
        self.note = note

    @classmethod
    def load(cls, path: str | None = None) -> Ranker:
        """The ranker in ``path``, else in ``$CLAIMLEDGER_PLACE_RANKER``, else the shipped one."""
        data = read_model(path, MODEL_ENV, MODEL_FILE, FEATURES, "scripts/train_place_ranker.py")
        return cls(data["weights"], data.get("note", ""))

    def prior_probabilities(self, base: list[list[float]]) -> list[float]:
        """Over one name's candidates, from their base rows (see :func:`candidate_features`)."""
        w = self.prior
        return softmax([sum(a * b for a, b in zip(w, x, strict=True)) for x in base])

    def context_probabilities(self, base: list[list[float]], ctx: list[list[float]]) -> list[float]:
        """Over one name's candidates, from their base rows and context rows."""
        wb, wc = self.context[:CONTEXT_START], self.context[CONTEXT_START:]
        return softmax([sum(a * b for a, b in zip(wb, x, strict=True)) + sum(a * b for a, b in zip(wc, y, strict=True))
                        for x, y in zip(base, ctx, strict=True)])


def read_model(path: str | None, env: str, name: str, features: tuple[str, ...], retrain: str) -> dict:
    """A model's JSON: from ``path``, else the file named by ``$<env>``, else the shipped
    ``data/<name>``; refused when it was trained on other ``features`` (``retrain`` says how)."""
    path = path or os.environ.get(env) or None
    if path:
        with open(path, encoding="utf-8") as fh:
            data = json.loads(fh.read())
    else:
        shipped = resources.files("claimledger.extract.places").joinpath("data", name)
        data = json.loads(shipped.read_text(encoding="utf-8"))
    if tuple(data["features"]) != features:
        raise ValueError(f"{name} was trained on other features; retrain it ({retrain} --write)")
    return data


def softmax(scores: list[float]) -> list[float]:
    if not scores:
        return []
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def shortlist(cands: list[Candidate]) -> list[Candidate]:
    """At most MAX_CANDIDATES: every non-town entry, then towns by population."""
    if len(cands) <= MAX_CANDIDATES:
        return cands
    towns = sorted((c for c in cands if c.kind == "city"), key=lambda c: -c.population)
    others = [c for c in cands if c.kind != "city"]
    keep = {id(c) for c in [*others, *towns][:MAX_CANDIDATES]}
    return [c for c in cands if id(c) in keep]


def candidate_features(m: MentionInfo, cands: list[Candidate], country_pop: dict[str, int],
                       co: Cooccurrence) -> list[list[float]]:
    """One base row per candidate: the FEATURES before the context ones."""
    primary = [o for o in cands if not o.alternate]
    has_country = any(o.kind == "country" for o in primary)
    has_state = any(o.kind in ("admin1", "region", "continent") for o in primary)
    big_towns = {o.country for o in primary if o.kind == "city" and o.population >= 1_000_000}
    top_pop = max((o.population for o in cands if o.kind == "city"), default=0)
    shared = _mention_features(m, len(cands))
    return [_row(m, c, shared, has_country, has_state, big_towns, top_pop, country_pop, co) for c in cands]


def context_features(cands: list[Candidate], ctx: Context) -> list[list[float]]:
    """One context row per candidate: the FEATURES from ``ctx_country`` on."""
    names = FEATURES[CONTEXT_START:]
    return [[f.get(n, 0.0) for n in names] for f in (_context_features(c, ctx) for c in cands)]


def _mention_features(m: MentionInfo, n: int) -> dict[str, float]:
    return {
        "mention_upper": float(m.text.isupper() and len(m.text) > 3),
        "mention_one_word": float(" " not in m.key),
        "candidates_log": math.log10(max(n, 1)),
    }


def _row(m: MentionInfo, c: Candidate, shared: dict[str, float], has_country: bool, has_state: bool,
         big_towns: set[str], top_pop: int, country_pop: dict[str, int], co: Cooccurrence) -> list[float]:
    city = c.kind == "city"
    admin = c.kind in ADMIN_KINDS
    pop = math.log10(c.population + 1)
    f = dict(shared)
    f.update({
        "kind_country": float(c.kind == "country"), "kind_admin1": float(c.kind == "admin1"),
        "kind_admin2": float(c.kind == "admin2"), "kind_city": float(city),
        "kind_broad": float(c.kind in BROAD),
        "log_pop": pop / 7.0 if city else 0.0,
        "pop_unknown": float(city and c.population == 0),
        "pop_top": float(city and c.population == top_pop),
        "pop_gap": (math.log10(top_pop + 1) - pop) / 7.0 if city else 0.0,
        "capital": float(c.capital), "alternate": float(c.alternate),
        "alternate_city": float(c.alternate and city),
        "alternate_big": float(c.alternate and city and c.population >= 1_000_000),
        "no_point": float(c.lat is None),
        "admin_country_pop": math.log10(country_pop.get(c.country, 0) + 10) / 10.0 if admin else 0.0,
        "country_pop": math.log10(country_pop.get(c.country, 0) + 10) / 10.0 if c.kind != "country" else 0.0,
        "designator_admin_fit": float(m.designator == "admin" and (admin or c.kind == "region")),
        "designator_admin_miss": float(m.designator == "admin" and not (admin or c.kind == "region")),
        "designator_city_fit": float(m.designator == "city" and city),
        "designator_city_miss": float(m.designator == "city" and not city),
        "shares_country_name": float(has_country and c.kind != "country"),
        "city_shares_state_name": float(city and has_state and m.designator != "city"),
        "small_city_beside_big": float(city and c.population < 50_000 and bool(big_towns - {c.country})),
        "alternate_beside_admin": float(c.alternate and has_state),
        "exact_case": float(c.name == m.text),
        "gazetteer_match_city": float(city and m.source.startswith("GAZ")),
        "in_organisation_city": float(city and m.source in ("GAZ-ORG", "GAZ-PRODUCT", "GAZ-EVENT",
                                                             "GAZ-WORK_OF_ART", "GAZ-FAC")),
        "locative_city": float(city and m.locative),
    })
    if m.within:
        fit = max((fit_inside(c, o) for o in m.within), default=0.0)
        f["within_fit"] = fit
        f["within_miss"] = float(fit == 0.0)
    f.update(co.features(m.key, c))
    return [f.get(name, 0.0) for name in BASE_FEATURES]


def _context_features(c: Candidate, ctx: Context) -> dict[str, float]:
    if ctx.total <= 1e-9:
        return {"ctx_empty": 1.0}
    count = ctx.countries.get(c.country, 0.0) if c.country else 0.0
    f = {
        "ctx_country": min(1.0, count),
        "ctx_country_share": count / ctx.total,
        "ctx_country_many": min(max(count - 1.0, 0.0), 3.0) / 3.0,
    }
    if c.kind in ("city", "admin2", "admin1"):
        code = c.iso if c.kind == "admin1" else c.admin1
        n = ctx.admin1.get(code, 0.0) if code else 0.0
        f["ctx_admin1"] = min(1.0, n)
        f["ctx_admin1_many"] = min(max(n - 1.0, 0.0), 2.0) / 2.0
        d = nearest_km(c, ctx.points.get(c.country, ()), ctx.skip, 2000.0)
        f["ctx_near50"] = float(d < 50)
        f["ctx_near150"] = float(d < 150)
        f["ctx_near_log"] = max(0.0, 1.0 - math.log10(1.0 + d) / math.log10(2001.0)) if d < math.inf else 0.0
        if c.kind == "city" and not code:
            f["ctx_in_province"] = float(nearest_km(c, ctx.provinces.get(c.country, ()), ctx.skip, 200.0) <= 200)
    return f


def fit_inside(c: Candidate, o: Candidate) -> float:
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


def nearest_km(c: Candidate, points, skip: str, within: float) -> float:
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
    return best if best <= within else math.inf


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
