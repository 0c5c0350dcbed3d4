"""Figures: numbers as intervals with qualifier, measure, subject and date; article totals.

The ``claimledger_figures`` component (``component.py``, a registered spaCy factory) writes
``doc._.claimledger_figures``. Public surface: :class:`Figures`, :func:`find_figures`,
:func:`article_totals`, :func:`ratio_flags`, :func:`find_dates`. Number expressions in ``quantities.py`` (words and
qualifiers in ``numbers.py``), counts without numbers in ``victims.py``, what a figure counts in
``measures.py``, dates in ``dates.py``, the article's toll in ``totals.py``; ``finder.py`` puts
them together; headlines in sentence form in ``headlines.py``. Word lists and tables in
``words.csv``, read by ``_words.py``.
"""

from claimledger.extract.figures.component import Figures
from claimledger.extract.figures.dates import find_dates
from claimledger.extract.figures.finder import article_totals, find_figures, ratio_flags
from claimledger.extract.figures.headlines import sentence_form, title_totals

__all__ = ["find_figures", "article_totals", "ratio_flags", "find_dates", "Figures", "sentence_form", "title_totals"]
