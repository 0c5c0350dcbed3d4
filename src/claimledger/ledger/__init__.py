"""The ledger stage: append-only store of extractions (SQLite by default, PostgreSQL for teams)."""

from __future__ import annotations

from claimledger.ledger.store import AppendResult, Ledger, figure_entry, make_engine, normalise_body

__all__ = ["AppendResult", "Ledger", "figure_entry", "make_engine", "normalise_body"]
