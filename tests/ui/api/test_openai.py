"""OpenAI-compatible ``/v1/chat/completions`` and ``/v1/models``."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from tests.ui.helpers import has_cjk, sse_events

TURN1 = "我们是南沙的创投机构，今年投了两家初创期科技企业，共8000万"


def complete(client: TestClient, messages: list[dict], **extra: object) -> dict:
    response = client.post("/v1/chat/completions", json={"model": "policy-assistant", "messages": messages, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def award(completion: dict) -> object:
    return completion["choices"][0]["message"]["tool_results"][0]["result"]["award_yuan"]


def test_plain_completion(client: TestClient) -> None:
    body = complete(
        client, [{"role": "system", "content": "你是助手"}, {"role": "user", "content": "第十四条主要讲什么？"}]
    )
    assert body["object"] == "chat.completion"
    assert body["id"].startswith("chatcmpl-")
    [choice] = body["choices"]
    assert choice["finish_reason"] == "stop"
    message = choice["message"]
    assert message["role"] == "assistant"
    assert message["content"].endswith("依据：【第十四条】支持科技企业发债融资")
    assert message["citations"][0]["article"] == 14
    assert message["tool_results"] == []
    assert body["usage"]["total_tokens"] == body["usage"]["prompt_tokens"] + body["usage"]["completion_tokens"]


def test_the_message_carries_answerability(client: TestClient) -> None:
    answered = complete(client, [{"role": "user", "content": "第十四条主要讲什么？"}])["choices"][0]["message"]
    assert answered["answerability"] == "answered"
    assert answered["refusal"] is None
    declined = complete(client, [{"role": "user", "content": "天使母基金总盘子有多大？"}])["choices"][0]["message"]
    assert declined["answerability"] == "not_in_text"
    assert declined["refusal"]


def test_content_parts_are_read(client: TestClient) -> None:
    body = complete(client, [{"role": "user", "content": [{"type": "text", "text": "第十四条主要讲什么？"}]}])
    assert body["choices"][0]["message"]["citations"][0]["article"] == 14


def test_stream_completion(client: TestClient) -> None:
    response = client.post(
        "/v1/chat/completions", json={"stream": True, "messages": [{"role": "user", "content": "第三条讲什么？"}]}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    assert events[-1] == "[DONE]"
    chunks = events[:-1]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert len({c["id"] for c in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert "依据：【第三条】" in text
    last = chunks[-1]["choices"][0]
    assert last["finish_reason"] == "stop"
    assert last["delta"]["citations"][0]["article"] == 3
    assert last["delta"]["answerability"] == "answered"
    assert all(c["choices"][0]["finish_reason"] is None for c in chunks[:-1])


def test_earlier_user_messages_carry_their_facts(client: TestClient) -> None:
    first = complete(client, [{"role": "user", "content": TURN1}])
    second = complete(
        client,
        [
            {"role": "user", "content": TURN1},
            {"role": "assistant", "content": first["choices"][0]["message"]["content"]},
            {"role": "user", "content": "那能拿多少奖励？"},
        ],
    )
    assert award(second) == 1200000


def test_unseen_conversation_is_replayed(client: TestClient) -> None:
    # A conversation this server never answered (first turn phrased uniquely): replayed from its user turns.
    turn1 = TURN1 + f"（{uuid.uuid4().hex[:6]}）"
    body = complete(
        client,
        [
            {"role": "user", "content": turn1},
            {"role": "assistant", "content": "（来自另一台服务器的回答）"},
            {"role": "user", "content": "那能拿多少奖励？"},
        ],
    )
    assert award(body) == 1200000


def test_regenerating_does_not_apply_the_question_twice(client: TestClient) -> None:
    messages = [
        {"role": "user", "content": "我们是南沙的创投机构，今年投了一家初创期科技企业3000万"},
        {"role": "assistant", "content": "……"},
        {"role": "user", "content": "又投了一家初创期企业5000万，能拿多少？"},
    ]
    once, again = complete(client, messages), complete(client, messages)
    assert award(once) == award(again) == 1200000


@pytest.mark.parametrize("key", ["session_id", "user"])
def test_explicit_session(client: TestClient, key: str) -> None:
    value = f"oa-test-{key}-{uuid.uuid4().hex[:8]}"
    first = complete(client, [{"role": "user", "content": TURN1}], **{key: value})
    second = complete(client, [{"role": "user", "content": "那能拿多少奖励？"}], **{key: value})
    assert first["session_id"] == second["session_id"]
    assert award(second) == 1200000
    if key == "session_id":
        assert client.get(f"/api/sessions/{value}").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"messages": []},
        {"messages": [{"role": "system", "content": "只有系统消息"}]},
        {"messages": [{"role": "user", "content": "  "}]},
        {"messages": [{"role": "wizard", "content": "第三条"}]},
        {},
    ],
)
def test_bad_completion_requests_are_422_with_an_openai_error(client: TestClient, body: dict) -> None:
    response = client.post("/v1/chat/completions", json=body)
    assert response.status_code == 422
    error = response.json()
    assert has_cjk(error["detail"])
    assert error["error"]["message"] == error["detail"]
    assert error["error"]["type"] == "invalid_request_error"


def test_models(client: TestClient) -> None:
    body = client.get("/v1/models").json()
    assert body["object"] == "list"
    assert [m["id"] for m in body["data"]] == ["policy-assistant"]
