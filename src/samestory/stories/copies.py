"""Wire copies: the same agency text republished by other sites, found with MinHash LSH.

A copy adds no independent witness to a story, so it is recorded as ``copy_of`` its canonical article (the
first one of its text seen) and does not count as a source. Other outlets' own reports of the same event
share only 1-3 % of their shingles and never pass the threshold: telling those apart is the clusterer's job.

The LSH index is the usual banding (Leskovec et al., Mining of Massive Datasets, ch. 3): the signature is cut
into ``bands`` bands of ``rows`` values, and two signatures are candidates when one band is equal. ``bands``
and ``rows`` are datasketch's ``MinHashLSH`` choice for the threshold (equal weights on the false positive
and false negative probabilities), computed here without its scipy import.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from samestory.features.minhash import NUM_PERM

COPY_JACCARD = 0.8  # estimated Jaccard of word 5-shingles above which two texts are one text lightly edited


class CopyFinder:
    """An LSH index over the MinHash signatures of the canonical articles still in the time window."""

    def __init__(self, threshold: float = COPY_JACCARD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        bands, rows = lsh_bands(threshold, num_perm)
        self._slices = [slice(band * rows, (band + 1) * rows) for band in range(bands)]
        # one table per band: the band's values -> the articles whose signature has them
        self._tables: list[dict[bytes, set[str]]] = [{} for _ in range(bands)]
        self._signatures: dict[str, np.ndarray] = {}
        self._rank: dict[str, int] = {}  # insertion number: of equal estimates the earlier article wins
        self._added = 0

    def find(self, signature: np.ndarray | None) -> tuple[str, float] | None:
        """The canonical article this signature copies (the most similar; of equal ones, the first indexed)
        and their estimated Jaccard, or None."""
        if signature is None or len(signature) != self.num_perm:
            return None
        candidates: set[str] = set()
        for table, band in zip(self._tables, self._slices, strict=True):
            candidates.update(table.get(signature[band].tobytes(), ()))
        scored = [(float(np.mean(self._signatures[key] == signature)), -self._rank[key], key) for key in candidates]
        jaccard, _, key = max(scored, default=(0.0, 0, ""))
        return (key, jaccard) if jaccard >= self.threshold else None

    def add(self, article_id: str, signature: np.ndarray | None) -> None:
        """Index a canonical article (copies are not indexed: their canonical already is)."""
        if signature is None or len(signature) != self.num_perm or article_id in self._signatures:
            return
        self._signatures[article_id] = signature
        self._rank[article_id] = self._added
        self._added += 1
        for table, band in zip(self._tables, self._slices, strict=True):
            table.setdefault(signature[band].tobytes(), set()).add(article_id)

    def remove(self, article_id: str) -> None:
        signature = self._signatures.pop(article_id, None)
        if signature is None:
            return
        del self._rank[article_id]
        for table, band in zip(self._tables, self._slices, strict=True):
            key = signature[band].tobytes()
            members = table[key]
            members.discard(article_id)
            if not members:
                del table[key]

    def __len__(self) -> int:
        return len(self._signatures)


@lru_cache(maxsize=16)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising the false positive plus false negative probability of a pair at a
    uniformly random Jaccard: the integrals of the S-curve ``1 - (1 - s**rows)**bands`` below and above the
    threshold. The integrands are polynomials of degree at most ``num_perm``, which Gauss-Legendre quadrature
    with more than ``num_perm / 2`` nodes integrates exactly."""
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 2)
    below = threshold / 2 * (nodes + 1)  # the nodes mapped onto [0, threshold] and [threshold, 1]
    above = threshold + (1 - threshold) / 2 * (nodes + 1)
    best, choice = float("inf"), (1, 1)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = threshold / 2 * weights @ (1 - (1 - below**rows) ** bands)
            false_negative = (1 - threshold) / 2 * weights @ ((1 - above**rows) ** bands)
            if false_positive + false_negative < best:
                best, choice = false_positive + false_negative, (bands, rows)
    return choice
