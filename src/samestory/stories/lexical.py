"""Hashed bag-of-words vectors: the words two reports of one event share (names, streets, numbers) that a
sentence encoder blurs into "a shooting". Hashing needs no fitted vocabulary, so it works online.

The hashing is scikit-learn's ``HashingVectorizer(stop_words="english")`` (lower case; tokens of two or more
word characters, minus the English stop words; a token's column is its signed 32-bit MurmurHash3 modulo the
width, its sign the hash's sign) and the scaling its ``normalize``, done here without importing scikit-learn
(0.7 s per process): the vectors are the same to the bit (tests/test_fast_lexical.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from murmurhash.mrmr import hash as _murmur3  # the MurmurHash3 scikit-learn uses; imports in a millisecond
from scipy import sparse

from samestory.features.wordlists import sklearn_english_stop_words

LEXICAL_FEATURES = 2**18
DENSE_DIM = 512  # fast mode's index vector: signed feature hashing approximates the cosine of word counts
# scikit-learn's token pattern is r"(?u)\b\w\w+\b"; a greedy leftmost "\w\w+" finds the same maximal runs of two
# or more word characters, a quarter faster without the boundary checks.
_TOKEN = re.compile(r"\w\w+")


@dataclass(frozen=True)
class WordRow:
    """One text's sparse row as two arrays, each column once: lighter to slice, pickle and read than a one-row
    CSR matrix, whose construction and indexing cost more than the arithmetic done on it."""

    columns: np.ndarray  # int32
    values: np.ndarray

    def __len__(self) -> int:
        return len(self.columns)


def lexical_rows(texts: Sequence[str]) -> list[WordRow]:
    """``lexical_vectors``, a ``WordRow`` per text (empty for a text without words)."""
    matrix = lexical_vectors(texts)
    bounds = matrix.indptr.tolist()
    return [WordRow(matrix.indices[a:b], matrix.data[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def lexical_vectors(texts: Sequence[str]) -> sparse.csr_matrix:
    """One L2-normalised sparse row per text, over log-scaled counts so one repeated word cannot dominate."""
    counts = _hashed_counts(texts, LEXICAL_FEATURES, signed=False)
    counts.data = 1.0 + np.log(counts.data)
    return _normalise_rows(counts)


def hashed_dense_vectors(texts: Sequence[str]) -> np.ndarray:
    """(n, DENSE_DIM) unit rows of signed hashed word counts: the ANN vector when there is no encoder."""
    if not texts:
        return np.zeros((0, DENSE_DIM), dtype=np.float32)
    counts = _hashed_counts(texts, DENSE_DIM, signed=True)
    counts.eliminate_zeros()  # signed collisions can cancel to an explicit 0, whose log is -inf
    counts.data = np.sign(counts.data) * (1.0 + np.log(np.abs(counts.data)))
    return _normalise_rows(counts).toarray().astype(np.float32)


@lru_cache(maxsize=2048)
def _token_hashes(text: str) -> np.ndarray:
    """The signed MurmurHash3 (seed 0) of each token of ``text`` that is not a stop word, in order. Cached:
    the signals of an article hash its text twice (the sparse and the dense vector)."""
    stop_words = sklearn_english_stop_words()
    tokens = [token for token in _TOKEN.findall(text.lower()) if token not in stop_words]
    return np.fromiter(map(_murmur3, tokens), dtype=np.int64, count=len(tokens))


def _hashed_counts(texts: Sequence[str], width: int, signed: bool) -> sparse.csr_matrix:
    """Token counts per text in ``width`` hashed columns (signed: each token adds its hash's sign), float32,
    duplicates summed and indices sorted, as ``FeatureHasher`` builds them."""
    rows = [_token_hashes(text) for text in texts]
    indptr = np.zeros(len(rows) + 1, dtype=np.int32)
    np.cumsum([len(row) for row in rows], out=indptr[1:])
    hashes = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    # abs(-2**31) % width is what scikit-learn computes for that one hash too, for any width.
    indices = (np.abs(hashes) % width).astype(np.int32)
    values = np.where(hashes >= 0, 1.0, -1.0) if signed else np.ones(len(hashes))
    counts = sparse.csr_matrix((values.astype(np.float32), indices, indptr), shape=(len(rows), width))
    counts.sum_duplicates()
    return counts


def _normalise_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each non-empty row divided by its L2 norm, in place, rounded as scikit-learn's ``normalize`` rounds:
    float32 squares summed in order in double precision, the quotient taken in double."""
    data = matrix.data
    squares = (data * data).astype(np.float64)
    scaled = data.astype(np.float64)
    for start, end in zip(matrix.indptr[:-1].tolist(), matrix.indptr[1:].tolist(), strict=True):
        if end > start:
            total = float(np.add.accumulate(squares[start:end])[-1])  # a sequential sum, not a pairwise one
            if total:
                scaled[start:end] /= np.sqrt(total)
    matrix.data = scaled.astype(data.dtype)
    return matrix
