"""The batch's outputs: counts, the workbook's sheets and charts, the visit plan, the report."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from assistant.outreach import desk_matcher, read_table, results_workbook, run_batch, summary_markdown
from assistant.outreach.summary import visit_plan
from assistant.outreach.workbook import SHEETS

LIST = (
    "企业名称,所在区,企业类型,近期融资/投资情况,发展阶段,主要需求,企业情况与需求\n"
    "南沙创投,南沙,创投机构,今年投资广州一家初创期科技型中小企业8000万，已到账,,,\n"
    "天河芯片,天河,科技型中小企业,,初创期,贷款,做芯片设计\n"
    ",海珠,科技型中小企业,,,,\n"
    "黄埔律所,黄埔,律所,,,,\n"
    "坏阶段公司,越秀,科技型中小企业,,很早,,\n"
)


@pytest.fixture(scope="module")
def result(desk):
    return run_batch(read_table(LIST.encode(), "list.csv"), desk_matcher(desk), source="list.csv")


def test_counts_say_how_many_rows_were_read_matched_and_rejected(result) -> None:
    counts = result.counts
    assert (counts.read, counts.rejected) == (5, 2)
    assert counts.matched + counts.unmatched == 3
    assert [e.row for e in result.errors] == [4, 6]


def test_the_visit_plan_puts_the_estimated_award_first(result) -> None:
    plan = visit_plan(result)
    assert plan[0].outcome.enterprise == "南沙创投"
    assert plan[0].estimate == 1_200_000
    assert [item.rank for item in plan] == list(range(1, len(plan) + 1))


def test_the_workbook_has_every_sheet_with_the_matches_and_errors(result) -> None:
    workbook = load_workbook(io.BytesIO(results_workbook(result)))
    assert workbook.sheetnames == list(SHEETS)
    overview = {row[0]: row[1] for row in workbook["说明"].iter_rows(values_only=True)}
    assert (overview["读取行数"], overview["未能读取的行"]) == (5, 2)
    matches = list(workbook["匹配结果"].iter_rows(min_row=2, values_only=True))
    article3 = next(r for r in matches if r[1] == "南沙创投" and r[3] == "第三条")
    assert article3[8] == 1_200_000 and "市科技局" in article3[10]
    assert {r[1] for r in matches} <= {"南沙创投", "天河芯片", "黄埔律所"}
    missing = list(workbook["待补充事实"].iter_rows(min_row=2, values_only=True))
    assert missing and all(r[3] for r in missing)
    errors = list(workbook["未读取的行"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in errors] == [(4, "企业名称"), (6, "发展阶段")]
    articles = list(workbook["条款汇总"].iter_rows(min_row=2, values_only=True))
    article3_total = next(r for r in articles if r[0] == "第三条")
    assert article3_total[2] == 1 and article3_total[3] == 1_200_000
    districts = {r[0]: r for r in workbook["区域汇总"].iter_rows(min_row=2, values_only=True) if r and r[0]}
    assert districts["南沙区"][3] == 1_200_000
    assert any("预估" in str(r[0]) for r in workbook["区域汇总"].iter_rows(values_only=True) if r and r[0])


def test_the_summary_sheets_carry_charts(result) -> None:
    from zipfile import ZipFile

    with ZipFile(io.BytesIO(results_workbook(result))) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2


def test_the_report_gives_counts_totals_and_the_estimate_note(result) -> None:
    report = summary_markdown(result)
    assert "共读取 5 行" in report and "2 行未能读取" in report
    assert "| 第三条 |" in report and "120万元" in report
    assert "第 6 行「发展阶段」列" in report
    assert "预估" in report and "以责任单位审核为准" in report
