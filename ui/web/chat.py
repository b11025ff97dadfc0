"""The 政策问答 tab's answers: one chat turn streamed sentence by sentence, and how an answer is shown.

:func:`chat_turn` is a generator Gradio streams: it shows the question at once, then the
answer growing a sentence at a time, and finally :func:`answer_message`: the answer as Markdown
(amounts bold, lists, markers linking to their cards), its calculator steps and citation cards,
the plain text the copy button copies, and the follow-up suggestions as the message's options.
The final message's ``metadata["id"]`` is the id the server stored the answer under, so a 👍/👎
on it is stored against that message. The session id travels in ``gr.State``.

Each answer starts with an empty ``div.answer-start`` (``answer-streaming`` until the last
update, then ``answer-done``): the page's script (``ui/static/chat.js``) keeps the start of the
newest answer in view while it streams, instead of its end.

Example:
    >>> for history, session_id in chat_turn(assistant, "第十四条主要讲什么？", [], None):  # doctest: +SKIP
    ...     pass
    >>> 'data-article="14"' in history[-1]["content"]  # doctest: +SKIP
    True
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer
from assistant.service import ChatReply, MessageError, PolicyAssistant
from corpus.registry import Registry
from ui.web.answer_text import OUTCOME_BADGES, answer_markdown, answer_plain, markdown_escape, markdown_unescape
from ui.web.citations import answer_extras, card_anchors
from ui.web.markup import escape
from ui.web.records import ChatRecords
from ui.web.suggest import suggest_follow_ups

Message = dict[str, Any]

THINKING = "正在查阅政策原文……"
_BREAKS = "。；！？\n"
_CLOSERS = "”’）)」』"


def stream_pieces(text: str) -> list[str]:
    """Split ``text`` after each sentence end or line break; the pieces join back to ``text``.

    >>> stream_pieces("甲。乙（丙）；丁")
    ['甲。', '乙（丙）；', '丁']
    """
    pieces: list[str] = []
    start = 0
    i = 0
    while i < len(text):
        if text[i] in _BREAKS:
            end = i + 1
            while end < len(text) and (text[end] in _CLOSERS or text[end] == "\n"):
                end += 1
            pieces.append(text[start:end])
            start = i = end
            continue
        i += 1
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def outcome_badge(answerability: str) -> str:
    """``<p class="answer-outcome outcome-not_in_text">…</p>`` for a decline, "" for an answer."""
    label = OUTCOME_BADGES.get(answerability)
    if label is None:
        return ""
    return f'<p class="answer-outcome outcome-{answerability}" data-answerability="{answerability}">{label}</p>'


def new_token() -> str:
    """A token unique to one answer on the page (its anchors and its start marker use it)."""
    return uuid.uuid4().hex[:12]


def answer_start(token: str, *, done: bool) -> str:
    """The empty marker an answer starts with; the page's script scrolls to it."""
    state = "answer-done" if done else "answer-streaming"
    return f'<div class="answer-start {state}" id="answer-{token}"></div>'


def plain_copy(text: str) -> str:
    """The copy button's text, hidden in the message (line breaks as ``&#10;`` keep it one HTML block)."""
    return f'<div class="answer-plain" style="display:none">{escape(text).replace(chr(10), "&#10;")}</div>'


def message_text(message: Message) -> str:
    """A chat message's text as written (Gradio hands content back as a list of parts)."""
    content = message.get("content")
    if isinstance(content, list):
        content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return markdown_unescape(content) if isinstance(content, str) else ""


def user_message(text: str) -> Message:
    """The user's question, shown literally (no HTML, no Markdown)."""
    return {"role": "user", "content": markdown_escape(text)}


def answer_message(
    answer: Answer,
    knowledge: Knowledge,
    registry: Registry | None = None,
    *,
    token: str | None = None,
    message_id: int | None = None,
    asked: Iterable[str] = (),
) -> Message:
    """An answer as the chat shows it once complete.

    Args:
        answer: The answer.
        knowledge: For the cited articles' cards and the suggestions.
        registry: For listing the documents each cited article refers to.
        token: Unique to this answer on the page (default: a new one).
        message_id: The id the server stored the answer under (feedback is stored against it).
        asked: The conversation's questions so far, not suggested again.

    Returns:
        A Gradio message dict with the content, ``metadata["id"]`` and the suggestions as ``options``.
    """
    token = token or new_token()
    anchors = card_anchors(answer, token)
    parts = [
        answer_start(token, done=True),
        outcome_badge(answer.answerability),
        answer_markdown(answer.answer, anchors),
        answer_extras(answer, knowledge, registry, anchors),
        plain_copy(answer_plain(answer, knowledge)),
    ]
    message: Message = {"role": "assistant", "content": "\n\n".join(p for p in parts if p)}
    if message_id is not None:
        message["metadata"] = {"id": message_id}
    suggestions = suggest_follow_ups(answer, knowledge, asked=list(asked))
    if suggestions:
        message["options"] = [{"value": s.question, "label": s.label} for s in suggestions]
    return message


def chat_turn(
    assistant: PolicyAssistant,
    message: str | None,
    history: list[Message] | None,
    session_id: str | None,
    *,
    registry: Registry | None = None,
    delay: float = 0.0,
    records: ChatRecords | None = None,
) -> Iterator[tuple[list[Message], str | None]]:
    """Answer one message, yielding the chat history as it grows.

    Args:
        assistant: The assistant.
        message: The user's message.
        history: The chat so far (Gradio's messages format).
        session_id: The browser session's id, None before the first answer.
        registry: For listing the documents each cited article refers to.
        delay: Seconds to wait between streamed sentences.
        records: The server's session store, for the stored answer's message id.

    Yields:
        ``(history, session_id)``: first with the question and a placeholder, then once per
        sentence, last with :func:`answer_message`.
    """
    history = list(history or [])
    text = (message or "").strip()
    if not text:
        yield list(history), session_id
        return
    asked = [message_text(m) for m in history if m.get("role") == "user"] + [text]
    token = new_token()
    history.append(user_message(text))
    history.append({"role": "assistant", "content": f"{answer_start(token, done=False)}\n\n{THINKING}"})
    yield list(history), session_id
    try:
        reply, message_id = _ask(assistant, records, text, session_id)
    except MessageError as exc:
        history[-1] = {"role": "assistant", "content": f"抱歉，无法回答：{markdown_escape(str(exc))}"}
        yield list(history), session_id
        return
    shown = ""
    head = "\n\n".join(p for p in (answer_start(token, done=False), outcome_badge(reply.answer.answerability)) if p)
    anchors = card_anchors(reply.answer, token)
    for piece in stream_pieces(reply.answer.answer):
        shown += piece
        history[-1] = {"role": "assistant", "content": f"{head}\n\n{answer_markdown(shown, anchors)}"}
        yield list(history), reply.session_id
        if delay:
            time.sleep(delay)
    history[-1] = answer_message(
        reply.answer, assistant.knowledge, registry, token=token, message_id=message_id, asked=asked
    )
    yield list(history), reply.session_id


def _ask(
    assistant: PolicyAssistant, records: ChatRecords | None, text: str, session_id: str | None
) -> tuple[ChatReply, int | None]:
    """The reply and the id its answer was stored under (read in the thread that stored it)."""
    # The id comes from the browser (a reopened conversation): only one the server issued continues.
    if records is None:
        return assistant.chat_issued(text, session_id), None
    records.take_last_exchange()  # forget what an earlier request on this thread left
    reply = assistant.chat_issued(text, session_id)
    saved = records.take_last_exchange()
    message_id = saved.answer_message_id if saved is not None and saved.session_id == reply.session_id else None
    return reply, message_id


def retry_question(history: list[Message], index: int) -> tuple[list[Message], str]:
    """For 重新回答: the chat before the question at ``index``, and that question's text."""
    if not 0 <= index < len(history):
        return list(history), ""
    return list(history[:index]), message_text(history[index])
