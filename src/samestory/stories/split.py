"""Splitting a story: a person (or a client of the API) says some of a story's articles report another event.

The named articles move to a story of their own; the rest keep the old id, so links to it stay valid. The new
story is named like any story, after its first article in publication order, so splitting off the articles of
a story that was merged in earlier gives that story its old id back (its redirect is dropped). Wire copies
follow their canonical article; a copy moved without its canonical becomes a report of its own there. Both
stories' figures are recomputed from their members, and the split is logged under both ids.

The store is the truth: a running clusterer must be rebuilt from it afterwards (``StoryStep.reload``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from samestory.features.dates import parse_day
from samestory.model import Article, SamestoryError
from samestory.store import Store
from samestory.stories.clusterer import story_id_for
from samestory.stories.order import publication_order


class SplitError(SamestoryError):
    """The split asked for cannot be done: unknown story or article, or nothing would move or remain."""


@dataclass(frozen=True)
class SplitResult:
    """``story_id``: the story that kept its id; ``new_story_id``: the one the ``moved`` articles now form."""

    story_id: str
    new_story_id: str
    moved: tuple[str, ...]
    reason: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "story_id": self.story_id,
            "new_story_id": self.new_story_id,
            "moved": list(self.moved),
            "reason": self.reason,
        }


def split_story(
    store: Store, story_id: str, article_ids: Iterable[str], *, reason: str | None = None
) -> SplitResult:
    """Move ``article_ids`` (members of ``story_id``, or of the story it was merged into) to a new story, in
    one transaction. Raises ``SplitError`` before writing anything when the request cannot be carried out."""
    with store.transaction():
        current = store.resolve_story_id(story_id)
        if current is None:
            raise SplitError(f"no story {story_id!r}")
        members = {m.article_id: m for m in store.story_members(current)}
        asked = list(dict.fromkeys(article_ids))
        strangers = [a for a in asked if a not in members]
        if strangers:
            raise SplitError(f"not in story {current}: {', '.join(map(repr, strangers[:5]))}")
        moving = set(asked) | {a for a, m in members.items() if m.copy_of in asked}
        if not moving:
            raise SplitError("name at least one article to split off")
        if len(moving) == len(members):
            raise SplitError(f"every article of story {current} would move: nothing would be split")
        articles = store.get_articles(members)
        moved = [a.id for a in publication_order([articles[i] for i in members if i in moving], _day)]
        new_id = _free_story_id(store, moved[0], current)
        for article_id in moved:
            member = members[article_id]
            copy_of = member.copy_of if member.copy_of in moving else None
            store.set_member(article_id, new_id, score=member.score, copy_of=copy_of)
        for kept in (current, new_id):
            refresh_story_figures(store, kept)
        store.log_story_event("split", current, new_id, {"articles": moved, "reason": reason})
    return SplitResult(current, new_id, tuple(moved), reason)


def refresh_story_figures(store: Store, story_id: str) -> None:
    """Recompute a story's row from its members as the clusterer keeps it: headline of the first titled
    article, first/last publication day, articles, and independent sources (outlets of the non-copies)."""
    members = store.story_members(story_id)
    articles = store.get_articles(m.article_id for m in members)
    ordered = publication_order([articles[m.article_id] for m in members if m.article_id in articles], _day)
    days = sorted(d for d in (parse_day(a.published) for a in ordered) if d is not None)
    originals = {m.article_id for m in members if m.copy_of is None}
    store.upsert_story(
        story_id,
        headline=next((a.title for a in ordered if a.title), None),
        first_seen=days[0].isoformat() if days else None,
        last_seen=days[-1].isoformat() if days else None,
        n_articles=len(members),
        n_sources=len({a.source or a.id for a in ordered if a.id in originals}),
    )


def _free_story_id(store: Store, first_article: str, splitting: str) -> str:
    """The id the split-off part takes: its first article's, as if that article had started it; when that is
    the story being split (its first article moves), an id derived from both. An old id merged away comes back
    to life: its redirect goes."""
    candidate = story_id_for(first_article)
    if candidate == splitting or store.has_story(candidate):
        candidate = story_id_for(f"{first_article}\n{splitting}")
    store.remove_redirect(candidate)
    return candidate


def _day(article: Article) -> str | None:
    return article.date

