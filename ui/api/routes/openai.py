"""OpenAI-compatible ``POST /v1/chat/completions`` (plain and streamed) and ``GET /v1/models``.

Any OpenAI client can use the assistant by pointing its base URL at ``http://host:port/v1``.
The message text ends with the citations (「依据：【第三条】…」); the structured citations
and tool results ride along on the message (see :mod:`ui.api.openai_models`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer, Citation
from ui.api.chatting import SSE_HEADERS, ChatOutcome, answer_pieces, sse
from ui.api.conversation import answer_conversation, read_conversation
from ui.api.deps import AssistantDep, StoreDep
from ui.api.errors import BODY_ERRORS, error_responses
from ui.api.openai_models import (
    MODEL_ID,
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

router = APIRouter(prefix="/v1", tags=["openai"])


def citation_label(citation: Citation, knowledge: Knowledge) -> str:
    """「【第三条】引导社会资本“投早”“投小”」 for a policy article; 「《文件》第X条」 for another document."""
    if citation.document is None and citation.article is not None:
        article = knowledge.articles.get(citation.article)
        number = article.number_cn if article else str(citation.article)
        return f"【第{number}条】{citation.title}"
    document = knowledge.document_title(citation.document) if citation.document else ""
    clause = f"第{citation.article}条" if citation.article is not None else ""
    return f"《{document}》{clause}{citation.title}"


def basis_suffix(answer: Answer, knowledge: Knowledge) -> str:
    """The text appended to the answer after a blank line: 「依据：【第三条】…；【第十四条】…」, or nothing."""
    if not answer.citations:
        return ""
    labels = list(dict.fromkeys(citation_label(c, knowledge) for c in answer.citations))
    return "\n\n依据：" + "；".join(labels)


def _completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def _usage(request: ChatCompletionRequest, content: str) -> Usage:
    prompt = sum(len(m.text()) for m in request.messages)
    return Usage(prompt_tokens=prompt, completion_tokens=len(content), total_tokens=prompt + len(content))


def _completion(request: ChatCompletionRequest, outcome: ChatOutcome, knowledge: Knowledge) -> ChatCompletion:
    answer = outcome.reply.answer
    content = answer.answer + basis_suffix(answer, knowledge)
    message = OutputMessage(
        content=content,
        refusal=answer.answer if answer.refused else None,
        answerability=answer.answerability,
        citations=answer.citations,
        tool_results=answer.tool_calls,
    )
    return ChatCompletion(
        id=_completion_id(),
        created=int(time.time()),
        choices=[Choice(message=message)],
        usage=_usage(request, content),
        session_id=outcome.reply.session_id,
    )


def _chunks(outcome: ChatOutcome, knowledge: Knowledge) -> Iterator[str]:
    answer = outcome.reply.answer
    completion_id, created, session_id = _completion_id(), int(time.time()), outcome.reply.session_id

    def chunk(delta: ChunkDelta, finish: bool = False) -> str:
        choice = ChunkChoice(delta=delta, finish_reason="stop" if finish else None)
        body = ChatCompletionChunk(id=completion_id, created=created, choices=[choice], session_id=session_id)
        data = body.model_dump(mode="json")
        data["choices"][0]["delta"] = delta.model_dump(mode="json", exclude_none=True)
        return sse(data)

    yield chunk(ChunkDelta(role="assistant", content=""))
    for piece in answer_pieces(answer.answer + basis_suffix(answer, knowledge)):
        yield chunk(ChunkDelta(content=piece))
    last = ChunkDelta(citations=answer.citations, tool_results=answer.tool_calls, answerability=answer.answerability)
    yield chunk(last, finish=True)
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
    body: ChatCompletionRequest, assistant: AssistantDep, store: StoreDep
) -> JSONResponse | StreamingResponse:
    """Answer the last user message; ``"stream": true`` sends ``chat.completion.chunk`` events then ``[DONE]``."""
    conversation = read_conversation(body)
    outcome = await run_in_threadpool(answer_conversation, assistant, store, conversation)
    if body.stream:
        chunks = _chunks(outcome, assistant.knowledge)
        return StreamingResponse(chunks, media_type="text/event-stream", headers=SSE_HEADERS)
    return JSONResponse(_completion(body, outcome, assistant.knowledge).model_dump(mode="json"))


@router.get("/models", summary="可用模型")
def list_models() -> ModelList:
    """The one model this server offers."""
    return ModelList(data=[ModelCard(id=MODEL_ID)])
