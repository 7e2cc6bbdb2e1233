"""What the story clusterer needs to know about one article, however its features were computed.

The default path fills a ``StorySignals`` from the stored ``ArticleFeatures`` (encoder vector of title + lead,
capitalised-name entities, gazetteer places, MinHash); the fast path fills it from hashed word vectors.
Both add hashed word counts of the text and of the title, and the streets the text names. The clusterer never
sees the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from samestory.features import clustering_mentions, extract_many
from samestory.features.dates import lead_weekdays, parse_day
from samestory.features.record import ArticleFeatures, Mention
from samestory.features.streets import street_keys
from samestory.model import Article
from samestory.stories.lexical import WordRow, hashed_dense_vectors, lexical_rows


@dataclass
class StorySignals:
    """``vector``: a unit row; ``entities``/``places``/``streets``: normalised keys; ``day``: the publication
    day."""

    article_id: str
    vector: np.ndarray
    entities: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    streets: frozenset[str] = frozenset()
    weekdays: frozenset[int] = frozenset()
    day: date | None = None
    source: str | None = None
    title: str | None = None
    minhash: np.ndarray | None = field(default=None, repr=False)
    lexical: WordRow | None = field(default=None, repr=False)  # hashed words (lexical.LEXICAL_FEATURES), unit
    title_lexical: WordRow | None = field(default=None, repr=False)  # the same of the title alone; None: none


def clustering_features(articles: Sequence[Article], *, fast: bool = False) -> list[ArticleFeatures]:
    """The features clustering computes for articles that have none stored (ingest, ``samestory cluster`` and
    the quality benchmark all call this): light records with the title + lead document vector (no vector in
    fast mode); the story view and the judge complete them when they read them."""
    return extract_many(articles, fast=fast, sentence_vectors=False, light=True)


def build_signals(articles: Sequence[Article], features: Sequence[ArticleFeatures]) -> list[StorySignals]:
    """Signals of each article from its feature record (one batch: the lexical vectors are batched).

    An article without a document vector (fast-mode features) is placed by its hashed words instead; do not
    mix the two kinds in one clusterer, their vectors are not comparable."""
    texts = [f"{a.title or ''}\n{a.text or ''}" for a in articles]
    lexical = lexical_rows(texts)
    titles = lexical_rows([a.title or "" for a in articles])
    needs_dense = [i for i, f in enumerate(features) if len(f.doc_vector) == 0]
    dense = dict(zip(needs_dense, hashed_dense_vectors([texts[i] for i in needs_dense]), strict=True))
    return [
        _signals(article, feature, dense.get(i, feature.doc_vector), lexical[i], titles[i] or None, texts[i])
        for i, (article, feature) in enumerate(zip(articles, features, strict=True))
    ]


def _signals(
    article: Article,
    features: ArticleFeatures,
    vector: np.ndarray,
    lexical: WordRow,
    title: WordRow | None,
    text: str,
) -> StorySignals:
    entities, places = clustering_mentions(features, article)
    return StorySignals(
        article_id=article.id,
        vector=np.asarray(vector, dtype=np.float32),
        entities=mention_keys(entities),
        places=mention_keys(places),
        streets=street_keys(text),
        weekdays=lead_weekdays(text, features.lang),
        day=parse_day(article.published),
        source=article.source,
        title=article.title,
        minhash=features.minhash,
        lexical=lexical,
        title_lexical=title,
    )


def mention_keys(mentions: Sequence[Mention]) -> frozenset[str]:
    """The normalised keys the clusterer matches mentions by."""
    return frozenset(m.key for m in mentions if m.key)
