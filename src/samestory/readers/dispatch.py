"""Pick each input's reader from its sniffed format, unwrap gzip, turn every problem into a ReadFailure."""

from __future__ import annotations

import gzip
import importlib
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from samestory.model import Article, ReadFailure
from samestory.readers.articles import Records
from samestory.readers.sniff import HEAD_BYTES, Format, sniff
from samestory.readers.sources import Source, replay_head
from samestory.settings import Limits

Reader = Callable[[Source, BinaryIO, bytes, Limits], Iterator[Article | ReadFailure]]

# Each format's reader as (module, function), imported when a file of that format comes: the HTML, feed and
# WARC readers pull in trafilatura, feedparser, lxml and warcio (0.3 s), which JSON Lines input never needs.
READERS: dict[Format, tuple[str, str]] = {
    Format.WARC: ("samestory.readers.warc", "read_warc"),
    Format.JSONL: ("samestory.readers.jsonlines", "read_jsonl"),
    Format.JSON: ("samestory.readers.jsonlines", "read_json"),
    Format.CSV: ("samestory.readers.csvfile", "read_csv"),
    Format.HTML: ("samestory.readers.html", "read_html"),
    Format.FEED: ("samestory.readers.feeds", "read_feed"),
    Format.TEXT: ("samestory.readers.plaintext", "read_text"),
}


def _reader(found: Format) -> Reader:
    module, name = READERS[found]
    return getattr(importlib.import_module(module), name)


def read_source(source: Source, limits: Limits) -> Records:
    """Every record of one file (or stdin); problems become ReadFailures and never stop the batch."""
    try:
        with source.open() as stream:
            yield from read_stream(stream, source, limits)
    except OSError as exc:
        yield ReadFailure(source.name, f"cannot read file ({exc.strerror or exc})")


def read_stream(stream: BinaryIO, source: Source, limits: Limits) -> Records:
    """Every record of an open binary stream, named by ``source`` in origins and messages."""
    try:
        head, stream = replay_head(stream, HEAD_BYTES)
        found = sniff(head, source.name)
        compressed = found is Format.GZIP
        if compressed:
            found, head, stream = _gunzipped(head, stream, source)
        if found is Format.EMPTY:
            # A gzip header over nothing that decompresses is a cut or corrupt file more often than an empty one.
            message = "gzip with nothing to decompress (empty, truncated or corrupt)" if compressed else "empty file"
            yield ReadFailure(source.name, message)
        elif found is Format.BINARY:
            yield ReadFailure(source.name, "binary file (not text, HTML, JSON, CSV, a feed or a WARC)")
        else:
            yield from _reader(found)(source, stream, head, limits)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield ReadFailure(source.name, f"truncated or corrupt gzip data ({exc})")
    except Exception as exc:  # a reader bug must not end the batch; the fuzz tests keep this branch unused
        yield ReadFailure(source.name, f"internal error while reading ({type(exc).__name__}: {exc})")


def _gunzipped(head: bytes, stream: BinaryIO, source: Source) -> tuple[Format, bytes, BinaryIO]:
    """WARC.gz stays compressed (warcio reads it record by record); other formats are read through gzip."""
    # A decompressor (not GzipFile) so a file cut inside its first 64 KiB still shows its format.
    inner_head = zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
    inner_format = sniff(inner_head, source.name)
    if inner_format is Format.WARC:
        return Format.WARC, head, stream
    if inner_format is Format.GZIP:
        return Format.BINARY, inner_head, stream  # gzip inside gzip is not something we read
    return inner_format, inner_head, gzip.GzipFile(fileobj=stream, mode="rb")
