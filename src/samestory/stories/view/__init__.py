"""The story view: what the outlets of one story agree on, what each alone reports, and where they conflict.

build_view(articles, features, copies=None) -> StoryView      # StoryView.to_dict() is the JSON
story_view(store, story_id) -> StoryView                      # members and stored features from the store
"""

from samestory.stories.view.build import build_view
from samestory.stories.view.load import StoryNotFound, story_view
from samestory.stories.view.records import (
    Claim,
    Conflict,
    Difference,
    KeyEntity,
    Outlet,
    StoryView,
    SummarySentence,
    Support,
    TimelineDay,
)

__all__ = [
    "Claim",
    "Conflict",
    "Difference",
    "KeyEntity",
    "Outlet",
    "StoryNotFound",
    "StoryView",
    "SummarySentence",
    "Support",
    "TimelineDay",
    "build_view",
    "story_view",
]
