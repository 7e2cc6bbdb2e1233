"""Reports of a story view: HTML and Markdown escape hostile article text; the CLI writes a stored story."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from samestory.cli import cli
from samestory.features import FEATURES_VERSION, extract_many, to_bytes
from samestory.model import Article
from samestory.report import render_html, render_markdown, render_story_terminal
from samestory.report.common import time_span
from samestory.store import Store
from samestory.stories.view import StoryView, build_view, story_view

HOSTILE_TITLE = '<script>alert(1)</script><img src=x onerror="alert(2)">'
HOSTILE_A = (
    "The Orvana museum reopened on Friday after a two-year renovation costing 8 million euros. "
    "Visitors queued <b>for hours</b> outside <script>steal()</script> the main hall. "
    "[bold]Curator[/bold] Mira Soll said the collection now fills 20 rooms."
)
HOSTILE_B = (
    "After a renovation of two years, the Orvana museum opened its doors again on Friday. "
    "Curator Mira Soll said the collection now fills 20 rooms. "
    "Tickets are free for the first week."
)


def _articles() -> list[Article]:
    return [
        Article(
            id="m1",
            text=HOSTILE_A,
            title=HOSTILE_TITLE,
            source="Orvana <i>Post</i>",
            url="javascript:alert(3)",
            published="2031-06-06",
            lang="en",
        ),
        Article(
            id="m2",
            text=HOSTILE_B,
            title="Orvana museum reopens",
            source="Keldar Courier",
            url="https://courier.example/museum",
            published="2031-06-06",
            lang="en",
        ),
    ]


@pytest.fixture(scope="module")
def hostile_view() -> StoryView:
    articles = _articles()
    return build_view(articles, extract_many(articles))


def test_html_escapes_article_text(hostile_view: StoryView) -> None:
    page = render_html([hostile_view])
    assert "<script>" not in page and "<b>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert not re.search(r"<[^>]+\sonerror=", page)
    assert 'href="javascript' not in page.lower()
    assert 'href="https://courier.example/museum"' in page


def test_html_is_self_contained(hostile_view: StoryView) -> None:
    page = render_html([hostile_view])
    assert not re.search(r"""(src|href)=["']?(https?:)?//(?!courier\.example)""", page)
    assert "<link" not in page and "<script" not in page


def test_markdown_escapes_html_and_links(hostile_view: StoryView) -> None:
    text = render_markdown([hostile_view])
    assert "<script>" not in text and "<b>" not in text and "<i>" not in text
    assert "javascript:" not in text
    assert "(<https://courier.example/museum>)" in text


def test_terminal_prints_markup_literally(hostile_view: StoryView) -> None:
    out = io.StringIO()
    render_story_terminal(hostile_view, Console(file=out, width=200, color_system=None))
    assert "[bold]Curator[/bold]" in out.getvalue()


def _store_with_story(path: Path) -> Store:
    store = Store(path)
    articles = _articles()
    store.add_articles(articles)
    features = extract_many(articles[:1])  # the second article's features are computed on demand
    store.put_features("m1", FEATURES_VERSION, to_bytes(features[0]))
    store.upsert_story(
        "s1", headline="Museum", first_seen="2031-06-06", last_seen="2031-06-06", n_articles=2, n_sources=2
    )
    for article in articles:
        store.set_member(article.id, "s1")
    return store


def test_story_view_loads_a_stored_story(tmp_path: Path) -> None:
    with _store_with_story(tmp_path / "s.db") as store:
        view = story_view(store, "s1")
    assert view.story_id == "s1"
    assert {o.article_id for o in view.outlets} == {"m1", "m2"}
    assert any("20 rooms" in s.sentence for c in view.agreed for s in c.supports)


def test_report_command_writes_html_and_markdown(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _store_with_story(db).close()
    runner = CliRunner()
    for fmt in ("html", "md"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(
            cli, ["report", "--story", "s1", "--format", fmt, "--out", str(out), "--db", str(db)]
        )
        assert result.exit_code == 0, result.output
        assert "Mira Soll" in out.read_text()
    missing = runner.invoke(cli, ["report", "--story", "nope", "--out", str(tmp_path / "x"), "--db", str(db)])
    assert missing.exit_code != 0 and "no story" in missing.output


def test_the_time_span_is_in_days_whatever_precision_outlets_give(hostile_view: StoryView) -> None:
    same_day = replace(hostile_view, first_published="2024-04-09", last_published="2024-04-09T11:10:00+00:00")
    assert time_span(same_day) == "2024-04-09"
    days = replace(hostile_view, first_published="2024-04-09T23:50:00+00:00", last_published="2024-04-11")
    assert time_span(days) == "2024-04-09 – 2024-04-11"
    assert time_span(replace(hostile_view, first_published=None, last_published=None)) == "undated"
