"""``GET /healthz``."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_healthz_reports_the_loaded_index(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    health = response.json()
    assert health["status"] == "ok"
    assert health["index_loaded"] is True
    assert health["articles"] == 32
    assert health["chunks"] >= 32
    assert health["build_id"] and health["embedding_model"] and health["version"]
    assert health["database"] == "ok"
