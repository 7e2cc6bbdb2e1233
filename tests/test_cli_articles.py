"""The read, ingest, articles and show commands, as a user or an evaluation script sees them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from samestory.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOLD_IDS = {json.loads(line)["id"] for line in (EXAMPLES / "gold.jsonl").read_text().splitlines()}
HOSTILE_TITLE = "[bold]x[/] <script>alert(1)</script>"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, [str(arg) for arg in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def mixed_feed(tmp_path):
    path = tmp_path / "mixed.jsonl"
    hostile = {"id": "hostile", "title": HOSTILE_TITLE, "text": "A bridge reopened in Quito."}
    plain = {"id": "plain", "title": "Ferry fire off Crete", "text": "A ferry burned off Crete."}
    path.write_text(f"{json.dumps(hostile)}\n{{broken\n{json.dumps(plain)}\n")
    return path


def test_read_json_prints_one_object_per_article_with_the_evaluation_fields(run):
    result = run("read", EXAMPLES / "articles", "--json")

    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert {r["id"] for r in records} == GOLD_IDS
    for field in ("id", "title", "date", "source", "lang", "byline", "dateline", "text"):
        assert all(field in r for r in records)
    assert {r["date"] for r in records if r["id"] == "harbor-wire-tabriz-quake"} == {"2024-03-20"}


def test_read_prints_the_good_records_and_names_the_bad_one(run, mixed_feed):
    result = run("read", mixed_feed, "--json")

    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["hostile", "plain"]
    assert "mixed.jsonl:2" in result.stderr


def test_read_renders_hostile_titles_literally(run, mixed_feed):
    result = run("read", mixed_feed)

    assert HOSTILE_TITLE in result.stdout


def test_ingest_summarises_and_a_second_run_adds_nothing(run, tmp_path):
    db = tmp_path / "s.db"

    first = run("ingest", EXAMPLES / "articles", "--db", db, "--json")
    second = run("ingest", EXAMPLES / "articles", "--db", db)

    assert first.exit_code == 0 and second.exit_code == 0
    assert json.loads(first.stdout) == {
        "read": 14, "stored": 13, "duplicates": 1, "already_present": 0, "errors": 0, "db": str(db)
    }
    assert "stored 0" in second.stdout and "already present 14" in second.stdout


def test_ingest_names_every_failure_and_exits_non_zero(run, tmp_path, mixed_feed):
    missing = tmp_path / "nowhere.jsonl"

    result = run("ingest", mixed_feed, missing, "--db", tmp_path / "s.db", "--json")

    assert result.exit_code == 1
    assert "mixed.jsonl:2" in result.stderr and "nowhere.jsonl" in result.stderr
    assert json.loads(result.stdout)["stored"] == 2


def test_ingest_uses_samestory_db_from_the_environment(run, tmp_path, mixed_feed, monkeypatch):
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("SAMESTORY_DB", str(db))

    run("ingest", mixed_feed)

    assert db.exists()
    assert "plain" in run("articles", "--json").stdout


def test_articles_lists_pages_and_escapes_titles(run, tmp_path, mixed_feed):
    db = tmp_path / "s.db"
    run("ingest", mixed_feed, "--db", db)

    page = run("articles", "--db", db, "--limit", "1", "--offset", "1", "--json")
    table = run("articles", "--db", db)

    assert [json.loads(line)["id"] for line in page.stdout.splitlines()] == ["plain"]
    assert "[bold]x[/]" in table.stdout and "2 articles" in table.stdout


def test_show_gives_one_article_and_marks_exact_copies(run, tmp_path):
    db = tmp_path / "s.db"
    run("ingest", EXAMPLES / "articles", "--db", db)

    shown = json.loads(run("show", "coastline-post-arequipa-quake", "--db", db, "--json").stdout)
    readable = run("show", "coastline-post-arequipa-quake", "--db", db)

    assert shown["source"] == "Coastline Post"
    assert shown["duplicate_of"] == "hw-20240314-arequipa-quake"
    assert "exact copy of hw-20240314-arequipa-quake" in readable.stdout


def test_show_unknown_id_fails_with_a_message(run, tmp_path):
    result = run("show", "no-such-id", "--db", tmp_path / "s.db")

    assert result.exit_code == 1
    assert "no article with id 'no-such-id'" in result.stderr


def test_database_that_is_not_samestorys_gives_a_clear_error(run, tmp_path):
    db = tmp_path / "other.db"
    db.write_text("just some notes\n" * 50)

    result = run("articles", "--db", db)

    assert result.exit_code == 1
    assert "other.db" in result.stderr and "Traceback" not in result.stderr
