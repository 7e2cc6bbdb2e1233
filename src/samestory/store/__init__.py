"""Persistence of every stage's records: articles, exact duplicates, features, stories (SQLite)."""

from samestory.store.migrations import MIGRATIONS, StoreError, schema_version
from samestory.store.records import AddResult, StoryEvent, StoryFigures, StoryMember, StoryRow
from samestory.store.sqlite import Store

__all__ = [
    "MIGRATIONS",
    "AddResult",
    "StoreError",
    "Store",
    "StoryEvent",
    "StoryFigures",
    "StoryMember",
    "StoryRow",
    "schema_version",
]
