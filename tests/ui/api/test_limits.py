"""Request limits and the error contract: 413, Chinese JSON errors everywhere, last-resort 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.settings import Settings
from tests.ui.helpers import has_cjk


def test_body_over_64_kib_is_413(client: TestClient) -> None:
    response = client.post("/api/chat", json={"message": "第" * 40_000})
    assert response.status_code == 413
    assert has_cjk(response.json()["detail"])


def test_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    def body() -> Iterator[bytes]:
        yield b'{"message": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    response = client.post("/api/chat", content=body(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_openai_413_carries_an_openai_error(client: TestClient) -> None:
    response = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "x" * 70_000}]})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == 413


@pytest.mark.parametrize(
    "raw",
    [b"[" * 30_000 + b"]" * 30_000, b'{"message": "\xff\xfe"}'],
    ids=["deeply-nested", "not-utf-8"],
)
def test_unparseable_bodies_are_400_in_chinese(client: TestClient, raw: bytes) -> None:
    response = client.post("/api/chat", content=raw, headers={"content-type": "application/json"})
    assert response.status_code in (400, 422)
    assert has_cjk(response.json()["detail"])


def test_unknown_path_is_404_in_chinese(client: TestClient) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert has_cjk(response.json()["detail"])


def test_wrong_method_is_405_in_chinese(client: TestClient) -> None:
    response = client.get("/api/chat")
    assert response.status_code == 405
    assert has_cjk(response.json()["detail"])
    assert "POST" in response.headers["allow"]


def test_a_bug_becomes_a_json_500(api_app: FastAPI, api_settings: Settings) -> None:
    from ui.api import create_app

    services = api_app.state.services
    app = create_app(api_settings, services.assistant, store=services.store)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as broken:
        response = broken.get("/boom")
    assert response.status_code == 500
    assert response.json() == {"detail": "服务器内部错误，已记录，请稍后重试。"}


def test_mount_ui_seam(api_app: FastAPI, api_settings: Settings) -> None:
    from ui.api import create_app

    services = api_app.state.services
    mounted: list[FastAPI] = []
    app = create_app(api_settings, services.assistant, store=services.store, mount_ui=mounted.append)
    assert mounted == [app]
