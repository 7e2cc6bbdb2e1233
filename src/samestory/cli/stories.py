"""Commands over stories: ``cluster`` (the evaluation contract), ``stories`` and ``story``."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from concurrent.futures import Executor, Future

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from samestory.cli.main import SkipReport, cli, db_option, fast_option, progress_counter, writable_output
from samestory.engine import Engine
from samestory.model import Article, ReadFailure
from samestory.pipeline import OnError, clean_records
from samestory.readers import iter_records
from samestory.store import Store, StoryEvent
from samestory.stories.clusterer import StoryClusterer
from samestory.stories.order import publication_order
from samestory.stories.step import StoryStep
from samestory.workers import (
    POOL_MIN_ARTICLES,
    PrefetchedStoryStep,
    background_pool,
    default_workers,
    prepared_articles,
)

PROGRESS_EVERY = 100  # articles between two updates of the live count (a terminal only)
PlacedCount = Callable[[int], object]  # told how many articles are placed so far
_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def cluster_inputs(
    inputs: tuple[str, ...],
    db_path: str | None,
    fast: bool,
    workers: int | None = None,
    on_error: OnError | None = None,
    progress: PlacedCount | None = None,
) -> list[tuple[str, str]]:
    """(input article id, story id) for every article read and cleaned from ``inputs``, in input order.
    Articles are clustered in publication order (undated ones where the input has them). With ``db_path`` they
    are ingested into that store, which may hold stories from earlier runs to go on with; without, they are
    clustered in memory (nothing is stored: no one would read it). Failures go to ``on_error`` (default: on
    stderr) and are skipped; ``progress`` is told now and then how many articles are placed. ``workers``
    processes (default: one per core from ``POOL_MIN_ARTICLES`` articles on; 0 or 1: none) clean the articles
    and compute their features and signals ahead while this process clusters them; the assignments are the
    same with any number, and with a new store or none."""
    on_error = on_error or SkipReport()
    articles: list[Article] = []
    # The pool starts while the rest is read (its server's imports take a core for about half a second): at
    # once when the workers are given, at the POOL_MIN_ARTICLES-th article when they are not.
    pool_from, pool_size = (POOL_MIN_ARTICLES, default_workers()) if workers is None else (1, workers)
    with contextlib.ExitStack() as pool_scope:
        starting: Future[Executor] | None = None
        for record in iter_records(list(inputs)):  # read first (cheap) to know the order; cleaned below
            if isinstance(record, ReadFailure):
                on_error(record)
                continue
            articles.append(record)
            if len(articles) == pool_from:
                starting = pool_scope.enter_context(background_pool(pool_size, fast=fast))
        ordered = publication_order(articles, lambda a: a.date)  # cleaning keeps the dates
        if db_path:
            story_of = _cluster_into(db_path, ordered, starting, fast, on_error, progress)
        else:
            story_of = _cluster(ordered, starting, fast, on_error, progress)
    return [(a.id, story_of[a.id]) for a in articles if a.id in story_of]


def _cluster(
    ordered: list[Article], pool: Future[Executor] | None, fast: bool, on_error: OnError, progress: PlacedCount | None
) -> dict[str, str]:
    """Story id by article id, clustered in memory. The first article of an id wins, as in a store."""
    clusterer = StoryClusterer(fast=fast)
    story_of: dict[str, str] = {}
    merged_into: dict[str, str] = {}  # kept here: the clusterer forgets its redirects with their stories
    for item in prepared_articles(pool, ordered, fast=fast, keep_features=False):
        if isinstance(item, ReadFailure):
            on_error(item)
            continue
        assignment = clusterer.learn_one(item[2])
        story_of[assignment.article_id] = assignment.story_id
        merged_into.update(dict.fromkeys(assignment.merged, assignment.story_id))
        if progress and len(story_of) % PROGRESS_EVERY == 0:
            progress(len(story_of))
    return {article: _resolve(story, merged_into) for article, story in story_of.items()}


def _resolve(story_id: str, merged_into: dict[str, str]) -> str:
    while story_id in merged_into:
        story_id = merged_into[story_id]
    return story_id


def _cluster_into(
    db_path: str,
    ordered: list[Article],
    pool: Future[Executor] | None,
    fast: bool,
    on_error: OnError,
    progress: PlacedCount | None,
) -> dict[str, str]:
    """Story id by article id, after ingesting ``ordered`` into the store at ``db_path``."""
    step = PrefetchedStoryStep(pool, ordered, fast=fast) if pool else StoryStep(fast=fast)
    with Engine(db_path, steps=[step]) as engine:
        engine.ingest(
            step.cleaned() if pool else clean_records(ordered),
            cleaned=True,
            on_error=on_error,
            progress=(lambda summary: progress(summary.read)) if progress else None,
        )
        stories = {a.id: engine.store.story_of(a.id) for a in ordered}
        return {article: engine.store.resolve_story_id(story) for article, story in stories.items() if story}


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    callback=writable_output,
    help="ASSIGNMENTS.jsonl ('-': stdout).",
)
@click.option(
    "--db",
    "db_path",
    default=None,
    help="Ingest into this SQLite store, going on with its stories (default: none, clustered in memory).",
)
@fast_option
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help=f"Processes that compute features ahead of clustering (default: one per core from {POOL_MIN_ARTICLES}"
    " articles on; 0: none).",
)
def cluster(inputs: tuple[str, ...], output: str, db_path: str | None, fast: bool, workers: int | None) -> None:
    """Group the articles of INPUT... into stories; one line per article: {"id": ..., "story": ...}.

    Articles are taken in publication order, each assigned online without looking at later ones."""
    with progress_counter(Console(stderr=True, highlight=False), "articles placed") as counter:
        skipped = SkipReport(counter.console)
        task = counter.add_task("cluster", total=None)
        assigned = cluster_inputs(
            inputs, db_path, fast, workers, skipped, progress=lambda placed: counter.update(task, completed=placed)
        )
    lines = [json.dumps({"id": a, "story": s}) + "\n" for a, s in assigned]
    with click.open_file(output, "w", encoding="utf-8") as out:
        out.writelines(lines)
    skipped.exit_if_any()


@cli.command()
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=0), help="How many to list.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0), help="How many to skip.")
@click.option("--min-articles", default=1, show_default=True, type=click.IntRange(min=1))
@_JSON
def stories(db_path: str, limit: int, offset: int, min_articles: int, as_json: bool) -> None:
    """List stories, most recently seen first."""
    with Store(db_path) as store:
        rows = store.list_stories(limit, offset, min_articles=min_articles)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row.__dict__, ensure_ascii=False))
        return
    # Every column but the headline keeps to one line, so at 80 columns the headline gets what is left.
    table = Table(box=None, pad_edge=False, expand=True)
    table.add_column("id", no_wrap=True)  # whole: 'samestory story ID' needs it
    table.add_column("headline", ratio=1)
    for heading in ("first seen", "last seen", "articles", "sources"):
        table.add_column(heading, no_wrap=True, justify="right" if heading in ("articles", "sources") else "left")
    for row in rows:
        cells = (row.id, row.headline, row.first_seen, row.last_seen, str(row.n_articles), str(row.n_sources))
        table.add_row(*(Text(cell or "") for cell in cells))  # Text: a headline is data, never markup
    Console().print(table)


@cli.command()
@click.argument("story_id", metavar="ID")
@db_option
@_JSON
def story(story_id: str, db_path: str, as_json: bool) -> None:
    """Show one story: its figures and members (an old id of a merged story finds the story it is in now)."""
    from samestory.report.terminal import render_story_terminal
    from samestory.stories.view import story_view

    with Store(db_path) as store:
        row = store.get_story(story_id)
        if row is None:
            raise click.ClickException(f"no story {story_id}")
        members = store.story_members(row.id)
        articles = store.get_articles([m.article_id for m in members])
        view = story_view(store, row.id)
        log = store.story_log(row.id)
    if as_json:
        record = row.__dict__ | {
            "members": [
                m.__dict__ | {"title": getattr(articles.get(m.article_id), "title", None)} for m in members
            ],
            "log": [event.__dict__ for event in log],  # created, merged: where the id history comes from
            "view": view.to_dict(),
        }
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    console = Console()
    console.print(Text.assemble((row.headline or row.id, "bold"), f"  ({row.id})"))
    console.print(
        f"{row.n_articles} articles, {row.n_sources} independent sources,"
        f" {row.first_seen or '?'} to {row.last_seen or '?'}"
    )
    table = Table(box=None, pad_edge=False, expand=True, header_style="dim")
    table.add_column("article", no_wrap=True)  # whole: 'samestory show ID' needs it
    table.add_column("source")
    table.add_column("title", ratio=1)
    for member in members:
        article = articles.get(member.article_id)
        copy = f" (copy of {member.copy_of})" if member.copy_of else ""
        source, title = (article.source or "", article.title or "") if article else ("", "")
        table.add_row(Text(member.article_id), Text(source), Text(title + copy))
    console.print(table)
    render_story_terminal(view, console)
    if log:
        console.print(Text("History", style="bold"))
    for event in log:
        console.print(Text(f"  {event.at}  {_event_line(row.id, event)}", style="dim"))


def _event_line(story_id: str, event: StoryEvent) -> str:
    """One line of a story's history, seen from ``story_id``."""
    detail, other = event.detail, event.other_id
    reason = f": {detail['reason']}" if detail.get("reason") else ""
    if event.action == "create":
        return f"started by {detail.get('article', 'its first report')}"
    if event.action == "merge":
        return f"story {other} merged in" if event.story_id == story_id else f"merged into {event.story_id}"
    if event.action == "split" and event.story_id == story_id:
        return f"{len(detail.get('articles', []))} article(s) split off into {other}{reason}"
    if event.action == "split":
        return f"split off from {event.story_id}{reason}"
    return event.action


@cli.command()
@click.argument("story_id", metavar="ID")
@click.argument("article_ids", nargs=-1, required=True, metavar="ARTICLE...")
@click.option("--reason", default=None, help="Why: kept in the story log.")
@db_option
@_JSON
def split(story_id: str, article_ids: tuple[str, ...], reason: str | None, db_path: str, as_json: bool) -> None:
    """Move ARTICLE... out of story ID into a story of their own (they report another event).

    The rest keep the id; wire copies follow their original; both stories log the split."""
    from samestory.stories.split import SplitError, split_story

    with Store(db_path) as store:
        try:
            result = split_story(store, story_id, article_ids, reason=reason)
        except SplitError as error:
            raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    click.echo(
        f"moved {len(result.moved)} article(s) from {result.story_id} to {result.new_story_id}: "
        + ", ".join(result.moved)
    )
