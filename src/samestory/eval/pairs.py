"""Correlation of predicted pair scores with SemEval-2022 Task 8 gold scores, per dimension and language pair.

The official task was scored by Pearson correlation on Overall; Spearman is given alongside because the gold
scores are annotator means on a coarse 1–4 scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from samestory.judge.model import DIMENSIONS


def correlations(predicted: Sequence[float], gold: Sequence[float]) -> dict[str, float | None]:
    """Pearson and Spearman; None where undefined (fewer than three pairs or a constant side)."""
    from scipy.stats import pearsonr, spearmanr

    x, y = np.asarray(predicted, dtype=np.float64), np.asarray(gold, dtype=np.float64)
    if x.size < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return {"pearson": None, "spearman": None}
    return {
        "pearson": round(float(pearsonr(x, y)[0]), 4),
        "spearman": round(float(spearmanr(x, y)[0]), 4),
    }


def language_pair(pair: Mapping[str, Any]) -> str:
    return f"{pair.get('lang1') or '?'}-{pair.get('lang2') or '?'}"


def pair_report(gold: Sequence[Mapping[str, Any]], predicted: Mapping[str, Mapping[str, float]]) -> dict[str, Any]:
    """Correlations of ``predicted`` (pair_id -> scores by dimension name) against ``gold`` pair records.

    Gold pairs without a prediction (or without a ``pair_id``) are counted under ``missing`` and left out of
    the figures; a dimension is reported where every scored pair has it on both sides.
    """
    scored = [pair for pair in gold if str(pair.get("pair_id")) in predicted]
    by_language: dict[str, list[Mapping[str, Any]]] = {}
    for pair in scored:
        by_language.setdefault(language_pair(pair), []).append(pair)

    def figures(pairs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        return {
            dim: correlations([predicted[str(p["pair_id"])][dim] for p in pairs], [p[dim] for p in pairs])
            for dim in DIMENSIONS
            if all(dim in p and dim in predicted[str(p["pair_id"])] for p in pairs)
        }

    return {
        "pairs": len(scored),
        "missing": len(gold) - len(scored),
        "all": figures(scored),
        "by_language": {
            lang: {"pairs": len(pairs), "Overall": figures(pairs).get("Overall")}
            for lang, pairs in sorted(by_language.items(), key=lambda item: -len(item[1]))
        },
    }
