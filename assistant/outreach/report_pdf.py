"""The batch's summary as an A4 PDF for the office: the same figures as the Markdown report.

Laid out with the consultation PDF's machinery: the CJK font it finds or is given
(:func:`~assistant.consultation.export.pdf_font.find_cjk_font`) and its Chinese line breaking
(:func:`~assistant.consultation.export.linebreak.break_lines`), so no line starts with 「，」.

Example:
    >>> render_summary_pdf(result)[:5]  # doctest: +SKIP
    b'%PDF-'
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from fontTools.ttLib import TTLibError
from fpdf import FPDF
from fpdf.enums import Align, TextMode, WrapMode, XPos, YPos
from fpdf.errors import FPDFException
from fpdf.fonts import FontFace

from assistant.consultation.export.base import PAGE_MARGIN_MM, ExportError
from assistant.consultation.export.linebreak import break_lines
from assistant.consultation.export.pdf_font import INSTALL_HINT, find_cjk_font
from assistant.consultation.record import DISCLAIMER, POLICY_TITLE
from assistant.outreach.batch import BatchResult
from assistant.outreach.report import REPORT_TOP
from assistant.outreach.summary import article_totals, district_totals, visit_plan
from assistant.outreach.workbook import ESTIMATE_NOTE
from assistant.understand.yuan import format_yuan

__all__ = ["REPORT_TITLE", "render_summary_pdf"]

REPORT_TITLE = "政策找企业：企业名单匹配汇总（预估）"
FAMILY = "cjk"
LINE = 5.5
BODY_SIZE = 9.5
TABLE_SIZE = 8.5
PADDING = 1.2
SLACK = 0.6
HEADER_FILL = 232
BOLD_STROKE = 0.25


class _ReportPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.cell(0, 6, f"第 {self.page_no()} 页", align=Align.C)


def _yuan(value: float) -> str:
    return format_yuan(Decimal(str(round(value)))) if value > 0 else "—"


def _new_pdf(font_path: Path | None) -> _ReportPdf:
    font = find_cjk_font(font_path)
    pdf = _ReportPdf(format="A4")
    pdf.set_margins(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=PAGE_MARGIN_MM)
    try:
        pdf.add_font(FAMILY, "", font.path, collection_font_number=font.face)
    except (OSError, TTLibError, FPDFException) as exc:
        raise ExportError(f"无法读取 PDF 字体文件 {font.path}：{exc}。{INSTALL_HINT}") from exc
    pdf.set_font(FAMILY, size=BODY_SIZE)
    if ord("企") not in pdf.current_font.cmap:
        raise ExportError(f"字体文件 {font.path} 不含中文字形，无法导出 PDF。{INSTALL_HINT}")
    pdf.set_title(REPORT_TITLE)
    pdf.set_subject(POLICY_TITLE)
    pdf.set_creator("政策通")
    pdf.add_page()
    return pdf


def _text(pdf: FPDF, text: str, size: float = BODY_SIZE, *, bold: bool = False, align: Align = Align.L) -> None:
    pdf.set_font(FAMILY, "", size)
    lines = "\n".join(break_lines(text, pdf.epw - 2 * pdf.c_margin, pdf.get_string_width))
    mode = TextMode.FILL_STROKE if bold else TextMode.FILL
    with pdf.local_context(text_mode=mode, line_width=BOLD_STROKE, draw_color=0):
        pdf.multi_cell(0, size * 0.55, lines, align=align, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "", BODY_SIZE)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    _text(pdf, text, 12.5, bold=True)
    pdf.ln(1)


def _table(pdf: FPDF, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
    pdf.set_font(FAMILY, "", TABLE_SIZE)
    total = sum(widths)
    rooms = [pdf.epw * share / total - 2 * PADDING - SLACK for share in widths]
    with pdf.table(
        col_widths=tuple(widths),
        text_align=Align.L,
        wrapmode=WrapMode.CHAR,
        line_height=TABLE_SIZE * 0.5,
        padding=PADDING,
        headings_style=FontFace(emphasis=None, fill_color=HEADER_FILL),
    ) as table:
        for cells in (header, *rows):
            row = table.row()
            for cell, room in zip(cells, rooms, strict=True):
                row.cell("\n".join(break_lines(cell, room, pdf.get_string_width)))
    pdf.set_font(FAMILY, "", BODY_SIZE)
    pdf.ln(1.5)


def render_summary_pdf(result: BatchResult, *, font_path: Path | None = None, top: int = REPORT_TOP) -> bytes:
    """The report as a PDF: counts, totals per article and per district, the first visits, rows not read.

    Raises:
        ExportError: No usable CJK font (the message says what to install or configure).
    """
    pdf = _new_pdf(font_path)
    counts = result.counts
    _text(pdf, REPORT_TITLE, 16, bold=True, align=Align.C)
    pdf.ln(2)
    _text(pdf, f"依据：{POLICY_TITLE}。名单：{result.source or '—'}；生成日期：{result.made_on.isoformat()}。")
    _text(
        pdf,
        f"共读取 {counts.read} 行：{counts.matched} 家企业有适用条款，{counts.unmatched} 家暂无，"
        f"{counts.rejected} 行未能读取。",
    )
    _heading(pdf, "各条款可覆盖的企业")
    articles = [
        (a.label, a.title, str(a.enterprises), _yuan(a.estimate), "、".join(a.units)) for a in article_totals(result)
    ]
    _table(pdf, ("条款", "标题", "企业数", "预估支持合计", "责任单位"), articles, (8, 26, 7, 12, 27))
    _heading(pdf, "各区")
    districts = [(d.district, str(d.enterprises), str(d.matched), _yuan(d.estimate)) for d in district_totals(result)]
    _table(pdf, ("所在区", "企业数", "有适用条款", "预估支持合计"), districts, (16, 8, 10, 14))
    _heading(pdf, f"优先走访（前 {top} 家）")
    visits = [
        (
            str(v.rank),
            v.outcome.enterprise,
            v.outcome.profile.district or "—",
            str(v.articles),
            _yuan(v.estimate),
            str(v.one_fact_away),
            "；".join(v.ask_first) or "—",
        )
        for v in visit_plan(result)[:top]
    ]
    _table(
        pdf,
        ("排名", "企业", "所在区", "适用条款", "预估支持", "只差一项事实", "先问"),
        visits,
        (5, 18, 9, 7, 11, 8, 26),
    )
    if result.errors:
        _heading(pdf, "未能读取的行")
        for error in result.errors:
            _text(pdf, f"• {error.text}")
    pdf.ln(3)
    _text(pdf, f"{ESTIMATE_NOTE}{DISCLAIMER}", 8.5)
    return bytes(pdf.output())
