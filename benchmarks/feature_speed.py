"""Feature extraction speed per component on a sample of GVA news (one process, default threads).

    nice python benchmarks/feature_speed.py [--limit 300]

Prints JSON: ``articles_per_s`` (wall) and ``cpu_ms_per_article`` (CPU time of this process, the figure to
compare on a shared machine) of the sentence splitter, the encoder (all sentences + title/lead; and title +
lead alone, what clustering embeds), spaCy NER, the gazetteer scan, dates, numbers, MinHash, the whole
``extract_many``, and what clustering computes (``clustering_features``: light records, default and fast);
the gazetteer's build time; the mean words and sentences per article; the load average. Models are loaded
(and warmed on one article) before timing.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from samestory.features import extract_many
from samestory.features.dates import extract_dates
from samestory.features.encoder import get_encoder
from samestory.features.entities import ner_spans
from samestory.features.extract import LEAD_CHARS, NER_MAX_CHARS, SHORT_LEAD_CHARS
from samestory.features.minhash import minhash_signature
from samestory.features.numbers import extract_numbers
from samestory.features.places import gazetteer, scan_places
from samestory.features.sentences import split_sentences
from samestory.model import Article
from samestory.stories.signals import clustering_features

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gva-dev.jsonl"


def measure(count: int, work: Callable[[], object]) -> tuple[float, float]:
    """(articles per wall second, CPU milliseconds per article) of one run of ``work``."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return round(count / max(wall, 1e-9), 1), round(1000 * cpu / count, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=300, help="articles in the sample (first N)")
    args = parser.parse_args()
    records = [
        json.loads(line) for _, line in zip(range(args.limit), DATA.open(encoding="utf-8"), strict=False)
    ]
    articles = [
        Article(id=r["id"], text=r["text"], title=r.get("title"), published=r.get("date")) for r in records
    ]
    texts = [a.text for a in articles]
    n = len(articles)
    sentences = [split_sentences(t) for t in texts]
    leads = [f"{a.title or ''}\n{a.text[:LEAD_CHARS]}".strip() for a in articles]
    encoder_inputs = [s for group in sentences for s in group] + leads
    short_leads = [f"{a.title or ''}\n{a.text[:SHORT_LEAD_CHARS]}".strip() for a in articles]
    started = time.perf_counter()
    gazetteer()
    gazetteer_seconds = time.perf_counter() - started
    get_encoder().embed(["warm up"])
    list(ner_spans(["Warm up in Tokyo."]))
    components: dict[str, Callable[[], object]] = {
        "splitter": lambda: [split_sentences(t) for t in texts],
        "encoder": lambda: get_encoder().embed(encoder_inputs),
        "encoder_title_lead": lambda: get_encoder().embed(short_leads, batch_size=1),  # as clustering runs it
        "ner": lambda: list(ner_spans([t[:NER_MAX_CHARS] for t in texts])),
        "places": lambda: [scan_places(t) for t in texts],
        "dates": lambda: [extract_dates(a.text, a.published) for a in articles],
        "numbers": lambda: [extract_numbers(t) for t in texts],
        "minhash": lambda: [minhash_signature(t) for t in texts],
        "total": lambda: extract_many(articles),
        "clustering_features": lambda: clustering_features(articles),
        "clustering_features_fast": lambda: clustering_features(articles, fast=True),
    }
    figures = {name: measure(n, work) for name, work in components.items()}
    print(
        json.dumps(
            {
                "articles": n,
                "mean_words": round(sum(len(t.split()) for t in texts) / n, 1),
                "mean_sentences": round(sum(map(len, sentences)) / n, 1),
                "gazetteer_build_s": round(gazetteer_seconds, 2),
                "articles_per_s": {name: rate for name, (rate, _) in figures.items()},
                "cpu_ms_per_article": {name: cpu for name, (_, cpu) in figures.items()},
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
