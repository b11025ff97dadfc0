r"""Read an enterprise list (.xlsx or .csv) into rows of cell texts keyed by profile field.

Headers are matched through ``corpus/outreach_columns.json`` (企业名称/名称/公司名称…); columns we do
not know are ignored and reported. Rows are numbered as the spreadsheet numbers them, so an error
can say 「第 7 行」 and the officer finds it. Blank rows are skipped.

Example:
    >>> table = read_table("企业名称,所在区\\n甲公司,南沙\\n".encode(), "list.csv")
    >>> table.rows[0].number, table.rows[0].cells
    (2, {'enterprise': '甲公司', 'district': '南沙'})
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from assistant.outreach.errors import OutreachFileError
from corpus.outreach_columns import OutreachColumns, load_outreach_columns

__all__ = ["MAX_ROWS", "RawRow", "Table", "read_table"]

# A district's list is hundreds of enterprises; the benchmark runs 10,000. Far beyond that is a mistake.
MAX_ROWS = 50_000
# The header may sit below a title line or two; it is the first row naming the enterprise column.
_HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class RawRow:
    """One data row: its spreadsheet number and its non-empty cells by profile field."""

    number: int
    cells: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict, repr=False)  # field → the header as written


@dataclass(frozen=True)
class Table:
    """The rows of a list and the columns it had that we do not read."""

    rows: list[RawRow]
    ignored_headers: list[str]


def _cell_text(value: object) -> str:
    """A cell as text: whole numbers without 「.0」, dates as 2026-11-25."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(Decimal(str(value)))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _xlsx_rows(data: bytes) -> Iterator[Sequence[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise OutreachFileError(f"无法读取 Excel 文件：{exc}。请上传 .xlsx 格式（可用模板另存）。") from exc
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> Iterator[Sequence[object]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        yield from csv.reader(io.StringIO(text))
        return
    raise OutreachFileError("无法识别 CSV 文件的编码：请另存为 UTF-8 编码的 CSV，或上传 .xlsx 文件。")


def _rows_of(data: bytes, filename: str) -> Iterator[Sequence[object]]:
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(data)
    if suffix == ".csv":
        return _csv_rows(data)
    raise OutreachFileError(f"不支持的文件类型「{suffix or filename}」：请上传 .xlsx 或 .csv 文件（可先下载模板）。")


def read_table(data: bytes, filename: str, columns: OutreachColumns | None = None) -> Table:
    """The list's rows, keyed by profile field.

    Args:
        data: The file's bytes.
        filename: Its name; the suffix (.xlsx, .csv) says how to read it.
        columns: The column table; defaults to the shipped one.

    Raises:
        OutreachFileError: Not .xlsx/.csv, unreadable, no header row naming the enterprise column,
            two columns for one field, or more than :data:`MAX_ROWS` rows.
    """
    table = columns or load_outreach_columns()
    name_header = table.column("enterprise").header
    fields_at: dict[int, str] | None = None
    headers: dict[str, str] = {}
    ignored: list[str] = []
    rows: list[RawRow] = []
    for number, values in enumerate(_rows_of(data, filename), start=1):
        texts = [_cell_text(v) for v in values]
        if fields_at is None:
            found = {i: table.field_for(t) for i, t in enumerate(texts) if t}
            if "enterprise" in found.values():
                fields_at, headers, ignored = _header(found, texts)
            elif number >= _HEADER_SEARCH_ROWS:
                break
            continue
        cells = {fields_at[i]: t for i, t in enumerate(texts) if t and i in fields_at}
        if not any(texts):
            continue
        if len(rows) >= MAX_ROWS:
            raise OutreachFileError(f"名单超过 {MAX_ROWS} 行：请分成几个文件上传。")
        rows.append(RawRow(number=number, cells=cells, headers=headers))
    if fields_at is None:
        raise OutreachFileError(
            f"没有找到表头：前 {_HEADER_SEARCH_ROWS} 行中应有一行含「{name_header}」（或「名称」「公司名称」）列。"
            "可先下载模板，按模板填写。"
        )
    return Table(rows=rows, ignored_headers=ignored)


def _header(found: dict[int, str | None], texts: list[str]) -> tuple[dict[int, str], dict[str, str], list[str]]:
    fields_at: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for index, name in found.items():
        if name is None:
            ignored.append(texts[index])
            continue
        if name in headers:
            raise OutreachFileError(f"表头「{headers[name]}」和「{texts[index]}」是同一项，请只保留一列。")
        fields_at[index] = name
        headers[name] = texts[index]
    return fields_at, headers, ignored
