"""Splitting a story: the named articles (and their wire copies) leave, the rest keep the id, both are logged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from samestory.cli import cli
from samestory.model import Article
from samestory.store import Store
from samestory.stories.clusterer import story_id_for
from samestory.stories.split import SplitError, refresh_story_figures, split_story

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _story(store: Store, story_id: str, members: list[tuple[str, str, str, str | None]]) -> None:
    """Write a story by hand: (article id, outlet, day, copy_of) per member."""
    store.add_articles(
        Article(id=i, text=f"Report {i} on the events of {day}, with its own wording.", title=f"Title {i}",
                source=source, published=day)
        for i, source, day, _ in members
    )
    for article_id, _, _, copy_of in members:
        store.set_member(article_id, story_id, score=0.9, copy_of=copy_of)
    refresh_story_figures(store, story_id)
    store.log_story_event("create", story_id, None, {"article": members[0][0]})


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "s.db") as store:
        _story(
            store,
            story_id_for("a1"),
            [
                ("a1", "north.example", "2024-03-01", None),
                ("a2", "south.example", "2024-03-02", None),
                ("a3", "east.example", "2024-03-02", "a2"),  # a wire copy of a2
                ("a4", "north.example", "2024-03-05", None),
            ],
        )
        yield store


def test_the_named_articles_and_their_copies_leave_and_the_rest_keep_the_id(store: Store) -> None:
    old = story_id_for("a1")
    result = split_story(store, old, ["a4", "a2"], reason="two incidents")
    assert result.story_id == old
    assert result.new_story_id == story_id_for("a2")  # named after its first article, like any story
    assert result.moved == ("a2", "a3", "a4")  # publication order; a3 followed its original
    kept, new = store.get_story(old), store.get_story(result.new_story_id)
    assert (kept.n_articles, kept.n_sources, kept.first_seen, kept.last_seen) == (1, 1, "2024-03-01", "2024-03-01")
    assert (new.n_articles, new.n_sources, new.first_seen, new.last_seen) == (3, 2, "2024-03-02", "2024-03-05")
    assert new.headline == "Title a2"
    assert {m.article_id: m.copy_of for m in store.story_members(new.id)} == {"a2": None, "a3": "a2", "a4": None}
    for story_id in (old, new.id):
        split = [e for e in store.story_log(story_id) if e.action == "split"]
        assert [(e.story_id, e.other_id) for e in split] == [(old, new.id)]
        assert split[0].detail == {"articles": ["a2", "a3", "a4"], "reason": "two incidents"}


def test_a_copy_split_off_without_its_original_counts_as_a_source_of_its_own(store: Store) -> None:
    result = split_story(store, story_id_for("a1"), ["a3"])
    member = store.story_members(result.new_story_id)
    assert [(m.article_id, m.copy_of) for m in member] == [("a3", None)]
    assert store.get_story(result.new_story_id).n_sources == 1
    assert store.get_story(story_id_for("a1")).n_sources == 2  # north (a1, a4) and south (a2)


def test_splitting_off_the_first_article_keeps_the_id_with_the_rest(store: Store) -> None:
    old = story_id_for("a1")
    result = split_story(store, old, ["a1"])
    assert result.new_story_id not in (old, story_id_for("a1"))
    assert store.story_of("a1") == result.new_story_id
    assert store.story_of("a4") == old and store.get_story(old).n_articles == 3


def test_splitting_undoes_a_merge_and_the_merged_id_lives_again(store: Store) -> None:
    old = story_id_for("a1")
    merged = story_id_for("b1")
    _story(store, merged, [("b1", "west.example", "2024-03-03", None)])
    store.set_member("b1", old, score=0.8)
    store.delete_story(merged)
    store.add_redirect(merged, old, reason="merge")
    refresh_story_figures(store, old)
    assert store.resolve_story_id(merged) == old
    result = split_story(store, merged, ["b1"])  # the old id finds the story it was merged into
    assert (result.story_id, result.new_story_id) == (old, merged)
    assert store.resolve_story_id(merged) == merged and store.get_story(merged).n_articles == 1


@pytest.mark.parametrize(
    ("story", "articles", "message"),
    [
        ("s-missing", ["a1"], "no story"),
        (story_id_for("a1"), ["zz", "a1"], "not in story"),
        (story_id_for("a1"), [], "at least one"),
        (story_id_for("a1"), ["a1", "a2", "a4"], "nothing would be split"),  # a3 follows a2: all would move
    ],
)
def test_impossible_splits_name_the_problem_and_change_nothing(
    store: Store, story: str, articles: list[str], message: str
) -> None:
    before = [m.__dict__ for m in store.story_members(story_id_for("a1"))]
    with pytest.raises(SplitError, match=message):
        split_story(store, story, articles)
    assert [m.__dict__ for m in store.story_members(story_id_for("a1"))] == before
    assert [e.action for e in store.story_log(story_id_for("a1"))] == ["create"]


@pytest.mark.slow
def test_split_from_the_command_line_and_ingest_goes_on_from_the_split_stories(tmp_path: Path) -> None:
    db, runner = str(tmp_path / "s.db"), CliRunner()
    quake = [EXAMPLES / "harbor-wire-tabriz-quake.txt", EXAMPLES / "evening-ledger-tabriz-quake.html"]
    result = runner.invoke(cli, ["ingest", *map(str, quake), "--db", db, "--fast"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        (story_id, first, second), = store.execute(
            "SELECT story_id, min(article_id), max(article_id) FROM story_members GROUP BY story_id"
            " HAVING count(*) = 2"
        ).fetchall()
    split = runner.invoke(cli, ["split", story_id, second, "--reason", "test", "--db", db, "--json"])
    assert split.exit_code == 0, split.output
    moved = json.loads(split.output)
    assert moved["story_id"] == story_id and moved["moved"] == [second]
    again = runner.invoke(cli, ["split", story_id, "nope", "--db", db])
    assert again.exit_code != 0 and "not in story" in again.output
    shown = json.loads(runner.invoke(cli, ["story", moved["new_story_id"], "--db", db, "--json"]).output)
    assert [e["action"] for e in shown["log"]] == ["split"]
    # A later ingest rebuilds the clusterer from the store: the split stands and new articles still land.
    later = runner.invoke(cli, ["ingest", str(EXAMPLES / "harbor-wire-envoy-nairobi.txt"), "--db", db, "--fast"])
    assert later.exit_code == 0, later.output
    with Store(db) as store:
        assert store.story_of(first) == story_id and store.story_of(second) == moved["new_story_id"]
        assert store.count_stories() == 3


def test_the_terminal_shows_hostile_titles_as_text_and_the_history(tmp_path: Path) -> None:
    """Rich markup in a headline ("[/b]") is data: it must be printed, not parsed (it used to crash)."""
    db = tmp_path / "s.db"
    with Store(db) as store:
        _story(store, story_id_for("x1"), [("x1", "[red]wire[/red]", "2024-03-01", None),
                                           ("x2", "other.example", "2024-03-02", None)])
        store.execute("UPDATE articles SET title = 'Bad [/b] title [bold]x' WHERE id = 'x1'")
        refresh_story_figures(store, story_id_for("x1"))
        split_story(store, story_id_for("x1"), ["x2"], reason="[link=javascript:x]no[/link]")
    runner = CliRunner()
    listed = runner.invoke(cli, ["stories", "--db", str(db)], env={"COLUMNS": "200"})
    assert listed.exit_code == 0, listed.output
    assert "Bad [/b] title [bold]x" in listed.output
    shown = runner.invoke(cli, ["story", story_id_for("x1"), "--db", str(db)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "Bad [/b] title [bold]x" in shown.output and "[red]wire[/red]" in shown.output
    assert "started by x1" in shown.output
    assert "1 article(s) split off into" in shown.output and "[link=javascript:x]no[/link]" in shown.output
