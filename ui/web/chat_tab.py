"""The 政策问答 tab's layout and events: the chat, feedback under it, and this browser's conversations.

The handlers are plain functions in ``chat``, ``feedback`` and ``conversations``; this module
only lays out components and wires them. Its look is :data:`CHAT_CSS` (part of the page's CSS).

Example:
    >>> with gr.Blocks():  # doctest: +SKIP
    ...     session_id = chat_tab(assistant, records, registry, stream_delay=0.04)
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import gradio as gr

from assistant.service import PolicyAssistant
from corpus.registry import Registry
from ui.web.chat import Message, chat_turn, retry_question
from ui.web.conversations import STORAGE_KEY, STORAGE_SECRET, remember
from ui.web.feedback import comment_rating, rate_answer
from ui.web.history_panel import history_panel
from ui.web.records import ChatRecords

EXAMPLE_QUESTIONS = (
    "我们刚拿到天使轮，投资方有奖励吗？",
    "第十四条主要讲什么？",
    "我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万，能拿多少奖励？",
    "市科技局负责哪些条款？",
)
PLACEHOLDER = "您好！我是政策通，可以解答广州市科技金融融合发展政策的问题，例如奖励条件、责任单位、条款内容。"

CHAT_CSS = """
#chatbot { min-height: 320px; }
#chatbot .answer-start { height: 0; scroll-margin-top: 8px; }
#chatbot .answer-plain { display: none !important; }
#chatbot .citation-body { scroll-margin-top: 12px; }
#chatbot .prose a[href^="#cite-"] { text-decoration: none; border-bottom: 1px dashed currentColor; }
#chatbot .prose ul, #chatbot .prose ol { margin: 0.3em 0 0.3em 1.2em; }
#chatbot .prose strong { color: #b42318; }
#feedback-comment { border: 1px dashed var(--border-color-primary); border-radius: 8px; padding: 4px 8px; }
#chat-history .history-item { flex-wrap: nowrap; gap: 4px; align-items: stretch; min-width: 0; }
/* A long first question wraps to two lines at most: one unbroken line would widen a phone's page. */
#chat-history .history-open { flex: 1 1 0; min-width: 0 !important; justify-content: flex-start; text-align: left;
  white-space: normal; overflow-wrap: anywhere; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; overflow: hidden; font-weight: normal; }
#chat-history .history-delete { flex: 0 0 auto; min-width: 3.2em; }
#chat-history .history-empty, #history-status { color: var(--body-text-color-subdued); font-size: 0.88em; }
"""


def chat_tab(
    assistant: PolicyAssistant, records: ChatRecords | None, registry: Registry, stream_delay: float
) -> gr.State:
    """Lay out the chat; returns the state holding its session id (the 特派员 tab can import it)."""
    session_id = gr.State(None)
    ratings = gr.State({})
    pending = gr.State(None)
    conversations = gr.BrowserState([], storage_key=STORAGE_KEY, secret=STORAGE_SECRET)
    with gr.Row(elem_id="chat-layout"):
        with gr.Column(scale=3, min_width=320, elem_id="chat-main"):
            chatbot = gr.Chatbot(
                label="政策问答",
                show_label=False,
                elem_id="chatbot",
                height="60vh",
                min_height=320,
                placeholder=PLACEHOLDER,
                feedback_options=("Like", "Dislike"),
                buttons=["copy"],
                # The page's script keeps a new answer's start in view; Gradio's own scrolling
                # would jump to its end.
                autoscroll=False,
                latex_delimiters=[],
            )
            with gr.Column(visible=False, elem_id="feedback-comment", variant="panel") as comment_box:
                comment = gr.Textbox(
                    label="补充意见（可选）",
                    placeholder="例如：引用的条款不对 / 希望说明申报流程",
                    max_lines=3,
                    elem_id="feedback-comment-text",
                )
                with gr.Row():
                    send_comment = gr.Button("提交意见", size="sm", variant="primary", elem_id="feedback-comment-send")
                    skip_comment = gr.Button("不用了", size="sm", elem_id="feedback-comment-skip")
            status = gr.Markdown("", elem_id="feedback-status")
            with gr.Row(equal_height=True):
                message = gr.Textbox(
                    show_label=False,
                    placeholder="请输入您的问题，按回车发送",
                    elem_id="chat-input",
                    scale=5,
                    min_width=160,
                    max_lines=4,
                    autofocus=False,
                )
                send = gr.Button("发送", variant="primary", elem_id="chat-send", scale=1, min_width=72)
            gr.Markdown("**试试这些问题：**")
            with gr.Row(elem_id="example-questions"):
                examples = [gr.Button(q, size="sm", elem_classes=["example-question"]) for q in EXAMPLE_QUESTIONS]
        with gr.Column(scale=1, min_width=220, elem_id="chat-history"):
            clear = gr.Button("＋ 开始新对话", size="sm", variant="secondary", elem_id="chat-clear")
            history_panel(assistant, records, registry, conversations, session_id, chatbot, pending, comment_box)

    def respond(text: str, history: list[Message], sid: str | None, saved: Any) -> Iterator[tuple]:
        new_sid = sid
        for updated, new_sid in chat_turn(
            assistant, text, history, sid, registry=registry, delay=stream_delay, records=records
        ):
            yield updated, new_sid, "", gr.skip()
        # The list in the browser changes once the server has issued (or kept) the session id.
        asked = new_sid and (text or "").strip()
        yield gr.skip(), new_sid, "", remember(saved, new_sid, text) if asked else gr.skip()

    inputs = [chatbot, session_id, conversations]
    outputs = [chatbot, session_id, message, conversations]
    message.submit(respond, [message, *inputs], outputs)
    send.click(respond, [message, *inputs], outputs)
    for button, question in zip(examples, EXAMPLE_QUESTIONS, strict=True):
        button.click(partial(respond, question), inputs, outputs)

    def ask_suggestion(history: list[Message], sid: str | None, saved: Any, data: gr.SelectData) -> Iterator[tuple]:
        yield from respond(str(data.value), history, sid, saved)

    def retry(history: list[Message], sid: str | None, saved: Any, data: gr.RetryData) -> Iterator[tuple]:
        trimmed, question = retry_question(history, _index(data.index))
        yield from respond(question, trimmed, sid, saved)

    chatbot.option_select(ask_suggestion, inputs, outputs)
    chatbot.retry(retry, inputs, outputs)

    def rate(history: list[Message], sid: str | None, given: dict[str, int], data: gr.LikeData) -> tuple:
        outcome = rate_answer(records, sid, history, _index(data.index), data.liked, given)
        return outcome.status, outcome.ratings, outcome.pending, gr.update(visible=outcome.pending is not None), ""

    chatbot.like(rate, [chatbot, session_id, ratings], [status, ratings, pending, comment_box, comment])

    def add_comment(feedback_id: int | None, text: str) -> tuple:
        return comment_rating(records, feedback_id, text), None, gr.update(visible=False), ""

    for trigger in (send_comment.click, comment.submit):
        trigger(add_comment, [pending, comment], [status, pending, comment_box, comment])
    skip_comment.click(lambda: ("", None, gr.update(visible=False)), None, [status, pending, comment_box])

    fresh = [session_id, status, pending, comment_box]
    clear.click(lambda: ([], None, "", None, gr.update(visible=False), ""), None, [chatbot, *fresh, message])
    # The chat's own trash button empties the history; the next question starts a new session too.
    chatbot.clear(lambda: (None, "", None, gr.update(visible=False)), None, fresh)
    return session_id


def _index(index: int | tuple[int, int]) -> int:
    """The message's index in the chat (Gradio gives a pair for two-dimensional components)."""
    return index if isinstance(index, int) else int(index[0])
