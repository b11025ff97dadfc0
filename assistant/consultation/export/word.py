"""Lay a consultation record out as a Word document (python-docx) on A4, with real headings and styles."""

from __future__ import annotations

import io
from typing import assert_never

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.styles.style import BaseStyle

from assistant.consultation.export.base import PAGE_HEIGHT_MM, PAGE_MARGIN_MM, PAGE_WIDTH_MM
from assistant.consultation.export.sections import (
    DOCUMENT_TITLE,
    Block,
    BulletList,
    Heading,
    Paragraph,
    Quote,
    Table,
    record_blocks,
)
from assistant.consultation.export.text import exportable_record
from assistant.consultation.record import ConsultationRecord

__all__ = ["render_docx"]

# Word picks these for Chinese text; LibreOffice substitutes its own CJK fonts when absent.
BODY_EAST_ASIAN_FONT = "宋体"
HEADING_EAST_ASIAN_FONT = "黑体"
_HEADING_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3")


def _set_east_asian_font(style: BaseStyle, font: str) -> None:
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    # A theme font would win over the named one.
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    fonts.set(qn("w:eastAsia"), font)


def _a4(document: DocxDocument) -> None:
    """A4 portrait with the PDF's margins: python-docx's default template is US Letter."""
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(PAGE_WIDTH_MM)
        section.page_height = Mm(PAGE_HEIGHT_MM)
        margin = Mm(PAGE_MARGIN_MM)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin


def _new_document(record: ConsultationRecord) -> DocxDocument:
    document = Document()
    _a4(document)
    _set_east_asian_font(document.styles["Normal"], BODY_EAST_ASIAN_FONT)
    for name in _HEADING_STYLES:
        _set_east_asian_font(document.styles[name], HEADING_EAST_ASIAN_FONT)
    properties = document.core_properties
    properties.title = f"{DOCUMENT_TITLE}－{record.enterprise}"
    properties.subject = record.policy
    properties.author = "、".join(officer.name for officer in record.officers)
    return document


def _table(document: DocxDocument, block: Table) -> None:
    table = document.add_table(rows=1, cols=2, style="Table Grid")
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for item, value in block.rows:
        cells = table.add_row().cells
        cells[0].text = item
        cells[1].text = value


def _quote(document: DocxDocument, block: Quote) -> None:
    document.add_paragraph(style="Quote").add_run(block.text).italic = True
    source = document.add_paragraph(block.source, style="Quote")
    source.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _add(document: DocxDocument, block: Block) -> None:
    match block:
        case Heading(text=text, level=level):
            document.add_heading(text, level=level)
        case Paragraph(text=text, label=label):
            paragraph = document.add_paragraph()
            if label:
                paragraph.add_run(f"{label}：").bold = True
            paragraph.add_run(text)
        case BulletList(items=items):
            for item in items:
                document.add_paragraph(item, style="List Bullet")
        case Quote():
            _quote(document, block)
        case Table():
            _table(document, block)
        case _:
            assert_never(block)


def render_docx(record: ConsultationRecord) -> bytes:
    """The record as a .docx file.

    Example:
        >>> import datetime as dt
        >>> from assistant.consultation.profile import EnterpriseProfile
        >>> record = ConsultationRecord(date=dt.date(2026, 3, 1), enterprise="某企业", profile=EnterpriseProfile())
        >>> render_docx(record)[:2]
        b'PK'
    """
    record = exportable_record(record)
    document = _new_document(record)
    for block in record_blocks(record):
        _add(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
