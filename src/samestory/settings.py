"""Settings read from the environment, with defaults for the embedded setup (SQLite file, bundled model)."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {value!r}") from exc


@dataclass(frozen=True)
class Limits:
    """Size limits that keep hostile or broken inputs from exhausting memory."""

    max_file_bytes: int = 100 * 1024 * 1024  # a whole-file format (HTML, plain text) larger than this is refused
    max_record_bytes: int = 10 * 1024 * 1024  # one JSON line, CSV row, WARC record or feed item
    max_text_chars: int = 1_000_000  # article text past this is cut, with a note in Article.extra

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            max_file_bytes=_int_env("SAMESTORY_MAX_FILE_BYTES", cls.max_file_bytes),
            max_record_bytes=_int_env("SAMESTORY_MAX_RECORD_BYTES", cls.max_record_bytes),
            max_text_chars=_int_env("SAMESTORY_MAX_TEXT_CHARS", cls.max_text_chars),
        )


def default_db_path() -> str:
    """``SAMESTORY_DB`` or ``./samestory.db``."""
    return os.environ.get("SAMESTORY_DB") or "samestory.db"


def cache_dir() -> str:
    """Where derived tables are kept between runs (``disk_cache``): ``SAMESTORY_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/samestory``, else ``~/.cache/samestory``."""
    if folder := os.environ.get("SAMESTORY_CACHE_DIR"):
        return folder
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "samestory")
