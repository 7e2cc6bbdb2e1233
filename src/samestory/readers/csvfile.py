"""CSV and TSV files with a header row naming the fields (same names as JSON Lines); streamed row by row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from samestory.model import Article, InputError, ReadFailure
from samestory.readers.articles import Records
from samestory.readers.decoding import bom_encoding
from samestory.readers.fields import article_from_fields
from samestory.readers.limits import over_limit
from samestory.readers.lines import iter_lines
from samestory.readers.sniff import csv_delimiter, structural_text
from samestory.readers.sources import Source
from samestory.settings import Limits


def read_csv(source: Source, stream: BinaryIO, head: bytes, limits: Limits) -> Records:
    """One Article per row after the header; origins name the line where the row starts."""
    # csv keeps one process-wide field limit; the record limit is the right bound for a field as well.
    csv.field_size_limit(limits.max_record_bytes)
    too_long: list[int] = []
    lines = _text_lines(iter_lines(stream, limits.max_record_bytes, bom_encoding(head)), too_long)
    rows = csv.reader(lines, delimiter=_delimiter(source, head))
    header: list[str] | None = None
    row_start = 1
    while True:
        start, where = row_start, f"{source.name}:{row_start}"
        problem = None
        try:
            row = next(rows, None)
        except csv.Error as exc:
            row, problem = [], f"invalid CSV ({_csv_error(exc, limits)})"
        for number in too_long:
            yield ReadFailure(
                f"{source.name}:{number}", over_limit("line", "max_record_bytes", limits.max_record_bytes)
            )
        too_long.clear()
        if row is None:
            return
        row_start = rows.line_num + 1
        if problem:
            yield ReadFailure(where, problem)
        elif not any(cell.strip() for cell in row):
            continue
        elif header is None:
            header = [name.strip().lstrip("\ufeff") for name in row]
        elif len(row) != len(header):
            yield ReadFailure(where, f"row has {len(row)} fields, the header names {len(header)}")
        else:
            yield _article(dict(zip(header, row, strict=True)), where, f"{source.stem}-{start}", limits)


def _article(record: dict[str, str], where: str, fallback_id: str, limits: Limits) -> Article | ReadFailure:
    raw = "\x1f".join(record.values()).encode("utf-8", "surrogatepass")  # the row's cells, unit-separated
    try:
        return article_from_fields(record, where=where, raw=raw, fallback_id=fallback_id, limits=limits)
    except InputError as exc:
        return exc.as_failure()


def _text_lines(lines: Iterator[tuple[int, str | None]], too_long: list[int]) -> Iterator[str]:
    """Feed csv line by line; an over-long line is noted in ``too_long`` and replaced by an empty line."""
    for number, line in lines:
        if line is None:
            too_long.append(number)
            yield "\n"
        else:
            yield line + "\n"


def _delimiter(source: Source, head: bytes) -> str:
    if source.name.lower().removesuffix(".gz").endswith(".tsv"):
        return "\t"
    return csv_delimiter(structural_text(head).lstrip("\ufeff")) or ","


def _csv_error(exc: csv.Error, limits: Limits) -> str:
    if "field larger than field limit" in str(exc):
        return over_limit("field", "max_record_bytes", limits.max_record_bytes)
    return str(exc)
