"""The Gradio page: 政策问答 (chat), 政策浏览 (browse the 32 articles), 奖励测算 (calculator), 特派员.

The page only lays out components and wires events (the chat's are in ``ui.web.chat_tab``); the
handlers live in ``ui.web.chat``, ``ui.web.browse``, ``ui.web.calculate`` and ``ui.web.consult``
as plain functions. The 特派员 tab
(consultation mode, laid out by ``ui.web.consult_tab``) appears when the page is given a desk.
Its look is :data:`PAGE_CSS` and :func:`page_theme`, which Gradio 6 takes when the page is
mounted or launched.

Example:
    >>> blocks = build_page(assistant, records=session_store)  # doctest: +SKIP
    >>> gr.mount_gradio_app(app, blocks, path="/ui", css=PAGE_CSS, theme=page_theme())  # doctest: +SKIP
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import gradio as gr

from assistant.consultation import ConsultationDesk
from assistant.service import PolicyAssistant
from corpus.records import POLICY_TITLE
from corpus.registry import Registry, load_registry
from ui.web.browse import render_catalog
from ui.web.calc_tab import calculator_tab
from ui.web.chat_tab import CHAT_CSS, chat_tab
from ui.web.consult_access import OfficerLookup
from ui.web.consult_tab import CONSULT_CSS, consult_tab
from ui.web.records import ChatRecords

STREAM_DELAY_S = 0.04
# What the browser tab and bookmarks show: the product and what it answers, not just the name.
PAGE_TITLE = "政策通 · 广州科技金融政策问答"
# System fonts only: the default themes fetch Google Fonts, which an offline machine cannot reach.
FONTS = ("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif")
MONO_FONTS = ("Noto Sans Mono CJK SC", "ui-monospace", "monospace")

BASE_CSS = """
.gradio-container { max-width: 960px !important; margin: 0 auto !important; }
#page-header h1 { margin: 0.2em 0 0; font-size: 1.6em; }
#page-header p { margin: 0.2em 0 0.6em; color: var(--body-text-color-subdued); font-size: 0.9em; }
#example-questions { flex-wrap: wrap; gap: 6px; }
#example-questions button { flex: 1 1 220px; min-width: 0; white-space: normal; text-align: left;
  justify-content: flex-start; font-weight: normal; font-size: 0.88em; line-height: 1.35; }
.citations { margin-top: 0.6em; }
.citations-heading { margin: 0.4em 0 0.2em; font-weight: 600; font-size: 0.9em; }
details.citation-card, details.calc-card, details.article-card, details.preamble-refs {
  border: 1px solid var(--border-color-primary); border-radius: 8px; margin: 6px 0;
  padding: 6px 10px; background: var(--background-fill-secondary); }
details.citation-card > summary, details.calc-card > summary, details.article-card > summary,
details.preamble-refs > summary { cursor: pointer; font-weight: 600; line-height: 1.5; }
details[open] > summary { margin-bottom: 6px; }
.citation-body p, .article-body p, .award-result p { margin: 0.35em 0; line-height: 1.7; }
.citation-part { color: var(--body-text-color-subdued); font-size: 0.85em; }
.citation-units, .article-units, .award-units { font-weight: 600; }
.article-refs, .award-note, .calc-hint { font-size: 0.88em; color: var(--body-text-color-subdued); }
blockquote.citation-quote { margin: 0.3em 0; padding-left: 0.6em; border-left: 3px solid #f0b429; }
mark { background: #ffe58f; color: inherit; padding: 0 1px; border-radius: 2px; }
.part-title { margin: 0.9em 0 0.3em; font-size: 1.05em; }
.catalog-count, .calc-inputs { color: var(--body-text-color-subdued); font-size: 0.9em; }
.award-amount { font-size: 1.35em; color: #c0392b; }
.award-section { font-weight: 600; margin-top: 0.6em !important; }
ol.award-steps, ul.award-conditions { margin: 0.2em 0 0.4em 1.2em; padding: 0; }
ul.award-conditions { list-style: none; margin-left: 0; }
li.condition { margin: 0.3em 0; line-height: 1.6; }
.condition-name { font-weight: 600; margin-right: 0.4em; }
.condition-reason { display: block; font-size: 0.88em; color: var(--body-text-color-subdued); }
.condition-status { display: inline-block; min-width: 3.5em; text-align: center; font-size: 0.8em;
  border-radius: 999px; padding: 0 0.5em; margin-right: 0.3em; }
.condition-met .condition-status { background: #dcfce7; color: #166534; }
.condition-not_met .condition-status { background: #fee2e2; color: #991b1b; }
.condition-unknown .condition-status { background: #fef3c7; color: #92400e; }
.calc-error { color: #b42318; background: #fef3f2; border: 1px solid #fda29b; border-radius: 8px;
  padding: 8px 12px; }
.answer-outcome { display: inline-block; margin: 0 0 0.3em; padding: 1px 10px; border-radius: 999px;
  font-size: 0.85em; font-weight: 600; }
.outcome-not_in_text { background: #fef3c7; color: #92400e; border: 1px solid #fcd34d; }
.outcome-out_of_scope { background: #f1f5f9; color: #475569; border: 1px solid #cbd5e1; }
@media (max-width: 640px) {
  .gradio-container { padding: 0 6px !important; }
  #page-header h1 { font-size: 1.3em; }
  #example-questions button { flex-basis: 100%; }
  /* Four tabs must fit a phone's width without scrolling the page sideways. */
  .tab-container button { padding-left: 10px !important; padding-right: 10px !important; }
}
"""
PAGE_CSS = BASE_CSS + CHAT_CSS + CONSULT_CSS


def page_theme() -> gr.themes.Base:
    """A light theme that uses local fonts only (no requests to outside hosts)."""
    return gr.themes.Soft(primary_hue="red", secondary_hue="orange", font=list(FONTS), font_mono=list(MONO_FONTS))


def build_page(
    assistant: PolicyAssistant,
    records: ChatRecords | None = None,
    *,
    registry: Registry | None = None,
    stream_delay: float = STREAM_DELAY_S,
    desk: ConsultationDesk | None = None,
    officer_lookup: OfficerLookup | None = None,
    pdf_font_path: Path | None = None,
    export_dir: Path | None = None,
) -> gr.Blocks:
    """Build the 政策通 page.

    Args:
        assistant: Answers the chat; its knowledge base feeds the 政策浏览 tab.
        records: The server's session store: message ids, 👍/👎 and comments on each answer,
            reopening past conversations. Without it the chat answers but keeps no feedback.
        registry: The registry of cited documents (default: the one shipped in ``corpus/``).
        stream_delay: Seconds between streamed sentences of an answer.
        desk: The consultation desk; when given, the page has a 特派员 tab.
        officer_lookup: Who signed in, from a request's cookies and headers (the API's sign-in);
            only they get the 特派员 tab's records. Without it the tab shows only its sign-in prompt.
        pdf_font_path: A font with Chinese glyphs for consultation records exported as PDF.
        export_dir: Where exported records are written for download (default: a new temporary folder).

    Returns:
        The Blocks, ready to mount (see :func:`ui.web.mount_ui`) or launch.
    """
    registry = registry or load_registry()
    knowledge = assistant.knowledge
    with gr.Blocks(title=PAGE_TITLE, analytics_enabled=False) as page:
        gr.HTML(
            f"<h1>政策通</h1><p>广州市《{POLICY_TITLE}》智能问答 · 7 个部分 32 条 · 回答均引用原文</p>",
            elem_id="page-header",
        )
        with gr.Tabs():
            with gr.Tab("政策问答", id="chat", elem_id="tab-chat"):
                chat_session = chat_tab(assistant, records, registry, stream_delay)
            with gr.Tab("政策浏览", id="browse", elem_id="tab-browse"):
                search = gr.Textbox(
                    label="搜索条款",
                    placeholder="输入关键词，如 担保、贴息、市科技局、上市",
                    elem_id="browse-search",
                    max_lines=1,
                )
                catalog = gr.HTML(render_catalog(knowledge, "", registry), elem_id="browse-catalog")
                search.change(
                    partial(render_catalog, knowledge, registry=registry),
                    search,
                    catalog,
                    show_progress="hidden",
                )
            with gr.Tab("奖励测算", id="calculate", elem_id="tab-calculate"):
                calculator_tab(knowledge.articles)
            if desk is not None:
                with gr.Tab("特派员", id="consult", elem_id="tab-consult"):
                    consult_tab(
                        page,
                        desk,
                        officer_lookup,
                        export_dir=export_dir or Path(tempfile.mkdtemp(prefix="zhengce-consult-")),
                        pdf_font_path=pdf_font_path,
                        chat_session=chat_session,
                    )
    return page
