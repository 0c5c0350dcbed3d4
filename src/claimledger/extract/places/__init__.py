"""Places: location mentions resolved offline to coordinates, country and ISO 3166-2.

Public surface: :func:`find_places` and the :class:`Gazetteer` it reads. Recognition in
``_recognise.py``, resolution in ``_resolve.py``, word lists in ``_words.py``, the gazetteer
built from installed packages and ``data/*.csv`` in ``_gazetteer_build.py``.
"""

from claimledger.extract.places.finder import find_places
from claimledger.extract.places.gazetteer import Candidate, Gazetteer

__all__ = ["find_places", "Gazetteer", "Candidate"]
