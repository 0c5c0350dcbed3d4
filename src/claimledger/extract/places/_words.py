"""Word lists and thresholds for recognising place names (written for claimledger)."""

from __future__ import annotations

import re

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

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

DOTTED = re.compile(r"^(?:[A-Z]\.){2,}$")  # initials: 'U.S.', 'I.R.S.'

DEMONYM = re.compile(r"(?:ians?|eans?|ans?|ese|ish|ic|i|ites?|ers?)$", re.IGNORECASE)

STRONG_CITY_POP = 100_000
BIG_CITY_POP = 1_000_000

# words of local features (streets, buildings): placed by the article's town when unresolved
FEATURE_WORDS = frozenset("""street st avenue ave road rd drive dr boulevard blvd lane ln highway
hwy freeway expressway turnpike airport hospital park estate bridge square stadium racecourse
market mall center centre lagoon point beach harbor harbour court place parkway hall plaza
church cathedral basilica mosque temple station terminal port pier campus arena field gardens
garden zoo museum library prison jail creek heights woods manor acres""".split())

# natural features: a name with one is resolved through the town inside it, or by the town
NATURAL_WORDS = frozenset("""river lake lakes island islands bay marina mountain mountains valley
falls springs canyon creek reservoir dam forest desert coast""".split())
# streets are named after people and other towns, never resolved through a name inside them
STREETS = frozenset("""street st avenue ave road rd drive dr boulevard blvd lane ln highway hwy
freeway expressway turnpike parkway court place square plaza""".split())
# last words of ORG/PERSON entities that are really places ('Dubonet Drive', 'X Hospital')
FEATURE_HEADS = frozenset("""street avenue road drive boulevard lane highway estate airport
racecourse stadium hospital infirmary square bridge""".split())

# words that name places only by accident ('South', 'Vice', 'March'): never a place alone
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
northeast northwest southeast southwest metro council supreme section pack titan continental earth
superior grand wild congress senate parliament capitol justice day night week year
""".split())
TITLE_WORDS = frozenset("""coach mayor senator sen rep gov governor president judge officer sgt lt
capt det dr mr mrs ms miss sheriff chief pastor rev father sister brother prof professor gen col
maj cpl pvt deputy trooper commissioner councilman councilwoman superintendent principal attorney
manager director secretary minister king queen prince princess lord lady sir dame justice
spokesman spokeswoman""".split())
SPEECH_VERBS = frozenset("""said says told added explained noted stated insists insisted
comments commented claims claimed responds responded""".split())
# organisations often tagged as places in conflict news
NOT_PLACES = frozenset({
    "hamas", "hezbollah", "hizbollah", "taliban", "isis", "isil", "al qaeda", "al shabaab",
    "houthis", "boko haram", "nato", "duma", "knesset", "sana",
})

LOCATIVE_BEFORE = frozenset("""in of from near at to outside into across throughout around toward
towards via over inside within between through on downtown shelled bombed captured seized
liberated recaptured besieged encircled stormed evacuated visited attacked struck""".split())

LOCAL_NOUNS = frozenset("""man woman men women resident residents police area county city native
couple teen teenager boy girl family home mayor officials authorities school schools community
neighborhood neighbourhood council district native natives citizens people detectives officers
restaurant business businesses hospital hospitals parents students voters jury citywide sewer
streets neighborhoods leaders firefighters downtown suburbs mother father""".split())

INSTITUTION_WORDS = frozenset("""police sheriff sheriff's council county city fire schools school
public hospital department court commission chamber airport board township municipal
metro""".split())

ORG_WORDS = frozenset("""chamber commerce council university college club association department
ministry police company bank group institute agency authority board committee commission
federation union party times post herald tribune news""".split())
