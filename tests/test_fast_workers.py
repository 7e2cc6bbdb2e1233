"""``samestory cluster``'s worker pool: articles cleaned, featurised and signalled ahead give what the
single-process step stores and assigns."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from samestory.cleaning import clean
from samestory.engine import Engine
from samestory.features import FEATURES_VERSION
from samestory.model import Article
from samestory.stories.step import StoryStep
from samestory.workers import PrefetchedStoryStep, background_pool

ARTICLES = [
    Article(id="a", text="Two people were shot in Chicago on Sunday night, police said.", published="2020-01-01"),
    Article(id="b", text="Two men were shot in Chicago late Sunday, Chicago police said.", published="2020-01-01"),
    Article(id="c", text="A fire in Lagos destroyed a market on Monday.", published="2020-01-02"),
]
# Chrome lines: cleaned twice, its record of what was removed would come out empty.
WITH_CHROME = Article(
    id="d",
    text="Sign up for our newsletter\n\nTwo people were shot in Chicago.\n\nPhoto: Reuters",
    published="2020-01-01",
)


def _run(tmp_path: Path, name: str, step: StoryStep, articles: list[Article]) -> tuple[dict, dict]:
    with Engine(tmp_path / f"{name}.db", steps=[step], batch_size=2) as engine:
        engine.ingest(articles, cleaned=True)
        ids = [a.id for a in articles]
        members = {i: engine.store.story_of(i) for i in ids}
        return members, engine.store.get_features(ids, FEATURES_VERSION)


@pytest.mark.parametrize("pool_ready", [True, False])
def test_prefetched_step_cleans_stores_and_assigns_what_the_plain_step_does(tmp_path: Path, pool_ready: bool) -> None:
    raw = [ARTICLES[0], WITH_CHROME, ARTICLES[1], ARTICLES[2]]
    clean_articles = [clean(a) for a in raw]
    with background_pool(2, fast=True) as starting:
        assert starting is not None
        pool: Future = starting
        if pool_ready:
            starting.result()
        else:  # this process cleans while the pool "starts"; the pool only prepares those articles
            pool = Future()
            threading.Timer(0.5, pool.set_result, [starting.result()]).start()
        # "a" twice: the first wins, as in the store. "c" is not given to the pool: computed in this process.
        given = [*raw[:2], Article(id="a", text="Another text under the same id."), raw[2]]
        step = PrefetchedStoryStep(pool, given, fast=True)
        cleaned = list(step.cleaned())
        assert cleaned == clean_articles[:3] and cleaned[1].extra["removed"]
        prefetched = _run(tmp_path, "pool", step, [*cleaned, clean_articles[3]])
    assert prefetched == _run(tmp_path, "plain", StoryStep(fast=True), clean_articles)
    members, features = prefetched
    assert members["a"] == members["b"] != members["c"] and set(features) == {"a", "b", "c", "d"}


def test_no_pool_for_fewer_than_two_workers() -> None:
    for workers in (0, 1):
        with background_pool(workers, fast=True) as starting:
            assert starting is None
