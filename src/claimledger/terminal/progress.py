"""A rich progress bar over an iterator of outcomes (one tick per article)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def track(items: Iterable[T], enabled: bool = True, label: str = "ingesting", total: int | None = None
          ) -> Iterator[T]:
    """Yield ``items``, showing a bar with a count (of ``total``, when known) on stderr when
    ``enabled``; past an estimated ``total`` the bar keeps counting."""
    if not enabled:
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(SpinnerColumn(), "[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(), console=Console(stderr=True),
                  transient=True) as progress:
        task = progress.add_task(label, total=total)
        done = 0
        for item in items:
            done += 1
            if total is not None and done > total:
                progress.update(task, total=done)
            progress.advance(task)
            yield item
