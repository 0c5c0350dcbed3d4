"""Claims as schema.org JSON-LD: a ``Claim`` per stored claim (``author``, ``datePublished``,
``appearance``, ``firstAppearance``), and a ``ClaimReview`` per claim an analyst's decision rules
on (``claimReviewed``, ``itemReviewed``, ``reviewRating``, ``author``, ``datePublished``, ``url``):
a best count set for the event (the claim's figure agrees with it or not) or a verdict on a flag
that names the claim's figure (the dispute accepted or dismissed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from claimledger.service import Service

CONTEXT = "https://schema.org"


def _work(art: dict[str, Any], base: str) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle", "url": art.get("url") or f"{base}/articles/{art['article_id']}"}
    if art.get("title"):
        work["headline"] = art["title"]
    if art.get("outlet"):
        work["publisher"] = {"@type": "Organization", "name": art["outlet"]}
    if art.get("published"):
        work["datePublished"] = art["published"]
    return work


def claim_node(row: dict[str, Any], copies: list[dict[str, Any]], base: str) -> dict[str, Any]:
    """One claim as a schema.org ``Claim``: who claimed it, when, and every article carrying it."""
    works = [_work(row, base)] + [_work({**c, "article_id": c["id"]}, base) for c in copies]
    dated = sorted((w for w in works if w.get("datePublished")), key=lambda w: w["datePublished"])
    author = {"@type": "Person" if row.get("speaker") else "Organization",
              "name": row.get("claimant") or row.get("outlet") or "unattributed"}
    return {"@type": "Claim", "@id": f"{base}/articles/{row['article_id']}#claim-{row['idx']}",
            "text": row.get("content_text") or "", "author": author,
            "datePublished": row.get("published") or (dated[0]["datePublished"] if dated else None),
            "appearance": works, "firstAppearance": dated[0] if dated else works[0]}


def claims_graph(service: Service, rows: Iterable[dict[str, Any]], base: str) -> dict[str, Any]:
    """The JSON-LD document: every claim, then the reviews of the ones analysts ruled on."""
    base = base.rstrip("/")
    copies = service.ledger.copies()
    claims = [claim_node(r, copies.get(r["article_id"], []), base) | {"_id": r["id"]} for r in rows]
    reviews = claim_reviews(service, {c["_id"]: c for c in claims}, base)
    for c in claims:
        c.pop("_id")
    return {"@context": CONTEXT, "@graph": claims + reviews}


def claim_reviews(service: Service, claims: dict[int, dict[str, Any]], base: str) -> list[dict[str, Any]]:
    out = []
    for d in service.ledger.decisions():
        if d["action"] not in ("set_best", "accept_flag", "dismiss_flag"):
            continue
        ev = service.event(str(d["event_id"]))
        if ev is None:
            continue
        for claim_id, rating in _ruled(service, ev, d):
            claim = claims.get(claim_id)
            if claim is None:
                continue
            item = {k: v for k, v in claim.items() if k != "_id"}
            out.append({"@type": "ClaimReview", "claimReviewed": claim["text"], "itemReviewed": item,
                        "reviewRating": rating, "author": {"@type": "Person", "name": d["author"]},
                        "datePublished": str(d["created_at"])[:10], "url": f"{base}/events/{ev.id}",
                        "reviewBody": d["note"]})
    return out


def _rating(good: bool, name: str) -> dict[str, Any]:
    return {"@type": "Rating", "ratingValue": 5 if good else 1, "bestRating": 5, "worstRating": 1,
            "alternateName": name}


def _ruled(service: Service, ev: Any, d: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """(claim id, rating) for each claim the decision rules on."""
    target = d["target"]
    if d["action"] == "set_best":
        measure, value = str(target["measure"]), int(target["value"])
        m = ev.measures.get(measure)
        reports = m.reports if m is not None else ()
        judged = [(r, (r.low is None or r.low <= value) and (r.high is None or value <= r.high)) for r in reports]
        names = {True: f"Agrees with the analyst's count ({value:,} {measure})",
                 False: f"Differs from the analyst's count ({value:,} {measure})"}
    else:
        flag = next((f for f in ev.flags if f.key == target["flag"]), None)
        reports = flag.reports if flag is not None else ()
        accepted = d["action"] == "accept_flag"
        judged = [(r, not accepted) for r in reports]
        names = {False: f"Disputed: {flag.kind if flag else 'flag'} accepted by an analyst",
                 True: f"Not disputed: {flag.kind if flag else 'flag'} dismissed by an analyst"}
    claim_of = service.ledger.claims_of_figures({(r.article_id, i) for r, _ in judged for i in r.figure_idx})
    out = []
    for r, good in judged:
        for claim_id in dict.fromkeys(claim_of.get((r.article_id, i)) for i in r.figure_idx):
            if claim_id is not None:
                out.append((claim_id, _rating(good, names[good])))
    return out
