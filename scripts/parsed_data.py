"""Parsed corpora for the counts trainers and experiments: each article cleaned and parsed once
(spaCy plus the attribution and places components), cached as pickled docs outside the
repository, and re-extracted from the cached parse in seconds when the figures code changes.

    from parsed_data import parsed, reextract
    items = parsed("longtail")                 # or "gvdb", "wad"
    extractions = reextract(items)             # figures component + Extraction, from the cache

Rows are built as the scorers build them: longtail as eval_events.py ingests it (titles,
publication dates, outlets, per-outlet furniture learned in order); GVDB and WAD as
eval_figures.py runs them (the text alone, no title, no date). The texts are read from
../shared/data at run time and never written into the repository.
"""

from __future__ import annotations

import json
import pickle
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_data import CACHE, SHARED, longtail  # noqa: E402

from claimledger.extract import TITLE_MAX, Extractor  # noqa: E402
from claimledger.extract.extensions import FIGURE_MENTIONS, FIGURES, PLACES, PUBLISHED  # noqa: E402
from claimledger.extract.figures import title_totals  # noqa: E402
from claimledger.records import CleanArticle, Extraction, Failure, RawArticle, TitleExtraction  # noqa: E402


@dataclass
class Parsed:
    """One article of a corpus: its row (with the gold), the cleaned article and its parses."""

    row: dict
    article: CleanArticle
    doc: object | None  # spacy Doc (None: too long for the parser, or it failed)
    title_doc: object | None


def rows(name: str) -> list[dict]:
    """The corpus rows with their gold: longtail articles carry their incident's counts."""
    if name == "longtail":
        incidents, corpus, gold_of = longtail()
        by_id = {i["incident_id"]: i for i in incidents}
        out = []
        for row in corpus:
            incs = [by_id[i] for i in sorted(gold_of[row["id"]])]
            out.append({**row, "incidents": [i["incident_id"] for i in incs], "killed": incs[0]["killed"],
                        "injured": incs[0]["injured"], "date": incs[0]["date"]})
        return out
    path = SHARED / "data" / name / "dev.jsonl"
    items = [json.loads(x) for x in path.open(encoding="utf-8")]
    if name == "wad":
        return [{"id": str(it["id"]), "text": it["description"], "killed": it["deaths"],
                 "injured": it.get("injured")} for it in items if it.get("description")]
    return [{"id": str(it["id"]), "text": it["text"], "killed": it["killed"], "injured": it["injured"]}
            for it in items if it.get("text")]


def _raw(row: dict, with_meta: bool) -> RawArticle:
    if not with_meta:
        return RawArticle(uri=row["id"], content=row["text"], media_type="text")
    return RawArticle(uri=row["id"], content=row["text"], media_type="text", outlet=row.get("outlet"),
                      published=date.fromisoformat(row["published"]) if row.get("published") else None,
                      url=row.get("url"), title=row.get("title"))


def parsed(name: str) -> list[Parsed]:
    """Clean and parse every row once; cached under $CLAIMLEDGER_TRAIN_CACHE/<name>-docs.pkl."""
    path = CACHE / f"{name}-docs.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    from claimledger.clean import OutletLines, clean_article
    from claimledger.config import Settings
    from claimledger.service import Service

    svc = Service(Settings())
    lines = OutletLines()
    items = []
    for row in rows(name):
        art = clean_article(_raw(row, name == "longtail"), svc.settings, lines if name == "longtail" else None)
        lines.learn(art.outlet, art.text)
        items.append(Parsed(row, art, None, None))
    ex = svc.extractor
    nlp = ex.nlp
    fits = [it for it in items if len(it.article.masked) <= nlp.max_length]
    for it, doc in zip(fits, nlp.pipe((ex._doc(it.article) for it in fits), batch_size=32), strict=True):
        doc._.set(FIGURE_MENTIONS, None)  # parse notes hold tokens: rebuilt by reextract
        it.doc = doc
    for it in items:
        title = _title_text(it.article)
        if title:
            doc = nlp.make_doc(title)
            doc._.set(PUBLISHED, it.article.published)
            it.title_doc = nlp(doc, disable=["claimledger_attribution"])
            it.title_doc._.set(FIGURE_MENTIONS, None)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(items))
    return items


def _title_text(article: CleanArticle) -> str:
    return " ".join((article.title or "").split())[:TITLE_MAX]


def reextract(items: list[Parsed]) -> list[Extraction | Failure]:
    """Each article's Extraction from its cached parse, with today's figures code (the figures
    component is run again on the cached doc and headline; the other components' output is
    the cached one)."""
    from claimledger.extract.figures.component import Figures

    figures = Figures()
    extractor = _Cached.__new__(_Cached)  # from_doc needs no pipeline, only the cached headlines
    extractor.rewrites = _TitleParser()
    out: list[Extraction | Failure] = []
    for it in items:
        if it.doc is None:
            out.append(Failure(it.article.uri, "not parsed"))
            continue
        extractor.title = it.title_doc
        if it.title_doc is not None:
            figures(it.title_doc)
        out.append(extractor.from_doc(figures(it.doc), it.article))
    return out


class _TitleParser:
    """Parses a headline's sentence form (headlines.py) when one is needed; the pipeline is
    loaded on first use."""

    def __init__(self) -> None:
        self.nlp = None

    def __call__(self, text: str) -> object:
        if self.nlp is None:
            from claimledger.config import Settings
            from claimledger.extract.nlp import build_nlp
            self.nlp = build_nlp(Settings().models)
        return self.nlp(text, disable=["claimledger_attribution"])


class _Cached(Extractor):
    """An Extractor whose headline parse is the cached one."""

    title: object | None = None
    rewrites: _TitleParser

    def _title(self, article: CleanArticle) -> TitleExtraction | None:
        doc = self.title
        if doc is None:
            return None
        figs = doc._.get(FIGURES)
        return TitleExtraction(doc.text, tuple(figs), tuple(doc._.get(PLACES)), title_totals(figs, doc, self.rewrites))
