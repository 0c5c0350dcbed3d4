"""claimledger: who claimed what figure, where and when, and where the sources disagree.

Python API::

    import claimledger
    ex = claimledger.extract("Police said 3 people died.", published="2025-03-13")
    ledger = claimledger.Ledger("claimledger.db")

``claimledger.extract`` is both that function and the ``claimledger.extract`` stage package:
calling it runs the whole pipeline on a text, and its attributes are the package's.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "Ledger", "Settings"]


class _ExtractEntry:
    """Callable face of the extract stage package (importing it does not load spaCy)."""

    __doc__ = "extract(text, published=None, settings=None) -> Extraction"

    def __call__(self, text: str, published: Any = None, settings: Any = None) -> Any:
        from claimledger.service import extract_text

        return extract_text(text, published, settings)

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("claimledger.extract"), name)

    def __repr__(self) -> str:
        return "<claimledger.extract: call it on a text, or use it as the extract stage package>"


_EXTRACT = _ExtractEntry()


class _Package(types.ModuleType):
    """Keeps ``claimledger.extract`` callable after the stage package is imported."""

    def __getattribute__(self, name: str) -> Any:
        if name == "extract":
            return _EXTRACT
        return super().__getattribute__(name)


def __getattr__(name: str) -> Any:  # lazy: importing the package must not load spaCy
    if name == "Ledger":
        from claimledger.ledger import Ledger

        return Ledger
    if name == "Settings":
        from claimledger.config import Settings

        return Settings
    raise AttributeError(name)


sys.modules[__name__].__class__ = _Package
