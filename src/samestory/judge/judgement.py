"""Judge a pair of articles: the seven SemEval-2022 scores, the same-story probability and the evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from samestory.features.record import ArticleFeatures
from samestory.judge.encoders import default_encoder, resolve_encoder, with_encoder
from samestory.judge.evidence import Evidence, build_evidence
from samestory.judge.model import DIMENSIONS, get_model
from samestory.judge.pairfeatures import pair_features
from samestory.model import Article


@dataclass
class PairJudgement:
    """``scores``: 1 = very similar … 4 = very dissimilar per SemEval dimension; ``same_story``: probability
    that annotators would rate the pair's Overall at 2 or better."""

    a_id: str
    b_id: str
    same_story: float
    scores: dict[str, float]
    evidence: Evidence
    encoder: str

    @property
    def overall(self) -> float:
        return self.scores["Overall"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a_id,
            "b": self.b_id,
            "same_story": self.same_story,
            "scores": dict(self.scores),
            "encoder": self.encoder,
            "evidence": self.evidence.to_dict(),
        }


def compare(a: Article | str, b: Article | str, *, encoder: str | None = None) -> PairJudgement:
    """Judge two articles (or two texts) from scratch: features, scores, evidence."""
    from samestory.features import extract_many

    articles = [_as_article(a, "A"), _as_article(b, "B")]
    fa, fb = extract_many(articles)
    return judge_features(fa, fb, articles[0].published, articles[1].published, encoder=encoder)


def judge_features(
    a: ArticleFeatures,
    b: ArticleFeatures,
    published_a: str | None = None,
    published_b: str | None = None,
    *,
    encoder: str | None = None,
) -> PairJudgement:
    """Judge two articles whose features are already computed (e.g. read from the store)."""
    name = resolve_encoder(encoder) if encoder else default_encoder()
    minilm_pair = (a, b)
    a, b = with_encoder([a, b], name)
    scores = score_features([(a, b)], encoder=name, reencode=False, minilm_pairs=[minilm_pair])[0]
    model = get_model(name)
    return PairJudgement(
        a_id=a.article_id,
        b_id=b.article_id,
        same_story=round(float(model.same_story(scores[0])), 4),
        scores={dim: round(float(value), 3) for dim, value in zip(DIMENSIONS, scores, strict=True)},
        evidence=build_evidence(a, b, published_a, published_b, name),
        encoder=name,
    )


def score_features(
    pairs: Sequence[tuple[ArticleFeatures, ArticleFeatures]],
    *,
    encoder: str | None = None,
    reencode: bool = True,
    minilm_pairs: Sequence[tuple[ArticleFeatures, ArticleFeatures]] | None = None,
) -> np.ndarray:
    """(n, 7) scores for many pairs at once, columns in ``DIMENSIONS`` order — the fast path, no evidence.

    ``reencode=False``: the pairs already carry the encoder's vectors; ``minilm_pairs`` then gives the same pairs
    with their stored MiniLM vectors, which the English-only features read (without it they read the pairs).
    """
    name = resolve_encoder(encoder) if encoder else default_encoder()
    model = get_model(name)
    if not pairs:
        return np.zeros((0, len(DIMENSIONS)))
    if reencode and name != "minilm":
        minilm_pairs = pairs
        flat = with_encoder([f for pair in pairs for f in pair], name)
        pairs = list(zip(flat[::2], flat[1::2], strict=True))
    minilm_pairs = minilm_pairs or pairs
    rows = [pair_features(a, b, *minilm) for (a, b), minilm in zip(pairs, minilm_pairs, strict=True)]
    scores = model.scores(np.vstack(rows))
    # The same text is the same story: the training pairs hold no honest identical texts (only scraped cookie
    # pages, see training.BOILERPLATE_NGRAM_COSINE), so the model is not asked.
    identical = [i for i, (a, b) in enumerate(pairs) if a.sentences and a.sentences == b.sentences]
    scores[identical] = 1.0
    return scores


def _as_article(item: Article | str, name: str) -> Article:
    return item if isinstance(item, Article) else Article(id=name, text=item)
