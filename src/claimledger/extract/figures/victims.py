"""Victims counted without a number: "a man was shot and killed" (1), "he died" (1),
"a man's body was found" (1), "a double homicide" (2), "murder-suicide" (2)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimledger.extract.figures._words import WORDS
from claimledger.extract.figures.measures import (
    FATAL_ADVERBS,
    Governor,
    lexical_class,
    refine,
    to_death,
    to_hospital,
    unreal,
)

PERSON_NOUNS = WORDS.words("person_nouns")
NOT_PERSONS = WORDS.words("not_persons")
PERSON_PRONOUNS = WORDS.words("person_pronouns")
ORDINALS = WORDS.words("ordinals")
PERPETRATORS = WORDS.words("perpetrators")
SINGULAR_TAGS = {"NN", "NNP", "PRP"}
# --------------------------------------------------------------------------------------------
# victims named without a number: "a man was shot and killed" counts one


@dataclass(frozen=True)
class Implicit:
    """A count the text gives without a number: 'a man was shot' (1), 'a double homicide' (2)."""

    token: Token  # the victim (or the event word: 'homicide')
    governor: Governor
    start: int  # token range of the span
    end: int
    value: int = 1


MULTIPLES = WORDS.table("multiples", int)
EVENT_NOUNS = WORDS.table("event_nouns", str)
FATAL_ADJS = WORDS.words("fatal_adjs")
CONDITION_ADJS = WORDS.words("condition_adjs")
SUFFER_VERBS = WORDS.words("suffer_verbs")
FIND_VERBS = WORDS.words("find_verbs")
_RANK = {"killed": 3, "casualties": 2, "injured": 1, "hit": 0}


def implicit_victims(doc: Doc, counted: set[int]) -> list[Implicit]:
    """Victims counted without a number: singular victims of casualty verbs ('a man was shot
    and killed', 'he died'), 'a man's body was found', 'a double homicide', 'murder-suicide'."""
    best: dict[int, Implicit] = {}  # one count per person: the strongest thing said of them
    events: list[Implicit] = []
    for tok in doc:
        ev = _event_count(doc, tok)
        found = [*_victims_of(tok, counted), *_taken_to_hospital(tok, counted)]
        if ev is not None and ev.governor.role == "self":
            events.append(ev)  # 'a double homicide': the count is the event word's
        elif ev is not None:
            found.append(ev)  # 'a man is in the hospital': its person
        for imp in found:
            prev = best.get(imp.token.i)
            if prev is None or _RANK.get(imp.governor.measure, 0) > _RANK.get(
                    prev.governor.measure, 0):
                best[imp.token.i] = imp
    return sorted([*best.values(), *events], key=lambda m: m.start)


def _victims_of(tok: Token, counted: set[int]) -> list[Implicit]:
    cls = lexical_class(tok)
    if cls is None and tok.pos_ == "VERB" and to_death(tok):
        cls = "killed"  # 'beat to death a deputy minister'
    if cls in ("killed", "injured") and tok.pos_ == "NOUN":
        return _noun_victims(tok, cls, counted)
    if cls not in ("killed", "injured", "hit"):
        return []
    verb = tok
    if tok.pos_ == "ADJ" and tok.dep_ in ("oprd", "acomp", "xcomp", "advmod", "amod"):
        verb = tok.head
        if verb.pos_ in ("NOUN", "PROPN", "PRON"):
            return _described_dead(tok, cls, counted)
    elif tok.pos_ != "VERB":
        return []
    if unreal(verb) or unreal(tok) or _natural_death(tok):
        return []
    measure = refine(tok, cls) if verb.i == tok.i else cls
    out = []
    for victim in _patients(verb, tok):
        pair = victim.lemma_.lower() == "couple" and victim.tag_ == "NN"  # 'a couple was shot'
        if victim.i in counted or not (pair or _singular_person(victim, measure == "killed")):
            continue
        if tok.lemma_.lower() == "hit" and not _plainly_person(victim):
            continue  # 'hit the barrier', 'was hit by a car': a person only when plainly one
        role = "conj" if victim.dep_ == "pobj" else victim.dep_
        out.append(Implicit(victim, Governor(measure, verb, role), *_victim_tokens(victim),
                            value=2 if pair else 1))
    return out


def _taken_to_hospital(verb: Token, counted: set[int]) -> list[Implicit]:
    """'The man was flown to a hospital', 'rushed two victims to the hospital': hit (injured
    unless said to have died)."""
    if verb.pos_ != "VERB" or lexical_class(verb) is not None or not to_hospital(verb) or unreal(verb):
        return []
    if any(k.dep_ in ("conj", "advcl") and _says_arrest(k) for k in verb.children):
        return []  # 'was taken to a hospital and placed under arrest': a suspect's check-up
    return [Implicit(v, Governor("hit", verb, v.dep_ if v.dep_ != "pobj" else "conj"), *_victim_tokens(v))
            for v in _patients(verb, verb) if v.i not in counted and _singular_person(v)
            and v.lemma_.lower() not in PERPETRATORS]


def _says_arrest(verb: Token) -> bool:
    """'arrested', 'placed under arrest', 'taken to jail'."""
    return lexical_class(verb) == "arrested" or any(
        p.dep_ == "pobj" and lexical_class(p) == "arrested" for k in verb.children if k.dep_ == "prep"
        for p in k.children)


def _plainly_person(tok: Token) -> bool:
    return tok.lower_ in PERSON_PRONOUNS or tok.lemma_.lower() in PERSON_NOUNS or tok.ent_type_ == "PERSON"


def _described_dead(adj: Token, cls: str, counted: set[int]) -> list[Implicit]:
    """A title's 'Juvenile dead from gunshot wound': the adjective follows its person."""
    person = adj.head
    if cls != "killed" or adj.i != person.i + 1 or person.i in counted or \
            not (person.lower_ in PERSON_NOUNS or person.lemma_.lower() in PERSON_NOUNS):
        return []
    return [Implicit(person, Governor("killed", adj, "nsubj"), *_victim_tokens(person))]


NATURAL_CAUSES = WORDS.words("natural_causes")


def _natural_death(tok: Token) -> bool:
    """'died from cancer', 'died of natural causes' (not 'died of his wounds')."""
    if tok.lemma_.lower() != "die":
        return False
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "after"):
            for obj in prep.children:
                if obj.lemma_.lower() in NATURAL_CAUSES and not any(
                        k.lower_ in ("gunshot", "bullet", "stab") for k in obj.subtree):
                    return True
    return False


def _noun_victims(noun: Token, cls: str, counted: set[int]) -> list[Implicit]:
    """'a man's body was found' (killed), 'suffered gunshot wounds' / 'in critical condition'
    (injured): the person the noun belongs to."""
    head = noun.head
    victim = None
    if cls == "killed" and noun.lemma_.lower() in ("body", "corpse") and noun.tag_ == "NN":
        owner = next((k for k in noun.children if k.dep_ == "poss"), None)
        named = owner is not None and owner.tag_ == "NNP"  # 'Caskey's body was taken to ...'
        if noun.dep_ in ("nsubjpass", "dobj") and (head.lemma_.lower() in FIND_VERBS or named):
            victim = owner if owner is not None and owner.tag_ != "PRP$" else noun
            if any(k.lower_ in ("no", "none") for k in noun.children):
                return []
            return [] if victim.i in counted else [
                Implicit(victim, Governor("killed", head, "body"), *_victim_tokens(victim))]
        return []
    if cls == "killed" and noun.lemma_.lower() in ("killing", "slaying", "murder", "death",
                                                   "assassination", "execution"):
        of = next((k for k in noun.children if k.dep_ == "prep" and k.lower_ == "of"), None)
        victim = next((k for k in of.children if k.dep_ == "pobj"), None) if of else None
        if victim is None or victim.i in counted or not _singular_person(victim, True):
            return []  # 'the slaying of a radio reporter'
        return [Implicit(victim, Governor("killed", noun, "pobj"), *_victim_tokens(victim))]
    if cls == "injured" and noun.dep_ == "pobj" and (head.lower_ == "with" or (
            head.lower_ == "from" and head.head.lemma_.lower() in RECOVER_VERBS)) and \
            head.head.pos_ in ("VERB", "NOUN"):
        return _carrying_wounds(noun, head.head, counted)
    if cls == "injured" and noun.dep_ == "dobj" and head.lemma_.lower() in SUFFER_VERBS:
        victim = next((k for k in head.children if k.dep_ in ("nsubj", "nsubjpass")), None)
        if any(k.lemma_.lower() in FATAL_ADJS | {"fatal", "mortal"} for k in noun.children):
            cls = "killed"
    if victim is None or victim.i in counted or not _singular_person(victim) or unreal(head):
        return []
    return [Implicit(victim, Governor(cls, head, victim.dep_), *_victim_tokens(victim))]


RECOVER_VERBS = WORDS.words("recover_verbs")


def _carrying_wounds(noun: Token, holder: Token, counted: set[int]) -> list[Implicit]:
    """'was taken to the hospital with serious injuries', 'a victim with a gunshot wound',
    'left his daughter, her sister and her husband with gunshot wounds', 'is recovering from
    a gunshot wound': each person listed."""
    first: Token | None
    if holder.pos_ == "NOUN":  # 'a victim with a gunshot wound'
        first, verb = holder, holder
        while first.dep_ in ("conj", "appos") and first.head.pos_ in ("NOUN", "PROPN"):
            first = first.head
        if first.head.pos_ == "VERB" and first.dep_ in ("dobj", "nsubjpass"):
            verb = first.head
    else:
        verb = holder
        kids = {k.dep_: k for k in holder.children}
        first = kids.get("nsubjpass") or kids.get("dobj")
        if first is None and holder.lemma_.lower() in RECOVER_VERBS:
            first = kids.get("nsubj")  # 'Andrews is recovering from a gunshot wound'
    if first is None or unreal(verb):
        return []
    alive = verb.lemma_.lower() in RECOVER_VERBS
    measure = "hit" if noun.lemma_.lower() == "wound" and not alive else "injured"  # may have died
    people = [first, *(k for k in first.conjuncts if k.i > first.i and not _same_person(first, k))]
    listed = [a for p in people for a in p.children if a.dep_ == "appos" and any(
        c.dep_ == "conj" for c in a.children)]  # 'his daughter, Brown's sister and her husband'
    people += listed + [c for a in listed for c in a.conjuncts if c.i > a.i]
    return [Implicit(v, Governor(measure, verb, first.dep_), *_victim_tokens(v))
            for v in dict.fromkeys(people) if v.i not in counted and _singular_person(v)]


def _event_count(doc: Doc, tok: Token) -> Implicit | None:
    """'a double homicide' -> killed 2, 'murder-suicide' -> killed 2, 'a fatal shooting' ->
    killed 1, 'in critical condition' -> injured 1 for its subject."""
    word = tok.lower_
    if word in MULTIPLES and tok.head.lower_ in EVENT_NOUNS and tok.i < tok.head.i:
        measure = EVENT_NOUNS[tok.head.lower_]
        return Implicit(tok, Governor(measure, tok.head, "self"), tok.i, tok.i + 1,
                        MULTIPLES[word])
    if word == "suicide" and tok.i >= 2 and doc[tok.i - 1].text in ("-", "\u2013") and \
            doc[tok.i - 2].lower_ in ("murder", "homicide"):
        return Implicit(tok, Governor("killed", tok, "self"), tok.i - 2, tok.i + 1, 2)
    if word == "victim" and tok.tag_ == "NN" and any(
            k.dep_ == "compound" and k.lower_ in ("homicide", "murder") for k in tok.children):
        return Implicit(tok, Governor("killed", tok, "self"), tok.i, tok.i + 1, 1)
    if word in EVENT_NOUNS and tok.tag_ == "NN" and any(
            k.lower_ in FATAL_ADJS and k.dep_ == "amod" for k in tok.children):
        return Implicit(tok, Governor("killed", tok, "self"), tok.i, tok.i + 1, 1)
    if word == "hospital" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and \
            tok.head.head.lemma_.lower() in ("be", "remain", "stay"):
        victim = next((k for k in tok.head.head.children if k.dep_ == "nsubj"), None)
        if victim is not None and _singular_person(victim):  # 'a man is in the hospital'
            return Implicit(victim, Governor("hit", tok, "nsubj"), *_victim_tokens(victim))
    if word == "condition" and any(k.lower_ in CONDITION_ADJS for k in tok.children) and \
            tok.dep_ == "pobj" and tok.head.lower_ == "in":
        holder = tok.head.head
        victim = holder
        if holder.pos_ in ("VERB", "AUX"):  # 'left a man in critical condition'
            kids = {k.dep_: k for k in holder.children}
            victim = kids.get("dobj") or kids.get("nsubjpass") or kids.get("nsubj")
        if victim is not None and _singular_person(victim):
            return Implicit(victim, Governor("injured", tok, victim.dep_),
                            *_victim_tokens(victim))
    return None


def _patients(verb: Token, word: Token) -> list[Token]:
    """Who the verb happens to: passive subject, object, or subject of 'die'/'found dead'."""
    found = None
    kids = list(verb.children)
    for dep in ("nsubjpass", "dobj"):
        found = next((k for k in kids if k.dep_ == dep), None)
        if found is not None:
            break
    if found is None and (word.lemma_.lower() in ("die", "perish", "dead", "succumb")
                          or word.lower_ in FATAL_ADVERBS):
        found = next((k for k in kids if k.dep_ == "nsubj"), None)
    if found is None and verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX") \
            and not any(k.dep_ == "nsubj" for k in kids):
        if any(k.dep_ == "auxpass" for k in kids):  # '..., and was declared dead'
            head_kids = list(verb.head.children)
            found = next((k for k in head_kids if k.dep_ in ("nsubjpass", "nsubj")), None)
        else:
            return _patients(verb.head, verb.head)
    if found is None and _headline_passive(verb):
        found = next((k for k in kids if k.dep_ == "nsubj"), None)  # 'Woman shot in ...'

    if found is None and verb.dep_ == "acl" and verb.tag_ == "VBN" and \
            verb.head.pos_ in ("NOUN", "PROPN"):
        found = verb.head  # 'man shot inside restaurant'
    if found is None and verb.tag_ == "VBN" and verb.dep_ in ("pcomp", "advcl") and \
            any(k.dep_ == "auxpass" for k in kids):
        clause = verb.head.head if verb.dep_ == "pcomp" else verb.head
        found = next((k for k in clause.children if k.dep_ in ("nsubj", "nsubjpass")), None)
    if found is None:
        return []
    if found.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        found = verb.head
    if found.tag_ == "NNP" and found.ent_type_ != "PERSON":
        # 'HomeROSEBUD, Mo. - A 37-year-old man was shot': the apposition names the victim
        found = next((k for k in found.children if k.dep_ == "appos"
                      and k.lemma_.lower() in PERSON_NOUNS), found)
    group = [found]
    group.extend(k for k in found.conjuncts if k.i > found.i and not _same_person(found, k))
    for prep in _along_with(kids):  # 'was killed along with his wife'
        for p in prep.children:
            if p.dep_ == "pobj":
                group.append(p)
                group.extend(k for k in p.conjuncts if k.i > p.i)
    return group


def _along_with(kids: list[Token]) -> list[Token]:
    """The prepositions of 'along with X', 'together with X', 'alongside X' among ``kids``."""
    out = []
    for k in kids:
        if k.dep_ != "prep":
            continue
        if k.lower_ == "alongside":
            out.append(k)
        elif k.lower_ == "with" and k.i > 0 and k.doc[k.i - 1].lower_ in ("along", "together"):
            out.append(k)
        elif k.lower_ in ("along", "together"):
            out.extend(c for c in k.children if c.dep_ == "prep" and c.lower_ == "with")
    return out


def _headline_passive(verb: Token) -> bool:
    """A title's 'Man shot outside bar': past form, a subject, no object, no 'shot at'."""
    if verb.sent.start != 0 or verb.tag_ not in ("VBD", "VBN") or verb.lower_ not in (
            "shot", "stabbed", "killed", "wounded", "injured", "hurt", "slain"):
        return False
    kids = list(verb.children)
    return not any(k.dep_ in ("dobj", "aux", "auxpass") or (k.dep_ == "prep" and k.lower_ == "at")
                   for k in kids)


RELATIONS = WORDS.words("relations")


def _same_person(first: Token, conj: Token) -> bool:
    """'a journalist and activist': a bare second noun after 'a' describes the same person."""
    if first.lemma_.lower() in RELATIONS and conj.lemma_.lower() in RELATIONS:
        return False  # 'a husband and wife', 'a mother and son'
    has_det = any(k.dep_ in ("det", "poss", "nummod") for k in conj.children)
    first_indef = any(k.dep_ == "det" and k.lower_ in ("a", "an") for k in first.children)
    return first_indef and not has_det and conj.tag_ == "NN"


def _singular_person(tok: Token, killed: bool = False) -> bool:
    """A single person: 'a man', 'he', a named person; with ``killed`` any singular common
    noun that is not a thing ('a traditional elder was killed')."""
    if tok.lower_ in PERSON_PRONOUNS:
        return True
    if tok.lower_ == "old" and tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "year":
        return True  # 'left a 17-year-old wounded'
    if any(k.dep_ == "neg" or k.lower_ in ("no", "none") for k in tok.children):
        return False
    if tok.lower_ in ORDINALS and any(k.dep_ == "det" and k.lower_ in ("a", "the") for k in tok.children):
        return True  # 'a third was shot', 'the second died'
    if tok.tag_ not in SINGULAR_TAGS or not any(c.isalpha() for c in tok.text):
        return False
    if tok.tag_ == "NNP" and tok.lower_ in PERSON_NOUNS:
        return True  # a title's capitalised 'Man shot outside bar'
    if tok.tag_ == "NNP":
        described = any(k.dep_ == "appos" and k.tag_ == "NN" for k in tok.children)
        return tok.ent_type_ == "PERSON" or (killed and (not tok.ent_type_ or described))
    lemma = tok.lemma_.lower()
    if lemma in PERSON_NOUNS:
        return True
    return tok.tag_ == "NN" and lemma not in NOT_PERSONS and tok.ent_type_ == "" and (
        killed or not tok.is_lower or tok.i == 0 or tok.lower_.endswith(("er", "or", "ist", "ian", "ess")))


def _victim_tokens(victim: Token) -> tuple[int, int]:
    start = victim.i
    for k in victim.children:
        if k.i < victim.i and k.dep_ in ("det", "compound") and k.i == start - 1:
            start = k.i
    if victim.tag_ == "NNP":
        while start > 0 and victim.doc[start - 1].tag_ == "NNP" and \
                victim.doc[start - 1].ent_type_ == "PERSON":
            start -= 1
    return start, victim.i + 1
