"""Attribution: who claims what (source, cue, content spans), hedges and the resolved speaker.

The ``claimledger_attribution`` component (``component.py``, a registered spaCy factory)
writes ``doc._.claimledger_claims``. Public surface: :class:`Attribution` and
:func:`find_claims`. Rules live in ``finder.py`` (cues and sources), ``_spans.py``/``_quotes.py``
(character spans, whole quotations), ``_speaker.py`` (who "he" is) and ``hedges.py``; word lists
in ``words.csv``, read by ``_words.py`` and named in ``cues.py``.
"""

from claimledger.extract.attribution.component import Attribution
from claimledger.extract.attribution.finder import find_claims

__all__ = ["find_claims", "Attribution"]
