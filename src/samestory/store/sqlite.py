"""The SQLite store: articles, exact duplicates, features and stories in one file.

One ``Store`` holds one connection; open one per thread (WAL lets readers run beside a writer). Methods that
write start their own transaction unless called inside ``with store.transaction():``, which makes a group of
writes all-or-nothing. The connection runs in autocommit mode so that ``transaction()`` is the only place that
decides where transactions begin and end.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, NoReturn

from samestory.model import Article, content_hash
from samestory.store.migrations import StoreError, migrate
from samestory.store.records import AddResult, StoryEvent, StoryFigures, StoryMember, StoryRow

# Identical texts shorter than this are teasers or boilerplate ("Read more"), not copies of one report.
MIN_DUPLICATE_TEXT_CHARS = 100
# SQLite caps the number of ``?`` in one statement; lookups by id go in chunks of this size.
_CHUNK = 500
_ARTICLE_COLUMNS = (
    "id, url, source, title, published, lang, byline, dateline, text, content_hash, text_hash, origin, extra,"
    " ingested_at"
)
_STORY_COLUMNS = "id, headline, first_seen, last_seen, n_articles, n_sources, created_at, updated_at"
_MAX_REDIRECTS = 100


def now() -> str:
    """The current UTC time as ISO 8601 to the second: the store's timestamp format."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def text_hash(text: str) -> str:
    """Identity of an article's cleaned text, blind to whitespace: one wire story at two URLs shares it."""
    return content_hash(" ".join(text.split()))


class _Closed:
    """Stands in for the connection of a closed store."""

    def __init__(self, path: str) -> None:
        self._path = path

    def __getattr__(self, name: str) -> NoReturn:
        raise StoreError(f"{self._path}: the store is closed (use it inside its 'with' block)")

    def close(self) -> None:
        """Closing twice is harmless."""


class Store:
    """A samestory database in one SQLite file (``":memory:"`` for a throwaway one)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._depth = 0
        try:
            self._connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database file ({exc})") from exc
        try:
            self._connection.execute("PRAGMA busy_timeout = 10000")
            self._connection.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL survives a killed process; only a power cut can lose the last commits.
            self._connection.execute("PRAGMA synchronous = NORMAL")
            migrate(self._connection, self.path)
        except sqlite3.Error as exc:
            self._connection.close()
            raise StoreError(f"{self.path}: cannot open as a samestory database ({exc})") from exc
        except BaseException:
            self._connection.close()
            raise

    def close(self) -> None:
        """Close the file; any later use raises ``StoreError`` naming it (sqlite3's own error names nothing)."""
        self._connection.close()
        self._connection = _Closed(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all; nested uses join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._connection.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        else:
            self._connection.execute("COMMIT")
        finally:
            self._depth = 0

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run one SQL statement on the store's connection (for extensions that add their own tables)."""
        return self._connection.execute(sql, parameters)

    # -- articles -------------------------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store new articles in one transaction.

        An id the store already holds is skipped (the first version wins), so re-reading an input adds
        nothing. An article whose text equals an earlier article's (same ``text_hash``, at least
        ``MIN_DUPLICATE_TEXT_CHARS`` long) is stored as well, so its outlet and URL are kept, and recorded
        in ``duplicates`` as a copy of the earliest one.
        """
        batch = list(articles)
        result = AddResult()
        with self.transaction():
            present = self._existing_ids([article.id for article in batch])
            hashes = [text_hash(article.text) for article in batch]
            originals = self._originals_by_text_hash(set(hashes))
            stamp = now()
            rows = []
            for article, digest in zip(batch, hashes, strict=True):
                if article.id in present:
                    result.already_present.append(article.id)
                    continue
                present.add(article.id)
                original = originals.get(digest)
                if original is not None and len(article.text) >= MIN_DUPLICATE_TEXT_CHARS:
                    result.duplicates[article.id] = original
                else:
                    result.stored.append(article.id)
                    originals.setdefault(digest, article.id)
                rows.append(_article_row(article, digest, stamp))
            (last_rowid,) = self._connection.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()
            self._connection.executemany(
                f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({', '.join('?' * 14)})", rows
            )
            # The word index, in one statement for the batch (a trigger per row costs three times as much).
            self._connection.execute(
                "INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM articles WHERE rowid > ?",
                (last_rowid,),
            )
            self._connection.executemany(
                "INSERT INTO duplicates (article_id, duplicate_of, reason) VALUES (?, ?, 'same text')",
                result.duplicates.items(),
            )
        return result

    def get_article(self, article_id: str) -> Article | None:
        row = self._connection.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _article_from_row(row) if row else None

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The stored articles among ``article_ids``, by id."""
        found: dict[str, Article] = {}
        for chunk in _chunks(list(article_ids)):
            rows = self._connection.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({_marks(chunk)})", chunk
            )
            found.update((row[0], _article_from_row(row)) for row in rows)
        return found

    def list_articles(
        self,
        limit: int = 50,
        offset: int = 0,
        *,
        source: str | None = None,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[Article]:
        """Articles in storage order; ``since``/``until`` bound ``published`` (ISO days, inclusive)."""
        where, parameters = _article_filters(source=source, lang=lang, since=since, until=until)
        rows = self._connection.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles {where} ORDER BY rowid LIMIT ? OFFSET ?",
            [*parameters, limit, offset],
        )
        return [_article_from_row(row) for row in rows]

    def count_articles(
        self,
        *,
        source: str | None = None,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> int:
        where, parameters = _article_filters(source=source, lang=lang, since=since, until=until)
        return self._connection.execute(f"SELECT count(*) FROM articles {where}", parameters).fetchone()[0]

    def duplicates_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """For each of ``article_ids`` recorded as an exact duplicate: the id of the article it copies."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(article_ids)):
            rows = self._connection.execute(
                f"SELECT article_id, duplicate_of FROM duplicates WHERE article_id IN ({_marks(chunk)})",
                chunk,
            )
            found.update(rows)
        return found

    def _existing_ids(self, article_ids: list[str]) -> set[str]:
        present: set[str] = set()
        for chunk in _chunks(article_ids):
            rows = self._connection.execute(f"SELECT id FROM articles WHERE id IN ({_marks(chunk)})", chunk)
            present.update(row[0] for row in rows)
        return present

    def _originals_by_text_hash(self, digests: set[str]) -> dict[str, str]:
        """For each text hash already stored: the earliest article that is not itself a duplicate."""
        found: dict[str, str] = {}
        for chunk in _chunks(sorted(digests)):
            rows = self._connection.execute(
                f"SELECT text_hash, id FROM articles WHERE text_hash IN ({_marks(chunk)})"
                " AND id NOT IN (SELECT article_id FROM duplicates) ORDER BY rowid",
                chunk,
            )
            for digest, article_id in rows:
                found.setdefault(digest, article_id)
        return found

    # -- features -------------------------------------------------------------------------------------------

    def put_features(self, article_id: str, version: int, data: bytes) -> None:
        """Store (or replace) an article's serialised features, tagged with the serialiser's version."""
        with self.transaction():
            self._connection.execute(
                "INSERT OR REPLACE INTO features (article_id, version, data) VALUES (?, ?, ?)",
                (article_id, version, data),
            )

    def get_features(self, article_ids: Iterable[str], version: int | None = None) -> dict[str, bytes]:
        """Serialised features by article id; with ``version``, other versions count as missing."""
        found: dict[str, bytes] = {}
        for chunk in _chunks(list(article_ids)):
            sql = f"SELECT article_id, data FROM features WHERE article_id IN ({_marks(chunk)})"
            parameters: list[Any] = list(chunk)
            if version is not None:
                sql += " AND version = ?"
                parameters.append(version)
            found.update(self._connection.execute(sql, parameters))
        return found

    def ids_missing_features(self, version: int) -> list[str]:
        """Ids of stored articles with no features of ``version``, in storage order (to re-run that stage)."""
        rows = self._connection.execute(
            "SELECT a.id FROM articles a LEFT JOIN features f ON f.article_id = a.id AND f.version = ?"
            " WHERE f.article_id IS NULL ORDER BY a.rowid",
            (version,),
        )
        return [row[0] for row in rows]

    # -- stories --------------------------------------------------------------------------------------------

    def upsert_story(
        self,
        story_id: str,
        *,
        headline: str | None,
        first_seen: str | None,
        last_seen: str | None,
        n_articles: int,
        n_sources: int,
    ) -> None:
        """Create a story or replace its summary figures (``created_at`` is kept from the first write)."""
        self.upsert_stories([StoryFigures(story_id, headline, first_seen, last_seen, n_articles, n_sources)])

    def upsert_stories(self, stories: Iterable[StoryFigures]) -> None:
        """``upsert_story`` for many stories, in one statement."""
        stamp = now()
        with self.transaction():
            self._connection.executemany(
                f"INSERT INTO stories ({_STORY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET headline = excluded.headline,"
                " first_seen = excluded.first_seen, last_seen = excluded.last_seen,"
                " n_articles = excluded.n_articles, n_sources = excluded.n_sources,"
                " updated_at = excluded.updated_at",
                [
                    (s.id, s.headline, s.first_seen, s.last_seen, s.n_articles, s.n_sources, stamp, stamp)
                    for s in stories
                ],
            )

    def delete_story(self, story_id: str) -> None:
        """Remove a story row (after its members moved elsewhere, e.g. in a merge)."""
        with self.transaction():
            self._connection.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def get_story(self, story_id: str) -> StoryRow | None:
        """The story under ``story_id`` or, after a merge or split, under the id it now has."""
        current = self.resolve_story_id(story_id)
        if current is None:
            return None
        row = self._connection.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (current,)
        ).fetchone()
        return StoryRow(*row)

    def list_stories(self, limit: int = 50, offset: int = 0, *, min_articles: int = 1) -> list[StoryRow]:
        """Stories with at least ``min_articles`` members, most recently seen first."""
        rows = self._connection.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE n_articles >= ?"
            " ORDER BY last_seen DESC, id LIMIT ? OFFSET ?",
            (min_articles, limit, offset),
        )
        return [StoryRow(*row) for row in rows]

    def count_stories(self, *, min_articles: int = 1) -> int:
        return self._connection.execute(
            "SELECT count(*) FROM stories WHERE n_articles >= ?", (min_articles,)
        ).fetchone()[0]

    def set_member(
        self, article_id: str, story_id: str, *, score: float | None = None, copy_of: str | None = None
    ) -> None:
        """Put an article in a story, moving it out of any story it was in."""
        self.set_members([(article_id, story_id, score, copy_of)])

    def set_members(self, members: Iterable[tuple[str, str, float | None, str | None]]) -> None:
        """``set_member`` for many (article id, story id, score, copy_of), in one statement."""
        stamp = now()
        with self.transaction():
            self._connection.executemany(
                "INSERT INTO story_members (article_id, story_id, joined_at, score, copy_of)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id,"
                " joined_at = excluded.joined_at, score = excluded.score, copy_of = excluded.copy_of",
                [(article, story, stamp, score, copy_of) for article, story, score, copy_of in members],
            )

    def story_members(self, story_id: str) -> list[StoryMember]:
        """The members of a story (redirects followed), in the order they joined."""
        current = self.resolve_story_id(story_id) or story_id
        rows = self._connection.execute(
            "SELECT article_id, story_id, joined_at, score, copy_of FROM story_members WHERE story_id = ?"
            " ORDER BY joined_at, rowid",
            (current,),
        )
        return [StoryMember(*row) for row in rows]

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article belongs to, or None."""
        row = self._connection.execute(
            "SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def log_story_event(
        self, action: str, story_id: str, other_id: str | None = None, detail: dict[str, Any] | None = None
    ) -> None:
        """Append to the story log; ``action`` is 'create', 'join', 'merge' or 'split'."""
        self.log_story_events([(action, story_id, other_id, detail)])

    def log_story_events(self, events: Iterable[tuple[str, str, str | None, dict[str, Any] | None]]) -> None:
        """``log_story_event`` for many (action, story id, other id, detail), in order, in one statement."""
        stamp = now()
        with self.transaction():
            self._connection.executemany(
                "INSERT INTO story_log (at, action, story_id, other_id, detail) VALUES (?, ?, ?, ?, ?)",
                [
                    (stamp, action, story, other, json.dumps(detail or {}, ensure_ascii=False))
                    for action, story, other, detail in events
                ],
            )

    def story_log(self, story_id: str) -> list[StoryEvent]:
        """The log entries that name a story, oldest first."""
        rows = self._connection.execute(
            "SELECT id, at, action, story_id, other_id, detail FROM story_log"
            " WHERE story_id = ? OR other_id = ? ORDER BY id",
            (story_id, story_id),
        )
        return [StoryEvent(*row[:5], json.loads(row[5])) for row in rows]

    def add_redirect(self, old_id: str, new_id: str, reason: str | None = None) -> None:
        """Make ``old_id`` resolve to ``new_id`` (a story merged into another, or split)."""
        with self.transaction():
            self._connection.execute(
                "INSERT OR REPLACE INTO story_redirects (old_id, new_id, reason, at) VALUES (?, ?, ?, ?)",
                (old_id, new_id, reason, now()),
            )

    def remove_redirect(self, old_id: str) -> None:
        """Let ``old_id`` stand for itself again (a split gives a merged-away story its id back)."""
        with self.transaction():
            self._connection.execute("DELETE FROM story_redirects WHERE old_id = ?", (old_id,))

    def has_story(self, story_id: str) -> bool:
        """Whether a story row has exactly this id (redirects not followed)."""
        return self._connection.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None

    def resolve_story_id(self, story_id: str) -> str | None:
        """The id a story has now, following redirects; None when no such story exists."""
        seen = {story_id}
        current = story_id
        for _ in range(_MAX_REDIRECTS):
            if self.has_story(current):
                return current
            row = self._connection.execute(
                "SELECT new_id FROM story_redirects WHERE old_id = ?", (current,)
            ).fetchone()
            if row is None or row[0] in seen:
                return None
            current = row[0]
            seen.add(current)
        return None


def _article_row(article: Article, digest: str, stamp: str) -> tuple[Any, ...]:
    return (
        article.id,
        article.url,
        article.source,
        article.title,
        article.published,
        article.lang,
        article.byline,
        article.dateline,
        article.text,
        article.content_hash,
        digest,
        article.origin,
        json.dumps(article.extra, ensure_ascii=False, default=str),
        stamp,
    )


def _article_from_row(row: Sequence[Any]) -> Article:
    (article_id, url, source, title, published, lang, byline, dateline, text, digest, _text_hash, origin,
     extra, _ingested_at) = row
    return Article(
        id=article_id,
        text=text,
        title=title,
        url=url,
        source=source,
        published=published,
        lang=lang,
        byline=byline,
        dateline=dateline,
        content_hash=digest,
        origin=origin or "",
        extra=json.loads(extra),
    )


def _article_filters(
    *, source: str | None, lang: str | None, since: str | None, until: str | None
) -> tuple[str, list[str]]:
    clauses: list[str] = []
    parameters: list[str] = []
    for clause, value in (("source = ?", source), ("lang = ?", lang), ("published >= ?", since)):
        if value is not None:
            clauses.append(clause)
            parameters.append(value)
    if until is not None:
        clauses.append("published <= ?")
        parameters.append(until + "\uffff")  # a bare day also covers that day's timestamps ('...T09:00')
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), parameters


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(chunk: Sequence[str]) -> str:
    return ", ".join("?" * len(chunk))
