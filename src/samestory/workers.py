"""Worker processes for ``samestory cluster``: the clustering features are computed on the other cores, ahead
of the main process, which stores and clusters (one article after another: that part is sequential).

Results come back in input order, and an article's features depend on that article alone (the encoder embeds
one text per run), so the assignments are the ones the single-process path gives.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import islice
from multiprocessing.pool import Pool
from typing import TypeVar

from samestory.features.encoder import get_encoder
from samestory.features.places import gazetteer
from samestory.features.record import ArticleFeatures
from samestory.model import Article
from samestory.stories.signals import clustering_features

CHUNK = 32  # articles per task: amortises the pickling, small enough to keep every worker busy
T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """One worker per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def start_pool(workers: int, *, fast: bool) -> Pool:
    """A pool of ``workers`` processes forked from a fresh server process (never from this one, whose loaded
    models hold threads a fork would not copy), with the feature modules imported once, in the server. Each
    worker loads the gazetteer and (unless ``fast``) the encoder as it starts: start the pool before reading
    the input and the loading overlaps it."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["samestory.workers"])
    return context.Pool(workers, initializer=_init_worker, initargs=(fast,))


class PrefetchedFeatures:
    """``clustering_features`` of ``articles``, computed by the pool ahead of the calls that ask for them (in
    ``articles``' order, as ingest does); an article it was not given is computed in this process. At most
    ``ahead`` articles wait, computed, for their call: that bounds the memory when clustering is the slower side.
    The first article of an id wins, as in the store."""

    def __init__(self, pool: Pool, articles: Sequence[Article], *, fast: bool, ahead: int = 1000) -> None:
        self.fast = fast
        seen: set[str] = set()
        unique = [a for a in articles if not (a.id in seen or seen.add(a.id))]
        tasks = _chunks(unique)
        self._results = _ordered(pool, partial(clustering_features, fast=fast), tasks, ahead=max(1, ahead // CHUNK))
        self._ready: dict[str, ArticleFeatures] = {}

    def __call__(self, articles: Sequence[Article]) -> list[ArticleFeatures]:
        wanted = {a.id for a in articles}
        while not wanted <= self._ready.keys() and (chunk := next(self._results, None)) is not None:
            self._ready.update((f.article_id, f) for f in chunk)
        missing = [a for a in articles if a.id not in self._ready]
        computed = clustering_features(missing, fast=self.fast) if missing else []
        local = {a.id: f for a, f in zip(missing, computed, strict=True)}
        return [self._ready.pop(a.id) if a.id in self._ready else local[a.id] for a in articles]


def _init_worker(fast: bool) -> None:
    # A worker per core: one encoder thread each, or the workers' threads would fight for the cores.
    os.environ.setdefault("SAMESTORY_ENCODER_THREADS", "1")
    # A pool whose initializer raises restarts its workers forever; a model that fails to load here fails
    # again in the first task, whose error reaches the caller.
    with contextlib.suppress(Exception):
        gazetteer()
        if not fast:
            get_encoder()


def _chunks(items: Iterable[T]) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _ordered(pool: Pool, func: Callable[[T], R], tasks: Iterable[T], ahead: int) -> Iterator[R]:
    """``func`` over ``tasks`` in the pool, results in task order. The first ``ahead`` tasks are submitted at
    once and one more each time a result is taken, so at most ``ahead`` results wait (``Pool.imap`` would queue
    every task and keep every result until read)."""
    remaining = iter(tasks)  # submitted here, not in a generator body, so the work starts before the first read
    pending = deque(pool.apply_async(func, (task,)) for task in islice(remaining, ahead))
    return _collect(pool, func, remaining, pending)


def _collect(pool: Pool, func: Callable[[T], R], remaining: Iterator[T], pending: deque) -> Iterator[R]:
    while pending:
        head = pending.popleft()
        pending.extend(pool.apply_async(func, (task,)) for task in islice(remaining, 1))
        yield head.get()
