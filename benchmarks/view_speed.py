"""Time build_view on a 50-article story with features precomputed (as they are stored at ingest).

The story is the ECB+ dev articles of the largest events, pooled until 50 articles: more sentences and more
near-misses than a real 50-article story of one event, so a pessimistic figure. Prints JSON.
Usage: nice python benchmarks/view_speed.py [--articles 50] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from samestory.features import extract_many  # noqa: E402
from samestory.model import Article  # noqa: E402
from samestory.stories.view import build_view  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev.jsonl"


def story_articles(count: int) -> list[Article]:
    by_event: dict[str, list[dict]] = defaultdict(list)
    for line in DATA.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        by_event[record["event_id"]].append(record)
    pooled = [r for event in sorted(by_event.values(), key=len, reverse=True) for r in event][:count]
    return [
        Article(
            id=r["id"], text=r["text"], title=r["title"], source=f"outlet-{i}", published=r["date"], lang="en"
        )
        for i, r in enumerate(pooled)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    articles = story_articles(args.articles)
    started = time.perf_counter()
    features = extract_many(articles)
    extraction_s = time.perf_counter() - started
    timings = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        view = build_view(articles, features)
        timings.append(time.perf_counter() - started)
    print(
        json.dumps(
            {
                "benchmark": "view_speed",
                "articles": len(articles),
                "sentences": sum(len(f.sentences) for f in features),
                "build_view_s_median": round(statistics.median(timings), 3),
                "build_view_s_max": round(max(timings), 3),
                "includes_feature_extraction": False,
                "feature_extraction_s": round(extraction_s, 2),
                "agreed_claims": len(view.agreed),
                "conflicts": len(view.conflicts),
                "cpu_threads": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
