"""Standard clients against the real server: the ``openai`` SDK and LangChain's ``ChatOpenAI`` over loopback.

One server subprocess for the module (``running_server``); each test talks to it as an integrator would,
through the client's own types, so a field the client cannot read (or reads differently) fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from langchain_core.messages import AIMessageChunk, HumanMessage
from langchain_openai import ChatOpenAI
from openai.types.chat.chat_completion_message import Annotation

from ui.api.subprocess_server import running_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MODEL = "policy-assistant"
LOOKUP = "第十四条主要讲什么？"
DECLINED = "天使母基金总盘子有多大？"


@pytest.fixture(scope="module")
def server_url(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("openai-clients")
    with running_server(index_dir, work / "policy.db", work / "server.log") as server:
        yield server.url


@pytest.fixture(scope="module")
def sdk(server_url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{server_url}/v1", api_key="unused", max_retries=0, timeout=60)


def chat_model(server_url: str, **kwargs: object) -> ChatOpenAI:
    return ChatOpenAI(model=MODEL, base_url=f"{server_url}/v1", api_key="unused", max_retries=0, timeout=60, **kwargs)


def marked(content: str, annotation: Annotation) -> str:
    return content[annotation.url_citation.start_index : annotation.url_citation.end_index]


# -- the openai SDK ------------------------------------------------------------------------
def test_sdk_models(sdk: openai.OpenAI) -> None:
    assert [m.id for m in sdk.models.list()] == [MODEL]
    assert sdk.models.retrieve(MODEL).id == MODEL
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.models.retrieve("gpt-4o")
    assert caught.value.code == "model_not_found"
    assert caught.value.param == "model"
    assert "policy-assistant" in caught.value.message


def test_sdk_completion_has_usage_annotations_and_no_refusal(sdk: openai.OpenAI, server_url: str) -> None:
    completion = sdk.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": LOOKUP}])
    message = completion.choices[0].message
    assert message.content.endswith("依据：【第十四条】支持科技企业发债融资")
    assert message.refusal is None
    assert message.model_extra["answerability"] == "answered"
    assert completion.usage.prompt_tokens == len(LOOKUP)
    assert completion.usage.completion_tokens == len(message.content)
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    assert [marked(message.content, a) for a in message.annotations] == ["【第十四条】", "【第十四条】"]
    [url] = {a.url_citation.url for a in message.annotations}
    assert url == f"{server_url}/api/articles/14"
    assert message.annotations[0].url_citation.title == "【第十四条】支持科技企业发债融资"
    # The link is real: it opens the cited article.
    article = httpx.get(url, timeout=30).json()
    assert article["number"] == 14 and article["title"] == "支持科技企业发债融资"


def test_sdk_refusal_only_when_declined(sdk: openai.OpenAI) -> None:
    message = sdk.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": DECLINED}])
    message = message.choices[0].message
    assert message.model_extra["answerability"] == "not_in_text"
    assert message.refusal and "没有规定" in message.refusal
    assert message.content.startswith(message.refusal)  # the text still reads whole, with its sources
    assert {a.url_citation.url.rsplit("/", 1)[1] for a in message.annotations} == {"3"}


def test_sdk_stream_with_include_usage(sdk: openai.OpenAI) -> None:
    stream = sdk.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "第三条讲什么？"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    *answer_chunks, usage_chunk = chunks
    assert usage_chunk.choices == []
    assert all(c.usage is None for c in answer_chunks)
    text = "".join(c.choices[0].delta.content or "" for c in answer_chunks)
    assert "依据：【第三条】" in text
    assert usage_chunk.usage.completion_tokens == len(text)
    assert usage_chunk.usage.prompt_tokens == len("第三条讲什么？")
    last = answer_chunks[-1].choices[0]
    assert last.finish_reason == "stop"
    assert last.delta.refusal is None
    annotations = last.delta.model_extra["annotations"]
    assert annotations and {
        text[a["url_citation"]["start_index"] : a["url_citation"]["end_index"]] for a in annotations
    } == {"【第三条】"}


@pytest.mark.parametrize(
    ("extra", "param"),
    [
        ({"n": 2}, "n"),
        ({"tools": [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}]}, "tools"),
        ({"logprobs": True, "top_logprobs": 2}, "logprobs"),
        ({"response_format": {"type": "json_object"}}, "response_format"),
    ],
)
def test_sdk_unsupported_parameters_are_bad_requests(sdk: openai.OpenAI, extra: dict, param: str) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": LOOKUP}], **extra)
    error = caught.value
    assert error.status_code == 400
    assert error.param == param
    assert error.type == "invalid_request_error"
    assert error.code in ("unsupported_parameter", "unsupported_value")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message)


# -- LangChain's ChatOpenAI ----------------------------------------------------------------
def test_langchain_invoke_reads_content_usage_and_refusal(server_url: str) -> None:
    model = chat_model(server_url)
    answered = model.invoke([HumanMessage(LOOKUP)])
    assert answered.content.endswith("依据：【第十四条】支持科技企业发债融资")
    assert answered.usage_metadata["input_tokens"] == len(LOOKUP)
    assert answered.usage_metadata["output_tokens"] == len(answered.content)
    assert answered.additional_kwargs.get("refusal") is None
    declined = model.invoke(DECLINED)
    assert "没有规定" in declined.additional_kwargs["refusal"]


def test_langchain_stream_with_usage(server_url: str) -> None:
    model = chat_model(server_url, stream_usage=True)
    chunks = list(model.stream("第三条讲什么？"))
    total = chunks[0]
    for chunk in chunks[1:]:
        total += chunk
    assert isinstance(total, AIMessageChunk)
    assert "依据：【第三条】" in total.content
    usage = total.usage_metadata
    assert usage["input_tokens"] == len("第三条讲什么？")
    assert usage["output_tokens"] == len(total.content)
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]


def test_langchain_unsupported_requests_raise(server_url: str) -> None:
    with pytest.raises(openai.BadRequestError) as several:
        chat_model(server_url, n=2).invoke(LOOKUP)
    assert several.value.param == "n"

    def lookup(article: int) -> str:
        """Look an article up."""
        return str(article)

    with pytest.raises(openai.BadRequestError) as tools:
        chat_model(server_url).bind_tools([lookup]).invoke(LOOKUP)
    assert tools.value.param == "tools"
