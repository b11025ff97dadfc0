"""Run the API with uvicorn: ``serve(settings)`` (wired to ``policy-assistant serve``)."""

from __future__ import annotations

from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from assistant.settings import Settings
from ui.api.app import create_app


def serve(
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    *,
    mount_ui: Callable[[FastAPI], None] | None = None,
    log_level: str = "info",
) -> None:
    """Build the app and serve it until interrupted.

    Args:
        settings: The settings; ``settings.host``/``settings.port`` unless overridden.
        host: Interface to bind (default ``settings.host``, 127.0.0.1).
        port: Port to bind (default ``settings.port``).
        mount_ui: Mounts the web page on the app (see :func:`ui.api.app.create_app`).
        log_level: Uvicorn's log level.
    """
    app = create_app(settings, mount_ui=mount_ui)
    uvicorn.run(
        app,
        host=host or settings.host,
        port=port or settings.port,
        log_level=log_level,
        timeout_graceful_shutdown=5,
    )
