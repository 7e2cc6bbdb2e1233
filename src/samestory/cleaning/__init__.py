"""Cleaning: from page text as read to the story's own sentences, plus the headline, byline, dateline and
language the page carried.

Rules are general (line shape, position, telltale words in several languages), never tuned to one site, and
lean towards keeping: a chrome line left in costs little, a story sentence dropped loses a fact.
"""

from __future__ import annotations

from dataclasses import replace

from samestory.cleaning.blocks import drop_link_strips, drop_menus, drop_related_lists, drop_repeated_lines
from samestory.cleaning.captions import is_photo_caption
from samestory.cleaning.chrome import chrome_reason
from samestory.cleaning.heading import parse_byline
from samestory.cleaning.language import detect_language
from samestory.cleaning.lines import Line, join_lines, split_lines
from samestory.cleaning.normalise import normalise_text
from samestory.cleaning.page_head import read_head
from samestory.model import Article

__all__ = ["clean", "normalise_text", "detect_language"]

MAX_REMOVED_RECORDS = 100  # ``extra["removed"]`` stays small even for a page of junk
MAX_RECORDED_CHARS = 200


def clean(article: Article) -> Article:
    """A cleaned copy of ``article``: chrome lines out of ``text``; ``title``, ``byline``, ``dateline`` and
    ``lang`` filled where the input left them empty; what was taken out listed in ``extra["removed"]``."""
    lines = split_lines(normalise_text(article.text))
    byline = _mark_line_chrome(lines)
    drop_menus(lines)
    drop_related_lists(lines)
    drop_repeated_lines(lines)
    title = normalise_text(article.title).strip() if article.title else None
    head = read_head(lines, title)
    drop_link_strips(lines, head.indices)
    text = join_lines(lines)
    removed = [_record(line.text, line.reason) for line in lines if line.text and line.reason]
    removed += [_record(prefix, "dateline") for prefix in head.stripped]
    return replace(
        article,
        text=text,
        title=title or head.title,
        byline=article.byline or byline,
        dateline=article.dateline or head.dateline,
        lang=article.lang or detect_language(text),
        extra={**article.extra, "removed": removed[:MAX_REMOVED_RECORDS]},
    )


def _mark_line_chrome(lines: list[Line]) -> str | None:
    """Apply the rules that need only the line itself; return the first byline's names."""
    byline = None
    for line in lines:
        if not line.text:
            continue
        if (names := parse_byline(line.text)) is not None:
            byline = byline or names
            line.reason = "byline"
        elif is_photo_caption(line.text):
            line.reason = "caption"
        else:
            line.reason = chrome_reason(line.text)
    return byline


def _record(line: str, reason: str) -> dict[str, str]:
    if len(line) > MAX_RECORDED_CHARS:
        line = line[: MAX_RECORDED_CHARS - 1] + "…"
    return {"line": line, "reason": reason}
