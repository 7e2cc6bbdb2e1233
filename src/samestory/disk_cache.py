"""Derived tables kept on disk between processes, so that a command does not rebuild them at every start.

A table is JSON in ``settings.cache_dir()``, named after what it was built from: a new source, code or package
version gets a new file, and a file that cannot be read or decoded is built again. The cache is an
optimisation only: when the folder cannot be written, the table is built and used all the same.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from samestory.settings import cache_dir

T = TypeVar("T")


def cached_table(name: str, key: str, build: Callable[[], Any], decode: Callable[[Any], T]) -> T:
    """``decode`` of the JSON table ``name`` built from ``key`` (everything the table depends on): read from
    the cache when there, else ``build()``, stored (atomically: a concurrent reader sees the old file or the
    new one) and decoded."""
    path = Path(cache_dir()) / f"{name}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}.json"
    try:
        return decode(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass  # absent, unreadable or not this table: built again below
    table = build()
    _store(path, table)
    return decode(table)


def _store(path: Path, table: Any) -> None:
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as out:
            temporary = Path(out.name)
            json.dump(table, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
