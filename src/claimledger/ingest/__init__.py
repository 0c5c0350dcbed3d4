"""The ingest stage: paths, URLs, feeds, WARC and JSONL -> RawArticle."""

from __future__ import annotations

from claimledger.ingest.files import read_file

__all__ = ["read_file"]
