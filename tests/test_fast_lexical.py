"""The hashed word vectors and the stop-word lists, computed without importing scikit-learn or spaCy, are the
ones those libraries give."""

from __future__ import annotations

import importlib
import subprocess
import sys

import numpy as np
import pytest

from samestory.features.wordlists import sklearn_english_stop_words, spacy_stop_words
from samestory.stories.lexical import DENSE_DIM, LEXICAL_FEATURES, hashed_dense_vectors, lexical_vectors

TEXTS = [
    "Two people were shot outside a bar on West 89th Street early Sunday, police said.",
    "Police said the the the suspect fled; police are searching for him. POLICE!",
    "",
    "a",
    "Été à Paris — Ünïcödé ÆØÅ straße İstanbul ΣΊΣΥΦΟΣ 東京 مرحبا don't O'Neill cafe\u0301 a\u0301b",
    "Zwei Menschen wurden am Sonntag in Berlin verletzt, teilte die Polizei mit. " * 20,
    "x" * 3000 + " 12 345 6789 a_b __init__ über-cool",
]


def _sklearn_counts(texts: list[str], width: int, signed: bool):  # noqa: ANN202 - a scipy matrix
    text = pytest.importorskip("sklearn.feature_extraction.text")
    return text.HashingVectorizer(
        n_features=width, alternate_sign=signed, stop_words="english", norm=None, dtype=np.float32
    ).transform(texts)


def test_lexical_vectors_are_scikit_learns_to_the_bit() -> None:
    from sklearn.preprocessing import normalize

    counts = _sklearn_counts(TEXTS, LEXICAL_FEATURES, signed=False)
    counts.data = 1.0 + np.log(counts.data)
    expected, got = normalize(counts), lexical_vectors(TEXTS)
    assert got.dtype == expected.dtype == np.float32
    for name in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(got, name), getattr(expected, name)), name


def test_dense_vectors_are_scikit_learns_to_the_bit() -> None:
    from sklearn.preprocessing import normalize

    counts = _sklearn_counts(TEXTS, DENSE_DIM, signed=True)
    counts.eliminate_zeros()
    counts.data = np.sign(counts.data) * (1.0 + np.log(np.abs(counts.data)))
    expected = normalize(counts).toarray().astype(np.float32)
    assert np.array_equal(hashed_dense_vectors(TEXTS), expected)
    assert hashed_dense_vectors([]).shape == (0, DENSE_DIM)


def test_stop_words_are_the_libraries_lists() -> None:
    assert sklearn_english_stop_words() == pytest.importorskip("sklearn.feature_extraction.text").ENGLISH_STOP_WORDS
    for lang in ("en", "de", "fr", "es", "pl", "tr", "ar"):
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
        assert spacy_stop_words(lang) == frozenset(module.STOP_WORDS)
    english = spacy_stop_words("en")
    for unknown in ("xx", "zz", "", "../en", "en.stop_words", "EN/../de"):  # ``lang`` comes from the input
        assert spacy_stop_words(unknown) == english


def test_the_command_line_imports_no_heavy_library() -> None:
    """``samestory cluster`` (fast mode) starts without scikit-learn, spaCy, trafilatura or scipy.stats."""
    code = (
        "import sys, samestory.cli, samestory.workers; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'spacy', 'trafilatura', 'datasketch',"
        " 'feedparser', 'py3langid', 'jinja2'}), 'scipy.stats' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[]", "False"]
