"""Article totals: the killed/injured count of the article's main event, as a coder records it.

Rules, in order:
- figures in background sentences (an earlier year, "last year", "so far this year", ...) are
  left out: they recall other events or running tallies;
- figures that are arguments of the same verb are added up ("two men and a woman were
  killed", "a man and his two sons"), except parts named through "including" or an apposition;
- the article's total is the largest such group: repeated mentions of the same victims do
  not add up, and an update ("the toll rose to 12") is normally the largest;
- victims said to be shot or stabbed but not said to be wounded count as injured only beyond
  those killed ("three people were shot, one fatally" -> killed 1, injured 2).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from claimledger.extract.figures._words import WORDS
from claimledger.extract.figures.measures import Governor
from claimledger.records import Figure, Totals

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_BARE_YEAR = re.compile(
    r"\b(?:in|since|of|during|from|until|by|before|after)\s+(?:early |late |mid-?)?(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d\s+(?:shooting|attack|massacre|killing|bombing|murders?|war|riots?|"
    r"crash|incident|case)\b", re.I)
_BACKGROUND = re.compile(
    r"\b(last year|years ago|year ago|this year|so far|since (?:19|20)\d\d|since the start|"
    r"previous(?:ly)?|last (?:week|month|summer|spring|fall|winter|decade)|anniversary|"
    r"earlier this year|in recent years|history|homicides? (?:this|so|in)|"
    r"to date|annual|per year|a year|each year|every year|since january|in (?:19|20)\d\d)\b",
    re.I)


@dataclass(frozen=True)
class Mention:
    """A figure plus what the totals need from its parse."""

    figure: Figure
    governor: Governor
    noun: Token
    implicit: bool = False


@dataclass(frozen=True)
class TotalsFound:
    """The article's totals, the mentions behind each measure's total, and the mentions left
    out as background (other events, running tallies)."""

    totals: Totals
    behind: dict[str, list[Mention]]
    background: list[Mention]


def find_totals(mentions: Sequence[Mention], doc: Doc) -> TotalsFound:
    """Totals with their evidence: for killed and injured the groups the counts come from, for
    every other measure its largest group of main-event mentions."""
    main_year = _main_year(doc)
    lead = _lead_end(doc)
    casualty = [m.figure.sentence.start for m in mentions if m.figure.sentence is not None
                and m.governor.measure in ("killed", "injured", "hit", "casualties")]
    first = min(casualty) if casualty else -1
    background = [m for m in mentions if _background(m.figure, main_year, lead, first) or _running_tally(m)]
    kept = [m for m in mentions if not any(m is b for b in background)]
    totals, behind = _totals(kept)
    for measure in {m.governor.measure for m in kept} - {"killed", "injured", "hit", "other"}:
        behind[measure] = _largest_group(kept, measure)
    return TotalsFound(totals, {k: v for k, v in behind.items() if v}, background)


def totals_from_mentions(mentions: Sequence[Mention], doc: Doc) -> Totals:
    return find_totals(mentions, doc).totals


def _totals(kept: Sequence[Mention]) -> tuple[Totals, dict[str, list[Mention]]]:
    explicit = any(not m.implicit and m.governor.measure == "killed" for m in kept)
    # 'a double homicide', 'murder-suicide' only count when no number is given
    pool = [m for m in kept if not _reflexive(m) and not (explicit and _event(m))]
    victims = _non_combatants([m for m in pool if not _perpetrator(m)])
    killed = _largest(victims, "killed")
    behind = {"killed": _largest_group(victims, "killed")}
    if any(_perpetrator(m) and m.governor.measure == "killed" for m in pool) and not any(
            m.noun.lemma_.lower() in PERPETRATORS for m in pool
            if not m.implicit and m.governor.measure == "killed"):
        # the attacker killed as well as the victims ('the suspect was found dead')
        killed = (killed or 0) + 1
    killed = _civilian_share(pool, killed)
    killed = _plus_also(pool, killed)
    if any(_reflexive(m) and m.governor.measure == "killed" for m in kept):
        # an attacker who killed several people and then himself counts too
        killed = killed + 1 if killed and killed >= 2 else (killed or 1)
    explicit_hit = any(not m.implicit and m.governor.measure in ("injured", "hit") for m in kept)
    pool = [m for m in kept if not _reflexive(m) and not (explicit_hit and _event(m))]
    if killed:
        pool = [_weak(m) if _maybe_dead(m) else m for m in pool]
    injured = _largest(pool, "injured")
    hit = _largest(pool, "hit")
    behind["injured"] = _largest_group(pool, "injured") or _largest_group(pool, "hit")
    rest = hit - (killed or 0) if hit is not None else 0  # shot, not said to be wounded: beyond the dead
    if injured is None and hit is not None:
        injured = rest if rest > 0 else None
    elif injured is not None:
        injured = _minus_later_deaths(pool, injured) or None
        if rest > (injured or 0):  # 'eight people were shot ... two others were treated': a part
            injured = rest
            behind["injured"] = _largest_group(pool, "hit")
    return Totals(killed=killed, injured=injured), {k: v for k, v in behind.items()
                                                     if (killed if k == "killed" else injured)}


PERPETRATORS = WORDS.words("perpetrators")


def _perpetrator(m: Mention) -> bool:
    return m.implicit and m.noun.lemma_.lower() in PERPETRATORS and m.governor.role != "self"


SECURITY_FORCES = WORDS.words("security_forces")
CIVILIANS = WORDS.words("civilians")


def _civilian_share(pool: Sequence[Mention], killed: int | None) -> int | None:
    """Atrocity coding counts non-combatants: when the sentence that gives the death toll
    also says how many of the dead were civilians ('nine people, including five civilians';
    '11 civilians and 43 fighters'), the civilian count is the one recorded."""
    if not killed:
        return killed
    group = _largest_group(pool, "killed")
    for m in group:
        sent = m.figure.sentence
        civ = [c for c in pool if c.figure.sentence == sent and c.governor.measure == "killed"
               and not c.implicit and c.noun.lemma_.lower() in CIVILIANS]
        if civ and len(civ) < len([c for c in pool if c.figure.sentence == sent
                                   and c.governor.measure == "killed"]):
            return sum(_value(c.figure) or 0 for c in civ)
        armed = [c for c in pool if c.figure.sentence == sent and c.governor.measure == "killed"
                 and not c.implicit and c.governor.nested
                 and c.noun.lemma_.lower() in SECURITY_FORCES]
        if armed and len(group) == 1:  # 'killed 15 people, including three soldiers'
            rest = killed - sum(_value(c.figure) or 0 for c in armed)
            return rest if rest > 0 else killed
    return killed


def _plus_also(pool: Sequence[Mention], killed: int | None) -> int | None:
    """'... his cell-mate was also killed': a victim added with 'also' counts on top."""
    if not killed:
        return killed
    group = _largest_group(pool, "killed")
    extra = [m for m in pool if m.governor.measure == "killed" and m not in group
             and m.governor.token is not None and not m.governor.nested
             and (_additional(m) or any(k.lower_ == "also" and k.dep_ == "advmod"
                                        for k in m.governor.token.children))
             and not _definite_pronoun(m.noun)]
    return killed + sum(_value(m.figure) or 0 for m in extra)


ADDITIONAL = WORDS.words("additional")


def _additional(m: Mention) -> bool:
    """'Five more protesters were shot dead', 'another 12 people died': on top of a count."""
    words = [*m.noun.children]
    if m.figure.span.start < m.noun.idx:  # the number's own modifiers
        doc = m.noun.doc
        words += [k for t in doc.char_span(m.figure.span.start, m.figure.span.end,
                                             alignment_mode="expand") or [] for k in t.children]
    if m.implicit:
        return False  # 'and another man': one of the victims being listed
    return any(k.lower_ in ADDITIONAL and k.dep_ in ("amod", "advmod", "quantmod", "det")
               and not (k.i + 1 < len(k.doc) and k.doc[k.i + 1].lower_ == "than") for k in words)


def _definite_pronoun(tok: Token) -> bool:
    """'he was also killed', 'Stewart was also killed', 'the body was also identified':
    likely one of the victims already counted."""
    return tok.tag_ in ("PRP", "NNP") or tok.lemma_.lower() in ("body", "corpse")


def _minus_later_deaths(pool: Sequence[Mention], injured: int) -> int:
    """'Two people were wounded ... The 19-year-old victim died': a wounded victim said
    later (by 'the victim', 'he') to have died is no longer among the injured."""
    group = _largest_group(pool, "injured")
    first = min(m.figure.span.start for m in group)
    if any(m.governor.measure == "killed" and m.figure.span.start <= first for m in pool):
        return injured  # the dead were reported first: the wounded are others
    sentence_end = group[0].figure.sentence.end if group[0].figure.sentence else first
    later = [m for m in pool if m.governor.measure == "killed" and m.implicit
             and m.figure.span.start >= sentence_end and _definite(m.noun)]
    return max(0, injured - min(len(later), 1))


def _maybe_dead(m: Mention) -> bool:
    """A wounded person named or referred back to ('the child', 'Diaz', 'he') in an article
    that reports a death may be that dead person: only counted as injured beyond the dead."""
    return m.implicit and m.governor.measure == "injured" and (
        _definite(m.noun) or m.noun.tag_ == "NNP")


def _weak(m: Mention) -> Mention:
    g = m.governor
    return replace(m, governor=Governor("hit", g.token, g.role, g.nested))


def _definite(tok: Token) -> bool:
    if tok.tag_ == "PRP":
        return True
    return any(k.dep_ in ("det", "poss") and k.lower_ in ("the", "his", "her", "their")
               for k in tok.children)


def _event(m: Mention) -> bool:
    return m.implicit and m.governor.role == "self"


def _reflexive(m: Mention) -> bool:
    return m.implicit and m.noun.lower_ in ("himself", "herself")


def _value(f: Figure) -> int | None:
    if f.point is not None:  # for a fraction ('two-thirds of the 900'), the implied count
        return f.point
    return f.low


def _running_tally(m: Mention) -> bool:
    """'bringing the toll to 1,200', 'the overall death toll': a tally over many events."""
    tok = m.governor.token
    if m.governor.role != "toll" or tok is None:
        return False
    if tok.lemma_.lower() == "bring":
        return True
    nouns = [tok] if tok.pos_ == "NOUN" else [k for k in tok.children if k.pos_ == "NOUN"]
    return any(a.lower_ in ("overall", "total", "cumulative") for n in nouns
               for a in n.children)


def _largest(mentions: Sequence[Mention], measure: str) -> int | None:
    group = _largest_group(mentions, measure)
    if measure == "killed" and len(group) > 1:
        unarmed = [m for m in group if not _armed(m)]
        group = unarmed or group  # 'a soldier and a local chief were killed' -> the chief
    return sum(_value(m.figure) or 0 for m in group) if group else None


COMBATANTS = WORDS.words("combatants")


def _armed(m: Mention) -> bool:
    lemma = m.noun.lemma_.lower()
    if lemma in ("officer", "official", "agent") and any(
            k.dep_ in ("compound", "amod") and k.lower_ not in ("police", "security", "army",
                                                               "military", "border", "prison")
            for k in m.noun.children):
        return False  # 'customs officers', 'election officers'
    return lemma in SECURITY_FORCES or lemma in COMBATANTS or m.noun.lower_ in COMBATANTS


def _non_combatants(pool: list[Mention]) -> list[Mention]:
    """Atrocity counts leave out armed men killed in fighting ('troops killed 64 militants')
    when the article also counts other dead."""
    killed = [m for m in pool if m.governor.measure == "killed"]
    fighters = [m for m in killed if not m.implicit and m.noun.lemma_.lower() in COMBATANTS]
    if fighters and len(fighters) < len(killed):
        return [m for m in pool if m not in fighters]
    return pool


def _largest_group(mentions: Sequence[Mention], measure: str) -> list[Mention]:
    """The mentions of ``measure`` that add up to the largest count (first wins ties)."""
    groups: dict[object, list[Mention]] = {}
    for n, m in enumerate(mentions):
        if m.governor.measure != measure or _value(m.figure) is None:
            continue
        tok = m.governor.token
        key: object = ("solo", n)
        if tok is not None and not m.governor.nested and m.governor.role != "self":
            head = _first_clause(m) if measure in ("hit", "injured") else tok.i
            key = (head, _role_family(m.governor.role))
        groups.setdefault(key, []).append(m)
    best: list[Mention] = []
    best_value = -1
    for group in groups.values():
        value = sum(_value(m.figure) or 0 for m in group)
        if value > best_value:
            best, best_value = group, value
    return best


def _first_clause(m: Mention) -> int:
    """'The woman was shot in the neck and the man was shot in the back': coordinated clauses
    naming different people add up; they are keyed by the first clause's verb."""
    verb = m.governor.token
    assert verb is not None  # grouped by their governing token
    if not m.implicit or m.noun.tag_ in ("PRP", "NNP") or verb.pos_ != "VERB":
        return verb.i
    first = verb
    while first.dep_ == "conj" and first.head.pos_ == "VERB" and first.head.i < first.i:
        prior = _subject(first.head)
        if prior is None or prior.tag_ in ("PRP", "NNP") or prior.lemma_ == m.noun.lemma_:
            break
        first = first.head
    return first.i


def _subject(verb: Token) -> Token | None:
    """Who the clause happens to: its passive subject or object."""
    kids = {k.dep_: k for k in verb.children}
    return kids.get("nsubjpass") or kids.get("dobj")


def _role_family(role: str) -> str:
    return "arg" if role in ("nsubj", "nsubjpass", "conj", "mod", "dobj", "appos", "arg") else role


def _main_year(doc: Doc) -> int | None:
    years = [int(y) for y in _YEAR.findall(doc.text)]
    return max(years) if years else None


def _lead_end(doc: Doc) -> int:
    """Character offset where the article's lead (its first two sentences) ends."""
    for n, sent in enumerate(doc.sents):
        if n == 1:
            return sent.end_char
    return len(doc.text)


def _background(f: Figure, main_year: int | None, lead_end: int, first: int) -> bool:
    """A sentence about other events: an earlier year, 'last year', 'so far this year' ...
    The lead and the first sentence with a casualty figure are taken to be the main event."""
    if f.sentence is None:
        return False
    text = f.sentence.text
    if f.sentence.start >= lead_end and _BACKGROUND.search(text):
        return True
    if f.sentence.start > first and _BARE_YEAR.search(text):
        return True
    years = [int(y) for y in _YEAR.findall(text)]
    return bool(years and main_year and max(years) < main_year)
