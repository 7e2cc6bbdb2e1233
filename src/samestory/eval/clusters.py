"""Clustering quality against gold events: B-cubed precision/recall/F1 (Bagga & Baldwin 1998), pairwise
precision/recall/F1 over same-story pairs, and the adjusted Rand index."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from math import comb

from sklearn.metrics import adjusted_rand_score


@dataclass(frozen=True)
class ClusterScores:
    articles: int
    gold_clusters: int
    predicted_clusters: int
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    ari: float

    def to_dict(self) -> dict[str, float | int]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def score_clusters(gold: Mapping[str, str], predicted: Mapping[str, str]) -> ClusterScores:
    """Scores over the items of ``gold`` (item id -> gold cluster); an item missing from ``predicted`` counts
    as a singleton, so dropping articles is penalised rather than ignored."""
    items = list(gold)
    if not items:
        raise ValueError("no gold items to score")
    pred = {item: predicted.get(item, f"\0missing:{item}") for item in items}
    joint = Counter((gold[i], pred[i]) for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    pred_sizes = Counter(pred.values())
    # B-cubed: per item, the share of its predicted cluster that is in its gold cluster (and vice versa);
    # summed per (gold, predicted) cell, each of the n items of a cell contributes n / size.
    precision = sum(n * n / pred_sizes[p] for (_, p), n in joint.items()) / len(items)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in joint.items()) / len(items)
    together = sum(comb(n, 2) for n in joint.values())
    pred_pairs = sum(comb(n, 2) for n in pred_sizes.values())
    gold_pairs = sum(comb(n, 2) for n in gold_sizes.values())
    pair_p = together / pred_pairs if pred_pairs else 1.0
    pair_r = together / gold_pairs if gold_pairs else 1.0
    return ClusterScores(
        articles=len(items),
        gold_clusters=len(gold_sizes),
        predicted_clusters=len(pred_sizes),
        bcubed_precision=precision,
        bcubed_recall=recall,
        bcubed_f1=_f1(precision, recall),
        pairwise_precision=pair_p,
        pairwise_recall=pair_r,
        pairwise_f1=_f1(pair_p, pair_r),
        ari=float(adjusted_rand_score([gold[i] for i in items], [pred[i] for i in items])),
    )


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
