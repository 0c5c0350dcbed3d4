"""Paths and folders: sizes are never trusted, folders are refused as files, empty inputs fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimledger.config import Settings
from claimledger.errors import InputError
from claimledger.ingest import ingest, read_file
from claimledger.ingest.files import read_bytes
from claimledger.records import Failure


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_symlink_to_dev_zero_is_refused_by_size(tmp_path: Path) -> None:
    p = tmp_path / "z.txt"
    p.symlink_to("/dev/zero")
    assert p.stat().st_size == 0  # the size the old code trusted
    with pytest.raises(InputError, match="larger than the 1,000-byte limit"):
        read_file(p, 1000)
    (item,) = list(ingest(str(p), Settings(max_bytes=1000)))
    assert isinstance(item, Failure) and "limit" in item.error


def test_read_bytes_reads_at_most_the_limit(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"x" * 50)
    assert read_bytes(p, 50) == b"x" * 50
    with pytest.raises(InputError, match="limit"):
        read_bytes(p, 49)


@pytest.mark.parametrize("name", ["folder.txt", "folder"])
def test_directory_as_file_is_a_directory(tmp_path: Path, name: str) -> None:
    d = tmp_path / name
    d.mkdir()
    with pytest.raises(InputError) as err:
        read_file(d, 1000)
    assert str(err.value) == f"[CL001] {d}: is a directory"
    with pytest.raises(InputError, match="is a directory"):
        read_bytes(d, 1000)


@pytest.mark.parametrize("files", [[], ["a.pdf", "b.docx"]])
def test_folder_without_articles_is_one_failure(tmp_path: Path, files: list[str]) -> None:
    for name in files:
        (tmp_path / name).write_bytes(b"x")
    (item,) = list(ingest(str(tmp_path), Settings()))
    assert isinstance(item, Failure) and item.uri == str(tmp_path)
    assert item.error.startswith(f"[CL001] {tmp_path}: no articles found") and "\n" not in item.error


def test_folder_with_only_bad_files_gives_their_failures_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (item,) = list(ingest(str(tmp_path), Settings()))
    assert isinstance(item, Failure) and item.uri == str(tmp_path / "a.txt") and "empty" in item.error


def test_empty_spec_is_refused() -> None:
    (item,) = list(ingest("", Settings()))
    assert isinstance(item, Failure) and "empty input name" in item.error
