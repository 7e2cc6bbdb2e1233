"""The order in which the clusterer sees articles: publication order, never peeking ahead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def publication_order(items: Sequence[T], day_of: Callable[[T], str | None]) -> list[T]:
    """``items`` sorted by publication day; an undated item keeps its place in the input, read as published on
    the day of the dated item before it (or the first dated one when none comes before). The sort is stable,
    so items of one day stay in input order."""
    days = [day_of(item) for item in items]
    first = next((d for d in days if d), "")
    effective: list[str] = []
    current = first
    for day in days:
        current = day or current
        effective.append(current)
    order = sorted(range(len(items)), key=lambda i: effective[i])
    return [items[i] for i in order]
