"""Shared loading for the story benchmarks: the dev corpora as Articles, their features cached under /tmp
(computing them is the slow part and does not change between runs)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from samestory.features import extract_many, from_bytes, to_bytes
from samestory.features.record import ArticleFeatures
from samestory.model import Article

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CACHE = Path(os.environ.get("SAMESTORY_BENCH_CACHE", "/tmp/samestory-bench"))
CORPORA = ("ecbplus-dev", "gva-dev")


def load_corpus(name: str) -> tuple[list[Article], dict[str, str]]:
    """The articles of ``DATA/name.jsonl`` in file order and their gold events (article id -> event id)."""
    articles, gold = [], {}
    with open(DATA / f"{name}.jsonl", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            articles.append(
                Article(
                    id=row["id"],
                    text=row["text"],
                    title=row.get("title"),
                    url=row.get("url"),
                    source=row.get("source"),
                    published=row.get("date"),
                    lang=row.get("lang"),
                )
            )
            gold[row["id"]] = row["event_id"]
    return articles, gold


def cached_features(name: str, articles: list[Article], fast: bool) -> list[ArticleFeatures]:
    """``extract_many(articles, fast=fast)``, read from the cache when an earlier run wrote it."""
    folder = CACHE / f"{name}-{'fast' if fast else 'full'}"
    if folder.is_dir():
        return [from_bytes((folder / f"{i}.bin").read_bytes()) for i in range(len(articles))]
    features = extract_many(articles, fast=fast)
    folder.mkdir(parents=True, exist_ok=True)
    for i, feature in enumerate(features):
        (folder / f"{i}.bin").write_bytes(to_bytes(feature))
    return features
