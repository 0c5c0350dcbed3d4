"""Reconcile the figures inside one article: compare intervals, raise readable flags.

Across articles, figures are reconciled per event (the events stage).

Pure functions over records; nothing here touches the database or spaCy.
"""

from __future__ import annotations

from claimledger.reconcile.article import article_flags
from claimledger.reconcile.intervals import describe, disjoint, subject_key

__all__ = ["article_flags", "describe", "disjoint", "subject_key"]
