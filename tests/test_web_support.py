"""Shared by the API, page and browser tests: the fictional examples ingested (and grouped into stories by
the real clusterer) once per session, and a hostile article. It holds no tests itself."""

from __future__ import annotations

import atexit
import functools
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from samestory.api import ApiSettings, create_app
from samestory.engine import Engine
from samestory.stories.step import StoryStep

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = REPO_ROOT / "examples"
TOKEN = "test-token-3f9a"

# Hostile input: each payload sets window.__pwned if the browser ever runs it.
HOSTILE_ARTICLE = {
    "id": "hostile-1",
    "title": "<script>window.__pwned = 'title'</script>Flood <b>warning</b>",
    "text": (
        "Rivers rose in the valley <img src=x onerror=\"window.__pwned = 'onerror'\"> overnight.\n"
        "<a href=\"javascript:window.__pwned = 'link'\">Click</a> for the"
        " <svg onload=\"window.__pwned = 'svg'\"> map."
    ),
    "url": "javascript:window.__pwned = 'url'",
    "source": "<i>Evil</i> Gazette",
    "published": "2024-05-01",
}


def open_engine(db_path: Path) -> Engine:
    return Engine(db_path, steps=[StoryStep()])


@functools.cache
def example_db() -> Path:
    """A store holding examples/articles, built on first use and removed at exit; copy it before writing."""
    folder = Path(tempfile.mkdtemp(prefix="samestory-web-tests-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "examples.db"
    with open_engine(path) as engine:
        engine.ingest(EXAMPLES / "articles")
    return path


@functools.cache
def story_of() -> dict[str, str]:
    """Article id -> the id of the story the clusterer put it in, in the example store."""
    with closing(sqlite3.connect(example_db())) as db:
        return dict(db.execute("SELECT article_id, story_id FROM story_members"))


def copy_of_example_db(folder: Path) -> Path:
    """A private copy of the example store (a consistent snapshot, WAL included)."""
    target = folder / "examples.db"
    with closing(sqlite3.connect(example_db())) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def example_app(folder: Path, **settings: object):
    """An app over a private copy of the example store; writes need ``TOKEN``."""
    engine = open_engine(copy_of_example_db(folder))
    return create_app(engine, ApiSettings(**{"api_token": TOKEN, **settings}))
