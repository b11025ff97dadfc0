"""Export a consultation record as Markdown, DOCX or PDF.

All three formats show the same content in the same order (:mod:`.sections`): the policy, date
and officers, the enterprise and its profile, each matched article with its conditions, verbatim
quotes and 责任单位, the award estimates with every calculation step and the disclaimer, the units
to contact, the facts still missing, the follow-ups and the notes.

Example:
    >>> import datetime as dt
    >>> from assistant.consultation.profile import EnterpriseProfile
    >>> record = ConsultationRecord(date=dt.date(2026, 3, 1), enterprise="某企业", profile=EnterpriseProfile())
    >>> exported = export_record(record, "md")
    >>> exported.filename, exported.media_type
    ('咨询记录-某企业-2026-03-01.md', 'text/markdown; charset=utf-8')
"""

from __future__ import annotations

from pathlib import Path

from assistant.consultation.export.base import MEDIA_TYPES, ExportedFile, ExportError, ExportFormat, export_filename
from assistant.consultation.export.markdown import render_markdown
from assistant.consultation.export.pdf import render_pdf
from assistant.consultation.export.pdf_font import find_cjk_font
from assistant.consultation.export.word import render_docx
from assistant.consultation.record import ConsultationRecord

__all__ = [
    "ExportError",
    "ExportFormat",
    "ExportedFile",
    "export_filename",
    "export_record",
    "find_cjk_font",
    "render_docx",
    "render_markdown",
    "render_pdf",
]


def export_record(record: ConsultationRecord, fmt: ExportFormat, *, pdf_font_path: Path | None = None) -> ExportedFile:
    """The record as a file in the given format.

    Args:
        record: The consultation record.
        fmt: ``"md"``, ``"docx"`` or ``"pdf"``.
        pdf_font_path: The CJK font for the PDF (setting ``POLICY_PDF_FONT_PATH``); found on the machine when None.

    Returns:
        The file's bytes, media type and download name.

    Raises:
        ExportError: An unknown format, or no usable CJK font for a PDF.
    """
    if fmt == "md":
        content = render_markdown(record).encode("utf-8")
    elif fmt == "docx":
        content = render_docx(record)
    elif fmt == "pdf":
        content = render_pdf(record, pdf_font_path)
    else:
        raise ExportError(f"不支持的导出格式：{fmt!r}，可选 md、docx、pdf")
    return ExportedFile(content=content, media_type=MEDIA_TYPES[fmt], filename=export_filename(record, fmt))
