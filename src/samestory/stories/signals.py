"""What the story clusterer needs to know about one article, however its features were computed.

The default path fills a ``StorySignals`` from the stored ``ArticleFeatures`` (encoder vector, NER entities,
gazetteer places, MinHash); the fast path fills it from lexical vectors. The clusterer never sees the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy import sparse

from samestory.features.dates import parse_day
from samestory.features.record import ArticleFeatures
from samestory.model import Article
from samestory.stories.lexical import hashed_dense_vectors, lexical_vectors


@dataclass
class StorySignals:
    """``vector``: a unit row; ``entities``/``places``: normalised keys; ``day``: the publication day."""

    article_id: str
    vector: np.ndarray
    entities: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    day: date | None = None
    source: str | None = None
    title: str | None = None
    minhash: np.ndarray | None = field(default=None, repr=False)
    lexical: sparse.csr_matrix | None = field(default=None, repr=False)  # (1, LEXICAL_FEATURES) unit row


def build_signals(articles: Sequence[Article], features: Sequence[ArticleFeatures]) -> list[StorySignals]:
    """Signals of each article from its feature record (one batch: the lexical vectors are batched).

    An article without a document vector (fast-mode features) is placed by its hashed words instead; do not
    mix the two kinds in one clusterer, their vectors are not comparable."""
    texts = [f"{a.title or ''}\n{a.text or ''}" for a in articles]
    lexical = lexical_vectors(texts)
    needs_dense = [i for i, f in enumerate(features) if len(f.doc_vector) == 0]
    dense = dict(zip(needs_dense, hashed_dense_vectors([texts[i] for i in needs_dense]), strict=True))
    return [
        _signals(article, feature, dense.get(i, feature.doc_vector), lexical[i])
        for i, (article, feature) in enumerate(zip(articles, features, strict=True))
    ]


def _signals(
    article: Article, features: ArticleFeatures, vector: np.ndarray, lexical: sparse.csr_matrix
) -> StorySignals:
    return StorySignals(
        article_id=article.id,
        vector=np.asarray(vector, dtype=np.float32),
        entities=frozenset(m.key for m in features.entities if m.key),
        places=frozenset(m.key for m in features.places if m.key),
        day=parse_day(article.published),
        source=article.source,
        title=article.title,
        minhash=features.minhash,
        lexical=lexical,
    )
