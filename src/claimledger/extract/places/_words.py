"""Word lists and thresholds for recognising place names (written for claimledger); the lists
are read once from ``words.csv``, each row with its origin."""

from __future__ import annotations

import csv
import re
from types import MappingProxyType

from claimledger.extract.lexicon import Lexicon

WORDS = Lexicon.read(__package__ or "claimledger.extract.places")

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

EMBEDDING_LABELS = frozenset({"ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP"})

COUNTRY_LIKE = frozenset({"continent", "country", "region", "sea"})

ADMIN_KINDS = frozenset({"admin1", "admin2"})

BROAD_KINDS = frozenset({"continent", "country", "region", "admin1", "sea", "river", "lake",
                         "mountain", "canal"})

DESIGNATORS = WORDS.words("designators")

PRE_DESIGNATORS = WORDS.words("pre_designators")

CITY_WORDS = WORDS.words("city_words")

ARTICLES = WORDS.words("articles")

POSSESSIVE = WORDS.words("possessive")

DOTTED = re.compile(r"^(?:[A-Z]\.){2,}$")  # initials: 'U.S.', 'I.R.S.'

DEMONYM = re.compile(r"(?:ians?|eans?|ans?|ese|ish|ic|i|ites?|ers?)$", re.IGNORECASE)

STRONG_CITY_POP = 100_000
BIG_CITY_POP = 1_000_000

# words of local features (streets, buildings): placed by the article's town when unresolved
FEATURE_WORDS = WORDS.words("feature_words")

# natural features: a name with one is resolved through the town inside it, or by the town
NATURAL_WORDS = WORDS.words("natural_words")
# streets are named after people and other towns, never resolved through a name inside them
STREETS = WORDS.words("streets")
# last words of ORG/PERSON entities that are really places ('Larkspur Drive', 'X Hospital')
FEATURE_HEADS = WORDS.words("feature_heads")

# words that name places only by accident ('South', 'Vice', 'March'): never a place alone
GENERIC_WORDS = WORDS.words("generic_words")
TITLE_WORDS = WORDS.words("title_words")
SPEECH_VERBS = WORDS.words("speech_verbs")
# organisations often tagged as places in conflict news
NOT_PLACES = WORDS.words("not_places")

LOCATIVE_BEFORE = WORDS.words("locative_before")

LOCAL_NOUNS = WORDS.words("local_nouns")

INSTITUTION_WORDS = WORDS.words("institution_words")

ORG_WORDS = WORDS.words("org_words")

# directions that make a larger region of a name ('North American', 'Northern Syria')
COMPASS_WORDS = WORDS.words("compass_words")

# words after a name that make it a part of a town ('the Austin neighborhood')
DISTRICT_WORDS = WORDS.words("district_words")


def _demonyms() -> dict[str, str]:
    """demonym (as written) -> place code, from ``data/demonyms.csv``."""
    from importlib import resources

    text = resources.files(__package__ or "claimledger.extract.places").joinpath(
        "data", "demonyms.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {r["demonym"]: r["code"] for r in csv.DictReader(lines)}


DEMONYMS = MappingProxyType(_demonyms())
DEMONYM_WORDS = max((len(d.split()) for d in DEMONYMS), default=1)
# the words a demonym can start with (plurals of one-word demonyms included): a quick first test
DEMONYM_STARTS = frozenset(w for d in DEMONYMS for w in (d.split()[0], d + "s" if " " not in d else ""))
