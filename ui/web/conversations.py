"""This browser's past conversations: the list kept in its localStorage, and reopening one.

The list lives in the browser (``gr.BrowserState``), newest first, one ``{"id", "title"}`` per
conversation: the session id the server issued and the first question as its title. Reopening
asks the server for that session's transcript and shows it as it was answered; the next
question continues the same server session. Deleting removes a conversation from this
browser's list (the server keeps its transcript, as it keeps every session's).

The list comes back from the browser, so it is read defensively: anything that is not a
conversation is dropped.

Example:
    >>> remember([], "s1", "第十四条主要讲什么？")
    [{'id': 's1', 'title': '第十四条主要讲什么？'}]
"""

from __future__ import annotations

from typing import Any

from assistant.retrieve.knowledge import Knowledge
from corpus.registry import Registry
from ui.web.answer_text import markdown_escape
from ui.web.chat import Message, answer_message, user_message
from ui.web.records import ChatRecords

Conversation = dict[str, str]

MAX_CONVERSATIONS = 50
TITLE_CHARS = 30
SESSION_ID_CHARS = 64
# The key and secret of the list in localStorage. Gradio's default secret is new at every start,
# which would lose the list at a restart or on another replica; the list holds only what this
# browser's user typed, and Gradio hands the secret to the page anyway, so a fixed one costs nothing.
STORAGE_KEY = "zhengce-conversations"
STORAGE_SECRET = "zhengce-conversations-v1"


def conversation_title(question: str) -> str:
    """The first question, on one line, shortened to :data:`TITLE_CHARS` characters."""
    text = " ".join(question.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def conversation_list(value: Any) -> list[Conversation]:
    """The stored list, keeping only well-formed entries (at most :data:`MAX_CONVERSATIONS`)."""
    items: list[Conversation] = []
    seen: set[str] = set()
    for entry in value if isinstance(value, list) else []:
        if not isinstance(entry, dict):
            continue
        session_id, title = entry.get("id"), entry.get("title")
        if not isinstance(session_id, str) or not isinstance(title, str) or not session_id.strip():
            continue
        if len(session_id) > SESSION_ID_CHARS or session_id in seen:
            continue
        seen.add(session_id)
        items.append({"id": session_id, "title": conversation_title(title) or "（无标题）"})
    return items[:MAX_CONVERSATIONS]


def remember(value: Any, session_id: str, question: str) -> list[Conversation]:
    """The list with ``session_id`` first: titled by ``question`` when new, its old title kept otherwise."""
    items = conversation_list(value)
    known = next((c for c in items if c["id"] == session_id), None)
    entry = known or {"id": session_id, "title": conversation_title(question) or "（无标题）"}
    return [entry, *(c for c in items if c["id"] != session_id)][:MAX_CONVERSATIONS]


def forget(value: Any, session_id: str) -> list[Conversation]:
    """The list without ``session_id``."""
    return [c for c in conversation_list(value) if c["id"] != session_id]


def title_of(value: Any, session_id: str | None) -> str | None:
    """The title of ``session_id`` in the list, if it is there."""
    return next((c["title"] for c in conversation_list(value) if c["id"] == session_id), None)


def reopen(
    records: ChatRecords, knowledge: Knowledge, session_id: str, registry: Registry | None = None
) -> list[Message] | None:
    """The conversation's messages as the chat shows them, from the server's transcript.

    Args:
        records: The server's session store.
        knowledge: For the answers' cards and suggestions.
        session_id: The conversation to reopen.
        registry: For listing the documents each cited article refers to.

    Returns:
        The messages (each answer with its stored message id, so feedback still reaches it), or
        None when the server no longer has the session.
    """
    history = records.history(session_id)
    if history is None:
        return None
    messages: list[Message] = []
    asked: list[str] = []
    for stored in history.messages:
        if stored.role == "user":
            asked.append(stored.content)
            messages.append(user_message(stored.content))
        elif stored.answer is not None:
            messages.append(answer_message(stored.answer, knowledge, registry, message_id=stored.id, asked=asked))
        else:
            messages.append({"role": "assistant", "content": markdown_escape(stored.content)})
    return messages
