"""Commands over single articles: read, ingest, articles, show."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from samestory.cli.main import cli, db_option, fast_option, progress_counter
from samestory.engine import Engine, IngestSummary
from samestory.model import Article, ReadFailure
from samestory.pipeline import iter_clean
from samestory.stories.step import StoryStep

_PATHS = click.argument("paths", nargs=-1, required=True, metavar="PATH...")
_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable view.")


def _stdout() -> Console:
    # Values from inputs go out as Text objects, never as markup: a title '[bold]x[/]' prints as written.
    return Console(highlight=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _print_failure(console: Console, failure: ReadFailure) -> None:
    console.print(Text.assemble(("error: ", "bold red"), str(failure)), soft_wrap=True)  # one line per record


def _json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=str)


@cli.command()
@_PATHS
@_JSON
def read(paths: tuple[str, ...], as_json: bool) -> None:
    """Read and clean articles without storing them.

    PATH is a file, a directory (read recursively), a glob, or '-' for stdin; the format is recognised from
    the content (plain text, JSON Lines, JSON, CSV, HTML, RSS/Atom, WARC, gzip of any). With --json, each
    article is one JSON object per line (id, title, date, source, lang, byline, dateline, text, url, ...).
    Failures go to stderr, naming file and record; the exit status is 1 if any record failed.
    """
    out, err = _stdout(), _stderr()
    failed = False
    for item in iter_clean(paths):
        if isinstance(item, ReadFailure):
            failed = True
            _print_failure(err, item)
        elif as_json:
            click.echo(_json_line(item.to_dict()))
        else:
            _render_article(out, item)
            out.print()
    if failed:
        raise SystemExit(1)


@cli.command()
@_PATHS
@db_option
@_JSON
@fast_option
def ingest(paths: tuple[str, ...], db_path: str, as_json: bool, fast: bool) -> None:
    """Read, clean and store articles, and assign each new one to a story.

    PATH is as for 'samestory read'. Articles already in the store (same id) are skipped, so running the
    same input twice adds nothing; an article whose text equals an earlier one's is stored and marked as
    its duplicate. Each batch of new articles joins stories online, in publication order (see 'samestory
    stories'). Every failure is printed to stderr with its file and record; the exit status is 1 if any
    record failed. --json prints the summary as one JSON object.
    """
    err = _stderr()
    with Engine(db_path, steps=[StoryStep(fast=fast)]) as engine, progress_counter(err, "records") as progress:
        task = progress.add_task("ingest", total=None)

        def show_progress(summary: IngestSummary) -> None:
            progress.update(task, completed=summary.read + len(summary.errors))

        def show_failure(failure: ReadFailure) -> None:
            _print_failure(progress.console, failure)

        summary = engine.ingest(paths, on_error=show_failure, progress=show_progress)
    _print_summary(summary, db_path, as_json)
    if not summary.ok:
        raise SystemExit(1)


@cli.command()
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=0), help="How many to list.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0), help="How many to skip.")
@click.option("--source", default=None, help="Only articles from this outlet.")
@click.option("--lang", default=None, help="Only articles in this language (ISO 639-1, e.g. en).")
@_JSON
def articles(
    db_path: str, limit: int, offset: int, source: str | None, lang: str | None, as_json: bool
) -> None:
    """List stored articles in the order they were stored (--json: one JSON object per line)."""
    with Engine(db_path) as engine:
        found = engine.articles(limit, offset, source=source, lang=lang)
        total = engine.store.count_articles(source=source, lang=lang)
    if as_json:
        for article in found:
            click.echo(_json_line(article.to_dict()))
        return
    table = Table(title=f"{total:,} articles", title_justify="left")
    table.add_column("id", overflow="fold")  # whole, since 'samestory show ID' needs it
    for heading in ("date", "source", "lang", "title"):
        table.add_column(heading)
    for article in found:
        cells = (article.id, article.date, article.source, article.lang, article.title)
        table.add_row(*(Text(value or "") for value in cells))
    out = _stdout()
    out.print(table)
    if offset + len(found) < total:
        shown = f"showing {offset + 1:,}-{offset + len(found):,}"
        out.print(Text(f"{shown}; next page: --offset {offset + limit}"))


@cli.command()
@click.argument("article_id", metavar="ID")
@db_option
@_JSON
def show(article_id: str, db_path: str, as_json: bool) -> None:
    """Show one stored article: its fields and its cleaned text."""
    with Engine(db_path) as engine:
        article = engine.article(article_id)
        duplicate_of = engine.store.duplicates_of([article_id]).get(article_id)
    if article is None:
        raise click.ClickException(f"no article with id {article_id!r} in {db_path}")
    if as_json:
        click.echo(_json_line({**article.to_dict(), "duplicate_of": duplicate_of}))
        return
    out = _stdout()
    _render_article(out, article)
    if duplicate_of:
        out.print(Text(f"exact copy of {duplicate_of}", style="yellow"))


def _render_article(console: Console, article: Article) -> None:
    console.print(Text(article.title or "(no title)", style="bold"))
    facts = [article.id, article.date, article.source, article.lang, article.byline, article.dateline,
             article.url, article.origin]
    console.print(Text(" · ".join(fact for fact in facts if fact), style="dim"))
    console.print(Text(article.text))


def _print_summary(summary: IngestSummary, db_path: str, as_json: bool) -> None:
    counts = {
        "read": summary.read,
        "stored": summary.stored,
        "duplicates": summary.duplicates,
        "already_present": summary.already_present,
        "errors": len(summary.errors),
    }
    if as_json:
        click.echo(_json_line({**counts, "db": db_path}))
        return
    line = ", ".join(f"{name.replace('_', ' ')} {count:,}" for name, count in counts.items())
    _stdout().print(Text(f"{line} -> {db_path}"))
