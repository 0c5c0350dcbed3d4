"""Build the spaCy pipeline once per run: a model plus claimledger's own components."""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from claimledger.errors import ModelError


@Language.component("claimledger_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs carry no final stop."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not prev.is_space:
            tok.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
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
    infixes = [*nlp.Defaults.infixes, *GLUED_QUOTE]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def build_nlp(models: Sequence[str]) -> Language:
    """The model named by settings, with line breaks as sentence boundaries."""
    nlp = load_model(models)
    split_glued_quotes(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimledger_line_breaks", before="parser")
    elif "claimledger_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("claimledger_line_breaks", first=True)
    return nlp
