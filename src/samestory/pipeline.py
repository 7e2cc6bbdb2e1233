"""Reading and cleaning joined up: paths in, clean articles out, each failure named, the batch going on."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator

from samestory.cleaning import clean
from samestory.model import Article, ReadFailure
from samestory.readers import iter_records
from samestory.settings import Limits

Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
OnError = Callable[[ReadFailure], object]


def read(paths: Paths, *, on_error: OnError | None = None, limits: Limits | None = None) -> Iterator[Article]:
    """Clean articles from files, directories, globs or '-' (stdin), in input order.

    ``paths`` is one path or a list of them. A record that cannot be read or cleaned is skipped and handed to
    ``on_error`` (default: a ``UserWarning`` naming file and record), so one bad record never stops the rest.
    """
    report = on_error or _warn
    for item in iter_clean(paths, limits):
        if isinstance(item, ReadFailure):
            report(item)
        else:
            yield item


def iter_clean(paths: Paths, limits: Limits | None = None) -> Iterator[Article | ReadFailure]:
    """Like ``read`` but failures come in the stream, in input order, for callers that count or print them."""
    return clean_records(iter_records(_as_path_list(paths), limits))


def clean_records(records: Iterable[Article | ReadFailure]) -> Iterator[Article | ReadFailure]:
    """Clean each article of a record stream; a crash while cleaning one becomes that article's failure."""
    for record in records:
        if isinstance(record, ReadFailure):
            yield record
            continue
        try:
            yield clean(record)
        except Exception as exc:  # a cleaning bug on one hostile article must not end the batch
            where = record.origin or record.id
            yield ReadFailure(f"{where} (id {record.id})", f"cleaning failed: {type(exc).__name__}: {exc}")


def _as_path_list(paths: Paths) -> list[str | os.PathLike[str]]:
    """One path or many as a list (a bare string is one path, not a sequence of characters)."""
    if isinstance(paths, str | os.PathLike):
        return [paths]
    return list(paths)


def _warn(failure: ReadFailure) -> None:
    warnings.warn(str(failure), stacklevel=2)
