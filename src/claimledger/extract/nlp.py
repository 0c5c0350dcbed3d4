"""Build the spaCy pipeline once per run: a model plus claimledger's own components.

The pipeline is the model's components, ``claimledger_line_breaks`` before its parser, and the
three registered extract components after them, each configured through spaCy's config::

    claimledger_attribution  -> doc._.claimledger_claims
    claimledger_figures      -> doc._.claimledger_figures (+ the notes the totals read)
    claimledger_places       -> doc._.claimledger_places
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, cast

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from claimledger.errors import ModelError
from claimledger.extract.attribution.component import Attribution
from claimledger.extract.figures.component import Figures
from claimledger.extract.places.component import Places

# name -> component class, in pipeline order (importing the classes registers the factories)
COMPONENTS: Mapping[str, type] = MappingProxyType({
    "claimledger_attribution": Attribution,
    "claimledger_figures": Figures,
    "claimledger_places": Places,
})


@Language.component("claimledger_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs carry no final stop.

    The starts are written in one array update: setting ``Token.is_sent_start`` one token at a
    time checks the whole doc on every call (lines x tokens)."""
    starts = doc.to_array([SENT_START])
    changed = False
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in (prev.text if prev.is_space else prev.text_with_ws):
            starts[i] = 1
            changed = True
    if changed:
        doc.from_array([SENT_START], cast(Any, starts))
    return doc


def load_model(names: Sequence[str]) -> Language:
    """Load the first spaCy model of ``names`` that is installed."""
    tried = []
    for name in names:
        try:
            return spacy.load(name)
        except OSError as exc:
            tried.append(f"{name} ({str(exc).splitlines()[0][:80]})")
    raise ModelError("no spaCy model could be loaded; tried " + ", ".join(tried))


GLUED_QUOTE = (r"""(?<=\w)[,;:!?](?=[“"]\w)""", r"""(?<=[,.;:!?])[“"](?=\w)""")  # 'said,“Look' -> said , “ Look


def split_glued_quotes(nlp: Language) -> None:
    """Split an opening quote glued to the punctuation before it, so the quote is seen."""
    infixes = [*(nlp.Defaults.infixes or ()), *GLUED_QUOTE]
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def build_nlp(models: Sequence[str], config: Mapping[str, Mapping[str, Any]] | None = None) -> Language:
    """The model named by settings, with line breaks as sentence boundaries and claimledger's
    components; ``config`` maps a component name to its settings (spaCy validates them)."""
    nlp = load_model(models)
    split_glued_quotes(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimledger_line_breaks", before="parser")
    elif "claimledger_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("claimledger_line_breaks", first=True)
    return add_components(nlp, config)


def add_components(nlp: Language, config: Mapping[str, Mapping[str, Any]] | None = None) -> Language:
    """Add the extract components that ``nlp`` lacks, last, in pipeline order."""
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config=dict((config or {}).get(name, {})))
    return nlp
