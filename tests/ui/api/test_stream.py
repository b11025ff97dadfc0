"""``POST /api/chat/stream``: sentence deltas, then the full answer."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.ui.helpers import sse_events


def test_stream_sends_deltas_then_the_final_answer(client: TestClient) -> None:
    response = client.post("/api/chat/stream", json={"message": "第三条讲什么？"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    *deltas, final = events
    assert len(deltas) >= 2
    assert all(e["type"] == "delta" for e in deltas)
    assert final["type"] == "final"
    assert "".join(e["text"] for e in deltas) == final["answer"]
    assert final["citations"][0]["article"] == 3
    assert final["session_id"]
    assert final["answerability"] == "answered"


def test_a_decline_streams_its_answerability(client: TestClient) -> None:
    response = client.post("/api/chat/stream", json={"message": "附近有什么性价比高的酒店推荐吗？"})
    final = sse_events(response.text)[-1]
    assert final["answerability"] == "out_of_scope"
    assert final["refused"] is True


def test_stream_continues_a_session(client: TestClient) -> None:
    first = client.post(
        "/api/chat", json={"message": "我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万"}
    ).json()
    response = client.post("/api/chat/stream", json={"message": "那能拿多少奖励？", "session_id": first["session_id"]})
    final = sse_events(response.text)[-1]
    assert final["session_id"] == first["session_id"]
    assert final["tool_calls"][0]["result"]["award_yuan"] == 1200000


def test_invalid_message_is_a_plain_422_not_a_stream(client: TestClient) -> None:
    response = client.post("/api/chat/stream", json={"message": "  "})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["detail"] == "消息不能为空。"
