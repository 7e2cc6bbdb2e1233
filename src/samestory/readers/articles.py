"""The one place where readers turn what they found into an ``Article``: ids, dates, text limits."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any

from samestory.model import Article, InputError, ReadFailure, content_hash
from samestory.readers.dates import normalise_date
from samestory.readers.decoding import normalise_newlines
from samestory.readers.limits import over_limit
from samestory.settings import Limits

Records = Iterator[Article | ReadFailure]
_SURROGATE = re.compile("[\ud800-\udfff]")


def url_id(url: str) -> str:
    """A stable id for an article known only by its URL: 'u' + 16 hex digits of the URL's SHA-256."""
    return "u" + hashlib.sha256(url.strip().encode("utf-8", "surrogatepass")).hexdigest()[:16]


def make_article(
    *,
    where: str,
    raw: bytes,
    limits: Limits,
    fallback_id: str,
    text: object = None,
    id: object = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    published: object = None,
    lang: str | None = None,
    byline: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Article:
    """Build an Article or raise InputError ('empty article').

    The id is the input's own id, else a hash of the URL, else ``fallback_id`` (file stem, plus the record
    number in multi-record files), so re-reading the same input gives the same ids. ``raw`` is the record as
    read (line, page, payload) and gives ``content_hash``. Text past ``max_text_chars`` is cut, with a note
    in ``extra['truncated']``.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "empty article (no text)")
    extra = dict(extra or {})
    text = _valid_unicode(normalise_newlines(text)).strip()
    if len(text) > limits.max_text_chars:
        what = f"text ({len(text):,} characters)"
        extra["truncated"] = over_limit(what, "max_text_chars", limits.max_text_chars)
        text = text[: limits.max_text_chars]
    date = normalise_date(published)
    if published is not None and date is None and str(published).strip():
        extra["unparsed_date"] = str(published)
    url = _clean(url)
    given_id = _clean(id if id is None or isinstance(id, str) else str(id))
    return Article(
        id=given_id or (url_id(url) if url else fallback_id),
        text=text,
        title=_clean(title),
        url=url,
        source=_clean(source),
        published=date,
        lang=_clean(lang),
        byline=_clean(byline),
        content_hash=content_hash(raw),
        origin=where,
        extra=extra,
    )


def _clean(value: str | None) -> str | None:
    """Strip a short field; an empty one is None. Newlines in titles and names become spaces."""
    if value is None:
        return None
    value = " ".join(_valid_unicode(str(value)).split())
    return value or None


def _valid_unicode(text: str) -> str:
    """Lone surrogates (JSON allows '\\ud800') become U+FFFD so every later stage can encode the text."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text
