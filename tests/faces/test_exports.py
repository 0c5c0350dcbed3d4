"""Every export read back by its reference reader: pyarrow for Parquet, a GeoJSON validator, the
schema.org fields JSON-LD consumers require, UCDP GED's and ACLED's column sets, CSV and JSONL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimledger.api.app import create_app
from claimledger.cli import app as cli
from claimledger.exports import RESOURCES, export
from claimledger.exports.formats import ACLED_COLUMNS, UCDP_COLUMNS
from claimledger.records import Query
from claimledger.service import Service


def _bytes(service: Service, resource: str | None, fmt: str, query: Query | None = None) -> bytes:
    return b"".join(export(service, resource, fmt, query))


@pytest.mark.parametrize("resource", RESOURCES)
def test_csv_and_jsonl_of_every_resource(faces_service: Service, resource: str) -> None:
    expected = list(faces_service.rows(resource))
    lines = _bytes(faces_service, resource, "jsonl").decode().splitlines()
    assert [json.loads(x) for x in lines] == json.loads(json.dumps(expected, default=str))
    table = list(csv.DictReader(io.StringIO(_bytes(faces_service, resource, "csv").decode())))
    assert len(table) == len(expected)
    if resource in ("figures", "claims", "articles"):
        assert [int(r["id"]) for r in table] == [r["id"] for r in expected]


@pytest.mark.parametrize("resource", RESOURCES)
def test_parquet_reads_back_with_pyarrow(faces_service: Service, resource: str) -> None:
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(_bytes(faces_service, resource, "parquet")))
    expected = list(faces_service.rows(resource))
    assert table.num_rows == len(expected)
    if resource == "events":
        got = table.to_pylist()
        assert [r["id"] for r in got] == [e["id"] for e in expected]
        assert [r["killed_best"] for r in got] == [(e["measures"].get("killed") or {}).get("best") for e in expected]
    if resource == "figures":
        assert table.column("measure").to_pylist() == [f["measure"] for f in expected]
        assert str(table.schema.field("low").type) == "int64"


@pytest.mark.parametrize("resource", ["events", "places"])
def test_geojson_is_valid(faces_service: Service, resource: str) -> None:
    import geojson

    doc = geojson.loads(_bytes(faces_service, resource, "geojson").decode())
    assert doc.is_valid, doc.errors()
    assert doc["type"] == "FeatureCollection"
    rows = [r for r in faces_service.rows(resource)
            if (r.get("place") or r if resource == "events" else r).get("lat") is not None]
    assert len(doc["features"]) == len(rows) > 0
    for feat in doc["features"]:
        lon, lat = feat["geometry"]["coordinates"]
        assert feat["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
    if resource == "events":
        assert all(f["properties"]["url"].endswith(f"/events/{f['properties']['id']}") for f in doc["features"])


def test_ucdp_and_acled_columns(faces_service: Service, faces_events: list) -> None:
    ged = list(csv.DictReader(io.StringIO(_bytes(faces_service, "events", "ucdp").decode())))
    acled = list(csv.DictReader(io.StringIO(_bytes(faces_service, "events", "acled").decode())))
    assert tuple(ged[0]) == UCDP_COLUMNS and tuple(acled[0]) == ACLED_COLUMNS
    assert len(ged) == len(acled) == len(faces_events)
    for ev, g, a in zip(faces_events, ged, acled, strict=True):
        killed = ev.measures.get("killed")
        assert g["id"] == ev.id and g["date_start"] == (ev.date or "")
        assert g["best"] == (str(killed.best) if killed and killed.best is not None else "")
        assert a["fatalities"] == str(killed.low if killed and killed.low is not None else 0)
        if ev.place and ev.place.country == "US":
            assert g["country"] == a["country"] == "United States"
        if ev.place and ev.place.iso3166_2 == "US-GA":
            assert g["adm_1"] == a["admin1"] == "Georgia" and g["where_prec"] == "1"


SCHEMA_ORG_REQUIRED = {
    "Claim": ("author", "datePublished", "appearance", "firstAppearance"),
    "ClaimReview": ("claimReviewed", "itemReviewed", "reviewRating", "author", "datePublished", "url"),
}


def test_jsonld_claims_and_reviews_have_schema_orgs_fields(faces_service: Service) -> None:
    doc = json.loads(_bytes(faces_service, None, "jsonld"))
    assert doc["@context"] == "https://schema.org"
    graph = doc["@graph"]
    claims = [n for n in graph if n["@type"] == "Claim"]
    reviews = [n for n in graph if n["@type"] == "ClaimReview"]
    assert len(claims) == len(list(faces_service.rows("claims")))
    assert reviews, "the set_best decision rules on the toll's claims"
    for node in graph:
        for key in SCHEMA_ORG_REQUIRED[node["@type"]]:
            assert node.get(key) not in (None, "", []), (node["@type"], key)
    for c in claims:
        assert c["author"]["@type"] in ("Person", "Organization") and c["author"]["name"]
        assert all(w["@type"] == "NewsArticle" and w["url"] for w in c["appearance"])
        assert c["firstAppearance"] in c["appearance"]
    copied = [c for c in claims if len(c["appearance"]) > 1]
    assert copied, "a claim of a syndicated story appears in its copy too"
    for r in reviews:
        assert r["itemReviewed"]["@type"] == "Claim" and r["reviewRating"]["@type"] == "Rating"
        assert r["author"] == {"@type": "Person", "name": "ana"} and "/events/" in r["url"]


def test_cli_and_rest_write_the_same_export(faces_service: Service, tmp_path: Path) -> None:
    db = faces_service.settings.db_url
    out = tmp_path / "ged.csv"
    res = CliRunner().invoke(cli, ["export", "events", "--format", "ucdp", "--measure", "killed", "-o", str(out),
                                   "--db", db])
    assert res.exit_code == 0, res.output
    client = TestClient(create_app(faces_service.settings, faces_service))
    rest = client.get("/export/events.ucdp.csv", params={"measure": "killed"})
    assert rest.status_code == 200 and rest.content == out.read_bytes()
    assert client.get("/export/figures.geojson").status_code == 422
    assert CliRunner().invoke(cli, ["export", "figures", "--format", "nope", "--db", db]).exit_code == 1


def test_filters_apply_to_exports(faces_service: Service) -> None:
    kenya = list(csv.DictReader(io.StringIO(_bytes(faces_service, "events", "ucdp", Query(place="KE")).decode())))
    assert kenya and all(r["country"] == "Kenya" for r in kenya)
    figures = [json.loads(x) for x in _bytes(faces_service, "figures", "jsonl", Query(measure="injured")).splitlines()]
    assert figures and {f["measure"] for f in figures} == {"injured"}
