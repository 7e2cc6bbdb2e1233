"""Story clustering: metrics, wire copies, online assignment, stable ids through the store."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from samestory.cli import cli
from samestory.engine import Engine
from samestory.eval.clusters import score_clusters
from samestory.features import FEATURES_VERSION, ArticleFeatures, from_bytes
from samestory.features.minhash import minhash_signature
from samestory.model import Article
from samestory.store import Store
from samestory.stories.clusterer import ClusterParams, StoryClusterer
from samestory.stories.decision import FEATURE_NAMES
from samestory.stories.order import publication_order
from samestory.stories.signals import StorySignals
from samestory.stories.step import StoryStep, rebuild_clusterer

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
QUAKE = [EXAMPLES / "harbor-wire-tabriz-quake.txt", EXAMPLES / "evening-ledger-tabriz-quake.html"]


def _signals(
    article_id: str,
    vector: list[float],
    day: str | None = None,
    text: str | None = None,
    source: str | None = None,
) -> StorySignals:
    v = np.asarray(vector, dtype=np.float32)
    return StorySignals(
        article_id,
        v / np.linalg.norm(v),
        day=date.fromisoformat(day) if day else None,
        source=source,
        minhash=minhash_signature(text) if text else None,
    )


def _daily_random_signals(days: int, per_day: int) -> Iterator[tuple[int, StorySignals]]:
    """``per_day`` articles with random vectors on each of ``days`` days from 2020-01-01, numbered."""
    rng = np.random.default_rng(0)
    for n in range(days * per_day):
        day = date(2020, 1, 1) + timedelta(days=n // per_day)
        yield n, _signals(f"a{n}", list(rng.normal(size=8)), day.isoformat())


def test_bcubed_of_perfect_and_lumped_clusterings() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert score_clusters(gold, gold).bcubed_f1 == 1.0
    lumped = score_clusters(gold, {"a": "1", "b": "1", "c": "1"})
    assert lumped.bcubed_recall == 1.0
    assert lumped.bcubed_precision == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)


def test_missing_prediction_counts_as_singleton() -> None:
    scores = score_clusters({"a": "x", "b": "x"}, {"a": "1"})
    assert scores.bcubed_recall == pytest.approx(0.5)


def test_publication_order_keeps_undated_in_place() -> None:
    items = [("a", "2020-01-03"), ("b", None), ("c", "2020-01-01")]
    assert [i for i, _ in publication_order(items, lambda item: item[1])] == ["c", "a", "b"]


def test_each_mode_gets_its_own_shipped_model() -> None:
    from samestory.stories.decision import DEFAULT_MODEL, FAST_MODEL, FEATURE_NAMES

    assert StoryClusterer().model is DEFAULT_MODEL and StoryClusterer(fast=True).model is FAST_MODEL
    assert DEFAULT_MODEL != FAST_MODEL
    assert len(DEFAULT_MODEL.weights) == len(FAST_MODEL.weights) == len(FEATURE_NAMES)


def test_close_vectors_join_and_far_ones_start_a_story() -> None:
    clusterer = StoryClusterer()
    first = clusterer.learn_one(_signals("a", [1, 0, 0], "2020-01-01", source="x"))
    second = clusterer.learn_one(_signals("b", [1, 0.02, 0], "2020-01-01", source="y"))
    third = clusterer.learn_one(_signals("c", [0, 0, 1], "2020-01-01", source="z"))
    assert first.new_story and not second.new_story and third.new_story
    assert second.story_id == first.story_id != third.story_id
    assert clusterer.stories[first.story_id].n_sources == 2


def test_candidates_are_the_nearest_stories_up_to_the_cap() -> None:
    """Six one-article stories at growing angles from the article: with a cap of 3 the three nearest are scored,
    in the order of their cosines."""
    clusterer = StoryClusterer(ClusterParams(max_candidates=3))
    for i in range(6):
        clusterer.learn_one(_signals(f"a{i}", [1, 0.3 * i, 0], "2020-01-01"), story_id=f"story{i}")
    article = _signals("b", [1, 0, 0], "2020-01-01")
    scored = clusterer.candidates(article)
    assert {c.story_id for c in scored} == {"story0", "story1", "story2"}
    cos_best = [c.features[FEATURE_NAMES.index("cos_best")] for c in sorted(scored, key=lambda c: c.story_id)]
    assert cos_best == sorted(cos_best, reverse=True)


def test_wire_copy_joins_as_copy_and_adds_no_source() -> None:
    text = " ".join(f"word{i}" for i in range(80))
    clusterer = StoryClusterer()
    original = clusterer.learn_one(_signals("a", [1, 0, 0], text=text, source="wire"))
    copy = clusterer.learn_one(_signals("b", [0, 1, 0], text=text + " extra", source="site"))
    assert copy.copy_of == "a" and copy.story_id == original.story_id
    story = clusterer.stories[original.story_id]
    assert (story.n_articles, story.n_sources) == (2, 1)


def test_old_stories_leave_the_window() -> None:
    clusterer = StoryClusterer(ClusterParams(window_days=5, archive_days=0))
    old = clusterer.learn_one(_signals("a", [1, 0, 0], "2020-01-01"))
    late = clusterer.learn_one(_signals("b", [1, 0, 0], "2020-03-01"))
    assert late.new_story and old.story_id not in clusterer.stories


def test_merge_redirects_the_old_id() -> None:
    clusterer = StoryClusterer()
    a = clusterer.learn_one(_signals("a", [1, 0, 0])).story_id
    b = clusterer.learn_one(_signals("b", [0, 1, 0])).story_id
    c = clusterer.learn_one(_signals("c", [0, 0, 1])).story_id
    clusterer.merge(b, a)
    clusterer.merge(a, c)
    assert clusterer.resolve(b) == c and clusterer.resolve(a) == c and clusterer.resolve(c) == c
    assert clusterer.redirects == {a: c, b: c}  # path-compressed, no cycle
    assert clusterer.stories[c].n_articles == 3



def test_state_stays_bounded_by_the_window() -> None:
    """A year of news, every article naming new people: what the clusterer holds is one window's worth."""
    clusterer = StoryClusterer(ClusterParams(window_days=10))
    for n, signals in _daily_random_signals(days=365, per_day=3):
        signals.entities = frozenset({f"person {n}", "common name"})
        clusterer.learn_one(signals)
        if n == 30:  # merge two live stories: the redirect must go when the merged story leaves the window
            ids = list(clusterer.stories)
            clusterer.merge(ids[0], ids[1])
            assert len(clusterer.redirects) == 1
    window_articles = len(clusterer._index)
    assert window_articles <= 3 * 12
    assert len(clusterer._doc_freq) <= window_articles + 1
    assert clusterer._doc_freq["common name"] == window_articles
    assert len(clusterer._index._segments) <= 3
    assert clusterer.redirects == {}
    assert len(clusterer.stories) <= window_articles

def test_a_story_that_names_a_street_is_found_by_it_after_the_window() -> None:
    clusterer = StoryClusterer(ClusterParams(window_days=5, archive_days=60))
    shooting = _signals("a", [1, 0, 0], "2020-01-01")
    shooting.streets = frozenset({"west ferdinand"})
    story = clusterer.learn_one(shooting).story_id
    other = _signals("b", [0, 1, 0], "2020-01-20")  # moves the clock: the shooting's story leaves the window
    clusterer.learn_one(other)
    assert story not in clusterer.stories and story in clusterer._archive
    trial = _signals("c", [1, 0.1, 0], "2020-02-10")
    trial.streets = frozenset({"west ferdinand"})
    assert clusterer.candidates(trial)[0].story_id == story
    undated = _signals("d", [1, 0.1, 0])  # cannot tell weeks from years: no archived candidates
    undated.streets = trial.streets
    assert story not in {c.story_id for c in clusterer.candidates(undated)}
    clusterer.learn_one(trial, story_id=story)  # joining revives the story in the window
    assert story in clusterer.stories and story not in clusterer._archive and not clusterer._by_street
    assert len(clusterer._archive_index) == len(clusterer._archive)  # its index entry went with it


def test_a_quiet_story_is_found_as_the_nearest_archived_one() -> None:
    """A story that went quiet for longer than the window: a dated report close to it gets it as a candidate
    (the archived story nearest to the report), a report far from every archived story gets none."""
    clusterer = StoryClusterer(ClusterParams(window_days=5, archive_days=60, archive_min_cosine=0.5))
    story = clusterer.learn_one(_signals("a", [1, 0, 0], "2020-01-01")).story_id
    clusterer.learn_one(_signals("b", [0, 1, 0], "2020-01-20"))
    assert story in clusterer._archive
    assert story in {c.story_id for c in clusterer.candidates(_signals("c", [1, 0.2, 0], "2020-02-01"))}
    assert story not in {c.story_id for c in clusterer.candidates(_signals("d", [0.3, 0, 1], "2020-02-01"))}
    assert story not in {c.story_id for c in clusterer.candidates(_signals("e", [1, 0.2, 0]))}  # undated
    clusterer.learn_one(_signals("f", [0, 0, 1], "2020-03-25"))  # 60 days after it left the window: gone
    assert story not in clusterer._archive
    assert story not in {c.story_id for c in clusterer.candidates(_signals("g", [1, 0.2, 0], "2020-03-25"))}
    # After a gap in the stream, a story counts its archive days from when it left the window, not from the
    # day the next article came.
    late = clusterer.learn_one(_signals("h", [1, 0, 0], "2020-05-01")).story_id
    clusterer.learn_one(_signals("i", [0, 1, 0], "2020-08-01"))
    assert late not in clusterer._archive
    assert late not in {c.story_id for c in clusterer.candidates(_signals("j", [1, 0, 0], "2020-08-01"))}


def test_a_story_without_a_date_is_not_archived() -> None:
    """An undated story leaves the window by the clock of the dated articles around it; it is dropped then, as a
    dated report after it could be weeks or years later (another title fight of the same boxer)."""
    clusterer = StoryClusterer(ClusterParams(window_days=5, archive_days=60, archive_min_cosine=0.5))
    dated = clusterer.learn_one(_signals("before", [0, 0, 1], "2020-01-01")).story_id
    undated = clusterer.learn_one(_signals("a", [1, 0, 0])).story_id
    clusterer.learn_one(_signals("c", [0, 1, 0], "2020-01-20"))  # both leave the window
    assert dated in clusterer._archive and undated not in clusterer._archive | clusterer.stories
    assert undated not in {c.story_id for c in clusterer.candidates(_signals("d", [1, 0.05, 0], "2020-01-21"))}


def test_the_archive_stays_bounded() -> None:
    clusterer = StoryClusterer(ClusterParams(window_days=10, archive_days=20))
    for n, signals in _daily_random_signals(days=365, per_day=2):
        signals.streets = frozenset({f"street {n}", "main"})
        clusterer.learn_one(signals)
    # Stories that left the window more than 20 days ago are gone, with their streets and index entries.
    assert len(clusterer._archive) <= 2 * 22
    assert clusterer._by_street["main"] == set(clusterer._archive)
    assert all(ids and ids <= clusterer._archive.keys() for ids in clusterer._by_street.values())
    assert len(clusterer._archive_index) == len(clusterer._archive)
    assert len(clusterer._archive_index._segments) <= 3 and len(clusterer._archive_index._order) <= 2 * 22


@pytest.mark.slow
def test_seeds_and_a_copy_make_one_story_with_two_sources(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    seed = (SEEDS / "003_8013884caad34d68.txt").read_text(encoding="utf-8")
    (inputs / "copy_of_003.txt").write_text(seed.replace("\n", "\n\n", 1) + " ", encoding="utf-8")
    db = tmp_path / "s.db"
    runner = CliRunner()
    out = tmp_path / "a.jsonl"
    result = runner.invoke(cli, ["cluster", str(inputs), "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assignments = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(assignments) == 3 and len({a["story"] for a in assignments}) == 1
    with Store(db) as store:
        row = store.get_story(assignments[0]["story"])
        assert (row.n_articles, row.n_sources) == (3, 2)
    listed = runner.invoke(cli, ["stories", "--db", str(db), "--json"])
    assert json.loads(listed.output.splitlines()[0])["id"] == row.id
    shown = runner.invoke(cli, ["story", row.id, "--db", str(db), "--json"])
    assert shown.exit_code == 0, shown.output
    log = json.loads(shown.output)["log"]
    assert [(event["action"], event["story_id"]) for event in log] == [("create", row.id)]


@pytest.mark.slow
def test_a_second_run_continues_the_stored_stories(tmp_path: Path) -> None:
    db, runner = tmp_path / "s.db", CliRunner()
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy(SEEDS / "000_8ce18c90de4b71bd.txt", first)
    shutil.copy(SEEDS / "003_8013884caad34d68.txt", second)
    for inputs, out in ((first, "1.jsonl"), (second, "2.jsonl")):
        result = runner.invoke(cli, ["cluster", str(inputs), "-o", str(tmp_path / out), "--db", str(db)])
        assert result.exit_code == 0, result.output
    story_1 = json.loads((tmp_path / "1.jsonl").read_text())["story"]
    story_2 = json.loads((tmp_path / "2.jsonl").read_text())["story"]
    assert story_1 == story_2


def test_a_later_run_replays_the_undated_articles_of_its_span_only(tmp_path: Path) -> None:
    """Undated articles stored before the replayed span's first dated article left the window long ago (a single
    run drops their stories then); those stored after it are replayed with their stories."""
    texts = {
        "dated-old": "A fire destroyed a market in Lagos on Monday.",
        "undated-old": "Floods cut the road between Tarso and Velin.",
        "dated-new": "Two people were shot outside a bar in Chicago.",
        "undated-new": "A ferry ran aground off Marnholm with forty aboard.",
    }
    batches = [
        [Article(id="dated-old", text=texts["dated-old"], published="2020-01-01"),
         Article(id="undated-old", text=texts["undated-old"])],
        [Article(id="dated-new", text=texts["dated-new"], published="2020-08-01"),
         Article(id="undated-new", text=texts["undated-new"])],
    ]
    with Engine(tmp_path / "s.db", steps=[StoryStep(fast=True)]) as engine:
        for batch in batches:
            engine.ingest(batch)
        story_of = {article_id: engine.store.story_of(article_id) for article_id in texts}
        replayed = rebuild_clusterer(engine.store, ClusterParams(), fast=True)
    live = set(replayed.stories) | set(replayed._archive)
    assert live == {story_of["dated-new"], story_of["undated-new"]}


def _stored_features(db: Path) -> dict[str, ArticleFeatures]:
    with Store(db) as store:
        ids = [row[0] for row in store.execute("SELECT id FROM articles").fetchall()]
        return {i: from_bytes(data) for i, data in store.get_features(ids, FEATURES_VERSION).items()}


def _ingest_quake(db: Path) -> dict[str, ArticleFeatures]:
    """Ingest two reports of one quake; clustering stores light records (no NER entities, no dates)."""
    result = CliRunner().invoke(cli, ["ingest", *map(str, QUAKE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    stored = _stored_features(db)
    assert len(stored) == 2 and all(f.light and not f.dates for f in stored.values())
    assert all(m.label == "NAME" for f in stored.values() for m in f.entities)
    return stored


def _assert_completed(stored: dict[str, ArticleFeatures]) -> None:
    for features in stored.values():
        assert not features.light and features.dates
        assert {m.label for m in features.entities} & {"PERSON", "ORG", "GPE", "NORP"}, features.entities
        assert features.sentence_vectors.shape == (len(features.sentences), 384)


@pytest.mark.slow
def test_the_story_view_completes_light_records_and_stores_them(tmp_path: Path) -> None:
    from samestory.stories.view.load import story_view

    db = tmp_path / "s.db"
    ids = list(_ingest_quake(db))
    with Store(db) as store:
        story = store.story_of(ids[0])
        assert story is not None and store.story_of(ids[1]) == story
        view = story_view(store, story)
    assert len(view.outlets) == 2 and view.people  # people come from NER entities
    _assert_completed(_stored_features(db))


@pytest.mark.slow
def test_comparing_stored_ids_completes_light_records_and_stores_them(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ids = list(_ingest_quake(db))
    result = CliRunner().invoke(cli, ["compare", *ids, "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["evidence"]["aligned"]
    _assert_completed(_stored_features(db))


@pytest.mark.slow
def test_a_completed_record_gives_the_clusterer_the_same_signals() -> None:
    """Replaying a store after the view completed its records must not change what the clusterer sees."""
    from samestory.features import complete_features
    from samestory.pipeline import read
    from samestory.stories.signals import build_signals, clustering_features

    articles = list(read([str(p) for p in QUAKE]))
    features = clustering_features(articles)
    before = build_signals(articles, features)
    assert complete_features(features, articles) and not any(f.light for f in features)
    after = build_signals(articles, features)
    for old, new in zip(before, after, strict=True):
        assert old.entities and old.places
        assert (old.entities, old.places) == (new.entities, new.places)
        assert np.array_equal(old.vector, new.vector)
