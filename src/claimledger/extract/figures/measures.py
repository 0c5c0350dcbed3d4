"""What a figure counts (killed, injured, ...), read from the words that govern it.

The counted noun ("3,000 troops" -> troops) is followed up the dependency tree to the verb,
adjective or noun that says what happened to it ("have been killed or wounded", "deployed",
"dead", "the death toll rose to 12").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Token

from claimledger.extract.figures._words import WORDS

KILLED = WORDS.words("killed")
INJURED = WORDS.words("injured")
# shot/stabbed without "dead"/"fatally": a victim who was hit (injured unless they died)
HIT = WORDS.words("hit")
CASUALTIES = WORDS.words("casualties")
DEPLOYED = WORDS.words("deployed")
CAPTURED = WORDS.words("captured")
MISSING = WORDS.words("missing")
DISPLACED = WORDS.words("displaced")
ARRESTED = WORDS.words("arrested")

LEXICON: tuple[tuple[str, frozenset[str]], ...] = (
    ("killed", KILLED), ("injured", INJURED), ("casualties", CASUALTIES),
    ("deployed", DEPLOYED), ("captured", CAPTURED), ("missing", MISSING),
    ("displaced", DISPLACED), ("arrested", ARRESTED), ("hit", HIT),
)
SELF_EXCLUDED = WORDS.words("self_excluded")
FATAL_ADVERBS = WORDS.words("fatal_adverbs")
TOLL_HEADS = WORDS.words("toll_heads")
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "oprd", "appos", "conj", "npadvmod",
            "dative", "agent", "nmod", "ROOT", "acomp"}


@dataclass(frozen=True)
class Governor:
    """Why a figure got its measure: the governing token and the raw class."""

    measure: str  # a MEASURES value, or "hit" (shot/stabbed, not said to have died)
    token: Token | None  # the verb/adjective/noun that decided it
    role: str  # dependency of the counted phrase towards ``token`` (nsubjpass, dobj, ...)
    nested: bool = False  # reached through 'including', an apposition, ...: part of another


UNREAL_HEADS = WORDS.words("unreal_heads")
MODALS = WORDS.words("modals")


def unreal(verb: Token) -> bool:
    """Negated, modal or intended events: 'were not injured', 'could have been killed',
    'threatened to kill'."""
    for k in verb.children:
        if k.dep_ == "neg":
            return True
        if k.dep_ == "aux" and k.lower_ in MODALS:
            return True
        if k.dep_ == "advmod" and k.lower_ in ("nearly", "almost", "possibly", "narrowly"):
            return True
    if verb.dep_ in ("xcomp", "acl", "pcomp") and verb.head.lemma_.lower() in UNREAL_HEADS:
        return True
    if verb.tag_ == "VB" and verb.pos_ == "VERB" and not any(
            k.dep_ in ("nsubj", "nsubjpass") or (k.dep_ == "aux" and k.lower_ in ("did", "do", "does"))
            for k in verb.children):
        return True  # 'go ahead and kill him', 'to kill': an infinitive or a command
    return False


def _classes(lexicon: tuple[tuple[str, frozenset[str]], ...]) -> Mapping[str, str]:
    """Word -> measure; a word in several lists takes the earliest."""
    classes: dict[str, str] = {}
    for name, words in reversed(lexicon):  # earlier entries win
        classes.update(dict.fromkeys(words, name))
    return MappingProxyType(classes)


_CLASS_OF = _classes(LEXICON)


def lexical_class(tok: Token) -> str | None:
    """The measure a single word signals, or None."""
    found = _CLASS_OF.get(tok.lemma_.lower()) or _CLASS_OF.get(tok.lower_)
    if tok.pos_ == "VERB" and (found is None or found == "hit"):
        particle = next((k.lower_ for k in tok.children if k.dep_ == "prt"), None)
        if (tok.lemma_.lower(), particle) in PHRASAL_KILLED:
            return "killed"  # 'has passed away', 'was gunned down'
    return found


PHRASAL_KILLED = frozenset(tuple(p.split()) for p in WORDS.words("phrasal_killed"))


def refine(verb: Token, cls: str) -> str:
    """'killed or wounded' / 'shot dead' / 'fatally shot': refine a verb's class."""
    kids = list(verb.children)
    if cls in ("hit", "injured") and any(
            k.dep_ == "prep" and k.lower_ == "to" and any(p.lemma_.lower() == "death" for p in k.children)
            for k in kids):
        return "killed"
    if cls in ("hit", "injured") and any(
            k.lower_ in FATAL_ADVERBS and k.dep_ in ("advmod", "oprd", "acomp", "amod", "xcomp")
            for k in kids):
        return "killed"
    if cls == "hit" and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ == "dead":
        return "killed"  # 'shot dead two activists' (where 'dead' hangs on the object)
    others = {lexical_class(k) for k in kids if k.dep_ in ("conj", "advcl")
              and k.pos_ in ("VERB", "ADJ") and _adjacent_conj(verb, k)
              and not _has_own_args(k)}
    if verb.dep_ == "conj" and _adjacent_conj(verb.head, verb) and not _has_own_args(verb):
        others.add(lexical_class(verb.head))  # 'killed and injured 22': seen from 'injured'
    if cls in ("captured", "missing", "arrested") and "killed" in others:
        return "killed"  # 'were kidnapped and killed'
    if cls in ("killed", "injured", "hit"):
        if cls == "hit" and "killed" in others:
            return "killed"
        if (cls == "killed" and others & {"injured", "hit"}) or (
                cls == "injured" and "killed" in others):
            return "casualties"
    return cls


def _adjacent_conj(verb: Token, conj: Token) -> bool:
    """'killed or wounded', 'killed and/or seriously injured': only a conjunction (and
    adverbs) between the two words."""
    between = verb.doc[verb.i + 1:conj.i]
    if len(between) == 1 and between[0].text == ",":
        return True  # a headline's 'Woman shot, killed'
    return 0 < len(between) <= 3 and any(t.dep_ == "cc" for t in between) and all(
        t.dep_ in ("cc", "advmod", "punct") and t.text != "," for t in between)


TRANSITIVE_KILL = WORDS.words("transitive_kill")


def _agentive(verb: Token) -> bool:
    """An active verb whose subject does the harm: 'Two gunmen killed three people'."""
    if verb.pos_ != "VERB" or any(k.dep_ in ("auxpass", "nsubjpass") for k in verb.children):
        return False
    if verb.lemma_.lower() not in TRANSITIVE_KILL | {"wound", "injure", "hurt", "hit", "strike",
                                                      "hospitalize", "maim", "harm"}:
        return False  # 'people fled the country': the subject is who it happens to
    if any(k.dep_ == "dobj" for k in verb.children):
        return True
    if verb.tag_ == "VBN" and not any(k.dep_ == "aux" for k in verb.children):
        return False  # '3 people killed in ...' (a headline's reduced passive)
    # 'they kill' (present, habitual) is agentive; 'Six villagers killed' (headline) is not
    return verb.lemma_.lower() in TRANSITIVE_KILL and (
        verb.tag_ in ("VBZ", "VBP", "VBG") or any(k.dep_ == "aux" for k in verb.children))


def _has_own_args(verb: Token) -> bool:
    return any(k.dep_ in ("nsubj", "nsubjpass", "dobj") and k.ent_type_ not in ("DATE", "TIME")
               for k in verb.children)


def _toll_measure(verb: Token) -> str | None:
    """'the death toll rose to 12', 'the number of injured stands at 5'."""
    for k in verb.children:
        if k.dep_ in ("nsubj", "nsubjpass", "dobj") and k.lemma_.lower() in TOLL_HEADS:
            return _noun_measure(k) or ("killed" if k.lemma_.lower() == "toll" else None)
    return None


def _noun_measure(noun: Token) -> str | None:
    """'death toll', 'number of injured', 'casualty figure': the modifier decides."""
    for k in noun.children:
        if k.dep_ in ("compound", "amod", "nmod", "poss"):
            cls = lexical_class(k)
            if cls and cls != "hit":
                return cls
        if k.dep_ == "prep" and k.lower_ == "of":
            for p in k.children:
                cls = lexical_class(p)
                if cls and cls != "hit":
                    return cls
    return None


def _modifier_class(noun: Token, prenominal: bool = False) -> tuple[str, Token] | None:
    """'12,000 soldiers deployed to Russia', '12 dead', 'three people injured'; with
    ``prenominal``: 'displaced people', 'wounded soldiers'."""
    for k in noun.children:
        if prenominal != (k.i < noun.i):
            continue
        if k.dep_ in ("acl", "amod", "relcl", "oprd", "acomp") and k.i > noun.i - 3:
            cls = lexical_class(k)
            if cls and not (k.dep_ == "relcl" and _subject_is_other(k, noun)):
                return refine(k, cls), k
    if prenominal:
        return None
    for conj in noun.conjuncts:
        if conj.i > noun.i:
            for k in conj.children:
                if k.dep_ in ("acl", "relcl") and lexical_class(k) == "killed" and \
                        not _subject_is_other(k, conj):
                    return refine(k, "killed"), k
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if nxt is not None and nxt.pos_ in ("ADJ", "VERB") and nxt.tag_ in ("JJ", "VBN") and \
            not any(k.dep_ in ("nsubj", "nsubjpass") for k in nxt.children):
        cls = lexical_class(nxt)
        if cls:
            return refine(nxt, cls), nxt
    return None


def _subject_is_other(verb: Token, noun: Token) -> bool:
    """'the men who killed 3': in a relative clause the noun may be the agent, not the victim."""
    return any(k.dep_ == "nsubj" for k in verb.children) and verb.lemma_.lower() not in (
        "die", "perish")


ARG_PREPS = WORDS.words("arg_preps")
NESTING_PREPS = WORDS.words("nesting_preps")


THINGS = WORDS.words("things")


def govern(noun: Token, number: Token) -> Governor:
    """The measure of a figure whose counted word is ``noun`` (``number`` is its last token)."""
    found = _govern(noun, number)
    fatal = _fatal_part(number, found)
    if fatal is not None:
        return fatal
    if found.measure == "deployed" and found.token is not None and to_hospital(found.token):
        found = Governor("hit", found.token, found.role, found.nested)  # 'sent 4 to hospital'
    if noun.i != number.i and noun.lemma_.lower() in THINGS and found.measure != "other":
        return Governor("other", found.token, found.role, True)
    return found


def _fatal_part(number: Token, found: Governor) -> Governor | None:
    """'six people were shot, two fatally', 'two of them fatally': the number the adverb
    modifies counts the dead among the victims of the verb it hangs on (a part of them)."""
    if number.dep_ not in ("npadvmod", "appos", "nsubj", "nsubjpass", "dobj", "conj") or not any(
            k.dep_ == "advmod" and k.lower_ in FATAL_ADVERBS and k.lower_ != "dead" for k in number.children):
        return None
    verb = number.head
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT" and verb.head.i != verb.i:
        verb = verb.head
    cls = lexical_class(verb)
    if cls not in ("hit", "injured", "killed"):
        return None
    return Governor("killed", verb, found.role or number.dep_, True)


def _govern(noun: Token, number: Token) -> Governor:
    if noun.i != number.i and noun.lower_ in ("shot", "stabbed") and noun.i == number.i + 1:
        return Governor("hit", noun, "self")  # headline '3 shot in ...'
    lives = _lives(noun)
    if lives:
        return lives
    weak_self = None  # 'refugees', 'hostages': the noun says it unless a verb says otherwise
    for tok in ((noun, number) if noun.i != number.i else (number,)):
        cls = lexical_class(tok)
        if tok.lemma_.lower() in SELF_EXCLUDED and tok.pos_ == "NOUN":
            continue  # 'six gunshot wounds' counts wounds; '2 hurt' (a title) counts people
        if cls in ("killed", "injured", "casualties", "captured", "displaced", "missing") and (
                tok.pos_ in ("NOUN", "ADJ", "PROPN") or (tok.i == noun.i and tok.i != number.i)) \
                and not (tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.i > tok.i):
            if cls in ("killed", "injured", "casualties"):
                return Governor(cls, tok, "self")
            weak_self = weak_self or Governor(cls, tok, "self")
    partitive = _partitive(noun, number)
    mod = _modifier_class(noun)
    found = _climb(noun)
    if mod and not unreal(mod[1]) and not (
            mod[0] in ("captured", "displaced", "arrested", "missing", "deployed")
            and found.measure in ("killed", "injured", "casualties", "hit")
            and noun.dep_ in ("dobj", "nsubjpass", "nsubj")):
        return Governor(mod[0], mod[1], "mod", partitive)  # 'people killed', 'troops deployed'

    if partitive and not found.nested:
        found = Governor(found.measure, found.token, found.role, True)
    if found.measure == "other":
        pre = _modifier_class(noun, prenominal=True)
        if pre:
            return Governor(pre[0], pre[1], "mod", found.nested)
        if weak_self:
            return weak_self
    return found


BACK_REFERENCES = WORDS.words("back_references")


def _partitive(noun: Token, number: Token) -> bool:
    """'one of two women', 'four of the five killed', 'one of them': a part (or the whole) of
    a group counted elsewhere. 'two of their bodyguards' is a count of its own."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    if noun.i == number.i or noun.like_num:
        return noun.head.head.like_num
    return _counted_group(noun)


GROUP_NOUNS = WORDS.words("group_nouns")


def _through_of(owner: Token) -> bool:
    """'X of N people': the figure stands for X only when X is a part, a group or an event
    ('one of', 'a group of', 'the deaths of'), not a person or a thing of its own."""
    if owner.like_num or owner.pos_ in ("VERB", "AUX", "ADP"):
        return True
    lemma = owner.lemma_.lower()
    return lemma in GROUP_NOUNS or owner.lower_ in GROUP_NOUNS or lexical_class(owner) is not None \
        or lemma in ("life", "lives", "toll")


def _counted_group(noun: Token) -> bool:
    """'two women', 'the five killed', 'them', 'the victims': a group counted elsewhere."""
    return noun.like_num or any(k.dep_ == "nummod" for k in noun.children) or \
        noun.lemma_.lower() in BACK_REFERENCES or noun.lower_ in BACK_REFERENCES


LIFE_VERBS = WORDS.words("life_verbs")


def _lives(noun: Token) -> Governor | None:
    """'claimed the lives of 12 people', 'lost their lives', 'claimed 12 lives'."""
    tok = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "lives":
        tok = noun.head.head
    if tok.lower_ != "lives" or tok.dep_ != "dobj" or tok.head.lemma_.lower() not in LIFE_VERBS:
        return None
    return Governor("killed", tok.head, "dobj")


def _climb(noun: Token) -> Governor:
    """Up the tree from the counted word to the verb or noun that says what happened to it."""
    child, nested = noun, False
    for _ in range(6):
        head = child.head
        if head.i == child.i:
            break
        dep = child.dep_
        if dep == "pobj":
            word = head.lower_
            if word not in ARG_PREPS:
                break
            along = word == "with" and (any(
                t.lower_ in ("along", "together") for t in (head.doc[head.i - 1], *head.children))
                or child.lower_ in ("others", "people"))  # 'was killed with four others'
            if (word in NESTING_PREPS and not along) or (
                    word == "of" and head.head.like_num and _counted_group(child)):
                nested = True
            if word == "of" and not _through_of(head.head):
                break  # 'the sister of the two boys died': the count is not who died
            child = head
            if head.head.pos_ == "VERB" and head.dep_ == "prep" and (
                    along or word in ("including", "among", "besides", "comprising")):
                found = _verb_measure(head.head, "arg" if along else "prep", nested)
                if found is not None:
                    return found
            continue
        if dep == "dobj" and head.lower_ in ("comprising", "including", "excluding") and \
                head.dep_ in ("acl", "prep", "advcl"):
            nested = True  # '18 people, comprising 10 soldiers and eight civilians'
            child = head
            continue
        if dep == "conj" and head.pos_ == "NOUN" and lexical_class(head):
            break  # 'five deaths and 18 injuries': each noun says what it counts
        if dep == "prep":
            if head.pos_ in ("VERB", "AUX"):  # 'the death toll climbed to 87'
                toll = _toll_measure(head)
                if toll:
                    return Governor(toll, head, "toll", nested)
                cls = lexical_class(head)
                if cls and child.lower_ in ("over", "about", "around", "nearly", "almost", "some",
                                            "approximately", "roughly", "under", "above"):
                    # 'wounded over 50': the qualifier parsed as a preposition
                    return Governor(refine(head, cls), head, "dobj", nested)
            if child.lower_ == "of" and head.pos_ in ("NOUN", "PROPN", "ADJ"):
                cls = lexical_class(head)
                if cls and cls not in ("hit", "deployed"):
                    return Governor(cls, head, "self", nested)
            child = head
            continue
        if dep in ("nummod", "quantmod", "compound"):
            child = head
            continue
        if dep == "appos":
            nested = True
        if dep not in ARG_DEPS:
            break
        if dep == "agent":
            break
        cls = lexical_class(head)
        if cls and dep == "nsubj" and _agentive(head):
            return Governor("other", head, "agent", nested)  # 'two gunmen killed ...'
        if head.pos_ == "VERB" and to_death(head) and not unreal(head):
            return Governor("killed", head, dep, nested)  # 'burned to death'
        if cls and not (head.pos_ in ("NOUN", "PROPN") and cls == "deployed"):
            if unreal(head):
                return Governor("other", head, dep, nested)
            return Governor(refine(head, cls), head, dep, nested)
        toll = _toll_measure(head) if head.pos_ in ("VERB", "AUX") else None
        if toll:
            return Governor(toll, head, "toll", nested)
        if head.pos_ in ("NOUN", "PROPN"):
            nm = _noun_measure(head) if head.lemma_.lower() in TOLL_HEADS else None
            if nm:
                return Governor(nm, head, "toll", nested)
        if head.pos_ in ("VERB", "AUX"):
            complement = _verb_complement(head, child)
            if complement and not unreal(head):
                return Governor(complement[0], head, dep, nested)
            break
        child = head
    return Governor("other", None, "", nested)


def to_hospital(verb: Token) -> bool:
    """'sent / rushed / taken to (the) hospital'."""
    if verb.lemma_.lower() not in TRANSPORT_VERBS:
        return False
    return any(k.dep_ == "prep" and k.lower_ in ("to", "into") and any(
        p.lemma_.lower() in ("hospital", "clinic") for p in k.children) for k in verb.children)


def to_death(verb: Token) -> bool:
    return any(k.dep_ == "prep" and k.lower_ == "to" and any(
        p.lemma_.lower() == "death" and p.dep_ == "pobj" for p in k.children) for k in verb.children)


def _verb_measure(verb: Token, role: str, nested: bool) -> Governor | None:
    """A figure attached to ``verb`` through a preposition ('killed along with four others')."""
    cls = lexical_class(verb)
    if to_death(verb):
        cls = "killed"
    if cls is None or unreal(verb):
        return None
    return Governor(refine(verb, cls), verb, role, nested)


TRANSPORT_VERBS = WORDS.words("transport_verbs")
CONDITIONS = WORDS.words("conditions")


def _verb_complement(verb: Token, arg: Token | None = None) -> tuple[str, Token] | None:
    """'were found dead', 'left 3 dead', 'were taken to hospital with injuries'."""
    fallback: tuple[str, Token] | None = None
    for k in verb.children:
        if arg is not None and k.i == arg.i:
            continue  # the counted phrase itself ('suffered six gunshot wounds')
        if k.dep_ == "prep" and k.lower_ == "with" and any(
                p.dep_ == "pobj" and _CLASS_OF.get(p.lemma_.lower()) == "injured" and p.pos_ == "NOUN"
                for p in k.children):
            wound = any(p.lemma_.lower() == "wound" for p in k.children)
            fallback = ("hit" if wound else "injured"), k  # 'were found with gunshot wounds'
            continue
        if k.dep_ == "dobj" and k.lower_ in ("lives", "life") and \
                verb.lemma_.lower() in ("lose", "give", "sacrifice"):
            return "killed", k  # '31 persons lost their lives'
        if k.dep_ == "dobj" and verb.lemma_.lower() in ("sustain", "suffer", "receive") and \
                _CLASS_OF.get(k.lemma_.lower()) == "injured":
            if any(a.lower_ in ("fatal", "mortal") for a in k.children):
                return "killed", k
            # '39 others sustained injuries'; a gunshot wound may have been fatal: hit
            return ("hit" if k.lemma_.lower() == "wound" else "injured"), k
        if k.dep_ == "prep" and k.lower_ == "in" and any(
                p.lemma_.lower() == "condition" and any(a.lower_ in CONDITIONS for a in p.children)
                for p in k.children):
            return "injured", k  # 'thirty people were in critical condition'
        if k.dep_ in ("oprd", "attr", "dobj") and k.pos_ == "NOUN" and \
                verb.lemma_.lower() in ("take", "hold") and lexical_class(k) == "captured":
            return "captured", k  # 'were taken prisoner', 'held hostage'
        if k.dep_ in ("xcomp", "advcl", "oprd", "conj") and k.pos_ == "VERB" and to_death(k):
            return "killed", k  # 'were found burned to death'
        if (k.dep_ in ("oprd", "acomp", "xcomp", "advmod") and k.pos_ in ("ADJ", "VERB", "ADV")) or (
                k.dep_ in ("advcl", "conj") and k.tag_ == "VBN" and not _has_own_args(k)):
            cls = lexical_class(k)
            if cls and not unreal(k):
                return refine(k, cls), k
        if k.dep_ == "prep" and k.lower_ == "to":  # 'taken to a hospital, where they died'
            for place in k.children:
                for rel in place.children:
                    if rel.dep_ == "relcl" and lexical_class(rel) == "killed" and not unreal(rel):
                        return "killed", rel
    return fallback
