"""The 政策问答 tab's handlers: one chat turn streamed sentence by sentence, and feedback.

:func:`chat_turn` is a generator Gradio streams: it shows the question at once, then the
answer growing a sentence at a time, and finally the answer with its calculator steps and
citation cards. The session id travels in ``gr.State`` so follow-up questions share a session.

Example:
    >>> for history, session_id in chat_turn(assistant, "第十四条主要讲什么？", [], None):  # doctest: +SKIP
    ...     pass
    >>> 'data-article="14"' in history[-1]["content"]  # doctest: +SKIP
    True
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from assistant.service import MessageError, PolicyAssistant
from corpus.registry import Registry
from ui.web.citations import answer_extras
from ui.web.markup import escape

FeedbackHandler = Callable[[str, int, str | None], None]
"""``on_feedback(session_id, rating, comment)``: rating is 1 (👍) or -1 (👎), comment may be None."""

Message = dict[str, Any]

THINKING = "正在查阅政策原文……"
_BREAKS = "。；！？\n"
_CLOSERS = "”’）)」』"
MAX_COMMENT_CHARS = 500


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


def answer_markdown(text: str) -> str:
    """The answer's text for the chat: HTML-escaped, line breaks kept (Markdown renders them)."""
    return escape(text)


# A decline looks different from an answer: a badge says which of the two it is.
OUTCOME_BADGES = {
    "not_in_text": "原文未规定所问事项",
    "out_of_scope": "不在本政策范围内",
}


def outcome_badge(answerability: str) -> str:
    """``<p class="answer-outcome outcome-not_in_text">…</p>`` for a decline, "" for an answer."""
    label = OUTCOME_BADGES.get(answerability)
    if label is None:
        return ""
    return f'<p class="answer-outcome outcome-{answerability}" data-answerability="{answerability}">{label}</p>\n\n'


def chat_turn(
    assistant: PolicyAssistant,
    message: str | None,
    history: list[Message] | None,
    session_id: str | None,
    *,
    registry: Registry | None = None,
    delay: float = 0.0,
) -> Iterator[tuple[list[Message], str | None]]:
    """Answer one message, yielding the chat history as it grows.

    Args:
        assistant: The assistant.
        message: The user's message.
        history: The chat so far (Gradio's messages format).
        session_id: The browser session's id, None before the first answer.
        registry: For listing the documents each cited article refers to.
        delay: Seconds to wait between streamed sentences.

    Yields:
        ``(history, session_id)``: first with the question and a placeholder, then once per
        sentence, last with the whole answer followed by its calculator steps and citation cards.
    """
    history = list(history or [])
    text = (message or "").strip()
    if not text:
        yield list(history), session_id
        return
    history.append({"role": "user", "content": escape(text)})
    history.append({"role": "assistant", "content": THINKING})
    yield list(history), session_id
    try:
        reply = assistant.chat(text, session_id)
    except MessageError as exc:
        history[-1] = {"role": "assistant", "content": f"抱歉，无法回答：{escape(str(exc))}"}
        yield list(history), session_id
        return
    shown = ""
    badge = outcome_badge(reply.answer.answerability)
    for piece in stream_pieces(reply.answer.answer):
        shown += piece
        history[-1] = {"role": "assistant", "content": badge + answer_markdown(shown)}
        yield list(history), reply.session_id
        if delay:
            time.sleep(delay)
    extras = answer_extras(reply.answer, assistant.knowledge, registry)
    final = badge + answer_markdown(reply.answer.answer) + (f"\n\n{extras}" if extras else "")
    history[-1] = {"role": "assistant", "content": final}
    yield list(history), reply.session_id


def feedback_rating(liked: object) -> int | None:
    """Gradio's like value as a rating: 1 for 👍, -1 for 👎, None for anything else (e.g. undo)."""
    if liked is True or (isinstance(liked, str) and liked.lower() == "like"):
        return 1
    if liked is False or (isinstance(liked, str) and liked.lower() == "dislike"):
        return -1
    return None


def record_feedback(
    on_feedback: FeedbackHandler | None, session_id: str | None, liked: object, comment: str | None
) -> str:
    """Pass a 👍/👎 on an answer to ``on_feedback``; the message to show the user.

    Args:
        on_feedback: The callable the page was built with (None: feedback is not recorded).
        session_id: The browser session's id.
        liked: ``gr.LikeData.liked``.
        comment: The optional comment typed beside the chat.

    Returns:
        A short Chinese status line.
    """
    rating = feedback_rating(liked)
    if rating is None:
        return "已取消评价。"
    if not session_id:
        return "请先提问，再对回答评价。"
    note = (comment or "").strip()[:MAX_COMMENT_CHARS] or None
    if on_feedback is not None:
        on_feedback(session_id, rating, note)
    return "感谢反馈，已记录您的好评。" if rating > 0 else "感谢反馈，已记录，我们会改进。"
