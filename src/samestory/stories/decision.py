"""The join-or-new decision: pair-judgement-like features of (article, candidate story) and a logistic model
over them. A learned decision beats one global similarity threshold because the evidence trades off: a modest
cosine with the same street and day is a join, a high cosine with another city is a new story.

The shipped weights were fitted on the dev corpora (ECB+ and GVA) with
``benchmarks/cluster_quality.py --fit``; the figures it prints are cross-validated (see that script), never
fit-and-test on the same data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

FEATURE_NAMES = (
    "cos_centroid",  # article vector . normalised sum of the story's member vectors
    "cos_best",  # highest cosine to one member among the retrieved neighbours
    "lexical_cos",  # cosine of idf-weighted hashed word counts to the story's summed rows (0 when absent)
    "title_cos",  # the headline's hashed word counts against the story's headlines (no idf: it measured no
    # better there): headlines name the event, bodies wander
    "entity_share",  # idf-weighted share of the article's entities that the story already names
    "entity_clash",  # both name entities and none is shared: another incident with other actors
    "place_share",  # the same for places
    "place_clash",  # both name places and none is shared: usually another incident of the same kind
    "street_share",  # share of the streets the article names that the story names (0 when it names none)
    "street_clash",  # both name streets and none is shared: in local news, another incident in the same city
    "weekday_clash",  # both leads name the day of the week and no day is shared: incidents days apart
    "day_gap",  # log(1 + days between the article and the story's span); 0 when either is undated
    "day_unknown",
    "log_size",
)


# Join when the probability reaches this. Below 0.5 because a wrong split costs B-cubed more than a wrong join
# here (precision ~0.97, recall ~0.88): cross-validated on dev, 0.35 beat 0.5 and 0.25 (docs/stories.md).
JOIN_THRESHOLD = 0.35


@dataclass(frozen=True)
class JoinModel:
    weights: tuple[float, ...]
    bias: float
    threshold: float = JOIN_THRESHOLD

    def probability(self, features: np.ndarray) -> np.ndarray:
        """Join probability of each row of ``features`` (n, len(FEATURE_NAMES))."""
        z = features @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-z))


def keyed_shares(weights: dict[str, float], stories_counts: Sequence[Counter[str]]) -> list[float]:
    """Weighted share of the article's keys (``weights``: key -> its weight) each story has seen; 0 when the
    article names none."""
    if not weights:
        return [0.0] * len(stories_counts)
    total, items = sum(weights.values()), list(weights.items())
    return [sum(w for key, w in items if key in counts) / total for counts in stories_counts]


def keyed_clashes(keys: frozenset, stories_counts: Sequence[Counter]) -> list[bool]:
    """Whether the article and each story both name keys and share none: another incident of the same kind."""
    return [bool(keys) and bool(counts) and counts.keys().isdisjoint(keys) for counts in stories_counts]


def day_gap(day: date | None, first: date | None, last: date | None) -> float | None:
    """Days from ``day`` to the span [first, last]; None when either side is undated."""
    if day is None or first is None or last is None:
        return None
    if day < first:
        return float((first - day).days)
    if day > last:
        return float((day - last).days)
    return 0.0


def join_features(
    cos_centroid: Sequence[float],
    cos_best: Sequence[float],
    lexical_cos: Sequence[float],
    title_cos: Sequence[float],
    entity_share: Sequence[float],
    entity_clash: Sequence[bool],
    place_share: Sequence[float],
    place_clash: Sequence[bool],
    street_share: Sequence[float],
    street_clash: Sequence[bool],
    weekday_clash: Sequence[bool],
    gap_days: Sequence[float | None],
    story_size: Sequence[int],
) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` per candidate story, from one sequence per measure (all of one length)."""
    gaps = np.array([np.nan if gap is None else gap for gap in gap_days], dtype=np.float64)
    unknown = np.isnan(gaps)
    return np.column_stack(
        [
            np.asarray(cos_centroid, dtype=np.float64),
            np.asarray(cos_best, dtype=np.float64),
            np.asarray(lexical_cos, dtype=np.float64),
            np.asarray(title_cos, dtype=np.float64),
            np.asarray(entity_share, dtype=np.float64),
            np.asarray(entity_clash, dtype=np.float64),
            np.asarray(place_share, dtype=np.float64),
            np.asarray(place_clash, dtype=np.float64),
            np.asarray(street_share, dtype=np.float64),
            np.asarray(street_clash, dtype=np.float64),
            np.asarray(weekday_clash, dtype=np.float64),
            np.log1p(np.where(unknown, 0.0, gaps)),
            unknown.astype(np.float64),
            np.log(np.asarray(story_size, dtype=np.float64)),
        ]
    )


# Both fitted on all dev data (light records, read through the product's readers) by
# ``benchmarks/cluster_quality.py --fit`` (default mode) and ``--fast --fit`` (fast mode): the modes' vectors
# differ (encoder vs hashed words), so do the weights that trust them. Cross-validated figures: docs/stories.md.
DEFAULT_MODEL = JoinModel(
    weights=(
        *(3.1186, 3.2292, 8.2716, 0.9464, 0.7425, -2.1338, 1.2864),
        *(-2.1077, 1.9656, -2.4613, -1.3927, -1.0734, -0.561, -0.4661),
    ),
    bias=-4.0139,
)
FAST_MODEL = JoinModel(
    weights=(
        *(3.4259, 2.6065, 7.6902, 2.0566, 0.2705, -2.1781, 1.8926),
        *(-1.8853, 2.0018, -2.959, -1.3857, -1.1845, -0.1689, -0.6138),
    ),
    bias=-2.3111,
)


def shipped_model(fast: bool = False) -> JoinModel:
    """The shipped join model of a clustering mode."""
    return FAST_MODEL if fast else DEFAULT_MODEL
