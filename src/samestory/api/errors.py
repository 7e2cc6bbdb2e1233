"""Errors as JSON with a clear message under ``/api``; as a small HTML page elsewhere."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from samestory.model import SamestoryError

log = logging.getLogger(__name__)


def error_body(status: int, message: str, details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _render(request: Request, status: int, message: str, details: Any = None) -> Response:
    if _wants_json(request) or not hasattr(request.app.state, "templates"):
        return JSONResponse(error_body(status, message, details), status_code=status)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    # The raw errors can hold the rejected input itself (bytes, huge strings): keep where and why only.
    return [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
        for e in exc.errors()
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        response = _render(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _render(request, 422, "the request is not valid", _validation_details(exc))

    @app.exception_handler(SamestoryError)
    async def input_error(request: Request, exc: SamestoryError) -> Response:
        return _render(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _render(request, 500, "internal error; the server log has the details")
