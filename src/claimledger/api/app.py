"""The REST API: thin routes over ``Service``; the web UI renders the same data as HTML."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError
from claimledger.service import Service


class ExtractRequest(BaseModel):
    text: str
    published: date | None = None


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    """An app over one ledger. Routes: /api/* (JSON), / and /articles/{id} (HTML), /export/*."""
    service = service or Service(settings or Settings())
    app = FastAPI(title="claimledger", version="0.1.0")
    app.state.service = service

    @app.exception_handler(ClaimLedgerError)
    async def _error(_: Request, exc: ClaimLedgerError) -> Response:
        return Response(content=f'{{"error": "{exc.code}"}}', status_code=400, media_type="application/json")

    @app.get("/api/report")
    def report() -> dict[str, Any]:
        """Figure groups across the ledger, flags, syndicated copies."""
        return service.report().to_dict()

    @app.get("/api/articles")
    def articles() -> list[dict[str, Any]]:
        """Every stored article (metadata only)."""
        return service.ledger.articles()

    @app.get("/api/articles/{article_id}")
    def article(article_id: int) -> dict[str, Any]:
        """One article with its text, claims and figures (offsets into the text)."""
        return _article_data(service, article_id)

    @app.get("/api/figures")
    def figures(measure: str | None = None, country: str | None = None) -> list[dict[str, Any]]:
        """Every stored figure with provenance; filter by measure or country."""
        return [f.to_dict() for f in _figures(service, measure, country)]

    @app.get("/api/flags")
    def flags() -> list[dict[str, Any]]:
        """Every flag of the report with its reason."""
        return [f.to_dict() for f in service.report().flags]

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
            writer.writerows(rows)
        return Response(buf.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": "attachment; filename=figures.csv"})

    from claimledger.web.views import add_views

    add_views(app, service)
    return app


def _figures(service: Service, measure: str | None, country: str | None):
    return [f for f in service.ledger.figure_entries()
            if (measure is None or f.measure == measure) and (country is None or f.country == country)]


def _article_data(service: Service, article_id: int) -> dict[str, Any]:
    art = service.ledger.article(article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id}")
    art["claims"] = service.ledger.claims(article_id)
    art["figures"] = [f.to_dict() for f in service.ledger.figure_entries() if f.article_id == article_id]
    return art


__all__ = ["create_app", "HTMLResponse"]
