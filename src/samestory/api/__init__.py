"""The HTTP face: a FastAPI app with the JSON API under /api/v1 and the web pages (``samestory serve``)."""

from samestory.api.app import create_app
from samestory.api.config import ApiSettings

__all__ = ["ApiSettings", "create_app"]
