"""What an export produces: the formats, the file handed back, its name, and the one error."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.consultation.record import ConsultationRecord

__all__ = [
    "MEDIA_TYPES",
    "PAGE_HEIGHT_MM",
    "PAGE_MARGIN_MM",
    "PAGE_WIDTH_MM",
    "ExportError",
    "ExportFormat",
    "ExportedFile",
    "export_filename",
]

ExportFormat = Literal["md", "docx", "pdf"]

MEDIA_TYPES: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}

FILENAME_PREFIX = "咨询记录"

# Both printable formats are A4 (the paper of Chinese government offices) with the same margins,
# so a record prints alike from Word and from the PDF.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
PAGE_MARGIN_MM = 18.0

# Characters no common file system accepts in a name, and control characters.
_ILLEGAL_IN_FILENAME = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_ENTERPRISE_MAX = 60


class ExportError(Exception):
    """An export cannot be produced; the message says, in Chinese, what to fix."""


class ExportedFile(BaseModel):
    """One exported record, ready to download or save."""

    model_config = ConfigDict(frozen=True)

    content: bytes
    media_type: str
    filename: str


def export_filename(record: ConsultationRecord, fmt: ExportFormat) -> str:
    """The download name, e.g. ``咨询记录-南沙某创投-2026-03-01.pdf``, with illegal characters replaced.

    Example:
        >>> import datetime as dt
        >>> from assistant.consultation.profile import EnterpriseProfile
        >>> record = ConsultationRecord(date=dt.date(2026, 3, 1), enterprise="A/B:公司", profile=EnterpriseProfile())
        >>> export_filename(record, "md")
        '咨询记录-A_B_公司-2026-03-01.md'
    """
    enterprise = _ILLEGAL_IN_FILENAME.sub("_", record.enterprise).strip(" .")[:_ENTERPRISE_MAX] or "企业"
    return f"{FILENAME_PREFIX}-{enterprise}-{record.date.isoformat()}.{fmt}"
