"""Reading under the size limits of ``samestory.settings.Limits``; messages say how to raise them."""

from __future__ import annotations

from typing import BinaryIO

from samestory.model import InputError

_ENV_VARS = {
    "max_file_bytes": "SAMESTORY_MAX_FILE_BYTES",
    "max_record_bytes": "SAMESTORY_MAX_RECORD_BYTES",
    "max_text_chars": "SAMESTORY_MAX_TEXT_CHARS",
}


def over_limit(what: str, limit_name: str, limit: int) -> str:
    """Message for input past a limit: 'file is larger than max_file_bytes = 100 MiB (raise it with ...)'."""
    unit = "CHARS" if limit_name.endswith("_chars") else "BYTES"
    how = f"raise it with {_ENV_VARS[limit_name]}={unit}"
    return f"{what} is larger than {limit_name} = {_human(limit, unit)} ({how})"


def _human(size: int, unit: str) -> str:
    if unit == "BYTES" and size >= 2**20:
        return f"{size / 2**20:g} MiB"
    return f"{size:,} {unit.lower()}"


def read_limited(stream: BinaryIO, limit: int, limit_name: str, what: str, where: str) -> bytes:
    """Read a whole stream, refusing (InputError) rather than loading more than ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(where, over_limit(what, limit_name, limit))
    return data
