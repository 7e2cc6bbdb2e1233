"""Line-by-line reading for the line formats: memory stays flat however large the file is."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from samestory.readers.decoding import LineDecoder

_SKIP_CHUNK = 1 << 20


def iter_lines(stream: BinaryIO, limit: int, encoding: str | None = None) -> Iterator[tuple[int, str | None]]:
    """Yield (line number from 1, text without its line end); text is None for a line over ``limit`` bytes.

    Over-long lines are skipped in 1 MiB chunks, never held whole. ``encoding`` is only given for files whose
    BOM announced UTF-16/32; others are decoded line by line (UTF-8, with a guess for lines that are not).
    """
    if encoding and encoding != "utf-8-sig":
        yield from _iter_wide_lines(stream, limit, encoding)
        return
    decode_line = LineDecoder()
    number = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, None
            continue
        text = decode_line(raw).rstrip("\r\n")
        yield number, text.lstrip("\ufeff") if number == 1 else text


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _iter_wide_lines(stream: BinaryIO, limit: int, encoding: str) -> Iterator[tuple[int, str | None]]:
    text_stream = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    try:
        number = 0
        while True:
            line = text_stream.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith("\n"):
                while (chunk := text_stream.readline(_SKIP_CHUNK)) and not chunk.endswith("\n"):
                    pass
                yield number, None
                continue
            yield number, line.rstrip("\r\n")
    finally:
        text_stream.detach()  # the caller owns and closes the byte stream
