"""Claimants across the ledger: each article's claimant keys joined to one claimant each.

Extraction gives every claim a key that holds within its article (``person:oleh synehubov``,
``person:synehubov`` when the article gives no first name, ``org:...``, ``group:...``). Here a
key seen for the first time is stored, joined (``same_as``) to a claimant already known when
that is unambiguous:

- a surname alone joins the one person of that surname with a first name that the ledger
  knows, when there is exactly one and its type agrees ('other' agrees with any type);
- a full name joins the claimant known by its surname alone on the same terms, unless another
  person of that surname with another first name is known (then nobody can tell which).

A one-word organisation of no known type (``org:synehubov``: the NER reads a lone surname at
the start of a sentence as an organisation) joins like a surname alone. Other keys
(organisations, descriptions) are joined only by being equal. Rows are never
changed: a later, fuller name is a new row pointing at the claimant first seen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from sqlalchemy import Connection, insert, select

from claimledger.ledger import schema as s
from claimledger.records import Claim, Extraction


@dataclass(frozen=True)
class Known:
    """A stored claimant key and the claimant it stands for (its row id and key)."""

    key: str
    claimant_id: int
    claimant_key: str


def _agree(a: str, b: str) -> bool:
    return a == b or "other" in (a, b)


def _name_parts(key: str) -> tuple[str | None, str | None]:
    """(given, surname) of a person key; (None, None) for other kinds."""
    kind, _, name = key.partition(":")
    words = name.split()
    if kind != "person" or not words:
        return None, None
    return (words[0] if len(words) > 1 else None), words[-1]


def _lone_word(key: str, kind_type: str) -> str | None:
    """The word of a one-word organisation key of no known type ('org:synehubov', a surname
    the NER read as an organisation), which may be a person's surname."""
    kind, _, name = key.partition(":")
    words = name.split()
    return words[0] if kind == "org" and len(words) == 1 and kind_type == "other" else None


def _canonical(conn: Connection, row_id: int) -> tuple[int, str]:
    c = s.claimants.c
    row = conn.execute(select(c.id, c.key, c.same_as).where(c.id == row_id)).one()
    while row.same_as is not None:
        row = conn.execute(select(c.id, c.key, c.same_as).where(c.id == row.same_as)).one()
    return row.id, row.key


def _join_target(conn: Connection, key: str, kind_type: str) -> int | None:
    """The claimant a new person key stands for, when only one can be meant."""
    given, surname = _name_parts(key)
    if surname is None:
        surname = _lone_word(key, kind_type)
    if surname is None:
        return None
    c = s.claimants.c
    rows = conn.execute(select(c.id, c.given, c.type).where(c.kind == "person", c.surname == surname)).all()
    if given is None:
        named = {_canonical(conn, r.id)[0] for r in rows if r.given is not None and _agree(r.type, kind_type)}
        return next(iter(named)) if len(named) == 1 else None
    if any(r.given is not None and r.given != given for r in rows):
        return None
    lone = {_canonical(conn, r.id)[0] for r in rows if r.given is None and _agree(r.type, kind_type)}
    return next(iter(lone)) if len(lone) == 1 else None


def resolve(conn: Connection, article_id: int, claims: Iterable[Claim]) -> dict[str, Known]:
    """Every claimant key of ``claims`` -> the ledger's claimant, storing keys seen first here."""
    out: dict[str, Known] = {}
    c = s.claimants.c
    for claim in claims:
        key = claim.claimant_id
        if key is None or key in out:
            continue
        row = conn.execute(select(c.id).where(c.key == key)).first()
        if row is None:
            target = _join_target(conn, key, claim.claimant_type)
            given, surname = _name_parts(key)
            res = conn.execute(insert(s.claimants).values(
                key=key, name=claim.speaker or key.partition(":")[2], kind=key.partition(":")[0],
                type=claim.claimant_type, surname=surname, given=given, same_as=target,
                first_article_id=article_id))
            row_id = int(res.inserted_primary_key[0])  # type: ignore[index]
        else:
            row_id = row.id
        canonical_id, canonical_key = _canonical(conn, row_id)
        out[key] = Known(key, canonical_id, canonical_key)
    return out


def as_stored(ex: Extraction, known: Mapping[str, Known]) -> Extraction:
    """The extraction with its event's reports keyed by the ledger's claimants, so that one
    claimant named two ways in two articles is one source when events are reconciled."""
    if ex.event is None or not known:
        return ex
    reports = tuple(
        replace(r, claimant_id=known[r.claimant_id].claimant_key) if r.claimant_id and r.claimant_id in known else r
        for r in ex.event.reports)
    return replace(ex, event=replace(ex.event, reports=reports))
