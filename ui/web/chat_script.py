"""The chat's Chinese control labels and its small page script, handed to Gradio when the page is mounted.

Gradio labels the chat's buttons through its i18n keys (``chatbot.copy_message``, ``chatbot.like``…);
:func:`chat_i18n` gives them Chinese text for the locales a visitor's browser is likely to report,
so an English browser sees 复制 / 赞 / 踩 / 重新回答 / 清空对话 too. A few labels Gradio writes in
English whatever the locale (「Liked」, 「Scroll down」) are replaced by the script
(``ui/static/chat.js``, :func:`chat_script`), which also makes the copy button copy the plain
answer with its sources and keeps a new answer's start in view.

Example:
    >>> gr.mount_gradio_app(app, blocks, path="/ui", js=chat_script(), i18n=chat_i18n())  # doctest: +SKIP
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import gradio as gr

SCRIPT_PATH = Path(__file__).resolve().parents[1] / "static" / "chat.js"

COPY_LABEL = "复制"
COPIED_LABEL = "已复制"
# Gradio's own i18n keys for the chat's controls.
CONTROL_LABELS = {
    "chatbot.copy_message": COPY_LABEL,
    "chatbot.copied_message": COPIED_LABEL,
    "chatbot.like": "赞",
    "chatbot.dislike": "踩",
    "chatbot.retry": "重新回答",
    "chatbot.undo": "撤销",
    "chatbot.edit": "编辑",
    "chatbot.submit": "发送",
    "chatbot.cancel": "取消",
    "chatbot.clear": "清空对话",
}
# Gradio falls back to English for a locale it has no text for, so English carries Chinese too.
LOCALES = ("en", "zh-CN", "zh-TW")
# Labels Gradio writes without i18n: the script replaces them where they appear.
FIXED_LABELS = {
    "Liked": "已赞（再点一次撤回）",
    "Disliked": "已踩（再点一次撤回）",
    "Scroll down": "滚动到最新消息",
    "Feedback": "反馈",
    "Copy message": COPY_LABEL,
    "Copied message": COPIED_LABEL,
    "Copy conversation": "复制全部对话",
    "Copied conversation": "已复制全部对话",
    "Clear": "清空对话",
    "Retry": "重新回答",
    "Like": "赞",
    "Dislike": "踩",
}


def chat_i18n() -> gr.I18n:
    """Chinese text for Gradio's chat controls, in every locale :data:`LOCALES` names."""
    return gr.I18n(**{locale: dict(CONTROL_LABELS) for locale in LOCALES})


@cache
def chat_script() -> str:
    """The page script, with the labels it needs filled in from this module."""
    script = SCRIPT_PATH.read_text(encoding="utf-8")
    fills = {
        "__FIXED_LABELS__": json.dumps(FIXED_LABELS, ensure_ascii=False),
        "__COPY_LABELS__": json.dumps([COPY_LABEL, COPIED_LABEL, "Copy message"], ensure_ascii=False),
        "__COPIED_LABEL__": json.dumps(COPIED_LABEL, ensure_ascii=False),
    }
    for placeholder, value in fills.items():
        script = script.replace(placeholder, value)
    return script
