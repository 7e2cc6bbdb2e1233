"""read(), iter_clean() and Engine.ingest over the bundled examples and hand-made inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samestory import pipeline
from samestory.engine import Engine
from samestory.model import Article, ReadFailure

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOLD_IDS = {json.loads(line)["id"] for line in (EXAMPLES / "gold.jsonl").read_text().splitlines()}


@pytest.fixture
def broken_feed(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "ok-1", "title": "Ferry fire", "text": "A ferry caught fire off Crete on Monday."}\n'
        "{not json\n"
        '{"id": "ok-2", "title": "Bridge opens", "text": "A new bridge opened in Porto on Tuesday."}\n'
    )
    return path


def test_read_gives_every_example_with_the_ids_gold_uses():
    articles = list(pipeline.read(EXAMPLES / "articles"))

    assert {a.id for a in articles} == GOLD_IDS
    assert all(a.text.strip() for a in articles)


def test_read_accepts_one_path_or_a_list(broken_feed):
    one = [a.id for a in pipeline.read(str(broken_feed), on_error=lambda failure: None)]
    listed = [a.id for a in pipeline.read([broken_feed, broken_feed], on_error=lambda failure: None)]

    assert one == ["ok-1", "ok-2"]
    assert listed == one * 2


def test_read_reports_failures_and_goes_on(broken_feed):
    failures: list[ReadFailure] = []

    ids = [a.id for a in pipeline.read(broken_feed, on_error=failures.append)]

    assert ids == ["ok-1", "ok-2"]
    assert len(failures) == 1 and "feed.jsonl:2" in failures[0].where


def test_read_warns_by_default(broken_feed):
    with pytest.warns(UserWarning, match="feed.jsonl:2"):
        assert len(list(pipeline.read(broken_feed))) == 2


def test_crash_while_cleaning_one_article_becomes_its_failure(broken_feed, monkeypatch):
    real_clean = pipeline.clean

    def fragile_clean(article: Article) -> Article:
        if article.id == "ok-1":
            raise IndexError("boom")
        return real_clean(article)

    monkeypatch.setattr(pipeline, "clean", fragile_clean)

    items = list(pipeline.iter_clean(broken_feed))

    assert [type(item).__name__ for item in items] == ["ReadFailure", "ReadFailure", "Article"]
    assert "feed.jsonl:1" in items[0].where and "ok-1" in items[0].where
    assert "IndexError: boom" in items[0].message


def test_ingest_twice_stores_nothing_new_and_counts_the_wire_copy(tmp_path):
    with Engine(tmp_path / "x.db") as engine:
        first = engine.ingest(EXAMPLES / "articles")
        second = engine.ingest(EXAMPLES / "articles")
        count = engine.store.count_articles()

    assert first.ok and second.ok
    assert (first.read, first.stored + first.duplicates) == (len(GOLD_IDS), len(GOLD_IDS))
    assert first.duplicates == 1
    assert (second.stored, second.duplicates, second.already_present) == (0, 0, len(GOLD_IDS))
    assert count == len(GOLD_IDS)


def test_ingest_takes_articles_and_failures_as_well_as_paths(tmp_path):
    given = [Article(id="py-1", text="A dam burst in the valley on Sunday."), ReadFailure("upload:3", "bad")]

    with Engine(tmp_path / "x.db") as engine:
        summary = engine.ingest(given)
        stored = engine.article("py-1")

    assert (summary.read, summary.stored, summary.errors) == (1, 1, [ReadFailure("upload:3", "bad")])
    assert stored is not None and stored.lang  # cleaned like a read article


class RecordingStep:
    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def process(self, store, articles):
        self.batches.append([a.id for a in articles])
        return [ReadFailure(f"step:{articles[0].id}", "no features")]


def test_steps_run_on_each_stored_batch_and_their_failures_are_counted(broken_feed, tmp_path):
    step = RecordingStep()

    with Engine(tmp_path / "x.db", steps=[step], batch_size=1) as engine:
        summary = engine.ingest(broken_feed, on_error=lambda failure: None)
        engine.ingest(broken_feed, on_error=lambda failure: None)

    assert step.batches == [["ok-1"], ["ok-2"]]  # nothing new the second time: no batch handed on
    wheres = [f.where for f in summary.errors]
    assert wheres[0] == "step:ok-1" and "feed.jsonl:2" in wheres[1] and wheres[2] == "step:ok-2"


class CrashingStep:
    def process(self, store, articles):
        raise RuntimeError("clustering bug")


def test_step_crash_rolls_back_its_batch(broken_feed, tmp_path):
    with Engine(tmp_path / "x.db", steps=[CrashingStep()]) as engine:
        with pytest.raises(RuntimeError, match="clustering bug"):
            engine.ingest(broken_feed, on_error=lambda failure: None)
        assert engine.store.count_articles() == 0
