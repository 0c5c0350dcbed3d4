"""Attribution: who claims what (source, cue, content spans), hedges and the resolved speaker.

Public surface: :func:`find_claims`. Rules live in ``finder.py`` (cues and sources),
``_spans.py``/``_quotes.py`` (character spans, whole quotations), ``_speaker.py`` (who "he" is)
and ``hedges.py``; word lists in ``cues.py``.
"""

from claimledger.extract.attribution.finder import find_claims

__all__ = ["find_claims"]
