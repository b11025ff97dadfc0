"""``GET /api/articles``, ``GET /api/articles/{n}``, ``GET /api/parts``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.ui.helpers import has_cjk


def test_lists_all_32_articles(client: TestClient) -> None:
    articles = client.get("/api/articles").json()
    assert [a["number"] for a in articles] == list(range(1, 33))
    third = articles[2]
    assert set(third) == {"number", "number_cn", "title", "part", "part_title", "units", "references"}
    assert third["number_cn"] == "三"
    assert third["units"] == ["市科技局", "市发展改革委"]
    assert third["part"] == 1 and third["part_title"]


def test_article_detail_is_the_full_record(client: TestClient) -> None:
    article = client.get("/api/articles/3").json()
    assert article["number"] == 3
    assert "1.5%" in article["body"]
    assert article["text"].count("责任单位") == 1
    assert any(f["text"] == "1.5%" for f in article["facts"])
    assert [d["id"] for d in article["referenced_documents"]] == article["references"]


@pytest.mark.parametrize("number", [0, 33, -1, 10**30])
def test_unknown_article_is_404_in_chinese(client: TestClient, number: int) -> None:
    response = client.get(f"/api/articles/{number}")
    assert response.status_code == 404
    assert has_cjk(response.json()["detail"])


@pytest.mark.parametrize("path", ["abc", "3.5", "三", "1e3"])
def test_non_integer_article_is_422(client: TestClient, path: str) -> None:
    response = client.get(f"/api/articles/{path}")
    assert response.status_code == 422
    assert "整数" in response.json()["detail"]


def test_parts(client: TestClient) -> None:
    parts = client.get("/api/parts").json()
    assert [p["number"] for p in parts] == list(range(1, 8))
    assert sorted(n for p in parts for n in p["articles"]) == list(range(1, 33))
