"""The product's icon, served by our own server so no page asks an outside host for it.

The API docs (``/docs``, ``/redoc``) and the Gradio page both link to :data:`ICON_URL`;
:func:`add_icon_routes` serves it, and is safe to call from both, whichever runs first.

Example:
    >>> app = FastAPI()  # doctest: +SKIP
    >>> add_icon_routes(app)  # doctest: +SKIP
    >>> # GET /favicon.svg and GET /favicon.ico now return ui/static/favicon.svg
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from starlette.routing import Route

ICON_PATH = Path(__file__).with_name("static") / "favicon.svg"
ICON_URL = "/favicon.svg"
# Browsers ask the origin's /favicon.ico for pages that name no icon (a JSON response, a 404 page).
DEFAULT_ICON_URL = "/favicon.ico"
ICON_MEDIA_TYPE = "image/svg+xml"


def icon_link() -> str:
    """The ``<link>`` tag naming the icon, for a page's ``<head>``."""
    return f'<link rel="icon" type="{ICON_MEDIA_TYPE}" href="{ICON_URL}">'


def add_icon_routes(app: FastAPI) -> None:
    """Serve the icon at :data:`ICON_URL` and :data:`DEFAULT_ICON_URL`, unless ``app`` already does."""
    taken = {route.path for route in app.router.routes if isinstance(route, Route)}

    def icon() -> FileResponse:
        # A day's caching: the icon changes with a release, not between requests.
        return FileResponse(ICON_PATH, media_type=ICON_MEDIA_TYPE, headers={"Cache-Control": "max-age=86400"})

    for url in (ICON_URL, DEFAULT_ICON_URL):
        if url not in taken:
            app.add_api_route(url, icon, methods=["GET"], include_in_schema=False)
