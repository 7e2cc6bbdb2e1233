"""Request body size limits, enforced before the body reaches a handler (declared and streamed sizes)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from samestory.api.errors import error_body


class BodySizeLimit:
    """Answers 413 when a body is larger than allowed: multipart uploads get ``upload_limit``, anything else
    ``body_limit``. The declared Content-Length is checked first; a chunked body is counted as it streams."""

    def __init__(self, app: ASGIApp, body_limit: int, upload_limit: int) -> None:
        self.app = app
        self.body_limit = body_limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        is_upload = headers.get(b"content-type", b"").startswith(b"multipart/form-data")
        limit = self.upload_limit if is_upload else self.body_limit
        message = f"request body is larger than the limit of {limit} bytes"
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await JSONResponse(error_body(413, message), status_code=413)(scope, receive, send)
            return

        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            event = await receive()
            if event["type"] == "http.request":
                received += len(event.get("body", b""))
                if received > limit:
                    raise HTTPException(413, message)  # handlers re-raise HTTPException; errors.py renders it
            return event

        await self.app(scope, counting_receive, send)
