"""Which document vector finds same-event articles better on ECB+: the mean of the body's sentence vectors,
or one embedding of title + lead (the encoder reads its first 256 tokens)? For each article, is its nearest
neighbour (cosine) in the same event? Prints JSON.

    nice python benchmarks/doc_vector_retrieval.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from samestory.features import extract_many
from samestory.features.encoder import get_encoder
from samestory.model import Article

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus-dev.jsonl"


def nearest_neighbour_accuracy(vectors: np.ndarray, events: list[str]) -> float:
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    nearest = similarity.argmax(axis=1)
    return float(np.mean([events[i] == events[j] for i, j in enumerate(nearest)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="first N articles only")
    args = parser.parse_args()
    records = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    records = records[: args.limit] if args.limit else records
    articles = [
        Article(id=r["id"], text=r["text"], title=r.get("title"), published=r.get("date")) for r in records
    ]
    events = [r["event_id"] for r in records]
    started = time.perf_counter()
    features = extract_many(articles)
    mean_of_sentences = np.vstack([f.doc_vector for f in features])
    title_and_lead = get_encoder().embed([f"{a.title or ''}\n{a.text}".strip() for a in articles])
    both = mean_of_sentences + title_and_lead
    both /= np.clip(np.linalg.norm(both, axis=1, keepdims=True), 1e-12, None)
    print(
        json.dumps(
            {
                "articles": len(articles),
                "nn_same_event_mean_of_sentences": round(
                    nearest_neighbour_accuracy(mean_of_sentences, events), 4
                ),
                "nn_same_event_title_and_lead": round(nearest_neighbour_accuracy(title_and_lead, events), 4),
                "nn_same_event_average_of_both": round(nearest_neighbour_accuracy(both, events), 4),
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
