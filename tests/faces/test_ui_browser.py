"""The web UI in a real browser: Playwright driving Debian's Chromium (scripts/install-chromium.sh;
``make test`` passes its path in $CLAIMLEDGER_CHROMIUM). The server runs on 127.0.0.1 with a
Content-Security-Policy stricter than the app's (no inline script or style at all); a page that
needed either would log a violation, and the tests fail on any. Screenshots are saved under
``build/browser/`` (or $CLAIMLEDGER_ARTIFACTS) as test artefacts.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimledger.service import Service
from tests.faces.conftest import XSS

ARTIFACTS = Path(os.environ.get("CLAIMLEDGER_ARTIFACTS") or Path(__file__).resolve().parents[2] / "build/browser")
STRICT_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _chromium() -> str:
    found = os.environ.get("CLAIMLEDGER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found or not Path(found).exists():
        pytest.skip("Chromium is not installed (scripts/install-chromium.sh installs Debian's; make test runs it)")
    return found


class StrictCSP:
    """ASGI wrapper: every response gets the strict policy (the app's own middleware may add its own)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def sending(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-security-policy", STRICT_CSP.encode())]
            await send(message)
        await self.app(scope, receive, sending if scope["type"] == "http" else send)


@pytest.fixture(scope="module")
def base_url(faces_service: Service) -> Iterator[str]:
    import uvicorn

    from claimledger.api.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(StrictCSP(create_app(faces_service.settings, faces_service)),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (pip install -r requirements.lock)")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        except Exception as exc:  # noqa: BLE001 - a browser that cannot start here is a skip, with the reason
            pytest.skip(f"Chromium at {path} does not start: {str(exc).splitlines()[0][:200]}")
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    pg.set_default_timeout(15_000)
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.problems = problems
    yield pg
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    pg.close()
    csp = [p for p in problems if "Content Security Policy" in p or "Refused to" in p]
    assert not csp, csp


def _column(page: Any, cls: str) -> list[str]:
    return [t.strip() for t in page.locator(f"#events tbody td.{cls}").all_inner_texts()]


def _number(cell: str) -> int | None:
    m = re.match(r"\d+", cell)
    return int(m.group()) if m else None


def test_events_table_filters_and_sorts(page: Any, base_url: str, faces_events: list) -> None:
    page.goto(f"{base_url}/events")
    assert page.locator("#events tbody tr[data-event]").count() == len(faces_events)
    page.fill("input[name=place]", "KE")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"place=KE"))
    kenyan = [e for e in faces_events if e.place and e.place.country == "KE"]
    assert page.locator("#events tbody tr[data-event]").count() == len(kenyan) > 0
    page.goto(f"{base_url}/events")
    page.click("#events thead a[data-sort=killed]")
    page.wait_for_url(re.compile(r"sort=killed"))
    killed = [_number(c) for c in _column(page, "killed")]
    assert killed == sorted(killed, key=lambda v: -1 if v is None else v, reverse=True)
    page.click("#events thead a[data-sort=killed]")
    page.wait_for_url(re.compile(r"sort=killed(?!.*desc)"))
    again = [_number(c) for c in _column(page, "killed")]
    assert again == list(reversed(killed))
    page.fill("input[name=q]", "lounge")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"q=lounge"))
    assert page.locator("#events tbody tr[data-event]").count() == 1


def test_event_page_sources_side_by_side_and_timeline(page: Any, base_url: str, faces_events: list) -> None:
    toll = next(e for e in faces_events if any(a.endswith("#t1") for a in e.articles))
    page.goto(f"{base_url}/events/{toll.id}")
    rows = page.locator("#sources tbody tr.source")
    outlets = {t.strip() for t in page.locator("#sources tbody tr.source td:nth-child(2)").all_inner_texts()}
    assert rows.count() >= 2 and {"Baltimore Sun", "WBAL"} <= outlets
    killed = page.locator("#timeline figure.chart[data-measure=killed]")
    assert killed.locator("path.step").count() >= 1 and killed.locator("circle.report").count() >= 2
    steps = [int(g.get_attribute("data-steps") or 0) for g in killed.locator("g.series").all()]
    assert max(steps) >= 1, "the rising toll shows as a step"
    page.locator("#sources blockquote.evidence a").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+#fig-\d+"))
    assert page.locator("mark.figure:target").count() == 1


def test_map_draws_a_marker_per_placed_event_and_a_click_opens_it(page: Any, base_url: str,
                                                                   faces_events: list) -> None:
    placed = [e for e in faces_events if e.place and e.place.lat is not None]
    page.goto(f"{base_url}/map")
    from playwright.sync_api import expect  # waits without evaluating strings (the CSP forbids eval)

    expect(page.locator("#map")).to_have_attribute("data-markers", str(len(placed)))
    assert page.locator("path.event-marker").count() == len(placed)
    page.locator("path.event-marker").first.click(force=True)
    page.wait_for_url(re.compile(r"/events/[0-9.]+$"))
    assert page.locator("#event-title").count() == 1


def test_hostile_title_outlet_and_text_render_as_text(page: Any, base_url: str, faces_service: Service) -> None:
    hostile = next(r for r in faces_service.rows("articles") if r["title"] and "<script>" in r["title"])
    for path in (f"/articles/{hostile['id']}", "/events", "/figures", "/claims", "/articles", "/flags",
                 f"/events/{hostile['event_id']}"):
        page.goto(base_url + path)
        assert page.evaluate("() => window.__xss") is None, path
        assert page.locator("img[src=x]").count() == 0, path
    page.goto(f"{base_url}/articles/{hostile['id']}")
    assert XSS in page.inner_text("#article-title") and XSS in page.inner_text("#article-outlet")
    assert XSS in page.inner_text("#article-text")
    assert page.locator("a[href^='javascript:']").count() == 0


def test_docs_render_offline(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "claimledger" in page.inner_text(".swagger-ui .info .title")


def test_flags_board_dismisses_a_flag(page: Any, base_url: str, faces_service: Service) -> None:
    page.goto(f"{base_url}/flags")
    row = page.locator("#flags tbody tr[data-flag]").first
    event_id, key = row.get_attribute("data-event"), row.get_attribute("data-flag")
    page.fill("#token", "s3cret")
    page.fill("#author", "ana")
    page.fill("#note", "the same count, read twice")
    row.locator("button[data-action=dismiss_flag]").click()
    from playwright.sync_api import expect

    expect(page.locator("#decider-status")).to_have_text(re.compile(r"^decision \d+ recorded"))
    assert row.locator("td.status").inner_text().strip() == "dismissed"
    ev = faces_service.event(str(event_id))
    assert ev is not None and next(f for f in ev.flags if f.key == key).status == "dismissed"
