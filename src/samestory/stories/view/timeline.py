"""A day-by-day timeline for stories whose members span several days: who published, and what was new."""

from __future__ import annotations

from collections import defaultdict

from samestory.model import Article
from samestory.stories.view.records import Claim, TimelineDay


def timeline(members: list[Article], claims: list[Claim]) -> list[TimelineDay]:
    """One entry per publication day, or nothing when all members share one day (or none is dated).
    A claim is new on the first day any of its outlets published."""
    day_of = {a.id: a.date for a in members if a.date}
    days: dict[str, list[str]] = defaultdict(list)
    for article in sorted(members, key=lambda a: a.published or ""):
        if article.date:
            days[article.date].append(article.id)
    if len(days) < 2:
        return []
    new: dict[str, list[int]] = defaultdict(list)
    for claim in claims:
        dated = [day_of[s.article_id] for s in claim.supports if s.article_id in day_of]
        if dated:
            new[min(dated)].append(claim.id)
    return [TimelineDay(day, ids, new[day]) for day, ids in sorted(days.items())]
