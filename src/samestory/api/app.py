"""``create_app``: the FastAPI application serving the JSON API and the web pages."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import samestory
from samestory.api.config import ApiSettings
from samestory.api.errors import install_error_handlers
from samestory.api.limits import BodySizeLimit
from samestory.api.routes import router as api_router
from samestory.api.service import StoryService

# No inline script or style anywhere: every asset is a file under /static, so the policy can stay strict.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the security headers to every response, error pages and static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


def create_app(
    engine: Any = None, settings: ApiSettings | None = None, db_path: str | None = None
) -> FastAPI:
    """The app over ``engine`` (or over one on ``db_path`` that groups what it ingests into stories), with
    settings from the environment unless given. Interactive docs are off (they load scripts from a CDN); the
    schema is at /openapi.json."""
    from samestory.web.pages import install_pages

    if engine is None:
        from samestory.engine import Engine
        from samestory.settings import default_db_path
        from samestory.stories.step import StoryStep

        engine = Engine(db_path or default_db_path(), steps=[StoryStep()])
    settings = settings or ApiSettings.from_env()

    app = FastAPI(
        title="samestory",
        version=samestory.__version__,
        description="Which news reports tell the same story; what their sources agree on, add and dispute.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.service = StoryService(engine)
    app.include_router(api_router)
    install_pages(app)
    install_error_handlers(app)
    app.add_middleware(
        BodySizeLimit, body_limit=settings.max_body_bytes, upload_limit=settings.max_upload_bytes
    )
    app.add_middleware(SecurityHeaders)
    return app
