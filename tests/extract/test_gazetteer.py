"""The offline gazetteer: name folding, lookups, and the on-disk cache."""

from __future__ import annotations

import pickle

import pytest

from claimledger.extract.places import Gazetteer
from claimledger.extract.places import gazetteer as gaz_module
from claimledger.extract.places._gazetteer_build import Tables, norm_key


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_norm_key_folds_accents_case_periods_and_dashes():
    assert norm_key("Sankt-Peterburg") == "sankt peterburg"
    assert norm_key("U.S.") == "us"
    assert norm_key("Saint Louis") == norm_key("St. Louis") == "st louis"
    assert norm_key("Qāmishlī") == "qamishli"
    assert norm_key("South Korea\u2019s") == "south korea's"


def test_subdivisions_have_english_names_and_codes(gazetteer):
    kursk = [c for c in gazetteer.lookup("Kursk Oblast") if c.kind == "admin1"]
    assert kursk and kursk[0].iso == "RU-KRS" and kursk[0].country == "RU"
    assert kursk[0].name == "Kursk Oblast"
    assert abs(kursk[0].lat - 51.7) < 1 and abs(kursk[0].lon - 36.2) < 1.5
    tuva = [c for c in gazetteer.lookup("Republic of Tuva") if c.kind == "admin1"]
    assert tuva and tuva[0].iso == "RU-TY"


def test_countries_by_common_name_and_alias(gazetteer):
    assert any(c.kind == "country" and c.country == "KR" for c in gazetteer.lookup("South Korea"))
    assert any(c.kind == "country" and c.country == "KP" for c in gazetteer.lookup("DPRK"))
    assert any(c.kind == "country" and c.country == "US" for c in gazetteer.lookup("U.S."))
    us = gazetteer.by_code("US")
    assert us is not None and us.lat is not None


def test_cities_carry_population_and_geonames_id(gazetteer):
    kyiv = max((c for c in gazetteer.lookup("Kyiv") if c.kind == "city"), key=lambda c: c.population)
    assert kyiv.country == "UA" and kyiv.population > 1_000_000 and kyiv.geonames_id


def test_curated_regions_are_known(gazetteer):
    for name in ("Siberia", "Donbas", "Gaza Strip", "West Bank", "Middle East", "Sahel", "Kashmir"):
        found = [c for c in gazetteer.lookup(name) if c.kind == "region"]
        assert found and found[0].lat is not None, name


def test_state_abbreviations_are_context_only(gazetteer):
    me = gazetteer.after_comma(norm_key("Me."))
    assert me is not None and me.iso == "US-ME"
    assert not any(c.iso == "US-ME" for c in gazetteer.lookup("Me."))


def _tiny_tables() -> Tables:
    t = Tables()
    i = t.add("Testville", "city", "ZZ", 1.0, 2.0, pop=1234, gid=99)
    t.index(["Testville"], i)
    return t


def test_cache_is_written_then_read(tmp_path, monkeypatch):
    calls = []

    def fake_build() -> Tables:
        calls.append(1)
        return _tiny_tables()

    monkeypatch.setattr(gaz_module, "build", fake_build)
    first = Gazetteer.load(tmp_path)
    second = Gazetteer.load(tmp_path)
    assert len(calls) == 1
    assert [c.name for c in second.lookup("testville")] == ["Testville"]
    assert len(first) == len(second) == 1
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1


def test_unwritable_cache_builds_in_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(gaz_module, "build", _tiny_tables)
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    g = Gazetteer.load(blocker / "cache")
    assert g.lookup("Testville")[0].geonames_id == 99


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setattr(gaz_module, "build", _tiny_tables)
    Gazetteer.load(tmp_path)
    path = next(tmp_path.glob("gazetteer-*.pickle"))
    path.write_bytes(pickle.dumps(("wrong key", None)))
    assert Gazetteer.load(tmp_path).lookup("Testville")


def test_stale_caches_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(gaz_module, "build", _tiny_tables)
    old = tmp_path / "gazetteer-0000000000000000.pickle"
    old.write_bytes(b"from another version")
    Gazetteer.load(tmp_path)
    assert not old.exists()
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1


def test_counties_keep_no_point_without_the_optional_source(monkeypatch):
    from claimledger.extract.places import _gazetteer_build as build_module

    def missing(package, *parts):
        raise FileNotFoundError(package)

    monkeypatch.setattr(build_module, "_package_file", missing)
    t = Tables()
    state = t.add("Kentucky", "admin1", "US", 37.5, -85.3, iso="US-KY", admin1="US-KY")
    t.by_code["US-KY"] = state
    county = t.add("Laurel County", "admin2", "US", None, None, admin1="US-KY")
    build_module._place_us_counties(t, build_module._towns())
    assert Gazetteer(t).candidate(county).lat is None
