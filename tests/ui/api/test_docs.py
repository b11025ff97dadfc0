"""``/docs``, ``/redoc`` and the icon, as served (the browser side is ``tests/ui/test_offline_pages.py``)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from ui.api.docs import REDOC_LOGO_URL

# Any absolute address in an attribute or a JavaScript string of the pages.
ABSOLUTE_URL = re.compile(r"""["'](?:https?:)?//[^"']+["']""")


def test_docs_pages_name_only_our_own_assets(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        response = client.get(path)
        assert response.status_code == 200
        assert not ABSOLUTE_URL.findall(response.text), f"{path} names another host"
        for asset in re.findall(r'(?:src|href)="(/[^"]+)"', response.text):
            assert client.get(asset).status_code == 200, f"{path} links to {asset}, which is not served"


def test_redoc_bundle_no_longer_fetches_its_logo(client: TestClient) -> None:
    response = client.get("/docs-assets/redoc.offline.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert REDOC_LOGO_URL not in response.text
    assert "Redoc" in response.text


def test_icon_is_served_at_both_addresses(client: TestClient) -> None:
    for path in ("/favicon.svg", "/favicon.ico"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert response.text.lstrip().startswith("<svg")


def test_the_schema_stays_where_it_was_and_lists_no_page_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/healthz" in paths
    assert not {"/docs", "/redoc", "/favicon.svg", "/favicon.ico"} & set(paths)
