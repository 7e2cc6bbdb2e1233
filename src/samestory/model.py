"""Plain records shared by every stage: readers produce them, later stages enrich and persist them."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def content_hash(data: bytes | str) -> str:
    """SHA-256 hex digest of raw content; the identity used to spot exact duplicates."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


@dataclass
class Article:
    """One news report.

    Readers fill what the input states; cleaning fills ``title``/``byline``/``dateline``/``lang`` where the
    input left them empty and leaves only the story's own sentences in ``text``.
    ``published`` is ISO 8601: ``YYYY-MM-DD`` when only the day is known, a full timestamp with offset otherwise.
    ``origin`` names where the article came from (``file`` or ``file:line`` or ``file@offset``) for messages.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    lang: str | None = None
    byline: str | None = None
    dateline: str | None = None
    content_hash: str = ""
    origin: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)

    @property
    def date(self) -> str | None:
        """The publication day (``YYYY-MM-DD``) or None."""
        return self.published[:10] if self.published else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; ``date`` is included because evaluation scripts read it."""
        record = asdict(self)
        record["date"] = self.date
        return record


@dataclass(frozen=True)
class ReadFailure:
    """A record that could not be read. ``where`` names the file and the record (line, offset)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class SamestoryError(Exception):
    """Base class of the errors samestory raises on purpose."""


class InputError(SamestoryError):
    """Input that cannot be turned into an article; the message names the file and the record."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message

    def as_failure(self) -> ReadFailure:
        return ReadFailure(self.where, self.message)
