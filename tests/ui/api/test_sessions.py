"""``POST /api/feedback``, ``GET /api/sessions/{id}``, and sessions surviving a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.settings import Settings
from tests.ui.helpers import has_cjk


def test_history_holds_messages_with_answers(client: TestClient) -> None:
    first = client.post("/api/chat", json={"message": "第三条讲什么？"}).json()
    client.post("/api/chat", json={"message": "责任单位是谁？", "session_id": first["session_id"]})
    history = client.get(f"/api/sessions/{first['session_id']}").json()
    assert history["session_id"] == first["session_id"]
    assert history["turns"] == 2
    messages = history["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert messages[0]["content"] == "第三条讲什么？" and messages[0]["answer"] is None
    assert messages[1]["id"] == first["message_id"]
    assert messages[1]["answer"]["citations"][0]["article"] == 3
    assert messages[1]["content"] == messages[1]["answer"]["answer"]


def test_unknown_session_history_is_404(client: TestClient) -> None:
    response = client.get("/api/sessions/no-such-session")
    assert response.status_code == 404
    assert has_cjk(response.json()["detail"])


def test_feedback_on_an_answer(client: TestClient) -> None:
    body = client.post("/api/chat", json={"message": "第五条讲什么？"}).json()
    response = client.post(
        "/api/feedback",
        json={"session_id": body["session_id"], "rating": 1, "comment": "很清楚 👍", "message_id": body["message_id"]},
    )
    assert response.status_code == 200
    result = response.json()
    assert result["ok"] is True and isinstance(result["id"], int)
    down = client.post("/api/feedback", json={"session_id": body["session_id"], "rating": -1}).json()
    assert down["id"] > result["id"]


def test_feedback_on_an_unknown_session_is_404(client: TestClient) -> None:
    response = client.post("/api/feedback", json={"session_id": "never-seen", "rating": 1})
    assert response.status_code == 404
    assert has_cjk(response.json()["detail"])


def test_feedback_on_another_sessions_message_is_404(client: TestClient) -> None:
    one = client.post("/api/chat", json={"message": "第六条讲什么？"}).json()
    two = client.post("/api/chat", json={"message": "第七条讲什么？"}).json()
    body = {"session_id": two["session_id"], "rating": 1, "message_id": one["message_id"]}
    assert client.post("/api/feedback", json=body).status_code == 404


@pytest.mark.parametrize("rating", [0, 2, "1", None, 1.5])
def test_feedback_rating_must_be_plus_or_minus_one(client: TestClient, rating: object) -> None:
    body = client.post("/api/chat", json={"message": "第八条讲什么？"}).json()
    response = client.post("/api/feedback", json={"session_id": body["session_id"], "rating": rating})
    assert response.status_code == 422
    assert has_cjk(response.json()["detail"])


def test_session_survives_a_new_app_on_the_same_database(index_dir: Path, tmp_path: Path) -> None:
    from ui.api import create_app

    settings = Settings(data_dir=index_dir, database_url=f"sqlite:///{tmp_path / 'restart.db'}")
    first_app = create_app(settings)
    with TestClient(first_app) as first:
        turn1 = first.post(
            "/api/chat", json={"message": "我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万"}
        )
    session_id = turn1.json()["session_id"]
    first_app.state.services.store.engine.dispose()

    with TestClient(create_app(settings)) as second:
        turn2 = second.post("/api/chat", json={"message": "那能拿多少奖励？", "session_id": session_id}).json()
        history = second.get(f"/api/sessions/{session_id}").json()
    assert turn2["tool_calls"][0]["result"]["award_yuan"] == 1200000
    assert len(history["messages"]) == 4
