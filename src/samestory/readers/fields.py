"""Records with named fields (JSON Lines, JSON, CSV) mapped onto ``Article``; unknown fields go to extra."""

from __future__ import annotations

from typing import Any

from samestory.model import Article, InputError
from samestory.readers.articles import make_article
from samestory.settings import Limits

# Article field <- the names inputs use for it, the preferred name first.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "guid"),
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "sitename", "site", "publisher"),
    "published": ("published", "date", "pubdate", "published_at", "date_published", "datetime"),
    "lang": ("lang", "language"),
    "byline": ("byline", "author", "authors"),
}
_SCALAR = (str, int, float)


def article_from_fields(
    record: dict[str, Any], *, where: str, raw: bytes, fallback_id: str, limits: Limits
) -> Article:
    """Map one record to an Article; InputError for a field of the wrong kind or a record without text."""
    values: dict[str, Any] = {}
    used: set[str] = set()
    lowered = {str(key).strip().lower(): key for key in record}
    for field, names in ALIASES.items():
        for name in names:
            key = lowered.get(name)
            if key is not None and record[key] not in (None, "", []):
                values[field] = _field_value(field, key, record[key], where)
                used.add(key)
                break
    extra = {str(key): value for key, value in record.items() if key not in used}
    return make_article(where=where, raw=raw, limits=limits, fallback_id=fallback_id, extra=extra, **values)


def _field_value(field: str, key: str, value: Any, where: str) -> Any:
    if field == "byline" and isinstance(value, list) and all(isinstance(name, str) for name in value):
        return ", ".join(value)
    if field == "text" and not isinstance(value, str):
        raise InputError(where, f"field {key!r} must be a string, got {type(value).__name__}")
    if isinstance(value, bool) or not isinstance(value, _SCALAR):
        raise InputError(where, f"field {key!r} must be a string, got {type(value).__name__}")
    return value if field in ("id", "published") else str(value)
