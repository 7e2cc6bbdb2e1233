"""The one place where the HTTP face meets the library: API routes and web pages both call this.

It turns the store's records into plain dicts and keeps a cache of story views (the costly read). Reads use
one SQLite connection per worker thread (WAL mode lets them read while an ingest writes), so a slow story view
never holds up the rest; writes go through the engine one at a time.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samestory.api.story_query import find_stories
from samestory.model import Article, ReadFailure, content_hash
from samestory.store import Store
from samestory.stories.view import StoryNotFound, story_view

VIEW_CACHE_SIZE = 1024


@dataclass(frozen=True)
class StoryFilters:
    """What the story list can be narrowed to; dates are ISO days, inclusive."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    lang: str | None = None
    query: str | None = None


def as_dict(record: Any) -> dict[str, Any]:
    """A store record (a dataclass; ``Article`` has its own ``to_dict``) as a plain dict."""
    return record.to_dict() if hasattr(record, "to_dict") else dataclasses.asdict(record)


class StoryService:
    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self._write_lock = threading.Lock()
        self._readers = threading.local()
        self._views: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
        self._views_lock = threading.Lock()

    def _reader(self) -> Store:
        """This thread's connection; an in-memory store has only the engine's, which SQLite serialises."""
        if self.engine.store.path == ":memory:":
            return self.engine.store
        store = getattr(self._readers, "store", None)
        if store is None:
            store = self._readers.store = Store(self.engine.store.path)
        return store

    # -- reads ---------------------------------------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        """(articles, stories) in the store."""
        store = self._reader()
        return store.count_articles(), store.count_stories()

    def list_stories(
        self, filters: StoryFilters, offset: int, limit: int
    ) -> tuple[list[dict[str, Any]], int]:
        rows, total = find_stories(self._reader(), offset=offset, limit=limit, **dataclasses.asdict(filters))
        return [as_dict(r) for r in rows], total

    def canonical_story_id(self, story_id: str) -> str | None:
        """The id a story lives under now (stories merge), or None when there is no such story."""
        return self._reader().resolve_story_id(story_id)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """The story row, its members (with title/source/date) and its view; None when unknown."""
        store = self._reader()
        row = store.get_story(story_id)
        if row is None:
            return None
        story = as_dict(row)
        members = store.story_members(story_id)
        articles = store.get_articles([m.article_id for m in members])
        shown = ("title", "source", "published")
        members_out = [
            {**as_dict(m), **{key: getattr(articles.get(m.article_id), key, None) for key in shown}}
            for m in members
        ]
        try:
            view = self._view(store, story)
        except StoryNotFound:  # a story left without members: there is nothing to show
            return None
        log = [as_dict(event) for event in store.story_log(story["id"])]
        return {"story": story, "members": members_out, "view": view, "log": log}

    def _view(self, store: Store, story: dict[str, Any]) -> dict[str, Any]:
        # A story changes only by gaining, losing or re-dating members, so these three name one version of it.
        key = (story["id"], story["n_articles"], story["last_seen"])
        with self._views_lock:
            if key in self._views:
                self._views.move_to_end(key)
                return self._views[key]
        view = story_view(store, story["id"]).to_dict()
        with self._views_lock:
            self._views[key] = view
            if len(self._views) > VIEW_CACHE_SIZE:
                self._views.popitem(last=False)
        return view

    def article(self, article_id: str) -> dict[str, Any] | None:
        store = self._reader()
        article = store.get_article(article_id)
        if article is None:
            return None
        return {**article.to_dict(), "story_id": store.story_of(article_id)}

    def article_record(self, article_id: str) -> Article | None:
        return self._reader().get_article(article_id)

    # -- writes and computations ------------------------------------------------------------------------

    def ingest(self, articles: list[Article]) -> tuple[list[dict[str, Any]], list[ReadFailure]]:
        """Store and place the articles; returns (article id -> story id) assignments and failures."""
        failures: list[ReadFailure] = []
        with self._write_lock:
            self.engine.ingest(articles, on_error=failures.append)
            store = self.engine.store
            assignments = [{"article_id": a.id, "story_id": store.story_of(a.id)} for a in articles]
        return assignments, failures

    def split(self, story_id: str, article_ids: list[str], reason: str | None) -> dict[str, Any]:
        """Move articles out of a story into one of their own (``SplitError`` when that cannot be done); the
        clusterer is rebuilt from the store before the next ingest, so it works on the split stories."""
        from samestory.stories.split import split_story

        with self._write_lock:
            result = split_story(self.engine.store, story_id, article_ids, reason=reason)
            for step in self.engine.steps:
                if hasattr(step, "reload"):
                    step.reload()
        return result.to_dict()

    def read_upload(self, filename: str, data: bytes) -> tuple[list[Article], list[ReadFailure]]:
        """Read an uploaded file in any format the readers know; the name's suffix helps them sniff."""
        from samestory.pipeline import read

        suffix = Path(filename).suffix[:16] if filename else ""
        handle, path = tempfile.mkstemp(prefix="samestory-upload-", suffix=suffix)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            failures: list[ReadFailure] = []
            articles = list(read([path], on_error=failures.append))
        finally:
            os.unlink(path)
        # Messages name the temporary file; the client knows its file by the name it sent.
        shown = filename or "upload"
        failures = [
            ReadFailure(f.where.replace(path, shown), f.message.replace(path, shown)) for f in failures
        ]
        return articles, failures

    def compare(self, a: Article, b: Article) -> dict[str, Any]:
        from samestory import compare

        return compare(a, b).to_dict()


def new_article(text: str, title: str | None = None, **fields: Any) -> Article:
    """An article from a request; without an id it gets one derived from its content."""
    article_id = fields.pop("id", None) or "api-" + content_hash((title or "") + "\n" + text)[:16]
    return Article(id=article_id, text=text, title=title, **fields)
