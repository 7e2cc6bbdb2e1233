"""Story clustering at archive scale: per-article cost and resident memory from 1k to 100k articles.

    python benchmarks/cluster_scale.py                           # 100k, fast-mode signals, bare and with store
    python benchmarks/cluster_scale.py --articles 20000 --no-store --mode default

Prints one JSON object. Feature extraction is per article and does not depend on how large the archive is, so
it is left out: the signals of the dev articles are built once (from the feature caches of ``_corpora``), and
what is measured is what can grow with the archive: the hnswlib window index, the stories in memory, the
MinHash LSH of wire copies, the clusterer's other maps, and the SQLite store the assignments go to.

The stream: the dev articles (ECB+ and GVA; ``--mode default`` uses the encoder features, ``fast`` the hashed
word vectors, both as ``_corpora`` caches them) in publication order, spread evenly over ``--replica-days``
days, then repeated in replicas.
Replica ``k`` is shifted by ``k * (replica_days + window_days + archive_days + 1)`` days (105 by default) and
gets new article ids (so new stories, hence new events), and fresh copies of its arrays as ingest would build
them. The shift is larger than the replica, the window and the story archive together, so the previous
replica's stories have left memory when the next starts: every replica is fresh news and identical texts
never meet (they would be taken as wire copies, or found again in the archive).
``--fresh-keys`` also renames every entity/place key per replica: the worst case for state keyed by names.

Variants, each in its own child process so its peak RSS is its own: ``bare`` (``StoryClusterer.learn_one``)
and ``store`` (plus the assignments written into a fresh SQLite store by ``AssignmentWriter``, one transaction
per 500 articles like ingest; the batch's writes and commit are spread evenly over it).
``--store``/``--no-store`` runs one of them in-process.

Figures: mean wall and CPU ms and p95 wall ms per article for 1k-article slices (0-1k, 9k-10k, 49k-50k, last
1k) and for whole replicas (the window fills up within each replica, so a whole replica compares like with
like; the slices are at different points of their replica, see ``phase``); ``ratio_last_first``; at each
checkpoint the window index size, live stories and the sizes of the clusterer's maps; current RSS
(/proc/self/status) and peak RSS (getrusage); ``rss_mb_per_100k``: the slope of current RSS between the end
of the second replica and the end of the last whole one, per 100k articles.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpora import CORPORA, cached_features, load_corpus  # noqa: E402

from samestory.store import Store  # noqa: E402
from samestory.stories.clusterer import ClusterParams, StoryClusterer  # noqa: E402
from samestory.stories.lexical import WordRow  # noqa: E402
from samestory.stories.order import publication_order  # noqa: E402
from samestory.stories.signals import StorySignals, build_signals  # noqa: E402
from samestory.stories.step import AssignmentWriter  # noqa: E402

SLICE = 1_000
BATCH = 500  # engine.DEFAULT_BATCH_SIZE: one transaction per ingest batch
START = date(2020, 1, 1)


def template(mode: str, replica_days: int) -> tuple[list[tuple[StorySignals, int]], list[str]]:
    """The dev articles' signals in publication order, each with its day offset within a replica."""
    fast = mode == "fast"
    corpora = list(CORPORA)  # _corpora computes missing features once and caches them
    pairs = []
    for name in corpora:
        articles, _ = load_corpus(name)
        pairs += zip(articles, build_signals(articles, cached_features(name, articles, fast=fast)), strict=True)
    ordered = publication_order(pairs, lambda pair: pair[0].date)
    n = len(ordered)
    return [(signals, rank * replica_days // n) for rank, (_, signals) in enumerate(ordered)], corpora


def stream(
    base: list[tuple[StorySignals, int]], total: int, shift_days: int, fresh_keys: bool
) -> Iterator[tuple[int, StorySignals]]:
    """``total`` (replica, signals) in publication order; arrays are copied so memory counts as in ingest."""
    for n in range(total):
        replica, position = divmod(n, len(base))
        signals, offset = base[position]
        entities, places, lexical = signals.entities, signals.places, signals.lexical
        if fresh_keys:
            entities = frozenset(f"{k}~{replica}" for k in entities)
            places = frozenset(f"{k}~{replica}" for k in places)
        yield (
            replica,
            replace(
                signals,
                article_id=f"{signals.article_id}~{replica}",
                day=START + timedelta(days=replica * shift_days + offset),
                vector=signals.vector.copy(),
                minhash=None if signals.minhash is None else signals.minhash.copy(),
                lexical=None if lexical is None else WordRow(lexical.columns.copy(), lexical.values.copy()),
                entities=entities,
                places=places,
            ),
        )


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def max_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def state(clusterer: StoryClusterer, store: Store | None, db: Path | None) -> dict[str, Any]:
    """Sizes of everything that could grow with the archive (private fields read on purpose: that is the test)."""
    index = clusterer._index
    segments = list(index._segments.values()) if index is not None else []
    row: dict[str, Any] = {
        "window_articles": len(index) if index is not None else 0,
        "hnsw_segments": len(segments),
        "hnsw_elements": sum(s.index.element_count for s in segments),  # live + deleted slots
        "hnsw_capacity": sum(s.index.max_elements for s in segments),
        "live_stories": len(clusterer.stories),
        "lsh_articles": len(clusterer._copies),
        "story_of": len(clusterer._story_of),
        "redirects": len(clusterer.redirects),
        "doc_freq_keys": len(clusterer._doc_freq),
        "rss_mb": rss_mb(),
        "max_rss_mb": max_rss_mb(),
    }
    if store is not None and db is not None:
        for table in ("stories", "story_members", "story_log", "story_redirects"):
            row[f"rows_{table}"] = store.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        row["db_mb"] = round(sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20, 1)
    return row


def cost(wall: np.ndarray, cpu: np.ndarray, start: int, stop: int) -> dict[str, Any]:
    return {
        "articles": [start, stop],
        "mean_ms": round(1000 * float(wall[start:stop].mean()), 3),
        "p95_ms": round(1000 * float(np.percentile(wall[start:stop], 95)), 3),
        "cpu_mean_ms": round(1000 * float(cpu[start:stop].mean()), 3),
    }


def run(args: argparse.Namespace, with_store: bool) -> dict[str, Any]:
    params = ClusterParams()
    shift = args.replica_days + params.window_days + params.archive_days + 1
    base, corpora = template(args.mode, args.replica_days)
    total, size = args.articles, len(base)
    clusterer = StoryClusterer(params)
    folder = Path(tempfile.mkdtemp(prefix="samestory-scale-")) if with_store else None
    db = folder / "scale.db" if folder else None
    store = Store(db) if db else None
    # Preallocated so the timings themselves do not show up as growth.
    wall, cpu = np.zeros(total), np.zeros(total)
    checkpoints = sorted({c for c in (SLICE, 10_000, 50_000, total) if c <= total})
    at: dict[int, dict[str, Any]] = {}
    replica_rss: dict[int, float] = {}
    cross_replica, current = 0, set()
    load_start = os.getloadavg()
    articles = stream(base, total, shift, args.fresh_keys)
    started = time.perf_counter()
    try:
        for first in range(0, total, BATCH):
            batch = [next(articles) for _ in range(min(BATCH, total - first))]
            transaction: AbstractContextManager[None] = store.transaction() if store else nullcontext()
            writer = AssignmentWriter(store) if store else None
            with transaction:
                for n, (replica, signals) in enumerate(batch, start=first):
                    if n % size == 0 and n:
                        replica_rss[replica - 1] = rss_mb()
                        current = set()
                    w, c = time.perf_counter(), time.process_time()
                    assignment = clusterer.learn_one(signals)
                    if writer is not None:
                        writer.add(assignment, clusterer.stories[assignment.story_id])
                    wall[n], cpu[n] = time.perf_counter() - w, time.process_time() - c
                    # Sanity check of the stream: a replica must never reach back into the one before.
                    if assignment.new_story:
                        current.add(assignment.story_id)
                    elif assignment.story_id not in current:
                        cross_replica += 1
                w, c = time.perf_counter(), time.process_time()
                if writer is not None:
                    writer.flush()
            stop = first + len(batch)
            wall[first:stop] += (time.perf_counter() - w) / len(batch)  # the commit
            cpu[first:stop] += (time.process_time() - c) / len(batch)
            for checkpoint in checkpoints:
                if first < checkpoint <= stop:
                    at[checkpoint] = state(clusterer, store, db)
        seconds = time.perf_counter() - started
    finally:
        if store is not None:
            store.close()
        if folder is not None:
            shutil.rmtree(folder)
    if total % size == 0:
        replica_rss[total // size - 1] = rss_mb()

    slices = []
    for checkpoint in checkpoints:
        start = max(0, checkpoint - SLICE)
        slices.append(
            {**cost(wall, cpu, start, checkpoint), "replica": start // size, "phase": start % size, **at[checkpoint]}
        )
    whole = total // size
    picked = sorted({0, min(10_000 // size, whole - 1), min(50_000 // size, whole - 1), whole - 1}) if whole else []
    replicas = [{"replica": r, **cost(wall, cpu, r * size, (r + 1) * size)} for r in picked if r >= 0]
    report: dict[str, Any] = {
        "variant": "store" if with_store else "bare",
        "mode": args.mode,
        "corpora": corpora,
        "articles": total,
        "articles_per_replica": size,
        "replica_days": args.replica_days,
        "shift_days": shift,
        "fresh_keys": args.fresh_keys,
        "seconds": round(seconds, 1),
        "load_avg_start": [round(x, 2) for x in load_start],
        "load_avg_end": [round(x, 2) for x in os.getloadavg()],
        "cross_replica_joins": cross_replica,
        "slices": slices,
        "replicas": replicas,
        "ratio_last_first": {
            "slice_mean": round(slices[-1]["mean_ms"] / slices[0]["mean_ms"], 2),
            "replica_mean": round(replicas[-1]["mean_ms"] / replicas[0]["mean_ms"], 2) if replicas else None,
            "replica_p95": round(replicas[-1]["p95_ms"] / replicas[0]["p95_ms"], 2) if replicas else None,
        },
    }
    if whole >= 3:
        first_r, last_r = 1, whole - 1
        slope = (replica_rss[last_r] - replica_rss[first_r]) / ((last_r - first_r) * size)
        report["rss_mb_per_100k"] = round(slope * 100_000, 1)
        report["rss_mb_end_of_replica"] = {str(r): replica_rss[r] for r in (first_r, last_r)}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--mode", choices=("fast", "default"), default="fast")
    parser.add_argument(
        "--store",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="only the variant with (--store) or without (--no-store) the store; default both",
    )
    parser.add_argument("--replica-days", type=int, default=14, help="days one replica of the dev articles spans")
    parser.add_argument("--fresh-keys", action="store_true", help="new entity/place keys in every replica")
    args = parser.parse_args()
    # A killed run still removes its temporary store (SystemExit runs the ``finally``).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.store is not None:
        print(json.dumps(run(args, args.store), indent=2))
        return
    report = {}
    for flag in ("--no-store", "--store"):
        argv = [
            sys.executable,
            __file__,
            flag,
            "--articles",
            str(args.articles),
            "--mode",
            args.mode,
            "--replica-days",
            str(args.replica_days),
            *(["--fresh-keys"] if args.fresh_keys else []),
        ]
        child = json.loads(subprocess.run(argv, check=True, capture_output=True, text=True).stdout)
        report[child["variant"]] = child
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
