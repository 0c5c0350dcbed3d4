"""The Spark face: the partition function works without Spark; the job itself needs pyspark."""

from __future__ import annotations

import json

from claimledger.spark.job import extract_partition


def test_partition_function_extracts_and_reports_bad_lines() -> None:
    lines = ['{"id": "a", "text": "Police said two people were killed.", "published": "2025-03-13"}',
             "{broken", '{"id": "c"}']
    out = [json.loads(x) for x in extract_partition(lines)]
    assert out[0]["path"] == "a" and out[0]["published"] == "2025-03-13" and "claims" in out[0]
    assert "error" in out[1] and "error" in out[2]
