"""The report as text for a terminal (rich), from the same Reconciliation the API returns."""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimledger.reconcile import describe
from claimledger.records import Reconciliation

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """Untrusted text made safe for a terminal: control characters (escape sequences) removed."""
    return _CONTROL.sub("", str(text))


def safe(text: object) -> str:
    """Untrusted text for rich output: no control characters, no rich markup."""
    return escape(printable(text))


def print_report(rec: Reconciliation, console: Console | None = None) -> None:
    """Groups of comparable figures (each source's interval side by side), then the flags."""
    console = console or Console()
    console.print(f"[bold]claimledger report[/bold]: {rec.articles} articles, "
                  f"{len(rec.groups)} figure groups, {len(rec.flags)} flags")
    for g in rec.groups:
        title = f"{g.measure} — {g.subject or 'unspecified subject'}" + (f" — {g.place}" if g.place else "")
        table = Table(title=safe(title), title_justify="left", show_lines=False)
        for col in ("source", "interval", "as written", "when", "outlet", "evidence"):
            table.add_column(col, overflow="fold")
        for f in g.figures:
            hedge = " (hedged)" if f.hedged else ""
            table.add_row(safe(f.who + hedge), describe(f.low, f.high), safe(f.span_text),
                          safe(f.when or "?"), safe(f.outlet or f.uri or ""),
                          safe((f.sentence or "")[:160]))
        console.print(table)
    if rec.copies:
        console.print("[bold]Syndicated copies[/bold] (counted once):")
        for orig, outlets in rec.copies.items():
            console.print(f"  article {orig} also carried by: {safe(', '.join(map(str, outlets)))}")
    if rec.flags:
        console.print("[bold]Flags[/bold]")
        for fl in rec.flags:
            console.print(f"  [{'red' if fl.kind == 'contradiction' else 'yellow'}]{fl.kind}[/] "
                          f"{safe(fl.reason)} (figures {', '.join(map(str, fl.figure_ids))})")
