"""``POST /api/calculate``: the award rules with Chinese amounts."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.ui.helpers import has_cjk


def article3(amount: object, **extra: object) -> dict:
    investment = {"amount": amount, "investee_stage": "初创期", "investee_in_guangzhou": True, "funds_received": True}
    return {"rule": "article3", "investments": [investment], "institution_place": "南沙", **extra}


@pytest.mark.parametrize("amount", ["8000万", "8000万元", "八千万", 80000000, "80,000,000", 8e7])
def test_article3_on_80_million_is_1_2_million(client: TestClient, amount: object) -> None:
    response = client.post("/api/calculate", json=article3(amount))
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["award_yuan"] == 1200000
    assert result["article"] == 3
    assert result["steps"] and result["explanation"] and result["conditions"]
    assert result["note"]


def test_article3_cap_per_year(client: TestClient) -> None:
    result = client.post("/api/calculate", json=article3("10亿", institution_in_greater_bay_area=True)).json()
    assert result["award_yuan"] == 5000000


def test_article3_outside_the_bay_area_is_not_eligible(client: TestClient) -> None:
    result = client.post("/api/calculate", json=article3("8000万", institution_place="北京")).json()
    assert result["eligible"] is False


def test_article3_unknown_facts_give_no_number(client: TestClient) -> None:
    body = {"rule": "article3", "investments": [{"amount": "8000万"}]}
    result = client.post("/api/calculate", json=body).json()
    assert result["award_yuan"] is None
    assert result["missing"]


def test_article11_on_100_million_is_40_million(client: TestClient) -> None:
    result = client.post("/api/calculate", json={"rule": "article11", "district_new_capital": "1亿"}).json()
    assert result["award_yuan"] == 40000000
    assert result["is_ceiling"] is True


def test_unfixed_support_has_no_amount(client: TestClient) -> None:
    result = client.post("/api/calculate", json={"rule": "unfixed", "topic": "listing_reward"}).json()
    assert result["award_yuan"] is None
    assert result["decided_by"]


@pytest.mark.parametrize(
    "body",
    [
        article3("很多钱"),
        article3("3000万5000万"),
        article3(True),
        article3(None),
        article3("8" * 100),
        article3(-5),
        article3(0),
        {"rule": "article11", "district_new_capital": "零"},
        {"rule": "article11"},
        {"rule": "unfixed", "topic": "free_lunch"},
        {"rule": "article99"},
        {"investments": []},
        {"rule": "article3", "investments": []},
    ],
)
def test_bad_calculator_input_is_422_in_chinese(client: TestClient, body: dict) -> None:
    response = client.post("/api/calculate", json=body)
    assert response.status_code == 422, response.text
    assert has_cjk(response.json()["detail"])


def test_non_finite_json_number_is_422(client: TestClient) -> None:
    raw = b'{"rule": "article11", "district_new_capital": 1e400}'
    response = client.post("/api/calculate", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422
