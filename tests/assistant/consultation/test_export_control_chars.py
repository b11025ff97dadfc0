"""Text with control characters reaches every exporter valid: a DOCX export never fails on content."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from assistant.consultation.export import export_record, render_docx, render_markdown, render_pdf
from assistant.consultation.export.text import INVALID_XML_CHARS, exportable_record, exportable_text
from assistant.consultation.profile import EnterpriseProfile
from assistant.consultation.record import ConsultationRecord, Officer
from tests.assistant.consultation.test_export import pdf_text

CONTROL = "\x00\x01\x08\x0b\x0c\x1b\x1f\x7f\x85\ufffe"


def record(**changes) -> ConsultationRecord:
    fields = {
        "date": dt.date(2026, 3, 1),
        "enterprise": f"南沙{CONTROL}某创投",
        "contact": "张\x0b三",
        "officers": [Officer(name="李\x1b四", organization="广州\x0c银行")],
        "profile": EnterpriseProfile(kind="创投机构", district="南沙区", free_text="我们\x0b投了两家企业"),
        "follow_ups": ["补充\x07材料"],
        "notes": "第一行\n第二行\t缩进\x0b完",
    }
    return ConsultationRecord(**{**fields, **changes})


def test_python_docx_itself_refuses_the_raw_record_text() -> None:
    # Why the exporter boundary matters: the characters do break python-docx.
    with pytest.raises(ValueError):
        docx.Document().add_paragraph(f"南沙{CONTROL}某创投")


def test_docx_export_succeeds_and_keeps_the_visible_text() -> None:
    content = render_docx(record())
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs) + "".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "南沙某创投" in text and "补充材料" in text and "李四" in document.core_properties.author
    assert "第二行\t缩进完" in text
    assert not INVALID_XML_CHARS.search(text)


def test_pdf_and_markdown_exports_hold_no_control_characters() -> None:
    markdown = render_markdown(record())
    assert "某创投" in markdown and "第二行\t缩进完" in markdown
    assert not INVALID_XML_CHARS.search(markdown)
    text = pdf_text(render_pdf(record()))
    assert "某创投" in text
    assert not INVALID_XML_CHARS.search(text.replace("\x0c", ""))  # pdftotext ends each page with a form feed


def test_a_field_made_only_of_control_characters_shows_a_replacement_mark() -> None:
    # An officer's name is required: removing its only characters would leave the record invalid.
    exported = export_record(record(officers=[Officer(name="\x01\x02")]), "docx")
    document = docx.Document(io.BytesIO(exported.content))
    assert document.core_properties.author == "\ufffd\ufffd"


def test_a_clean_record_is_passed_through_unchanged() -> None:
    clean = record(
        enterprise="某企业", contact=None, officers=[], profile=EnterpriseProfile(), follow_ups=[], notes=None
    )
    assert exportable_record(clean) is clean
    assert exportable_text("A\tB\nC\rD") == "A\tB\nC\rD"
