"""Train and cross-validate the pair model on SemEval-2022 Task 8 pairs.

Folds are grouped by connected components of the pair graph (articles identified by url, else text), so no
article is seen in training and testing alike. The same folds give the out-of-fold Overall predictions that
calibrate the same-story probability, so the calibration is fitted on honest predictions too. The stacked
Overall model (see ``model.py``) learns from out-of-fold predictions of the other dimensions, made by inner
grouped folds inside the training part, so it never reads a prediction of a pair that model was fitted on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from samestory.judge.model import DIMENSIONS, STACKED_ON, predict_dimensions
from samestory.model import InputError, ReadFailure
from samestory.readers.jsonlines import json_objects

# Settings measured by grouped 5-fold CV on the dev pairs (docs/judge.md).
TREE_PARAMS: dict[str, Any] = {
    "n_estimators": 400,
    "max_depth": 3,
    "learning_rate": 0.02,
    "subsample": 0.7,
    "max_features": 0.5,
    "min_samples_leaf": 10,
    "random_state": 0,
}
SAME_STORY_THRESHOLD = 2.0  # "same story" = annotators' mean Overall <= 2 (similar or very similar)
# In the SemEval pairs two texts are near-identical only when the scraper kept a cookie or paywall page instead
# of the article (5 pairs): their gold scores describe articles the texts do not show, so they teach "identical
# means different". They are left out of training, and still scored in every evaluation.
BOILERPLATE_NGRAM_COSINE = 0.9
# How much English pairs weigh in fitting Overall (not the other six), by encoder. With multilingual, double
# weight gave grouped CV Overall +0.003 on all pairs and +0.007 en-en over three tree seeds, and the envoy hard
# negative rose to 3.10. With minilm it gave +0.004 / +0.005 but the seeds pair fell to same story 0.88 (the test
# asks 0.9), so minilm keeps equal weights (docs/judge.md). English texts are the cleanest of the dev pairs.
ENGLISH_WEIGHT: dict[str, float] = {"minilm": 1.0, "multilingual": 2.0}


def load_pairs(path: str | Path, on_error: Callable[[ReadFailure], object] | None = None) -> list[dict[str, Any]]:
    """Pair records of the SemEval JSON-lines format (``text1``/``text2``, ``lang1``/``lang2``, scores). A line
    that is not a JSON object goes to ``on_error`` and the rest are read; without it, it raises ``InputError``."""
    pairs = []
    for item in json_objects(path):
        if not isinstance(item, ReadFailure):
            pairs.append(item[1])
        elif on_error is None:
            raise InputError(item.where, item.message)
        else:
            on_error(item)
    return pairs


def pair_groups(pairs: Sequence[dict[str, Any]]) -> np.ndarray:
    """Connected-component id of each pair, linking pairs that share an article (by url, else by text)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def node(pair: dict[str, Any], side: int) -> str:
        return pair.get(f"url{side}") or "text:" + pair.get(f"text{side}", "")

    for pair in pairs:
        parent[root(node(pair, 1))] = root(node(pair, 2))
    labels: dict[str, int] = {}
    return np.array([labels.setdefault(root(node(p, 1)), len(labels)) for p in pairs])


def gold_scores(pairs: Sequence[dict[str, Any]]) -> np.ndarray:
    """(n, 7) gold scores in ``DIMENSIONS`` order."""
    return np.array([[float(p[dim]) for dim in DIMENSIONS] for p in pairs])


def training_mask(X: np.ndarray) -> np.ndarray:
    """Pairs usable for fitting (see ``BOILERPLATE_NGRAM_COSINE``)."""
    from samestory.judge.pairfeatures import FEATURE_NAMES

    return X[:, FEATURE_NAMES.index("char_ngram_cosine")] <= BOILERPLATE_NGRAM_COSINE


def grouped_folds(groups: np.ndarray, folds: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import GroupKFold

    return list(GroupKFold(n_splits=folds).split(groups, groups=groups))


def overall_weights(X: np.ndarray, english_weight: float) -> np.ndarray:
    """Sample weights for fitting Overall: ``english_weight`` for English pairs, 1 otherwise."""
    from samestory.judge.pairfeatures import FEATURE_NAMES

    return np.where(X[:, FEATURE_NAMES.index("both_english")] > 0, english_weight, 1.0)


def fit_trees(
    X: np.ndarray, y: np.ndarray, params: dict[str, Any] | None = None, sample_weight: np.ndarray | None = None
) -> Any:
    from sklearn.ensemble import GradientBoostingRegressor

    return GradientBoostingRegressor(**(params or TREE_PARAMS)).fit(X, y, sample_weight=sample_weight)


def fit_dimensions(
    X: np.ndarray,
    Y: np.ndarray,
    groups: np.ndarray,
    folds: int = 5,
    fit: Callable[..., Any] = fit_trees,
    overall_weight: np.ndarray | None = None,
) -> dict[str, Any]:
    """A model per dimension: the six others on the features, Overall on the features plus the ``STACKED_ON``
    dimensions' out-of-fold predictions (grouped inner folds), as ``predict_dimensions`` reads them, with
    ``overall_weight`` as its sample weights. ``fit(X, y, sample_weight=None)`` returns a fitted regressor."""
    columns = [DIMENSIONS.index(dim) for dim in STACKED_ON]
    inner = np.zeros((len(X), len(columns)))
    for train, test in grouped_folds(groups, folds):
        for k, column in enumerate(columns):
            inner[test, k] = fit(X[train], Y[train, column]).predict(X[test])
    models = {dim: fit(X, Y[:, column]) for column, dim in enumerate(DIMENSIONS) if dim != "Overall"}
    overall = Y[:, DIMENSIONS.index("Overall")]
    models["Overall"] = fit(np.hstack([X, inner]), overall, sample_weight=overall_weight)
    return models


def out_of_fold_scores(
    X: np.ndarray,
    Y: np.ndarray,
    groups: np.ndarray,
    folds: int = 5,
    fit: Callable[..., Any] = fit_trees,
    english_weight: float = 1.0,
) -> np.ndarray:
    """Each pair's seven scores predicted by models that never saw its articles (English pairs weighing
    ``english_weight`` in fitting Overall)."""
    predictions = np.zeros_like(Y, dtype=np.float64)
    usable, weights = training_mask(X), overall_weights(X, english_weight)
    for train, test in grouped_folds(groups, folds):
        train = train[usable[train]]
        models = fit_dimensions(X[train], Y[train], groups[train], folds, fit, weights[train])
        predictions[test] = predict_dimensions(models, X[test])
    return np.clip(predictions, 1.0, 4.0)


def fit_same_story(predicted_overall: np.ndarray, gold_overall: np.ndarray) -> tuple[float, float]:
    """Logistic (Platt) map from predicted Overall to P(gold Overall <= SAME_STORY_THRESHOLD)."""
    from sklearn.linear_model import LogisticRegression

    labels = (gold_overall <= SAME_STORY_THRESHOLD).astype(int)
    model = LogisticRegression(C=1e4).fit(predicted_overall.reshape(-1, 1), labels)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def export_trees(model: Any) -> dict[str, Any]:
    """A fitted squared-error GradientBoostingRegressor as plain arrays (see ``TreeEnsemble``)."""
    trees = []
    for estimator in model.estimators_[:, 0]:
        tree = estimator.tree_
        trees.append(
            {
                "feature": tree.feature.tolist(),
                "threshold": tree.threshold.tolist(),
                "left": tree.children_left.tolist(),
                "right": tree.children_right.tolist(),
                "value": tree.value[:, 0, 0].tolist(),
            }
        )
    return {
        "base": float(model.init_.constant_[0, 0]),
        "learning_rate": float(model.learning_rate),
        "depth": int(model.max_depth),
        "trees": trees,
    }


def train_model(
    X: np.ndarray,
    Y: np.ndarray,
    groups: np.ndarray,
    encoder: str,
    feature_names: Sequence[str],
    folds: int = 5,
) -> tuple[dict[str, Any], np.ndarray]:
    """The shippable model dict (trained on all pairs) and the out-of-fold scores that measured it."""
    english_weight = ENGLISH_WEIGHT[encoder]
    oof = out_of_fold_scores(X, Y, groups, folds, english_weight=english_weight)
    coef, intercept = fit_same_story(oof[:, 0], Y[:, 0])
    usable = training_mask(X)
    weights = overall_weights(X, english_weight)[usable]
    fitted = fit_dimensions(X[usable], Y[usable], groups[usable], folds, overall_weight=weights)
    model = {
        "encoder": encoder,
        "features": list(feature_names),
        "scorers": {dim: export_trees(regressor) for dim, regressor in fitted.items()},
        "same_story": {"label": f"Overall <= {SAME_STORY_THRESHOLD:g}", "coef": coef, "intercept": intercept},
        "meta": {
            "trained_on": "SemEval-2022 Task 8 training pairs (semeval22-pairs-dev.jsonl)",
            "pairs": len(Y),
            "tree_params": TREE_PARAMS,
            "overall_stacked_on": list(STACKED_ON),
            "overall_english_weight": english_weight,
            "cv_folds": folds,
        },
    }
    return model, oof


def cross_validated_report(
    pairs: Sequence[dict[str, Any]], oof: np.ndarray, groups: np.ndarray, folds: int = 5
) -> dict[str, Any]:
    """Correlations of the out-of-fold scores, plus the same-story calibration measured on held-out folds
    (each fold's probabilities come from a logistic map fitted on the other folds)."""
    from samestory.eval.pairs import pair_report

    predicted = {str(p["pair_id"]): dict(zip(DIMENSIONS, row, strict=True)) for p, row in zip(pairs, oof, strict=True)}
    report = pair_report(pairs, predicted)
    gold = np.array([float(p["Overall"]) for p in pairs])
    probability = np.zeros(len(pairs))
    for train, test in grouped_folds(groups, folds):
        coef, intercept = fit_same_story(oof[train, 0], gold[train])
        probability[test] = 1.0 / (1.0 + np.exp(-(intercept + coef * oof[test, 0])))
    report["same_story"] = same_story_metrics(probability, gold <= SAME_STORY_THRESHOLD)
    return report


def same_story_metrics(probability: np.ndarray, label: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import brier_score_loss, roc_auc_score

    decided = probability >= 0.5
    return {
        "label": f"gold Overall <= {SAME_STORY_THRESHOLD:g}",
        "positives": int(label.sum()),
        "brier": round(float(brier_score_loss(label, probability)), 4),
        "auc": round(float(roc_auc_score(label, probability)), 4),
        "accuracy_at_0.5": round(float((decided == label).mean()), 4),
    }
