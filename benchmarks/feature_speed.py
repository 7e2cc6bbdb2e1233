"""Feature extraction speed per component on a sample of GVA news (articles/s; one process, default threads).

    nice python benchmarks/feature_speed.py [--limit 300]

Prints JSON: articles/s of the sentence splitter, the encoder (all sentences + title/lead), spaCy NER, the
gazetteer, dates, numbers, MinHash, the whole ``extract_many``, its ``sentence_vectors=False`` mode (title +
lead only: what clustering runs; ``encoder_title_lead`` is that mode's encoder share), its ``fast=True`` mode,
and the mean words and sentences per article. Models are loaded (and warmed on one article) before timing.
"""

from __future__ import annotations

import argparse
import json
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

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gva-dev.jsonl"


def rate(count: int, work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return round(count / max(time.perf_counter() - started, 1e-9), 1)


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
    get_encoder().embed(["warm up"])
    list(ner_spans(["Warm up in Tokyo."]))
    gazetteer()
    figures = {
        "articles": n,
        "mean_words": round(sum(len(t.split()) for t in texts) / n, 1),
        "mean_sentences": round(sum(map(len, sentences)) / n, 1),
        "splitter": rate(n, lambda: [split_sentences(t) for t in texts]),
        "encoder": rate(n, lambda: get_encoder().embed(encoder_inputs)),
        "encoder_title_lead": rate(n, lambda: get_encoder().embed(short_leads)),
        "ner": rate(n, lambda: list(ner_spans([t[:NER_MAX_CHARS] for t in texts]))),
        "places": rate(n, lambda: [scan_places(t) for t in texts]),
        "dates": rate(n, lambda: [extract_dates(a.text, a.published) for a in articles]),
        "numbers": rate(n, lambda: [extract_numbers(t) for t in texts]),
        "minhash": rate(n, lambda: [minhash_signature(t) for t in texts]),
        "total": rate(n, lambda: extract_many(articles)),
        "total_no_sentence_vectors": rate(n, lambda: extract_many(articles, sentence_vectors=False)),
        "total_fast": rate(n, lambda: extract_many(articles, fast=True)),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
