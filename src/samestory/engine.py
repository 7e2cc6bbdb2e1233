"""The object the command line, the API and the web pages work through: a store plus the ingest pipeline."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from samestory.model import Article, ReadFailure
from samestory.pipeline import OnError, Paths, clean_records, iter_clean
from samestory.settings import Limits, default_db_path
from samestory.store import Store

DEFAULT_BATCH_SIZE = 500

Inputs = Paths | Article | Iterable[Article | ReadFailure | str | os.PathLike[str]]


class Step(Protocol):
    """A stage that runs on every batch the engine stores (features, clustering, ...).

    ``process`` gets the store and the articles this batch newly wrote (exact duplicates included; see
    ``store.duplicates_of``). It runs inside the batch's transaction, so a batch's articles and everything
    the steps derive from them are committed together or not at all. It returns the failures of single
    articles (or None); an exception rolls the batch back and ends the ingest (a bug, not bad input).
    """

    def process(self, store: Store, articles: list[Article]) -> Iterable[ReadFailure] | None: ...


@dataclass
class IngestSummary:
    """Counts of one ingest. ``read``: articles read and cleaned; ``stored``: new articles written;
    ``duplicates``: new articles written as exact copies of earlier ones; ``already_present``: skipped
    because the store held their id; ``errors``: every record that failed, naming file and record."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    already_present: int = 0
    errors: list[ReadFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class Engine:
    """A samestory database and the steps that run when articles arrive.

    ``Engine(db_path)`` opens (or creates) the SQLite store at ``db_path`` (default ``$SAMESTORY_DB`` or
    ``./samestory.db``). ``steps`` run, in order, after each batch of ``batch_size`` articles is stored: this
    is where later stages (features, story clustering) hook into ingest, e.g.
    ``Engine(steps=[FeatureStep(), StoryStep()])``, each an object with ``process(store, articles)``.
    """

    def __init__(
        self,
        db_path: str | os.PathLike[str] | None = None,
        *,
        steps: Sequence[Step] = (),
        batch_size: int = DEFAULT_BATCH_SIZE,
        limits: Limits | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.store = Store(db_path if db_path is not None else default_db_path())
        self.steps = list(steps)
        self.batch_size = batch_size
        self.limits = limits

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def ingest(
        self,
        inputs: Inputs,
        *,
        on_error: OnError | None = None,
        progress: Callable[[IngestSummary], object] | None = None,
        cleaned: bool = False,
    ) -> IngestSummary:
        """Read, clean and store articles, then run the steps on each stored batch.

        ``inputs``: a path (file, directory, glob, '-'), a list of paths, or Articles (which are cleaned like
        read ones; ``ReadFailure`` items in the iterable are counted as errors). Re-ingesting the same input
        stores nothing new. Each failure is added to the summary and passed to ``on_error``; ``progress``
        is called with the running summary after every record and every stored batch. ``cleaned``: the
        Articles given are clean already (from ``iter_clean``) and are stored as they are (cleaning is not
        idempotent: a second pass would empty ``extra["removed"]``).
        """
        summary = IngestSummary()
        batch: list[Article] = []
        for item in self._records(inputs, cleaned):
            if isinstance(item, ReadFailure):
                _record_failure(summary, item, on_error)
            else:
                summary.read += 1
                batch.append(item)
            if len(batch) >= self.batch_size:
                self._store_batch(batch, summary, on_error)
                batch = []
            if progress:
                progress(summary)
        if batch:
            self._store_batch(batch, summary, on_error)
            if progress:
                progress(summary)
        return summary

    def articles(self, limit: int = 50, offset: int = 0, **filters: Any) -> list[Article]:
        """Stored articles in storage order, filtered as by ``Store.list_articles``."""
        return self.store.list_articles(limit, offset, **filters)

    def article(self, article_id: str) -> Article | None:
        return self.store.get_article(article_id)

    def _records(self, inputs: Inputs, cleaned: bool) -> Iterator[Article | ReadFailure]:
        items = [inputs] if isinstance(inputs, Article | str | os.PathLike) else inputs
        for item in items:
            if isinstance(item, str | os.PathLike):
                yield from iter_clean(item, self.limits)
            elif cleaned:
                yield item
            else:
                yield from clean_records([item])

    def _store_batch(self, batch: list[Article], summary: IngestSummary, on_error: OnError | None) -> None:
        with self.store.transaction():
            result = self.store.add_articles(batch)
            written = _written_articles(batch, result.written)
            for step in self.steps if written else ():
                for failure in step.process(self.store, written) or ():
                    _record_failure(summary, failure, on_error)
        summary.stored += len(result.stored)
        summary.duplicates += len(result.duplicates)
        summary.already_present += len(result.already_present)


def _written_articles(batch: list[Article], written_ids: list[str]) -> list[Article]:
    """The articles of ``batch`` the store wrote: of two records with one id, the first."""
    pending = set(written_ids)
    written = []
    for article in batch:
        if article.id in pending:
            written.append(article)
            pending.discard(article.id)
    return written


def _record_failure(summary: IngestSummary, failure: ReadFailure, on_error: OnError | None) -> None:
    summary.errors.append(failure)
    if on_error:
        on_error(failure)
