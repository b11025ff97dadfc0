"""Both printable exports are A4 with the same margins, so a record prints alike from Word and from the PDF."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.shared import Mm
from pypdf import PdfReader

from assistant.consultation.export import render_docx, render_pdf
from assistant.consultation.profile import EnterpriseProfile
from assistant.consultation.record import ConsultationRecord

A4_MM = (210.0, 297.0)
MARGIN_MM = 18.0
POINTS_PER_MM = 72 / 25.4


def record() -> ConsultationRecord:
    return ConsultationRecord(date=dt.date(2026, 3, 1), enterprise="某企业", profile=EnterpriseProfile())


def test_docx_is_a4_portrait_with_the_pdf_margins() -> None:
    section = docx.Document(io.BytesIO(render_docx(record()))).sections[0]
    # python-docx's own template is US Letter (215.9 × 279.4 mm).
    assert abs(section.page_width - Mm(A4_MM[0])) < Mm(0.1)
    assert abs(section.page_height - Mm(A4_MM[1])) < Mm(0.1)
    for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin):
        assert abs(margin - Mm(MARGIN_MM)) < Mm(0.1)


def test_pdf_pages_are_a4() -> None:
    page = PdfReader(io.BytesIO(render_pdf(record()))).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert abs(width / POINTS_PER_MM - A4_MM[0]) < 0.5
    assert abs(height / POINTS_PER_MM - A4_MM[1]) < 0.5
