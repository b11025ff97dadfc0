"""One chat turn as the endpoints run it (answer, remember the message id, log the query), and SSE helpers."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Any

from assistant.service import ChatReply, PolicyAssistant
from assistant.storage import SqlSessionStore

# A piece ends after a sentence end (with any closing quote) and its line break, or at a line break.
_PIECE_END = re.compile(r"[。；！？!?][”’」』）)]*\n?|\n")

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


@dataclass(frozen=True)
class ChatOutcome:
    """A reply with the id of its stored answer message and how long it took."""

    reply: ChatReply
    message_id: int | None
    latency_ms: float


def run_chat(
    assistant: PolicyAssistant,
    store: SqlSessionStore,
    message: str,
    session_id: str | None,
    request_id: str | None = None,
) -> ChatOutcome:
    """Answer one message in a session and log the query (anonymised).

    Blocking and CPU-bound: call it from a threadpool thread (plain ``def`` endpoints, or
    ``run_in_threadpool``). The answer's message id is read in the same thread that saved it.

    Args:
        assistant: The assistant (its session store should be ``store``).
        store: Where the query log and the message ids are.
        message: The user's message.
        session_id: The session a client names, or None for a new one; an id the server did not
            issue starts a new session too (the reply names its id).
        request_id: The request's key (see :func:`ui.api.deps.get_request_key`): a retry of a
            stored turn gets its answer and message id back, and is not logged again.

    Returns:
        The outcome.

    Raises:
        MessageError: The message is empty or too long.
    """
    store.take_last_exchange()  # forget anything an earlier request on this thread left
    started = time.perf_counter()
    reply = assistant.chat_issued(message, session_id, request_id)
    latency_ms = (time.perf_counter() - started) * 1000
    saved = store.take_last_exchange()
    message_id = saved.answer_message_id if saved is not None and saved.session_id == reply.session_id else None
    answer = reply.answer
    if reply.replayed:
        return ChatOutcome(reply=reply, message_id=message_id, latency_ms=latency_ms)
    store.log_query(
        message,
        intent=answer.intent,
        refused=answer.refused,
        latency_ms=latency_ms,
        cited_articles=[c.article for c in answer.citations if c.article is not None],
    )
    return ChatOutcome(reply=reply, message_id=message_id, latency_ms=latency_ms)


def answer_pieces(text: str) -> list[str]:
    """Split an answer into sentences and lines for streaming; joined they give ``text`` back exactly.

    >>> answer_pieces("甲。乙；丙")
    ['甲。', '乙；', '丙']
    """
    pieces: list[str] = []
    start = 0
    for match in _PIECE_END.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return [p for p in pieces if p]


def sse(data: dict[str, Any] | str) -> str:
    """One server-sent event carrying JSON (or a literal such as ``[DONE]``)."""
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"data: {payload}\n\n"
