"""The portable tree model reproduces scikit-learn exactly, the stacked Overall included; grouped folds never
split an article."""

from __future__ import annotations

import numpy as np

from samestory.judge.model import DIMENSIONS, TreeEnsemble, predict_dimensions
from samestory.judge.training import export_trees, fit_dimensions, fit_trees, grouped_folds, pair_groups


def test_exported_trees_predict_like_scikit_learn() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 5))
    y = 2.5 + X[:, 0] - 0.5 * X[:, 1] * X[:, 2] + rng.normal(scale=0.1, size=200)
    fitted = fit_trees(X, y, {"n_estimators": 40, "max_depth": 3, "learning_rate": 0.1, "random_state": 0})
    portable = TreeEnsemble.from_dict(export_trees(fitted))
    probe = rng.normal(size=(50, 5))
    assert np.allclose(portable.predict(probe), fitted.predict(probe))


def test_stacked_dimensions_export_like_scikit_learn() -> None:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(120, 4))
    Y = 2.5 + X[:, :1] + rng.normal(scale=0.3, size=(120, len(DIMENSIONS)))
    params = {"n_estimators": 10, "max_depth": 2, "learning_rate": 0.1, "random_state": 0}

    def fit(x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> object:
        return fit_trees(x, y, params, sample_weight)

    weights = np.where(X[:, 0] > 0, 2.0, 1.0)  # weighted Overall exports like any other
    models = fit_dimensions(X, Y, np.arange(120) % 12, folds=3, fit=fit, overall_weight=weights)
    portable = {dim: TreeEnsemble.from_dict(export_trees(model)) for dim, model in models.items()}
    probe = rng.normal(size=(30, 4))
    assert np.allclose(predict_dimensions(portable, probe), predict_dimensions(models, probe))


def test_pairs_sharing_an_article_fall_in_one_group() -> None:
    pairs = [
        {"url1": "a", "url2": "b"},
        {"url1": "b", "url2": "c"},
        {"url1": "d", "url2": "e"},
        {"url1": None, "text1": "same text", "url2": "f"},
        {"url1": "g", "url2": None, "text2": "same text"},
    ]
    groups = pair_groups(pairs)
    assert groups[0] == groups[1] != groups[2]
    assert groups[3] == groups[4]
    for train, test in grouped_folds(groups, folds=2):
        assert not set(groups[train]) & set(groups[test])
