"""The version of the code behind an event's stored view: a digest of this package's code and
data and of the records it writes. A view stored by other code is computed again on first read."""

from __future__ import annotations

import hashlib
from pathlib import Path

import claimledger.records

PACKAGE = Path(__file__).parent
SUFFIXES = (".py", ".csv", ".json")


def code_version() -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in PACKAGE.rglob("*") if p.suffix in SUFFIXES and "__pycache__" not in p.parts)
    for path in [*files, Path(claimledger.records.__file__)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


VIEW_VERSION = code_version()
