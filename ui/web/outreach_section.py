"""The 特派员 tab's 政策找企业 section: upload an enterprise list, watch it match, read the summary, download.

The matching runs as the API's background job (:class:`~assistant.storage.OfficerJobs`, the signed-in
officer's own); the page starts it, polls its progress with a timer, and when it is done shows the
summary report, the visit plan, and the download buttons. A row of the plan becomes a consultation
record with one click, built by the same desk and saved on the same shelf as the form's records.
Element ids (``#outreach-file``, ``#outreach-start``, ``#outreach-status``, ``#outreach-summary``,
``#outreach-download-xlsx``…) are what the browser tests use.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import gradio as gr
from openpyxl import load_workbook

from assistant.outreach import OutreachFileError, RowError
from assistant.outreach.errors import OutreachJobNotReadyError, OutreachResultMissingError, UnknownOutreachJobError
from ui.web.consult_access import SIGN_IN_REQUIRED, OfficerLookup, officer_of
from ui.web.forms import error_html
from ui.web.markup import escape

if TYPE_CHECKING:
    from assistant.consultation import ConsultationDesk
    from assistant.outreach.jobs import OutreachJob
    from ui.web.consult_access import SignedInOfficer

__all__ = ["PLAN_HEADERS", "OutreachSection", "lay_out_outreach", "wire_outreach"]

INTRO = (
    "上传所负责企业的名单（.xlsx 或 .csv，每行一家企业，表头可用模板中的中文列名），逐家匹配政策："
    "得到每家企业适用的条款、走访时要问的事实、走访计划和各条款、各区的汇总（金额均为**预估**）。"
    "模板可用 `policy-assistant outreach --template 企业名单模板.xlsx` 生成。"
)
PLAN_HEADERS = ("排名", "行号", "企业名称", "所在区", "适用条款数", "预估支持合计（元）", "只差一项事实", "先问")
# The page shows the first visits; the workbook has them all.
PLAN_ROWS_SHOWN = 200
NO_JOBS = "本服务未启用批量匹配。"
# The outputs after (job id, status, timer): summary box, summary, three download buttons, plan.
_AFTER_TIMER = 6


@dataclass(frozen=True)
class OutreachSection:
    """The section's components."""

    file: gr.File
    start: gr.Button
    status: gr.HTML
    timer: gr.Timer
    job_id: gr.State
    summary_box: gr.Accordion
    summary: gr.Markdown
    downloads: tuple[gr.DownloadButton, gr.DownloadButton, gr.DownloadButton]
    plan: gr.Dataframe
    row: gr.Number
    to_record: gr.Button
    record_status: gr.HTML


def lay_out_outreach() -> OutreachSection:
    """Lay out the section (inside the signed-in part of the 特派员 tab)."""
    with gr.Accordion("政策找企业：批量匹配企业名单", open=False, elem_id="outreach-section"):
        gr.Markdown(INTRO)
        with gr.Row():
            file = gr.File(
                label="企业名单（.xlsx / .csv）", file_types=[".xlsx", ".csv"], type="filepath", elem_id="outreach-file"
            )
        start = gr.Button("开始匹配", variant="primary", elem_id="outreach-start")
        status = gr.HTML(elem_id="outreach-status")
        timer = gr.Timer(1.0, active=False)
        job_id = gr.State(None)
        with gr.Accordion("匹配汇总", open=True, visible=False, elem_id="outreach-summary-box") as summary_box:
            with gr.Row():
                downloads = (
                    gr.DownloadButton("下载结果工作簿（.xlsx）", size="md", elem_id="outreach-download-xlsx"),
                    gr.DownloadButton("下载汇总报告（PDF）", size="md", elem_id="outreach-download-pdf"),
                    gr.DownloadButton("下载汇总报告（Markdown）", size="md", elem_id="outreach-download-md"),
                )
            summary = gr.Markdown(elem_id="outreach-summary")
            plan = gr.Dataframe(
                headers=list(PLAN_HEADERS),
                value=[],
                interactive=False,
                wrap=True,
                max_height=360,
                elem_id="outreach-plan",
            )
            with gr.Row(elem_classes=["consult-inline-row"]):
                row = gr.Number(
                    label="行号（点选走访计划中的一行自动填入）",
                    precision=0,
                    minimum=1,
                    elem_id="outreach-row",
                    scale=3,
                )
                to_record = gr.Button("生成咨询记录", size="sm", elem_id="outreach-to-record", scale=1)
            record_status = gr.HTML(elem_id="outreach-record-status")
    return OutreachSection(
        file, start, status, timer, job_id, summary_box, summary, downloads, plan, row, to_record, record_status
    )


def _progress_html(job: OutreachJob) -> str:
    share = f"（{job.done * 100 // job.total}%）" if job.total else ""
    return (
        f'<div class="consult-saved" role="status" data-status="running">正在匹配「{escape(job.filename)}」：'
        f"已完成 {job.done} / {job.total} 行{share}</div>"
    )


def _done_html(job: OutreachJob) -> str:
    counts = job.counts
    told = (
        f"读取 {counts.read} 行：{counts.matched} 家有适用条款，{counts.unmatched} 家暂无，"
        f"{counts.rejected} 行未能读取。"
        if counts
        else ""
    )
    mark = '<span class="consult-saved-mark">✓ 匹配完成</span>'
    return f'<div class="consult-saved" role="status" data-status="done">{mark}「{escape(job.filename)}」{told}</div>'


def _plan_rows(workbook: bytes) -> list[list[Any]]:
    book = load_workbook(io.BytesIO(workbook), read_only=True)
    try:
        rows = book["走访计划"].iter_rows(min_row=2, values_only=True)
        # The sheet ends with a blank line and the estimate note; the plan's rows start with their rank.
        return [list(r) for r in rows if r and isinstance(r[0], int)][:PLAN_ROWS_SHOWN]
    finally:
        book.close()


def _unchanged(count: int) -> tuple[Any, ...]:
    return tuple(gr.update() for _ in range(count))


def job_outputs(officer: SignedInOfficer, job_id: str | None, export_dir: Path) -> tuple[Any, ...]:
    """Updates for (job id, status, timer, summary box, summary, xlsx, pdf and md buttons, plan)."""
    if officer.jobs is None or job_id is None:
        return (job_id, "", gr.Timer(active=False), *_unchanged(_AFTER_TIMER))
    try:
        job = officer.jobs.get(job_id)
    except UnknownOutreachJobError as exc:
        return (None, error_html(str(exc)), gr.Timer(active=False), *_unchanged(_AFTER_TIMER))
    if job.status == "running":
        return (job_id, _progress_html(job), gr.Timer(active=True), *_unchanged(_AFTER_TIMER))
    if job.status == "failed":
        return (job_id, error_html(job.error or "任务失败。"), gr.Timer(active=False), *_unchanged(_AFTER_TIMER))
    try:
        _, workbook = officer.jobs.result(job_id, "xlsx")
        _, report = officer.jobs.result(job_id, "md")
    except OutreachJobNotReadyError as exc:
        return (job_id, error_html(str(exc)), gr.Timer(active=False), *_unchanged(_AFTER_TIMER))
    folder = export_dir / "outreach" / job.id
    folder.mkdir(parents=True, exist_ok=True)
    stem = PurePath(job.filename).stem
    xlsx = folder / f"企业名单匹配结果-{stem}.xlsx"
    xlsx.write_bytes(workbook)
    markdown = folder / f"企业名单匹配汇总-{stem}.md"
    markdown.write_bytes(report)
    try:
        _, pdf = officer.jobs.result(job_id, "pdf")
    except OutreachResultMissingError:
        pdf_button = gr.update(value=None, visible=False)  # no Chinese font on this server
    else:
        pdf_file = folder / f"企业名单匹配汇总-{stem}.pdf"
        pdf_file.write_bytes(pdf)
        pdf_button = gr.update(value=str(pdf_file), visible=True)
    return (
        job_id,
        _done_html(job),
        gr.Timer(active=False),
        gr.update(visible=True),
        report.decode("utf-8"),
        gr.update(value=str(xlsx), visible=True),
        pdf_button,
        gr.update(value=str(markdown), visible=True),
        _plan_rows(workbook),
    )


def start_job(officer: SignedInOfficer, path: str | None, export_dir: Path) -> tuple[Any, ...]:
    """Start matching the uploaded file; the same updates as :func:`job_outputs`."""
    if officer.jobs is None:
        return (None, error_html(NO_JOBS), gr.Timer(active=False), *_unchanged(_AFTER_TIMER))
    if not path:
        return (
            None,
            error_html("请先选择企业名单文件（.xlsx 或 .csv）。"),
            gr.Timer(active=False),
            *_unchanged(_AFTER_TIMER),
        )
    source = Path(path)
    try:
        job = officer.jobs.start(source.read_bytes(), source.name)
    except OutreachFileError as exc:
        return (None, error_html(str(exc)), gr.Timer(active=False), *_unchanged(_AFTER_TIMER))
    hidden = (gr.update(visible=False), "", *(gr.update(value=None) for _ in range(3)), [])
    return (job.id, _progress_html(job), gr.Timer(active=True), *hidden)


def row_to_record(officer: SignedInOfficer, desk: ConsultationDesk, job_id: str | None, row: float | None) -> str:
    """Save one row of the job's list as the officer's consultation record; the message to show."""
    if officer.jobs is None or job_id is None:
        return error_html("请先上传名单并等待匹配完成。")
    if row is None or row < 1:
        return error_html("请填写行号（点选走访计划中的一行即可）。")
    try:
        draft = officer.jobs.draft(job_id, int(row))
    except (OutreachFileError, UnknownOutreachJobError) as exc:
        return error_html(str(exc))
    if isinstance(draft, RowError):
        return error_html(f"这一行未能读取，不能生成咨询记录：{draft.text}")
    record = officer.shelf.add(desk.preview(draft))
    return (
        f'<div class="consult-saved" role="status"><span class="consult-saved-mark">✓ 已保存</span>'
        f"第 {int(row)} 行「{escape(record.enterprise)}」已保存为咨询记录（编号 {escape(record.id or '')}），"
        "可在下方「历史记录」中打开、导出。</div>"
    )


def wire_outreach(
    section: OutreachSection, desk: ConsultationDesk, lookup: OfficerLookup | None, export_dir: Path
) -> gr.events.Dependency:
    """Wire the section's events; returns the 生成咨询记录 event, for the history to refresh after it."""
    refused = error_html(SIGN_IN_REQUIRED)
    outputs = [
        section.job_id,
        section.status,
        section.timer,
        section.summary_box,
        section.summary,
        *section.downloads,
        section.plan,
    ]

    def on_start(request: gr.Request, path: str | None) -> tuple[Any, ...]:
        officer = officer_of(lookup, request)
        if officer is None:
            return (None, refused, gr.Timer(active=False), *_unchanged(_AFTER_TIMER))
        return start_job(officer, path, export_dir)

    def on_tick(request: gr.Request, job_id: str | None) -> tuple[Any, ...]:
        officer = officer_of(lookup, request)
        if officer is None:
            return (None, refused, gr.Timer(active=False), *_unchanged(_AFTER_TIMER))
        return job_outputs(officer, job_id, export_dir)

    def on_record(request: gr.Request, job_id: str | None, row: float | None) -> str:
        officer = officer_of(lookup, request)
        return refused if officer is None else row_to_record(officer, desk, job_id, row)

    def on_pick(evt: gr.SelectData) -> Any:
        value = evt.row_value[1] if evt.row_value and len(evt.row_value) > 1 else None
        return value if isinstance(value, int | float) else gr.update()

    section.start.click(on_start, section.file, outputs, api_visibility="private")
    section.timer.tick(on_tick, section.job_id, outputs, show_progress="hidden", api_visibility="private")
    section.plan.select(on_pick, None, section.row)
    return section.to_record.click(
        on_record, [section.job_id, section.row], section.record_status, api_visibility="private"
    )
