"""claimledger: who claimed what figure, where and when, and where the sources disagree."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "Ledger", "Settings"]


def __getattr__(name: str):  # lazy: importing the package must not load spaCy
    if name == "extract":
        from claimledger.service import extract_text

        return extract_text
    if name == "Ledger":
        from claimledger.ledger import Ledger

        return Ledger
    if name == "Settings":
        from claimledger.config import Settings

        return Settings
    raise AttributeError(name)
