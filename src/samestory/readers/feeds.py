"""RSS and Atom feeds: one Article per item, or the item's page when it links to a local HTML file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit

import feedparser

from samestory.model import Article, InputError, ReadFailure
from samestory.readers.articles import Records, make_article
from samestory.readers.html import article_from_html
from samestory.readers.htmltext import html_to_text
from samestory.readers.limits import over_limit, read_limited
from samestory.readers.sniff import HEAD_BYTES, Format, sniff
from samestory.readers.sources import Source
from samestory.settings import Limits


def read_feed(source: Source, stream: BinaryIO, head: bytes, limits: Limits) -> Records:
    """Items in feed order; origins are 'feed.xml#N' (N counts items from 1)."""
    try:
        raw = read_limited(stream, limits.max_file_bytes, "max_file_bytes", "file", source.name)
    except InputError as exc:
        yield exc.as_failure()
        return
    # A stream, never bytes or str: feedparser treats those as a file name or URL when they look like one.
    parsed = feedparser.parse(io.BytesIO(raw), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        problem = (
            f"not a readable feed ({parsed.get('bozo_exception')})" if parsed.bozo else "feed has no items"
        )
        yield ReadFailure(source.name, problem)
        return
    channel = {"source": _text_of(parsed.feed, "title"), "lang": parsed.feed.get("language")}
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source.name}#{number}"
        try:
            yield _item_article(entry, channel, source, where, f"{source.stem}-{number}", limits)
        except InputError as exc:
            yield exc.as_failure()


def _item_article(
    entry: Any, channel: dict[str, Any], source: Source, where: str, fallback_id: str, limits: Limits
) -> Article:
    link = entry.get("link")
    fields = {
        **channel,
        "id": entry.get("id"),
        "url": link,
        "title": _text_of(entry, "title"),
        "published": entry.get("published") or entry.get("updated"),
        "byline": entry.get("author"),
    }
    page = _local_page(source, link)
    if page is not None:
        with page.open("rb") as stream:
            raw = read_limited(stream, limits.max_file_bytes, "max_file_bytes", "linked page", where)
        if sniff(raw[:HEAD_BYTES], page.name) is Format.HTML:
            fields["extra"] = {"page": str(page)}
            return article_from_html(
                raw, where=where, fallback_id=fallback_id, limits=limits, defaults=fields
            )
    body = entry.get("content", [None])[0] or entry.get("summary_detail")
    if body is None:
        raise InputError(where, "empty article (item has no content or summary)")
    value = body.get("value") or ""
    if len(value) > limits.max_record_bytes:
        raise InputError(where, over_limit("item", "max_record_bytes", limits.max_record_bytes))
    text = html_to_text(value) if "html" in (body.get("type") or "") else value
    return make_article(
        where=where,
        raw=value.encode("utf-8", "surrogatepass"),
        text=text,
        limits=limits,
        fallback_id=fallback_id,
        **fields,
    )


def _text_of(element: Any, key: str) -> str | None:
    """A title as text: feeds may mark it up as HTML ('<b>Storm</b>'); text titles keep '<' as it is."""
    value = element.get(key)
    detail = element.get(f"{key}_detail") or {}
    if value and "html" in (detail.get("type") or ""):
        return html_to_text(value)
    return value


def _local_page(source: Source, link: str | None) -> Path | None:
    """The file an item links to when it is next to the feed (a relative path or file:// URL), else None.

    Links that leave the feed's folder are ignored so a feed cannot make us read arbitrary local files.
    """
    if not link or source.path is None:
        return None
    parts = urlsplit(link)
    if parts.scheme == "file":
        # feedparser turns file:///a/b into file://a/b; both name the absolute path /a/b
        host = "" if parts.netloc in ("", "localhost") else "/" + parts.netloc
        target = Path(host + unquote(parts.path))
    elif not parts.scheme and not parts.netloc:
        target = Path(unquote(parts.path))
    else:
        return None
    folder = source.path.parent.resolve()
    try:
        page = (folder / target).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return page if page.is_relative_to(folder) and page.is_file() else None
