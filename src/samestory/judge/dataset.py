"""Pair files in the SemEval-2022 format (``text1``/``text2``, ``lang1``/``lang2``) turned into features and
scores. Each distinct text is featurised once; with ``cache_dir`` the features (and multilingual sentence
vectors) are kept on disk between runs, keyed by content hash, in safe formats (features.to_bytes, .npy).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from samestory.features import FEATURES_VERSION, ArticleFeatures, extract_many, from_bytes, to_bytes
from samestory.judge.encoders import embed_multilingual, replace_vectors, resolve_encoder
from samestory.judge.model import DIMENSIONS
from samestory.judge.pairfeatures import pair_features
from samestory.model import Article


def pair_articles(pairs: Sequence[dict[str, Any]]) -> tuple[list[Article], list[tuple[int, int]]]:
    """Distinct articles of the pairs (by text) and, per pair, the indices of its two articles."""
    index: dict[str, int] = {}
    articles: list[Article] = []
    sides = []
    for pair in pairs:
        ends = []
        for side in (1, 2):
            article = Article(id="", text=pair.get(f"text{side}") or "", lang=pair.get(f"lang{side}") or None)
            if article.content_hash not in index:
                index[article.content_hash] = len(articles)
                article.id = article.content_hash[:16]
                articles.append(article)
            ends.append(index[article.content_hash])
        sides.append((ends[0], ends[1]))
    return articles, sides


def both_encodings(
    articles: Sequence[Article], encoder: str = "minilm", cache_dir: str | Path | None = None
) -> tuple[list[ArticleFeatures], list[ArticleFeatures]]:
    """Features of each article with ``encoder``'s vectors and with the MiniLM ones (the same list for
    ``minilm``): the judge reads both in multilingual mode."""
    encoder = resolve_encoder(encoder)
    features = _cached(articles, cache_dir, "features", ".ssf", _extract, from_bytes, to_bytes)
    if encoder == "minilm":
        return features, features
    by_hash = {a.content_hash: f for a, f in zip(articles, features, strict=True)}
    vectors = _cached(
        articles,
        cache_dir,
        "multilingual",
        ".npy",
        lambda todo: [embed_multilingual(by_hash[a.content_hash].sentences) for a in todo],
        _load_array,
        _dump_array,
    )
    return [replace_vectors(f, v) for f, v in zip(features, vectors, strict=True)], features


def feature_matrix(
    pairs: Sequence[dict[str, Any]], encoder: str = "minilm", cache_dir: str | Path | None = None
) -> np.ndarray:
    """(n_pairs, n_features) pair features."""
    articles, sides = pair_articles(pairs)
    features, minilm = both_encodings(articles, encoder, cache_dir)
    return np.vstack([pair_features(features[i], features[j], minilm[i], minilm[j]) for i, j in sides])


def score_pair_records(
    pairs: Sequence[dict[str, Any]], encoder: str | None = None, cache_dir: str | Path | None = None
) -> list[dict[str, Any]]:
    """One record per pair: ``pair_id``, the seven scores by dimension name, and ``same_story``."""
    from samestory.judge.encoders import default_encoder
    from samestory.judge.judgement import score_features
    from samestory.judge.model import get_model

    name = resolve_encoder(encoder) if encoder else default_encoder()
    articles, sides = pair_articles(pairs)
    features, minilm = both_encodings(articles, name, cache_dir)
    scores = score_features(
        [(features[i], features[j]) for i, j in sides],
        encoder=name,
        reencode=False,
        minilm_pairs=[(minilm[i], minilm[j]) for i, j in sides],
    )
    same = get_model(name).same_story(scores[:, 0])
    return [
        {
            "pair_id": pair.get("pair_id", str(n)),
            **{dim: round(float(v), 4) for dim, v in zip(DIMENSIONS, row, strict=True)},
            "same_story": round(float(p), 4),
        }
        for n, (pair, row, p) in enumerate(zip(pairs, scores, same, strict=True))
    ]


def _extract(articles: Sequence[Article]) -> list[ArticleFeatures]:
    return extract_many(list(articles))


def _load_array(data: bytes) -> np.ndarray:
    import io

    return np.load(io.BytesIO(data), allow_pickle=False)


def _dump_array(array: np.ndarray) -> bytes:
    import io

    buffer = io.BytesIO()
    np.save(buffer, np.asarray(array, dtype=np.float32), allow_pickle=False)
    return buffer.getvalue()


def _cached(articles, cache_dir, kind, suffix, compute, load, dump) -> list:  # noqa: ANN001 - internal plumbing
    """``compute`` for the articles missing from ``cache_dir/kind``; everything in article order."""
    # The kind's folder is per features version: a cache written by older feature code is never read back.
    folder = Path(cache_dir) / f"{kind}-v{FEATURES_VERSION}" if cache_dir else None
    found: dict[int, Any] = {}
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
        for i, article in enumerate(articles):
            path = folder / (article.content_hash + suffix)
            if path.is_file():
                found[i] = load(path.read_bytes())
    todo = [i for i in range(len(articles)) if i not in found]
    for i, value in zip(todo, compute([articles[i] for i in todo]) if todo else [], strict=True):
        found[i] = value
        if folder:
            (folder / (articles[i].content_hash + suffix)).write_bytes(dump(value))
    return [found[i] for i in range(len(articles))]
