"""The downloadable template: the list's Chinese headers, an example row, and what each column takes."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from corpus.outreach_columns import OutreachColumns, load_outreach_columns

__all__ = ["TEMPLATE_FILENAME", "template_workbook"]

TEMPLATE_FILENAME = "企业名单模板.xlsx"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def template_workbook(columns: OutreachColumns | None = None) -> bytes:
    """The template as .xlsx bytes: sheet 企业名单 (headers and one example row) and sheet 填写说明."""
    table = columns or load_outreach_columns()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "企业名单"
    sheet.append([c.header for c in table.columns])
    sheet.append([c.example for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(12, len(column.header) * 2 + 4)
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    notes.append(["列", "必填", "填写内容", "也可用的表头"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in table.columns:
        notes.append([column.header, "是" if column.required else "", column.expected, "、".join(column.aliases)])
    notes.append([])
    notes.append(["第 2 行是示例，请替换或删除；每行一家企业，至少填写企业名称。只读取第一个工作表。"])
    for letter, width in zip("ABCD", (20, 6, 60, 50), strict=True):
        notes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
