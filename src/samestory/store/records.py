"""Plain records the store hands back for its tables (articles come back as ``samestory.model.Article``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class AddResult:
    """What ``Store.add_articles`` did with each article of a batch.

    ``stored``: ids written as new articles. ``duplicates``: ids written too, but whose text is the same as an
    earlier article's (id -> that article's id). ``already_present``: ids the store held before; skipped.
    """

    stored: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    already_present: list[str] = field(default_factory=list)

    @property
    def written(self) -> list[str]:
        """Every id this call wrote: the new articles and the duplicates."""
        return [*self.stored, *self.duplicates]


@dataclass
class StoryFigures:
    """A story's summary figures, as ``Store.upsert_stories`` writes them."""

    id: str
    headline: str | None
    first_seen: str | None
    last_seen: str | None
    n_articles: int
    n_sources: int


@dataclass
class StoryRow(StoryFigures):
    """One row of ``stories``: a story's summary figures and when they were first and last written; its members
    are in ``story_members``."""

    created_at: str
    updated_at: str


@dataclass
class StoryMember:
    """An article's place in a story. ``copy_of`` names the article it copies when it is a wire copy."""

    article_id: str
    story_id: str
    joined_at: str
    score: float | None
    copy_of: str | None


@dataclass
class StoryEvent:
    """One entry of the story log: a story was created, joined, merged into another, or split."""

    id: int
    at: str
    action: str
    story_id: str
    other_id: str | None
    detail: dict[str, Any]
