"""The report as text for a terminal (rich), from the same Reconciliation the API returns."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimledger.reconcile import describe
from claimledger.records import Reconciliation


def print_report(rec: Reconciliation, console: Console | None = None) -> None:
    """Groups of comparable figures (each source's interval side by side), then the flags."""
    console = console or Console()
    console.print(f"[bold]claimledger report[/bold]: {rec.articles} articles, "
                  f"{len(rec.groups)} figure groups, {len(rec.flags)} flags")
    for g in rec.groups:
        title = f"{g.measure} — {g.subject or 'unspecified subject'}" + (f" — {g.place}" if g.place else "")
        table = Table(title=escape(title), title_justify="left", show_lines=False)
        for col in ("source", "interval", "as written", "when", "outlet", "evidence"):
            table.add_column(col, overflow="fold")
        for f in g.figures:
            hedge = " (hedged)" if f.hedged else ""
            table.add_row(escape(f.who + hedge), describe(f.low, f.high), escape(f.span_text),
                          escape(f.when or "?"), escape(f.outlet or f.uri or ""),
                          escape((f.sentence or "")[:160]))
        console.print(table)
    if rec.copies:
        console.print("[bold]Syndicated copies[/bold] (counted once):")
        for orig, outlets in rec.copies.items():
            console.print(f"  article {orig} also carried by: {escape(', '.join(map(str, outlets)))}")
    if rec.flags:
        console.print("[bold]Flags[/bold]")
        for fl in rec.flags:
            console.print(f"  [{'red' if fl.kind == 'contradiction' else 'yellow'}]{fl.kind}[/] "
                          f"{escape(fl.reason)} (figures {', '.join(map(str, fl.figure_ids))})")
