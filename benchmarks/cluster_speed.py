"""Story clustering speed and memory: end-to-end throughput of ``samestory cluster`` on GVA dev (default and
fast mode), and the clusterer's cost per article from 1k to N articles on a synthetic stream (GVA dev articles
re-dated one day per 100 articles, fast-mode signals), with resident memory.

    python benchmarks/cluster_speed.py [--max-articles 100000]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpora import DATA, cached_features, load_corpus  # noqa: E402

from samestory.cli.stories import cluster_inputs  # noqa: E402
from samestory.stories.clusterer import StoryClusterer  # noqa: E402
from samestory.stories.signals import build_signals  # noqa: E402

ARTICLES_PER_DAY = 100


def end_to_end(fast: bool, limit: int) -> dict:
    """Read, clean, featurise, cluster and write assignments for the first ``limit`` GVA dev lines."""
    sample = Path("/tmp") / f"samestory-speed-{limit}.jsonl"
    with open(DATA / "gva-dev.jsonl", encoding="utf-8") as lines:
        sample.write_text(
            "".join(line for _, line in zip(range(limit), lines, strict=False)), encoding="utf-8"
        )
    start = time.perf_counter()
    assigned = cluster_inputs((str(sample),), None, fast)
    seconds = time.perf_counter() - start
    return {
        "articles": len(assigned),
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(assigned) / seconds, 1),
    }


def scaling(max_articles: int) -> list[dict]:
    articles, _ = load_corpus("gva-dev")
    base = build_signals(articles, cached_features("gva-dev", articles, fast=True))
    clusterer = StoryClusterer()
    rows, checkpoints, start, done = [], {1_000, 10_000, max_articles}, time.perf_counter(), 0
    for n in range(max_articles):
        signals = base[n % len(base)]
        day = date(2015, 1, 1) + timedelta(days=n // ARTICLES_PER_DAY)
        clusterer.learn_one(replace(signals, article_id=f"{signals.article_id}-{n}", day=day, minhash=None))
        if n + 1 in checkpoints:
            seconds = time.perf_counter() - start
            rows.append(
                {
                    "articles": n + 1,
                    "ms_per_article_since_last": round(1000 * seconds / (n + 1 - done), 3),
                    "stories_in_memory": len(clusterer.stories),
                    "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                }
            )
            start, done = time.perf_counter(), n + 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-articles", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=500, help="GVA articles for the end-to-end runs")
    args = parser.parse_args()
    report = {
        "end_to_end_fast": end_to_end(True, args.sample),
        "end_to_end_default": end_to_end(False, args.sample),
        "scaling_fast_signals": scaling(args.max_articles),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
