"""HTML pages: trafilatura finds the article text and metadata (title, date, author, site, canonical URL)."""

from __future__ import annotations

import logging
import re
from typing import Any, BinaryIO

import trafilatura

from samestory.model import Article, InputError
from samestory.readers.articles import Records, make_article
from samestory.readers.decoding import declared_charset, decode_text
from samestory.readers.limits import read_limited
from samestory.readers.sources import Source
from samestory.settings import Limits

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.I)
# Ask htmldate for the time and offset as well as the day; a time of 00:00:00 without offset means day only.
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}

# Fewer words than this is a menu or a stub that trafilatura's recall fallback picked up, not an article.
MIN_ARTICLE_WORDS = 6

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs an error for every page without text


def read_html(source: Source, stream: BinaryIO, head: bytes, limits: Limits) -> Records:
    """One Article per page; id from the canonical URL when the page names one, else the file stem."""
    try:
        raw = read_limited(stream, limits.max_file_bytes, "max_file_bytes", "file", source.name)
        yield article_from_html(raw, where=source.name, fallback_id=source.stem, limits=limits)
    except InputError as exc:
        yield exc.as_failure()


def article_from_html(
    raw: bytes,
    *,
    where: str,
    fallback_id: str,
    limits: Limits,
    url: str | None = None,
    charset: str | None = None,
    defaults: dict[str, Any] | None = None,
) -> Article:
    """Extract the article of one page. ``url`` is where it was fetched (WARC), ``charset`` what HTTP said;
    ``defaults`` (title, published, id, ...) fill what the page itself does not state.
    Raises InputError 'no article text found' for pages without a main text.
    """
    page = decode_text(raw, charset or declared_charset(raw))
    try:
        document = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds of errors on broken markup
        raise InputError(where, f"could not parse HTML ({type(exc).__name__}: {exc})") from exc
    if document is None or len((document.text or "").split()) < MIN_ARTICLE_WORDS:
        raise InputError(where, "no article text found")
    found = {
        "title": document.title,
        "published": document.date,
        "byline": document.author,
        "source": document.sitename or document.hostname,
        "lang": _page_language(page),
        "url": url or document.url,
    }
    fields = dict(defaults or {})
    fields.update({name: value for name, value in found.items() if value})
    extra = fields.pop("extra", {})
    if url and document.url and document.url != url:
        extra["canonical_url"] = document.url
    return make_article(
        where=where,
        raw=raw,
        text=document.text,
        limits=limits,
        fallback_id=fallback_id,
        extra=extra,
        **fields,
    )


def _page_language(page: str) -> str | None:
    match = _HTML_LANG.search(page[:8192])
    return match.group(1).replace("_", "-") if match else None
