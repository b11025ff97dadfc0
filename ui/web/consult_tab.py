"""The 特派员 tab's layout: the consultation form, the policy cards, saving, downloads and history.

Only the tab's layout and event wiring live here: the form's components come from
:mod:`ui.web.consult_fields`, the handlers are the plain functions of :mod:`ui.web.consult`, the
HTML comes from :mod:`ui.web.consult_cards` and the styles from :mod:`ui.web.consult_style`. Element ids
(``#consult-enterprise``, ``#consult-match``, ``#consult-cards``, ``#consult-download-docx``…)
are what the browser tests use.

Visitors who are not signed in see only a sign-in prompt (:mod:`ui.web.consult_access`); every
handler asks who sent its request and acts on that user's records, so the Gradio endpoints behind
the tab give the public nothing either.

Example:
    >>> with gr.Blocks() as page:  # doctest: +SKIP
    ...     with gr.Tab("特派员"):
    ...         consult_tab(page, desk, lookup, export_dir=Path(tempfile.mkdtemp()))
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from ui.web.consult import (
    HISTORY_HEADERS,
    ConsultForm,
    SavedConsultation,
    delete_consultation,
    error_html,
    import_chat_session,
    match_policies,
    open_consultation,
    record_id_for,
    record_to_form,
    save_consultation,
    search_consultations,
)
from ui.web.consult_access import (
    LOGIN_JS,
    LOGOUT_JS,
    SIGN_IN_REQUIRED,
    OfficerLookup,
    lay_out_sign_in,
    officer_of,
    signed_in_html,
)
from ui.web.consult_fields import blank_form, lay_out_form
from ui.web.consult_style import CONSULT_CSS
from ui.web.outreach_section import lay_out_outreach, wire_outreach

if TYPE_CHECKING:
    from assistant.consultation import ConsultationDesk

__all__ = ["CONSULT_CSS", "consult_tab"]

INTRO = (
    "供**科技金融特派员**走访企业时使用：填写企业画像 → 「匹配政策」查看适用条款、条件核对与预估金额 → "
    "「保存咨询记录」生成记录并导出 DOCX / PDF / Markdown。金额均为**预估，以责任单位审核为准**。"
)
DOWNLOAD_LABELS = {"docx": "下载 Word（DOCX）", "pdf": "下载 PDF", "md": "下载 Markdown"}


def _saved_outputs(saved: SavedConsultation) -> tuple[Any, ...]:
    """Updates for (status, cards, preview accordion, preview, docx, pdf, md)."""
    if saved.record is None:
        return (saved.status, gr.update(), gr.update(), gr.update(), gr.update(), gr.update(), gr.update())
    downloads = tuple(
        gr.update(value=str(saved.files[fmt]), visible=True) if fmt in saved.files else gr.update(visible=False)
        for fmt in DOWNLOAD_LABELS
    )
    return (saved.status, saved.cards, gr.update(visible=True), saved.markdown, *downloads)


def consult_tab(
    page: gr.Blocks,
    desk: ConsultationDesk,
    lookup: OfficerLookup | None,
    *,
    export_dir: Path,
    pdf_font_path: Path | None = None,
    chat_session: gr.State | None = None,
) -> None:
    """Lay out the 特派员 tab inside the current ``gr.Tab`` and wire its events.

    Args:
        page: The page's Blocks (on load it shows the sign-in prompt or the signed-in user's history).
        desk: Matches the form's enterprise and builds records.
        lookup: Finds the signed-in officer of a request (the API's sign-in); None: nobody can sign in.
        export_dir: Where DOCX / PDF / Markdown files are written for download.
        pdf_font_path: A font with Chinese glyphs for the PDF (default: found by the exporter).
        chat_session: The 政策问答 tab's session id state, for 「导入当前对话」.
    """
    sign_in = lay_out_sign_in()
    with gr.Column(visible=False, elem_id="consult-body") as body:
        with gr.Row(elem_classes=["consult-inline-row"]):
            who = gr.HTML(elem_id="consult-who")
            sign_out = gr.Button("退出登录", size="sm", variant="secondary", elem_id="consult-sign-out", scale=0)
        gr.Markdown(INTRO, elem_classes=["consult-intro"])
        components = lay_out_form(with_import=chat_session is not None)
        form_inputs = [components[f.name] for f in fields(ConsultForm)]
        with gr.Row(elem_id="consult-actions"):
            match = gr.Button("匹配政策", variant="primary", elem_id="consult-match", scale=2)
            save = gr.Button("保存咨询记录", variant="secondary", elem_id="consult-save", scale=2)
            reset = gr.Button("清空表单", variant="secondary", elem_id="consult-reset", scale=1)
        cards = gr.HTML(elem_id="consult-cards")
        status = gr.HTML(elem_id="consult-status")
        with gr.Row(elem_id="consult-downloads"):
            downloads = [
                gr.DownloadButton(label, visible=False, size="md", elem_id=f"consult-download-{fmt}")
                for fmt, label in DOWNLOAD_LABELS.items()
            ]
        with gr.Accordion("咨询记录预览", open=False, visible=False, elem_id="consult-preview-box") as preview_box:
            preview = gr.Markdown(elem_id="consult-preview")
        with gr.Accordion("历史记录", open=True, elem_id="consult-history"):
            with gr.Row(elem_classes=["consult-inline-row"]):
                query = gr.Textbox(
                    show_label=False,
                    placeholder="搜索企业、特派员、所在区或条款，如 南沙 第三条",
                    max_lines=1,
                    elem_id="consult-history-search",
                    scale=4,
                )
                search = gr.Button("搜索", size="sm", elem_id="consult-history-go", scale=1)
            caption = gr.HTML(elem_id="consult-history-caption")
            table = gr.Dataframe(
                headers=list(HISTORY_HEADERS),
                value=[],
                interactive=False,
                wrap=True,
                max_height=360,
                column_widths=["12%", "20%", "21%", "12%", "9%", "17%", "9%"],
                elem_id="consult-history-table",
            )
            with gr.Row(elem_classes=["consult-inline-row"]):
                record_id = gr.Textbox(
                    show_label=False,
                    placeholder="记录编号（点选表格中的一行自动填入）",
                    max_lines=1,
                    elem_id="consult-record-id",
                    scale=4,
                )
                reopen = gr.Button("打开记录", size="sm", elem_id="consult-open", scale=1)
                remove = gr.Button("删除记录", size="sm", variant="stop", elem_id="consult-delete", scale=1)

            shown_ids = gr.State([])
        outreach = lay_out_outreach()

    saved_targets = [status, cards, preview_box, preview, *downloads]
    history = [table, caption, shown_ids]
    refused = error_html(SIGN_IN_REQUIRED)

    def refresh(request: gr.Request, text: str | None) -> tuple[Any, ...]:
        officer = officer_of(lookup, request)
        if officer is None:
            return [], f'<p class="catalog-count">{SIGN_IN_REQUIRED}</p>', []
        view = search_consultations(officer.shelf, text)
        return view.rows, f'<p class="catalog-count">{view.caption}</p>', view.ids

    def gate(request: gr.Request, text: str | None) -> tuple[Any, ...]:
        officer = officer_of(lookup, request)
        shown = officer is not None
        greeting = signed_in_html(officer) if officer is not None else ""
        return (gr.update(visible=not shown), gr.update(visible=shown), greeting, *refresh(request, text))

    def on_signed_in(request: gr.Request, text: str | None, _username: str, problem: str | None) -> tuple[Any, ...]:
        shown = gate(request, text)
        signed_in = officer_of(lookup, request) is not None
        message = "" if signed_in else error_html(problem or "用户名或口令不正确，或该账号已停用。")
        return (*shown, "", message)

    def on_match(request: gr.Request, *values: Any) -> str:
        if officer_of(lookup, request) is None:
            return refused
        return match_policies(desk, ConsultForm(*values))

    def on_save(request: gr.Request, text: str | None, *values: Any) -> tuple[Any, ...]:
        officer = officer_of(lookup, request)
        if officer is None:
            return (*_saved_outputs(SavedConsultation(status=refused)), *refresh(request, text))
        form = ConsultForm(*values)
        saved = save_consultation(desk, officer.shelf, form, export_dir, pdf_font_path=pdf_font_path)
        return (*_saved_outputs(saved), *refresh(request, text))

    def on_open(request: gr.Request, wanted: str | None) -> tuple[Any, ...]:
        officer = officer_of(lookup, request)
        if officer is None:
            return (*_saved_outputs(SavedConsultation(status=refused)), *(gr.update() for _ in form_inputs))
        opened = open_consultation(officer.shelf, wanted, export_dir, pdf_font_path=pdf_font_path)
        if opened.record is None:
            return (*_saved_outputs(opened), *(gr.update() for _ in form_inputs))
        # The form shows the reopened record, so 「匹配政策」 or a corrected save starts from it.
        form = record_to_form(opened.record)
        return (*_saved_outputs(opened), *(getattr(form, f.name) for f in fields(ConsultForm)))

    def on_delete(request: gr.Request, wanted: str | None, text: str | None) -> tuple[Any, ...]:
        officer = officer_of(lookup, request)
        message = refused if officer is None else delete_consultation(officer.shelf, wanted)
        return (message, *refresh(request, text))

    def on_pick(ids: list[str], evt: gr.SelectData) -> str:
        return record_id_for(ids, evt.row_value)

    gate_targets = [sign_in.box, body, who, *history]
    sign_in.button.click(
        on_signed_in,
        [query, sign_in.username, sign_in.password],
        [*gate_targets, sign_in.password, sign_in.message],
        js=LOGIN_JS,
        api_visibility="private",
    )
    sign_in.password.submit(
        on_signed_in,
        [query, sign_in.username, sign_in.password],
        [*gate_targets, sign_in.password, sign_in.message],
        js=LOGIN_JS,
        api_visibility="private",
    )
    sign_out.click(None, None, None, js=LOGOUT_JS)
    match.click(on_match, form_inputs, cards, api_name="consult_match")
    save.click(on_save, [query, *form_inputs], [*saved_targets, *history], api_name="consult_save")
    # 清空表单 starts a new consultation: the last record's downloads, preview and chat link go too.
    reset_targets = [*form_inputs, cards, status, preview_box, preview, *downloads]
    reset_values = (gr.update(visible=False), "", *(gr.update(value=None, visible=False) for _ in downloads))
    if chat_session is not None:
        reset_targets.append(components["_import_status"])
        reset_values = (*reset_values, "")
    reset.click(lambda: (*blank_form(), "", "", *reset_values), None, reset_targets)
    for trigger in (query.submit, search.click):
        trigger(refresh, query, history, show_progress="hidden", api_name="consult_list")
    opened_targets = [*saved_targets, *form_inputs]
    reopen.click(on_open, record_id, opened_targets, api_name="consult_open")
    record_id.submit(on_open, record_id, opened_targets)
    remove.click(on_delete, [record_id, query], [status, *history], api_name="consult_delete")
    table.select(on_pick, shown_ids, record_id).then(on_open, record_id, opened_targets)
    if chat_session is not None:

        def on_import(request: gr.Request, session_id: str | None, *values: Any) -> tuple[Any, ...]:
            if officer_of(lookup, request) is None:
                return (*(gr.update() for _ in form_inputs), refused)
            form, message = import_chat_session(desk, session_id, ConsultForm(*values))
            return (*(getattr(form, f.name) for f in fields(ConsultForm)), message)

        # The form is filled, not matched: the officer checks the imported facts first.
        components["_import"].click(
            on_import, [chat_session, *form_inputs], [*form_inputs, components["_import_status"]]
        )
    # A list row saved as a record shows in the history at once.
    wire_outreach(outreach, desk, lookup, export_dir).then(refresh, query, history, show_progress="hidden")
    page.load(gate, query, gate_targets, show_progress="hidden")
