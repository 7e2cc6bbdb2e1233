"""Precision of cross-outlet sentence alignment on ECB+ dev stories, against hand labels.

Stories are ECB+ dev events (articles grouped by event_id) drawn with a fixed seed; every pair of sentences
that the story view puts in one claim (agreed or conflicting) is an aligned pair. ``--dump`` prints a sample
of pairs to label by hand; the labels (ids, sentence indices and verdicts only, no text) live in
benchmarks/labels/alignment_ecbplus.json. Verdicts: "same" (one fact told twice), "partial" (they share one
fact but one sentence is mostly about something else), "different". Prints JSON.
Usage: nice python benchmarks/alignment_precision.py [--dump]
"""

from __future__ import annotations

import argparse
import json
import os
import random
from collections import defaultdict
from itertools import combinations
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from samestory.features import extract_many  # noqa: E402
from samestory.model import Article  # noqa: E402
from samestory.stories.view import build_view  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev.jsonl"
LABELS = Path(__file__).with_name("labels") / "alignment_ecbplus.json"
SEED = 7
STORIES = 10
ARTICLES_PER_STORY = 4
SAMPLE = 60


def sample_stories() -> list[list[Article]]:
    by_event: dict[str, list[dict]] = defaultdict(list)
    for line in DATA.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        by_event[record["event_id"]].append(record)
    events = sorted(e for e, records in by_event.items() if len(records) >= 3)
    chosen = random.Random(SEED).sample(events, STORIES)
    return [
        [
            Article(id=r["id"], text=r["text"], title=r["title"], source=r["id"], lang="en")
            for r in by_event[event][:ARTICLES_PER_STORY]
        ]
        for event in chosen
    ]


def aligned_pairs() -> list[tuple[tuple[str, int], tuple[str, int], str, str]]:
    pairs = []
    for articles in sample_stories():
        view = build_view(articles, extract_many(articles))
        for claim in [*view.agreed, *(c.claim for c in view.conflicts)]:
            for a, b in combinations(claim.supports, 2):
                pairs.append(
                    (
                        (a.article_id, a.sentence_index),
                        (b.article_id, b.sentence_index),
                        a.sentence,
                        b.sentence,
                    )
                )
    random.Random(SEED).shuffle(pairs)
    return pairs[:SAMPLE]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump", action="store_true", help="print the sampled pairs for hand labelling")
    args = parser.parse_args()
    pairs = aligned_pairs()
    if args.dump:
        for a, b, text_a, text_b in pairs:
            print(json.dumps({"a": a, "b": b}), f"\n  A: {text_a}\n  B: {text_b}\n")
        return
    labels = {(tuple(x["a"]), tuple(x["b"])): x["verdict"] for x in json.loads(LABELS.read_text())}
    verdicts = [labels[(a, b)] for a, b, _, _ in pairs if (a, b) in labels]
    judged = len(verdicts)
    print(
        json.dumps(
            {
                "benchmark": "alignment_precision",
                "data": "ecbplus-dev",
                "stories": STORIES,
                "pairs_sampled": len(pairs),
                "pairs_labelled": judged,
                "precision_same": round(verdicts.count("same") / judged, 3) if judged else None,
                "precision_same_or_partial": round((judged - verdicts.count("different")) / judged, 3)
                if judged
                else None,
            }
        )
    )


if __name__ == "__main__":
    main()
