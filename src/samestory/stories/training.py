"""Fit the join-or-new model on labelled article streams.

Examples come from replaying a stream with the gold stories (teacher forcing): before each article joins its
gold story, every candidate story the clusterer would have scored becomes one example, labelled by whether
it is the article's gold story. So the model learns on the candidates it will meet when running for real.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from samestory.stories.clusterer import ClusterParams, StoryClusterer
from samestory.stories.decision import JOIN_THRESHOLD, JoinModel
from samestory.stories.signals import StorySignals


def join_examples(
    stream: Sequence[StorySignals], gold: Mapping[str, str], params: ClusterParams | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(features, labels) of every candidate met while replaying ``stream`` (publication order)."""
    clusterer = StoryClusterer(params)
    rows: list[list[float]] = []
    labels: list[bool] = []
    for signals in stream:
        story = gold[signals.article_id]
        for candidate in clusterer.candidates(signals):
            rows.append(candidate.features)
            labels.append(candidate.story_id == story)
        clusterer.learn_one(signals, story_id=story)
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), -1), np.asarray(labels, dtype=bool)


def fit_join_model(
    examples: Sequence[tuple[np.ndarray, np.ndarray]], threshold: float = JOIN_THRESHOLD
) -> JoinModel:
    """A logistic join model over the pooled examples of several streams."""
    features = np.vstack([x for x, _ in examples])
    labels = np.concatenate([y for _, y in examples])
    model = LogisticRegression(C=1.0, max_iter=5000).fit(features, labels)
    weights = tuple(round(float(w), 4) for w in model.coef_[0])
    return JoinModel(weights=weights, bias=round(float(model.intercept_[0]), 4), threshold=threshold)
