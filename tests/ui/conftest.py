"""Fixtures of the HTTP API tests: one app over the session index, with its own SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.settings import Settings


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
