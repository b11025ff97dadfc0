"""A bug answers JSON 500, and the client's keep-alive connection carries the next request."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request

from ui.api.errors import install_error_handlers
from ui.api.subprocess_server import free_port

pytestmark = pytest.mark.integration


@pytest.fixture
def server() -> Iterator[str]:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    def boom() -> dict[str, str]:
        raise RuntimeError("a bug")

    @app.get("/v1/boom")
    def boom_v1() -> dict[str, str]:
        raise KeyError("a bug")

    @app.get("/peer")
    def peer(request: Request) -> dict[str, int]:
        assert request.client is not None
        return {"port": request.client.port}

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


def test_a_500_keeps_the_keep_alive_connection(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as client:
        before = client.get("/peer").json()["port"]
        failed = client.get("/boom")
        assert failed.status_code == 500
        assert failed.json() == {"detail": "服务器内部错误，已记录，请稍后重试。"}
        after = client.get("/peer").json()["port"]
        # The same client port: the request went over the connection the 500 came back on.
        assert after == before
        openai_style = client.get("/v1/boom")
        assert openai_style.status_code == 500
        assert openai_style.json()["error"]["type"] == "server_error"
        assert client.get("/peer").json()["port"] == before
