"""Settings of the HTTP face, read from the environment (``SAMESTORY_API_*``)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from samestory.settings import _int_env


@dataclass(frozen=True)
class ApiSettings:
    """``api_token`` guards the write endpoints (no token: writes are refused); with ``protect_reads`` the
    reads and pages need it too. The byte limits bound what one request may send."""

    api_token: str | None = None
    protect_reads: bool = False
    max_body_bytes: int = 2 * 1024 * 1024  # JSON bodies: a batch of articles, a compare request
    max_upload_bytes: int = 20 * 1024 * 1024  # file uploads (a feed, a WARC, a JSON Lines batch)
    page_size: int = 20
    max_page_size: int = 100
    poll_seconds: int = 5  # how often the story list page asks for news

    @classmethod
    def from_env(cls) -> ApiSettings:
        return cls(
            api_token=os.environ.get("SAMESTORY_API_TOKEN") or None,
            protect_reads=os.environ.get("SAMESTORY_PROTECT_READS", "").lower() in {"1", "true", "yes"},
            max_body_bytes=_int_env("SAMESTORY_API_MAX_BODY_BYTES", cls.max_body_bytes),
            max_upload_bytes=_int_env("SAMESTORY_API_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
        )
