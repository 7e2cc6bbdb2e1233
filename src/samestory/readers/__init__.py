"""Readers: every input format becomes the same ``Article``, or a ``ReadFailure`` naming file and record.

Formats are sniffed from content (plain text and the seed form, JSON Lines, JSON, CSV/TSV, HTML, RSS/Atom,
WARC), each also gzip-compressed. Readers decode text but never clean it; see docs/reading.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from samestory.model import ReadFailure
from samestory.readers.articles import Records
from samestory.readers.dispatch import read_source
from samestory.readers.dispatch import read_stream as _read_stream
from samestory.readers.sources import Source, expand_paths
from samestory.settings import Limits


def iter_records(paths: Iterable[str | Path], limits: Limits | None = None) -> Records:
    """Articles and failures from files, directories (recursive, sorted, no hidden files), globs, '-'."""
    limits = limits or Limits.from_env()
    if isinstance(paths, str | Path):
        paths = [paths]  # one path given bare, not a string's characters
    for item in expand_paths(paths):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield from read_source(item, limits)


def iter_stream(stream: BinaryIO, name: str, limits: Limits | None = None) -> Records:
    """Articles and failures from an open binary stream (upload, pipe); ``name`` acts as its file name."""
    yield from _read_stream(stream, Source(name, None), limits or Limits.from_env())


__all__ = ["iter_records", "iter_stream"]
