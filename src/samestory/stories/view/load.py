"""Build a stored story's view: its members and their stored features, computing features the store lacks
and completing the light records ingest stores for clustering (``complete_features``: NER entities, dates,
numbers; ``ensure_sentence_vectors``: the sentence vectors); what was computed is stored back when the store
is writable, so the next view of the story is as fast as before."""

from __future__ import annotations

import sqlite3

from samestory.features import (
    FEATURES_VERSION,
    FeaturesFormatError,
    complete_features,
    ensure_sentence_vectors,
    extract_many,
    from_bytes,
    has_sentence_vectors,
    to_bytes,
)
from samestory.features.record import ArticleFeatures
from samestory.model import Article, SamestoryError
from samestory.store import Store
from samestory.stories.view.build import build_view
from samestory.stories.view.records import StoryView


class StoryNotFound(SamestoryError):
    """No story has this id (nor was it merged into one that has)."""


def story_view(store: Store, story_id: str) -> StoryView:
    """The view of story ``story_id`` (an id merged away is followed to the story it joined)."""
    resolved = store.resolve_story_id(story_id)
    members = store.story_members(resolved) if resolved else []
    if not resolved or not members:
        raise StoryNotFound(f"no story {story_id!r}")
    found = store.get_articles([m.article_id for m in members])
    articles = [found[m.article_id] for m in members if m.article_id in found]
    copies = {m.article_id: m.copy_of for m in members if m.copy_of}
    view = build_view(articles, full_features(store, articles), copies)
    view.story_id = resolved
    return view


def full_features(store: Store, articles: list[Article]) -> list[ArticleFeatures]:
    """Complete feature records of stored ``articles`` (the story view and the judge need every feature):
    stored records are read, light ones completed, missing ones computed, and what changed is stored back."""
    stored = store.get_features([a.id for a in articles], version=FEATURES_VERSION)
    features: dict[str, ArticleFeatures] = {}
    for article_id, data in stored.items():
        try:
            features[article_id] = from_bytes(data)
        except FeaturesFormatError:
            continue  # unreadable record: recompute below
    missing = [a for a in articles if a.id not in features]
    if missing:
        features.update((f.article_id, f) for f in extract_many(missing))
    incomplete = {i for i, f in features.items() if f.light or not has_sentence_vectors(f)}
    complete_features([features[a.id] for a in articles], articles)
    ensure_sentence_vectors(list(features.values()))
    _store_back(store, [features[a.id] for a in missing] + [features[i] for i in incomplete])
    return [features[a.id] for a in articles]


def _store_back(store: Store, computed: list[ArticleFeatures]) -> None:
    """Keep what the view computed. Not in a throwaway ``:memory:`` store (the API's readers share its one
    connection with the ingest thread); a read-only or busy store (``sqlite3`` refuses the write) goes without."""
    if not computed or store.path == ":memory:":
        return
    try:
        for feature in computed:
            store.put_features(feature.article_id, FEATURES_VERSION, to_bytes(feature))
    except sqlite3.Error:
        return
