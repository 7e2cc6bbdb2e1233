"""The store's schema as an ordered list of migrations, tracked with ``PRAGMA user_version``.

To change the schema, append a new SQL script to ``MIGRATIONS``; never edit one that has shipped. A database
at version N has run the first N scripts; opening it runs the rest, each in its own transaction together with
the version bump, so a crash leaves the database at a whole version.
"""

from __future__ import annotations

import sqlite3

from samestory.model import SamestoryError

MIGRATIONS: list[str] = [
    # 1: articles and every stage's records.
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        url TEXT,
        source TEXT,
        title TEXT,
        published TEXT,
        lang TEXT,
        byline TEXT,
        dateline TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        origin TEXT,
        extra TEXT NOT NULL DEFAULT '{}',
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_content_hash ON articles (content_hash);
    CREATE INDEX articles_text_hash ON articles (text_hash);
    CREATE INDEX articles_url ON articles (url);
    CREATE INDEX articles_published ON articles (published);

    CREATE TABLE duplicates (
        article_id TEXT PRIMARY KEY,
        duplicate_of TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX duplicates_duplicate_of ON duplicates (duplicate_of);

    CREATE TABLE features (
        article_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        data BLOB NOT NULL
    );

    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        headline TEXT,
        first_seen TEXT,
        last_seen TEXT,
        n_articles INTEGER NOT NULL DEFAULT 0,
        n_sources INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_last_seen ON stories (last_seen);

    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        joined_at TEXT NOT NULL,
        score REAL,
        copy_of TEXT
    );
    CREATE INDEX story_members_story_id ON story_members (story_id);

    CREATE TABLE story_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'join', 'merge', 'split')),
        story_id TEXT NOT NULL,
        other_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX story_log_story_id ON story_log (story_id);

    CREATE TABLE story_redirects (
        old_id TEXT PRIMARY KEY,
        new_id TEXT NOT NULL,
        reason TEXT,
        at TEXT NOT NULL
    );
    """,
    # 2: story_log looks entries up by either story; without this the other side scanned the whole log.
    """
    CREATE INDEX story_log_other_id ON story_log (other_id);
    """,
    # 3: word search over titles and texts. A LIKE '%word%' scan read every stored text per query; this index
    # answers from the words' postings. It holds no copy of the texts (external content: the articles table)
    # and triggers keep it in step. Its rows are articles' rowids, which VACUUM may renumber: after a VACUUM,
    # run ``INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')``.
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content = 'articles', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    # 4: new articles are indexed for word search by one statement per stored batch (``Store.add_articles``),
    # not by a trigger per row: FTS5 flushes its buffered terms at each trigger's savepoint, which made
    # indexing an article about three times dearer (docs/store.md). Deletes and edits keep their triggers.
    """
    DROP TRIGGER articles_fts_insert;
    """,
]


class StoreError(SamestoryError):
    """The file cannot be used as a samestory database: not SQLite, unreadable, or from a newer samestory."""


def schema_version() -> int:
    """The version this code writes: the number of migrations it knows."""
    return len(MIGRATIONS)


def migrate(connection: sqlite3.Connection, where: str) -> None:
    """Bring the database at ``where`` up to ``schema_version()``; refuse one written by newer code.

    ``connection`` must be in autocommit mode (``isolation_level=None``) so the BEGIN/COMMIT here are the only
    transaction boundaries. The version is read again under the write lock, so two processes opening a new
    file at once do not both run a migration.
    """
    if _user_version(connection, where) == schema_version():
        return
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            current = _user_version(connection, where)
            if current < schema_version():
                _apply(connection, current + 1, where)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        if current + 1 >= schema_version():
            return


def _apply(connection: sqlite3.Connection, version: int, where: str) -> None:
    try:
        for statement in _statements(MIGRATIONS[version - 1]):
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {version}")
    except sqlite3.Error as exc:
        raise StoreError(f"{where}: migration to schema version {version} failed: {exc}") from exc


def _user_version(connection: sqlite3.Connection, where: str) -> int:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > schema_version():
        raise StoreError(
            f"{where}: database schema version {version} is newer than this samestory knows "
            f"({schema_version()}); upgrade samestory to open it"
        )
    return version


def _statements(script: str) -> list[str]:
    """Split a script into whole statements (``executescript`` would commit our transaction)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise StoreError(f"unterminated SQL statement in a migration: {buffer.strip()[:80]!r}")
    return statements
