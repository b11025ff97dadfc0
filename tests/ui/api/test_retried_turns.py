"""A turn sent again under the same request key (a proxy's retry, a client's own) is answered once."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ui.api.conversation import conversation_session_id

FIRST = "我们是深圳南山的创投机构，投资广州一家初创期企业。"
AMOUNT = "今年到账2000万，奖励多少？"


def _turns(client: TestClient, session_id: str) -> int:
    return client.get(f"/api/sessions/{session_id}").json()["turns"]


def _logged(app: FastAPI) -> int:
    return app.state.services.store.count_queries()


def _open(client: TestClient) -> str:
    return client.post("/api/chat", json={"message": FIRST}).json()["session_id"]


@pytest.mark.parametrize("header", ["Idempotency-Key", "X-Request-ID"])
def test_a_retried_turn_gets_the_stored_answer_and_is_stored_once(
    client: TestClient, api_app: FastAPI, header: str
) -> None:
    session_id = _open(client)
    key = {header: uuid.uuid4().hex}
    body = {"message": AMOUNT, "session_id": session_id}
    first = client.post("/api/chat", json=body, headers=key).json()
    logged = _logged(api_app)
    again = client.post("/api/chat", json=body, headers=key).json()
    assert "30万" in first["answer"]
    assert again["answer"] == first["answer"] and again["citations"] == first["citations"]
    assert again["message_id"] == first["message_id"] and again["session_id"] == session_id
    assert _turns(client, session_id) == 2
    assert _logged(api_app) == logged  # the query log counts questions asked, not retries


def test_a_retried_stream_replays_the_stored_answer(client: TestClient) -> None:
    session_id = _open(client)
    key = {"Idempotency-Key": uuid.uuid4().hex}
    body = {"message": AMOUNT, "session_id": session_id}
    first = client.post("/api/chat", json=body, headers=key).json()
    with client.stream("POST", "/api/chat/stream", json=body, headers=key) as response:
        text = "".join(response.iter_text())
    assert response.status_code == 200
    assert f'"message_id":{first["message_id"]}' in text
    assert _turns(client, session_id) == 2


def test_another_message_under_the_same_key_is_answered(client: TestClient) -> None:
    session_id = _open(client)
    key = {"Idempotency-Key": uuid.uuid4().hex}
    client.post("/api/chat", json={"message": AMOUNT, "session_id": session_id}, headers=key)
    other = client.post("/api/chat", json={"message": "责任单位是谁？", "session_id": session_id}, headers=key).json()
    assert "30万" not in other["answer"]
    assert _turns(client, session_id) == 3


def test_the_same_message_without_a_key_is_a_new_turn(client: TestClient) -> None:
    session_id = _open(client)
    body = {"message": AMOUNT, "session_id": session_id}
    client.post("/api/chat", json=body)
    client.post("/api/chat", json=body)
    assert _turns(client, session_id) == 3


@pytest.mark.parametrize("key", ["x" * 129, "键值", "a\tb"])
def test_an_unusable_key_is_no_key(client: TestClient, key: str) -> None:
    session_id = _open(client)
    body = {"message": AMOUNT, "session_id": session_id}
    headers = {"Idempotency-Key": key.encode("utf-8")}
    responses = [client.post("/api/chat", json=body, headers=headers) for _ in range(2)]
    assert [r.status_code for r in responses] == [200, 200]
    assert _turns(client, session_id) == 3


def test_a_retried_openai_completion_keeps_the_turns_facts(client: TestClient, api_app: FastAPI) -> None:
    services = api_app.state.services
    key = {"X-Request-ID": uuid.uuid4().hex}
    messages = [{"role": "user", "content": f"{FIRST}（{uuid.uuid4().hex[:6]}）"}, {"role": "user", "content": AMOUNT}]
    request = {"model": "policy-assistant", "messages": messages}
    first = client.post("/v1/chat/completions", json=request, headers=key).json()
    session_id = conversation_session_id(services.sign_in.secret, [m["content"] for m in messages])
    after_turn = services.store.load(session_id)
    again = client.post("/v1/chat/completions", json=request, headers=key).json()
    content = first["choices"][0]["message"]["content"]
    assert "30万" in content and again["choices"][0]["message"]["content"] == content
    # The retry neither resets the state the turn left nor stores the turn again.
    assert after_turn is not None and after_turn.facts.model_dump()
    assert services.store.load(session_id) == after_turn
    assert len(client.get(f"/api/sessions/{session_id}").json()["messages"]) == 2  # one exchange
