"""``samestory report``: write story views as a static HTML page or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from samestory.cli.main import cli, db_option, writable_output
from samestory.engine import Engine

if TYPE_CHECKING:
    from samestory.stories.view import StoryView

# ``--all`` covers the stories with at least this many articles: single reports have nothing to compare.
ALL_MIN_ARTICLES = 2
ALL_PAGE = 1000


@cli.command()
@click.option("--story", "story_ids", multiple=True, metavar="ID", help="A story to report (repeatable).")
@click.option("--all", "all_stories", is_flag=True, help=f"Every story of {ALL_MIN_ARTICLES}+ articles.")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default="html", show_default=True)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    callback=writable_output,
    help="File to write ('-' for standard output).",
)
@db_option
def report(story_ids: tuple[str, ...], all_stories: bool, fmt: str, out_path: Path, db_path: str) -> None:
    """Write what each story's outlets agree on, add and dispute, as HTML (self-contained) or Markdown."""
    from samestory.report import render_html, render_markdown  # jinja2 and the views: for this command only
    from samestory.stories.view import StoryNotFound, story_view

    if bool(story_ids) == all_stories:
        raise click.UsageError("give --story ID (one or more) or --all")
    with Engine(db_path) as engine:
        store = engine.store
        if all_stories:
            story_ids = tuple(s.id for s in store.list_stories(limit=ALL_PAGE, min_articles=ALL_MIN_ARTICLES))
        views: list[StoryView] = []
        for story_id in story_ids:
            try:
                views.append(story_view(store, story_id))
            except StoryNotFound as error:
                raise click.ClickException(str(error)) from error
    if not views:
        raise click.ClickException("no stories to report")
    text = render_html(views) if fmt == "html" else render_markdown(views)
    if str(out_path) == "-":
        click.echo(text, nl=False)
    else:
        out_path.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(views)} {'story' if len(views) == 1 else 'stories'} to {out_path}", err=True)
