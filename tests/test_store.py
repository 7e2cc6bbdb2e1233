"""The SQLite store: idempotent adds, exact duplicates, features, stories, transactions and migrations."""

from __future__ import annotations

import sqlite3

import pytest

from samestory.model import Article
from samestory.store import Store, StoreError, migrations, schema_version

WIRE_TEXT = "LIMA (Harbor Wire) - A strong earthquake shook southern Peru on Thursday, officials said. " * 3


def article(article_id: str, text: str | None = None, **fields: object) -> Article:
    text = text or f"Report {article_id} about a harbour fire in Valparaiso."
    return Article(id=article_id, text=text, **fields)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.db") as opened:
        yield opened


def test_add_articles_stores_new_ones_and_skips_ids_already_present(store):
    first = store.add_articles([article("a"), article("b")])
    again = store.add_articles([article("a", "a different text under the same id"), article("c")])

    assert first.stored == ["a", "b"]
    assert again.stored == ["c"]
    assert again.already_present == ["a"]
    assert store.count_articles() == 3
    assert store.get_article("a").text.startswith("Report a")  # the first version wins


def test_same_id_twice_in_one_batch_is_written_once(store):
    result = store.add_articles([article("a"), article("a", "second copy of the record")])

    assert result.stored == ["a"] and result.already_present == ["a"]
    assert store.count_articles() == 1


def test_same_text_under_another_id_is_stored_and_recorded_as_duplicate(store):
    store.add_articles([article("wire", WIRE_TEXT, source="Harbor Wire")])
    reflowed = "  " + WIRE_TEXT.replace(" ", "\n", 3)
    result = store.add_articles([article("copy", reflowed, source="Coastline Post")])

    assert result.duplicates == {"copy": "wire"}
    assert result.stored == []
    assert store.get_article("copy").source == "Coastline Post"
    assert store.duplicates_of(["copy", "wire"]) == {"copy": "wire"}


def test_duplicates_within_one_batch_point_at_the_first_article(store):
    result = store.add_articles([article(name, WIRE_TEXT) for name in ("one", "two", "three")])

    assert result.stored == ["one"]
    assert result.duplicates == {"two": "one", "three": "one"}


def test_short_identical_texts_are_not_duplicates(store):
    result = store.add_articles([article("x", "Read more."), article("y", "Read more.")])

    assert result.stored == ["x", "y"] and result.duplicates == {}


def test_article_round_trips_every_field(store):
    original = Article(
        id="seed-1",
        text="TOKYO - Ministers met on Friday.",
        title="[bold]Envoy[/] <script>alert(1)</script>",
        url="https://example.test/a",
        source="Harbor Wire",
        published="2024-03-14T04:52:00+00:00",
        lang="en",
        byline="Tomas Ellery",
        dateline="TOKYO",
        origin="feed.jsonl:3",
        extra={"topic": ["quake", 1]},
    )
    store.add_articles([original])

    assert store.get_article("seed-1") == original
    assert store.get_article("missing") is None
    assert store.get_articles(["seed-1", "missing"]) == {"seed-1": original}


def test_list_and_count_filter_and_page(store):
    store.add_articles([
        article("a", source="Harbor Wire", lang="en", published="2024-03-13"),
        article("b", source="Harbor Wire", lang="es", published="2024-03-14T09:00:00+00:00"),
        article("c", source="Daily Meridian", lang="en", published="2024-03-15"),
        article("d", source="Daily Meridian", lang="en"),
    ])

    assert [a.id for a in store.list_articles(2, 1)] == ["b", "c"]
    assert [a.id for a in store.list_articles(source="Harbor Wire")] == ["a", "b"]
    assert [a.id for a in store.list_articles(since="2024-03-14", until="2024-03-14")] == ["b"]
    assert store.count_articles(lang="en") == 3
    assert store.count_articles(until="2024-03-14") == 2


def test_features_are_kept_per_version(store):
    store.add_articles([article("a"), article("b")])
    store.put_features("a", 1, b"\x00v1")
    store.put_features("a", 2, b"\x00v2")
    store.put_features("b", 1, b"\x01v1")

    assert store.get_features(["a", "b", "c"]) == {"a": b"\x00v2", "b": b"\x01v1"}
    assert store.get_features(["a", "b"], version=2) == {"a": b"\x00v2"}
    assert store.ids_missing_features(2) == ["b"]


def test_story_membership_moves_and_redirects_resolve(store):
    for story_id, n in (("s1", 2), ("s2", 1)):
        store.upsert_story(story_id, headline=story_id, first_seen="2024-03-14", last_seen="2024-03-14",
                           n_articles=n, n_sources=n)
    store.set_member("a", "s1", score=0.9)
    store.set_member("b", "s1", score=0.8, copy_of="a")
    store.set_member("c", "s2")

    # s2 is merged into s1: its member moves, the row goes, the old id redirects.
    with store.transaction():
        store.set_member("c", "s1", score=0.7)
        store.delete_story("s2")
        store.add_redirect("s2", "s1", reason="merge")
        store.log_story_event("merge", "s1", "s2", {"score": 0.7})

    assert store.resolve_story_id("s2") == "s1"
    assert store.get_story("s2").id == "s1"
    assert [m.article_id for m in store.story_members("s2")] == ["a", "b", "c"]
    assert store.story_members("s1")[1].copy_of == "a"
    assert store.story_of("c") == "s1"
    log = store.story_log("s2")
    assert [(e.action, e.other_id, e.detail) for e in log] == [("merge", "s2", {"score": 0.7})]
    assert store.resolve_story_id("nowhere") is None


def test_upsert_story_keeps_created_at_and_updates_figures(store):
    store.upsert_story("s", headline="old", first_seen="2024-03-14", last_seen="2024-03-14",
                       n_articles=1, n_sources=1)
    created = store.get_story("s").created_at
    store.upsert_story("s", headline="new", first_seen="2024-03-14", last_seen="2024-03-15",
                       n_articles=3, n_sources=2)

    story = store.get_story("s")
    assert (story.headline, story.n_articles, story.created_at) == ("new", 3, created)
    assert [s.id for s in store.list_stories(min_articles=2)] == ["s"]
    assert store.list_stories(min_articles=4) == []


def test_redirect_cycle_resolves_to_none(store):
    store.add_redirect("x", "y")
    store.add_redirect("y", "x")

    assert store.resolve_story_id("x") is None


def test_transaction_rolls_back_every_write_on_error(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.add_articles([article("a")])
        store.put_features("a", 1, b"f")
        raise RuntimeError("step crashed")

    assert store.count_articles() == 0
    assert store.get_features(["a"]) == {}


def test_new_database_is_at_the_latest_schema_in_wal_mode(tmp_path):
    path = tmp_path / "fresh.db"
    Store(path).close()

    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_appended_migration_runs_once_on_next_open(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    with Store(path) as old:
        old.add_articles([article("a")])
    added = "ALTER TABLE articles ADD COLUMN x;"
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, added])

    with Store(path) as upgraded:
        assert upgraded.count_articles() == 1
        assert upgraded.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
    Store(path).close()  # opening again runs nothing (a second ALTER would fail)


def test_failed_migration_leaves_the_database_at_its_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    Store(path).close()
    broken = "CREATE TABLE extra (x);\nALTER TABLE no_such_table ADD COLUMN y;"
    current = len(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])

    with pytest.raises(StoreError, match=f"migration to schema version {current + 1}"):
        Store(path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == current
        assert not connection.execute("SELECT name FROM sqlite_master WHERE name = 'extra'").fetchall()


def test_database_from_newer_code_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Store(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {schema_version() + 1}")

    with pytest.raises(StoreError, match="newer than this samestory"):
        Store(path)


def test_file_that_is_not_a_database_is_refused_with_its_name(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not sqlite at all\n" * 100)

    with pytest.raises(StoreError, match="notes.db"):
        Store(path)


def test_the_word_index_follows_the_articles_and_is_built_for_an_older_store(tmp_path, monkeypatch):
    def matching(store: Store, words: str) -> list[str]:
        return [row[0] for row in store.execute(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ?"
            " ORDER BY a.id", (words,)
        )]

    path = tmp_path / "old.db"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])  # a store from before the index
    with Store(path) as old:  # its article written as that version wrote them: no index to keep
        old.execute(
            "INSERT INTO articles (id, text, content_hash, text_hash, ingested_at) VALUES (?, ?, '', '', '')",
            ("a", "Floods in Porto Alegre close the airport for a week."),
        )
        assert not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchall()
    monkeypatch.undo()
    with Store(path) as store:
        assert matching(store, "alegre") == ["a"]  # indexed by the migration
        store.add_articles([article("b", text="The airport in Pôrto reopens.")])
        store.add_articles([article("b", text="Stored already: not indexed twice."), article("c", text="Airport")])
        assert matching(store, "airport") == ["a", "b", "c"]  # and as they are stored
        assert matching(store, "twice") == []
        assert matching(store, "porto") == ["a", "b"]  # diacritics folded
        store.execute("DELETE FROM articles WHERE id = 'a'")
        assert matching(store, "airport") == ["b", "c"]


def test_a_closed_store_says_so_and_names_its_file(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.add_articles([Article(id="a", text="A fire destroyed a market in Lagos.")])
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError, match=r"s\.db: the store is closed"):
        store.story_members("s1")
    with pytest.raises(StoreError, match="closed"), store.transaction():
        pass
