"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) served with no outside host.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, so on an intranet they are blank.
These are the same pages (FastAPI's ``get_swagger_ui_html`` / ``get_redoc_html``) over the
copies of Swagger UI and ReDoc that the ``fastapi-offline`` package ships, served from
:data:`ASSETS_URL`. The OpenAPI schema stays at the app's ``openapi_url``.

Example:
    >>> app = FastAPI(docs_url=None, redoc_url=None)  # doctest: +SKIP
    >>> install_docs(app, icon_url="/favicon.svg")  # doctest: +SKIP
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS = Path(fastapi_offline.__file__).parent / "static"
ASSETS_URL = "/docs-assets"
DOCS_URL = "/docs"
REDOC_URL = "/redoc"
REDOC_JS_URL = f"{ASSETS_URL}/redoc.offline.js"
# The one outside address ReDoc's bundle fetches by itself: the Redocly logo in its side menu,
# which no option turns off. It becomes a blank image, so the page asks no outside host.
REDOC_LOGO_URL = "https://cdn.redoc.ly/redoc/logo-mini.svg"
BLANK_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
ASSET_CACHE = {"Cache-Control": "max-age=86400"}


@cache
def redoc_script() -> str:
    """ReDoc's standalone bundle with its logo pointed at :data:`BLANK_IMAGE` (read once)."""
    bundle = (ASSETS / "redoc.standalone.js").read_text(encoding="utf-8")
    return bundle.replace(REDOC_LOGO_URL, BLANK_IMAGE)


def install_docs(app: FastAPI, *, icon_url: str) -> None:
    """Serve Swagger UI at :data:`DOCS_URL` and ReDoc at :data:`REDOC_URL` from local assets.

    Args:
        app: An app made with ``docs_url=None, redoc_url=None`` (so FastAPI's CDN pages are off).
        icon_url: The icon both pages link to.
    """
    openapi_url = app.openapi_url or "/openapi.json"
    # Swagger UI may send the schema to swagger.io's online validator; a null URL turns that off.
    swagger_parameters = {**(app.swagger_ui_parameters or {}), "validatorUrl": None}

    @app.get(DOCS_URL, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} · 接口文档（Swagger UI）",
            swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}{icon_url}",
            swagger_ui_parameters=swagger_parameters,
        )

    @app.get(REDOC_URL, include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} · 接口文档（ReDoc）",
            redoc_js_url=f"{root}{REDOC_JS_URL}",
            redoc_favicon_url=f"{root}{icon_url}",
            with_google_fonts=False,
        )

    # Registered before the mount below, which would otherwise answer for every path under it.
    @app.get(REDOC_JS_URL, include_in_schema=False)
    def redoc_js() -> Response:
        return Response(redoc_script(), media_type="text/javascript; charset=utf-8", headers=ASSET_CACHE)

    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS), name="docs-assets")
