"""Places: location mentions resolved offline to coordinates, country and ISO 3166-2.

The ``claimledger_places`` component (``component.py``, a registered spaCy factory) writes
``doc._.claimledger_places``. Public surface: :class:`Places`, :func:`find_places` and the
:class:`Gazetteer` it reads. Recognition in ``_recognise.py``, resolution in ``_resolve.py``,
word lists in ``words.csv`` (read by ``_words.py``), the gazetteer built from installed packages
and ``data/*.csv`` in ``_gazetteer_build.py``.
"""

from claimledger.extract.places.component import Places
from claimledger.extract.places.finder import find_places
from claimledger.extract.places.gazetteer import Candidate, Gazetteer

__all__ = ["find_places", "Gazetteer", "Candidate", "Places"]
