"""Place recognition: spaCy's place entities plus gazetteer matches the small model misses.

A capitalised name the gazetteer knows is accepted outside any entity, or inside a PERSON / ORG /
PRODUCT / EVENT entity when it names a country, region or large city, or when its surroundings use
it as a place ('in X', 'X police'). Designators ('Oblast', 'Republic of', 'the X region') are noted
and dropped from the lookup key. Demonyms are not places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimledger.extract.places._words import (
    ADMIN_KINDS,
    ARTICLES,
    BIG_CITY_POP,
    BROAD_KINDS,
    CITY_WORDS,
    COMPASS_WORDS,
    COUNTRY_LIKE,
    DEMONYM_STARTS,
    DEMONYM_WORDS,
    DEMONYMS,
    DESIGNATORS,
    DISTRICT_WORDS,
    DOTTED,
    EMBEDDING_LABELS,
    FEATURE_HEADS,
    FEATURE_WORDS,
    GENERIC_WORDS,
    INSTITUTION_WORDS,
    LOCAL_NOUNS,
    LOCATIVE_BEFORE,
    NATURAL_WORDS,
    NOT_PLACES,
    ORG_WORDS,
    PLACE_LABELS,
    POSSESSIVE,
    PRE_DESIGNATORS,
    SPEECH_VERBS,
    STREETS,
    STRONG_CITY_POP,
    TITLE_WORDS,
    WORDS,
)
from claimledger.extract.places.gazetteer import Candidate, Gazetteer, norm_key


@dataclass
class Mention:
    """A stretch of text that names a place, before resolution."""

    start: int  # token indices
    end: int
    key: str
    source: str  # the spaCy label, or "GAZ" for a gazetteer match outside any entity
    designator: str = ""  # "admin" (Oblast, Province, Republic of ...) or "city"
    locative: bool = False  # used as a place: 'in X', 'X man', 'X police'
    full_key: str = ""  # the key with its designator ('kursk oblast'); key drops it ('kursk')
    candidates: list[Candidate] = field(default_factory=list)


def recognise(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Entity mentions plus gazetteer matches, without overlaps, in text order."""
    taken = [False] * len(doc)
    mentions: list[Mention] = []
    ents = list(doc.ents)
    name_parts = name_parts_of(ents)
    demonyms = frozenset(e.text for e in ents if e.label_ == "NORP")
    for ent in ents:
        if ent.label_ in ("ORG", "PERSON") and _street_entity(doc, ent):
            ent = SpacySpan(doc, ent.start, ent.end, label="FAC")
        if ent.label_ in PLACE_LABELS or ent.label_ == "NORP":
            for m in _entity_mentions(doc, ent, gazetteer, name_parts, demonyms):
                mentions.append(m)
                for i in range(m.start, m.end):
                    taken[i] = True
    mentions += _gazetteer_mentions(doc, gazetteer, taken, name_parts)
    mentions.sort(key=lambda m: m.start)
    out = []
    for m in mentions:
        m.locative = _locative(doc, m)
        if not m.designator and _listed_before_plural(doc, m):
            m.designator = "admin"  # 'Pike and Ross counties'
        elif not m.designator and _city_of(doc, m):
            m.designator = "city"  # 'the southern city of Kherson'
        m.candidates = _candidates(gazetteer, m, _text_with_period(doc, m))
        if not m.designator and m.end < len(doc) and doc[m.end].lower_ in DISTRICT_WORDS and \
                _town_name(m.candidates):
            m.designator = "district"  # 'the Austin neighborhood': part of the article's town
        if not m.designator and m.start > 0 and doc[m.start - 1].text in AREA_WORDS and any(
                c.kind == "admin1" for c in m.candidates):
            m.designator = "admin"  # 'upstate New York', 'rural Georgia'
        if not m.candidates and m.end - m.start > 1 and not street_name(doc, m):
            m = _known_part(doc, gazetteer, m) or m  # 'Millbrook General Hospital': Woodstock
        out.append(m)
    out += _abbreviation_mentions(doc, gazetteer, out)
    out += _demonym_mentions(doc, gazetteer, out)
    out.sort(key=lambda m: m.start)
    return out


def _demonym_mentions(doc: Doc, gazetteer: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """'Russian officials', 'the Texans': a demonym names its country or state (source
    DEMONYM, one candidate: the place itself)."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    i = 0
    while i < len(doc):
        found = _demonym_at(doc, i, taken) if doc[i].text in DEMONYM_STARTS and i not in taken else None
        if found is None:
            i += 1
            continue
        end, code = found
        place = _demonym_place(gazetteer, code)
        if place is not None:
            out.append(Mention(i, end, norm_key(doc[i:end].text), "DEMONYM", candidates=[place]))
        i = end
    return out


def _town_name(cands: list[Candidate]) -> bool:
    """The name of towns only: no country, state or region of that name."""
    return any(c.kind == "city" for c in cands) and not any(
        c.kind in COUNTRY_LIKE or c.kind == "admin1" for c in cands if not c.alternate)


def _demonym_at(doc: Doc, i: int, taken: set[int]) -> tuple[int, str] | None:
    """The longest demonym starting at token ``i`` (its end token and place code); none after a
    capitalised compass word ('North American', 'Latin American': a larger region)."""
    if i > 0 and _capitalised(doc[i - 1]) and doc[i - 1].lower_ in COMPASS_WORDS:
        return None
    for n in range(min(DEMONYM_WORDS, len(doc) - i), 0, -1):
        if any(k in taken for k in range(i, i + n)):
            continue
        text = doc[i:i + n].text
        code = DEMONYMS.get(text) or _plural_demonym(text)
        if code:
            return i + n, code
    return None


def _plural_demonym(text: str) -> str | None:
    """'Russians', 'Israelis', 'New Yorkers': the plural of a listed noun-like demonym."""
    if not text.endswith("s"):
        return None
    single = text[:-1]
    return DEMONYMS.get(single) if single.endswith(("an", "i", "er", "ite", "ot", "k", "d", "b")) else None


def _demonym_place(gazetteer: Gazetteer, code: str) -> Candidate | None:
    """A demonym table code: an ISO code, or 'continent:<name>' / 'region:<name>'."""
    if ":" not in code:
        return gazetteer.by_code(code)
    kind, name = code.split(":", 1)
    kinds = ("continent",) if kind == "continent" else ("region", "admin1")
    return next((c for c in gazetteer.lookup_key(norm_key(name)) if c.kind in kinds and not c.alternate), None)


def feature_name(doc: Doc, m: Mention) -> bool:
    """A street, building or other local feature ('Fenwick Avenue', 'Harbour Road North')."""
    return m.end - m.start > 1 and any(
        norm_key(doc[i].text) in FEATURE_WORDS for i in range(m.start + 1, m.end))


def local_feature(doc: Doc, m: Mention) -> bool:
    """A street, building, river, lake or township: a feature the article's town can stand for."""
    return m.end - m.start > 1 and any(
        (w := norm_key(doc[i].text)) in FEATURE_WORDS or w in NATURAL_WORDS or w == "township"
        for i in range(m.start, m.end))


def street_name(doc: Doc, m: Mention) -> bool:
    """A street ('Fenwick Avenue'): named after something else, never after its own town."""
    return m.end - m.start > 1 and any(
        norm_key(doc[i].text) in STREETS for i in range(m.start + 1, m.end))


def _street_entity(doc: Doc, ent: SpacySpan) -> bool:
    """An ORG or PERSON entity that is really a street, estate or hospital ('Larkspur Drive')."""
    start, end = _trim(doc, ent.start, ent.end)
    return end - start > 1 and doc[end - 1].lower_ in FEATURE_HEADS and _capitalised(doc[start])


PLURAL_DESIGNATORS = WORDS.words("plural_designators")


AREA_WORDS = WORDS.words("area_words")


def _city_of(doc: Doc, m: Mention) -> bool:
    """'the city of X', 'the town of X', 'the port of X'."""
    return m.start >= 2 and doc[m.start - 1].lower_ == "of" and \
        doc[m.start - 2].lower_ in ("city", "town", "village", "port", "capital")


def _listed_before_plural(doc: Doc, m: Mention) -> bool:
    """'Pike, Ross and Adams counties': names listed before a plural designator."""
    for k in range(m.end, min(len(doc), m.end + 8)):
        word = doc[k].lower_
        if word in PLURAL_DESIGNATORS:
            return True
        if not (word in (",", "and", "or") or _capitalised(doc[k])):
            return False
    return False


def _text_with_period(doc: Doc, m: Mention) -> str:
    """The mention's text, with a period the tokenizer split off ('Tex' + '.')."""
    text = doc[m.start:m.end].text
    last = doc[m.end - 1]
    if m.end < len(doc) and doc[m.end].text == "." and not last.whitespace_:
        return text + "."
    return text


def _known_part(doc: Doc, gazetteer: Gazetteer, m: Mention) -> Mention | None:
    """The longest known name inside an unknown entity ('Millbrook General Hospital', 'St. Louis
    Police'); inside a name without such a head word ('Notre Dame'), only a well-known place."""
    best: Mention | None = None
    institution = any(_head_word(doc[k].lower_) for k in range(m.start, m.end))
    for i in range(m.start, m.end):
        if not _capitalised(doc[i]):
            continue
        for j in range(m.end, i, -1):
            if (i, j) == (m.start, m.end) or not _capitalised(doc[j - 1]):
                continue
            sub = _mention(doc, i, j, m.source)
            if sub is None or not _plausible_name(doc[i:j], sub.key, gazetteer):
                continue
            sub.locative = institution or m.locative  # the town an institution is named after
            sub.candidates = _candidates(gazetteer, sub, doc[i:j].text)
            if not institution:
                sub.candidates = [c for c in sub.candidates if strong_place(c)]
            if sub.candidates:
                if best is None or j - i > best.end - best.start:
                    best = sub
                break
    return best


def _head_word(word: str) -> bool:
    """A word that makes a name a feature or institution named after a place."""
    return word in FEATURE_WORDS or word in INSTITUTION_WORDS or word in ORG_WORDS or \
        word in NATURAL_WORDS


def _abbrev_piece(tok: Token) -> bool:
    return tok.text == "." or all(ch.isalpha() or ch == "." for ch in tok.text)


def _abbreviation_mentions(doc: Doc, gazetteer: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """'Dover, Del.' / 'Dover, DE': a state abbreviation right after a place and a comma."""
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
            c = gazetteer.after_comma(norm_key(text), text)
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


def _entity_mentions(doc: Doc, ent: SpacySpan, gazetteer: Gazetteer,
                     name_parts: frozenset[str], demonyms: frozenset[str]) -> list[Mention]:
    """One or more mentions from a GPE/LOC/FAC (or a NORP that literally names a country)."""
    start, end = _trim(doc, ent.start, ent.end)
    if start >= end:
        return []
    parts = _split_parts(doc, start, end, gazetteer)
    out = []
    for s, e in parts:
        if e == ent.end and e < len(doc) and doc[e].ent_iob_ == "O" and ent.label_ != "NORP":
            e = _extend_designator(doc, s, e, None, gazetteer)  # 'Donetsk region'
        m = _mention(doc, s, e, ent.label_)
        if m is None or _generic(gazetteer, m.key) and not feature_name(doc, m):
            continue
        if m.key in NOT_PLACES or _saints_day(doc, m) or person_context(
                doc, m, gazetteer.lookup_key(m.key), name_parts):
            continue
        if ent.label_ == "NORP" and not _names_broad_place(gazetteer, m.key):
            continue
        if e - s == 1 and (doc[s].tag_ == "JJ" or doc[s].text in demonyms) and not any(
                strong_place(c) for c in gazetteer.lookup_key(m.key)):
            continue  # 'Canadian', 'Arab': demonyms that happen to name small towns
        out.append(m)
    return out


def _split_parts(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """'Dover, Delaware' and "Lusaka's Cairo Road" name two places each ("Alder Hey
    Children's Hospital" one: a possessive splits only after a known name)."""
    parts, s = [], start
    for i in range(start, end):
        owner = doc[i].text in ("'s", "\u2019s") and i > s and i + 1 < end and \
            gazetteer.has_key(norm_key(doc[s:i].text))
        if doc[i].text == "," or owner:
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
    return Mention(start, end, key, source, designator, full_key=full)


def _gazetteer_mentions(doc: Doc, gazetteer: Gazetteer, taken: list[bool],
                        name_parts: frozenset[str]) -> list[Mention]:
    """Known names that no place entity covers, accepted according to their surroundings."""
    out: list[Mention] = []
    keys: list[str | None] = [None] * len(doc)
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or not _capitalised(tok) or tok.text in ARTICLES:
            i += 1
            continue
        first = keys[i]
        if first is None:
            first = keys[i] = _token_key(tok)
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
        key = keys[j]
        if key is None:
            key = keys[j] = _token_key(doc[j])
        if key:
            words.append(key)
        if _capitalised(doc[j]) and gazetteer.has_key(" ".join(words)):
            best = j + 1
    return best


def _extend_designator(doc: Doc, start: int, end: int, taken: list[bool] | None,
                       gazetteer: Gazetteer) -> int:
    """'Kursk' + 'Oblast' / 'region': take the designator when the name is a subdivision's."""
    if end < len(doc) and not (taken and taken[end]) and doc[end].lower_ in DESIGNATORS:
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
    if m.key in NOT_PLACES or _saints_day(doc, m) or not _plausible_name(span, m.key, gazetteer):
        return False
    if gazetteer.after_comma(m.key, _text_with_period(doc, m)) is not None:
        return False  # 'Mo.', 'Pa.': state abbreviations count only after a place and a comma
    cands = _lookup(gazetteer, m, "")
    if not cands:
        return False
    strong = any(strong_place(c) for c in cands)
    if person_context(doc, m, cands, name_parts):
        return False
    if label == "PERSON" and looks_like_org(doc, m.start):
        label = "ORG"  # "Enugu Chamber of Commerce" tagged as a person
    if label in ("PERSON", "DATE", "TIME"):
        surname = m.end - m.start == 1 and span.text in name_parts
        return _whole_entity(span) and not surname and (strong or _locative(doc, m))
    if label in EMBEDDING_LABELS:
        known = any(not c.alternate for c in cands)
        return strong or bool(m.designator) or institution_follows(doc, m) or (
            _whole_entity(span) and _locative(doc, m) and known)
    if m.designator:
        return True
    if not any(t.pos_ == "PROPN" for t in span) and not (
            span.text.isupper() and (strong or _locative(doc, m))):
        return False  # (capitals confuse the tagger: 'EAST FLANDERS, June 2')
    if any(t.tag_ in ("JJ", "NNPS") for t in span) and not strong:
        return False
    if not strong and in_compound(doc, m):
        return False
    return strong or any(not c.alternate for c in cands)


def _saints_day(doc: Doc, m: Mention) -> bool:
    """"St. Patrick's Day", "St. Michael's Church": a saint, not the parish named after one."""
    return m.key.startswith(("st ", "ste ")) and m.end < len(doc) and \
        doc[m.end].text in ("'s", "\u2019s")


def person_context(doc: Doc, m: Mention, cands: list[Candidate],
                    name_parts: frozenset[str]) -> bool:
    """'coach Ripley', 'Mrs. Denver', 'for Sanders' beside 'Bernie Sanders', 'Walker said': a
    one-word name used for a person (countries excepted; big towns only after a title or as
    the surname of someone the text names in full)."""
    if m.end - m.start != 1 or any(c.kind in COUNTRY_LIKE and not c.alternate for c in cands):
        return False
    before = norm_key(doc[m.start - 1].text) if m.start > 0 else ""
    if before in TITLE_WORDS:
        return True
    if doc[m.start].text in name_parts:
        return not any(strong_place(c, BIG_CITY_POP) for c in cands)
    if any(strong_place(c) for c in cands) or before in LOCATIVE_BEFORE:
        return False
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    return after in SPEECH_VERBS


def _generic(gazetteer: Gazetteer, key: str) -> bool:
    """Words like 'South' or 'Central Valley' that name places only by accident."""
    words = key.split(" ")
    if not all(w in GENERIC_WORDS for w in words) and not (len(words) == 1 and key in FEATURE_WORDS):
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
    if DOTTED.match(text):  # 'I.R.S.', 'S.E.C.': initials name a town only as a known alias
        return any(c.kind != "city" and not c.alternate for c in gazetteer.lookup_key(key))
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
        return True  # 'in Utrecht and Zwolle'

    if after in POSSESSIVE and m.end + 1 < len(doc):
        after = doc[m.end + 1].lower_
    return before in LOCATIVE_BEFORE or after in LOCAL_NOUNS


def institution_follows(doc: Doc, m: Mention) -> bool:
    return m.end < len(doc) and doc[m.end].lower_ in INSTITUTION_WORDS and \
        doc[m.end].ent_iob_ == "I"


def in_compound(doc: Doc, m: Mention) -> bool:
    """Part of a longer proper name ('North Hollow Estate', 'Beverly Hills')."""
    before = doc[m.start - 1] if m.start > 0 else None
    after = doc[m.end] if m.end < len(doc) else None
    if after is not None and _capitalised(after) and not after.is_sent_start:
        return after.lower_ not in INSTITUTION_WORDS  # 'Fairview Public Schools' is a place's
    return before is not None and _capitalised(before) and not doc[m.start].is_sent_start and \
        before.pos_ == "PROPN"


def looks_like_org(doc: Doc, i: int) -> bool:
    """The entity around token ``i`` has an organisation word ('Chamber', 'University')."""
    start, end = entity_bounds(doc, i)
    return any(doc[k].lower_ in ORG_WORDS for k in range(start, end))


def entity_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The token range of the spaCy entity around token ``i``."""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def strong_place(c: Candidate, city_pop: int = STRONG_CITY_POP) -> bool:
    if c.alternate:
        return c.kind == "city" and c.population >= 10 * city_pop
    return c.kind in BROAD_KINDS or c.kind == "city" and c.population >= city_pop


def name_parts_of(ents: list[SpacySpan]) -> frozenset[str]:
    """Surnames of the text's multi-word personal names ('Mara Nelson' -> Nelson)."""
    return frozenset(e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1)


def _candidates(gazetteer: Gazetteer, m: Mention, text: str = "") -> list[Candidate]:
    cands = _lookup(gazetteer, m, text)
    if DOTTED.match(text.strip()):  # initials: a country's or state's known alias, or nothing
        cands = [c for c in cands if c.kind != "city" and not c.alternate or c.population >= 1e6]
    if m.source == "NORP":
        return [c for c in cands if c.kind in COUNTRY_LIKE and not c.alternate]
    if m.source == "FAC" and not m.locative:  # "Notre Dame": facilities named like small towns
        return [c for c in cands if c.kind != "city" or c.population >= STRONG_CITY_POP]
    return cands


def _lookup(gazetteer: Gazetteer, m: Mention, text: str) -> list[Candidate]:
    cands = gazetteer.lookup_key(m.key)
    if m.source in ("GPE", "LOC") and ("." in text or text.isupper()):
        abbrev = gazetteer.after_comma(m.key, text)
        if abbrev is not None and not any(strong_place(c, BIG_CITY_POP) for c in cands):
            return [abbrev]  # a state abbreviation ("Ky.", "W.Va."), unless 'L.A.' and the like
    full = m.full_key or m.key
    if m.designator and full != m.key:
        cands = gazetteer.lookup_key(full) + [c for c in cands if c.entry not in
                                               {x.entry for x in gazetteer.lookup_key(full)}]
    if not cands and " " in m.key and m.key.split(" ")[0] in COMPASS_WORDS and m.key.split(" ")[0] != "latin":
        cands = gazetteer.lookup_key(m.key.split(" ", 1)[1])
    return cands
