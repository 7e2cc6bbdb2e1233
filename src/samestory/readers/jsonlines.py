"""JSON Lines (one article per line, streamed) and whole JSON documents (one article or a list of them)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any, BinaryIO

from samestory.model import Article, InputError, ReadFailure
from samestory.readers.articles import Records
from samestory.readers.decoding import bom_encoding, decode_text
from samestory.readers.fields import article_from_fields
from samestory.readers.limits import over_limit, read_limited
from samestory.readers.lines import iter_lines
from samestory.readers.sources import Source
from samestory.settings import Limits


def read_jsonl(source: Source, stream: BinaryIO, head: bytes, limits: Limits) -> Records:
    """One Article per non-blank line; a bad line gives a ReadFailure 'file:LINE: ...' and reading goes on."""
    for item in _line_objects(stream, source.name, head, limits):
        if isinstance(item, ReadFailure):
            yield item
        else:
            number, line, record = item
            yield _article(record, f"{source.name}:{number}", line, f"{source.stem}-{number}", limits)


def json_objects(
    path: str | os.PathLike[str], limits: Limits | None = None
) -> Iterator[tuple[str, dict[str, Any]] | ReadFailure]:
    """The objects of a JSON Lines file that does not hold articles (pair files, gold labels, assignments), each
    as ('file:LINE', object); a line that is not one (invalid JSON, another JSON value, over
    ``max_record_bytes``) gives a ReadFailure naming it, and reading goes on."""
    name = os.fspath(path)
    try:
        with open(path, "rb") as stream:
            head = stream.read(4)
            stream.seek(0)
            for item in _line_objects(stream, name, head, limits or Limits.from_env()):
                yield item if isinstance(item, ReadFailure) else (f"{name}:{item[0]}", item[2])
    except OSError as exc:
        yield ReadFailure(name, f"cannot read file ({exc.strerror or exc})")


def _line_objects(
    stream: BinaryIO, name: str, head: bytes, limits: Limits
) -> Iterator[tuple[int, str, dict[str, Any]] | ReadFailure]:
    """(line number, line, object) of each non-blank line that holds a JSON object; a ReadFailure 'name:LINE'
    for one that does not (over ``max_record_bytes``, invalid JSON, another JSON value)."""
    for number, line in iter_lines(stream, limits.max_record_bytes, bom_encoding(head)):
        where = f"{name}:{number}"
        if line is None:
            yield ReadFailure(where, over_limit("line", "max_record_bytes", limits.max_record_bytes))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield ReadFailure(where, f"invalid JSON ({_json_error(exc)})")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(where, f"expected a JSON object, got {type(record).__name__}")
            continue
        yield number, line, record


def read_json(source: Source, stream: BinaryIO, head: bytes, limits: Limits) -> Records:
    """A JSON document holding one article object or a list of them (read whole, up to max_file_bytes)."""
    try:
        text = decode_text(read_limited(stream, limits.max_file_bytes, "max_file_bytes", "file", source.name))
        document = json.loads(text)
    except InputError as exc:
        yield exc.as_failure()
        return
    except (ValueError, RecursionError) as exc:
        yield ReadFailure(source.name, f"invalid JSON ({_json_error(exc)})")
        return
    if isinstance(document, list):
        for index, record in enumerate(document, start=1):
            yield _article(
                record, f"{source.name}[{index}]", json.dumps(record), f"{source.stem}-{index}", limits
            )
    else:
        yield _article(document, source.name, text, source.stem, limits)


def _article(record: Any, where: str, raw: str, fallback_id: str, limits: Limits) -> Article | ReadFailure:
    if not isinstance(record, dict):
        return ReadFailure(where, f"expected a JSON object, got {type(record).__name__}")
    try:
        return article_from_fields(
            record,
            where=where,
            raw=raw.encode("utf-8", "surrogatepass"),
            fallback_id=fallback_id,
            limits=limits,
        )
    except InputError as exc:
        return exc.as_failure()


def _json_error(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}" if exc.lineno == 1 else f"{exc.msg} at line {exc.lineno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)
