"""OpenAI-compatible ``POST /v1/chat/completions`` (plain and streamed), ``GET /v1/models`` and ``/v1/models/{id}``.

Any OpenAI client can use the assistant by pointing its base URL at ``http://host:port/v1``.
The message text ends with the citations (「依据：【第三条】…」), each marker linked to its article
by a ``url_citation`` annotation (:mod:`ui.api.openai_sources`); the structured citations and
tool results ride along on the message (see :mod:`ui.api.openai_models`). Requests for what the
assistant cannot do are refused with a 400 (:mod:`ui.api.openai_params`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.retrieve.knowledge import Knowledge
from ui.api.chatting import SSE_HEADERS, ChatOutcome, answer_pieces, sse
from ui.api.conversation import answer_conversation, read_conversation
from ui.api.deps import AssistantDep, RequestKeyDep, ServicesDep, StoreDep
from ui.api.errors import BODY_ERRORS, ApiError, error_responses
from ui.api.openai_models import (
    MODEL_ID,
    Annotation,
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionRequest,
    Choice,
    ChunkChoice,
    ChunkDelta,
    ModelCard,
    ModelList,
    OutputMessage,
    Usage,
)
from ui.api.openai_params import check_supported
from ui.api.openai_sources import basis_suffix, url_annotations

router = APIRouter(prefix="/v1", tags=["openai"])


@dataclass(frozen=True)
class Reply:
    """What both response shapes send: the content with its sources, their annotations, the usage."""

    outcome: ChatOutcome
    content: str
    annotations: list[Annotation]
    usage: Usage

    @property
    def refusal(self) -> str | None:
        """The answer's text when the assistant declined, else None (OpenAI's ``refusal``)."""
        answer = self.outcome.reply.answer
        return answer.answer if answer.refused else None


def _reply(request: ChatCompletionRequest, outcome: ChatOutcome, knowledge: Knowledge, base_url: str) -> Reply:
    answer = outcome.reply.answer
    content = answer.answer + basis_suffix(answer, knowledge)
    prompt = sum(len(m.text()) for m in request.messages)
    usage = Usage(prompt_tokens=prompt, completion_tokens=len(content), total_tokens=prompt + len(content))
    return Reply(outcome, content, url_annotations(content, answer, knowledge, base_url), usage)


def _completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def _completion(reply: Reply) -> ChatCompletion:
    answer = reply.outcome.reply.answer
    message = OutputMessage(
        content=reply.content,
        refusal=reply.refusal,
        annotations=reply.annotations,
        answerability=answer.answerability,
        citations=answer.citations,
        tool_results=answer.tool_calls,
    )
    return ChatCompletion(
        id=_completion_id(),
        created=int(time.time()),
        choices=[Choice(message=message)],
        usage=reply.usage,
        session_id=reply.outcome.reply.session_id,
    )


def _chunks(reply: Reply, include_usage: bool) -> Iterator[str]:
    """The stream: role, content pieces, grounding with ``finish_reason``, then (asked for) the usage."""
    answer = reply.outcome.reply.answer
    completion_id, created, session_id = _completion_id(), int(time.time()), reply.outcome.reply.session_id

    def chunk(choices: list[ChunkChoice], usage: Usage | None = None) -> str:
        body = ChatCompletionChunk(id=completion_id, created=created, choices=choices, session_id=session_id)
        data = body.model_dump(mode="json")
        for sent, choice in zip(data["choices"], choices, strict=True):
            sent["delta"] = choice.delta.model_dump(mode="json", exclude_none=True)
        # As OpenAI: with include_usage every chunk has ``usage`` (null but on the last); without, none has.
        if include_usage:
            data["usage"] = usage.model_dump(mode="json") if usage is not None else None
        else:
            data.pop("usage")
        return sse(data)

    def delta(part: ChunkDelta, finish: bool = False) -> str:
        return chunk([ChunkChoice(delta=part, finish_reason="stop" if finish else None)])

    yield delta(ChunkDelta(role="assistant", content=""))
    for piece in answer_pieces(reply.content):
        yield delta(ChunkDelta(content=piece))
    last = ChunkDelta(
        refusal=reply.refusal,
        annotations=reply.annotations,
        citations=answer.citations,
        tool_results=answer.tool_calls,
        answerability=answer.answerability,
    )
    yield delta(last, finish=True)
    if include_usage:
        yield chunk([], reply.usage)
    yield sse("[DONE]")


@router.post(
    "/chat/completions",
    summary="OpenAI 兼容的对话接口",
    response_model=ChatCompletion,
    responses={
        200: {
            "description": "stream 为 false：JSON 的 chat.completion；为 true：chat.completion.chunk 事件流",
            "content": {"text/event-stream": {}},
        },
        **error_responses(*BODY_ERRORS, 503),
    },
)
async def chat_completions(
    body: ChatCompletionRequest,
    request: Request,
    assistant: AssistantDep,
    store: StoreDep,
    services: ServicesDep,
    request_key: RequestKeyDep,
) -> JSONResponse | StreamingResponse:
    """Answer the last user message; ``"stream": true`` sends ``chat.completion.chunk`` events then ``[DONE]``.

    ``n`` > 1, tools, logprobs, JSON output and audio are refused with a 400 (OpenAI's error shape).
    """
    check_supported(body)
    conversation = read_conversation(body)
    outcome = await run_in_threadpool(
        answer_conversation, assistant, store, conversation, services.sign_in.secret, request_key
    )
    reply = _reply(body, outcome, assistant.knowledge, str(request.base_url))
    if body.stream:
        include_usage = bool(body.stream_options and body.stream_options.include_usage)
        return StreamingResponse(_chunks(reply, include_usage), media_type="text/event-stream", headers=SSE_HEADERS)
    return JSONResponse(_completion(reply).model_dump(mode="json"))


@router.get("/models", summary="可用模型")
def list_models() -> ModelList:
    """The one model this server offers."""
    return ModelList(data=[ModelCard(id=MODEL_ID)])


@router.get("/models/{model_id}", summary="单个模型", responses=error_responses(404))
def get_model(model_id: str) -> ModelCard:
    """The model ``model_id``; any other id is a 404 with OpenAI's ``model_not_found``."""
    if model_id != MODEL_ID:
        raise ApiError(
            404,
            f"模型「{model_id}」不存在：本服务只提供「{MODEL_ID}」。",
            openai={"type": "invalid_request_error", "param": "model", "code": "model_not_found"},
        )
    return ModelCard(id=MODEL_ID)
