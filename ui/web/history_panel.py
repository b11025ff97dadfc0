"""The 历史对话 list beside the chat: one row per conversation of this browser, to reopen or delete.

The rows are rendered from the browser's list (``gr.BrowserState``, see ``ui.web.conversations``)
and re-rendered whenever it or the open conversation changes; the open one is highlighted.

Example:
    >>> history_panel(assistant, records, registry, conversations, session_id, chatbot, pending, box)  # doctest: +SKIP
"""

from __future__ import annotations

from functools import partial
from typing import Any

import gradio as gr

from assistant.service import PolicyAssistant
from assistant.storage.errors import StorageUnavailableError
from corpus.registry import Registry
from ui.web.conversations import conversation_list, forget, reopen, title_of
from ui.web.records import ChatRecords


def history_panel(
    assistant: PolicyAssistant,
    records: ChatRecords | None,
    registry: Registry,
    conversations: gr.BrowserState,
    session_id: gr.State,
    chatbot: gr.Chatbot,
    pending: gr.State,
    comment_box: gr.Column,
) -> None:
    """Lay out the list and wire opening and deleting its conversations."""
    gr.Markdown("**历史对话**（保存在本浏览器）", elem_id="history-heading")
    status = gr.Markdown("", elem_id="history-status")

    def open_conversation(conversation_id: str, saved: Any) -> tuple:
        skip = gr.skip()
        if records is None:
            return skip, skip, skip, "本页面没有连接会话记录，无法重新打开对话。", skip, skip
        try:
            messages = reopen(records, assistant.knowledge, conversation_id, registry)
        except StorageUnavailableError:
            return skip, skip, skip, "数据库暂不可用，请稍后再试。", skip, skip
        if messages is None:
            return skip, skip, forget(saved, conversation_id), "这段对话已不在服务器上，已从列表中移除。", skip, skip
        title = title_of(saved, conversation_id) or ""
        # The next question continues the server's session: its id is the conversation's.
        return messages, conversation_id, skip, f"已打开对话「{title}」。", None, gr.update(visible=False)

    def delete_conversation(conversation_id: str, saved: Any, current: str | None) -> tuple:
        title = title_of(saved, conversation_id) or ""
        remaining = forget(saved, conversation_id)
        if conversation_id == current:
            return remaining, [], None, f"已删除对话「{title}」，可以开始新的提问。"
        return remaining, gr.skip(), gr.skip(), f"已删除对话「{title}」。"

    @gr.render(inputs=[conversations, session_id])
    def listing(saved: Any, current: str | None) -> None:
        items = conversation_list(saved)
        if not items:
            gr.Markdown("还没有历史对话。提问后，对话会保存在这里。", elem_classes=["history-empty"])
            return
        for item in items:
            with gr.Row(elem_classes=["history-item"]):
                opener = gr.Button(
                    item["title"],
                    size="sm",
                    variant="primary" if item["id"] == current else "secondary",
                    elem_classes=["history-open"],
                    key=f"history-open-{item['id']}",
                )
                remover = gr.Button(
                    "删除", size="sm", elem_classes=["history-delete"], key=f"history-delete-{item['id']}"
                )
            opener.click(
                partial(open_conversation, item["id"]),
                [conversations],
                [chatbot, session_id, conversations, status, pending, comment_box],
            )
            remover.click(
                partial(delete_conversation, item["id"]),
                [conversations, session_id],
                [conversations, chatbot, session_id, status],
            )
