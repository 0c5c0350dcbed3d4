"""Reconcile figures: group by measure/subject/place, compare intervals, raise readable flags.

Pure functions over records; nothing here touches the database or spaCy.
"""

from __future__ import annotations

from claimledger.reconcile.article import article_flags
from claimledger.reconcile.intervals import describe, disjoint, subject_key
from claimledger.reconcile.ledger import reconcile

__all__ = ["article_flags", "describe", "disjoint", "reconcile", "subject_key"]
