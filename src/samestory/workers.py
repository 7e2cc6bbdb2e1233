"""Worker processes for ``samestory cluster``: the articles are cleaned and their clustering features and signals
computed on the other cores, ahead of the main process, which reads, stores and clusters (one article after
another: that part is sequential) and so does as little else as it can.

Results come back in input order, and an article's cleaning, features and signals depend on that article alone (the
encoder embeds one text per run, the hashed word vectors are per text), so the assignments are the ones the
single-process path gives.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from functools import partial
from itertools import chain, islice
from typing import TypeVar

from samestory.features import FEATURES_VERSION, to_bytes
from samestory.features.encoder import get_encoder
from samestory.features.extract import load_tables
from samestory.model import Article, ReadFailure
from samestory.pipeline import clean_records
from samestory.store import Store
from samestory.stories.clusterer import ClusterParams
from samestory.stories.signals import StorySignals, build_signals, clustering_features
from samestory.stories.step import StoryStep, signals_for

CHUNK = 32  # articles per task: amortises the pickling, small enough to keep every worker busy
# Starting a pool costs about a second of one core (the server's imports and tables): on 2 cores shared with
# other work it paid off at 2,560 GVA articles (fast mode) and cost time at 500; the break-even moves with the
# load, near 1,000 articles.
POOL_MIN_ARTICLES = 1000
T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """One worker per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def start_pool(workers: int, *, fast: bool) -> Executor:
    """A pool of ``workers`` processes forked from a fresh server process (never from this one, whose loaded
    models hold threads a fork would not copy), started before this returns. The server imports the feature
    code and builds its tables (the gazetteer, stop words) once, and every worker is forked with them; each
    worker loads the encoder as it starts, unless ``fast``. Starting waits for the server (about a second of
    one core): see ``background_pool``.

    A ``ProcessPoolExecutor``, not a ``multiprocessing.Pool``: the latter's worker-handler thread wakes each
    time a result is waiting to be read, and spun thousands of times per run against this process's busy
    main thread."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["samestory.workers_preload"])
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(fast,))
    wait([pool.submit(int) for _ in range(workers)])  # the executor starts a worker per task while none is idle
    return pool


@contextlib.contextmanager
def background_pool(workers: int, *, fast: bool) -> Iterator[Future[Executor] | None]:
    """``start_pool`` in a thread, so that the caller reads its input while the pool starts; None for fewer
    than two workers. The pool is shut down on exit (tasks not started are cancelled)."""
    if workers < 2:
        yield None
        return
    with ThreadPoolExecutor(1) as starter:
        starting = starter.submit(start_pool, workers, fast=fast)
        try:
            yield starting
        finally:
            if starting.exception() is None:
                starting.result().shutdown(cancel_futures=True)


Prepared = tuple[Article, bytes | None, StorySignals]  # a clean article, its serialised features, its signals


def prepared_articles(
    pool: Future[Executor] | None, articles: Iterable[Article], *, fast: bool, keep_features: bool, ahead: int = 1000
) -> Iterator[Prepared | ReadFailure]:
    """The first article of each id (as a store keeps it), cleaned, with its clustering features (serialised,
    when ``keep_features``: what ``signals_for`` would store) and signals, in order; a failure (of cleaning)
    in its place. ``pool``: worker
    processes, maybe still starting (``background_pool``), which do the work ahead, at most ``ahead`` articles
    waiting done; None: this process does it. While the pool starts, this process cleans the first articles
    itself (about a second's worth), and the pool then only prepares those."""
    seen: set[str] = set()
    chunks = _chunks(a for a in articles if not (a.id in seen or seen.add(a.id)))
    compute = partial(_prepare, fast=fast, keep_features=keep_features)
    if pool is None:
        return (item for chunk in chunks for item in compute((chunk, False)))
    early = []
    while not pool.done() and (chunk := next(chunks, None)) is not None:
        early.append((list(clean_records(chunk)), True))
    tasks = chain(early, ((chunk, False) for chunk in chunks))
    return (item for chunk in _ordered(pool.result(), compute, tasks, max(1, ahead // CHUNK)) for item in chunk)


class PrefetchedStoryStep(StoryStep):
    """A ``StoryStep`` fed by the pool: ``cleaned()`` hands ingest the clean articles of ``prepared_articles``
    (the first article of each id, as the store keeps it), whose features and signals then wait for their
    batch, so this process only reads, stores and clusters. An article that did not come through
    ``cleaned()``, or whose features the store holds already, goes ``StoryStep``'s way."""

    def __init__(
        self,
        pool: Future[Executor],
        articles: Sequence[Article],
        *,
        fast: bool,
        params: ClusterParams | None = None,
        ahead: int = 1000,
    ) -> None:
        super().__init__(params, fast=fast)
        self._articles = articles
        self._pool, self._ahead = pool, ahead
        self._ready: dict[str, tuple[bytes, StorySignals]] = {}

    def cleaned(self) -> Iterator[Article | ReadFailure]:
        """The clean articles in order (or the failure cleaning one met), each stored by ingest before its
        batch's ``signals`` call."""
        prepared = prepared_articles(self._pool, self._articles, fast=self.fast, keep_features=True, ahead=self._ahead)
        for item in prepared:
            if isinstance(item, ReadFailure):
                yield item
            else:
                article, data, signals = item
                self._ready[article.id] = (data, signals)
                yield article

    def signals(self, store: Store, articles: list[Article]) -> list[StorySignals]:
        prefetched = {a.id: self._ready.pop(a.id) for a in articles if a.id in self._ready}
        stored = store.get_features(list(prefetched), FEATURES_VERSION)
        rest = [a for a in articles if a.id not in prefetched or a.id in stored]
        computed = {s.article_id: s for s in signals_for(store, rest, fast=self.fast)} if rest else {}
        for article in articles:
            if article.id not in computed:
                store.put_features(article.id, FEATURES_VERSION, prefetched[article.id][0])
        return [computed[a.id] if a.id in computed else prefetched[a.id][1] for a in articles]


def _prepare(
    task: tuple[list[Article | ReadFailure], bool], fast: bool, keep_features: bool
) -> list[Prepared | ReadFailure]:
    """``prepared_articles`` for one task: its records, and whether they are clean already."""
    records, clean_already = task
    cleaned = records if clean_already else list(clean_records(records))
    clean = [item for item in cleaned if isinstance(item, Article)]
    features = clustering_features(clean, fast=fast)
    data = map(to_bytes, features) if keep_features else [None] * len(clean)
    prepared = iter(zip(clean, data, build_signals(clean, features), strict=True))
    return [item if isinstance(item, ReadFailure) else next(prepared) for item in cleaned]


def _init_worker(fast: bool) -> None:
    # A worker per core: one encoder thread each, or the workers' threads would fight for the cores.
    os.environ.setdefault("SAMESTORY_ENCODER_THREADS", "1")
    # An initializer that raises breaks the pool with a vaguer error than the model's own: a model that fails
    # to load here fails again in the first task, whose error reaches the caller.
    with contextlib.suppress(Exception):
        load_tables()  # loaded in the server already, unless that failed
        if not fast:
            get_encoder()


def _chunks(items: Iterable[T]) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _ordered(pool: Executor, func: Callable[[T], R], tasks: Iterable[T], ahead: int) -> Iterator[R]:
    """``func`` over ``tasks`` in the pool, results in task order. The first ``ahead`` tasks are submitted at
    once and one more each time a result is taken, so at most ``ahead`` results wait (``Executor.map`` would
    queue every task and keep every result until read)."""
    remaining = iter(tasks)  # submitted here, not in a generator body, so the work starts before the first read
    pending = deque(pool.submit(func, task) for task in islice(remaining, ahead))
    return _collect(pool, func, remaining, pending)


def _collect(pool: Executor, func: Callable[[T], R], remaining: Iterator[T], pending: deque) -> Iterator[R]:
    while pending:
        head = pending.popleft()
        pending.extend(pool.submit(func, task) for task in islice(remaining, 1))
        yield head.result()
