"""The events stage: one record per real-world happening, reconciled across every report.

- ``article_event(extraction, lexicon)``: an article's main happening (what, where, when, its
  whole counts per measure and each figure's role);
- ``best_match(article_event, candidates)``: the stored event a new article reports, if any;
- ``reconcile_event(event_id, members)``: low / best / high per measure, sources, grade, flags;
- ``apply_decisions``: an analyst's merges, splits, detachments, best values and flag verdicts.

Pure functions over records; the ledger stores and indexes, the service strings them together.
"""

from __future__ import annotations

from claimledger.events.article import article_event
from claimledger.events.decisions import ACTIONS, check_decision
from claimledger.events.lexicon import Lexicon
from claimledger.events.match import Candidate, Match, Member, best_match, index_keys
from claimledger.events.memory import MemoryEvents
from claimledger.events.reconcile import reconcile_event
from claimledger.events.version import VIEW_VERSION
from claimledger.events.view import decision_refs, in_place, machine_view, selected, view_events

__all__ = ["ACTIONS", "VIEW_VERSION", "Candidate", "Lexicon", "Match", "Member", "MemoryEvents", "article_event",
           "best_match", "check_decision", "decision_refs", "in_place", "index_keys", "machine_view", "reconcile_event",
           "selected", "view_events"]
