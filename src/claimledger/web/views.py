"""HTML pages: the events table and map, an event's sources side by side with their timeline,
articles with their figures highlighted, the flags board, and a table per resource.

Untrusted text (titles, outlets, article text, claimants) is always escaped: templates are
autoescaped, highlighting builds escaped pieces, and the pages carry no inline script or style
(everything is in ``static/``), so a Content-Security-Policy of ``script-src 'self'`` holds.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Path, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from claimledger.reconcile import describe
from claimledger.records import Event, EventReport, Page, Query, Reconciliation

TEMPLATES = FilePath(__file__).with_name("templates")
STATIC = FilePath(__file__).with_name("static")
VENDOR = STATIC / "vendor"
FILTERS = ("q", "measure", "kind", "place", "claimant", "outlet", "since", "until", "as_of", "flag", "status")

# columns of the resource tables: (key, heading); events and flags have pages of their own
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "figures": (("span_text", "as written"), ("measure", "measure"), ("interval", "interval"), ("who", "source"),
                ("outlet", "outlet"), ("when", "when"), ("place", "place"), ("sentence", "evidence"),
                ("event_id", "event")),
    "claims": (("claimant", "claimant"), ("cue_text", "cue"), ("content_text", "what is claimed"),
               ("certainty", "certainty"), ("outlet", "outlet"), ("published", "published"), ("event_id", "event")),
    "claimants": (("claimant", "claimant"), ("claims", "claims"), ("figures", "figures"), ("articles", "articles"),
                  ("outlets", "outlets"), ("first_published", "first"), ("last_published", "last")),
    "articles": (("title", "title"), ("outlet", "outlet"), ("published", "published"), ("kind", "kind"),
                 ("copy", "copy of"), ("event_id", "event")),
    "places": (("name", "place"), ("country", "country"), ("iso3166_2", "ISO 3166-2"), ("kind", "kind"),
               ("mentions", "mentions"), ("articles", "articles"), ("coords", "lat, lon")),
}
SORTS = {"events": ("id", "date", "killed", "injured", "reports", "place"),
         "figures": ("id", "measure", "low", "high", "published", "outlet"), "claims": ("id", "published", "claimant"),
         "claimants": ("claims", "claimant", "last_published"), "articles": ("id", "published", "outlet", "title"),
         "places": ("mentions", "name"), "flags": ()}


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    env.globals.update(describe=describe, zip=zip, vendored=vendored, RESOURCES=tuple(SORTS))
    env.filters["http_url"] = http_url
    return env


def http_url(url: str | None) -> str | None:
    """An address fit for a link: http(s) only (never ``javascript:`` or ``data:``)."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates, loaded once per process."""
    return make_env()


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def vendored(name: str) -> bool:
    """Whether a vendored asset (scripts/vendor_assets.py) is installed."""
    return (VENDOR / name).is_file()


def highlight(text: str, spans: list[tuple[int, int, str, str]]) -> Markup:
    """``text`` escaped, with non-overlapping ``(start, end, css class, element id)`` spans wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    for start, end, cls, ident in sorted(spans):
        if start < pos or end <= start:
            continue
        attr = f' id="{escape(ident)}"' if ident else ""
        out += [escape(text[pos:start]), f'<mark class="{escape(cls)}"{attr}>{escape(text[start:end])}</mark>']
        pos = end
    out.append(escape(text[pos:]))
    return Markup("".join(out))  # every piece escaped above


def _article_spans(article: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    spans = [(r["start"], r["end"], "removed", "") for r in article["removed"]]
    for c in article["claims"]:
        if c["source_start"] is not None:
            spans.append((c["source_start"], c["source_end"], "source", f"claim-{c['idx']}"))
        if c["cue_start"] is not None:
            spans.append((c["cue_start"], c["cue_end"], "cue", ""))
    spans += [(f["start"], f["end"], "figure", f"fig-{f['idx']}") for f in article["figures"]]
    return spans


# -- an event: sources side by side, the timeline --------------------------------------------------

def side_by_side(ev: Event) -> tuple[list[str], list[dict[str, Any]]]:
    """(measures, rows): one row per source (an article's claimant), each measure's report in its column."""
    measures = list(ev.measures)
    rows: dict[tuple[int, str], dict[str, Any]] = {}
    for name, m in ev.measures.items():
        for r in m.reports:
            key = (r.article_id, r.claimant or "")
            row = rows.setdefault(key, {"article_id": r.article_id, "claimant": r.claimant, "outlet": r.outlet or r.uri,
                                        "published": r.published, "hedged": r.hedged, "cells": {}})
            row["cells"][name] = r
    return measures, sorted(rows.values(), key=lambda x: (x["published"] or "9999", x["article_id"]))


def _day(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value).toordinal() if value else None
    except ValueError:
        return None


def timeline(ev: Event, width: int = 720, height: int = 180, pad: int = 44) -> list[dict[str, Any]]:
    """The figures as reported over time, a chart per measure: a step line per source (a count
    holds until that source reports another: an update is a step), a dot per report, on one
    time axis for the event; coordinates for the SVG the template draws."""
    points = [(name, r, d) for name, m in ev.measures.items() for r in m.reports
              if (d := _day(r.when or r.published)) is not None and (r.best is not None or r.low is not None)]
    if not points:
        return []
    days = [d for _, _, d in points]
    lo, hi = min(days), max(days)
    span = max(hi - lo, 1)
    x = lambda d: pad + (d - lo) / span * (width - 2 * pad) if hi > lo else width / 2  # noqa: E731
    ticks = sorted({lo, hi, lo + span // 2} if hi > lo else {lo})
    xticks = [{"x": round(x(t), 1), "label": date.fromordinal(t).isoformat()} for t in ticks]
    charts = []
    for name in ev.measures:
        mine = sorted(((r, d) for n, r, d in points if n == name), key=lambda p: (p[1], p[0].article_id))
        if not mine:
            continue
        top = max(_value(r) for r, _ in mine) or 1
        y = lambda v, top=top: height - pad - v / top * (height - 2 * pad)  # noqa: E731
        series: dict[str, list[tuple[float, float, EventReport]]] = {}
        for r, d in mine:
            series.setdefault(r.claimant or r.outlet or r.uri, []).append((x(d), y(_value(r)), r))
        lines = []
        for i, (source, pts) in enumerate(series.items()):
            path = f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"
            for nx, ny, _ in pts[1:]:
                path += f" H{nx:.1f} V{ny:.1f}"  # the count holds, then the update: a step
            path += f" H{width - pad:.1f}"
            lines.append({"source": source, "path": path, "colour": i % 8, "steps": len(pts) - 1,
                          "dots": [{"x": round(px, 1), "y": round(py, 1), "report": r, "value": _value(r)}
                                   for px, py, r in pts]})
        charts.append({"measure": name, "width": width, "height": height, "pad": pad, "lines": lines,
                       "xticks": xticks, "yticks": [{"y": round(y(v), 1), "label": f"{v:,}"}
                                                    for v in sorted({0, top // 2, top})]})
    return charts


def _value(r: EventReport) -> int:
    return r.best if r.best is not None else r.low if r.low is not None else 0


# -- the resource pages -----------------------------------------------------------------------------

def _links(request: Request, page: Page) -> dict[str, str]:
    """Query strings for the next page and for each sort (keeping the filters)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("after",)]
    nxt = "?" + urlencode(params + [("after", page.next)]) if page.next else ""
    return {"next": nxt, "json": "?" + urlencode(params), "base": urlencode([(k, v) for k, v in params
                                                                          if k not in ("sort", "desc")])}


def render_resource(resource: str, page: Page, request: Request) -> str:
    """A resource's page as HTML: its table, filters, sorts and next-page link."""
    ctx = {"resource": resource, "page": page, "query": page.query, "links": _links(request, page),
           "sorts": SORTS.get(resource, ()), "filters": _filter_values(page.query)}
    if resource == "events":
        return render("events.html", events=[Event.from_dict(r) for r in page.rows], **ctx)
    if resource == "flags":
        return render("flags.html", **ctx)
    return render("table.html", columns=COLUMNS[resource], rows=[_cells(resource, r) for r in page.rows], **ctx)


def _filter_values(query: Query) -> dict[str, str]:
    return {k: getattr(query, k) or "" for k in FILTERS}


def _cells(resource: str, row: dict[str, Any]) -> dict[str, Any]:
    """Display values of one row, with the links a cell carries."""
    cells = dict(row)
    if resource == "figures":
        cells["interval"] = describe(row["low"], row["high"])
        cells["_link"] = {"span_text": f"/articles/{row['article_id']}#fig-{_figure_idx(row)}"}
    elif resource == "claims":
        cells["_link"] = {"claimant": f"/articles/{row['article_id']}#claim-{row['idx']}"}
    elif resource == "articles":
        cells["title"] = row.get("title") or row.get("uri")
        cells["copy"] = row.get("duplicate_of") or ""
        cells["_link"] = {"title": f"/articles/{row['id']}"}
        if row.get("duplicate_of"):
            cells["_link"]["copy"] = f"/articles/{row['duplicate_of']}"
    elif resource == "claimants":
        cells["_link"] = {"claimant": "/claims?" + urlencode({"claimant": row["claimant"]})}
    elif resource == "places":
        cells["coords"] = f"{row['lat']:.2f}, {row['lon']:.2f}" if row.get("lat") is not None else ""
        cells["_link"] = {"name": "/events?" + urlencode({"place": row.get("iso3166_2") or row.get("name")})}
    if row.get("event_id"):
        cells.setdefault("_link", {})["event_id"] = f"/events/{row['event_id']}"
    return cells


def _figure_idx(row: dict[str, Any]) -> Any:
    return row["idx"]


# -- routes ----------------------------------------------------------------------------------------

def add_views(app: FastAPI, service: Any) -> None:
    """The pages that are not a resource's table: an event, an article, the map, the report."""
    from claimledger.records import Query as LedgerQuery

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request) -> HTMLResponse:
        query = LedgerQuery(sort="date", desc=True)
        return HTMLResponse(render_resource("events", service.page("events", query), request))

    @app.get("/report", response_class=HTMLResponse)
    def report_page(after: str | None = None) -> HTMLResponse:
        rec: Reconciliation
        rec, nxt = service.report_page(LedgerQuery(after=after))
        return HTMLResponse(render("report.html", rec=rec, next=nxt))

    @app.get("/map", response_class=HTMLResponse)
    def map_page(request: Request) -> HTMLResponse:
        params = urlencode([(k, v) for k, v in request.query_params.multi_items() if k in FILTERS])
        return HTMLResponse(render("map.html", params=params, ready=vendored("leaflet/leaflet.js")))

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: Annotated[int, Path(ge=1, le=2**63 - 1)]) -> HTMLResponse:
        art = service.article(article_id)
        if art is None:
            return HTMLResponse(render("missing.html", article_id=article_id), status_code=404)
        body = highlight(art["text"], _article_spans(art))
        return HTMLResponse(render("article.html", article=art, body=body))

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(event_id: Annotated[str, Path(pattern=r"^[0-9]{1,18}(\.[0-9]{1,18})*$")],
                   as_of: date | None = None) -> HTMLResponse:
        ev = service.event(event_id, as_of.isoformat() if as_of else None)
        if ev is None:
            page = render("missing.html", article_id=event_id, what="event")
            return HTMLResponse(page, status_code=404)
        measures, rows = side_by_side(ev)
        return HTMLResponse(render("event.html", ev=ev, measures=measures, rows=rows, timeline=timeline(ev),
                                   as_of=as_of))


def docs_page() -> str:
    """The OpenAPI docs page: Swagger UI from the vendored assets, started by a static script."""
    return render("docs.html", ready=vendored("swagger-ui/swagger-ui-bundle.js"))


__all__ = ["STATIC", "add_views", "docs_page", "highlight", "render_resource", "side_by_side", "timeline"]
