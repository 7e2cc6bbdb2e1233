"""Per-article features, computed once and stored: sentences and their vectors, a document vector,
entities with roles, places, dates, numbers and a MinHash signature.

Contract used by judge/, stories/ and the store (implementation: features/extract.py):

    extract(article) -> ArticleFeatures
    extract_many(articles) -> list[ArticleFeatures]   # batched, the fast path
"""

from samestory.features.record import ArticleFeatures, Mention

__all__ = ["ArticleFeatures", "Mention"]
