"""Adjudication: an analyst's decisions applied over the machine's events.

Decisions are appended rows (``action``, ``event_id``, ``target``, ``note``, ``author``); the
machine's links are never changed. Applied in order they give the adjudicated view:

- ``merge``   target ``{"event": B}``: B's reports belong to the decision's event from now on
  (new articles the machine files in B follow);
- ``split``   target ``{"articles": [...]}``: those articles become an event of their own;
- ``detach``  target ``{"article": id}``: that article becomes an event of its own;
- ``set_best`` target ``{"measure": m, "value": n}``: the event's best count for m;
- ``accept_flag`` / ``dismiss_flag`` target ``{"flag": key}``: a verdict on a flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimledger.records import EventMember

ACTIONS = ("merge", "split", "detach", "set_best", "accept_flag", "dismiss_flag")


@dataclass(frozen=True)
class Adjudication:
    """The analyst's view: members per event id, best values and flag verdicts per event."""

    members: dict[str, list[EventMember]]
    best: dict[str, dict[str, int]] = field(default_factory=dict)
    flags: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def check_decision(action: str, target: Mapping[str, Any]) -> str | None:
    """Why a decision is malformed, or None when it is well formed."""
    if action not in ACTIONS:
        return f"unknown action {action!r} (one of {', '.join(ACTIONS)})"
    need = {"merge": ("event",), "split": ("articles",), "detach": ("article",),
            "set_best": ("measure", "value"), "accept_flag": ("flag",), "dismiss_flag": ("flag",)}[action]
    missing = [k for k in need if k not in target]
    if missing:
        return f"{action} needs {', '.join(missing)}"
    if action == "set_best" and not (isinstance(target["value"], int) and target["value"] >= 0):
        return "set_best needs a whole number value >= 0"
    if action == "split" and not (isinstance(target["articles"], list) and target["articles"]):
        return "split needs a non-empty list of article ids"
    return None


def apply_decisions(machine: Mapping[int, Sequence[EventMember]], decisions: Iterable[Mapping[str, Any]]
                    ) -> Adjudication:
    """The adjudicated view of the machine's events (event ids become strings; a split or a
    detached article gets ``<event>.<decision id>``)."""
    alias: dict[str, str] = {}
    moved: dict[int, str] = {}
    best: dict[str, dict[str, int]] = {}
    verdicts: dict[str, dict[str, str]] = {}
    notes: dict[str, list[dict[str, Any]]] = {}
    for d in decisions:
        ev, target = str(d["event_id"]), d["target"]
        notes.setdefault(ev, []).append({k: d[k] for k in ("id", "action", "target", "note", "author", "created_at")
                                         if k in d})
        if d["action"] == "merge":
            other = str(target["event"])
            alias[other] = ev
            moved = {a: (ev if e == other else e) for a, e in moved.items()}
        elif d["action"] in ("split", "detach"):
            ids = target["articles"] if d["action"] == "split" else [target["article"]]
            new = f"{ev}.{d['id']}"
            for a in ids:
                moved[int(a)] = new
        elif d["action"] == "set_best":
            best.setdefault(ev, {})[str(target["measure"])] = int(target["value"])
        else:
            verdicts.setdefault(ev, {})[str(target["flag"])] = "accepted" if d["action"] == "accept_flag" \
                else "dismissed"
    members: dict[str, list[EventMember]] = {}
    for event_id, ms in machine.items():
        for m in ms:
            home = moved.get(m.article_id) or _resolve(str(event_id), alias)
            members.setdefault(home, []).append(m)
    return Adjudication(members, best, verdicts, notes)


def _resolve(event_id: str, alias: Mapping[str, str]) -> str:
    seen = set()
    while event_id in alias and event_id not in seen:
        seen.add(event_id)
        event_id = alias[event_id]
    return event_id
