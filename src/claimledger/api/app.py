"""The REST API: thin routes over ``Service``; the web UI renders the same data as HTML."""

from __future__ import annotations

import csv
import hmac
import io
from datetime import date
from typing import Annotated, Any

from fastapi import FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from claimledger.api.security import harden
from claimledger.config import Settings
from claimledger.errors import AdjudicationError, ClaimLedgerError
from claimledger.records import EventQuery
from claimledger.service import Service

MAX_ID = 2**63 - 1
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID)]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


EventId = Annotated[str, Path(pattern=r"^[0-9]{1,18}(\.[0-9]{1,18})*$", max_length=120)]


class DecisionRequest(BaseModel):
    action: str = Field(max_length=20)
    target: dict[str, Any]
    note: str = Field(min_length=1, max_length=4000)
    author: str = Field(min_length=1, max_length=200)


def _require_token(expected: str | None, authorization: str | None) -> None:
    """REST writes need the ledger's token; with none configured, writes are refused."""
    if not expected:
        raise HTTPException(403, "writes are disabled: start the server with CLAIMLEDGER_TOKEN set")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def _event_query(measure: str | None, place: str | None, since: date | None, until: date | None,
                 as_of: date | None) -> EventQuery:
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return EventQuery(as_of=iso(as_of), measure=measure, place=place, since=iso(since), until=iso(until))


class ExtractRequest(BaseModel):
    text: str = Field(max_length=1_000_000)
    published: date | None = None


def csv_safe(value: Any) -> Any:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    """An app over one ledger. Routes: /api/* (JSON), / and /articles/{id} (HTML), /export/*."""
    service = service or Service(settings or Settings())
    app = FastAPI(title="claimledger", version="0.1.0")
    app.state.service = service
    harden(app, token=service.settings.api_token)  # headers, body limit, /api/extract guard (api/security.py)

    @app.exception_handler(ClaimLedgerError)
    async def _error(_: Request, exc: ClaimLedgerError) -> JSONResponse:
        status = 422 if isinstance(exc, AdjudicationError) else 400
        return JSONResponse({"error": exc.code, "detail": str(exc)}, status_code=status)

    @app.get("/api/report")
    def report() -> dict[str, Any]:
        """Every event with its reports and flags, and the syndicated copies."""
        return service.report().to_dict()

    @app.get("/api/articles")
    def articles() -> list[dict[str, Any]]:
        """Every stored article (metadata only)."""
        return service.ledger.articles()

    @app.get("/api/articles/{article_id}")
    def article(article_id: ArticleId) -> dict[str, Any]:
        """One article with its text, claims and figures (offsets into the text)."""
        art = service.article(article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id}")
        return art

    @app.get("/api/figures")
    def figures(measure: str | None = None, country: str | None = None) -> list[dict[str, Any]]:
        """Every stored figure with provenance; filter by measure or country."""
        return [f.to_dict() for f in _figures(service, measure, country)]

    @app.get("/api/flags")
    def flags() -> list[dict[str, Any]]:
        """Every event's flags with their reasons (each names its event)."""
        return service.report().to_dict()["flags"]

    @app.get("/api/events")
    def events(measure: str | None = None, place: str | None = None, since: date | None = None,
               until: date | None = None, as_of: date | None = None,
               limit: Annotated[int, Query(ge=1, le=500)] = 100,
               offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0) -> dict[str, Any]:
        """Events, one per real-world happening (CONTRACT.md "events output"), a page at a time."""
        found = service.events(_event_query(measure, place, since, until, as_of))
        page = found[offset:offset + limit]
        return {"events": [e.to_dict() for e in page], "total": len(found), "offset": offset,
                "next": offset + limit if offset + limit < len(found) else None}

    @app.get("/api/events/{event_id}")
    def event(event_id: EventId, as_of: date | None = None) -> dict[str, Any]:
        """One event: each report's figures side by side, flags, decisions, the machine's view."""
        ev = service.event(event_id, as_of.isoformat() if as_of else None)
        if ev is None:
            raise HTTPException(404, f"no event {event_id}")
        return ev.to_dict()

    @app.post("/api/events/{event_id}/decisions", status_code=201)
    def decide(event_id: EventId, req: DecisionRequest, authorization: Annotated[str | None, Header()] = None
               ) -> dict[str, Any]:
        """Append an analyst's decision (needs ``Authorization: Bearer <CLAIMLEDGER_TOKEN>``)."""
        _require_token(service.settings.api_token, authorization)
        n = service.decide(event_id, req.action, req.target, req.note, req.author)
        return {"decision": n, "event": event_id}

    @app.post("/api/extract")
    def extract(req: ExtractRequest) -> dict[str, Any]:
        """Extract from posted text without storing it."""
        return service.extract_text(req.text, req.published, uri="<posted>").to_dict()

    @app.get("/export/figures.csv")
    def figures_csv(measure: str | None = None, country: str | None = None) -> Response:
        """Every stored figure as CSV (one row per figure, provenance included)."""
        rows = [f.to_dict() for f in _figures(service, measure, country)]
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({k: csv_safe(v) for k, v in row.items()} for row in rows)
        return Response(buf.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": "attachment; filename=figures.csv"})

    from claimledger.web.views import add_views

    add_views(app, service)
    return app


def _figures(service: Service, measure: str | None, country: str | None):
    return [f for f in service.ledger.figure_entries()
            if (measure is None or f.measure == measure) and (country is None or f.country == country)]


__all__ = ["create_app", "HTMLResponse"]
