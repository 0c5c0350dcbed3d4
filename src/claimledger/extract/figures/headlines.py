"""Headlines written as sentences: headline English drops the auxiliary and the article
('Juvenile shot in arm in Duquesne', 'Boy, 14, fatally shot', '16-Year-Old Accidentally
Shot'), which the parser reads as noun compounds. :func:`sentence_form` restores them ('A
juvenile was shot in arm in Duquesne') so a headline's victims are counted like a body's.
The words come from ``words.csv`` (``headline_participles``, ``headline_adverbs``,
``auxiliaries``, ``object_openers``); the rewritten text is parsed only for its totals, never shown."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from claimledger.extract.extensions import FIGURES
from claimledger.extract.figures._words import WORDS
from claimledger.extract.figures.finder import article_totals
from claimledger.extract.figures.victims import PERSON_NOUNS
from claimledger.records import Figure, Totals

PARTICIPLES = WORDS.ordered("headline_participles")
ADVERBS = WORDS.words("headline_adverbs")
AUXILIARIES = WORDS.words("auxiliaries")
OBJECT_OPENERS = WORDS.words("object_openers")
_TOKEN = re.compile(r"\S+")
TITLE_CASE_SHARE = 0.7  # a headline this capitalised is in Title Case


def sentence_form(title: str) -> str | None:
    """The headline with its auxiliary restored before a casualty participle ('was shot',
    'was fatally shot') and a bare person noun opening it given an article ('A boy'); Title
    Case lowered. None when nothing changes."""
    words = _sentence_case(title).split()
    out: list[str] = []
    changed = words != title.split()
    for n, w in enumerate(words):
        if _participle_at(words, n) and not _after_auxiliary(words, n):
            out.append("was")
            changed = True
        out.append(w)
        if n == 0 and _bare_subject(words):
            out[-1] = w[0].lower() + w[1:]
            out.insert(0, "An" if w[:1].lower() in "aeiou" else "A")
            changed = True
    return " ".join(out) if changed else None


def _participle_at(words: list[str], n: int) -> bool:
    """A casualty participle starts at ``n`` (or an adverb before one: 'fatally shot'), after a
    word that can end a subject."""
    if n == 0:
        return False
    k = n
    while k < len(words) and _bare(words[k]).lower() in ADVERBS:
        k += 1
    if k >= len(words) or _bare(words[k]).lower() not in PARTICIPLES:
        return False
    prev = _bare(words[n - 1]).lower()
    after = _bare(words[k + 1]).lower() if k + 1 < len(words) else ""
    active = after in OBJECT_OPENERS or after in PERSON_NOUNS or after[:1].isdigit()  # 'Officer shot a man'
    return bool(prev) and prev not in ADVERBS and prev not in AUXILIARIES and prev not in PARTICIPLES and not active \
        and words[n - 1][-1:] != ":"


def _bare_subject(words: list[str]) -> bool:
    """The headline opens with a singular person noun and no article, as the subject of a
    casualty participle ('Boy shot', 'Boy, 14, fatally shot')."""
    first = _bare(words[0]).lower()
    return first in PERSON_NOUNS and not first.endswith("s") and len(words) > 1 and (
        words[0].endswith(",") or _participle_at(words, 1))


def _after_auxiliary(words: list[str], n: int) -> bool:
    return n > 0 and _bare(words[n - 1]).lower() in AUXILIARIES


def _bare(word: str) -> str:
    return word.strip(",.;:!?\"'“”‘’()")


def _sentence_case(title: str) -> str:
    """'16-Year-Old Accidentally Shot In Duquesne' -> '16-year-old accidentally shot in duquesne'
    (first word kept)."""
    words = _TOKEN.findall(title)
    alpha = [w for w in words if w[:1].isalpha()]
    if len(alpha) < 2 or sum(w[:1].isupper() for w in alpha) < TITLE_CASE_SHARE * len(alpha):
        return title
    return " ".join([words[0][:1] + words[0][1:].lower(), *(w.lower() for w in words[1:])])


def title_totals(figures: Sequence[Figure], doc: Doc, parse: Callable[[str], Doc]) -> Totals:
    """A headline's totals; when its own parse counts no victims, those of its sentence form
    (``parse`` runs the pipeline on a text). The rewritten text's figures are not the
    headline's, so only the counts are kept."""
    totals = article_totals(figures, doc)
    if totals.killed or totals.injured:
        return totals
    form = sentence_form(doc.text)
    if form is None:
        return totals
    rewritten = parse(form)
    found = article_totals(rewritten._.get(FIGURES), rewritten)
    if not (found.killed or found.injured):
        return totals
    return Totals(killed=found.killed, injured=found.injured, background=totals.background)
