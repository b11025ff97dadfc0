"""Control characters in a consultation record are refused at input with a Chinese 422."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def officer(accounts) -> TestClient:
    """Records are an officer's: the checks run signed in."""
    return accounts.officer


def body(**fields) -> dict:
    return {"date": "2026-11-25", "enterprise": "某企业", "profile": {"kind": "创投机构"}, **fields}


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"enterprise": "南沙\x0b某创投"}, "enterprise"),
        ({"notes": "备注\x1b"}, "notes"),
        ({"follow_ups": ["下月\x0c回访"]}, "follow_ups"),
        ({"officers": [{"name": "张\x07三"}]}, "officers.0.name"),
        ({"profile": {"kind": "创投机构", "free_text": "我们\x0b投了"}}, "profile"),
    ],
)
def test_control_characters_are_refused_with_the_field_named(officer: TestClient, fields: dict, where: str) -> None:
    for path in ("/api/consultations/preview", "/api/consultations"):
        response = officer.post(path, json=body(**fields))
        assert response.status_code == 422, response.text
        detail = response.json()["detail"]
        assert "控制字符" in detail and where in detail


def test_tabs_and_line_breaks_are_kept(officer: TestClient) -> None:
    response = officer.post("/api/consultations/preview", json=body(notes="第一行\n第二行\t缩进\r\n完"))
    assert response.status_code == 200, response.text
    assert response.json()["notes"] == "第一行\n第二行\t缩进\r\n完"
