"""WARC and WARC.gz archives (the CC-NEWS format), streamed record by record."""

from __future__ import annotations

from email.message import Message
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from samestory.model import Article, InputError, ReadFailure
from samestory.readers.articles import Records, make_article
from samestory.readers.decoding import decode_text
from samestory.readers.html import article_from_html
from samestory.readers.limits import over_limit
from samestory.readers.sources import Source
from samestory.settings import Limits

_READ_CHUNK = 1 << 20


def read_warc(source: Source, stream: BinaryIO, head: bytes, limits: Limits) -> Records:
    """One Article per HTML response (or resource) record, and per plain-text conversion record (WET).

    Other records (requests, metadata, images, redirects) are skipped without a message. Origins are
    'file@OFFSET' (the record's byte offset in the file as stored, compressed or not). A cut-off archive
    yields the records before the cut, then one ReadFailure naming the offset where reading stopped.
    """
    records = ArchiveIterator(stream)
    while True:
        try:
            record = next(records, None)
        except Exception as exc:  # warcio raises all kinds of errors (even AttributeError) on broken archives
            yield ReadFailure(f"{source.name}@{records.offset}", f"unreadable WARC data ({_first_line(exc)})")
            return
        if record is None:
            break
        offset = records.offset  # this record's start (get_record_offset() would skip its payload)
        try:
            result = _record_article(record, f"{source.name}@{offset}", f"{source.stem}-{offset}", limits)
        except _Truncated:
            message = "WARC record is cut off or corrupt (truncated file?)"
            yield ReadFailure(f"{source.name}@{offset}", message)
            return
        if result is not None:
            yield result
    if _has_unread_bytes(records, stream):
        message = "WARC ends in an incomplete record (truncated file?)"
        yield ReadFailure(f"{source.name}@{records.offset}", message)


class _Truncated(Exception):
    """A record's block is shorter than its Content-Length says, or its payload cannot be decoded."""


def _record_article(
    record: Any, where: str, fallback_id: str, limits: Limits
) -> Article | ReadFailure | None:
    kind = record.rec_type
    if kind not in ("response", "resource", "conversion"):
        return None
    if kind == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
    content_type = _content_type(record)
    is_text = kind == "conversion" and content_type.startswith("text/plain")
    if "html" not in content_type and not is_text:
        return None
    payload = _payload(record, limits.max_record_bytes + 1)
    if len(payload) > limits.max_record_bytes:
        return ReadFailure(where, over_limit("record", "max_record_bytes", limits.max_record_bytes))
    url = record.rec_headers.get_header("WARC-Target-URI")
    crawled = record.rec_headers.get_header("WARC-Date")
    try:
        if is_text:
            text = decode_text(payload, _charset(content_type))
            return make_article(
                where=where,
                raw=payload,
                text=text,
                limits=limits,
                fallback_id=fallback_id,
                url=url,
                published=crawled,
                extra={"crawled": crawled},
            )
        return article_from_html(
            payload,
            where=where,
            fallback_id=fallback_id,
            limits=limits,
            url=url,
            charset=_charset(content_type),
            defaults={"published": crawled, "extra": {"crawled": crawled}},
        )
    except InputError as exc:
        return exc.as_failure()


def _payload(record: Any, size: int) -> bytes:
    """Up to ``size`` bytes of the record's payload; _Truncated when the archive ends inside it."""
    try:
        payload = record.content_stream().read(size)
    except Exception as exc:  # chunked or compressed HTTP bodies fail in many ways when cut or corrupt
        raise _Truncated from exc
    if getattr(record.raw_stream, "limit", 0) > 0 and len(payload) < size:
        raise _Truncated
    return payload


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    return (headers.get_header("Content-Type") or "text/html").lower()


def _charset(content_type: str) -> str | None:
    message = Message()
    message["Content-Type"] = content_type
    charset = message.get_param("charset")
    return charset if isinstance(charset, str) else None


def _has_unread_bytes(records: ArchiveIterator, stream: BinaryIO) -> bool:
    """True when bytes remain after the last whole record: the archive was cut inside a record."""
    consumed = records.fh.tell()
    while chunk := stream.read(_READ_CHUNK):
        consumed += len(chunk)
    return consumed > records.offset


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
