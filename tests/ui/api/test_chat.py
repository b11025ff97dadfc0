"""``POST /api/chat``: answer shape, grounding, sessions, validation and odd input."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from assistant.storage import question_hash
from assistant.storage.tables import QueryLogRow
from tests.ui.helpers import ODD_MESSAGES, has_cjk

AWARD_QUESTION = "我们是珠海的创投基金，今年给广州一家初创期科技型中小企业投了1000万元并已到账，奖励是多少？"


def chat(client: TestClient, message: str, session_id: str | None = None) -> dict:
    response = client.post("/api/chat", json={"message": message, "session_id": session_id})
    assert response.status_code == 200, response.text
    return response.json()


def test_answer_shape(client: TestClient) -> None:
    body = chat(client, "第十四条主要讲什么？")
    assert set(body) >= {"answer", "citations", "tool_calls", "refused", "intent", "follow_up", "session_id"}
    assert isinstance(body["answer"], str) and body["answer"]
    assert body["refused"] is False
    assert body["tool_calls"] == []
    assert isinstance(body["session_id"], str) and body["session_id"]
    assert isinstance(body["message_id"], int)
    for citation in body["citations"]:
        assert isinstance(citation["article"], int)
        assert citation["quote"]


def test_article_lookup_cites_article_14(client: TestClient) -> None:
    body = chat(client, "第十四条主要讲什么？")
    assert [c["article"] for c in body["citations"]][:1] == [14]
    assert "发债" in body["answer"]


def test_award_question_calls_the_calculator(client: TestClient) -> None:
    body = chat(client, AWARD_QUESTION)
    assert body["intent"] == "award_calculation"
    [call] = body["tool_calls"]
    assert call["name"] == "calculate_article3_award"
    assert call["result"]["award_yuan"] == 150000
    assert 3 in [c["article"] for c in body["citations"]]


def test_out_of_scope_is_refused(client: TestClient) -> None:
    body = chat(client, "深圳的创投补贴标准是多少？")
    assert body["refused"] is True
    assert body["answerability"] == "out_of_scope"
    assert body["citations"] == []


@pytest.mark.parametrize(
    ("message", "answerability", "refused"),
    [
        ("第十四条主要讲什么？", "answered", False),
        ("天使母基金总盘子有多大？", "not_in_text", True),
        ("附近有什么性价比高的酒店推荐吗？", "out_of_scope", True),
    ],
)
def test_every_answer_says_whether_the_text_answers_it(
    client: TestClient, message: str, answerability: str, refused: bool
) -> None:
    body = chat(client, message)
    assert body["answerability"] == answerability
    assert body["refused"] is refused
    if answerability == "not_in_text":
        assert [c["article"] for c in body["citations"]] == [3]  # the nearest article, as context
        assert "没有规定" in body["answer"]


def test_the_schema_documents_answerability(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    field = next(s for name, s in schema.items() if name.startswith("ChatResponse"))["properties"]["answerability"]
    assert "not_in_text" in str(field) and "out_of_scope" in str(field)


@pytest.mark.parametrize("message", ["", " ", "\n\t  \u3000"])
def test_empty_message_is_422_in_chinese(client: TestClient, message: str) -> None:
    response = client.post("/api/chat", json={"message": message})
    assert response.status_code == 422
    assert response.json()["detail"] == "消息不能为空。"


def test_message_over_the_limit_is_422(client: TestClient) -> None:
    response = client.post("/api/chat", json={"message": "投" * 2001})
    assert response.status_code == 422
    assert "2000" in response.json()["detail"] and has_cjk(response.json()["detail"])


def test_message_at_the_limit_is_answered(client: TestClient) -> None:
    response = client.post("/api/chat", json={"message": "第三条" + "啊" * 1997})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body",
    [{}, {"message": None}, {"message": 12}, {"message": ["第三条"]}, {"message": "第三条", "session_id": "含 空格"}],
)
def test_malformed_requests_are_422_in_chinese(client: TestClient, body: dict) -> None:
    response = client.post("/api/chat", json=body)
    assert response.status_code == 422
    assert has_cjk(response.json()["detail"])


def test_invalid_json_is_422(client: TestClient) -> None:
    response = client.post("/api/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "JSON" in response.json()["detail"]


@pytest.mark.parametrize("message", ODD_MESSAGES)
def test_odd_unicode_never_500(client: TestClient, message: str) -> None:
    response = client.post("/api/chat", json={"message": message})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert has_cjk(response.json()["detail"])


def test_lone_surrogate_is_422(client: TestClient) -> None:
    raw = b'{"message": "\\ud800\\u7b2c\\u4e09\\u6761"}'
    response = client.post("/api/chat", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "代理项" in response.json()["detail"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(message=st.text(max_size=60))
def test_any_text_is_200_or_422(client: TestClient, message: str) -> None:
    response = client.post("/api/chat", json={"message": message})
    assert response.status_code in (200, 422)


def test_multi_turn_remembers_facts(client: TestClient) -> None:
    first = chat(client, "我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万")
    second = chat(client, "那能拿多少奖励？", first["session_id"])
    assert second["session_id"] == first["session_id"]
    [call] = second["tool_calls"]
    assert call["result"]["award_yuan"] == 1200000


def test_a_session_id_the_server_did_not_issue_starts_a_new_session(client: TestClient) -> None:
    made_up = "client-chosen-id-001"
    body = chat(client, "我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万", made_up)
    issued = body["session_id"]
    assert issued != made_up
    assert client.get(f"/api/sessions/{made_up}").status_code == 404  # nothing was planted under it
    # The issued id continues; the made-up one keeps starting over (its facts are not there).
    assert chat(client, "那能拿多少奖励？", issued)["tool_calls"][0]["result"]["award_yuan"] == 1200000
    again = chat(client, "那能拿多少奖励？", made_up)
    assert again["session_id"] not in (made_up, issued)
    assert not [c for c in again["tool_calls"] if c["result"].get("award_yuan")]


def test_issued_session_ids_are_random_and_long(client: TestClient) -> None:
    ids = {chat(client, "第三条讲什么？")["session_id"] for _ in range(3)}
    assert len(ids) == 3
    for session_id in ids:
        # secrets.token_urlsafe(32): 43 URL-safe characters, 256 random bits.
        assert len(session_id) >= 43 and set(session_id) <= set(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
        )


def test_queries_are_logged_without_their_text(client: TestClient, api_app: FastAPI) -> None:
    question = "第二十条讲的是什么？（日志测试）"
    body = chat(client, question)
    engine = api_app.state.services.store.engine
    with engine.connect() as conn:
        rows = conn.execute(select(QueryLogRow).where(QueryLogRow.question_hash == question_hash(question))).all()
        assert len(rows) == 1
        row = rows[0]
        assert row.intent == body["intent"]
        assert row.latency_ms >= 0
        assert row.cited_articles == [c["article"] for c in body["citations"]]
        dump = "\n".join(str(r) for r in conn.exec_driver_sql("SELECT * FROM query_log").all())
    assert "日志测试" not in dump
