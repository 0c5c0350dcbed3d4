"""extract/link.py: the fallback place of a figure whose sentence names none."""

from __future__ import annotations

from claimledger.extract.link import link_places
from claimledger.records import Figure, Place, Span

TEXT = ("Nigeria: a bus crashed near Kano on Friday. Nigeria said the road was closed. "
        "Kano officials said 5 people were killed. Rescuers worked through the night in Kano state. "
        "Nigeria mourned. 12 people were hurt.")


def _place(name: str, kind: str, iso: str | None, after: int = 0) -> Place:
    s = TEXT.index(name, after)
    return Place(Span.of(TEXT, s, s + len(name)), name, "NG", iso3166_2=iso, lat=10.0, lon=8.0, kind=kind)


def _figure(num: str) -> Figure:
    s = TEXT.index(num)
    start = TEXT.rfind(". ", 0, s) + 2
    end = TEXT.index(".", s) + 1
    return Figure(Span.of(TEXT, s, s + len(num)), "injured", 12, 12, "exact",
                  sentence=Span.of(TEXT, start, end))


def test_fallback_prefers_the_most_mentioned_specific_place_over_the_country() -> None:
    places = [_place("Nigeria", "country", None), _place("Kano", "city", "NG-KN"),
              _place("Nigeria", "country", None, 10), _place("Kano state", "admin1", "NG-KN"),
              _place("Kano", "city", "NG-KN", 90), _place("Nigeria", "country", None, 160)]
    (fig,) = link_places([_figure("12")], places)
    assert fig.places == (1,)  # Kano, the first mention at the most specific level


def test_fallback_is_the_country_when_nothing_finer_is_named() -> None:
    places = [_place("Nigeria", "country", None), _place("Nigeria", "country", None, 160)]
    (fig,) = link_places([_figure("12")], places)
    assert fig.places == (0,)


def test_places_in_the_sentence_come_first() -> None:
    places = [_place("Kano", "city", "NG-KN"), _place("Nigeria", "country", None, 160)]
    fig = _figure("12")
    inside = Place(Span.of(TEXT, fig.sentence.start, fig.sentence.start + 2), "Lagos", "NG",
                   iso3166_2="NG-LA", lat=6.5, lon=3.4, kind="city")
    (out,) = link_places([fig], [*places, inside])
    assert out.places == (2,)
