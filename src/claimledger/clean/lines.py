"""Line-level boilerplate: promo headlines, donation/subscribe footers, repeated paragraphs.

The text is never changed: each finding is a :class:`Removal` (offsets into the text, a reason).
A "line" is one paragraph as news extractors and plain-text reports lay them out: a run of
characters between newlines. Rules look at wording *patterns* (imperative calls to act, "Read:"
style leads, all-caps section tags) and at layout (a short headline between two body paragraphs),
never at the names of particular outlets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimledger.records import Removal

PROMO = "promo"
BOILERPLATE = "boilerplate"
DUPLICATE = "duplicate"
TITLE = "title"
STANDFIRST = "standfirst"
_SELF_EVIDENT = frozenset([BOILERPLATE, TITLE])

# -- promo: teaser leads ("READ: ...", "Related: ...", "Watch - ..."), bare section headers --------
_LEADS = (
    r"read|read more|read also|also read|must read|related|related (?:articles?|stories|coverage|content|"
    r"news|links?|reading|posts?)|more|more (?:from|on|about) [\w.' ]{1,30}|more stories|more news|see|"
    r"see also|see more|also see|watch|watch more|watch now|watch live|video|listen|listen now|also|"
    r"also on [\w.]+|recommended|recommended for you|suggested|don'?t miss|do not miss|trending|"
    r"trending now|most read|most popular|popular on [\w.]+|you may also like|you might also like|"
    r"further reading|explore further|top stories|editor'?s picks?|latest|latest news|previously|"
    r"next|up next|in case you missed it|icymi|click here|learn more"
)
_LEAD_RE = re.compile(rf"^\W{{0,3}}(?:{_LEADS})\s*(?:[:|»>]+|\s[–—-]+|\.{{3}}|…)\s*\S", re.I)
_HEADER_RE = re.compile(
    rf"^\W{{0,3}}(?:{_LEADS})(?:\s+(?:stories|articles|news|videos|links|coverage|content))?\W{{0,3}}$", re.I)
_HEADER_START_RE = re.compile(
    r"^\W{0,3}(?:most (?:read|popular|viewed|shared)|popular (?:on|in)|more (?:from|in|on)|"
    r"recommended|you (?:may|might) (?:also )?like|related|trending)\b", re.I)
_TAG_END_RE = re.compile(r"[^.!?\s]\s*\[[A-Z][A-Z ]{2,20}\]\W{0,2}$")
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-–•*·▪►]|\d{1,2}[.)])\s+\S")
_LIST_MARK_RE = re.compile(r"^\d{1,2} ")  # a numbered item's number, once normalised

# -- boilerplate: calls to act, rights notices, credits, contact lines, interface words ------------
_CALLS = (
    r"(?:make|consider making) a (?:small |one-time |tax-deductible )?(?:donation|contribution)|donate\b|"
    r"support (?:us|our|independent|local|quality|this)\b|subscribe\b|sign up\b|signup\b|sign-up\b|"
    r"follow (?:us|@|me|the latest)\b|connect with us\b|join (?:us|our|the conversation)\b|"
    r"like us on\b|share (?:this|it|on|your)\b|click here\b|tap here\b|"
    r"get (?:the latest|our|breaking|the best|the day'?s|the morning|the evening|the \w+ newsletter)\b|"
    r"download (?:our|the) (?:free )?app\b|become a (?:member|subscriber|supporter|patron)\b|"
    r"register (?:now|for free|today)\b|already a (?:subscriber|member)\b|to continue reading\b|"
    r"have a (?:news )?tip\?|got a (?:news )?tip\?|like this (?:story|article)\?|"
    r"enjoyed this (?:story|article)\?|if you (?:enjoyed|liked|value|appreciate|found)\b|"
    r"we (?:rely|depend) on (?:readers|you)\b|your (?:support|contribution) (?:helps|enables|makes)\b|"
    r"if you (?:buy|purchase) (?:something|anything|a product)\b|"
    r"we may (?:earn|get|receive) a (?:commission|share)\b|"
    r"for (?:more|the latest|breaking) (?:[\w-]+ ){0,3}(?:news|stories|coverage|updates|headlines|videos?)\b"
)
_CALL_RE = re.compile(rf"^\W{{0,3}}(?:please\s+)?(?:{_CALLS})", re.I)
_LATER_CALL_RE = re.compile(rf"[.!?]\s+(?:please\s+)?(?:{_CALLS})", re.I)  # a call after a first sentence
_QUOTES = frozenset("\"'“”‘’«»„")
_SOCIAL = r"(?:twitter|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky|telegram|x\b)"
_FOLLOW_RE = re.compile(
    rf"(?:^|[.!?:,]\s+)\W?(?:(?:find|like|join)\s[^.!?]{{0,80}}?\bon\s+{_SOCIAL}|"
    rf"follow\s(?:[^.!?]|[.!?](?=\S)){{0,80}}?(?:\bon\s+|:\s*){_SOCIAL})", re.I)
_SITE_UI_CUES = (  # cheap pre-check for the expression below
    "digital access", "full access", "subscription", "maximum number", "zip", "enter the", "watch the video",
    "mobile device", " app", "error", "try again", "has been sent", "has been shared", "reprint", "print",
    "size", "reading time", "javascript", "browser", "already", "thank you for", "sign", "log", "welcome",
    "terms of", "cookie", "notification", "verification", "confirmation", "check your", "blocker", "scroll",
    "like this", "report an", "submit a tip", "owner of this", "{*", "click", "set up", "profile", "delivery",
    "newsletter",
)
# Account, notification and player furniture: registration walls, cookie notices, video players.
_SITE_UI_RE = re.compile(
    r"enable javascript|javascript is (?:disabled|required)|your browser (?:does not|doesn't)|"
    r"already (?:have an account|a member|registered)|thank you for (?:registering|signing up|subscribing)|"
    r"^\W{0,3}(?:sign|log) ?in\b|^\W{0,3}welcome back|terms of (?:service|use)\b.{0,40}privacy policy|"
    r"privacy policy\b.{0,40}terms of (?:service|use)|cookie policy|(?:we|this (?:site|website)) uses? cookies|"
    r"your notification|email notifications|notification has been|verification (?:email|message)|"
    r"confirmation email|check your (?:spam|junk|inbox|email and click)|ad ?blocker|scroll down for (?:video|more)|"
    r"^like this: like|report an error|submit a tip|you are the owner of this article|\{\*|"
    r"click (?:on )?the (?:button|link) below|set up your account|update your profile|"
    r"(?:enjoy|get) (?:the convenience of )?home delivery|^\W{0,3}email newsletters?\b|"
    r"sign up for (?:our|one of our|a|the)\b.{0,40}(?:newsletter|email|alerts?)|"
    r"an error (?:has )?occurred|please try again|this (?:article|story) has been (?:sent|shared)|"
    r"^\W{0,3}(?:order reprints|print (?:this )?article|text size|font size|reading time)\b|"
    r"digital access|full access subscriber|subscription offers sent|not in our deliverable area|"
    r"read the maximum number of|re-?enter (?:your )?zip ?code|enter the characters|watch the video here|"
    r"on a mobile device\?|^\W{0,3}download (?:the |our )?app\b|"
    r"\b(?:download|install|grab|get) (?:the|our) (?:free )?[\w.' ]{0,30}\bapp\b",
    re.I)
_SOCIAL_SITES = ("twitter", "facebook", "instagram", "linkedin", "youtube", "tiktok", "threads", "bluesky",
                 "telegram", " x")
_RIGHTS_CUES = ("reserved", "©", "(c)", "copyright", "commercial", "may not be", "permission")  # cheap pre-check
_RIGHTS_RE = re.compile(
    r"all rights reserved|(?<![^\s(\[|])©|\(c\)\s*\d{4}|\bcopyright\s+\d{4}|"
    r"^\W{0,3}copyright\b(?=.*(?:\d{4}|[©ⓒ]|\(c\)))|"  # a notice, not a heading about copyright
    r"for your personal,? non-?commercial use|"
    r"(?:material|article|content|story) may not be (?:published|reproduced|redistributed|copied)|"
    r"reproduced without (?:the )?(?:prior )?written permission", re.I)
_CREDIT_RE = re.compile(
    r"^\W{0,3}(?:(?:additional |contributing )?reporting by|editing by|edited by|writing by|"
    r"compiled by|contributing:|with (?:\w+ )?wires\b|source:|sources:|photo credit|image credit|"
    r"(?:image|photo|photograph|picture|video)s? (?:via|by|courtesy|credit)\b|"
    r"[\w.' ]{2,60} contributed to this (?:report|story|article))", re.I)
_BYLINE_RE = re.compile(r"^\W{0,3}by:?\s+\S", re.I)
_DEVELOPING_RE = re.compile(
    r"^\W{0,3}(?:this is a (?:developing|breaking) (?:news )?story|check back (?:later |soon )?for "
    r"(?:updates|more)|this (?:story|article|post) (?:will be|has been|is being|may be) updated|"
    r"stay with [\w.' ]{1,40} for|keep checking [\w.' ]{1,40} for|refresh (?:this page )?for updates)", re.I)
_CONTACT_ONLY_RE = re.compile(
    r"^\W*(?:(?:[\w.+-]+@[\w-]+\.[\w.]+|\(?\+?\d[\d\s().-]{6,}\d|@\w+)\W*(?:or|and|\||,|/)?\W*)+$", re.I)
_NOTICE_RE = re.compile(r"all rights reserved|(?<![^\s(\[|])©|\(c\)\s*\d{4}|\bcopyright\s+\d{4}", re.I)
_CLAUSE_END_RE = re.compile(r"[.!?|]\s+")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_CONTACT_RE = re.compile(r"\b(?:e-?mail|write to|reach(?:ed)?|contact|tips?|follow)\b", re.I)
_ONLY_LINK_RE = re.compile(r"^\W*(?:[\w.+-]+@[\w-]+\.[\w.]+|@\w+)\W*$")  # a bare address or handle
_RULE_RE = re.compile(r"^[\W_]{3,}$")
_SLUG_ITEM_RE = re.compile(r"^[-•*]\s+[a-z0-9]+(?:[-_][a-z0-9]+)+$")
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
           "august|september|october|november|december")
_CLOCK_TIME_RE = re.compile(r"\b\d{1,2}:\d{2}\b")
_DATE_NAME_ANY_RE = re.compile(rf"\b(?:{_MONTHS}|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|"
                               r"friday|saturday|sunday|updated|published|posted|modified)\b", re.I)
_CLOCK_RE = re.compile(r"\b[ap]\.m\.?", re.I)
_DATELINE_WORD_RE = re.compile(
    rf"^(?:{_MONTHS}|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"\d{1,4}(?:st|nd|rd|th)?|am|pm|a\.m|p\.m|gmt|utc|[ecmp][sd]t|bst|cet|updated|published|posted|"
    r"last|modified|on|at|ago|hours?|minutes?|mins?|days?|weeks?|edt|est|pdt|pst|just|now|yesterday|today)$",
    re.I)
_UI_PHRASES = frozenset([
    "by", "thank you", "thanks", "more", "next", "previous", "prev", "back", "top", "back to top",
    "read more", "load more", "show more", "see more", "text size", "print article", "order reprints",
    "copy link", "share this", "share this article", "advertisement", "advertisements", "ad", "ads",
    "sponsored", "comments", "comment", "share", "print", "email", "tweet", "loading", "menu", "close",
    "photos", "photo", "video", "videos", "gallery", "skip", "reprints", "subscribe", "newsletter",
    "newsletters", "twitter", "facebook", "google", "pinterest", "linkedin", "reddit", "whatsapp",
    "instagram", "tumblr", "messenger", "sms", "google plus", "enlarge", "watch this story", "copy link copy",
    "hide transcript", "show transcript", "hide transcript show transcript", "play", "play video",
])
_LEADING_COUNT_RE = re.compile(r"^\d+\s+")

# -- layout -------------------------------------------------------------------------------------
_WORD_RE = re.compile(r"\w[\w'’-]*")
_END_PUNCT = tuple(".!?…:;\"”’')»")
_SENTENCE_END = tuple(".!?…\"”’")
_NEAR_MIN_WORDS = 12
_MENU_MAX_WORDS = 3
_NAV_MIN_EDGE = 3  # menu entries in a row before the first or after the last body paragraph
_NAV_MIN_ANYWHERE = 5
_MAX_BUCKET = 16
_PUNCT_RE = re.compile(r"[^\w\s]+|_+")
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or over the to vs via with after".split())


@dataclass(frozen=True)
class Line:
    """One non-empty line of the text: its offsets and stripped content."""

    start: int
    end: int
    text: str
    words: tuple[str, ...]


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with offsets; ``start``/``end`` cover the stripped content."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            out.append(Line(start, start + len(stripped), stripped, tuple(_WORD_RE.findall(stripped))))
        pos += len(raw) + 1
    return out


def normalise(text: str) -> str:
    """Lower case, words only, single spaces: the key for repeats and title matches."""
    return " ".join(_WORD_RE.findall(text.lower()))


def repeat_key(text: str) -> str:
    """Lower case without punctuation ("2,000" and "2000" agree), single spaces: the key for repeats."""
    return " ".join(_PUNCT_RE.sub("", text.lower()).split())


# -- single-line rules ---------------------------------------------------------------------------
def is_promo(line: str, n_words: int | None = None) -> bool:
    """A teaser for another story: "READ: ...", "Related: ...", "DON'T MISS", "... [VIDEO]"."""
    if n_words is None:
        n_words = len(_WORD_RE.findall(line))
    if n_words > 30:
        return False
    if _LEAD_RE.match(line):
        return True
    if n_words <= 7 and (_HEADER_RE.match(line) or (_HEADER_START_RE.match(line) and not _ends_sentence(line))):
        return True
    return line.rstrip()[-3:].find("]") >= 0 and n_words <= 25 and bool(_TAG_END_RE.search(line))


def is_boilerplate(line: str, n_words: int | None = None) -> bool:
    """Site furniture: calls to donate/subscribe/follow, rights notices, credits, contact lines."""
    if _RULE_RE.match(line):
        return True
    if n_words is None:
        n_words = len(_WORD_RE.findall(line))
    if not n_words:
        return False
    if n_words <= 4:
        if _LEADING_COUNT_RE.sub("", normalise(line)) in _UI_PHRASES:  # "Share", "12 Comments"
            return True
    has_at = "@" in line
    if (has_at and _ONLY_LINK_RE.match(line)) or (line[0] in "-•*" and _SLUG_ITEM_RE.match(line)):
        return True
    if n_words <= 14 and is_dateline(line):
        return True
    if n_words > 60:
        return False
    quoted = line.lstrip()[:1] in _QUOTES  # '"Follow us," she said' is speech, not a call to act
    if not quoted and _CALL_RE.match(line):
        return True
    if not quoted and n_words <= 40 and _LATER_CALL_RE.search(line):
        return True  # "There's plenty more. Sign up for ..."
    lower = line.lower()
    if n_words <= 40 and any(cue in lower for cue in _SITE_UI_CUES) and _SITE_UI_RE.search(line):
        return True
    if any(cue in lower for cue in _RIGHTS_CUES) and _RIGHTS_RE.search(line):
        return trailing_notice(line) is None  # else only the glued-on notice goes
    if any(site in lower for site in _SOCIAL_SITES):
        m = _FOLLOW_RE.search(line)
        if m and (n_words <= 25 or m.start() == 0):  # else a body paragraph with a call glued in
            return True
    if n_words <= 30 and (_CREDIT_RE.match(line) or _DEVELOPING_RE.match(line)):
        return True
    if n_words <= 8 and _BYLINE_RE.match(line) and not _ends_sentence(line):
        return True
    if n_words <= 20 and (has_at or any(c.isdigit() for c in line[:3])) and _CONTACT_ONLY_RE.match(line):
        return True
    # "Contact the reporter at ...": short; a longer sentence with an address is a guide's advice
    return n_words <= 20 and has_at and bool(_EMAIL_RE.search(line)) and bool(_CONTACT_RE.search(line))


def is_dateline(line: str) -> bool:
    """A line that only dates the page: "November 19, 2019 / 12:21 AM / Updated 14 hours ago"."""
    if not (_CLOCK_TIME_RE.search(line) or _DATE_NAME_ANY_RE.search(line)):
        return False
    words = re.findall(r"[^\W_]+", _CLOCK_RE.sub(" ", line))
    if not words or not any(w.isdigit() for w in words):
        return False
    return all(_DATELINE_WORD_RE.match(w) for w in words)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_END_PUNCT)


def is_body(line: Line) -> bool:
    """A body paragraph: a sentence of some length that ends with sentence punctuation."""
    return len(line.words) >= 8 and _ends_sentence(line.text)


def looks_like_headline(line: Line) -> bool:
    """A linked story title: 5-20 words in Title Case, no final punctuation."""
    words = line.words
    if not 5 <= len(words) <= 20 or _ends_sentence(line.text):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS and not w[0].isdigit()]
    if len(content) < 4:
        return False
    capital = sum(1 for w in content if w[0].isupper())
    return capital / len(content) >= 0.8


# -- multi-line rules ----------------------------------------------------------------------------
def _headline_promos(lines: Sequence[Line], marked: dict[int, str]) -> Iterable[int]:
    """Title-case headline lines standing alone between two body paragraphs."""
    for i in range(1, len(lines) - 1):
        if i in marked or not looks_like_headline(lines[i]):
            continue
        prev = next((j for j in range(i - 1, -1, -1) if j not in marked), None)
        nxt = next((j for j in range(i + 1, len(lines)) if j not in marked), None)
        if prev is not None and nxt is not None and is_body(lines[prev]) and is_body(lines[nxt]):
            yield i


def trailing_notice(line: str) -> int | None:
    """Where a rights notice glued to the end of a body paragraph starts, or None.

    ("... seized two rifles. © 2016 Some Outlet. All rights reserved." -> the offset of "©".)
    """
    lower = line.lower()
    if not ("©" in line or "reserved" in lower or "copyright" in lower or "(c)" in lower):
        return None
    m = _NOTICE_RE.search(line)
    if m is None:
        return None
    starts = [e.end() for e in _CLAUSE_END_RE.finditer(line, 0, m.start() + 1)]
    cut = starts[-1] if starts else 0
    if cut == 0 or len(_WORD_RE.findall(line[cut:])) > 60:
        return None
    return cut


def _standfirsts(lines: Sequence[Line], marked: dict[int, str], headings: frozenset[str]) -> Iterable[int]:
    """Summary sentences set as headings between the headline and the first body paragraph."""
    for i, line in enumerate(lines[:4]):
        if i in marked:
            continue
        if " ".join(line.words).lower() not in headings:
            return
        if len(line.words) >= 8 and _ends_sentence(line.text):
            yield i


def _teaser_lists(lines: Sequence[Line], marked: dict[int, str],
                  link_texts: frozenset[str] | None = None) -> Iterable[int]:
    """Items under a promo header ("Related:", "More on this story", not itself a list item),
    up to the next body paragraph: list items, and in plain text (``link_texts`` None) also
    headlines (short lines that are not sentences). On a page (``link_texts`` given) an item
    must be the text of a link: a list that is not made of links is the story's own."""
    in_run = False
    for i, line in enumerate(lines):
        if marked.get(i) == PROMO:
            in_run = _is_promo_header(line) or (in_run and _LIST_ITEM_RE.match(line.text) is not None)
        elif i in marked:
            continue
        elif in_run and len(line.words) <= 20 and not is_body(line) and _is_teaser_item(line, link_texts):
            yield i
        else:
            in_run = False


def _is_teaser_item(line: Line, link_texts: frozenset[str] | None) -> bool:
    if link_texts is None:
        return _LIST_ITEM_RE.match(line.text) is not None or not _ends_sentence(line.text)
    return _LIST_ITEM_RE.match(line.text) is not None and _LIST_MARK_RE.sub("", normalise(line.text)) in link_texts


def _is_promo_header(line: Line) -> bool:
    """A promo line that introduces a list ("Related:", "More on this") rather than naming one
    story or being an entry of a list itself."""
    return (0 < len(line.words) <= 7 and not _LEAD_RE.match(line.text)
            and not _LIST_ITEM_RE.match(line.text))


def _is_menu_entry(line: Line) -> bool:
    """One to three capitalised words, no digits, no sentence punctuation and no "field: value"
    colon: "Home", "World News" (not "Gender: Male", a record's field)."""
    words = line.words
    return (0 < len(words) <= _MENU_MAX_WORDS and all(w[0].isupper() for w in words)
            and not _ends_sentence(line.text) and ":" not in line.text
            and not any(c.isdigit() for c in line.text))


def _nav_runs(lines: Sequence[Line], marked: dict[int, str]) -> Iterable[int]:
    """Navigation menus copied as text: runs of menu entries (already marked lines may sit in
    between), three or more before the first body paragraph or after the last, five anywhere."""
    body = [i for i, line in enumerate(lines) if i not in marked and is_body(line)]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and (i in marked or _is_menu_entry(lines[i])):
            if i not in marked:
                run.append(i)
            continue
        edge = bool(run) and (run[-1] < first or run[0] > last)
        if len(run) >= _NAV_MIN_ANYWHERE or (edge and len(run) >= _NAV_MIN_EDGE):
            yield from run
        run = []


def _shingles(words: Sequence[str], n: int = 3) -> set[tuple[str, ...]]:
    return set(zip(*(words[i:] for i in range(n)), strict=False)) if len(words) >= n else {tuple(words)}


class _Paragraphs:
    """Earlier paragraphs, found again by their first or last words, compared by word trigrams.

    A near copy (a word changed, added or dropped, or the text cut short) keeps either its
    opening or its closing words, so only paragraphs sharing one of them are compared.
    """

    def __init__(self, anchor: int = 4) -> None:
        self.anchor = anchor
        self.words: list[list[str]] = []
        self.grams: dict[int, set[tuple[str, ...]]] = {}
        self.by_end: dict[tuple[str, ...], list[int]] = {}

    def _ends(self, words: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return ("<",) + tuple(words[:self.anchor]), (">",) + tuple(words[-self.anchor:])

    def add(self, words: list[str]) -> None:
        idx = len(self.words)
        self.words.append(words)
        for end in self._ends(words):
            bucket = self.by_end.setdefault(end, [])
            bucket.append(idx)
            if len(bucket) > _MAX_BUCKET:  # many paragraphs opening alike: compare the latest only
                del bucket[0]

    def _grams(self, idx: int) -> set[tuple[str, ...]]:
        if idx not in self.grams:
            self.grams[idx] = _shingles(self.words[idx])
        return self.grams[idx]

    def has_near_copy(self, words: list[str], share: float = 0.9) -> bool:
        """True when ``share`` of the trigrams of ``words`` (or all but one edited word's three)
        occur in one earlier paragraph that states every figure ``words`` states."""
        candidates = {j for end in self._ends(words) for j in self.by_end.get(end, ())}
        if not candidates:
            return False
        grams = _shingles(words)
        need = max(0.7 * len(grams), min(share * len(grams), len(grams) - 3))
        figures = _figures(words)
        return any(len(self.words[j]) >= 0.8 * len(words) and len(grams & self._grams(j)) >= need
                   and _figures(self.words[j]) >= figures for j in candidates)


def _figures(words: Sequence[str]) -> set[str]:
    """The numbers a paragraph states: a near copy with other figures is another statement
    ("featuring 10 meals" / "featuring 12 meals"), not a repeat; a copy cut short may lose some."""
    return {w for w in words if any(c.isdigit() for c in w)}


def _duplicates(lines: Sequence[Line], marked: dict[int, str], min_words: int = 10) -> Iterable[int]:
    """Later copies of an earlier body paragraph, exact or near-exact after normalisation.

    Only sentences count (``min_words`` or more, ending like a sentence): short repeated lines and
    any line that occurs three times or more are page structure (a repeated question, a list
    template), not a repeated paragraph, and are left alone.
    """
    candidates = [i for i, line in enumerate(lines)
                  if i not in marked and len(line.words) >= min_words and line.text.endswith(_SENTENCE_END)]
    keys = {i: repeat_key(lines[i].text) for i in candidates}
    counts = Counter(keys.values())
    seen: set[str] = set()
    earlier = _Paragraphs()
    for i in candidates:  # a removed line is no original: a later copy of it stays
        key = keys[i]
        if counts[key] > 2:
            continue
        if key in seen:
            yield i
            continue
        seen.add(key)
        if len(lines[i].words) >= _NEAR_MIN_WORDS:
            words = key.split()
            if earlier.has_near_copy(words):
                yield i
                continue
            earlier.add(words)


def find_removals(text: str, *, titles: Iterable[str] = (), link_texts: frozenset[str] | None = None,
                  headings: frozenset[str] = frozenset(), urls: Iterable[str] = ()) -> list[Removal]:
    """Stretches of ``text`` that are not article body, with a reason each.

    ``titles`` (the page's headline variants) and ``link_texts`` (normalised anchor texts of the
    page) are optional hints from HTML: a line repeating the headline is marked "title", a line
    that is the whole text of a link elsewhere on the page is a teaser ("promo"), and a long
    sentence set as a heading above the first paragraph is the "standfirst". Without link
    texts (plain text) the page's layout is read from the lines' form: a Title-Case headline
    standing alone between body paragraphs and the headlines under a "Related:" / "More on
    this" header are teasers, and runs of menu entries ("Home", "World", "Sport") at the top
    or bottom are navigation (boilerplate). A line that is only one of ``urls`` (the page's own address) is
    boilerplate.
    """
    lines = split_lines(text)
    marked: dict[int, str] = {}
    title_keys = frozenset(k for k in (normalise(t) for t in titles) if k)
    own_urls = frozenset(_url_key(u) for u in urls if u)
    for i, line in enumerate(lines):
        reason = _line_reason(line, title_keys, link_texts or frozenset(), headings)
        if reason is None and own_urls and _url_key(line.text) in own_urls:
            reason = BOILERPLATE
        if reason:
            marked[i] = reason
    for i in list(_standfirsts(lines, marked, headings)):
        marked[i] = STANDFIRST
    plain = link_texts is None  # no page markup: layout is told from the lines' form alone
    if link_texts and headings:
        for i in list(_linked_headings(lines, marked, link_texts, headings)):
            marked[i] = PROMO
    for i in list(_teaser_lists(lines, marked, link_texts)):
        marked[i] = PROMO
    if plain:
        for i in list(_nav_runs(lines, marked)):
            marked[i] = BOILERPLATE
        for i in list(_headline_promos(lines, marked)):
            marked[i] = PROMO
    for i in list(_duplicates(lines, marked)):
        marked[i] = DUPLICATE
    removals = [Removal(lines[i].start, lines[i].end, reason) for i, reason in sorted(marked.items())]
    removals += _trailing_notices(lines, marked)
    return sorted(keep_most_text(removals, text), key=lambda r: r.start)


def keep_most_text(removals: list[Removal], text: str, share: float = 0.5) -> list[Removal]:
    """``removals`` without the layout-rule ones (teasers, repeats, standfirsts, which guess from
    context) when these would take more than ``share`` of the text the self-evident rules
    (boilerplate wording, the headline) leave: a page never loses most of its text to guesses."""
    sure = [r for r in removals if r.reason in _SELF_EVIDENT]
    left = len(text.strip()) - sum(r.end - r.start for r in sure)
    guessed = sum(r.end - r.start for r in removals) - (len(text.strip()) - left)
    return removals if guessed <= share * max(left, 0) else sure


def _trailing_notices(lines: Sequence[Line], marked: dict[int, str]) -> list[Removal]:
    out = []
    for i, line in enumerate(lines):
        if i not in marked and (cut := trailing_notice(line.text)) is not None:
            out.append(Removal(line.start + cut, line.end, BOILERPLATE))
    return out


def _url_key(text: str) -> str:
    return re.sub(r"^\W*(?:https?://)?(?:www\.)?|[/\s]+$", "", text.strip().lower())


def _line_reason(line: Line, title_keys: frozenset[str], link_texts: frozenset[str],
                 headings: frozenset[str] = frozenset()) -> str | None:
    n_words = len(line.words)
    if is_boilerplate(line.text, n_words):
        return BOILERPLATE
    if is_promo(line.text, n_words):
        return PROMO
    if n_words < 3 or not (title_keys or link_texts):
        return None
    key = " ".join(line.words).lower()  # = normalise(line.text)
    if key in title_keys:
        return TITLE
    if key in link_texts and key not in headings:  # the whole line is one link to another page: a
        return PROMO  # teaser (a linked heading is judged with its neighbours, _linked_headings)
    return None


def _linked_headings(lines: Sequence[Line], marked: dict[int, str], link_texts: frozenset[str],
                     headings: frozenset[str]) -> Iterable[int]:
    """Headings that are whole links to other pages, standing in a row or closing the text: a
    block of teasers. A linked heading followed by its own text is a round-up's entry and stays."""
    linked = [i not in marked and " ".join(line.words).lower() in link_texts
              and " ".join(line.words).lower() in headings for i, line in enumerate(lines)]
    for i, is_linked in enumerate(linked):
        if not is_linked:
            continue
        nxt = next((j for j in range(i + 1, len(lines)) if j not in marked), None)
        prev = next((j for j in range(i - 1, -1, -1) if j not in marked), None)
        if nxt is None or linked[nxt] or (prev is not None and linked[prev]):
            yield i
