"""``POST /api/chat`` and ``POST /api/chat/stream`` (server-sent events)."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from ui.api.chatting import SSE_HEADERS, ChatOutcome, answer_pieces, run_chat, sse
from ui.api.deps import AssistantDep, RequestKeyDep, StoreDep
from ui.api.errors import BODY_ERRORS, error_responses
from ui.api.models import ChatRequest, ChatResponse, StreamDelta

router = APIRouter(prefix="/api", tags=["chat"])


def _response(outcome: ChatOutcome) -> ChatResponse:
    return ChatResponse(
        **outcome.reply.answer.model_dump(), session_id=outcome.reply.session_id, message_id=outcome.message_id
    )


@router.post("/chat", summary="提问（可多轮）", responses=error_responses(*BODY_ERRORS, 503))
def chat(body: ChatRequest, assistant: AssistantDep, store: StoreDep, request_key: RequestKeyDep) -> ChatResponse:
    """Answer a question; pass the returned ``session_id`` back to continue the conversation.

    A ``session_id`` the server did not issue starts a new session, under a new id returned here.
    The same message sent again under the same ``Idempotency-Key`` (or the proxy's ``X-Request-ID``)
    in the same session gets the stored answer back and is not stored twice.
    """
    return _response(run_chat(assistant, store, body.message, body.session_id, request_key))


@router.post(
    "/chat/stream",
    summary="提问，以 SSE 流式返回",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}, **error_responses(*BODY_ERRORS, 503)},
)
async def chat_stream(
    body: ChatRequest, assistant: AssistantDep, store: StoreDep, request_key: RequestKeyDep
) -> StreamingResponse:
    """Stream ``{"type":"delta","text":…}`` per sentence or line, then ``{"type":"final", …}``.

    The answer is computed (in the threadpool) before the stream starts, so an invalid message
    still gets a plain 422 JSON response.
    """
    outcome = await run_in_threadpool(run_chat, assistant, store, body.message, body.session_id, request_key)
    final = _response(outcome)

    def events() -> Iterator[str]:
        for piece in answer_pieces(final.answer):
            yield sse(StreamDelta(text=piece).model_dump(mode="json"))
        yield sse({"type": "final", **final.model_dump(mode="json")})

    return StreamingResponse(events(), media_type="text/event-stream", headers=SSE_HEADERS)
