"""Story clustering quality on the dev corpora, with a TF-IDF + average-link batch baseline in the same run.

    python benchmarks/cluster_quality.py [--fast] [--fit] [--ner | --no-entities]

The corpora are read as ``samestory cluster`` reads them (readers + cleaning) and featurised by the function
ingest calls (``stories.signals.clustering_features``). Honest figures: each corpus is cut in two halves
(ECB+ by topic, GVA by publication time, so no event spans the cut in ECB+ and few do in GVA); each half is
clustered online with a join model fitted on the other half and on the whole other corpus, and the two
halves' predictions are scored together. The baseline's threshold
is tuned on the very data it is scored on (its best case). ``--fit`` also prints the model fitted on
everything, to paste into ``stories/decision.py``. ``--ner`` clusters on complete records with NER entities
and ``--no-entities`` on light records stripped of their entities: the figures behind what clustering computes
(docs/stories.md). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpora import CORPORA, cached_features, load_corpus  # noqa: E402

from samestory.eval.clusters import score_clusters  # noqa: E402
from samestory.model import Article  # noqa: E402
from samestory.stories.clusterer import ClusterParams, StoryClusterer  # noqa: E402
from samestory.stories.decision import JoinModel  # noqa: E402
from samestory.stories.order import publication_order  # noqa: E402
from samestory.stories.signals import StorySignals, build_signals, mention_keys  # noqa: E402
from samestory.stories.training import fit_join_model, join_examples  # noqa: E402

BASELINE_THRESHOLDS = np.round(np.arange(0.5, 0.96, 0.05), 2)


def stream(
    name: str, fast: bool, ner: bool = False, entities: bool = True
) -> tuple[list[StorySignals], dict[str, str], list[Article]]:
    articles, gold = load_corpus(name)
    features = cached_features(name, articles, fast, ner=ner)
    signals = build_signals(articles, features)
    if ner:  # build_signals reads any record the light way; this variant measures the NER mentions themselves
        signals = [
            dataclasses.replace(s, entities=mention_keys(f.entities), places=mention_keys(f.places))
            for s, f in zip(signals, features, strict=True)
        ]
    if not entities:
        signals = [dataclasses.replace(s, entities=frozenset()) for s in signals]
    by_id = {s.article_id: s for s in signals}
    ordered = publication_order(articles, lambda a: a.date)
    return [by_id[a.id] for a in ordered], gold, articles


def halves(name: str, ordered: list[StorySignals], articles: list[Article]) -> list[list[StorySignals]]:
    if name.startswith("ecbplus"):  # ids are "<topic>_<doc>": cut between topics
        topics = sorted({a.id.split("_")[0] for a in articles}, key=lambda t: int(t) if t.isdigit() else t)
        first = set(topics[: len(topics) // 2])
        return [
            [s for s in ordered if (s.article_id.split("_")[0] in first) == side] for side in (True, False)
        ]
    middle = len(ordered) // 2
    return [ordered[:middle], ordered[middle:]]


def cluster(signals: list[StorySignals], params: ClusterParams) -> dict[str, str]:
    clusterer = StoryClusterer(params)  # params always carries the model under test
    assigned = {s.article_id: clusterer.learn_one(s).story_id for s in signals}
    return {article: clusterer.resolve(story) for article, story in assigned.items()}


def cross_validated(data: dict, params: ClusterParams) -> dict[str, dict]:
    whole = {name: join_examples(ordered, gold, params) for name, (ordered, gold, _) in data.items()}
    results = {}
    for name, (ordered, gold, articles) in data.items():
        parts = halves(name, ordered, articles)
        others = [whole[other] for other in data if other != name]
        predicted: dict[str, str] = {}
        for test, train in ((0, 1), (1, 0)):
            model = fit_join_model([join_examples(parts[train], gold, params), *others])
            predicted |= cluster(parts[test], _with_model(params, model))
        results[name] = score_clusters(gold, predicted).to_dict()
    return results


def baseline(articles: list[Article], gold: dict[str, str]) -> dict:
    """TF-IDF cosine + average-link agglomerative clustering, best threshold on this corpus."""
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    distances = np.clip(1.0 - (tfidf @ tfidf.T).toarray(), 0.0, None)
    best = None
    for threshold in BASELINE_THRESHOLDS:
        labels = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
        ).fit_predict(distances)
        scores = score_clusters(gold, {a.id: str(label) for a, label in zip(articles, labels, strict=True)})
        if best is None or scores.bcubed_f1 > best["bcubed_f1"]:
            best = scores.to_dict() | {"threshold": float(threshold)}
    return best


def _with_model(params: ClusterParams, model: JoinModel) -> ClusterParams:
    return ClusterParams(**{**params.__dict__, "model": model})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="lexical features only (no NER, no encoder)")
    parser.add_argument("--fit", action="store_true", help="also print the model fitted on all dev data")
    variant = parser.add_mutually_exclusive_group()
    variant.add_argument("--ner", action="store_true", help="complete records with NER entities (not --fast)")
    variant.add_argument("--no-entities", action="store_true", help="light records without their entities")
    parser.add_argument(
        "--window-days", type=int, default=ClusterParams.window_days, help="how far back a story can be joined"
    )
    parser.add_argument(
        "--archive-days",
        type=int,
        default=ClusterParams.archive_days,
        help="how long a story gone from the window can still be found",
    )
    args = parser.parse_args()
    params = ClusterParams(window_days=args.window_days, archive_days=args.archive_days)
    data = {name: stream(name, args.fast, args.ner, not args.no_entities) for name in CORPORA}
    report = {
        "mode": "fast" if args.fast else "default",
        "window_days": params.window_days,
        "archive_days": params.archive_days,
        "entities": "ner" if args.ner else "none" if args.no_entities else "names",
        "protocol": "2-fold (ECB+ topic halves, GVA time halves); model fitted on the other half"
        " + the other corpus",
        "samestory": cross_validated(data, params),
        "tfidf_average_link_baseline": {
            name: baseline(articles, gold) for name, (_, gold, articles) in data.items()
        },
    }
    if args.fit:
        model = fit_join_model([join_examples(ordered, gold, params) for ordered, gold, _ in data.values()])
        report["fitted_on_all_dev"] = {"weights": model.weights, "bias": model.bias}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
