"""Reading a list: header variants, the template, row numbers, and each bad cell's Chinese error."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from assistant.outreach import OutreachFileError, RowError, read_table, template_workbook
from assistant.outreach.rows import row_to_draft
from corpus.outreach_columns import load_outreach_columns


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_template_has_every_header_and_reads_back_as_one_example_row() -> None:
    data = template_workbook()
    sheet = load_workbook(io.BytesIO(data))["企业名单"]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.header for c in load_outreach_columns().columns]
    table = read_table(data, "模板.xlsx")
    [row] = table.rows
    assert row.number == 2 and row.cells["enterprise"] == "广州示例创业投资有限公司"
    draft = row_to_draft(row)
    assert not isinstance(draft, RowError)
    assert draft.profile.kind == "创投机构" and draft.profile.district == "南沙区"


@pytest.mark.parametrize(
    ("name_header", "district_header"),
    [("企业名称", "所在区"), ("公司名称", "区域"), ("名称 *", "区"), ("企业（机构）名称", "所在地")],
)
def test_header_variants_name_the_same_fields(name_header: str, district_header: str) -> None:
    data = _xlsx([["某区企业名单"], [name_header, district_header, "联系电话"], ["甲公司", "天河", "123"]])
    table = read_table(data, "list.xlsx")
    assert table.rows[0].number == 3
    assert table.rows[0].cells == {"enterprise": "甲公司", "district": "天河"}
    assert table.ignored_headers == ["联系电话"]


def test_a_gbk_csv_is_read() -> None:
    table = read_table("企业名称,类型\n乙律所,律所\n".encode("gb18030"), "list.csv")
    assert table.rows[0].cells == {"enterprise": "乙律所", "kind": "律所"}


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"x", "list.txt", "不支持的文件类型「.txt」"),
        (b"not a zip", "list.xlsx", "无法读取 Excel 文件"),
        ("类型,所在区\n律所,天河\n".encode(), "list.csv", "没有找到表头"),
        ("企业名称,名称\n甲,乙\n".encode(), "list.csv", "是同一项"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data: bytes, name: str, expected: str) -> None:
    with pytest.raises(OutreachFileError, match=expected):
        read_table(data, name)


@pytest.mark.parametrize(
    ("cells", "column", "expected"),
    [
        ("公司名称,区域\n,天河\n", "公司名称", "缺少企业名称"),
        ("企业名称,阶段\n甲,很早\n", "阶段", "种子期、初创期、成长期、成熟期"),
        ("企业名称,发债计划\n甲,也许\n", "发债计划", "是 或 否"),
        ("企业名称,融资金额\n甲,很多钱\n", "融资金额", "无法识别近期融资/投资情况中的金额「很多钱」"),
        ("企业名称,区财政新增出资额\n甲,一些\n", "区财政新增出资额", "无法识别金额「一些」"),
        ("企业名称,融资金额\n甲,0\n", "融资金额", "必须大于 0"),
    ],
)
def test_a_bad_cell_names_its_row_column_and_what_was_expected(cells: str, column: str, expected: str) -> None:
    [row] = read_table(cells.encode(), "list.csv").rows
    error = row_to_draft(row)
    assert isinstance(error, RowError)
    assert error.row == 2 and error.column == column
    assert expected in error.message
    assert error.text.startswith(f"第 2 行「{column}」列：")


def test_blank_rows_are_skipped_and_numbers_stay_the_spreadsheets() -> None:
    table = read_table("企业名称\n甲\n\n,\n乙\n".encode(), "list.csv")
    assert [(r.number, r.cells["enterprise"]) for r in table.rows] == [(2, "甲"), (5, "乙")]
