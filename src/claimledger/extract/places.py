"""Places: recognise location mentions and resolve them offline with the gazetteer.

Recognition takes spaCy's GPE/LOC/FAC entities and adds gazetteer matches the small model misses
or mislabels (a capitalised name that the gazetteer knows, inside no entity or inside an
ORG/PRODUCT/EVENT entity when it names a country, region or large city). Demonyms are not places.
Resolution ranks each name's candidates by feature level and size, then again with the article's
other places as context (a town in a country or state already mentioned wins), and with explicit
context ("Bangor, Maine").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimledger.extract.gazetteer import Candidate, Gazetteer, norm_key
from claimledger.records import Place, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# entity labels whose text may embed a place name ("Chicago Police Department", "Kursk" as PRODUCT)
EMBEDDING_LABELS = frozenset({"ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP"})
COUNTRY_LIKE = frozenset({"continent", "country", "region", "sea"})
ADMIN_KINDS = frozenset({"admin1", "admin2"})
BROAD_KINDS = frozenset({"continent", "country", "region", "admin1", "sea", "river", "lake",
                         "mountain", "canal"})
DESIGNATORS = frozenset({
    "oblast", "province", "region", "governorate", "state", "prefecture", "county", "district",
    "republic", "territory", "krai", "kray", "municipality", "parish", "okrug", "voivodeship",
    "canton", "department",
})
PRE_DESIGNATORS = frozenset({"republic", "province", "state", "region", "oblast", "governorate"})
CITY_WORDS = frozenset({"city", "town", "village", "township"})
ARTICLES = frozenset({"the", "The", "THE"})
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019", "s"})
DEMONYM = re.compile(r"(?:ians?|eans?|ans?|ese|ish|ic|i|ites?|ers?)$", re.IGNORECASE)
MAX_TOKENS = 8
STRONG_CITY_POP = 100_000
ORG_CITY_POP = 100_000


@dataclass
class Mention:
    """A stretch of text that names a place, before resolution."""

    start: int  # token indices
    end: int
    key: str
    source: str  # the spaCy label, or "GAZ" for a gazetteer match outside any entity
    designator: str = ""  # "admin" (Oblast, Province, Republic of ...) or "city"
    locative: bool = False  # used as a place: 'in X', 'X man', 'X police'
    candidates: list[Candidate] = field(default_factory=list)


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[Place]:
    """Every place mention in ``doc``, resolved where the gazetteer knows it."""
    mentions = recognise(doc, gazetteer)
    picks = resolve(doc, mentions, gazetteer)
    picks = _locate_counties(mentions, picks, gazetteer)
    picks = _locate_features(doc, mentions, picks)
    text = doc.text
    return [_place(doc, text, m, c) for m, c in zip(mentions, picks, strict=True)
            if _keep(doc, m, c)]


# --------------------------------------------------------------------------- recognition


def recognise(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Entity mentions plus gazetteer matches, without overlaps, in text order."""
    taken = [False] * len(doc)
    mentions: list[Mention] = []
    ents = list(doc.ents)
    for ent in ents:
        if ent.label_ in ("ORG", "PERSON") and _street_entity(doc, ent):
            ent = SpacySpan(doc, ent.start, ent.end, label="FAC")
        if ent.label_ in PLACE_LABELS or ent.label_ == "NORP":
            for m in _entity_mentions(doc, ent, gazetteer):
                mentions.append(m)
                for i in range(m.start, m.end):
                    taken[i] = True
    mentions += _gazetteer_mentions(doc, gazetteer, taken, _name_parts(ents))
    mentions.sort(key=lambda m: m.start)
    out = []
    for m in mentions:
        m.locative = _locative(doc, m)
        m.candidates = _candidates(gazetteer, m, _text_with_period(doc, m))
        if not m.candidates and m.end - m.start > 1 and not _feature_name(doc, m):
            m = _known_part(doc, gazetteer, m) or m
        out.append(m)
    out += _abbreviation_mentions(doc, gazetteer, out)
    out.sort(key=lambda m: m.start)
    return out


FEATURE_WORDS = frozenset("""street st avenue ave road rd drive dr boulevard blvd lane ln highway
hwy freeway expressway turnpike airport hospital park estate bridge square stadium racecourse
market mall center centre lagoon point beach harbor harbour court place parkway hall plaza
church cathedral basilica mosque temple station terminal port pier campus arena field gardens
garden zoo museum library prison jail""".split())


def _feature_name(doc: Doc, m: Mention) -> bool:
    """A street, building or other local feature ('Collins Avenue', 'Eglinton Avenue West')."""
    return m.end - m.start > 1 and any(
        norm_key(doc[i].text) in FEATURE_WORDS for i in range(m.start + 1, m.end))


STREET_WORDS = frozenset("""street avenue road drive boulevard lane highway estate airport
racecourse stadium""".split())


def _street_entity(doc: Doc, ent: SpacySpan) -> bool:
    """An ORG or PERSON entity that is really a street or estate ('Dubonet Drive')."""
    return len(ent) > 1 and ent[-1].lower_ in STREET_WORDS and ent[0].text[:1].isupper()


def _text_with_period(doc: Doc, m: Mention) -> str:
    """The mention's text, with a period the tokenizer split off ('Tex' + '.')."""
    text = doc[m.start:m.end].text
    last = doc[m.end - 1]
    if m.end < len(doc) and doc[m.end].text == "." and not last.whitespace_:
        return text + "."
    return text


def _known_part(doc: Doc, gazetteer: Gazetteer, m: Mention) -> Mention | None:
    """The longest known name inside an unknown entity ('Manchester City', 'St. Louis Police')."""
    best: Mention | None = None
    for i in range(m.start, m.end):
        if not _capitalised(doc[i]):
            continue
        for j in range(m.end, i, -1):
            if (i, j) == (m.start, m.end) or not _capitalised(doc[j - 1]):
                continue
            sub = _mention(doc, i, j, m.source)
            if sub is None or not _plausible_name(doc[i:j], sub.key, gazetteer):
                continue
            sub.candidates = _candidates(gazetteer, sub, doc[i:j].text)
            if sub.candidates and (best is None or j - i > best.end - best.start):
                best = sub
            break
    return best


def _abbrev_piece(tok: Token) -> bool:
    return tok.text == "." or all(ch.isalpha() or ch == "." for ch in tok.text)


def _abbreviation_mentions(doc: Doc, gazetteer: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """'Bangor, Me.' / 'Bangor, ME': a state abbreviation right after a place and a comma."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in mentions:
        k = m.end
        if k + 1 >= len(doc) or doc[k].text != "," or k + 1 in taken:
            continue
        for j in range(min(len(doc), k + 4), k + 1, -1):
            text = doc[k + 1:j].text
            if not text[:1].isupper() or any(i in taken or not _abbrev_piece(doc[i])
                                             for i in range(k + 1, j)):
                continue
            c = gazetteer.after_comma(norm_key(text))
            if c is not None and (text.isupper() or "." in text):
                a = Mention(k + 1, j, norm_key(text), "ABBR", candidates=[c])
                out.append(a)
                break
    return out


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the', trailing possessives and punctuation from a token range."""
    while start < end and (doc[start].text in ARTICLES or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    return start, end


def _entity_mentions(doc: Doc, ent: SpacySpan, gazetteer: Gazetteer) -> list[Mention]:
    """One or more mentions from a GPE/LOC/FAC (or a NORP that literally names a country)."""
    start, end = _trim(doc, ent.start, ent.end)
    if start >= end:
        return []
    parts = _split_on_commas(doc, start, end)
    out = []
    for s, e in parts:
        m = _mention(doc, s, e, ent.label_)
        if m is None or _generic(gazetteer, m.key) and not _feature_name(doc, m):
            continue
        if ent.label_ == "NORP" and not _names_broad_place(gazetteer, m.key):
            continue
        out.append(m)
    return out


def _split_on_commas(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """'Bangor, Maine' and "Harare's Third Street" name two places each."""
    parts, s = [], start
    for i in range(start, end):
        if doc[i].text == "," or doc[i].text in ("'s", "\u2019s") and i > s:
            if i > s:
                parts.append((s, i))
            s = i + 1
    if end > s:
        parts.append((s, end))
    return parts


def _names_broad_place(gazetteer: Gazetteer, key: str) -> bool:
    return any(c.kind in COUNTRY_LIKE and not c.alternate for c in gazetteer.lookup_key(key))


def _token_key(tok: Token) -> str:
    return norm_key(tok.text)


def _mention(doc: Doc, start: int, end: int, source: str) -> Mention | None:
    """A mention of doc[start:end], its designator words noted and dropped from the key."""
    words = [doc[i].text for i in range(start, end)]
    designator = ""
    core = list(range(start, end))
    if len(core) > 1 and doc[core[-1]].lower_ in DESIGNATORS:
        designator = "admin"
        core = core[:-1]
    elif len(core) > 2 and doc[core[0]].lower_ in PRE_DESIGNATORS and doc[core[1]].lower_ == "of":
        designator = "admin"
        core = core[2:]
    elif len(core) > 1 and doc[core[-1]].lower_ in CITY_WORDS and doc[core[-1]].text[0].islower():
        designator = "city"
        core = core[:-1]
    if not words or not core:
        return None
    full = norm_key(" ".join(words))
    bare = norm_key(" ".join(doc[i].text for i in core))
    key = full if designator == "" else bare
    m = Mention(start, end, key, source, designator)
    m.full_key = full  # type: ignore[attr-defined]
    return m


def _gazetteer_mentions(doc: Doc, gazetteer: Gazetteer, taken: list[bool],
                        name_parts: frozenset[str]) -> list[Mention]:
    """Known names that no place entity covers, accepted according to their surroundings."""
    out: list[Mention] = []
    keys: list[str | None] = [None] * len(doc)
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or not _capitalised(tok):
            i += 1
            continue
        first = keys[i] = keys[i] if keys[i] is not None else _token_key(tok)
        limit = gazetteer.max_words(first)
        if not limit:
            i += 1
            continue
        found = _longest_match(doc, gazetteer, i, min(n, i + 2 * limit + 1), taken, keys)
        if found is None:
            i += 1
            continue
        end = _extend_designator(doc, i, found, taken, gazetteer)
        m = _mention(doc, i, end, "GAZ")
        if m is not None and _accept_gazetteer(doc, gazetteer, m, name_parts):
            m.source = "GAZ-" + doc[i].ent_type_ if doc[i].ent_type_ else "GAZ"
            out.append(m)
            for k in range(i, end):
                taken[k] = True
            i = end
        else:
            i += 1
    return out


def _capitalised(tok: Token) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and not tok.is_punct


def _longest_match(doc: Doc, gazetteer: Gazetteer, start: int, stop: int, taken: list[bool],
                   keys: list[str | None]) -> int | None:
    """End token of the longest known name starting at ``start`` (ending on a capital)."""
    best = None
    words: list[str] = []
    for j in range(start, stop):
        if j > start and (taken[j] or doc[j].is_space or "\n" in doc[j - 1].whitespace_):
            break
        if keys[j] is None:
            keys[j] = _token_key(doc[j])
        if keys[j]:
            words.append(keys[j])
        if _capitalised(doc[j]) and gazetteer.has_key(" ".join(words)):
            best = j + 1
    return best


def _extend_designator(doc: Doc, start: int, end: int, taken: list[bool],
                       gazetteer: Gazetteer) -> int:
    """'Kursk' + 'Oblast' / 'region': take the designator when the name is a subdivision's."""
    if end < len(doc) and not taken[end] and doc[end].lower_ in DESIGNATORS:
        key = norm_key(doc[start:end].text)
        if any(c.kind in ADMIN_KINDS or c.kind == "region" for c in gazetteer.lookup_key(key)):
            return end + 1
    return end


def _accept_gazetteer(doc: Doc, gazetteer: Gazetteer, m: Mention, name_parts: frozenset[str]) -> bool:
    """Whether a gazetteer match outside place entities is a place mention."""
    label = doc[m.start].ent_type_
    if label in ("MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "LANGUAGE"):
        return False
    span = doc[m.start:m.end]
    if not _plausible_name(span, m.key, gazetteer):
        return False
    cands = _lookup(gazetteer, m, "")
    if not cands:
        return False
    strong = any(_strong(c) for c in cands)
    if label == "PERSON" and _looks_like_org(doc, m.start):
        label = "ORG"  # "Abuja Chamber of Commerce" tagged as a person
    if label in ("PERSON", "DATE", "TIME"):
        surname = m.end - m.start == 1 and span.text in name_parts
        return _whole_entity(span) and not surname and (strong or _locative(doc, m))
    if label in EMBEDDING_LABELS:
        big = any(_strong(c, ORG_CITY_POP) for c in cands)
        return big or bool(m.designator) or _institution_follows(doc, m) or (
            _whole_entity(span) and _locative(doc, m))
    if m.designator:
        return True
    if not any(t.pos_ == "PROPN" for t in span):
        return False
    if any(t.tag_ in ("JJ", "NNPS") for t in span) and not strong:
        return False
    if not strong and _in_compound(doc, m):
        return False
    return strong or any(not c.alternate for c in cands)


GENERIC_WORDS = frozenset("""
north south east west northern southern eastern western central centre center middle upper lower
street road avenue gulf hills hill point river lake island islands city county state region coast
valley mountain mountains park beach bay harbor harbour port lagoon national capital mount fort new
old great little university college church hall house station airport union republic federal
district world international west end downtown uptown midtown village town home victory liberty
independence freedom hope unity paradise eden progress commerce enterprise industry
northwestern northeastern southwestern southeastern side
vice leader mission secretary president minister police chief general governor senator mayor
prime deputy director chairman commissioner ambassador king queen prince princess lord lady sir
surprise department office ministry court school academy institute january february march april
may june july august september october november december monday tuesday wednesday thursday friday
saturday sunday christmas easter
""".split())
LOCATIVE_BEFORE = frozenset("""in of from near at to outside into across throughout around toward
towards via over inside within between through on downtown""".split())
LOCAL_NOUNS = frozenset("""man woman men women resident residents police area county city native
couple teen teenager boy girl family home mayor officials authorities school schools community
neighborhood neighbourhood council district native natives citizens people detectives officers
restaurant business businesses hospital hospitals parents students voters jury citywide sewer
streets neighborhoods leaders firefighters downtown suburbs mother father""".split())
INSTITUTION_WORDS = frozenset("""police sheriff sheriff's council county city fire schools school
public hospital department court commission chamber airport board township municipal""".split())


def _generic(gazetteer: Gazetteer, key: str) -> bool:
    """Words like 'South' or 'Central Valley' that name places only by accident."""
    if not all(w in GENERIC_WORDS for w in key.split(" ")):
        return False
    return not any(c.kind in BROAD_KINDS and c.kind != "admin1" and not c.alternate
                   for c in gazetteer.lookup_key(key))


def _plausible_name(span: SpacySpan, key: str, gazetteer: Gazetteer) -> bool:
    """Not a stop word, a generic geographic word, or a short word that is not an abbreviation."""
    if all(t.is_stop and not t.text.isupper() for t in span) or _generic(gazetteer, key):
        return False
    text = span.text
    if len(key.replace(" ", "")) <= 3 and not text.isupper() and "." not in text:
        return False
    if text.isupper() and len(text) <= 4 and not _dateline(span):
        return any(c.kind != "city" for c in gazetteer.lookup_key(key))
    return True


def _dateline(span: SpacySpan) -> bool:
    """'ROME (AP) -', 'BEIRUT -': a place name opening a line, before a bracket or dash."""
    doc = span.doc
    nxt = doc[span.end].text if span.end < len(doc) else ""
    at_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    return at_start and nxt[:1] in ("(", "-", "\u2014", "\u2013", ",")


def _whole_entity(span: SpacySpan) -> bool:
    doc = span.doc
    first, last = doc[span.start], doc[span.end - 1]
    return first.ent_iob_ == "B" and (span.end == len(doc) or doc[span.end].ent_iob_ != "I"
                                      or doc[span.end].text in POSSESSIVE) and last.ent_type_ != ""


def _locative(doc: Doc, m: Mention) -> bool:
    """'in X', 'of X', 'X man', 'X police', 'X, <state>': the name is used as a place."""
    before = doc[m.start - 1].lower_ if m.start > 0 else ""
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    if before in ("and", "or", ",") and m.start > 1 and doc[m.start - 2].ent_type_ in ("GPE", "LOC"):
        return True  # 'in Hilversum and Almelo'

    if after in POSSESSIVE and m.end + 1 < len(doc):
        after = doc[m.end + 1].lower_
    return before in LOCATIVE_BEFORE or after in LOCAL_NOUNS


def _institution_follows(doc: Doc, m: Mention) -> bool:
    return m.end < len(doc) and doc[m.end].lower_ in INSTITUTION_WORDS and \
        doc[m.end].ent_iob_ == "I"


def _in_compound(doc: Doc, m: Mention) -> bool:
    """Part of a longer proper name ('South Kilburn Estate', 'Beverly Hills')."""
    before = doc[m.start - 1] if m.start > 0 else None
    after = doc[m.end] if m.end < len(doc) else None
    if after is not None and _capitalised(after) and not after.is_sent_start:
        return after.lower_ not in INSTITUTION_WORDS  # 'Owensboro Public Schools' is a place's
    return before is not None and _capitalised(before) and not doc[m.start].is_sent_start and \
        before.pos_ == "PROPN"


ORG_WORDS = frozenset("""chamber commerce council university college club association department
ministry police company bank group institute agency authority board committee commission
federation union party times post herald tribune news""".split())


def _looks_like_org(doc: Doc, i: int) -> bool:
    """The entity around token ``i`` has an organisation word ('Chamber', 'University')."""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return any(doc[k].lower_ in ORG_WORDS for k in range(start, end))


def _strong(c: Candidate, city_pop: int = STRONG_CITY_POP) -> bool:
    if c.alternate:
        return c.kind == "city" and c.population >= 10 * city_pop
    return c.kind in BROAD_KINDS or c.kind == "city" and c.population >= city_pop


def _name_parts(ents: list[SpacySpan]) -> frozenset[str]:
    """Words of the text's multi-word personal names ('Dewly Nelson' -> Dewly, Nelson)."""
    return frozenset(t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e)


def _candidates(gazetteer: Gazetteer, m: Mention, text: str = "") -> list[Candidate]:
    cands = _lookup(gazetteer, m, text)
    if m.source == "NORP":
        return [c for c in cands if c.kind in COUNTRY_LIKE and not c.alternate]
    if m.source == "FAC" and not m.locative:  # "Notre Dame": facilities named like small towns
        return [c for c in cands if c.kind != "city" or c.population >= STRONG_CITY_POP]
    return cands


def _lookup(gazetteer: Gazetteer, m: Mention, text: str) -> list[Candidate]:
    if m.source in ("GPE", "LOC") and ("." in text or text.isupper()):
        abbrev = gazetteer.after_comma(m.key)
        if abbrev is not None:
            return [abbrev]  # a place entity that is a state abbreviation ("Ky.", "W.Va.")
    cands = gazetteer.lookup_key(m.key)
    full = getattr(m, "full_key", m.key)
    if m.designator and full != m.key:
        cands = gazetteer.lookup_key(full) + [c for c in cands if c.entry not in
                                               {x.entry for x in gazetteer.lookup_key(full)}]
    if not cands and " " in m.key and m.key.split(" ")[0] in ("north", "south", "east", "west",
                                                                 "northern", "southern", "eastern",
                                                                 "western", "central"):
        cands = gazetteer.lookup_key(m.key.split(" ", 1)[1])
    return cands


# --------------------------------------------------------------------------- resolution


@dataclass
class _Context:
    """What the article's other names resolved to: countries, states, points by country."""

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    points: dict[str, list[tuple[float, float, str]]] = field(default_factory=dict)
    skip: str = ""  # the key of the name being resolved: its own resolution is no evidence
    country_pop: dict[str, int] = field(default_factory=dict)  # breaks ties between subdivisions


def resolve(doc: Doc, mentions: list[Mention],
            gazetteer: Gazetteer | None = None) -> list[Candidate | None]:
    """The best candidate of every mention: priors first, then the article's context.

    Mentions with the same candidates and explicit context are resolved once, together. A
    name's resolution counts as evidence for the others as far as it was a clear choice."""
    constraints = _explicit_context(doc, mentions)
    groups = _groups(mentions, constraints)
    reps = [ks[0] for ks in groups]
    pops = _country_populations(gazetteer, mentions)
    ranked = [_ranked(mentions[r], _Context(country_pop=pops), constraints.get(r)) for r in reps]
    for _ in range(2):
        evidence = _evidence(mentions, reps, ranked)
        total = _context(evidence.values())
        total.country_pop = pops
        ranked = [_ranked(mentions[r], _without(total, evidence.get(mentions[r].key),
                                                mentions[r].key), constraints.get(r))
                  for r in reps]
    out: list[Candidate | None] = [None] * len(mentions)
    for ks, (c, _) in zip(groups, ranked, strict=True):
        for k in ks:
            out[k] = c
    return out


def _country_populations(gazetteer: Gazetteer | None, mentions: list[Mention]) -> dict[str, int]:
    codes = {c.country for m in mentions for c in m.candidates if c.kind in ADMIN_KINDS}
    if gazetteer is None:
        return {}
    found = {code: gazetteer.by_code(code) for code in codes if code}
    return {code: c.population for code, c in found.items() if c is not None}


def _groups(mentions: list[Mention], constraints: dict[int, Mention]) -> list[list[int]]:
    by_sig: dict[tuple, list[int]] = {}
    for k, m in enumerate(mentions):
        within = constraints.get(k)
        sig = (m.key, m.designator, tuple(c.entry for c in m.candidates),
               tuple(c.entry for c in within.candidates) if within else ())
        by_sig.setdefault(sig, []).append(k)
    return list(by_sig.values())


Evidence = tuple[Mention, Candidate, float]


def _evidence(mentions: list[Mention], reps: list[int],
              ranked: list[tuple[Candidate | None, float]]) -> dict[str, Evidence]:
    """Each distinct name's resolution (its first mention's) and its weight as evidence."""
    out: dict[str, Evidence] = {}
    for r, (c, margin) in sorted(zip(reps, ranked, strict=True), key=lambda rc: rc[0]):
        if c is not None and mentions[r].key not in out:
            m = mentions[r]
            out[m.key] = (m, c, _weight(m, c) * min(1.0, 0.5 + margin / 4.0))
    return out


def _weight(m: Mention, c: Candidate) -> float:
    return 0.5 if c.kind == "city" and c.population < 20_000 and len(m.candidates) > 1 else 1.0


def _context(evidence) -> _Context:
    ctx = _Context()
    for m, c, weight in evidence:
        _add_evidence(ctx, m, c, weight)
    return ctx


def _add_evidence(ctx: _Context, m: Mention, c: Candidate, weight: float) -> None:
    if c.country:
        ctx.countries[c.country] += weight
    code = c.iso if c.kind == "admin1" else c.admin1
    if code:
        ctx.admin1[code] += weight
    if c.lat is not None and c.kind in ("city", "admin2") and weight > 0:
        ctx.points.setdefault(c.country, []).append((c.lat, c.lon, m.key))


def _without(total: _Context, own: Evidence | None, key: str) -> _Context:
    """The context less one name's own evidence."""
    if own is None:
        return _Context(total.countries, total.admin1, total.points, key, total.country_pop)
    ctx = _Context(total.countries.copy(), total.admin1.copy(), total.points, key,
                   total.country_pop)
    m, c, weight = own
    _add_evidence(ctx, m, c, -weight)
    return ctx


def _explicit_context(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """'Bangor, Maine': a mention directly followed by ', <state or country>' is inside it."""
    out = {}
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        between = doc[a.end:b.start]
        if len(between) == 1 and between[0].text == "," and any(
                c.kind in ("admin1", "country") for c in b.candidates):
            out[k] = b
            if not b.designator and any(c.kind == "admin1" for c in b.candidates):
                b.designator = "admin"  # 'Rochester, New York': the state, not the city
    return out


def _ranked(m: Mention, ctx: _Context, within: Mention | None) -> tuple[Candidate | None, float]:
    """The best candidate and its lead over the runner-up (large when alone)."""
    if not m.candidates:
        return None, 0.0
    scores = [_score(m, c, ctx, within) for c in m.candidates]
    order = sorted(range(len(scores)), key=lambda i: -scores[i])  # stable: first wins ties
    lead = scores[order[0]] - scores[order[1]] if len(order) > 1 else 10.0
    return m.candidates[order[0]], lead


def _prior(c: Candidate) -> float:
    """Feature level first, then size: country > region > admin1 > city by population."""
    if c.kind == "city":
        base = 2.0 + math.log10(c.population + 10) + (0.5 if c.capital else 0.0)
        if c.alternate:
            base -= 2.5 if c.population < 1_000_000 else 1.0
    else:
        base = {"country": 10.0, "admin1": 8.0, "admin2": 6.0}.get(c.kind, 10.0)
        if c.alternate:
            base -= 3.0
    if c.lat is None:
        base -= 1.0
    return base


def _score(m: Mention, c: Candidate, ctx: _Context, within: Mention | None) -> float:
    s = _prior(c)
    if c.kind in ADMIN_KINDS:  # Montana the US state before Montana the Bulgarian province
        s += 0.05 * math.log10(ctx.country_pop.get(c.country, 0) + 10)
    if c.kind != "country" and any(o.kind == "country" and not o.alternate for o in m.candidates):
        s -= 4.0 if c.alternate else 2.0 if c.kind == "city" else 0.0  # "Mexico": the country
    elif c.kind == "city" and c.population < STRONG_CITY_POP and any(
            o.kind == "admin1" and not o.alternate for o in m.candidates):
        s -= 3.0  # "Florida", "Wales": the state or nation, not a village of that name
    elif c.alternate and any(o.kind in ("continent", "region") and not o.alternate
                             for o in m.candidates):
        s -= 4.0
    if m.designator == "admin":
        s += 6.0 if c.kind in ADMIN_KINDS or c.kind == "region" else -3.0
    elif m.designator == "city":
        s += 4.0 if c.kind == "city" else 0.0
    elif c.kind == "city" and c.population >= STRONG_CITY_POP and any(
            o.kind in ADMIN_KINDS and o.country == c.country for o in m.candidates):
        s += 1.0  # "Kursk", "Donetsk": the city unless a designator says otherwise
    if within is not None:
        fit = _inside(c, within)
        s += 8.0 * fit if fit else -4.0
    if c.kind == "country":
        s += 2.5 * min(1.0, ctx.countries.get(c.country, 0.0))
    elif c.kind in ("city", "admin2", "admin1"):
        s += 2.5 * min(1.0, ctx.countries.get(c.country, 0.0))
        code = c.iso if c.kind == "admin1" else c.admin1
        if code:
            s += _admin1_bonus(ctx.admin1.get(code, 0.0))
        s += _proximity(c, ctx)
    return s


def _admin1_bonus(count: float) -> float:
    """The state or province is named elsewhere: more so when named through several places."""
    if count <= 0:
        return 0.0
    return 3.0 * min(1.0, count) + 0.5 * min(max(count - 1.0, 0.0), 2.0)


def _inside(c: Candidate, outer: Mention) -> float:
    """How well ``c`` fits inside one of the container's readings: 1 surely, 0.6 probably
    (same country, within 1,000 km of the province's centre), 0 not at all."""
    best = 0.0
    for o in outer.candidates:
        if o.kind == "country" and c.country == o.country:
            return 1.0
        if o.kind == "admin1":
            if c.admin1 == o.iso or c.iso == o.iso or _near(c, o, 250.0):
                return 1.0
            if not c.admin1 and _near(c, o, 1000.0):
                best = 0.6
    return best


def _near(a: Candidate, b: Candidate, km: float) -> bool:
    if a.lat is None or b.lat is None or a.country != b.country:
        return False
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= km


def _proximity(c: Candidate, ctx: _Context) -> float:
    """A bonus for lying near a town or county the article also names (same country only)."""
    points = ctx.points.get(c.country)
    if c.lat is None or not points:
        return 0.0
    nearest = min((distance_km(c.lat, c.lon, la, lo) for la, lo, key in points if key != ctx.skip),
                  default=1e9)
    return 1.5 if nearest < 50 else 0.75 if nearest < 150 else 0.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------- output


def _keep(doc: Doc, m: Mention, c: Candidate | None) -> bool:
    """Unresolved names are kept (null coordinates) unless they look like demonyms."""
    if c is not None:
        return True
    if m.source not in PLACE_LABELS or m.source == "FAC":
        return False
    span = doc[m.start:m.end]
    if not span.text[:1].isupper() or not any(t.pos_ == "PROPN" for t in span):
        return False
    if len(span) == 1 and (span[0].tag_ in ("JJ", "NNPS") or DEMONYM.search(span.text)):
        return False
    return True


def _place(doc: Doc, text: str, m: Mention, c: Candidate | None) -> Place:
    start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
    span = Span.of(text, start, end)
    if c is None:
        return Place(span=span, name=span.text, country=None, kind=None)
    iso = c.iso if c.kind in ADMIN_KINDS else (c.admin1 or None) if c.kind == "city" else None
    return Place(span=span, name=c.name, country=c.country or None, iso3166_2=iso or None,
                 lat=_round(c.lat), lon=_round(c.lon), geonames_id=c.geonames_id, kind=c.kind)


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 5)


def _locate_features(doc: Doc, mentions: list[Mention],
                     picks: list[Candidate | None]) -> list[Candidate | None]:
    """Streets and buildings no gazetteer lists lie in the article's town: they take the place of
    the town the article names most (kind 'feature', approximate coordinates)."""
    focus = _focus_town(picks)
    out = []
    for m, c in zip(mentions, picks, strict=True):
        if c is None and focus is not None and m.source in PLACE_LABELS and _feature_name(doc, m):
            c = replace(focus, name=doc[m.start:m.end].text, kind="feature", iso="",
                        geonames_id=None, entry=-1)
        out.append(c)
    return out


def _focus_town(picks: list[Candidate | None]) -> Candidate | None:
    """The town the article names most (first on ties), else its most named county."""
    for kind in ("city", "admin2"):
        known = [c for c in picks if c is not None and c.kind == kind and c.lat is not None]
        if known:
            counts = Counter(c.entry for c in known)
            top = max(counts.values())
            return next(c for c in known if counts[c.entry] == top)
    return None


def _locate_counties(mentions: list[Mention], picks: list[Candidate | None],
                     gazetteer: Gazetteer) -> list[Candidate | None]:
    """A county the gazetteer has no coordinates for is placed approximately: at the town of its
    own name in its state, else at the article's most mentioned town in that state, else at the
    state's centre."""
    towns: Counter = Counter()
    for c in picks:
        if c is not None and c.kind == "city" and c.lat is not None and c.admin1:
            towns[c.entry] += 1
    out = []
    for m, c in zip(mentions, picks, strict=True):
        if c is None or c.lat is not None or c.kind != "admin2" or not c.admin1:
            out.append(c)
            continue
        point = _county_point(m, c, picks, towns, gazetteer)
        out.append(replace(c, lat=point[0], lon=point[1]) if point else c)
    return out


def _county_point(m: Mention, c: Candidate, picks: list[Candidate | None], towns: Counter,
                  gazetteer: Gazetteer) -> tuple[float, float] | None:
    bare = re.sub(r"\s+(county|parish|borough)$", "", norm_key(c.name))
    same = [t for t in gazetteer.lookup_key(bare)
            if t.kind == "city" and t.admin1 == c.admin1 and t.lat is not None]
    if same:
        best = max(same, key=lambda t: t.population)
        return best.lat, best.lon
    local = [p for p in picks if p is not None and p.entry in towns and p.admin1 == c.admin1]
    if local:
        best = max(local, key=lambda p: (towns[p.entry], p.population))
        return best.lat, best.lon
    state = gazetteer.by_code(c.admin1)
    if state is not None and state.lat is not None:
        return state.lat, state.lon
    return None
