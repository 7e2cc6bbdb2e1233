"""Plain text files: the page text, optionally after a first line ' date YYYY-MM-DD' (the seed form)."""

from __future__ import annotations

import re
from typing import BinaryIO

from samestory.model import InputError
from samestory.readers.articles import Records, make_article
from samestory.readers.decoding import decode_text, normalise_newlines
from samestory.readers.limits import read_limited
from samestory.readers.sources import Source
from samestory.settings import Limits

# The seed form's first line; whatever follows the date on that line is page text and is kept.
_DATE_LINE = re.compile(r"\A\s*date (\d{4}-\d{2}-\d{2})(?: ([^\n]*))?\n?")


def read_text(source: Source, stream: BinaryIO, head: bytes, limits: Limits) -> Records:
    """One Article per file; its id is the file stem, its date the seed line's date when there is one."""
    try:
        raw = read_limited(stream, limits.max_file_bytes, "max_file_bytes", "file", source.name)
        text = normalise_newlines(decode_text(raw))
        published = None
        match = _DATE_LINE.match(text)
        if match:
            published = match.group(1)
            text = (match.group(2) or "") + "\n" + text[match.end() :]
        yield make_article(
            where=source.name, raw=raw, text=text, limits=limits, fallback_id=source.stem, published=published
        )
    except InputError as exc:
        yield exc.as_failure()
