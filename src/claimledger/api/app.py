"""The REST API: thin routes over ``Service``; the web UI renders the same data as HTML."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from claimledger.api.security import harden
from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError
from claimledger.service import Service

MAX_ID = 2**63 - 1
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID)]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    harden(app)  # security headers, body size limit, token/rate limit on /api/extract (api/security.py)

    @app.exception_handler(ClaimLedgerError)
    async def _error(_: Request, exc: ClaimLedgerError) -> JSONResponse:
        return JSONResponse({"error": exc.code, "detail": str(exc)}, status_code=400)

    @app.get("/api/report")
    def report() -> dict[str, Any]:
        """Figure groups across the ledger, flags, syndicated copies."""
        return service.report().to_dict()

    @app.get("/api/articles")
    def articles() -> list[dict[str, Any]]:
        """Every stored article (metadata only)."""
        return service.ledger.articles()

    @app.get("/api/articles/{article_id}")
    def article(article_id: ArticleId) -> dict[str, Any]:
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
            writer.writerows({k: csv_safe(v) for k, v in row.items()} for row in rows)
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
    art["figures"] = [f.to_dict() for f in service.ledger.figure_entries(article_id)]
    return art


__all__ = ["create_app", "HTMLResponse"]
