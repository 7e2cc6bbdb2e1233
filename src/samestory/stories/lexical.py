"""Hashed bag-of-words vectors: the words two reports of one event share (names, streets, numbers) that a
sentence encoder blurs into "a shooting". Hashing needs no fitted vocabulary, so it works online."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

LEXICAL_FEATURES = 2**18
DENSE_DIM = 512  # fast mode's index vector: signed feature hashing approximates the cosine of word counts


@lru_cache(maxsize=1)
def _vectoriser() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=LEXICAL_FEATURES, alternate_sign=False, stop_words="english", norm=None, dtype=np.float32
    )


def lexical_vectors(texts: Sequence[str]) -> sparse.csr_matrix:
    """One L2-normalised sparse row per text, over log-scaled counts so one repeated word cannot dominate."""
    counts = _vectoriser().transform(texts)
    counts.data = 1.0 + np.log(counts.data)
    return normalize(counts)


@lru_cache(maxsize=1)
def _dense_vectoriser() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=DENSE_DIM, alternate_sign=True, stop_words="english", norm=None, dtype=np.float32
    )


def hashed_dense_vectors(texts: Sequence[str]) -> np.ndarray:
    """(n, DENSE_DIM) unit rows of signed hashed word counts: the ANN vector when there is no encoder."""
    if not texts:
        return np.zeros((0, DENSE_DIM), dtype=np.float32)
    counts = _dense_vectoriser().transform(texts)
    counts.eliminate_zeros()  # signed collisions can cancel to an explicit 0, whose log is -inf
    counts.data = np.sign(counts.data) * (1.0 + np.log(np.abs(counts.data)))
    return normalize(counts).toarray().astype(np.float32)
