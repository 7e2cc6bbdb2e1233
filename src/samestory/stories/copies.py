"""Wire copies: the same agency text republished by other sites, found with MinHash LSH.

A copy adds no independent witness to a story, so it is recorded as ``copy_of`` its canonical article (the
first one of its text seen) and does not count as a source. Other outlets' own reports of the same event
share only 1-3 % of their shingles and never pass the threshold: telling those apart is the clusterer's job.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHashLSH

from samestory.features.minhash import NUM_PERM, as_minhash

COPY_JACCARD = 0.8  # estimated Jaccard of word 5-shingles above which two texts are one text lightly edited


class CopyFinder:
    """An LSH index over the MinHash signatures of the canonical articles still in the time window."""

    def __init__(self, threshold: float = COPY_JACCARD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, np.ndarray] = {}

    def find(self, signature: np.ndarray | None) -> tuple[str, float] | None:
        """The canonical article this signature copies and their estimated Jaccard, or None."""
        if signature is None or len(signature) != self.num_perm:
            return None
        best: tuple[str, float] | None = None
        for key in self._lsh.query(as_minhash(signature)):
            jaccard = float(np.mean(self._signatures[key] == signature))
            if jaccard >= self.threshold and (best is None or jaccard > best[1]):
                best = (key, jaccard)
        return best

    def add(self, article_id: str, signature: np.ndarray | None) -> None:
        """Index a canonical article (copies are not indexed: their canonical already is)."""
        if signature is None or len(signature) != self.num_perm or article_id in self._signatures:
            return
        self._signatures[article_id] = signature
        self._lsh.insert(article_id, as_minhash(signature))

    def remove(self, article_id: str) -> None:
        if self._signatures.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def __len__(self) -> int:
        return len(self._signatures)
