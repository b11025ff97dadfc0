"""The 特派员 tab's actions: match the form's enterprise, save the record and write its files, reopen one.

The handlers ask a :class:`~assistant.consultation.ConsultationDesk` to match, keep records on the
signed-in user's :class:`~ui.web.consult_access.RecordShelf` (only what that user may see and
change, every use audited) and return HTML, Markdown and file paths; they never raise for bad
input: an empty enterprise name, an amount that cannot be
read or a date that is not a date comes back as a Chinese message in ``div.calc-error``.

Example:
    >>> form = ConsultForm(enterprise="某创投", kind="创投机构", district="南沙区",
    ...                    free_text="今年投了一家广州的初创期科技企业8000万，已到账")  # doctest: +SKIP
    >>> "120万元" in match_policies(desk, form)  # doctest: +SKIP
    True
    >>> sorted(save_consultation(desk, shelf, form, Path("/tmp/exports")).files)  # doctest: +SKIP
    ['docx', 'md', 'pdf']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.consultation import ConsultationDraft, ConsultationRecord
from assistant.consultation.export import ExportedFile, ExportError, ExportFormat, export_record, render_markdown
from assistant.consultation.store import UnknownConsultationError
from ui.web.consult_cards import render_matches, saved_html
from ui.web.consult_choices import EXPORT_FORMATS, EXPORT_NAMES
from ui.web.consult_form import MAX_RECORD_ID_CHARS, ConsultForm, form_to_draft
from ui.web.consult_messages import FormError, error_html
from ui.web.markup import escape

if TYPE_CHECKING:
    from assistant.consultation import ConsultationDesk
    from ui.web.consult_access import RecordShelf

__all__ = [
    "Exporter",
    "SavedConsultation",
    "delete_consultation",
    "match_policies",
    "open_consultation",
    "save_consultation",
    "write_exports",
]

Exporter = Callable[..., ExportedFile]
"""``export_record(record, fmt, *, pdf_font_path=None) -> ExportedFile`` (the default is the real one)."""


@dataclass(frozen=True)
class SavedConsultation:
    """What the tab shows after saving (or reopening) a record, or the message why it could not.

    Attributes:
        status: HTML for the status line: the record id, or an error (``div.calc-error``).
        cards: The matched-policy cards (empty when the record could not be made).
        markdown: The record as Markdown for the preview.
        files: Export format (``docx``/``pdf``/``md``) → the written file.
        record: The saved record, None on error.
        export_errors: Why a format could not be written (e.g. no Chinese font for the PDF).
    """

    status: str
    cards: str = ""
    markdown: str = ""
    files: Mapping[str, Path] = field(default_factory=dict)
    record: ConsultationRecord | None = None
    export_errors: list[str] = field(default_factory=list)


def _notices(desk: ConsultationDesk, draft: ConsultationDraft) -> list[str]:
    if draft.session_id and desk.session_profile(draft.session_id) is None:
        return [f"未找到对话会话「{draft.session_id}」，本次仅按表单内容匹配。"]
    return []


def match_policies(desk: ConsultationDesk, form: ConsultForm) -> str:
    """「匹配政策」: the policies that apply to the form's enterprise, as cards (not saved).

    Returns:
        ``div.consult-result`` with one ``details.consult-card`` per matched article and the
        尚需补充 list, an empty state that says what to add, or ``div.calc-error``.
    """
    try:
        draft = form_to_draft(form)
    except FormError as exc:
        return error_html(str(exc))
    return render_matches(desk.preview(draft), notices=_notices(desk, draft))


def write_exports(
    record: ConsultationRecord,
    directory: Path,
    *,
    pdf_font_path: Path | None = None,
    exporter: Exporter = export_record,
    formats: Sequence[ExportFormat] = EXPORT_FORMATS,
) -> tuple[dict[str, Path], list[str]]:
    """Write the record's exports into ``directory/<record id>/`` for the download buttons.

    A format the exporter cannot produce (a PDF without a Chinese font, say) is left out and
    its reason returned; the other formats are still written.

    Args:
        record: A saved record.
        directory: The page's export folder (files there are served by Gradio).
        pdf_font_path: A font with Chinese glyphs for the PDF (default: found by the exporter).
        exporter: ``export_record``, or one that fails on purpose in tests.
        formats: Which formats to write.

    Returns:
        Format → the written file (named as the exporter names it), and the Chinese messages of
        the formats that could not be written.
    """
    folder = directory / (record.id or "draft")
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    errors: list[str] = []
    for fmt in formats:
        try:
            exported = exporter(record, fmt, pdf_font_path=pdf_font_path)
        except ExportError as exc:
            errors.append(f"{EXPORT_NAMES.get(fmt, fmt)} 导出失败：{exc}")
            continue
        path = folder / (Path(exported.filename).name or f"consultation.{fmt}")
        path.write_bytes(exported.content)
        files[fmt] = path
    return files, errors


def _shown(
    shelf: RecordShelf,
    record: ConsultationRecord,
    directory: Path,
    pdf_font_path: Path | None,
    exporter: Exporter,
    *,
    action: str,
    notices: Sequence[str] = (),
) -> SavedConsultation:
    files, errors = write_exports(record, directory, pdf_font_path=pdf_font_path, exporter=exporter)
    if files:
        shelf.note_export(record, list(files))
    return SavedConsultation(
        status=saved_html(record, action=action, problems=errors),
        cards=render_matches(record, notices=notices),
        markdown=render_markdown(record),
        files=files,
        record=record,
        export_errors=errors,
    )


def save_consultation(
    desk: ConsultationDesk,
    shelf: RecordShelf,
    form: ConsultForm,
    directory: Path,
    *,
    pdf_font_path: Path | None = None,
    exporter: Exporter = export_record,
) -> SavedConsultation:
    """「保存咨询记录」: build the record, save it as the signed-in user's and write its DOCX / PDF / Markdown.

    Returns:
        The record id line, the cards, the Markdown preview and the files; or just an error
        status when the form cannot be read (nothing is saved then).
    """
    try:
        draft = form_to_draft(form)
    except FormError as exc:
        return SavedConsultation(status=error_html(str(exc)))
    record = shelf.add(desk.preview(draft))
    return _shown(shelf, record, directory, pdf_font_path, exporter, action="已保存", notices=_notices(desk, draft))


def open_consultation(
    shelf: RecordShelf,
    record_id: str | None,
    directory: Path,
    *,
    pdf_font_path: Path | None = None,
    exporter: Exporter = export_record,
) -> SavedConsultation:
    """「打开记录」: a saved record's cards, preview and downloads again.

    Args:
        shelf: The signed-in user's records (another officer's record is as unknown as a missing one).
        record_id: The id typed or picked from the 历史记录 table (its short form is enough).
        directory: Where the exports are written for download.
        pdf_font_path: A font with Chinese glyphs for the PDF.
        exporter: ``export_record``, or one that fails on purpose in tests.

    Returns:
        As :func:`save_consultation`; an unknown or empty id gives an error status.
    """
    wanted, problem = _wanted_id(record_id)
    if problem:
        return SavedConsultation(status=error_html(problem))
    record = _find(shelf, wanted)
    if record is None:
        return SavedConsultation(status=error_html(f"没有编号为「{wanted}」的咨询记录，请在历史记录中查找。"))
    return _shown(shelf, record, directory, pdf_font_path, exporter, action="已打开")


def delete_consultation(shelf: RecordShelf, record_id: str | None) -> str:
    """「删除记录」: delete a record and its chat (the user's own, or any for an administrator).

    Returns:
        The status line: what was deleted, or ``div.calc-error`` saying why nothing was.
    """
    wanted, problem = _wanted_id(record_id)
    if problem:
        return error_html(problem)
    record = _find(shelf, wanted)
    target = (record.id or "") if record is not None else wanted
    # Asked even for a record the user cannot see, so the refused attempt reaches the audit log.
    if not shelf.delete(target) or record is None:
        return error_html(f"没有可删除的编号为「{wanted}」的咨询记录：只能删除本人保存的记录。")
    deleted = f"{escape(record.id or '')}（{escape(record.enterprise)}）"
    return f'<div class="consult-saved" role="status">已删除咨询记录 {deleted}及其关联对话。</div>'


def _wanted_id(record_id: str | None) -> tuple[str, str]:
    """The id asked for, and the Chinese message when it cannot be one."""
    wanted = record_id.strip() if isinstance(record_id, str) else ""
    if not wanted:
        return "", "请填写记录编号，或在历史记录表格中点选一行。"
    if len(wanted) > MAX_RECORD_ID_CHARS:
        return "", f"记录编号过长：最多 {MAX_RECORD_ID_CHARS} 个字符。"
    return wanted, ""


def _find(shelf: RecordShelf, wanted: str) -> ConsultationRecord | None:
    try:
        return shelf.get(wanted)
    except UnknownConsultationError:
        return _by_short_id(shelf, wanted)


def _by_short_id(shelf: RecordShelf, wanted: str) -> ConsultationRecord | None:
    """The one record whose id begins with ``wanted`` (the table's short id, in any case), if any."""
    prefix = wanted.lower()
    if not re.fullmatch(r"[0-9a-f]{6,32}", prefix):
        return None
    found = [item.id for item in shelf.search(prefix, limit=2).items if item.id.startswith(prefix)]
    return shelf.get(found[0]) if len(found) == 1 else None
