"""Shared loading for the story benchmarks: the dev corpora read the way the product reads them, their
features computed by the function clustering calls, cached under /tmp (computing them is the slow part and
does not change between runs)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from samestory.features import FEATURES_VERSION, extract_many, from_bytes, to_bytes
from samestory.features.record import ArticleFeatures
from samestory.model import Article
from samestory.pipeline import read
from samestory.stories.signals import clustering_features

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
# "product-": read through the readers and cleaning, light clustering features (older caches were neither);
# "-v<FEATURES_VERSION>": a cache written by another record format is recomputed, not misread.
CACHE = Path(os.environ.get("SAMESTORY_BENCH_CACHE", "/tmp/samestory-bench"))
CORPORA = ("ecbplus-dev", "gva-dev")


def load_corpus(name: str) -> tuple[list[Article], dict[str, str]]:
    """The articles of ``DATA/name.jsonl`` as ``samestory.read`` gives them (cleaned, in file order) and their
    gold events (article id -> event id); the reader keeps each record's ``id``."""
    path = DATA / f"{name}.jsonl"
    with open(path, encoding="utf-8") as lines:
        gold = {row["id"]: row["event_id"] for row in map(json.loads, lines)}
    articles = list(read(path))
    lost = set(gold) - {a.id for a in articles}
    if lost or len(articles) != len(gold):
        raise RuntimeError(f"{name}: {len(lost)} gold ids not read back, {len(articles)} articles read")
    return articles, gold


def cached_features(name: str, articles: list[Article], fast: bool, *, ner: bool = False) -> list[ArticleFeatures]:
    """``clustering_features(articles, fast=fast)``, read from the cache when an earlier run wrote it. ``ner``
    instead computes complete records with NER (what ingest stored before clustering went light), to measure
    what NER is worth to clustering."""
    kind = "ner" if ner else "fast" if fast else "light"
    folder = CACHE / f"{name}-product-{kind}-v{FEATURES_VERSION}"
    if not folder.is_dir():
        features = extract_many(articles, sentence_vectors=False) if ner else clustering_features(articles, fast=fast)
        partial = folder.with_name(f"{folder.name}.{os.getpid()}.partial")  # renamed when whole: never half-read
        partial.mkdir(parents=True, exist_ok=True)
        for i, feature in enumerate(features):
            (partial / f"{i}.bin").write_bytes(to_bytes(feature))
        try:
            partial.rename(folder)
        except OSError:  # another run finished the same cache first: keep its copy
            if not folder.is_dir():
                raise
            shutil.rmtree(partial)
    # Read back even when just computed: vectors are stored as float16, so the first run scores what later runs
    # (and a store) see.
    return [from_bytes((folder / f"{i}.bin").read_bytes()) for i in range(len(articles))]
