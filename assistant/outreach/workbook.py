"""The results workbook: matches, facts to ask, the visit plan, totals per article and district, errors.

Written in openpyxl's write-only mode so 10,000 enterprises stay within memory; the two summary
sheets carry bar charts. Every amount is an estimate and every sheet that shows one says so.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from assistant.consultation.record import DISCLAIMER
from assistant.outreach.batch import BatchResult
from assistant.outreach.summary import article_totals, district_totals, match_lines, visit_plan

__all__ = ["ESTIMATE_NOTE", "SHEETS", "results_workbook"]

ESTIMATE_NOTE = "金额均为预估（最高额按上限计），以责任单位审核为准。"
MATCH_HEADERS = (
    *("行号", "企业名称", "所在区", "条款", "标题", "已满足条件", "不满足条件", "待确认"),
    *("预估金额（元）", "金额说明", "责任单位"),
)
PLAN_HEADERS = (
    *("排名", "行号", "企业名称", "所在区", "适用条款数"),
    *("预估支持合计（元）", "只差一项事实的条款数", "先问"),
)
SHEETS = ("说明", "匹配结果", "待补充事实", "走访计划", "条款汇总", "区域汇总", "未读取的行")


def _join(items: list[str]) -> str:
    return "；".join(items)


def _sheet(workbook: Workbook, title: str, widths: tuple[int, ...]) -> WriteOnlyWorksheet:
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    return sheet


def _overview(workbook: Workbook, result: BatchResult) -> None:
    counts = result.counts
    sheet = _sheet(workbook, "说明", (22, 80))
    sheet.append(["政策找企业：企业名单批量匹配结果"])
    sheet.append(["名单文件", result.source])
    sheet.append(["生成日期", result.made_on.isoformat()])
    sheet.append(["读取行数", counts.read])
    sheet.append(["有适用条款的企业", counts.matched])
    sheet.append(["暂无适用条款的企业", counts.unmatched])
    sheet.append(["未能读取的行", counts.rejected])
    if result.ignored_headers:
        sheet.append(["未读取的列", "、".join(result.ignored_headers)])
    sheet.append(["声明", f"{ESTIMATE_NOTE}{DISCLAIMER}"])


def _matches(workbook: Workbook, result: BatchResult) -> None:
    sheet = _sheet(workbook, "匹配结果", (8, 30, 12, 10, 36, 40, 30, 40, 16, 20, 36))
    sheet.append(MATCH_HEADERS)
    for line in match_lines(result):
        award = line.match.award or {}
        note = "最高额（上限）" if line.ceiling else ("待补充事实后测算" if award.get("missing") else "")
        sheet.append(
            [
                line.outcome.row,
                line.outcome.enterprise,
                line.outcome.profile.district or "",
                line.match.label,
                line.match.title,
                _join(line.met),
                _join(line.not_met),
                _join(line.unknown),
                line.estimate or None,
                note,
                "、".join(line.match.units),
            ]
        )


def _missing(workbook: Workbook, result: BatchResult) -> None:
    sheet = _sheet(workbook, "待补充事实", (8, 30, 12, 60))
    sheet.append(["行号", "企业名称", "所在区", "走访时要问（尚需补充的事实）"])
    for outcome in result.outcomes:
        for fact in outcome.result.missing:
            sheet.append([outcome.row, outcome.enterprise, outcome.profile.district or "", fact])


def _plan(workbook: Workbook, result: BatchResult) -> None:
    sheet = _sheet(workbook, "走访计划", (6, 8, 30, 12, 12, 18, 20, 60))
    sheet.append(PLAN_HEADERS)
    for item in visit_plan(result):
        sheet.append(
            [
                item.rank,
                item.outcome.row,
                item.outcome.enterprise,
                item.outcome.profile.district or "",
                item.articles,
                item.estimate or None,
                item.one_fact_away,
                _join(item.ask_first),
            ]
        )
    sheet.append([])
    sheet.append([ESTIMATE_NOTE])


def _chart(title: str, y_title: str, rows: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.y_axis.title = y_title
    chart.height = max(7.5, 0.6 * rows)
    chart.width = 18
    chart.legend = None
    return chart


def _article_totals(workbook: Workbook, result: BatchResult) -> None:
    totals = article_totals(result)
    sheet = _sheet(workbook, "条款汇总", (10, 40, 12, 20, 36))
    sheet.append(["条款", "标题", "企业数", "预估支持合计（元）", "责任单位"])
    for total in totals:
        sheet.append([total.label, total.title, total.enterprises, total.estimate or None, "、".join(total.units)])
    sheet.append([])
    sheet.append([ESTIMATE_NOTE])
    if totals:
        chart = _chart("各条款可覆盖企业数", "企业数", len(totals))
        chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=len(totals) + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(totals) + 1))
        sheet.add_chart(chart, "G2")


def _district_totals(workbook: Workbook, result: BatchResult) -> None:
    totals = district_totals(result)
    sheet = _sheet(workbook, "区域汇总", (16, 12, 16, 20))
    sheet.append(["所在区", "企业数", "有适用条款的企业", "预估支持合计（元）"])
    for total in totals:
        sheet.append([total.district, total.enterprises, total.matched, total.estimate or None])
    sheet.append([])
    sheet.append([ESTIMATE_NOTE])
    if totals:
        chart = _chart("各区预估支持合计（预估）", "元", len(totals))
        chart.add_data(Reference(sheet, min_col=4, min_row=1, max_row=len(totals) + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(totals) + 1))
        sheet.add_chart(chart, "F2")


def _errors(workbook: Workbook, result: BatchResult) -> None:
    sheet = _sheet(workbook, "未读取的行", (8, 20, 90))
    sheet.append(["行号", "列", "原因"])
    for error in result.errors:
        sheet.append([error.row, error.column or "", error.message])


def results_workbook(result: BatchResult) -> bytes:
    """The results as .xlsx bytes, sheets in the order of :data:`SHEETS`."""
    workbook = Workbook(write_only=True)
    for write in (_overview, _matches, _missing, _plan, _article_totals, _district_totals, _errors):
        write(workbook, result)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
