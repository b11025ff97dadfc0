"""The HTTP API of 政策通: FastAPI app factory, routes, and the uvicorn runner."""

from ui.api.app import create_app

__all__ = ["create_app"]
