"""OpenAI-compatible ``/v1/chat/completions`` and ``/v1/models``."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from tests.ui.helpers import has_cjk, sse_events

TURN1 = "我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万"


def complete(client: TestClient, messages: list[dict], **extra: object) -> dict:
    response = client.post("/v1/chat/completions", json={"model": "policy-assistant", "messages": messages, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def award(completion: dict) -> object:
    return completion["choices"][0]["message"]["tool_results"][0]["result"]["award_yuan"]


def awards(completion: dict) -> list[object]:
    """Every figure the answer's tools computed (none when the assistant still has to ask)."""
    results = completion["choices"][0]["message"].get("tool_results") or []
    return [r["result"]["award_yuan"] for r in results if r["result"].get("award_yuan") is not None]


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
        {"role": "user", "content": "我们是南沙的创投机构，今年投了海珠一家初创期科技企业3000万"},
        {"role": "assistant", "content": "……"},
        {"role": "user", "content": "又投了番禺一家初创期企业5000万，能拿多少？"},
    ]
    once, again = complete(client, messages), complete(client, messages)
    assert award(once) == award(again) == 1200000


def test_a_returned_session_id_continues_the_session(client: TestClient) -> None:
    first = complete(client, [{"role": "user", "content": TURN1}])
    second = complete(client, [{"role": "user", "content": "那能拿多少奖励？"}], session_id=first["session_id"])
    assert second["session_id"] == first["session_id"]
    assert award(second) == 1200000
    assert client.get(f"/api/sessions/{first['session_id']}").status_code == 200


def test_a_made_up_session_id_starts_a_new_session(client: TestClient) -> None:
    made_up = f"oa-test-{uuid.uuid4().hex[:8]}"
    first = complete(client, [{"role": "user", "content": TURN1}], session_id=made_up)
    assert first["session_id"] != made_up
    assert client.get(f"/api/sessions/{made_up}").status_code == 404
    second = complete(client, [{"role": "user", "content": "那能拿多少奖励？"}], session_id=made_up)
    assert awards(second) == []  # the facts of the first turn are not in a session the client named


def test_the_user_field_never_selects_a_session(client: TestClient) -> None:
    user = f"enterprise-{uuid.uuid4().hex[:8]}"
    first = complete(client, [{"role": "user", "content": TURN1 + f"（{user}）"}], user=user)
    second = complete(client, [{"role": "user", "content": "那能拿多少奖励？"}], user=user)
    assert second["session_id"] != first["session_id"]
    assert awards(second) == []


def test_conversation_session_ids_are_keyed_by_the_servers_secret() -> None:
    from ui.api.conversation import conversation_session_id

    turns = ["第三条讲什么？", "那能拿多少奖励？"]
    ours = conversation_session_id("server-secret-1", turns)
    assert ours == conversation_session_id("server-secret-1", turns)  # replicas sharing a key agree
    assert ours != conversation_session_id("server-secret-2", turns)  # nobody else can compute it
    assert ours != conversation_session_id("server-secret-1", turns[:1])


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


def test_get_one_model(client: TestClient) -> None:
    assert client.get("/v1/models/policy-assistant").json() == {
        "id": "policy-assistant",
        "object": "model",
        "created": 0,
        "owned_by": "policy-assistant",
    }


def test_an_unknown_model_is_an_openai_404(client: TestClient) -> None:
    response = client.get("/v1/models/gpt-4o")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error == {
        "message": error["message"],
        "type": "invalid_request_error",
        "param": "model",
        "code": "model_not_found",
    }
    assert "gpt-4o" in error["message"] and has_cjk(error["message"])


def test_annotations_point_at_the_citation_markers(client: TestClient) -> None:
    message = complete(client, [{"role": "user", "content": "第十四条主要讲什么？"}])["choices"][0]["message"]
    content, annotations = message["content"], message["annotations"]
    # One for 【第十四条】 opening the answer, one for the same marker in the 「依据」 line.
    assert [content[a["url_citation"]["start_index"] : a["url_citation"]["end_index"]] for a in annotations] == [
        "【第十四条】",
        "【第十四条】",
    ]
    assert annotations[1]["url_citation"]["start_index"] > content.index("依据：")
    for annotation in annotations:
        assert annotation["type"] == "url_citation"
        assert annotation["url_citation"]["url"] == "http://testserver/api/articles/14"
        assert annotation["url_citation"]["title"] == "【第十四条】支持科技企业发债融资"


def test_a_declined_answer_is_annotated_too(client: TestClient) -> None:
    message = complete(client, [{"role": "user", "content": "天使母基金总盘子有多大？"}])["choices"][0]["message"]
    assert message["refusal"] and message["content"].startswith(message["refusal"])
    urls = {a["url_citation"]["url"] for a in message["annotations"]}
    assert urls == {"http://testserver/api/articles/3"}


def test_out_of_scope_has_no_annotations(client: TestClient) -> None:
    message = complete(client, [{"role": "user", "content": "深圳的人才补贴怎么申请？"}])["choices"][0]["message"]
    assert message["answerability"] == "out_of_scope"
    assert message["refusal"] and message["annotations"] == []


def test_stream_with_usage_ends_with_a_usage_chunk(client: TestClient) -> None:
    response = client.post(
        "/v1/chat/completions",
        json={
            "stream": True,
            "stream_options": {"include_usage": True},
            "messages": [{"role": "user", "content": "第三条讲什么？"}],
        },
    )
    chunks = sse_events(response.text)[:-1]
    *answer_chunks, usage_chunk = chunks
    assert usage_chunk["choices"] == []
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in answer_chunks)
    prompt = len("第三条讲什么？")  # usage counts characters
    assert usage_chunk["usage"] == {
        "prompt_tokens": prompt,
        "completion_tokens": len(text),
        "total_tokens": prompt + len(text),
    }
    assert all(c["usage"] is None for c in answer_chunks)
    last = answer_chunks[-1]["choices"][0]
    assert last["finish_reason"] == "stop"
    assert [
        text[a["url_citation"]["start_index"] : a["url_citation"]["end_index"]] for a in last["delta"]["annotations"]
    ]
    assert "refusal" not in last["delta"]


def test_stream_without_usage_has_no_usage_field(client: TestClient) -> None:
    response = client.post(
        "/v1/chat/completions", json={"stream": True, "messages": [{"role": "user", "content": "第三条讲什么？"}]}
    )
    chunks = sse_events(response.text)[:-1]
    assert all("usage" not in c and c["choices"] for c in chunks)


QUESTION = [{"role": "user", "content": "第三条讲什么？"}]


@pytest.mark.parametrize(
    ("extra", "param", "code"),
    [
        ({"n": 2}, "n", "unsupported_value"),
        (
            {"tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}]},
            "tools",
            "unsupported_parameter",
        ),
        ({"functions": [{"name": "f", "parameters": {}}]}, "functions", "unsupported_parameter"),
        ({"tool_choice": "required"}, "tool_choice", "unsupported_value"),
        ({"function_call": {"name": "f"}}, "function_call", "unsupported_value"),
        ({"logprobs": True}, "logprobs", "unsupported_parameter"),
        ({"top_logprobs": 3}, "top_logprobs", "unsupported_parameter"),
        ({"response_format": {"type": "json_object"}}, "response_format", "unsupported_value"),
        ({"modalities": ["text", "audio"]}, "modalities", "unsupported_value"),
        ({"audio": {"voice": "alloy", "format": "wav"}}, "audio", "unsupported_parameter"),
        ({"web_search_options": {}}, "web_search_options", "unsupported_parameter"),
        ({"stream_options": {"include_usage": True}}, "stream_options", "invalid_value"),
        (
            {"messages": [{"role": "user", "content": [{"type": "text", "text": "看图"}, {"type": "image_url"}]}]},
            "messages[0].content[1].type",
            "unsupported_value",
        ),
    ],
)
def test_what_cannot_be_honoured_is_an_openai_400(client: TestClient, extra: dict, param: str, code: str) -> None:
    response = client.post("/v1/chat/completions", json={"messages": QUESTION, **extra})
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == {"message": body["detail"], "type": "invalid_request_error", "param": param, "code": code}
    assert has_cjk(body["detail"])


@pytest.mark.parametrize(
    "extra",
    [
        {"n": 1},
        {"tools": [], "tool_choice": "none"},
        {"logprobs": False, "top_logprobs": 0},
        {"response_format": {"type": "text"}, "modalities": ["text"]},
        {"temperature": 0.2, "top_p": 0.9, "max_tokens": 5, "stop": ["。"], "seed": 1},
    ],
)
def test_default_values_and_sampling_fields_are_accepted(client: TestClient, extra: dict) -> None:
    message = complete(client, QUESTION, **extra)["choices"][0]["message"]
    assert "依据：【第三条】" in message["content"]
