"""OpenAI-style stateless conversations mapped onto the assistant's sessions.

An OpenAI client resends the whole conversation each time. The question is the last ``user``
message; the session that answers it is found in one of two ways:

* ``session_id`` (extra field) or ``user`` given: that session (``user`` is hashed into an id).
  When it does not exist yet, the earlier user messages are replayed into it first.
* neither: the session is keyed by a hash of the user messages, so each turn forks the
  previous turn's session (``key(u1..un)`` → ``key(u1..un+1)``). The earlier turns' facts
  (e.g. an amount stated in turn 1) carry over, and regenerating an answer starts again from
  the same state instead of applying the question twice. A conversation the server has never
  seen (another server, a pruned database) is replayed from its user messages.
"""

from __future__ import annotations

import hashlib
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
    explicit = request.session_id or (_hashed_id("user", [request.user]) if request.user else None)
    return Conversation(question=user_turns[-1], earlier=user_turns[:-1], explicit_session=explicit)


def _hashed_id(kind: str, parts: Sequence[str]) -> str:
    digest = hashlib.sha256(json.dumps([kind, *parts], ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"oa-{digest[:40]}"


def conversation_session_id(user_turns: Sequence[str]) -> str:
    """The session id of a conversation whose user turns are ``user_turns``."""
    return _hashed_id("turns", list(user_turns))


def answer_conversation(assistant: PolicyAssistant, store: SqlSessionStore, conversation: Conversation) -> ChatOutcome:
    """Answer the conversation's question in the session it maps to (blocking; run in a threadpool)."""
    if conversation.explicit_session is not None:
        session_id = conversation.explicit_session
        if conversation.earlier and not store.exists(session_id):
            _replay(assistant, session_id, conversation.earlier)
        return run_chat(assistant, store, conversation.question, session_id)

    base_state = SessionState()
    if conversation.earlier:
        base_id = conversation_session_id(conversation.earlier)
        loaded = store.load(base_id)
        if loaded is None:
            _replay(assistant, base_id, conversation.earlier)
            loaded = store.load(base_id)
        base_state = loaded or SessionState()
    session_id = conversation_session_id([*conversation.earlier, conversation.question])
    store.put_state(session_id, base_state)
    return run_chat(assistant, store, conversation.question, session_id)


def _replay(assistant: PolicyAssistant, session_id: str, turns: Sequence[str]) -> None:
    for turn in turns:
        if turn.strip():
            assistant.chat(turn, session_id)
