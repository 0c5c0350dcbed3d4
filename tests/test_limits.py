"""Bounds on one document's extraction: refused over a bound, stopped past the deadline, the
rest of the run goes on (claimledger.limits)."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from claimledger.config import ExtractLimits, Settings
from claimledger.limits import DeadlineExceeded, bounded, deadline, over_limit
from claimledger.records import CleanArticle, Extraction, Failure, Flag
from claimledger.service import Service


def _article(text: str, uri: str = "a.txt") -> CleanArticle:
    return CleanArticle(uri=uri, text=text)


def _spin(seconds: float) -> None:
    """Burn CPU in Python bytecode for ``seconds`` (where a deadline can strike)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@pytest.mark.parametrize("limits, text, named", [
    (ExtractLimits(chars=10), "Police said two died today.", "27 characters, over the extraction limit of 10"),
    (ExtractLimits(lines=2), "a\nb\nc", "3 lines, over the extraction limit of 2"),
    (ExtractLimits(line_chars=5), "ok\nthis line is long", "17 characters in one line"),
    (ExtractLimits(words=3), "one two three four", "4 words and punctuation marks"),
    (ExtractLimits(line_numbers=2), "1, 2 and 3 died\n4", "3 numbers in one line"),
    (ExtractLimits(numbers=3), "1 died\n2 died\nthree died\nfour died", "4 numbers, over"),
])
def test_each_bound_refuses_with_one_coded_line(limits: ExtractLimits, text: str, named: str) -> None:
    failure = over_limit(_article(text), limits)
    assert failure is not None and failure.error.startswith("[CL012] a.txt: ") and named in failure.error
    assert "\n" not in failure.error


def test_removed_stretches_do_not_count_as_numbers() -> None:
    from claimledger.records import Removal

    text = "Police said 3 died.\n1 2 3 4 5 6 7 8"
    art = CleanArticle(uri="a", text=text, removed=(Removal(20, len(text), "promo"),))
    assert over_limit(art, ExtractLimits(numbers=2)) is None


def test_default_bounds_take_a_long_real_sized_article() -> None:
    para = "Officials said 12 people were killed and 30 injured in the town on Monday, police added.\n"
    assert over_limit(_article(para * 600), ExtractLimits()) is None  # 54,000 characters, 600 lines


def test_deadline_stops_a_busy_block() -> None:
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded), deadline(0.2, 5.0):
        _spin(10)
    assert time.monotonic() - started < 5


def test_deadline_counts_wall_time_too() -> None:
    with pytest.raises(DeadlineExceeded), deadline(60, 0.2):
        for _ in range(200):
            time.sleep(0.01)


def test_deadline_that_is_not_reached_leaves_nothing_behind() -> None:
    with deadline(0.3, 0.3):
        pass
    _spin(0.6)  # a stray exception from the watchdog would land here


def test_deadline_holds_in_a_worker_thread() -> None:
    caught: list[BaseException] = []

    def work() -> None:
        try:
            with deadline(0.2, 5.0):
                _spin(10)
        except DeadlineExceeded as exc:
            caught.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(8)
    assert caught and not worker.is_alive()


def _fake_extract(slow: set[str]):
    """An extractor that spins on the articles named in ``slow``."""
    def extract(articles: list[CleanArticle]):
        for art in articles:
            if art.uri in slow:
                _spin(30)
            yield Extraction(article=art)
    return extract


def _no_finish(item):
    return item


def test_a_slow_article_fails_alone_and_the_batch_goes_on() -> None:
    arts = [_article("x", uri) for uri in ("a", "b", "c")]
    limits = ExtractLimits(cpu_seconds=0.3, wall_seconds=5)
    out = list(bounded(_fake_extract({"b"}), arts, limits, _no_finish))
    assert [o.article.uri if isinstance(o, Extraction) else o.uri for o in out] == ["a", "b", "c"]
    assert isinstance(out[1], Failure) and out[1].error.startswith("[CL005] b: extraction ran past its deadline")
    assert isinstance(out[0], Extraction) and isinstance(out[2], Extraction)


def test_a_slow_first_article_is_found_by_extracting_one_by_one() -> None:
    arts = [_article("x", uri) for uri in ("a", "b")]
    out = list(bounded(_fake_extract({"a"}), arts, ExtractLimits(cpu_seconds=0.2, wall_seconds=5), _no_finish))
    assert isinstance(out[0], Failure) and out[0].uri == "a" and isinstance(out[1], Extraction)


def test_over_limit_articles_keep_their_place() -> None:
    arts = [_article("short", "a"), _article("far too long a text", "b"), _article("short", "c")]
    out = list(bounded(_fake_extract(set()), arts, ExtractLimits(chars=10), _no_finish))
    assert [type(o).__name__ for o in out] == ["Extraction", "Failure", "Extraction"]
    assert out[1].error.startswith("[CL012] b: ")


def test_too_many_article_flags_refuse_the_article() -> None:
    def flagged(item):
        return replace(item, flags=tuple(Flag("contradiction", (0, 1), "x") for _ in range(5)))

    out = list(bounded(_fake_extract(set()), [_article("x")], ExtractLimits(flags=4), flagged))
    assert isinstance(out[0], Failure) and "5 flags within the article, over the limit of 4" in out[0].error


# -- the cases the audit found, through the whole service ----------------------------------

def _audit_inputs(folder: Path) -> list[Path]:
    lines = "\n".join(f"police said {i % 7} people were hurt" for i in range(8_000))  # 200 KB, short lines
    numbers = "Officials said the counts were " + ", ".join(str(i) for i in range(3_000)) + " people."
    one_line = " ".join(["witnesses said the town was quiet"] * 3_000)  # 100 KB, one line
    paths = []
    for name, text in (("lines.txt", lines), ("numbers.txt", numbers), ("one_line.txt", one_line),
                       ("fine.txt", "Police said 3 people were killed in Leeds on Monday.")):
        (folder / name).write_text(text)
        paths.append(folder / name)
    return paths


def test_the_audit_cases_are_refused_and_the_run_goes_on(tmp_path: Path, service: Service) -> None:
    svc = Service(Settings(db_url=f"sqlite:///{tmp_path / 'l.db'}"))
    svc.__dict__["extractor"] = service.extractor
    outs = list(svc.ingest([str(p) for p in _audit_inputs(tmp_path)]))
    assert [o.status for o in outs] == ["failed", "failed", "failed", "stored"]
    assert "characters, over the extraction limit of 150,000" in outs[0].error
    assert "numbers in one line" in outs[1].error and "characters in one line" in outs[2].error
    assert all(o.error.startswith("[CL012] ") for o in outs[:3])


def test_deadline_raises_again_when_the_first_raise_is_swallowed() -> None:
    """An exception raised asynchronously can land in a garbage-collector callback, which
    reports it as unraisable and goes on: the watchdog raises again until the block ends."""
    swallowed = []
    with pytest.raises(DeadlineExceeded), deadline(0.1, 5.0):
        end = time.monotonic() + 10
        while time.monotonic() < end:
            try:
                _spin(0.01)
            except DeadlineExceeded:
                if not swallowed:
                    swallowed.append(1)  # as a gc callback would: the first raise is lost
                    continue
                raise
    assert swallowed
