"""Token checks: writes always need ``SAMESTORY_API_TOKEN``; reads only when ``protect_reads`` is set.

The token comes as ``Authorization: Bearer <token>``; for reads also in the ``samestory_token`` cookie that
the sign-in page sets (browsers cannot add headers to links)."""

from __future__ import annotations

import hmac

from fastapi import Request
from starlette.exceptions import HTTPException

from samestory.api.config import ApiSettings

TOKEN_COOKIE = "samestory_token"


def token_matches(settings: ApiSettings, presented: str | None) -> bool:
    if not settings.api_token or not presented:
        return False
    return hmac.compare_digest(presented.encode(), settings.api_token.encode())


def _bearer_token(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value else None


def require_write(request: Request) -> None:
    settings: ApiSettings = request.app.state.settings
    if not settings.api_token:
        raise HTTPException(403, "writes are disabled: start the server with SAMESTORY_API_TOKEN set")
    # Header only: a cookie would let another site's form post articles here in the user's name.
    if not token_matches(settings, _bearer_token(request)):
        raise HTTPException(
            401,
            "a valid token is needed: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_read(request: Request) -> None:
    settings: ApiSettings = request.app.state.settings
    presented = _bearer_token(request) or request.cookies.get(TOKEN_COOKIE)
    if settings.protect_reads and not token_matches(settings, presented):
        raise HTTPException(
            401,
            "reads are protected: send 'Authorization: Bearer <token>' or sign in",
            headers={"WWW-Authenticate": "Bearer"},
        )
