"""The trained pair model: gradient-boosted regression trees per SemEval dimension plus a logistic map from the
predicted Overall score to the probability that the two articles tell the same story. Overall is stacked: its
trees read the pair features and the predicted Geography, Entities and Narrative (+0.004 Pearson overall, +0.008
en-en in grouped CV), the content dimensions a "same story" judgement rests on. Style and Tone are left out:
two reports of different events of one kind share them, and stacking on them pulled such pairs toward "same"
(a fictional different-envoy visit scored 2.4 instead of 3.1) for a CV gain within seed noise; Time is
predicted poorly (0.39).

The model is plain JSON (tree arrays and coefficients) evaluated with numpy: no pickle, nothing executed on
load. ``scripts/train_judge.py`` writes it; see docs/judge.md for how it was trained and measured.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

DIMENSIONS: tuple[str, ...] = ("Overall", "Geography", "Entities", "Time", "Narrative", "Style", "Tone")
STACKED_ON: tuple[str, ...] = ("Geography", "Entities", "Narrative")  # read by Overall after the features
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "judge"
SCORE_RANGE = (1.0, 4.0)


@dataclass
class TreeEnsemble:
    """Sum of regression trees, all stored in flat arrays so every tree is walked at once.

    ``left``/``right`` hold global node indices (-1 at a leaf); ``roots`` the first node of each tree.
    """

    base: float
    learning_rate: float
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    depth: int

    def predict(self, X: np.ndarray) -> np.ndarray:
        nodes = np.broadcast_to(self.roots, (X.shape[0], self.roots.size)).copy()
        rows = np.arange(X.shape[0])[:, None]
        for _ in range(self.depth):
            leaf = self.left[nodes] < 0
            go_left = X[rows, self.feature[nodes]] <= self.threshold[nodes]
            nodes = np.where(leaf, nodes, np.where(go_left, self.left[nodes], self.right[nodes]))
        return self.base + self.learning_rate * self.value[nodes].sum(axis=1)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TreeEnsemble:
        trees = data["trees"]
        offsets = np.cumsum([0] + [len(t["feature"]) for t in trees])

        def joined(key: str, dtype: type, shift: bool = False) -> np.ndarray:
            parts = []
            for offset, tree in zip(offsets, trees, strict=False):
                part = np.asarray(tree[key], dtype=dtype)
                parts.append(np.where(part >= 0, part + offset, -1) if shift else part)
            return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

        return cls(
            base=float(data["base"]),
            learning_rate=float(data["learning_rate"]),
            # Leaves carry feature -2 in scikit-learn; 0 is a safe index for the (ignored) comparison there.
            feature=np.maximum(joined("feature", np.int64), 0),
            threshold=joined("threshold", np.float64),
            left=joined("left", np.int64, shift=True),
            right=joined("right", np.int64, shift=True),
            value=joined("value", np.float64),
            roots=offsets[:-1].astype(np.int64),
            depth=int(data["depth"]),
        )


class Regressor(Protocol):
    def predict(self, X: np.ndarray) -> np.ndarray: ...


def predict_dimensions(models: dict[str, Regressor], X: np.ndarray) -> np.ndarray:
    """(n, 7) raw predictions in ``DIMENSIONS`` order: the other six from the features, then Overall from the
    features plus the ``STACKED_ON`` ones (fitted scikit-learn models and ``TreeEnsemble`` alike)."""
    others = {dim: models[dim].predict(X) for dim in DIMENSIONS[1:]}
    overall = models["Overall"].predict(np.column_stack([X, *(others[dim] for dim in STACKED_ON)]))
    return np.column_stack([overall, *others.values()])


@dataclass
class JudgeModel:
    """Seven score models and the same-story calibration, for one encoder's feature space."""

    encoder: str
    feature_names: tuple[str, ...]
    scorers: dict[str, TreeEnsemble]
    same_story_coef: float
    same_story_intercept: float
    same_story_label: str
    meta: dict[str, Any]

    def scores(self, X: np.ndarray) -> np.ndarray:
        """(n, 7) scores on the 1–4 scale, columns in ``DIMENSIONS`` order."""
        X = np.atleast_2d(np.asarray(X, dtype=np.float64))
        return np.clip(predict_dimensions(self.scorers, X), *SCORE_RANGE)

    def same_story(self, overall: np.ndarray) -> np.ndarray:
        """Calibrated probability of ``same_story_label`` given the predicted Overall score."""
        z = self.same_story_intercept + self.same_story_coef * np.asarray(overall, dtype=np.float64)
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JudgeModel:
        stacked_on = data.get("meta", {}).get("overall_stacked_on")
        if stacked_on != list(STACKED_ON):
            raise ValueError(f"judge model stacks Overall on {stacked_on}, this code on {list(STACKED_ON)}: retrain")
        calibration = data["same_story"]
        return cls(
            encoder=data["encoder"],
            feature_names=tuple(data["features"]),
            scorers={dim: TreeEnsemble.from_dict(data["scorers"][dim]) for dim in DIMENSIONS},
            same_story_coef=float(calibration["coef"]),
            same_story_intercept=float(calibration["intercept"]),
            same_story_label=calibration["label"],
            meta=data.get("meta", {}),
        )

    @classmethod
    def load(cls, path: str | Path) -> JudgeModel:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def model_path(encoder: str) -> Path:
    return MODEL_DIR / f"{encoder}.json"


@lru_cache(maxsize=4)
def get_model(encoder: str = "minilm") -> JudgeModel:
    """The shipped model for ``encoder`` (``minilm`` or ``multilingual``), loaded once per process."""
    path = model_path(encoder)
    if not path.is_file():
        raise FileNotFoundError(f"no judge model for encoder {encoder!r} at {path}; run scripts/train_judge.py")
    return JudgeModel.load(path)
