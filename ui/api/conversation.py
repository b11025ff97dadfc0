"""OpenAI-style stateless conversations mapped onto the assistant's sessions.

An OpenAI client resends the whole conversation each time. The question is the last ``user``
message; the session that answers it is found in one of two ways:

* ``session_id`` (extra field) naming a session this server issued: that session continues.
* otherwise (no ``session_id``, or one the server never issued): the session is keyed by the user
  messages, so each turn forks the previous turn's session (``key(u1..un)`` → ``key(u1..un+1)``).
  The earlier turns' facts (e.g. an amount stated in turn 1) carry over, and regenerating an
  answer starts again from the same state instead of applying the question twice. A
  conversation the server has never seen (another server, a pruned database) is replayed from
  its user messages.

OpenAI's ``user`` field names the client's end user for abuse tracking; it never selects a
session. The key is an HMAC under the server's secret, so nobody who knows (or guesses) a
conversation's text can compute its session id and read its transcript; replicas sharing
``POLICY_SECRET_KEY`` find the same sessions.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.service import PolicyAssistant
from assistant.session import SessionState
from assistant.storage import SqlSessionStore
from ui.api.chatting import ChatOutcome, run_chat
from ui.api.errors import ApiError
from ui.api.openai_models import ChatCompletionRequest


@dataclass(frozen=True)
class Conversation:
    """The question, the user turns before it, and where the answer's session comes from."""

    question: str
    earlier: list[str]
    explicit_session: str | None


def read_conversation(request: ChatCompletionRequest) -> Conversation:
    """Pick the question (last user message) and the earlier user turns.

    Raises:
        ApiError: No user message with text.
    """
    user_turns = [m.text() for m in request.messages if m.role == "user"]
    if not user_turns or not user_turns[-1].strip():
        raise ApiError(422, "messages 中最后一条 user 消息不能为空。")
    return Conversation(question=user_turns[-1], earlier=user_turns[:-1], explicit_session=request.session_id)


def conversation_session_id(key: str, user_turns: Sequence[str]) -> str:
    """The session id of a conversation whose user turns are ``user_turns``, under the server's ``key``."""
    payload = json.dumps(["turns", *user_turns], ensure_ascii=False).encode("utf-8")
    digest = hmac.new(key.encode("utf-8"), payload, hashlib.sha256).hexdigest()
    return f"oa-{digest[:40]}"


def answer_conversation(
    assistant: PolicyAssistant,
    store: SqlSessionStore,
    conversation: Conversation,
    key: str,
    request_id: str | None = None,
) -> ChatOutcome:
    """Answer the conversation's question in the session it maps to (blocking; run in a threadpool).

    Args:
        assistant: The assistant.
        store: The session store.
        conversation: The question and the user turns before it.
        key: The server's secret, keying the ids of conversations that name no issued session.
        request_id: The request's key: a retry of a stored turn gets its answer back.
    """
    explicit = conversation.explicit_session
    if explicit is not None and store.exists(explicit):
        return run_chat(assistant, store, conversation.question, explicit, request_id)

    base_state = SessionState()
    if conversation.earlier:
        base_id = conversation_session_id(key, conversation.earlier)
        loaded = store.load(base_id)
        if loaded is None:
            _replay(assistant, base_id, conversation.earlier)
            loaded = store.load(base_id)
        base_state = loaded or SessionState()
    session_id = conversation_session_id(key, [*conversation.earlier, conversation.question])
    # A retry of a stored turn keeps the state that turn left (resetting it would drop its facts).
    if request_id is None or store.replay(session_id, request_id, conversation.question.strip()) is None:
        store.put_state(session_id, base_state)
    return run_chat(assistant, store, conversation.question, session_id, request_id)


def _replay(assistant: PolicyAssistant, session_id: str, turns: Sequence[str]) -> None:
    for turn in turns:
        if turn.strip():
            assistant.chat(turn, session_id)
