"""The REST API and the web UI over one ledger: thin routes over ``Service``.

One query layer, as Datasette has it: each resource (events, figures, claims, claimants,
articles, places, flags) has one data function, :meth:`Service.page`, and one route that renders
its page as HTML (``/events``), JSON (``/events.json``, also ``/api/events``) or CSV
(``/events.csv``). Exports of everything a query selects are under ``/export/``.
"""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from claimledger import __version__
from claimledger.api.security import harden
from claimledger.config import Settings
from claimledger.errors import AdjudicationError, ClaimLedgerError, QueryError
from claimledger.exports import FORMATS, RESOURCES, check, csv_bytes, csv_safe, export
from claimledger.exports.formats import event_row, flat
from claimledger.records import Query as LedgerQuery
from claimledger.service import Service

MAX_ID = 2**63 - 1
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID)]
EventId = Annotated[str, Path(pattern=r"^[0-9]{1,18}(\.[0-9]{1,18})*$", max_length=120)]
Day = Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="YYYY-MM-DD (empty: no filter)")]
Text = Annotated[str | None, Query(max_length=200)]


class DecisionRequest(BaseModel):
    action: str = Field(max_length=20)
    target: dict[str, Any]
    note: str = Field(min_length=1, max_length=4000)
    author: str = Field(min_length=1, max_length=200)


class ExtractRequest(BaseModel):
    text: str = Field(max_length=1_000_000)
    published: date | None = None


def query_params(measure: Text = None, kind: Text = None, place: Text = None, claimant: Text = None,
                 outlet: Text = None, since: Day = None, until: Day = None, q: Text = None, as_of: Day = None,
                 flag: Text = None, status: Text = None, sort: Text = None, desc: bool = False,
                 after: Annotated[str | None, Query(max_length=400)] = None,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> LedgerQuery:
    """The query string of every resource route: filters, sort (``desc=true`` reverses) and page.
    Empty fields (an HTML form's) are no filter."""
    def iso(day: str | None) -> str | None:
        if not day:
            return None
        try:
            return date.fromisoformat(day).isoformat()
        except ValueError:
            raise HTTPException(422, f"{day!r} is not a date (YYYY-MM-DD)") from None

    measure, kind, place, claimant, outlet, q, flag, status, sort = (
        v or None for v in (measure, kind, place, claimant, outlet, q, flag, status, sort))
    return LedgerQuery(measure=measure, kind=kind, place=place, claimant=claimant, outlet=outlet, since=iso(since),
                       until=iso(until), q=q, as_of=iso(as_of), flag=flag, status=status, sort=sort, desc=desc,
                       after=after, limit=limit)


Params = Annotated[LedgerQuery, Depends(query_params)]


def _require_token(expected: str | None, authorization: str | None) -> None:
    """REST writes need the ledger's token; with none configured, writes are refused."""
    if not expected:
        raise HTTPException(403, "writes are disabled: start the server with CLAIMLEDGER_TOKEN set")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    """An app over one ledger: /api/* (JSON), one route per resource (HTML, JSON, CSV), /export/*,
    the event, article, map and flags pages, /docs (OpenAPI, from local assets)."""
    from claimledger.web.views import STATIC, add_views, docs_page

    service = service or Service(settings or Settings())
    app = FastAPI(title="claimledger", version=__version__, docs_url=None, redoc_url=None)
    app.state.service = service
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    harden(app, token=service.settings.api_token)  # headers, body limit, /api/extract guard (api/security.py)

    @app.exception_handler(ClaimLedgerError)
    async def _error(_: Request, exc: ClaimLedgerError) -> JSONResponse:
        status = 422 if isinstance(exc, AdjudicationError | QueryError) else 400
        return JSONResponse({"error": exc.code, "detail": str(exc)}, status_code=status)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_page())

    @app.get("/api/report")
    def report(query: Params) -> dict[str, Any]:
        """A page of the report: events with their reports and flags, their articles' syndicated
        copies, and ``next`` (the whole report: ``claimledger report --json``)."""
        rec, nxt = service.report_page(query)
        return rec.to_dict() | {"next": nxt, "limit": query.limit}

    @app.get("/api/articles/{article_id}")
    def article(article_id: ArticleId) -> dict[str, Any]:
        """One article with its text, claims, figures, places, flags, copies and event (offsets into the text)."""
        art = service.article(article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id}")
        return art

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

    @app.get("/export/{name}")
    def export_file(name: Annotated[str, Path(pattern=r"^[a-z]+\.[a-z.]+$", max_length=40)], request: Request,
                    query: Params) -> Response:
        """Everything the query selects, as a file: ``/export/events.geojson``, ``events.ucdp.csv``,
        ``events.acled.csv``, ``claims.jsonld``, ``figures.parquet``, ``<resource>.csv|jsonl``."""
        resource, fmt = _export_name(name)
        _, f = check(resource, fmt)
        chunks = export(service, resource, fmt, query, base_url=str(request.base_url))
        headers = {"Content-Disposition": f"attachment; filename={resource}.{f.suffix}"}
        if fmt == "parquet":
            return Response(b"".join(chunks), media_type=f.media_type, headers=headers)
        return StreamingResponse(chunks, media_type=f.media_type, headers=headers)

    for resource in RESOURCES:
        _resource_routes(app, service, resource)
    add_views(app, service)
    return app


def app_from_env() -> FastAPI:
    """The app over the ledger ``$CLAIMLEDGER_DB`` names (token: ``$CLAIMLEDGER_TOKEN``): the
    factory for ``uvicorn --factory claimledger.api.app:app_from_env --workers N``."""
    import os

    settings = Settings.from_options(db=os.environ.get("CLAIMLEDGER_DB") or "claimledger.db")
    return create_app(settings, Service(settings, create_ledger=False))


def _export_name(name: str) -> tuple[str, str]:
    """'events.ucdp.csv' -> ('events', 'ucdp'); 'figures.csv' -> ('figures', 'csv')."""
    resource, _, rest = name.partition(".")
    suffixes = {f.suffix: f.name for f in FORMATS.values()}
    if rest not in suffixes:
        raise QueryError(f"/export/{name}: no such export (resource.{' | '.join(suffixes)})")
    return resource, suffixes[rest]


def _resource_routes(app: FastAPI, service: Service, resource: str) -> None:
    """``/{resource}`` (HTML), ``/{resource}.json`` and ``/api/{resource}`` (JSON), ``/{resource}.csv``."""
    from claimledger.web.views import render_resource

    def render(request: Request, query: LedgerQuery, fmt: str) -> Response:
        page = service.page(resource, query)
        if fmt == "json":
            return Response(page.to_json(), media_type="application/json")
        if fmt == "csv":
            rows = (event_row(r) if resource == "events" else flat(r) for r in page.rows)
            return Response(b"".join(csv_bytes(rows)), media_type="text/csv; charset=utf-8",
                            headers={"Link": f'<?after={page.next}>; rel="next"'} if page.next else None)
        if fmt == "html":
            return HTMLResponse(render_resource(resource, page, request))
        raise HTTPException(404, f"no format {fmt!r} (html, json, csv)")

    def html(request: Request, query: Params) -> Response:
        return render(request, query, "html")

    def json_page(request: Request, query: Params) -> Response:
        return render(request, query, "json")

    def formatted(request: Request, query: Params, fmt: Annotated[str, Path(pattern=r"^[a-z]{2,5}$")]) -> Response:
        return render(request, query, fmt)

    doc = f"A page of {resource}: filters, sort and keyset page as the query string says (see docs/api.md)."
    app.add_api_route(f"/api/{resource}", json_page, methods=["GET"], summary=f"{resource} (JSON)", description=doc)
    app.add_api_route(f"/{resource}.{{fmt}}", formatted, methods=["GET"], summary=f"{resource} (json, csv, html)",
                      description=doc)
    app.add_api_route(f"/{resource}", html, methods=["GET"], include_in_schema=False)


__all__ = ["app_from_env", "create_app", "csv_safe"]
