"""The report as text for a terminal (rich), from the same Reconciliation the API returns."""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimledger.reconcile import describe
from claimledger.records import Event, EventMeasure, Reconciliation

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """Untrusted text made safe for a terminal: control characters (escape sequences) removed."""
    return _CONTROL.sub("", str(text))


def safe(text: object) -> str:
    """Untrusted text for rich output: no control characters, no rich markup."""
    return escape(printable(text))


PIPE_WIDTH = 1000  # piped output is not wrapped at 80 columns: lines as long as their content


def terminal() -> Console:
    """A console for stdout: the terminal's width, or for a pipe or file lines unwrapped."""
    import sys

    if sys.stdout.isatty():
        return Console()
    return Console(width=PIPE_WIDTH, soft_wrap=True)


def print_report(rec: Reconciliation, console: Console | None = None) -> None:
    """Event by event: each measure's reports side by side (claimant, interval, outlet, date,
    evidence) with low / best / high and the grade; then syndicated copies and the flags."""
    console = console or terminal()
    console.print(f"[bold]claimledger report[/bold]: {rec.articles} articles, {len(rec.events)} events, "
                  f"{len(rec.flags)} flags")
    for ev in rec.events:
        where = f" in {ev.place.name}" if ev.place else ""
        console.print(f"\n[bold]Event {safe(ev.id)}[/bold]: {safe(ev.kind or 'happening')}{safe(where)}, "
                      f"{safe(ev.date or 'date unknown')} — {len(ev.articles)} reports, "
                      f"{len(ev.outlets)} outlets")
        for name, m in ev.measures.items():
            table = Table(title=safe(f"{name}: best {_count(m)} — {m.grade.replace('_', ' ')}"),
                          title_justify="left")
            for col in ("source", "interval", "outlet", "published", "evidence"):
                table.add_column(col, overflow="fold")
            for r in m.reports:
                hedge = " (hedged)" if r.hedged else ""
                table.add_row(safe((r.claimant or "(the report)") + hedge), describe(r.low, r.high),
                              safe(r.outlet or r.uri), safe(r.published or "?"), safe(" … ".join(r.evidence)[:200]))
            console.print(table)
    if rec.copies:
        console.print("[bold]Syndicated copies[/bold] (counted once):")
        for orig, copies in rec.copies.items():
            carriers = "; ".join(c["outlet"] or f"an outlet not named ({c['uri']})" for c in copies)
            console.print(f"  article {orig} also carried by: {safe(carriers)}")
    if rec.flags:
        console.print("[bold]Flags[/bold]")
        for event_id, fl in rec.flags:
            console.print(f"  event {safe(event_id)}: [{'red' if fl.kind == 'contradiction' else 'yellow'}]"
                          f"{fl.kind}[/] {safe(fl.reason)}")


def _count(m: EventMeasure) -> str:
    if m.best is None:
        return "?"
    spread = "" if m.low == m.high == m.best or m.low is None else f" ({m.low:,}–{m.high:,})" if m.high is not None \
        else f" ({m.low:,}–)"
    return f"{m.best:,}{spread}"


def print_events(found: list[Event], console: Console | None = None) -> None:
    """One row per event (what, when, where, best counts, sources), then each event's flags."""
    console = console or terminal()
    console.print(f"[bold]claimledger events[/bold]: {len(found)} events")
    table = Table(show_lines=False)
    for col in ("id", "kind", "date", "place", "killed", "injured", "other measures", "reports", "grade"):
        table.add_column(col, overflow="fold")
    for ev in found:
        others = ", ".join(f"{k} {_count(m)}" for k, m in ev.measures.items() if k not in ("killed", "injured"))
        grades = {m.grade for m in ev.measures.values()}
        table.add_row(safe(ev.id), safe(ev.kind or "?"), safe(ev.date or "?"),
                      safe(ev.place.name if ev.place else "?"),
                      _count(ev.measures["killed"]) if "killed" in ev.measures else "",
                      _count(ev.measures["injured"]) if "injured" in ev.measures else "",
                      safe(others), str(len(ev.articles)), safe(", ".join(sorted(grades))))
    console.print(table)
    for ev in found:
        for fl in ev.flags:
            colour = "red" if fl.kind == "contradiction" else "yellow"
            status = "" if fl.status == "open" else f" [{fl.status}]"
            console.print(f"  event {safe(ev.id)}: [{colour}]{fl.kind}[/]{status} {safe(fl.reason)}")
