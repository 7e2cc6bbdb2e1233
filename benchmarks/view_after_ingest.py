"""What a reader waits for a story view on a store filled by ``samestory ingest`` (light clustering records):
ECB+ dev is ingested into a temporary store, then the API's service builds the views of the largest stories.

- cold: the first view of each story in a fresh process, which completes the light records (NER, dates,
  sentence vectors) and stores them back; the first story also pays for loading the models;
- stored: the same views from a second fresh service, the completed records read back;
- cached: the same views again from that service's in-process cache.

    python benchmarks/view_after_ingest.py [--stories 10]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from samestory.api.service import StoryService  # noqa: E402
from samestory.engine import Engine  # noqa: E402
from samestory.stories.step import StoryStep  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev.jsonl"


def view_seconds(db: Path, story_ids: list[str]) -> list[float]:
    service = StoryService(Engine(db))
    seconds = []
    for story_id in story_ids:
        start = time.perf_counter()
        if service.story(story_id) is None:
            raise RuntimeError(f"story {story_id} has no view")
        seconds.append(time.perf_counter() - start)
    return seconds


def summary(seconds: list[float]) -> dict[str, float]:
    rest = seconds[1:]  # the first view of a fresh service also loads the models
    return {
        "first_s": round(seconds[0], 3),
        "p50_s": round(statistics.median(rest), 4),
        "max_s": round(max(rest), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "ecb.db"
        with Engine(db, steps=[StoryStep()]) as engine:
            start = time.perf_counter()
            engine.ingest(DATA)
            ingest_s = time.perf_counter() - start
            rows = engine.store.execute(
                "SELECT id, n_articles FROM stories ORDER BY n_articles DESC, id LIMIT ?", (args.stories,)
            ).fetchall()
        story_ids = [story_id for story_id, _ in rows]
        cold = view_seconds(db, story_ids)
        stored = view_seconds(db, story_ids)
        service = StoryService(Engine(db))
        for story_id in story_ids:
            service.story(story_id)
        cached = []
        for story_id in story_ids:
            start = time.perf_counter()
            service.story(story_id)
            cached.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "ingest_s": round(ingest_s, 1),
                "story_sizes": [n for _, n in rows],
                "cold": summary(cold),
                "stored": summary(stored),
                "cached_p50_ms": round(statistics.median(cached) * 1e3, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
