"""The 特派员 tab's layout: the consultation form, the policy cards, saving, downloads and history.

Only components and event wiring live here; the handlers are the plain functions of
:mod:`ui.web.consult` and the HTML comes from :mod:`ui.web.consult_cards`. Element ids
(``#consult-enterprise``, ``#consult-match``, ``#consult-cards``, ``#consult-download-docx``…)
are what the browser tests use.

Example:
    >>> with gr.Blocks() as page:  # doctest: +SKIP
    ...     with gr.Tab("特派员"):
    ...         consult_tab(page, desk, export_dir=Path(tempfile.mkdtemp()))
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from ui.web.consult import (
    BOARDS,
    BOND_CHOICES,
    CROSS_BORDER_CHOICES,
    DISTRICTS,
    HISTORY_HEADERS,
    IP_CHOICES,
    KINDS,
    NEED_CHOICES,
    OFFICER_SIDES,
    STAGE_CHOICES,
    UNKNOWN,
    ConsultForm,
    SavedConsultation,
    import_chat_session,
    match_policies,
    open_consultation,
    record_id_for,
    record_to_form,
    save_consultation,
    search_consultations,
)

if TYPE_CHECKING:
    from assistant.consultation import ConsultationDesk

__all__ = ["CONSULT_CSS", "consult_tab"]

INTRO = (
    "供**科技金融特派员**走访企业时使用：填写企业画像 → 「匹配政策」查看适用条款、条件核对与预估金额 → "
    "「保存咨询记录」生成记录并导出 DOCX / PDF / Markdown。金额均为**预估，以责任单位审核为准**。"
)
DOWNLOAD_LABELS = {"docx": "下载 Word（DOCX）", "pdf": "下载 PDF", "md": "下载 Markdown"}

CONSULT_CSS = """
#tab-consult .consult-intro p { margin: 0.2em 0 0.4em; color: var(--body-text-color-subdued); }
h3.consult-heading { margin: 0.9em 0 0.1em; font-size: 1em; font-weight: 600; padding-left: 0.5em;
  border-left: 3px solid #ef4444; line-height: 1.3; }
h3.consult-heading small { font-weight: normal; color: var(--body-text-color-subdued); margin-left: 0.6em; }
.consult-officer-row { align-items: flex-end; }
#consult-actions { margin: 6px 0 2px; }
#consult-actions button { min-width: 140px; }
.consult-result { margin-top: 4px; }
.consult-summary { margin: 0.3em 0 0.5em; line-height: 1.6; }
.consult-profile { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 8px; }
.consult-chip { display: inline-flex; align-items: baseline; gap: 0.4em; font-size: 0.85em; line-height: 1.5;
  border: 1px solid var(--border-color-primary); border-radius: 999px; padding: 1px 10px;
  background: var(--background-fill-primary); }
.consult-chip-key { color: var(--body-text-color-subdued); }
details.consult-card { border: 1px solid var(--border-color-primary); border-left: 4px solid #f0b429;
  border-radius: 8px; margin: 8px 0; padding: 8px 12px; background: var(--background-fill-secondary); }
details.consult-card > summary { cursor: pointer; font-weight: 600; line-height: 1.6; }
.consult-label { color: #b42318; margin-right: 0.1em; }
.consult-badge { display: inline-block; margin-left: 0.6em; font-size: 0.8em; font-weight: 600;
  border-radius: 999px; padding: 0 0.7em; background: #fef3c7; color: #92400e; vertical-align: 1px; }
.consult-badge-amount { background: #fee2e2; color: #b42318; }
.consult-body p { margin: 0.35em 0; line-height: 1.7; }
.consult-key { display: inline-block; font-size: 0.8em; font-weight: 600; color: var(--body-text-color-subdued);
  border: 1px solid var(--border-color-primary); border-radius: 4px; padding: 0 0.4em; margin-right: 0.5em; }
.consult-award { margin: 0.5em 0; padding: 6px 10px; border-radius: 6px; background: var(--background-fill-primary); }
.consult-award .award-amount { font-size: 1.2em; }
.consult-section { font-weight: 600; margin: 0.8em 0 0.2em !important; }
.consult-missing, .consult-contacts { margin: 8px 0; padding: 6px 12px; border-radius: 8px; }
.consult-missing { background: #fffbeb; border: 1px solid #fcd34d; }
.consult-excluded { margin: 8px 0; padding: 6px 12px; border-radius: 8px; background: #fef2f2;
  border: 1px solid #fecaca; }
.consult-excluded ul { margin: 0.2em 0 0.4em 1.2em; padding: 0; }
.consult-excluded li { line-height: 1.7; }
.consult-contacts { background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary); }
.consult-missing ul, .consult-contacts ul, .consult-empty ul { margin: 0.2em 0 0.4em 1.2em; padding: 0; }
.consult-contacts ul { columns: 2 16em; column-gap: 2em; }
.consult-missing li, .consult-contacts li, .consult-empty li { line-height: 1.7; }
.consult-unit { font-weight: 600; }
.consult-empty { border: 1px dashed var(--border-color-primary); border-radius: 8px; padding: 10px 14px;
  background: var(--background-fill-secondary); }
.consult-empty-title { font-weight: 600; font-size: 1.05em; margin: 0 0 0.3em; }
.consult-notice { font-size: 0.88em; color: #1d4ed8; background: #eff6ff; border: 1px solid #bfdbfe;
  border-radius: 6px; padding: 4px 10px; margin: 4px 0; }
.consult-saved { border: 1px solid #86efac; background: #f0fdf4; border-radius: 8px; padding: 8px 12px; }
.consult-saved p { margin: 0.2em 0; }
.consult-saved-mark { color: #166534; font-weight: 700; }
.consult-saved-meta { font-size: 0.88em; color: var(--body-text-color-subdued); }
code.record-id { font-size: 0.9em; user-select: all; }
.consult-export-error { color: #b42318; font-size: 0.88em; }
#consult-downloads { gap: 8px; }
#consult-history-caption p { margin: 0.3em 0; font-size: 0.9em; color: var(--body-text-color-subdued); }
.consult-inline-row { align-items: center !important; }
/* The table sizes itself to its content; contained, it scrolls inside its frame rather than widening the page. */
#consult-history-table { contain: inline-size; overflow-x: auto; }
@media (max-width: 640px) {
  /* Seven columns cannot share a phone's width: keep date, enterprise, articles and id. */
  #consult-history-table [data-col="2"], #consult-history-table [data-heading="2"],
  #consult-history-table [data-col="3"], #consult-history-table [data-heading="3"],
  #consult-history-table [data-col="4"], #consult-history-table [data-heading="4"] { display: none !important; }
  #consult-history-table [data-col="0"], #consult-history-table [data-heading="0"] {
    flex: 0 0 5.8em !important; width: 5.8em !important; min-width: 5.8em !important; max-width: 5.8em !important; }
  #consult-history-table [data-col="1"], #consult-history-table [data-heading="1"] {
    flex: 0 0 6.4em !important; width: 6.4em !important; min-width: 6.4em !important; max-width: 6.4em !important; }
  #consult-history-table [data-col="5"], #consult-history-table [data-heading="5"] {
    flex: 0 0 5.6em !important; width: 5.6em !important; min-width: 5.6em !important; max-width: 5.6em !important; }
  #consult-history-table [data-col="6"], #consult-history-table [data-heading="6"] {
    flex: 0 0 4.8em !important; width: 4.8em !important; min-width: 4.8em !important; max-width: 4.8em !important; }
  #consult-history-table table { width: auto !important; }
}
"""


_MULTI = frozenset({"intellectual_property", "cross_border", "needs"})


def _blank_form() -> list[Any]:
    """The form's values after 「清空表单」 (multi-selects as empty lists)."""
    blank = ConsultForm()
    return [[] if f.name in _MULTI else getattr(blank, f.name) for f in fields(ConsultForm)]


def _heading(title: str, note: str = "") -> None:
    small = f"<small>{note}</small>" if note else ""
    gr.HTML(f'<h3 class="consult-heading">{title}{small}</h3>', padding=False)


def _multi_select(choices: tuple[str, ...], label: str, elem_id: str) -> gr.Dropdown:
    """A multi-select that also takes words of the officer's own (a need the list lacks)."""
    return gr.Dropdown(list(choices), value=[], multiselect=True, allow_custom_value=True, label=label, elem_id=elem_id)


def _form(*, with_import: bool) -> dict[str, gr.components.Component]:
    """Lay out the form; its components by :class:`ConsultForm` field name.

    With ``with_import``, a 「导入当前对话」 button (``_import``) and its status line (``_import_status``) too.
    """
    c: dict[str, gr.components.Component] = {}
    _heading("咨询信息")
    with gr.Group():
        with gr.Row():
            c["enterprise"] = gr.Textbox(
                label="企业（机构）名称 *",
                placeholder="必填，如：广州某某创业投资有限公司",
                max_lines=1,
                elem_id="consult-enterprise",
                scale=3,
            )
            c["contact"] = gr.Textbox(
                label="企业联系人", placeholder="如：李经理", max_lines=1, elem_id="consult-contact", scale=2
            )
            # A plain textbox: a date picker keeps its last good value when the text typed is not a date,
            # and the record would carry a date nobody sees; here the form says what is wrong instead.
            c["date"] = gr.Textbox(
                label="咨询日期（留空为当天）",
                placeholder="如 2026-11-25",
                max_lines=1,
                elem_id="consult-date",
                scale=2,
            )
    _heading("科技金融特派员", "常见为银行、投资机构各一位；不足两位时留空即可")
    with gr.Group():
        for number, side in ((1, "银行"), (2, "投资机构")):
            with gr.Row(elem_classes=["consult-officer-row"]):
                c[f"officer{number}_name"] = gr.Textbox(
                    label=f"特派员 {number} 姓名", max_lines=1, elem_id=f"consult-officer{number}-name", scale=2
                )
                c[f"officer{number}_organization"] = gr.Textbox(
                    label="所在单位",
                    placeholder="如：广州银行" if side == "银行" else "如：某某创投",
                    max_lines=1,
                    elem_id=f"consult-officer{number}-org",
                    scale=3,
                )
                c[f"officer{number}_side"] = gr.Dropdown(
                    list(OFFICER_SIDES), value=side, label="类别", elem_id=f"consult-officer{number}-side", scale=2
                )
    _heading("企业画像", "填得越全，匹配越准；不确定的项可留空")
    with gr.Group():
        with gr.Row():
            c["kind"] = gr.Dropdown(list(KINDS), value=None, label="企业（机构）类型", elem_id="consult-kind")
            c["district"] = gr.Dropdown(
                list(DISTRICTS),
                value=None,
                label="所在区（也可输入其他城市）",
                allow_custom_value=True,
                elem_id="consult-district",
            )
            c["stage"] = gr.Dropdown(list(STAGE_CHOICES), value=None, label="发展阶段", elem_id="consult-stage")
        with gr.Row():
            c["intellectual_property"] = _multi_select(IP_CHOICES, "知识产权", "consult-ip")
            c["cross_border"] = _multi_select(CROSS_BORDER_CHOICES, "跨境业务", "consult-cross-border")
            c["needs"] = _multi_select(NEED_CHOICES, "主要需求", "consult-needs")
        with gr.Row():
            c["listing_plan"] = gr.Textbox(
                label="上市挂牌计划",
                placeholder="如：计划2027年申报科创板",
                max_lines=1,
                elem_id="consult-listing",
                scale=3,
            )
            c["target_board"] = gr.Dropdown(
                list(BOARDS), value=None, label="目标板块", allow_custom_value=True, elem_id="consult-board", scale=2
            )
            c["bond_plan"] = gr.Radio(
                list(BOND_CHOICES), value=UNKNOWN, label="发债计划（含股票质押融资）", elem_id="consult-bond", scale=3
            )
        with gr.Row():
            c["financing"] = gr.Textbox(
                label="近期融资 / 投资情况",
                max_lines=2,
                elem_id="consult-financing",
                scale=3,
                placeholder="填金额如 3000万；或写一句话，如「今年投资广州初创期企业8000万，已到账」",
            )
            c["district_new_capital"] = gr.Textbox(
                label="区财政新增出资额",
                placeholder="融资担保机构填写，如 1亿",
                max_lines=1,
                elem_id="consult-capital",
                scale=2,
            )
        c["free_text"] = gr.Textbox(
            label="企业情况与需求（自由描述）",
            lines=3,
            max_lines=8,
            elem_id="consult-free-text",
            placeholder="用一两句话描述企业情况和诉求，如：我们是黄埔的科技型中小企业，有5项发明专利，想做知识产权质押贷款。",
        )
    with gr.Accordion("跟进事项、备注与对话画像", open=False, elem_id="consult-more"):
        with gr.Row():
            c["follow_ups"] = gr.Textbox(
                label="后续跟进事项（每行一条）",
                lines=3,
                elem_id="consult-follow-ups",
                placeholder="如：\n协助准备第三条奖励申报材料\n对接市科技局",
            )
            c["notes"] = gr.Textbox(label="备注", lines=3, elem_id="consult-notes")
        with gr.Row(elem_classes=["consult-officer-row"]):
            c["session_id"] = gr.Textbox(
                label="对话会话编号（导入对话画像）",
                max_lines=1,
                elem_id="consult-session",
                scale=4,
                info="关联「政策问答」中的对话后，对话里提到的企业情况会并入画像",
            )
            if with_import:
                c["_import"] = gr.Button("导入当前对话", size="sm", elem_id="consult-import-session", scale=1)
        if with_import:
            c["_import_status"] = gr.HTML(elem_id="consult-import-status")
    return c


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
    *,
    export_dir: Path,
    pdf_font_path: Path | None = None,
    chat_session: gr.State | None = None,
) -> None:
    """Lay out the 特派员 tab inside the current ``gr.Tab`` and wire its events.

    Args:
        page: The page's Blocks (the history table is filled when the page loads).
        desk: Matches, saves and finds consultation records.
        export_dir: Where DOCX / PDF / Markdown files are written for download.
        pdf_font_path: A font with Chinese glyphs for the PDF (default: found by the exporter).
        chat_session: The 政策问答 tab's session id state, for 「导入当前对话」.
    """
    gr.Markdown(INTRO, elem_classes=["consult-intro"])
    components = _form(with_import=chat_session is not None)
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

        shown_ids = gr.State([])

    saved_targets = [status, cards, preview_box, preview, *downloads]
    history = [table, caption, shown_ids]

    def refresh(text: str | None) -> tuple[list[list[str]], str, list[str]]:
        view = search_consultations(desk, text)
        return view.rows, f'<p class="catalog-count">{view.caption}</p>', view.ids

    def on_match(*values: Any) -> str:
        return match_policies(desk, ConsultForm(*values))

    def on_save(text: str | None, *values: Any) -> tuple[Any, ...]:
        saved = save_consultation(desk, ConsultForm(*values), export_dir, pdf_font_path=pdf_font_path)
        return (*_saved_outputs(saved), *refresh(text))

    def on_open(wanted: str | None) -> tuple[Any, ...]:
        opened = open_consultation(desk, wanted, export_dir, pdf_font_path=pdf_font_path)
        if opened.record is None:
            return (*_saved_outputs(opened), *(gr.update() for _ in form_inputs))
        # The form shows the reopened record, so 「匹配政策」 or a corrected save starts from it.
        form = record_to_form(opened.record)
        return (*_saved_outputs(opened), *(getattr(form, f.name) for f in fields(ConsultForm)))

    def on_pick(ids: list[str], evt: gr.SelectData) -> str:
        return record_id_for(ids, evt.row_value)

    match.click(on_match, form_inputs, cards)
    save.click(on_save, [query, *form_inputs], [*saved_targets, *history])
    # 清空表单 starts a new consultation: the last record's downloads, preview and chat link go too.
    reset_targets = [*form_inputs, cards, status, preview_box, preview, *downloads]
    reset_values = (gr.update(visible=False), "", *(gr.update(value=None, visible=False) for _ in downloads))
    if chat_session is not None:
        reset_targets.append(components["_import_status"])
        reset_values = (*reset_values, "")
    reset.click(lambda: (*_blank_form(), "", "", *reset_values), None, reset_targets)
    for trigger in (query.submit, search.click):
        trigger(refresh, query, history, show_progress="hidden")
    opened_targets = [*saved_targets, *form_inputs]
    reopen.click(on_open, record_id, opened_targets)
    record_id.submit(on_open, record_id, opened_targets)
    table.select(on_pick, shown_ids, record_id).then(on_open, record_id, opened_targets)
    if chat_session is not None:
        components["_import"].click(
            import_chat_session, chat_session, [components["session_id"], components["_import_status"]]
        )
    page.load(refresh, query, history, show_progress="hidden")
