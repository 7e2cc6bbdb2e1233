"""Per-article features, computed once and stored: sentences and their vectors, a document vector,
entities with roles, places, dates, numbers and a MinHash signature (see docs/features.md).

    extract(article) -> ArticleFeatures
    extract_many(articles, batch_size=64, fast=False, *, sentence_vectors=True, light=False)   # batched
    ensure_sentence_vectors(features) -> bool   # fill in sentence vectors left out (sentence_vectors=False)
    complete_features(features, articles) -> bool   # fill in what light (clustering-only) records left out
    clustering_mentions(features, article)   # (entities, places) as a light record has them, from any record
    to_bytes(features) -> bytes ; from_bytes(data) -> ArticleFeatures            # for the store
    numbers_in(sentence) -> list[str]                                           # "12 dead", per sentence
"""

from samestory.features.extract import (
    clustering_mentions,
    complete_features,
    ensure_sentence_vectors,
    extract,
    extract_many,
    has_sentence_vectors,
)
from samestory.features.numbers import numbers_in
from samestory.features.record import ArticleFeatures, Mention
from samestory.features.serialize import FEATURES_VERSION, FeaturesFormatError, from_bytes, to_bytes

__all__ = [
    "FEATURES_VERSION",
    "ArticleFeatures",
    "FeaturesFormatError",
    "Mention",
    "clustering_mentions",
    "complete_features",
    "ensure_sentence_vectors",
    "extract",
    "extract_many",
    "from_bytes",
    "has_sentence_vectors",
    "numbers_in",
    "to_bytes",
]
