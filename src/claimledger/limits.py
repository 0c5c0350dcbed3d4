"""Bounds on the work one document may cost the extract stage, enforced around it by the service.

Parts of extraction cost more than linear time in the text (measured in BENCHMARKS.md, section
#12): marking line breaks as sentence starts is lines x tokens, re-reading figure spans is
figures x tokens, article flags are figure pairs x sentence length. So that no single input can
hold a run for minutes or take gigabytes, each document is measured before it is parsed, and

- over any bound of :class:`~claimledger.config.ExtractLimits` (characters, words, lines,
  line length, numbers per line and per document) it is refused with one :class:`OverLimit`
  line naming the bound;
- within them, its parse, finders and article flags run under a deadline, past which it fails
  with :class:`ExtractionTimeout`: ``ExtractLimits.cpu_seconds`` of the thread's CPU time
  (what the document costs, however busy the machine is) or ``ExtractLimits.wall_seconds``;
- an extraction with more article flags than ``ExtractLimits.flags`` (figures that all
  contradict one another) is refused rather than stored.

The deadline is a watchdog thread that raises :class:`DeadlineExceeded` in the working thread
(``PyThreadState_SetAsyncExc``), so it holds in worker threads (the REST API) as in the main
thread, and is raised between two Python bytecodes: a long call inside C code (one regular
expression, one parser batch) finishes first, which the size bounds keep short.
"""

from __future__ import annotations

import ctypes
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from claimledger.config import ExtractLimits
from claimledger.errors import ExtractionTimeout, OverLimit
from claimledger.records import CleanArticle, Extraction, Failure

Extract = Callable[[list[CleanArticle]], Iterator[Extraction | Failure]]
Finish = Callable[[Extraction | Failure], Extraction | Failure]

_WORDS = re.compile(r"\w+|[^\w\s]")
_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                 "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
                 "ninety hundred hundreds thousand thousands million millions billion dozen dozens score scores")
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*|\b(?:" + "|".join(_NUMBER_WORDS.split()) + r")\b", re.I)


class DeadlineExceeded(BaseException):
    """Raised in the working thread by :func:`deadline`; a BaseException so that a library's
    ``except Exception`` cannot swallow it."""


class _Watchdog:
    """Raises DeadlineExceeded in the thread that made it once that thread has used
    ``cpu_seconds`` of CPU or ``wall_seconds`` have passed, unless disarmed first. CPU time
    counts what the document costs whatever else the machine runs; wall time is the backstop."""

    POLL = 0.05
    AGAIN = 1.0  # seconds before raising again in a thread that is still running (see _watch)

    def __init__(self, cpu_seconds: float, wall_seconds: float) -> None:
        self.target = threading.get_ident()
        self.cpu_clock = _thread_cpu_clock()
        self.cpu_limit = _cpu_now(self.cpu_clock) + cpu_seconds
        self.wall_limit = time.monotonic() + wall_seconds
        self.lock = threading.Lock()
        self.state = "armed"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="claimledger-deadline", daemon=True)

    def _watch(self) -> None:
        """Fire once over a limit, then again every AGAIN seconds until disarmed: an exception
        raised asynchronously can land where Python swallows it (a garbage-collector callback
        reports it as 'unraisable' and goes on), and the block must still stop."""
        while not self.stop.wait(self.POLL):
            if time.monotonic() >= self.wall_limit or _cpu_now(self.cpu_clock) >= self.cpu_limit:
                while self._fire() and not self.stop.wait(self.AGAIN):
                    pass
                return

    def _fire(self) -> bool:
        """Raise in the target unless disarmed; False once disarmed."""
        with self.lock:
            if self.state == "done":
                return False
            self.state = "fired"
            _async_raise(self.target, DeadlineExceeded)
            return True

    def disarm(self) -> bool:
        """Stop the watchdog; True when it had fired."""
        with self.lock:
            fired = self.state == "fired"
            self.state = "done"
        self.stop.set()
        return fired


def _thread_cpu_clock() -> int | None:
    """The CPU-time clock of the calling thread, where the platform has one."""
    try:
        return time.pthread_getcpuclockid(threading.get_ident())
    except (AttributeError, OSError):
        return None


def _cpu_now(clock: int | None) -> float:
    return time.clock_gettime(clock) if clock is not None else 0.0


def _async_raise(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in the thread at its next bytecode (None clears one not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextmanager
def deadline(cpu_seconds: float, wall_seconds: float | None = None) -> Iterator[None]:
    """Raise :class:`DeadlineExceeded` in this block once it has used ``cpu_seconds`` of this
    thread's CPU time or run ``wall_seconds`` (default: twice the CPU time); a limit of 0 or
    less means none. Works in any thread; not meant to be nested."""
    wall = 2 * cpu_seconds if wall_seconds is None else wall_seconds
    if cpu_seconds <= 0 or wall <= 0:
        yield
        return
    dog = _Watchdog(cpu_seconds, wall)
    dog.thread.start()
    try:
        yield
    finally:
        _disarm(dog)


def _disarm(dog: _Watchdog) -> None:
    """Stop ``dog`` for sure (a second raise may land while this very code runs), and drop an
    exception it raised that is still pending because the block ended first."""
    while True:
        try:
            if dog.disarm():
                _async_raise(dog.target, None)
            return
        except DeadlineExceeded:
            continue


def over_limit(article: CleanArticle, limits: ExtractLimits) -> Failure | None:
    """The Failure naming the first bound ``article``'s parser text is over, or None.

    Linear in the text: characters, words and punctuation (about spaCy's tokens), lines, the
    longest line (a sentence never crosses one), numbers (digits and number words) per line
    and in all."""
    text = article.masked

    def refuse(what: str, found: int, limit: int) -> Failure:
        message = (f"{article.uri}: {found:,} {what}, over the extraction limit of {limit:,} "
                   f"(raise ExtractLimits in the settings to extract it)")
        return Failure(article.uri, str(OverLimit(message, source=article.uri)))

    if len(text) > limits.chars:
        return refuse("characters", len(text), limits.chars)
    lines = text.split("\n")
    if len(lines) > limits.lines:
        return refuse("lines", len(lines), limits.lines)
    longest = max(map(len, lines))
    if longest > limits.line_chars:
        return refuse("characters in one line", longest, limits.line_chars)
    words = sum(1 for _ in _WORDS.finditer(text))
    if words > limits.words:
        return refuse("words and punctuation marks", words, limits.words)
    per_line = [sum(1 for _ in _NUMBER.finditer(line)) for line in lines]
    if max(per_line) > limits.line_numbers:
        return refuse("numbers in one line", max(per_line), limits.line_numbers)
    if sum(per_line) > limits.numbers:
        return refuse("numbers", sum(per_line), limits.numbers)
    return None


def bounded(extract: Extract, articles: Iterable[CleanArticle], limits: ExtractLimits,
            finish: Finish) -> Iterator[Extraction | Failure]:
    """``finish(extract(...))`` for each article in order, each within ``limits``: one result
    per article, a Failure for one over a bound or past the deadline, the rest go on."""
    batch = list(articles)
    refused = {id(a): f for a in batch if (f := over_limit(a, limits)) is not None}
    results = _in_time(extract, [a for a in batch if id(a) not in refused], limits, finish)
    for article in batch:
        yield refused[id(article)] if id(article) in refused else next(results)


def _in_time(extract: Extract, articles: list[CleanArticle], limits: ExtractLimits,
             finish: Finish) -> Iterator[Extraction | Failure]:
    """Results in order. The first result waits for the whole batch's parse, so it has every
    article's time; each later one has one article's. When the batch's parse itself runs out
    of time, its articles are extracted one by one, so that only the slow one fails."""
    pending = articles
    while pending:
        results = extract(pending)
        for k, article in enumerate(pending):
            share = len(pending) if k == 0 else 1
            try:
                with deadline(limits.cpu_seconds * share, limits.wall_seconds * share):
                    item = _flag_bound(finish(next(results)), limits)
            except DeadlineExceeded:
                if k == 0 and len(pending) > 1:
                    for one in pending:
                        yield from _in_time(extract, [one], limits, finish)
                    return
                yield _timed_out(article, limits)
                pending = pending[k + 1:]
                break
            yield item
        else:
            return


def _flag_bound(item: Extraction | Failure, limits: ExtractLimits) -> Extraction | Failure:
    if isinstance(item, Extraction) and len(item.flags) > limits.flags:
        uri = item.article.uri
        message = (f"{uri}: {len(item.flags):,} flags within the article, over the limit of {limits.flags:,} "
                   f"({len(item.figures):,} figures that contradict one another pairwise)")
        return Failure(uri, str(OverLimit(message, source=uri)))
    return item


def _timed_out(article: CleanArticle, limits: ExtractLimits) -> Failure:
    message = (f"{article.uri}: extraction ran past its deadline ({limits.cpu_seconds:g} s of CPU "
               f"or {limits.wall_seconds:g} s in all)")
    return Failure(article.uri, str(ExtractionTimeout(message, source=article.uri)))
