"""The `clean` command stays light: importing the CLI and service loads no model or database."""

from __future__ import annotations

import subprocess
import sys


def test_cli_import_loads_neither_spacy_nor_sqlalchemy() -> None:
    code = ("import sys, claimledger.cli, claimledger.service; "
            "print(','.join(m for m in ('spacy', 'sqlalchemy', 'datasketch', 'httpx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
