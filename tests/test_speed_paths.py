"""The fast paths give what the plain ones give: worker processes, one-text encoder runs, the gazetteer scan's
index, and ingest of articles cleaned already (more in tests/test_fast_*.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from samestory.cli import stories as stories_cli
from samestory.cli.stories import cluster_inputs
from samestory.engine import Engine
from samestory.features.encoder import get_encoder
from samestory.features.places import scan_places
from samestory.model import Article
from samestory.pipeline import iter_clean
from samestory.readers import iter_records
from samestory.stories.clusterer import ClusterParams, StoryClusterer
from samestory.stories.decision import shipped_model
from samestory.stories.step import StoryStep
from samestory.workers import default_workers

GVA = Path(__file__).resolve().parents[2] / "shared" / "data" / "gva-dev.jsonl"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _sample(tmp_path: Path, lines: int) -> Path:
    if not GVA.is_file():
        pytest.skip("GVA dev data not available")
    sample = tmp_path / "sample.jsonl"
    with GVA.open(encoding="utf-8") as source:
        sample.write_text("".join(line for _, line in zip(range(lines), source, strict=False)), encoding="utf-8")
    return sample


def test_the_pool_starts_while_the_input_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Given workers start at the first article read (0 of them: no pool, ``background_pool``'s call), default
    ones at the ``POOL_MIN_ARTICLES``-th, and not at all with fewer articles."""
    read, started = 0, []

    def counted(paths: list[str]) -> Iterator:
        nonlocal read
        read = 0
        for record in iter_records(paths):
            read += 1
            yield record

    @contextlib.contextmanager
    def spy(workers: int, *, fast: bool) -> Iterator[None]:
        started.append((workers, read))
        yield None  # no pool: this process does the work

    monkeypatch.setattr(stories_cli, "iter_records", counted)
    monkeypatch.setattr(stories_cli, "background_pool", spy)
    examples = (str(EXAMPLES),)
    runs = [cluster_inputs(examples, None, True, workers=2), cluster_inputs(examples, None, True)]
    cluster_inputs(examples, None, True, workers=0)
    monkeypatch.setattr(stories_cli, "POOL_MIN_ARTICLES", 5)
    runs.append(cluster_inputs(examples, None, True))
    assert started == [(2, 1), (0, 1), (default_workers(), 5)] and read == 14
    assert runs[0] == runs[1] == runs[2]


@pytest.mark.parametrize("fast", [True, pytest.param(False, marks=pytest.mark.slow)])
def test_workers_and_the_store_give_the_single_process_assignments(tmp_path: Path, fast: bool) -> None:
    sample = str(_sample(tmp_path, 80))
    alone = cluster_inputs((sample,), None, fast, workers=0)  # in memory, in this process
    assert len(alone) == 80 and len({story for _, story in alone}) < 80
    assert cluster_inputs((sample,), None, fast, workers=2) == alone
    for workers in (0, 2):
        assert cluster_inputs((sample,), str(tmp_path / f"{workers}.db"), fast, workers=workers) == alone


@pytest.mark.slow
def test_one_text_runs_embed_a_text_the_same_alone_or_among_others() -> None:
    texts = ["Two people were shot in Chicago on Sunday.", "x", "A long " * 60 + "text.", ""]
    together = get_encoder().embed(texts, batch_size=1)
    for text, row in zip(texts, together, strict=True):
        assert np.array_equal(get_encoder().embed([text])[0], row)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_one_text_runs_keep_short_texts_apart() -> None:
    """Unpadded: were pad tokens averaged in, every short sentence would look alike."""
    shot, shot_again, flour = get_encoder().embed(
        ["A man was shot in Chicago.", "Police say a man was shot in Chicago on Sunday.", "Add two cups of flour."],
        batch_size=1,
    )
    assert shot @ shot_again > 0.7 and shot @ flour < 0.3


def test_scan_finds_the_longest_name_and_checks_acronyms() -> None:
    hits = scan_places("Police in New York City and the U.S. said Us and Japanese officials met in Tokyo.")
    assert [(surface, key) for _, _, surface, key in hits] == [
        ("New York City", "new york"),
        ("U.S.", "united states"),
        ("Japanese", "japan"),
        ("Tokyo", "tokyo"),
    ]
    text = "Gunmen in Paris."
    start, end, surface, _ = scan_places(text)[0]
    assert text[start:end] == surface == "Paris"
    assert scan_places("the japanese in tokyo", with_demonyms=False) == []


def test_scan_reads_names_after_quotes_and_skips_word_middles() -> None:
    text = "\u201cParis\u201d, \u200bNEW ORLEANS, O'Tokyo, don'Tokyo, McParis, 3Tokyo and Bosnia and Herzegovina."
    assert [surface for _, _, surface, _ in scan_places(text)] == [
        "Paris",
        "NEW ORLEANS",
        "Tokyo",
        "Bosnia and Herzegovina",
    ]


def test_ingest_of_clean_articles_keeps_what_cleaning_recorded(tmp_path: Path) -> None:
    articles = [a for a in iter_clean(str(_sample(tmp_path, 30))) if isinstance(a, Article)]
    removed = {a.id: a.extra.get("removed") for a in articles}
    assert any(removed.values())
    with Engine(tmp_path / "s.db") as engine:
        engine.ingest(articles, cleaned=True)
        stored = engine.store.get_articles(list(removed))
    assert {i: a.extra.get("removed") for i, a in stored.items()} == removed


def test_merged_stories_resolve_alike_in_memory_and_in_a_store(tmp_path: Path, monkeypatch) -> None:
    """Merges are rare with the shipped model; a low threshold and a wide margin make this sample merge stories,
    and the ids merged away must then resolve alike whether the clusterer's redirects or the store's are read."""
    sample = str(_sample(tmp_path, 80))
    loose = replace(shipped_model(fast=True), threshold=0.1)
    assigned = {}
    for margin in (0.0, 1.0):
        params = ClusterParams(merge_margin=margin, model=loose)
        monkeypatch.setattr(stories_cli, "StoryClusterer", partial(StoryClusterer, params))
        monkeypatch.setattr(stories_cli, "StoryStep", partial(StoryStep, params))
        assigned[margin] = cluster_inputs((sample,), None, True, workers=0)
    assert len({s for _, s in assigned[1.0]}) < len({s for _, s in assigned[0.0]})  # stories were merged
    assert cluster_inputs((sample,), str(tmp_path / "s.db"), True, workers=0) == assigned[1.0]
