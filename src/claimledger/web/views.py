"""HTML pages: the report and one article with its claims and figures highlighted.

Article text is untrusted: templates are autoescaped and highlighting builds escaped pieces.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import FastAPI, Path, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from claimledger.reconcile import describe

TEMPLATES = FilePath(__file__).with_name("templates")


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    env.globals["describe"] = describe
    env.globals["zip"] = zip
    return env


def highlight(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """``text`` escaped, with non-overlapping ``(start, end, css class)`` spans wrapped in <mark>."""
    out, pos = [], 0
    for start, end, cls in sorted(spans):
        if start < pos or end <= start:
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup('<mark class="{}">{}</mark>').format(cls, text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _article_spans(article: dict[str, Any]) -> list[tuple[int, int, str]]:
    spans = [(r["start"], r["end"], "removed") for r in article["removed"]]
    for c in article["claims"]:
        if c["source_start"] is not None:
            spans.append((c["source_start"], c["source_end"], "source"))
        if c["cue_start"] is not None:
            spans.append((c["cue_start"], c["cue_end"], "cue"))
    spans += [(f["start"], f["end"], "figure") for f in article["figures"]]
    return spans


def add_views(app: FastAPI, service: Any) -> None:
    env = make_env()
    add_event_views(app, service)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request) -> HTMLResponse:
        rec = service.report()
        return HTMLResponse(env.get_template("report.html").render(rec=rec, articles=service.ledger.articles()))

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: Annotated[int, Path(ge=1, le=2**63 - 1)]) -> HTMLResponse:
        art = service.article(article_id)
        if art is None:
            return HTMLResponse(env.get_template("missing.html").render(article_id=article_id), status_code=404)
        body = highlight(art["text"], _article_spans(art))
        return HTMLResponse(env.get_template("article.html").render(article=art, body=body))


EVENT_SORTS = (("date", "date"), ("killed", "killed"), ("injured", "injured"), ("reports", "reports"),
               ("place", "place"), ("id", "event"))


def _sort_key(col: str) -> Any:
    def measure(ev: Any, m: str) -> int:
        return ev.measures[m].best if m in ev.measures and ev.measures[m].best is not None else -1

    return {"date": lambda e: e.date or "", "killed": lambda e: measure(e, "killed"),
            "injured": lambda e: measure(e, "injured"), "reports": lambda e: len(e.articles),
            "place": lambda e: (e.place.name if e.place else "")}.get(
        col, lambda e: tuple(int(x) for x in e.id.split(".")))


def add_event_views(app: FastAPI, service: Any) -> None:
    """The events table (sortable; filters as for /api/events) and one event's page."""
    from claimledger.records import EventQuery

    env = make_env()

    @app.get("/events", response_class=HTMLResponse)
    def events_page(measure: str | None = None, place: str | None = None, since: str | None = None,
                    until: str | None = None, as_of: str | None = None, sort: str = "date",
                    dir: str = "desc") -> HTMLResponse:
        query = EventQuery(as_of=as_of, measure=measure, place=place, since=since, until=until)
        found = sorted(service.events(query), key=_sort_key(sort), reverse=dir != "asc")
        return HTMLResponse(env.get_template("events.html").render(
            events=found, query=query, sorts=EVENT_SORTS, sort=sort, dir=dir))

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(event_id: Annotated[str, Path(pattern=r"^[0-9]{1,18}(\.[0-9]{1,18})*$")]) -> HTMLResponse:
        ev = service.event(event_id)
        if ev is None:
            page = env.get_template("missing.html").render(article_id=event_id, what="event")
            return HTMLResponse(page, status_code=404)
        return HTMLResponse(env.get_template("event.html").render(ev=ev))
