"""Number expressions in a parsed Doc and the things they count.

A number expression is a run of digits / number words ("1.2 million", "twenty-five",
"two dozen", "dozens", "tens of thousands") with its qualifier ("over", "at least") and an
optional second bound ("between 10 and 15", "two or three", "10-15"). Non-counts are left out:
years, ages, times, money, percentages, dates, addresses, phone numbers, calibres, units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimledger.extract.figures import numbers as nb
from claimledger.extract.figures._words import WORDS
from claimledger.extract.figures.measures import FATAL_ADVERBS, lexical_class
from claimledger.extract.figures.victims import PERSON_NOUNS

_PHONE = re.compile(r"\(?\b\d{3}\)?[\s.-]*\d{3}[-.]\d{4}\b|\b\d{3}-\d{4}\b")
SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY", "FAC", "LAW",
             "PRODUCT", "WORK_OF_ART", "ORG", "GPE", "LOC", "EVENT"}
UNIT_WORDS = WORDS.words("unit_words")
PREV_BLOCKERS = WORDS.words("prev_blockers")
STREET_WORDS = WORDS.words("street_words")
ONE_BLOCKERS = WORDS.words("one_blockers")
ONE_AFTER_BLOCKERS = WORDS.words("one_after_blockers")


@dataclass(frozen=True)
class NumberExpr:
    """A number expression: token range [start, end) including its qualifier."""

    start: int
    end: int
    head: int  # the token that carries the number (last numeric token of the first bound)
    low: int | None
    high: int | None
    qualifier: str
    point: int | None
    vague: bool = False
    ratio: float | None = None
    whole_start: int | None = None  # token where the "of the 12,000" expression starts


# --------------------------------------------------------------------------------------------
# the numeric core


def _atom_kind(tok: Token) -> str | None:
    """'digits', 'decimal', 'range', 'plus', 'word', 'scale', 'vague', 'both' or None."""
    t = tok.lower_
    if not t[:1].isdigit():
        if t in _WORD_ATOMS:
            return _word_atom(tok, t)
        return None
    if nb.parse_digits(t) is not None:
        return "digits"
    if nb.parse_decimal(t) is not None:
        return "decimal"
    if nb.parse_digit_range(t) is not None:
        return "range"
    if nb.parse_plus(t) is not None:
        return "plus"
    return None


_WORD_ATOMS = set(nb.SCALES) | set(nb.UNITS) | set(nb.TENS) | set(nb.VAGUE) | {"tens", "both"}


def _word_atom(tok: Token, t: str) -> str | None:
    if t == "both":
        return "both" if tok.dep_ != "preconj" else None
    if t in nb.SCALES:
        return "scale"
    if t in nb.UNITS or t in nb.TENS:
        return "word"
    return "vague"


def _core_end(doc: Doc, i: int) -> int:
    """End of the numeric core starting at token ``i`` (which is an atom)."""
    n = len(doc)
    kind = _atom_kind(doc[i])
    j = i + 1
    if kind in ("range", "plus", "both"):
        return j
    while j < n:
        t = doc[j].lower_
        nxt = _atom_kind(doc[j])
        prev = doc[j - 1].lower_
        if kind in ("digits", "decimal"):
            if nxt == "scale" and t != "dozen":
                j += 1
                kind = "scale"
                continue
            break
        if nxt in ("word", "scale") and kind in ("word", "scale", "vague"):
            if kind == "vague" and nxt == "word":
                break
            j += 1
            kind = nxt
            continue
        if t in ("-", "\u2013") and j + 1 < n and _atom_kind(doc[j + 1]) == "word" and \
                prev in nb.TENS and not doc[j - 1].whitespace_:
            j += 2
            kind = "word"
            continue
        if t == "and" and prev in ("hundred", "thousand") and j + 1 < n and \
                _atom_kind(doc[j + 1]) == "word":
            j += 2
            kind = "word"
            continue
        if t == "of" and kind == "vague" and prev in nb.VAGUE_MULTIPLIERS and j + 1 < n and \
                doc[j + 1].lower_ in ("thousands", "millions", "hundreds"):
            j += 2
            continue
        break
    return j


def _core_value(words: list[str]) -> tuple[int | None, int | None, int | None, bool] | None:
    """(low, high, point, vague) of a numeric core's lower-cased words."""
    first = words[0]
    if words == ["both"]:
        return 2, 2, 2, False
    if len(words) == 1:
        rng = nb.parse_digit_range(first)
        if rng:
            return rng[0], rng[1], rng[0], False
        plus = nb.parse_plus(first)
        if plus is not None:
            return plus, None, plus, False
        if first in nb.VAGUE:
            lo, hi, pt = nb.VAGUE[first]
            return lo, hi, pt, True
    if first in nb.VAGUE_MULTIPLIERS and len(words) == 3 and words[1] == "of":
        scale = {"thousands": 1000, "millions": 1_000_000, "hundreds": 100}[words[2]]
        mult = nb.VAGUE_MULTIPLIERS[first]
        return 2 * mult * scale, 10 * mult * scale - 1, 2 * mult * scale, True
    if first in ("several", "few", "couple", "handful") and len(words) == 2 and \
            words[1] in nb.SCALES:
        lo, hi, pt = nb.VAGUE[first]
        scale = nb.SCALES[words[1]]
        return lo * scale, hi * scale, pt * scale, True
    value = nb.words_to_number(words)
    if value is None:
        return None
    return value, value, value, False


# --------------------------------------------------------------------------------------------
# filters for non-counts


def _prev(doc: Doc, i: int, k: int = 1) -> Token | None:
    """The token ``k`` before ``i`` when it is in the same sentence."""
    j = i - k
    if j < 0 or any(doc[m].is_sent_start for m in range(j + 1, i + 1)):
        return None
    return doc[j]


def _next(doc: Doc, i: int, k: int = 0) -> Token | None:
    j = i + k
    return doc[j] if j < len(doc) else None


def _is_year(tok: Token) -> bool:
    t = tok.text
    return len(t) == 4 and t.isdigit() and 1800 <= int(t) <= 2100


def _skip_core(doc: Doc, start: int, end: int, qualified: bool) -> bool:
    """True when the core [start, end) is not a count of things."""
    if any(doc[k].ent_type_ in SKIP_ENTS and not _bare_number_entity(doc[k])
           and not _count_before_age(doc[k]) for k in range(start, end)):
        return True
    first, last = doc[start], doc[end - 1]
    if end - start == 1 and (_is_year(first) or (first.text.isdigit() and len(first.text) >= 5)):
        return True  # a year; a code or zip ('44848'): counts that large carry commas
    after = _next(doc, end)
    before = _prev(doc, start)
    if after is not None and (after.lower_ in UNIT_WORDS or after.lower_.startswith("-")):
        then = _next(doc, end, 1)
        if not (after.lower_ in ("-", "\u2013") and then is not None and _atom_kind(then) is not None):
            return True
    if before is not None and not qualified:
        if before.lower_ in PREV_BLOCKERS:
            return True
        b2 = _prev(doc, start, 2)
        if before.text == "." and b2 is not None and b2.lower_ == "no":
            return True  # 'No. 2'
        if before.lower_ == "of" and b2 is not None and b2.like_num:
            b3 = _prev(doc, start, 3)
            if b3 is not None and b3.lower_ in PREV_BLOCKERS:
                return True  # 'Image 14 of 32'
        if before.pos_ == "PROPN" and before.whitespace_ and not before.is_punct:
            return True
    if _is_age(doc, start, end) or _in_age_list(doc, start) or _age_bound(doc, end) or _is_address(doc, start, end):
        return True
    if first.lower_ == "one" and end - start == 1 and not _counts_one(doc, first):
        return True
    if last.lower_ in ("few", "couple", "handful", "dozen") and end - start == 1:
        return True  # these need their article: handled by _extend_left
    if last.lower_ in ("scores", "hundreds", "thousands", "dozens", "tens") and before is not None \
            and before.lower_ in ("of", "the", "settle", "settling", "settled", "his", "their"):
        return True
    if nb.parse_decimal(first.lower_) is not None and end - start == 1:
        return True
    return False


def _bare_number_entity(tok: Token) -> bool:
    """A DATE/TIME/QUANTITY entity made of nothing but numbers ('between 10 and 15'): the
    small model mislabels counts so; a real date has a month, a unit or a year in it."""
    if tok.ent_type_ not in ("DATE", "TIME", "QUANTITY", "CARDINAL"):
        return False
    ent = _entity_tokens(tok)
    return all(_atom_kind(t) is not None or t.lower_ in nb.QUALIFIER_WORDS or t.is_punct
               or t.lower_ in ("and", "or", "to", "between", "a", "an", "of")
               for t in ent) and not any(_is_year(t) for t in ent)


def _count_before_age(tok: Token) -> bool:
    """'Two 19-year-old students': the model puts the count into the age's DATE entity."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return tok.ent_type_ == "DATE" and nxt is not None and nxt.like_num and \
        any(t.lower_ == "old" for t in _entity_tokens(tok))


def _entity_tokens(tok: Token) -> list[Token]:
    """The tokens of the named entity ``tok`` belongs to (read from the IOB tags)."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return [doc[k] for k in range(start, end)]


def _is_age(doc: Doc, start: int, end: int) -> bool:
    """'John Smith, 25, was ...', '(25)', 'aged 25', '25 years old'."""
    before, after = _prev(doc, start), _next(doc, end)
    if before is None or after is None:
        return False
    if before.text == "(" and after.text == ")":
        return True
    b2 = _prev(doc, start, 2)
    if before.lower_ == "of" and b2 is not None and b2.lemma_.lower() in PERSON_NOUNS and \
            not any(k.dep_ == "nummod" for k in b2.children):
        return True  # 'a boy of 14'
    if before.lower_ == "of" and b2 is not None and b2.lower_ in ("age", "aged", "ages"):
        return True
    if before.text == "," and after.text in (",", ")", ".", ";", "and", "of", "\n", "[", "-", "|",
                                             "\u2014", "\u2013") or (
            before.text == "," and after.is_space):
        b2 = _prev(doc, start, 2)
        if b2 is not None and (b2.pos_ in ("PROPN", "NOUN") or b2.is_title) and not b2.like_num:
            return after.lower_ != "of"
    return False


AGE_WORDS = WORDS.words("age_words")
LIST_GLUE = frozenset({",", "and", "or", "&", "-", "\u2013", "to"})


def _in_age_list(doc: Doc, start: int) -> bool:
    """'two teens, ages 14 and 16', 'victims aged 17, 18 and 22': every number of the list
    after the age word is an age, not only the first."""
    k = start - 1
    seen_glue = False
    while k >= 0 and (doc[k].like_num or doc[k].lower_ in LIST_GLUE):
        seen_glue = seen_glue or not doc[k].like_num
        k -= 1
    return seen_glue and k >= 0 and k < start - 1 and doc[k].lower_ in AGE_WORDS


_NUMBERED_STREET = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)


AGE_BOUNDS = WORDS.words("age_bounds")


def _age_bound(doc: Doc, end: int) -> bool:
    """'three boys, all 16 or younger', '17 or older': an age limit, not a count."""
    return end + 1 < len(doc) and doc[end].lower_ == "or" and doc[end + 1].lower_ in AGE_BOUNDS


def _is_address(doc: Doc, start: int, end: int) -> bool:
    if not doc[start].text[:1].isdigit():
        return False
    after = _next(doc, end)
    if after is None or not (after.pos_ == "PROPN" or after.lower_ in STREET_WORDS or _NUMBERED_STREET.match(after.text)
                             or after.lower_ in ("n.", "s.", "e.", "w.", "north", "south",
                                                 "east", "west")):
        return False  # '8311 83rd St. SW' is an address too
    for k in range(end, min(end + 5, len(doc))):
        if doc[k].lower_ in STREET_WORDS:
            return True
    return False


def _counts_one(doc: Doc, tok: Token) -> bool:
    """'one' counts when it modifies a noun ('one man'), or 'one of the ...', or is a victim."""
    before, after = _prev(doc, tok.i), _next(doc, tok.i + 1)
    if before is not None and before.lower_ in ONE_BLOCKERS:
        return False
    if after is not None and after.lower_ in ONE_AFTER_BLOCKERS:
        return False
    if after is not None and after.lower_ == "of":
        nxt2 = _next(doc, tok.i + 2)
        nxt3 = _next(doc, tok.i + 3)
        return not (nxt3 is not None and nxt3.tag_ in ("JJS", "RBS")) and nxt2 is not None and \
            nxt2.lower_ in ("the", "them", "those", "these", "his", "her", "their", "its", "two",
                            "three", "four", "five")
    if tok.dep_ == "nummod" and tok.head.pos_ in ("NOUN", "PROPN"):
        return True
    if any(k.dep_ == "advmod" and k.lower_ in FATAL_ADVERBS for k in tok.children):
        return True  # 'three people were shot, one fatally'
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return lexical_class(tok.head) is not None
    return False


# --------------------------------------------------------------------------------------------
# whole expressions


def _extend_left(doc: Doc, start: int) -> int:
    """Take in 'a'/'an' ('a dozen', 'a few') and 'half a' ('half a dozen')."""
    b = _prev(doc, start)
    if b is not None and b.lower_ in ("a", "an") and doc[start].lower_ in (
            "dozen", "hundred", "thousand", "million", "few", "couple", "handful"):
        b2 = _prev(doc, start, 2)
        if b2 is not None and b2.lower_ == "half":
            return start - 2
        return start - 1
    return start


def _qualifier(doc: Doc, start: int) -> tuple[str, int] | None:
    words: list[str] = []
    for k in range(1, nb.QUALIFIER_MAX_LEN + 1):
        t = _prev(doc, start, k)
        if t is None:
            break
        words.insert(0, t.lower_)
    return nb.match_qualifier(words) if words else None


def _second_bound(doc: Doc, end: int, between: bool, from_before: bool) -> tuple[int, int] | None:
    """'... to 15', '... or three', '... - 15', '... and 15' (after 'between'): (end, value)."""
    conn = _next(doc, end)
    if conn is None:
        return None
    c = conn.lower_
    if not ((c in ("to", "or", "-", "\u2013") and not from_before) or (c == "and" and between)):
        return None
    k = end + 1
    if k >= len(doc) or _atom_kind(doc[k]) not in ("digits", "word", "scale"):
        return None
    k2 = _core_end(doc, k)
    val = _core_value([t.lower_ for t in doc[k:k2]])
    if val is None or val[0] is None or _skip_core(doc, k, k2, True):
        return None
    return k2, val[0]


def _build(doc: Doc, core_start: int, core_end: int) -> NumberExpr | None:
    start = _extend_left(doc, core_start)
    words = [t.lower_ for t in doc[start:core_end]]
    if words[0] in ("a", "an") and len(words) > 1 and words[1] in ("few", "couple", "handful"):
        words = words[1:]  # 'a few', 'a few hundred'
    if words[0] == "half" and words[1:] == ["a", "dozen"]:
        value: tuple | None = (6, 6, 6, False)
    else:
        value = _core_value(words)
    if value is None:
        return None
    low, high, point, vague = value
    qual = _qualifier(doc, start)
    before = _prev(doc, start)
    between = before is not None and before.lower_ == "between"
    if _skip_core(doc, core_start, core_end, bool(qual) or between) and not (
            start < core_start and doc[core_start].lower_ in ("few", "couple", "handful", "dozen")
            and not any(doc[k].ent_type_ in SKIP_ENTS for k in range(start, core_end))):
        return None
    following = _next(doc, core_end)
    if doc[core_start].lower_ == "couple" and (following is None or following.lower_ != "of"):
        return None
    end = core_end
    qualifier = "vague" if vague else ("range" if high != low else "exact")
    if not vague and low is not None and low == high:
        second = _second_bound(doc, core_end, between, before is not None
                               and before.lower_ == "from")
        if second and nb.plausible_range(low, second[1]):
            end, high = second[0], second[1]
            qualifier = "range"
            if between:
                start -= 1
        elif _or_more(doc, core_end):
            end = core_end + 2
            high, qualifier = None, "at_least"
        elif qual:
            kind, n = qual
            iv = nb.qualify(low, kind, tuple(t.lower_ for t in doc[start - n:start]))
            start -= n
            low, high, qualifier, point = iv.low, iv.high, iv.qualifier, iv.point
    elif vague and qual:
        start -= qual[1]
    head = _head_token(doc, start, core_end)
    return NumberExpr(start, end, head, low, high, qualifier, point, vague)


def _or_more(doc: Doc, end: int) -> bool:
    a, b = _next(doc, end), _next(doc, end, 1)
    return a is not None and b is not None and a.lower_ in ("or", "and") and b.lower_ == "more"


def _head_token(doc: Doc, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside it (the number's syntactic head)."""
    for k in range(end - 1, start - 1, -1):
        h = doc[k].head.i
        if not start <= h < end or h == k:
            return k
    return end - 1


def find_numbers(doc: Doc, text: str | None = None) -> list[NumberExpr]:
    """Every counted number expression in ``doc``, plus fractions of another figure."""
    out: list[NumberExpr] = []
    phones = [m.span() for m in _PHONE.finditer(doc.text if text is None else text)]
    i, n = 0, len(doc)
    while i < n:
        if _atom_kind(doc[i]) is None or doc[i].text == "911":
            i += 1
            continue
        core_end = _core_end(doc, i)
        if phones and any(a < doc[core_end - 1].idx + len(doc[core_end - 1]) and doc[i].idx < b
                          for a, b in phones):
            i = core_end
            continue
        expr = _build(doc, i, core_end)
        if expr is not None and (not out or expr.start >= out[-1].end):
            out.append(expr)
            i = max(expr.end, i + 1)
        else:
            i = core_end
    starts = {e.start: e for e in out}
    out.extend(_fractions(doc, starts))
    return out


# --------------------------------------------------------------------------------------------
# fractions: "roughly a quarter of the 12,000", "two-thirds of the 300", "25% of the 400"

_NUMERATORS = WORDS.table("numerators", int)
_WHOLE_DETS = WORDS.words("whole_dets")


def _fractions(doc: Doc, starts: dict[int, NumberExpr]) -> list[NumberExpr]:
    out = []
    for tok in doc:
        ratio, start = _fraction_at(doc, tok)
        if ratio is None:
            continue
        of = _next(doc, tok.i + 1)
        if of is None or of.lower_ != "of":
            continue
        k = tok.i + 2
        while k < len(doc) and doc[k].lower_ in _WHOLE_DETS:
            k += 1
        whole = starts.get(k)
        if whole is None or whole.vague:
            continue
        qual = _qualifier(doc, start)
        qualifier = "exact"
        if qual:
            start -= qual[1]
            qualifier = qual[0]
        out.append(NumberExpr(start, tok.i + 1, tok.i, None, None, qualifier, None,
                              ratio=ratio, whole_start=whole.start))
    return out


def _fraction_at(doc: Doc, tok: Token) -> tuple[float | None, int]:
    t = tok.lower_
    if t in nb.FRACTIONS:
        b = _prev(doc, tok.i)
        if b is not None and b.text in ("-", "\u2013"):
            b = _prev(doc, tok.i, 2)
        num = _NUMERATORS.get(b.lower_) if b is not None else None
        if t == "half":
            return 0.5 * (num or 1), (b.i if num and b is not None else tok.i)
        if num is None or b is None:
            return None, tok.i
        return nb.FRACTIONS[t] * num, b.i
    per = _prev(doc, tok.i)
    if t == "cent" and per is not None and per.lower_ == "per":
        tok = per
        t = "percent"
    if t in ("percent", "%"):
        b = _prev(doc, tok.i)
        val = nb.parse_decimal(b.text) if b is not None else None
        if val is None and b is not None:
            val = nb.parse_digits(b.text)
        if val is not None and b is not None and 0 < val <= 100:
            return val / 100, b.i
    return None, tok.i


# --------------------------------------------------------------------------------------------
# what the number counts


def count_noun(doc: Doc, expr: NumberExpr) -> Token:
    """The word the number counts: 'troops' in 'over 3,000 troops', 'people' in 'dozens of
    people', the number itself when it stands alone ('54 were wounded')."""
    h = doc[expr.head]
    for k in h.children:
        if k.dep_ == "prep" and k.lower_ == "of" and k.i == expr.end:
            for p in k.children:
                if p.dep_ == "pobj":
                    return p
    if h.dep_ in ("nummod", "quantmod", "compound", "amod", "det", "npadvmod") and \
            not expr.start <= h.head.i < expr.end and h.head.i > h.i and \
            h.head.pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "VERB") and \
            h.head.ent_type_ not in ("DATE", "TIME"):
        return h.head
    return h


def subject_span(doc: Doc, noun: Token, expr: NumberExpr | None) -> tuple[int, int] | None:
    """Character offsets of who/what the figure counts ('North Korean troops'), or None."""
    if expr is not None and expr.start <= noun.i < expr.end:
        return None
    if noun.pos_ not in ("NOUN", "PROPN", "PRON") or noun.tag_ in ("PRP", "WP"):
        return None
    floor = expr.end if expr is not None and expr.end <= noun.i else noun.left_edge.i
    start = noun.i
    for k in noun.children:
        if k.i >= noun.i or k.i < floor:
            continue
        if k.dep_ in ("amod", "compound", "nmod", "npadvmod") and k.left_edge.i >= floor:
            start = min(start, k.left_edge.i)
    while start < noun.i and (doc[start].dep_ in ("det", "poss", "punct", "predet", "case")
                              or (doc[start].like_num and expr is not None
                                  and doc[start + 1].text != "-")):
        start += 1  # a number left of the noun is the count itself; for 'a 25-year-old man'
    # (no count) it is part of the description
    end = noun.i + 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
