"""The OpenAI chat-completions wire format, as far as ``/v1/chat/completions`` and ``/v1/models`` use it.

Unknown request fields (temperature, top_p, …) are accepted and ignored: the grounded answerer
is deterministic. Responses add ``citations`` and ``tool_results`` to the assistant message;
they are not named ``tool_calls`` because OpenAI clients read that field as a request to run
functions on the client's side.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from assistant.schemas import Answerability, Citation, ToolCall
from ui.api.models import SessionId, UserText

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
        """The message's text; text parts are joined, other parts (images) are skipped."""
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text or "" for part in self.content if part.type in ("text", "input_text"))


class ChatCompletionRequest(BaseModel):
    """``POST /v1/chat/completions``; ``user`` or the extra ``session_id`` pins the session."""

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
    user: Annotated[UserText, Field(max_length=256)] | None = None
    session_id: SessionId | None = None


class Usage(BaseModel):
    """Sizes in characters (the grounded answerer has no tokenizer)."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class OutputMessage(BaseModel):
    """The assistant's message, with the structured grounding beside the text."""

    role: Literal["assistant"] = "assistant"
    content: str
    refusal: str | None = None
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
    choices: list[ChunkChoice]
    session_id: str


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
