"""Claimants: one canonical identity per person or organisation that makes claims in an article.

A claim's source is a full name ("Oleh Synehubov"), a surname ("Synehubov"), a title and a name
("Kharkiv Governor Synehubov"), a pronoun ("he"), a short noun phrase pointing back at a name
("the ministry" after "the Ministry of Defence") or a description naming no one ("officials",
"a witness"). Each becomes a claimant:

- ``claimant_id``: ``person:<full name>`` (the surname alone when the article never gives a
  first name), ``org:<name>`` or ``group:<description>``, lower case. Two people of one surname
  in one article stay apart by first name; a surname alone goes to the nearest full name with
  that surname. Across articles the ledger joins a surname to a full name only when that is the
  one person of that surname and kind it knows (``ledger/claimants.py``).
- ``claimant_type``: government_official, military, police, ngo_un (NGO / UN agency),
  witness_relative, media, anonymous_official, other; unattributed when there is no source.
  Read from the words of every mention of the claimant (titles, appositions, the source's own
  words) with the ``claimant_words`` list of ``words.csv``.
- ``speaker``: the claimant's canonical name (the fullest form in the article).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimledger.extract.attribution._words import WORDS
from claimledger.records import Claim, Span

TYPE_WORDS = {r.word: r.value for r in WORDS.rows("claimant_words")}
TYPE_ORDER = ("police", "military", "ngo_un", "media", "witness_relative", "government_official",
              "anonymous_official")
TYPES = (*TYPE_ORDER, "other", "unattributed")
TITLE_WORDS = WORDS.words("title_words")
PERSON_PRONOUNS = WORDS.words("person_pronouns")
DETERMINERS = WORDS.words("determiners") | {"a", "an"}
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
DESCRIPTOR_DEPS = frozenset({"compound", "amod", "appos", "nmod", "poss"})
_WORD = re.compile(r"[a-z][a-z.'-]*")
_PHRASES = sorted(TYPE_WORDS, key=lambda w: -len(w.split()))


def claimant_type(words: Iterable[str], named: bool) -> str:
    """The type that the words of a source's description mark ('other' when none does).

    The longest phrase wins ('attorney general' over 'general'); an unnamed source with an
    anonymous-official word ('a senior official', 'sources') is an anonymous official."""
    text = " " + " ".join(words) + " "
    found: dict[str, int] = {}
    for phrase in _PHRASES:
        if f" {phrase} " in text:
            kind = TYPE_WORDS[phrase]
            found[kind] = max(found.get(kind, 0), len(phrase.split()))
    if not named and "anonymous_official" in found:
        return "anonymous_official"
    found.pop("anonymous_official", None)
    if not found:
        return "other"
    longest = max(found.values())
    return next(k for k in TYPE_ORDER if found.get(k) == longest)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@dataclass
class Entity:
    """One claimant of the article: its kind, canonical name and the words describing it."""

    kind: str  # person | org | group
    name: str
    words: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{' '.join(_words(self.name)) or self.name.lower()}"


@dataclass
class Mention:
    """A name in the text: where it starts, the entity it belongs to."""

    start: int
    entity: Entity


def _name_words(ent: SpacySpan) -> list[Token]:
    """The tokens of a person's name: no title, no possessive, no punctuation."""
    toks = [t for t in ent if not t.is_punct and t.tag_ != "POS" and t.lower_ not in ("'s", "’s")]
    titles = [k for k, t in enumerate(toks) if t.lower_ in TITLE_WORDS]
    return toks[titles[-1] + 1:] if titles and titles[-1] < len(toks) - 1 else toks


def _descriptors(ent: SpacySpan) -> list[str]:
    """Words that describe a name where it stands: its compounds and modifiers ('Kharkiv
    Governor'), its apposition ('Synehubov, the governor'), the noun it is apposed to."""
    root = ent.root
    words: list[str] = [t.lower_ for t in ent if t.lower_ in TITLE_WORDS]
    for child in root.children:
        if child.dep_ in DESCRIPTOR_DEPS and not (ent.start <= child.i < ent.end):
            words.extend(t.lower_ for t in child.subtree)
    if root.dep_ == "appos" or (root.head.dep_ in ("nsubj", "appos") and root.dep_ == "compound"):
        words.extend(t.lower_ for t in root.head.subtree if not (ent.start <= t.i < ent.end))
    return words


class Registry:
    """The people and organisations an article names, clustered as it goes."""

    def __init__(self, doc: Doc) -> None:
        self.mentions: list[Mention] = []
        people = [e for e in doc.ents if e.label_ == "PERSON"]
        full: dict[tuple[str, str], Entity] = {}
        self.full = full
        for ent in people:  # full names first: a surname before its full name still joins it
            toks = _name_words(ent)
            if len(toks) >= 2:
                key = (toks[0].lower_, toks[-1].lower_)
                person = full.setdefault(key, Entity("person", " ".join(t.text for t in toks)))
                person.words.extend(_descriptors(ent))
                self.mentions.append(Mention(ent.start_char, person))
        lone: dict[str, Entity] = {}
        for ent in people:
            toks = _name_words(ent)
            if len(toks) != 1:
                continue
            surname = toks[0].lower_
            person = self._full_for(surname, ent.start_char, full) or lone.setdefault(
                surname, Entity("person", toks[0].text))
            person.words.extend(_descriptors(ent))
            self.mentions.append(Mention(ent.start_char, person))
        self.orgs: dict[str, Entity] = {}
        names = [e for e in doc.ents if e.label_ == "ORG"]
        for ent in sorted(names, key=lambda e: -len(_words(e.text))):  # longest first: "Joint
            # Chiefs" joins "Joint Chiefs of Staff"
            toks = _name_words(ent)
            named = self.by_surname(toks[0].text, ent.start_char) if len(toks) == 1 else None
            # "Synehubov said": a surname the NER reads as an organisation
            org = named or self.org(_org_name(ent.text))
            org.words.extend(_descriptors(ent))
            self.mentions.append(Mention(ent.start_char, org))
        self.mentions.sort(key=lambda m: m.start)
        self.groups: dict[str, Entity] = {}

    def org(self, name: str) -> Entity:
        """The organisation called ``name``, or the one with a longer name holding every word of it."""
        words = _words(name)
        key = " ".join(words)
        if key in self.orgs:
            return self.orgs[key]
        longer = [o for k, o in self.orgs.items() if len(k.split()) > len(words) and set(words) <= set(k.split())]
        org = longer[0] if len(longer) == 1 else Entity("org", name, list(words))
        self.orgs[key] = org
        return org

    def by_surname(self, word: str, at: int) -> Entity | None:
        """The full-named person of the article whose surname ``word`` is ("Kovac" read by the
        NER as an organisation, or as nothing, after "Anna Kovac")."""
        surname = word.lower()
        if not any(k[1] == surname for k in self.full):
            return None
        return self._full_for(surname, at, self.full)

    def _full_for(self, surname: str, at: int, full: dict[tuple[str, str], Entity]) -> Entity | None:
        """The full-named person a surname stands for: the nearest before it, else the first after."""
        named = [m for m in self.mentions if m.entity.kind == "person" and
                 any(k[1] == surname and v is m.entity for k, v in full.items())]
        before = [m for m in named if m.start <= at]
        if before:
            return before[-1].entity
        return named[0].entity if named else None

    def person_before(self, at: int) -> Entity | None:
        """The nearest person named before ``at`` (who 'he' or 'she' is)."""
        return next((m.entity for m in reversed(self.mentions) if m.start < at and m.entity.kind == "person"), None)

    def inside(self, span: SpacySpan) -> Entity | None:
        """The person (else the organisation) named inside a source span."""
        inner = [m for m in self.mentions if span.start_char <= m.start < span.end_char]
        person = next((m.entity for m in inner if m.entity.kind == "person"), None)
        return person or (inner[0].entity if inner else None)

    def pointed_at(self, words: list[str], at: int) -> Entity | None:
        """'the ministry' -> the nearest organisation named before with every one of its words."""
        content = [w for w in words if w not in DETERMINERS]
        if not content or words[0] not in DETERMINERS:
            return None
        for m in reversed(self.mentions):
            if m.start < at and m.entity.kind == "org" and all(w in _words(m.entity.name) for w in content):
                return m.entity
        return None

    def group(self, words: list[str], text: str | None = None) -> Entity:
        """A description naming no one ('officials', 'a witness'): one claimant per wording,
        shown as written without its article ('Ukrainian sources')."""
        content = [w for w in words if w not in DETERMINERS] or words
        key = " ".join(content)
        shown = text or key
        first = shown.split(" ", 1)
        if len(first) == 2 and first[0].lower() in DETERMINERS:
            shown = first[1]
        return self.groups.setdefault(key, Entity("group", shown, list(content)))


def _org_name(text: str) -> str:
    """An organisation's name without a leading article or a trailing possessive."""
    for prefix in ("the ", "The "):
        text = text.removeprefix(prefix)
    for suffix in ("'s", "’s"):
        text = text.removesuffix(suffix)
    return text


def _named_part(span: SpacySpan) -> str | None:
    """'Ukraine’s Special Operations Forces (SSO)' -> 'Special Operations Forces (SSO)': the
    proper-name part of a source that no entity covers, after a possessor."""
    toks = list(span)
    cut = max((k + 1 for k, t in enumerate(toks) if t.tag_ == "POS" or t.lower_ in ("'s", "’s")), default=0)
    rest = toks[cut:]
    while rest and (rest[0].lower_ in DETERMINERS or rest[0].is_punct):
        rest = rest[1:]
    if not rest or not any(t.pos_ == "PROPN" for t in rest) or any(t.lower_ in PERSON_PRONOUNS for t in rest):
        return None
    return span.doc[rest[0].i:rest[-1].i + 1].text


def _source_span(doc: Doc, source: Span) -> SpacySpan | None:
    return doc.char_span(source.start, source.end, alignment_mode="expand")


def _entity(doc: Doc, registry: Registry, source: Span) -> tuple[Entity, bool]:
    """The claimant a source stands for, and whether the source names it."""
    span = _source_span(doc, source)
    words = _words(source.text)
    if span is None or not words:
        return registry.group(words or [source.text.lower()], source.text), False
    if len(words) == 1 and words[0] in PERSON_PRONOUNS:
        person = registry.person_before(source.start)
        if person is not None:
            return person, True
    named = registry.inside(span)
    if named is not None:
        named.words.extend(words)
        return named, True
    pointed = registry.pointed_at(words, source.start)
    if pointed is not None:
        return pointed, True
    proper = _named_part(span)
    person = registry.by_surname(proper, source.start) if proper is not None and " " not in proper else None
    if person is not None:
        person.words.extend(words)
        return person, True
    if proper is not None:
        org = registry.org(proper)
        org.words.extend(words)
        return org, True
    return registry.group(words, source.text), False


def assign_claimants(doc: Doc, claims: Sequence[Claim]) -> list[Claim]:
    """Every claim with its claimant's id, type and canonical name (the speaker)."""
    registry = Registry(doc)
    found: list[tuple[Entity, bool] | None] = [
        _entity(doc, registry, c.source) if c.source is not None else None for c in claims]
    out = []
    for claim, hit in zip(claims, found, strict=True):
        if hit is None:
            out.append(replace(claim, claimant_id=None, claimant_type="unattributed"))
            continue
        entity, named = hit
        kind = claimant_type(entity.words or _words(entity.name), named and entity.kind != "group")
        out.append(replace(claim, claimant_id=entity.key, claimant_type=kind, speaker=entity.name))
    return out
