"""A learned line classifier: which lines of the extracted text are not article body.

trafilatura and the line rules of :mod:`claimledger.clean.lines` leave well-formed sentences
that sit inside the article container but are not the article: author boxes, product blurbs,
"about us" and FAQ sections, newsletter pitches. Each line still kept is mapped back to the
page element it came from and described by its form (length, punctuation, position), its
element (tag, link density, the class/id words of its ancestors, whether it sits in the
container holding most of the text) and its section (the words of the heading above it). A
logistic model over these features (``data/line_model.json``, trained by
``scripts/train_line_model.py``; the file records what it was trained on) gives each line a
probability of being furniture; lines above the threshold are marked ``aside``.

A page never loses more than ``max_share`` of its kept words to the model.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml.html import HtmlElement

from claimledger.clean.lines import Line, normalise, split_lines
from claimledger.logistic import sigmoid
from claimledger.records import Removal

ASIDE = "aside"
MODEL_PATH = Path(__file__).with_name("data") / "line_model.json"

_BLOCK_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt", "blockquote",
               "figcaption", "pre", "caption", "summary", "div", "span")
_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_TAG_GROUPS = {"p": "p", "li": "li", "dd": "li", "dt": "li", "td": "td", "th": "td", "blockquote": "quote",
               "figcaption": "caption", "caption": "caption", "pre": "pre", "div": "div", "span": "div",
               "summary": "div", **{h: "heading" for h in _HEADING_TAGS}}
_ANCESTOR_FLAGS = ("article", "main", "aside", "footer", "header", "nav", "section", "form", "figure",
                   "table", "ul", "ol", "blockquote", "details")
_CLASS_DEPTH = 6
_CLASS_TOKEN_RE = re.compile(r"[a-z]{3,}")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_PREFIX_WORDS = 8
_MAIN_SHARE = 0.6


@dataclass(frozen=True)
class LineModel:
    """A logistic model over :func:`line_features`: weights by feature name, a bias and the
    probability above which a line is marked ``aside``."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    max_share: float = 0.5

    @classmethod
    def load(cls, path: Path | None = None) -> LineModel | None:
        """The shipped model, or None when its file is absent (then no line is marked)."""
        return _load_model(str(path or MODEL_PATH))

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return sigmoid(z)


@lru_cache(maxsize=4)
def _load_model(path: str) -> LineModel | None:
    """Read once per process (the file is immutable package data)."""
    p = Path(path)
    if not p.exists():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    return LineModel(dict(data["weights"]), float(data["bias"]), float(data.get("threshold", 0.5)),
                     float(data.get("max_share", 0.5)))


def learned_removals(tree: HtmlElement, text: str, removed: Sequence[Removal], headings: frozenset[str],
                     link_texts: frozenset[str], model: LineModel | None) -> list[Removal]:
    """Lines of ``text`` the model takes for furniture (reason ``aside``), beyond ``removed``.

    The most probable furniture goes first; marking stops before the page would lose more than
    ``model.max_share`` of the words the rules left it.
    """
    if model is None:
        return []
    return choose_removals(line_features(tree, text, removed, headings, link_texts), model)


def choose_removals(rows: Sequence[tuple[Line, dict[str, float]]], model: LineModel) -> list[Removal]:
    """The lines of ``rows`` above the model's threshold, most probable first, within the word budget."""
    if not rows:
        return []
    budget = model.max_share * sum(len(line.words) for line, _ in rows)
    scored = sorted(((model.probability(f), line) for line, f in rows), key=lambda x: -x[0])
    out, spent = [], 0
    for prob, line in scored:
        if prob <= model.threshold or spent + len(line.words) > budget:
            break
        out.append(Removal(line.start, line.end, ASIDE))
        spent += len(line.words)
    return sorted(out, key=lambda r: r.start)


def kept_lines(text: str, removed: Sequence[Removal]) -> list[Line]:
    """Lines of ``text`` no removal touches."""
    spans = sorted((r.start, r.end) for r in removed)
    out = []
    for line in split_lines(text):
        if not any(s < line.end and e > line.start for s, e in spans):
            out.append(line)
    return out


def line_features(tree: HtmlElement, text: str, removed: Sequence[Removal], headings: frozenset[str],
                  link_texts: frozenset[str]) -> list[tuple[Line, dict[str, float]]]:
    """Each kept line of ``text`` with its features (see the module docstring)."""
    lines = kept_lines(text, removed)
    if not lines:
        return []
    index = _element_index(tree)
    elems = [_find_element(index, line) for line in lines]
    main = _main_container([(e, len(line.words)) for e, line in zip(elems, lines, strict=True) if e is not None])
    total = sum(len(line.words) for line in lines) or 1
    out = []
    section: tuple[str, ...] = ()
    before = sections = 0
    for i, (line, elem) in enumerate(zip(lines, elems, strict=True)):
        key = " ".join(line.words).lower()
        is_heading = key in headings or (elem is not None and elem.tag in _HEADING_TAGS)
        feats = _form_features(line, i, len(lines), before / total, len(line.words) / total)
        feats.update(_element_features(elem, main))
        feats["heading"] = float(is_heading)
        feats["link_text"] = float(key in link_texts)
        feats.update(_token_features("sec", section))
        if is_heading:
            section = tuple(key.split()[:6])
        feats["in_section"] = float(bool(section))
        feats["section_no"] = float(sections)
        if is_heading:
            sections += 1
        out.append((line, feats))
        before += len(line.words)
    return with_context(out)


_NEIGHBOUR_KEYS = ("link_share", "in_main", "heading", "short", "dom_missing", "ends_stop", "link_text")


def with_context(rows: list[tuple[Line, dict[str, float]]]) -> list[tuple[Line, dict[str, float]]]:
    """``rows`` with their neighbours' and their section's features added (furniture comes in runs)."""
    n = len(rows)
    total = sum(len(line.words) for line, _ in rows) or 1
    sections: dict[float, list[int]] = {}
    for i, (_, f) in enumerate(rows):
        sections.setdefault(f["section_no"], []).append(i)
    last_section = max(sections) if sections else 0.0
    out = []
    for i, (line, f) in enumerate(rows):
        g = dict(f)
        for side, j in (("prev", i - 1), ("next", i + 1)):
            other = rows[j][1] if 0 <= j < n else {"edge": 1.0}
            g.update({f"{side}_{k}": other.get(k, 0.0) for k in (*_NEIGHBOUR_KEYS, "edge")})
        members = sections[f["section_no"]]
        g["sec_share"] = sum(len(rows[j][0].words) for j in members) / total
        g["sec_link_share"] = sum(rows[j][1].get("link_share", 0.0) for j in members) / len(members)
        g["sec_in_main"] = sum(rows[j][1].get("in_main", 0.0) for j in members) / len(members)
        g["sec_last"] = float(f["section_no"] == last_section and last_section > 0)
        g["sec_first"] = float(f["section_no"] == 0)
        del g["section_no"]
        out.append((line, g))
    return out


def _form_features(line: Line, i: int, n: int, before_share: float, share: float) -> dict[str, float]:
    words = line.words
    n_words = len(words)
    text = line.text
    caps = sum(1 for w in words if w[:1].isupper())
    digits = sum(1 for w in words if any(c.isdigit() for c in w))
    feats = {
        "log_words": math.log1p(n_words) / 5.0,
        "short": float(n_words <= 4),
        "long": float(n_words >= 25),
        "share": share,
        "before": before_share,
        "after": max(0.0, 1.0 - before_share - share),
        "first": float(i == 0),
        "last": float(i == n - 1),
        "last3": float(i >= n - 3),
        "ends_stop": float(text.endswith((".", "!", "…", '"', "”"))),
        "ends_question": float(text.endswith("?")),
        "ends_colon": float(text.endswith(":")),
        "no_end": float(not text.endswith(tuple(".!?…:;\"”’')»"))),
        "caps_share": caps / n_words if n_words else 0.0,
        "digit_share": digits / n_words if n_words else 0.0,
        "has_pipe": float("|" in text),
        "has_at": float("@" in text),
        "list_mark": float(text[:1] in "-•*–"),
    }
    feats.update(_token_features("w", tuple(w.lower() for w in words[:2])))
    return feats


def _token_features(prefix: str, tokens: Iterable[str]) -> dict[str, float]:
    return {f"{prefix}={t}": 1.0 for t in tokens}


def _element_features(elem: HtmlElement | None, main: HtmlElement | None) -> dict[str, float]:
    if elem is None:
        return {"dom_missing": 1.0}
    feats = {f"tag={_TAG_GROUPS.get(elem.tag, 'other')}": 1.0, "link_share": _link_share(elem)}
    ancestors = list(elem.iterancestors())
    tags = {a.tag for a in ancestors}
    feats.update({f"in_{t}": 1.0 for t in _ANCESTOR_FLAGS if t in tags})
    if main is not None:
        feats["in_main"] = float(main is elem or main in ancestors)
    feats.update(_token_features("cls", class_tokens([elem, *ancestors[:_CLASS_DEPTH]])))
    return feats


def class_tokens(elems: Iterable[HtmlElement]) -> set[str]:
    """Lower-case words (three letters or more) of the elements' class and id attributes."""
    out: set[str] = set()
    for e in elems:
        for attr in (e.get("class"), e.get("id")):
            if attr:
                out.update(_CLASS_TOKEN_RE.findall(_CAMEL_RE.sub(" ", attr).lower()))
    return out


def _link_share(elem: HtmlElement) -> float:
    total = len(elem.text_content())
    linked = sum(len(a.text_content()) for a in elem.iter("a"))
    return min(linked / total, 1.0) if total else 0.0


@dataclass(frozen=True)
class _Index:
    exact: dict[str, HtmlElement]
    prefix: dict[str, HtmlElement]


def _element_index(tree: HtmlElement) -> _Index:
    """Block elements by their normalised text, and by its first words (the innermost wins)."""
    exact: dict[str, HtmlElement] = {}
    prefix: dict[str, HtmlElement] = {}
    for elem in tree.iter(*_BLOCK_TAGS):
        key = normalise(elem.text_content())
        if not key or key.count(" ") > 400:
            continue
        exact[key] = elem  # document order: a later (inner) element with the same text replaces its parent
        words = key.split()
        if len(words) >= _PREFIX_WORDS:
            prefix.setdefault(" ".join(words[:_PREFIX_WORDS]), elem)
    return _Index(exact, prefix)


def _find_element(index: _Index, line: Line) -> HtmlElement | None:
    key = " ".join(line.words).lower()
    found = index.exact.get(key)
    if found is None and len(line.words) >= _PREFIX_WORDS:
        found = index.prefix.get(" ".join(key.split()[:_PREFIX_WORDS]))
    return found


def _main_container(found: list[tuple[HtmlElement, int]]) -> HtmlElement | None:
    """The innermost element holding at least 60% of the mapped lines' words."""
    total = sum(n for _, n in found)
    if not total:
        return None
    words: dict[HtmlElement, int] = {}
    for elem, n in found:
        for anc in elem.iterancestors():
            words[anc] = words.get(anc, 0) + n
    best = [e for e, n in words.items() if n >= _MAIN_SHARE * total]
    return max(best, key=lambda e: sum(1 for _ in e.iterancestors())) if best else None
