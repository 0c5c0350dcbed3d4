"""The docs cover every command and route (the Datasette / sqlite-utils habit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.api.app import create_app
from claimledger.cli import app as cli_app

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("command", cli_app.registered_commands, ids=lambda c: c.callback.__name__)
def test_every_command_is_documented_with_an_example(command) -> None:
    name = command.name or command.callback.__name__
    assert "Example:" in (command.callback.__doc__ or ""), name
    assert f"`claimledger {name}`" in (DOCS / "cli.md").read_text()


def test_every_route_is_documented(tmp_path: Path) -> None:
    from claimledger.config import Settings
    from claimledger.exports import RESOURCES

    app = create_app(Settings.from_options(db=str(tmp_path / "l.db")))
    documented = (DOCS / "api.md").read_text()
    for route in app.routes:
        path = getattr(route, "path", "")
        if not path or path.startswith(("/static", "/openapi")):
            continue
        general = path
        for resource in RESOURCES:  # one route per resource: documented once, as /{resource}...
            general = general.replace(f"/{resource}.", "/{resource}.").replace(f"/api/{resource}", "/api/{resource}")
            general = "/{resource}" if general == f"/{resource}" else general
        assert f"{path}`" in documented or f"{general}`" in documented, path
