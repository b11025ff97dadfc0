"""The OpenAI chat-completions wire format, as far as ``/v1/chat/completions`` and ``/v1/models`` use it.

Sampling fields (temperature, top_p, seed, max_tokens, stop, …) are accepted and ignored: the
grounded answerer is deterministic and its answers are never cut short (a cut answer would lose
its sources). Fields asking for something it cannot do (``n`` > 1, tools, logprobs, JSON output,
audio) are declared here so the schema shows them, and refused with a 400 by
:mod:`ui.api.openai_params`. Responses add ``citations``, ``tool_results`` and ``answerability``
to the assistant message; the tool results are not named ``tool_calls`` because OpenAI clients
read that field as a request to run functions on the client's side.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from assistant.schemas import Answerability, Citation, ToolCall
from ui.api.fields import SessionId, UserText

MODEL_ID = "policy-assistant"
MAX_MESSAGES = 200


class ContentPart(BaseModel):
    """One part of a multi-part message; only ``text`` parts carry words we read."""

    model_config = ConfigDict(extra="allow")

    type: str
    text: UserText | None = None


class InputMessage(BaseModel):
    """One message of the conversation sent by the client."""

    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: UserText | list[ContentPart] | None = None

    def text(self) -> str:
        """The message's text; text parts are joined (a user message's other parts are refused with a 400)."""
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text or "" for part in self.content if part.type in ("text", "input_text"))


class StreamOptions(BaseModel):
    """``stream_options``: ``include_usage`` adds a last chunk with the usage and no choices."""

    model_config = ConfigDict(extra="allow")

    include_usage: StrictBool | None = None


_REFUSED = "不支持，传入即返回 400"


class ChatCompletionRequest(BaseModel):
    """``POST /v1/chat/completions``; the extra ``session_id`` (one the server returned) continues that session.

    ``user`` is accepted as OpenAI defines it (who the end user is) and never selects a session.
    """

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {"model": MODEL_ID, "messages": [{"role": "user", "content": "第十四条主要讲什么？"}]},
                {"model": MODEL_ID, "messages": [{"role": "user", "content": "第三条讲什么？"}], "stream": True},
            ]
        },
    )

    model: str = MODEL_ID
    messages: list[InputMessage] = Field(..., min_length=1, max_length=MAX_MESSAGES)
    stream: StrictBool = False
    user: Annotated[UserText, Field(max_length=256)] | None = Field(None, description="终端用户标识；不影响会话")
    session_id: SessionId | None = Field(
        None, description="扩展字段：上一次响应返回的 session_id；不是本服务器发出的编号时按消息新建会话"
    )
    stream_options: StreamOptions | None = Field(None, description="只能与 stream: true 一起使用")
    n: Annotated[StrictInt, Field(ge=1)] | None = Field(None, description="只能为 1")
    tools: list[dict[str, Any]] | None = Field(None, description=f"函数调用：{_REFUSED}（空数组可以）")
    functions: list[dict[str, Any]] | None = Field(None, description=f"旧式函数调用：{_REFUSED}（空数组可以）")
    tool_choice: str | dict[str, Any] | None = Field(None, description="只能为 none 或 auto")
    function_call: str | dict[str, Any] | None = Field(None, description="只能为 none 或 auto")
    logprobs: StrictBool | None = Field(None, description="只能为 false")
    top_logprobs: Annotated[StrictInt, Field(ge=0, le=20)] | None = Field(None, description="只能为 0")
    response_format: dict[str, Any] | None = Field(None, description='只能为 {"type": "text"}')
    modalities: list[str] | None = Field(None, description='只能为 ["text"]')
    audio: dict[str, Any] | None = Field(None, description=f"语音输出：{_REFUSED}")
    web_search_options: dict[str, Any] | None = Field(None, description=f"联网搜索：{_REFUSED}")


class Usage(BaseModel):
    """Sizes in characters: Unicode code points of the messages' text and of the answer's content.

    The grounded answerer runs no language model, so there are no model tokens to count; one
    Chinese character is roughly one token of common tokenizers, close enough for quotas and logs.
    """

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class UrlCitation(BaseModel):
    """Where a cited article can be read, and the marker in the content that cites it."""

    url: str = Field(..., description="条款的接口地址，如 http://host/api/articles/3")
    title: str = Field(..., description="条款标签，如「【第三条】引导社会资本“投早”“投小”」")
    start_index: int = Field(..., description="引用标记在 content 中的起始位置（按字符计）")
    end_index: int = Field(..., description="引用标记之后的位置：content[start_index:end_index] 即标记")


class Annotation(BaseModel):
    """One OpenAI ``url_citation`` annotation."""

    type: Literal["url_citation"] = "url_citation"
    url_citation: UrlCitation


class OutputMessage(BaseModel):
    """The assistant's message, with the structured grounding beside the text."""

    role: Literal["assistant"] = "assistant"
    content: str
    refusal: str | None = Field(None, description="拒答（refused 为 true）时为回答文字，否则为 null")
    annotations: list[Annotation] = Field(default_factory=list, description="正文中每个条款引用标记的出处链接")
    answerability: Answerability = Field("answered", description="answered / not_in_text / out_of_scope（扩展字段）")
    citations: list[Citation] = Field(default_factory=list)
    tool_results: list[ToolCall] = Field(default_factory=list, description="本意见测算工具的调用与结果")


class Choice(BaseModel):
    """The single choice of a completion."""

    index: int = 0
    message: OutputMessage
    finish_reason: Literal["stop"] = "stop"
    logprobs: None = None


class ChatCompletion(BaseModel):
    """A ``chat.completion`` object."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str = MODEL_ID
    choices: list[Choice]
    usage: Usage
    session_id: str
    system_fingerprint: str | None = None


class ChunkDelta(BaseModel):
    """What one stream chunk adds."""

    role: Literal["assistant"] | None = None
    content: str | None = None
    refusal: str | None = None
    annotations: list[Annotation] | None = None
    citations: list[Citation] | None = None
    tool_results: list[ToolCall] | None = None
    answerability: Answerability | None = None


class ChunkChoice(BaseModel):
    """The single choice of a stream chunk."""

    index: int = 0
    delta: ChunkDelta
    finish_reason: Literal["stop"] | None = None
    logprobs: None = None


class ChatCompletionChunk(BaseModel):
    """A ``chat.completion.chunk`` object."""

    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str = MODEL_ID
    choices: list[ChunkChoice] = Field(..., description="带用量的最后一块为空数组")
    session_id: str
    usage: Usage | None = Field(None, description="仅在 stream_options.include_usage 为 true 时出现")


class ModelCard(BaseModel):
    """One entry of ``/v1/models``."""

    id: str = MODEL_ID
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "policy-assistant"


class ModelList(BaseModel):
    """``GET /v1/models``."""

    object: Literal["list"] = "list"
    data: list[ModelCard]
