"""``POST /api/search``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.ui.helpers import ODD_MESSAGES, has_cjk


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_search_returns_ranked_hits(client: TestClient, mode: str) -> None:
    response = client.post("/api/search", json={"query": "知识产权质押融资", "k": 5, "mode": mode})
    assert response.status_code == 200
    hits = response.json()["hits"]
    assert 1 <= len(hits) <= 5
    assert set(hits[0]) >= {"chunk_id", "article", "document", "title", "content", "score", "units"}


def test_default_k_is_10(client: TestClient) -> None:
    hits = client.post("/api/search", json={"query": "科技信贷"}).json()["hits"]
    assert 1 <= len(hits) <= 10


@pytest.mark.parametrize(
    "body",
    [{"query": "贷款", "k": 0}, {"query": "贷款", "k": 51}, {"query": "贷款", "mode": "magic"}, {"query": "  "}, {}],
)
def test_bad_search_requests_are_422(client: TestClient, body: dict) -> None:
    response = client.post("/api/search", json=body)
    assert response.status_code == 422
    assert has_cjk(response.json()["detail"])


@pytest.mark.parametrize("query", ODD_MESSAGES)
def test_odd_queries_never_500(client: TestClient, query: str) -> None:
    response = client.post("/api/search", json={"query": query, "k": 3})
    assert response.status_code in (200, 422), response.text
