"""Lay a consultation record out as an A4 PDF (fpdf2) in a CJK font, broken into lines by Chinese rules.

The font is the configured one or one found on the machine (:mod:`.pdf_font`). Every text is
broken into lines here, by :func:`~assistant.consultation.export.linebreak.break_lines` measured
with the embedded font, and handed to fpdf2 line by line: fpdf2's own character wrapping would
start a line with 「，」 or 「。」. Headings and labels are emboldened by stroking the glyph outlines:
a second (bold) CJK font would double the time spent parsing and subsetting fonts, which is most
of the time an export takes.

Example:
    >>> import datetime as dt
    >>> from assistant.consultation.profile import EnterpriseProfile
    >>> record = ConsultationRecord(date=dt.date(2026, 3, 1), enterprise="某企业", profile=EnterpriseProfile())
    >>> render_pdf(record)[:5]  # doctest: +SKIP
    b'%PDF-'
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import assert_never

from fontTools.ttLib import TTLibError
from fpdf import FPDF
from fpdf.enums import Align, TextMode, WrapMode, XPos, YPos
from fpdf.errors import FPDFException
from fpdf.fonts import FontFace

from assistant.consultation.export.base import PAGE_MARGIN_MM, ExportError
from assistant.consultation.export.linebreak import break_lines
from assistant.consultation.export.pdf_font import DEFAULT_FONT_CANDIDATES, INSTALL_HINT, CjkFont, find_cjk_font
from assistant.consultation.export.sections import (
    DOCUMENT_TITLE,
    STATUS_MARKS,
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

__all__ = ["DEFAULT_FONT_CANDIDATES", "CjkFont", "find_cjk_font", "render_pdf"]

FAMILY = "cjk"
# A character every Chinese font has; its absence means the font cannot show the record.
_PROBE = "咨"

MARGIN = PAGE_MARGIN_MM
LINE = 6.0
BODY_SIZE = 10.5
HEADING_SIZES = (18.0, 14.0, 12.0)
GAP_BEFORE_HEADING = (0.0, 4.0, 2.5)
INDENT = 6.0
TEXT_GREY = 70
RULE_GREY = 180
QUOTE_FILL = 243
HEADER_FILL = 232
BOLD_STROKE = 0.25
TABLE_COLUMNS = (1, 3)
TABLE_PADDING = 1.5
# A table cell's text is laid out inside its padding and border; a little slack keeps fpdf2 from
# breaking a line the breaker measured as fitting.
TABLE_SLACK = 0.5


class _RecordPdf(FPDF):
    """A4 pages numbered 「第 n 页」 at the foot."""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(RULE_GREY)
        self.cell(0, 6, f"第 {self.page_no()} 页", align=Align.C)
        self.set_text_color(0)


def _new_pdf(font: CjkFont, record: ConsultationRecord) -> _RecordPdf:
    pdf = _RecordPdf(format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    try:
        pdf.add_font(FAMILY, "", font.path, collection_font_number=font.face)
    except (OSError, TTLibError, FPDFException) as exc:
        raise ExportError(f"无法读取 PDF 字体文件 {font.path}：{exc}。{INSTALL_HINT}") from exc
    pdf.set_font(FAMILY, size=BODY_SIZE)
    if ord(_PROBE) not in pdf.current_font.cmap:
        raise ExportError(f"字体文件 {font.path} 不含中文字形，无法导出 PDF。{INSTALL_HINT}")
    pdf.set_title(f"{DOCUMENT_TITLE}－{record.enterprise}")
    pdf.set_subject(record.policy)
    pdf.set_creator("政策通")
    pdf.add_page()
    return pdf


def _has_marks(pdf: FPDF) -> bool:
    """Whether the font can draw every status symbol (Noto CJK has ✓ but not ✗)."""
    symbols = {char for with_symbol, _ in STATUS_MARKS.values() for char in with_symbol if not char.isspace()}
    return all(ord(char) in pdf.current_font.cmap for char in symbols)


@contextmanager
def _bold(pdf: FPDF) -> Iterator[None]:
    """Bold by outlining each glyph as well as filling it."""
    with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=BOLD_STROKE, draw_color=0):
        yield


def _lines(pdf: FPDF, text: str, width: float, *, first_width: float | None = None) -> str:
    """``text`` broken by Chinese rules for ``width`` in the current font, lines joined by newlines."""
    return "\n".join(break_lines(text, width, pdf.get_string_width, first_width=first_width))


def _room(pdf: FPDF, width: float) -> float:
    """The text width inside a cell ``width`` wide (0: to the right margin), less its side padding."""
    return (width or pdf.w - pdf.r_margin - pdf.get_x()) - 2 * pdf.c_margin


def _text(pdf: FPDF, text: str, *, width: float = 0, align: Align = Align.L, fill: bool = False) -> None:
    pdf.multi_cell(
        width,
        LINE,
        _lines(pdf, text, _room(pdf, width)),
        align=align,
        fill=fill,
        wrapmode=WrapMode.CHAR,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _heading(pdf: FPDF, block: Heading) -> None:
    level = min(block.level, len(HEADING_SIZES) - 1)
    pdf.ln(GAP_BEFORE_HEADING[level])
    pdf.set_font(FAMILY, "", HEADING_SIZES[level])
    with _bold(pdf):
        pdf.multi_cell(
            0,
            HEADING_SIZES[level] * 0.5,
            _lines(pdf, block.text, _room(pdf, 0)),
            align=Align.C if level == 0 else Align.L,
            wrapmode=WrapMode.CHAR,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    if level == 1:
        with pdf.local_context(draw_color=RULE_GREY):
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1.5)
    pdf.set_font(FAMILY, "", BODY_SIZE)


def _paragraph(pdf: FPDF, block: Paragraph) -> None:
    if block.label:
        with _bold(pdf):
            pdf.write(LINE, f"{block.label}：", wrapmode=WrapMode.CHAR)
    # The first line has what the label leaves; each line is written whole, so fpdf2 never breaks one.
    first_width = pdf.w - pdf.r_margin - pdf.get_x()
    for number, line in enumerate(break_lines(block.text, pdf.epw, pdf.get_string_width, first_width=first_width)):
        if number:
            pdf.ln(LINE)
        pdf.write(LINE, line, wrapmode=WrapMode.CHAR)
    pdf.ln(LINE)


def _bullets(pdf: FPDF, block: BulletList) -> None:
    for item in block.items:
        pdf.set_x(pdf.l_margin + INDENT / 3)
        pdf.cell(INDENT * 2 / 3, LINE, "•")
        _text(pdf, item, width=pdf.epw - INDENT)


def _quote(pdf: FPDF, block: Quote) -> None:
    pdf.set_fill_color(QUOTE_FILL)
    pdf.set_text_color(TEXT_GREY)
    pdf.set_x(pdf.l_margin + INDENT)
    _text(pdf, block.text, width=pdf.epw - INDENT, fill=True)
    pdf.set_x(pdf.l_margin + INDENT)
    _text(pdf, block.source, width=pdf.epw - INDENT, align=Align.R)
    pdf.set_text_color(0)


def _table(pdf: FPDF, block: Table) -> None:
    total = sum(TABLE_COLUMNS)
    rooms = [pdf.epw * share / total - 2 * TABLE_PADDING - TABLE_SLACK for share in TABLE_COLUMNS]
    with pdf.table(
        col_widths=TABLE_COLUMNS,
        text_align=Align.L,
        wrapmode=WrapMode.CHAR,
        line_height=LINE,
        padding=TABLE_PADDING,
        headings_style=FontFace(emphasis=None, fill_color=HEADER_FILL),
    ) as table:
        for cells in (block.header, *block.rows):
            row = table.row()
            for cell, room in zip(cells, rooms, strict=True):
                row.cell(_lines(pdf, cell, room))
    pdf.ln(1.5)


def _add(pdf: FPDF, block: Block) -> None:
    match block:
        case Heading():
            _heading(pdf, block)
        case Paragraph():
            _paragraph(pdf, block)
        case BulletList():
            _bullets(pdf, block)
        case Quote():
            _quote(pdf, block)
        case Table():
            _table(pdf, block)
        case _:
            assert_never(block)


def render_pdf(record: ConsultationRecord, font_path: Path | None = None) -> bytes:
    """The record as a PDF.

    Args:
        record: The consultation record.
        font_path: A CJK font file; found among :data:`DEFAULT_FONT_CANDIDATES` when None.

    Returns:
        The PDF file's bytes.

    Raises:
        ExportError: No usable CJK font (the message says what to install or configure).
    """
    record = exportable_record(record)
    pdf = _new_pdf(find_cjk_font(font_path), record)
    for block in record_blocks(record, symbols=_has_marks(pdf)):
        _add(pdf, block)
    return bytes(pdf.output())
