"""Fixtures of the UI tests.

The HTTP API tests get one app over the session index, with its own SQLite database. The browser
tests get the served app (``base_url``: ``ui.api.app.create_app`` with the page mounted by
``ui.web.mount_service_page``, as ``make serve`` does, in a subprocess on a free loopback port over
the session's index and a throwaway database, whose URL ``served_app`` also gives, for tests that
check what the page stored) and Debian's chromium driven by Playwright (``browser``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.settings import Settings
from deploy.page import CHROMIUM as DEPLOY_CHROMIUM
from deploy.page import CHROMIUM_ARGS
from ui.api.subprocess_server import free_port

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(DEPLOY_CHROMIUM)
STARTUP_TIMEOUT_S = 60

SERVER_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import uvicorn

    from assistant.settings import Settings
    from ui.api.app import create_app
    from ui.web import mount_service_page

    data_dir, database_url, port = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    settings = Settings(data_dir=data_dir, database_url=database_url)
    app = create_app(settings, mount_ui=mount_service_page)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    """
)


@pytest.fixture(scope="session")
def api_settings(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over the session index and a database of the API tests' own."""
    db = tmp_path_factory.mktemp("api-db") / "policy.db"
    return Settings(data_dir=index_dir, database_url=f"sqlite:///{db}")


@pytest.fixture(scope="session")
def api_app(api_settings: Settings) -> FastAPI:
    """The app as ``create_app`` builds it: assistant plus SQLite-backed sessions."""
    from ui.api import create_app

    return create_app(api_settings)


@pytest.fixture(scope="session")
def client(api_app: FastAPI) -> Iterator[TestClient]:
    """A client that re-raises server errors, so any 500 fails the test that caused it."""
    with TestClient(api_app) as test_client:
        yield test_client


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    with httpx.Client(trust_env=False, timeout=2) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"server exited with {process.returncode}:\n{log.read_text(encoding='utf-8')}")
            try:
                if client.get(url).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
    pytest.fail(f"server not ready after {STARTUP_TIMEOUT_S}s:\n{log.read_text(encoding='utf-8')}")


@dataclass(frozen=True)
class ServedApp:
    """The app a browser test talks to: the page's URL and the database the server writes."""

    url: str
    database_url: str


@pytest.fixture(scope="module")
def base_url(served_app: ServedApp) -> str:
    """The page's URL on a server started for this module."""
    return served_app.url


@pytest.fixture(scope="module")
def served_app(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedApp]:
    """The app served for this module, stopped afterwards (also on failure)."""
    workdir = tmp_path_factory.mktemp("browser-server")
    script = workdir / "serve.py"
    script.write_text(SERVER_SCRIPT, encoding="utf-8")
    log = workdir / "server.log"
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "GRADIO_ANALYTICS_ENABLED": "False",
        "ANONYMIZED_TELEMETRY": "False",
    }
    database_url = f"sqlite:///{workdir / 'policy.db'}"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, str(script), str(index_dir), database_url, str(port)],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/ui/"
        _wait_until_serving(url, process, log)
        yield ServedApp(url=url, database_url=database_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


EXPECT_TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: run `make browser-deps` (make test does it)")
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do: on a loaded 2-core CI machine saving a record (its PDF
    # included) can take longer than Playwright's 5 s default, which is not a failure of the page.
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


PASSWORD = "一个足够长的测试口令"


@dataclass(frozen=True)
class Accounts:
    """Clients of the API tests' app, each signed in as someone else (or nobody)."""

    public: TestClient
    officer: TestClient
    other_officer: TestClient
    teammate: TestClient
    admin: TestClient


def signed_in_client(app: FastAPI, username: str, *, role: str = "officer", team: str | None = None) -> TestClient:
    """A client of ``app`` signed in as a new user (created when missing) through ``POST /api/auth/login``."""
    users = app.state.services.users
    if users.get(username) is None:
        users.add(username, PASSWORD, role=role, team=team)
    client = TestClient(app)
    response = client.post("/api/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return client


@pytest.fixture(scope="session")
def accounts(api_app: FastAPI) -> Accounts:
    """The public, an officer, an officer of another team, a teammate of the first, and an admin."""
    return Accounts(
        public=TestClient(api_app),
        officer=signed_in_client(api_app, "officer-a", team="南沙"),
        other_officer=signed_in_client(api_app, "officer-b", team="天河"),
        teammate=signed_in_client(api_app, "officer-c", team="南沙"),
        admin=signed_in_client(api_app, "admin", role="admin"),
    )
