"""``POST /api/match``: the consultation matcher over HTTP."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_match_needs_a_profile_object(client: TestClient) -> None:
    assert client.post("/api/match", json={"profile": "创投"}).status_code == 422
    assert client.post("/api/match", json={}).status_code == 422


def test_match_shape(client: TestClient) -> None:
    response = client.post(
        "/api/match",
        json={"profile": {"kind": "创投机构", "district": "南沙", "in_greater_bay_area": True, "stage": "初创期"}},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) >= {"matches", "missing"}
    for match in body["matches"]:
        assert isinstance(match["article"], int)
        assert {"title", "reason", "award", "units"} <= set(match)


@pytest.mark.parametrize(
    "profile",
    [
        {"free_text": "🙂\u200b\u202e我们是南沙的创投\u0301机构"},
        {"free_text": "x" * 5000},
        {"kind": "VC", "district": "\ufeff南沙"},
        {"district_new_capital": "1e999"},
        {"investments_made": [{"amount": -1}]},
        {"free_text": "a\u0000b"},
    ],
)
def test_match_odd_profiles_never_500(client: TestClient, profile: dict) -> None:
    response = client.post("/api/match", json={"profile": profile})
    assert response.status_code in (200, 422), response.text


def test_contract_listing_profile_matches_article_13(client: TestClient) -> None:
    profile = {"kind": "科技型中小企业", "district": "海珠区", "stage": "成长期", "free_text": "打算在深交所创业板上市"}
    body = client.post("/api/match", json={"profile": profile}).json()
    assert 13 in [m["article"] for m in body["matches"]]
