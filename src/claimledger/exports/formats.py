"""Rows in the layouts other tools read: flat tables, UCDP GED and ACLED event columns, GeoJSON."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

UCDP_COLUMNS = ("id", "date_start", "date_end", "country", "adm_1", "latitude", "longitude", "where_prec",
                "low", "best", "high", "number_of_sources", "source_article")
ACLED_COLUMNS = ("event_date", "country", "admin1", "location", "latitude", "longitude", "fatalities", "source",
                 "notes")
# UCDP GED's where_prec: 1 the exact place, 3 a second-order division, 4 a first-order division, 6 only the country
WHERE_PREC = {"city": 1, "feature": 1, "admin2": 3, "admin1": 4, "region": 4, "country": 6}


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """Nested values (lists, objects) as JSON text, so that every column is a plain value."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}


def event_row(ev: dict[str, Any]) -> dict[str, Any]:
    """An event (``Event.to_dict()``) as one flat row: place, killed and injured spread out."""
    place = ev.get("place") or {}
    measures = ev.get("measures") or {}
    row: dict[str, Any] = {
        "id": ev["id"], "kind": ev.get("kind"), "date": ev.get("date"), "place": place.get("name"),
        "country": place.get("country"), "iso3166_2": place.get("iso3166_2"), "lat": place.get("lat"),
        "lon": place.get("lon"), "place_kind": place.get("kind"), "title": ev.get("title"),
        "first_reported": ev.get("first_reported"), "last_reported": ev.get("last_reported"),
        "reports": len(ev.get("articles") or ()), "outlets": "; ".join(ev.get("outlets") or ()),
    }
    for name in ("killed", "injured"):
        m = measures.get(name) or {}
        row |= {f"{name}_low": m.get("low"), f"{name}_best": m.get("best"), f"{name}_high": m.get("high"),
                f"{name}_sources": m.get("sources"), f"{name}_grade": m.get("grade")}
    others = {k: {x: m.get(x) for x in ("low", "best", "high")} for k, m in measures.items()
              if k not in ("killed", "injured")}
    flags = ev.get("flags") or ()
    row |= {"other_measures": json.dumps(others) if others else None, "flags": len(flags),
            "contradictions": sum(f["kind"] == "contradiction" for f in flags),
            "decisions": len(ev.get("decisions") or ()), "articles": json.dumps(ev.get("articles") or [])}
    return row


@lru_cache(maxsize=4096)
def country_name(code: str | None) -> str | None:
    """A country's common name from its ISO 3166-1 code ('TZ' -> 'Tanzania')."""
    if not code:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=code.upper())
    return getattr(c, "common_name", None) or getattr(c, "name", None) or code


@lru_cache(maxsize=4096)
def admin1_name(code: str | None) -> str | None:
    """A first-order division's name from its ISO 3166-2 code ('TZ-18' -> 'Mwanza')."""
    if not code or "-" not in code:
        return None
    import pycountry

    sub = pycountry.subdivisions.get(code=code.upper())
    while sub is not None and getattr(sub, "parent_code", None):  # a second-order code: its first-order parent
        sub = pycountry.subdivisions.get(code=sub.parent_code)
    return sub.name if sub is not None else None


def _sources(ev: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(ev.get("articles") or ()))


def ucdp_row(ev: dict[str, Any]) -> dict[str, Any]:
    """An event in UCDP GED's columns (fatalities: the killed measure's low / best / high)."""
    place = ev.get("place") or {}
    killed = (ev.get("measures") or {}).get("killed") or {}
    return {
        "id": ev["id"], "date_start": ev.get("date"), "date_end": ev.get("date"),
        "country": country_name(place.get("country")), "adm_1": admin1_name(place.get("iso3166_2")),
        "latitude": place.get("lat"), "longitude": place.get("lon"),
        "where_prec": WHERE_PREC.get(place.get("kind") or "") if place else None,
        "low": killed.get("low"), "best": killed.get("best"), "high": killed.get("high"),
        "number_of_sources": killed.get("sources") or len(ev.get("outlets") or ()),
        "source_article": "; ".join(_sources(ev)),
    }


def acled_row(ev: dict[str, Any]) -> dict[str, Any]:
    """An event in ACLED's columns: fatalities is the most conservative credible figure (the
    killed low, 0 when none is reported), and a dispute is noted in ``notes``."""
    place = ev.get("place") or {}
    measures = ev.get("measures") or {}
    killed = measures.get("killed") or {}
    fatalities = killed.get("low") if killed.get("low") is not None else killed.get("best")
    return {
        "event_date": ev.get("date"), "country": country_name(place.get("country")),
        "admin1": admin1_name(place.get("iso3166_2")), "location": place.get("name"),
        "latitude": place.get("lat"), "longitude": place.get("lon"), "fatalities": fatalities or 0,
        "source": "; ".join(ev.get("outlets") or ()) or "; ".join(_sources(ev)), "notes": acled_notes(ev),
    }


def acled_notes(ev: dict[str, Any]) -> str:
    """One or two sentences: what, where, when, each measure's range, and the disputes."""
    place, day = (ev.get("place") or {}).get("name"), ev.get("date")
    what = (ev.get("kind") or "event").capitalize() + (f" in {place}" if place else "") + (f" on {day}" if day else "")
    what += "."
    parts = []
    for name, m in (ev.get("measures") or {}).items():
        if m.get("best") is None:
            continue
        spread = "" if m.get("low") == m.get("high") else f" (reports {m.get('low')}-{m.get('high') or 'more'})"
        parts.append(f"{name} {m['best']}{spread}, {str(m.get('grade') or '').replace('_', ' ')}")
    disputes = sum(f["kind"] == "contradiction" for f in ev.get("flags") or ())
    tail = f" Sources disagree ({disputes} contradiction{'s' if disputes != 1 else ''})." if disputes else ""
    return (what + (" " + "; ".join(parts) + "." if parts else "") + tail).strip()


def geojson_feature(ev: dict[str, Any], base_url: str) -> dict[str, Any] | None:
    """An event as a GeoJSON Point feature at its place (None when its place has no coordinates)."""
    place = ev.get("place") or {}
    if place.get("lat") is None or place.get("lon") is None:
        return None
    measures = ev.get("measures") or {}
    props = {"id": ev["id"], "kind": ev.get("kind"), "date": ev.get("date"), "place": place.get("name"),
             "country": place.get("country"), "iso3166_2": place.get("iso3166_2"), "place_kind": place.get("kind"),
             "reports": len(ev.get("articles") or ()), "title": ev.get("title"),
             "url": f"{base_url.rstrip('/')}/events/{ev['id']}"}
    props |= {name: (measures.get(name) or {}).get("best") for name in ("killed", "injured")}
    return {"type": "Feature", "id": ev["id"], "properties": props,
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]}}


def place_feature(p: dict[str, Any]) -> dict[str, Any] | None:
    """A named place as a GeoJSON Point with how often the articles mention it."""
    if p.get("lat") is None or p.get("lon") is None:
        return None
    props = {k: p.get(k) for k in ("name", "country", "iso3166_2", "kind", "geonames_id", "mentions", "articles")}
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]}}
