"""What every face of a story view shares: short outlet labels for citations and which links are safe."""

from __future__ import annotations

from urllib.parse import urlparse

from samestory.stories.view import StoryView

DIFFERENCE_NAMES = {"number": "figures", "date": "dates", "name": "names", "quote": "quoted words"}


def outlet_labels(view: StoryView) -> dict[str, str]:
    """Article id -> "[n]" in outlet order; a wire copy cites as its canonical outlet."""
    labels: dict[str, str] = {}
    for number, outlet in enumerate(view.outlets, start=1):
        labels[outlet.article_id] = f"[{number}]"
        for copy_id in outlet.copies:
            labels[copy_id] = f"[{number}]"
    return labels


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None: a ``javascript:`` or ``data:`` link is never emitted."""
    if not url:
        return None
    return url if urlparse(url.strip()).scheme.lower() in ("http", "https") else None


def time_span(view: StoryView) -> str:
    """The days the story's articles were published in: "2024-04-09", or "2024-04-09 – 2024-04-11". Days,
    because outlets give a date or a time to the second at will ("2024-04-09" against "2024-04-09T11:10:00")."""
    first, last = view.first_published, view.last_published
    if not first:
        return "undated"
    first, last = first[:10], (last or first)[:10]
    return first if first == last else f"{first} – {last}"
