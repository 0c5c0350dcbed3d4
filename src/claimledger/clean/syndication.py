"""Syndicated copies: the same wire story carried by several outlets, in full or cut short.

Candidates come from MinHash LSH over word shingles (datasketch); each candidate is confirmed by
*containment*, the shingles two texts share over the shingles of the shorter one, so that a copy
truncated to its first paragraphs still matches the full story (its Jaccard similarity would be
low). Feed it article bodies (``CleanArticle.body``), not raw pages: shared site furniture such as
a wire's copyright footer must not make two different stories look alike.

    index = SyndicationIndex()
    index.add("ap-1", full_story)
    index.find(short_copy)   # [("ap-1", 0.97)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

_PUNCT_RE = re.compile(r"[^\w\s]+|_+")  # "2,000" and "2000" are one word


def shingle_list(text: str, size: int = 5) -> list[str]:
    """Word ``size``-grams of the lower-cased text in order, punctuation and spacing ignored."""
    words = _PUNCT_RE.sub("", text.lower()).split()
    if len(words) < size:
        return [" ".join(words)] if words else []
    return [" ".join(words[i:i + size]) for i in range(len(words) - size + 1)]


def shingles(text: str, size: int = 5) -> set[str]:
    """The set of :func:`shingle_list`."""
    return set(shingle_list(text, size))


def containment(a: set[str], b: set[str]) -> float:
    """Shared shingles over the shingles of the shorter text (0.0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True)
class SyndicationParams:
    """How copies are found. ``lsh_threshold`` is the Jaccard level LSH aims at: low, so that a
    short copy of a long story (Jaccard = shorter/longer) still comes up as a candidate."""

    shingle_size: int = 5
    num_perm: int = 128
    lsh_threshold: float = 0.2
    min_containment: float = 0.7
    min_shingles: int = 20  # shorter texts are too short to call copies
    lead_shingles: int = 60  # the opening, indexed on its own: truncated copies keep it


class SyndicationIndex:
    """Texts by key; ``find`` returns the keys of texts that ``text`` copies or is copied from."""

    def __init__(self, params: SyndicationParams | None = None) -> None:
        self.params = params or SyndicationParams()
        self._lsh = MinHashLSH(threshold=self.params.lsh_threshold, num_perm=self.params.num_perm)
        self._shingles: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._shingles)

    def __contains__(self, key: object) -> bool:
        return key in self._shingles

    def _minhash(self, grams: set[str]) -> MinHash:
        m = MinHash(num_perm=self.params.num_perm)
        m.update_batch([g.encode("utf-8") for g in grams])
        return m

    def add(self, key: str, text: str) -> bool:
        """Index ``text`` under ``key``; False (and nothing indexed) when it is too short."""
        if key in self._shingles:
            raise ValueError(f"key {key!r} is already in the index")
        ordered = shingle_list(text, self.params.shingle_size)
        grams = set(ordered)
        if len(grams) < self.params.min_shingles:
            return False
        self._shingles[key] = grams
        for part, minhash in self._sketches(ordered, grams):
            self._lsh.insert((key, part), minhash)
        return True

    def _sketches(self, ordered: list[str], grams: set[str]) -> list[tuple[str, MinHash]]:
        """MinHashes of the whole text and, when longer, of its opening."""
        out = [("all", self._minhash(grams))]
        if len(ordered) > self.params.lead_shingles:
            out.append(("lead", self._minhash(set(ordered[:self.params.lead_shingles]))))
        return out

    def find(self, text: str, exclude: str | None = None, within: bool = False) -> list[tuple[str, float]]:
        """Indexed texts sharing at least ``min_containment`` of the shorter one's shingles with
        ``text``, best first, as ``(key, containment)``. With ``within``, containment is measured
        over ``text`` alone: ``text`` must lie mostly inside the indexed one (a copy of it), so a
        fuller or updated version of a stored story is not taken for a copy."""
        ordered = shingle_list(text, self.params.shingle_size)
        grams = set(ordered)
        if len(grams) < self.params.min_shingles or not self._shingles:
            return []
        candidates = {key for _, minhash in self._sketches(ordered, grams)
                      for key, _part in self._lsh.query(minhash)}
        found = []
        for key in candidates:
            if key == exclude:
                continue
            other = self._shingles[key]
            score = len(grams & other) / len(grams) if within else containment(grams, other)
            if score >= self.params.min_containment:
                found.append((key, round(score, 4)))
        return sorted(found, key=lambda kv: (-kv[1], kv[0]))


def syndication_groups(items: Iterable[tuple[str, str]], params: SyndicationParams | None = None
                       ) -> dict[str, str]:
    """Each key -> the key of the earliest text it copies (itself when it copies none).

    Feed ``(key, body)`` pairs in publication order; copies of one wire story then share the key
    of the first report, so they can be counted as one source rather than as corroboration.
    """
    index = SyndicationIndex(params)
    root: dict[str, str] = {}
    for key, text in items:
        found = index.find(text)
        root[key] = root[found[0][0]] if found else key
        index.add(key, text)
    return root
