"""One row of the list → the consultation draft the 特派员 form would make of the same words.

Cells are read as the form reads its fields: the same kind, stage and amount readers, the same
financing reader (:func:`~assistant.consultation.financing.read_financing`), and the description
left for the desk's free-text reader. A cell that cannot be read gives a :class:`RowError` naming
the row, the column as headed in the file, and what was expected.

Example:
    >>> from assistant.outreach.table import RawRow
    >>> draft = row_to_draft(RawRow(2, {"enterprise": "甲创投", "kind": "VC", "financing": "8000万"}))
    >>> draft.profile.kind, [str(i.amount) for i in draft.profile.investments_made]
    ('创投机构', ['80000000'])
    >>> row_to_draft(RawRow(3, {"enterprise": "乙公司", "stage": "很早"})).text
    '第 3 行「发展阶段」列：无法识别「很早」，应填写种子期、初创期、成长期、成熟期之一（可留空）'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from assistant.consultation.financing import AMOUNT_EXAMPLES, FinancingTextError, read_financing
from assistant.consultation.record import NAME_MAX, NOTE_MAX, ConsultationDraft
from assistant.outreach.errors import RowError
from assistant.outreach.table import RawRow
from assistant.understand.amounts import find_amounts, parse_plain_number
from assistant.understand.kinds import normalize_kind, stated_kind
from assistant.understand.stages import normalize_stage
from corpus.outreach_columns import load_outreach_columns

__all__ = ["row_to_draft"]

_YES = frozenset({"是", "有", "计划", "计划发债", "有计划", "拟发债", "y", "yes", "true", "1"})
_NO = frozenset({"否", "无", "没有", "暂无", "暂无计划", "不", "n", "no", "false", "0"})
_UNKNOWN = frozenset({"未知", "不确定", "待定", "不清楚", "-", "—"})
_LIMITS = {"free_text": NOTE_MAX, "financing": NAME_MAX * 5, "listing_plan": NAME_MAX * 2}


class _CellError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _stage(text: str) -> str | None:
    if text.strip() in _UNKNOWN:
        return None
    stage = normalize_stage(text)
    if stage is None:
        raise _CellError("stage", f"无法识别「{text}」，应填写{load_outreach_columns().column('stage').expected}")
    return stage


def _bond(text: str) -> bool | None:
    key = text.strip().lower()
    if key in _UNKNOWN:
        return None
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise _CellError("bond_plan", f"无法识别「{text}」，应填写 是 或 否（不确定可留空）")


def _amount(text: str, field: str) -> Decimal:
    mentions = find_amounts(text)
    if len(mentions) > 1:
        raise _CellError(field, f"只能填写一个金额，收到 {len(mentions)} 个：{'、'.join(m.text for m in mentions)}")
    value = mentions[0].value if mentions else parse_plain_number(text)
    if value is None or value <= 0:
        raise _CellError(field, f"无法识别金额「{text}」，应填写大于 0 的金额，如 {AMOUNT_EXAMPLES}")
    return value


def _profile(cells: dict[str, str]) -> tuple[dict[str, Any], str | None]:
    for name, limit in _LIMITS.items():
        if len(cells.get(name, "")) > limit:
            raise _CellError(name, f"过长：最多 {limit} 个字符，当前 {len(cells[name])} 个")
    for name in ("district", "target_board", "kind"):
        if len(cells.get(name, "")) > NAME_MAX:
            raise _CellError(name, f"过长：最多 {NAME_MAX} 个字符，当前 {len(cells[name])} 个")
    described = cells.get("free_text") or None
    kind = normalize_kind(cells.get("kind"))
    financing: dict[str, Any] = {}
    financing_text = None
    if cells.get("financing"):
        try:
            financing, financing_text = read_financing(cells["financing"], kind or stated_kind(described), described)
        except FinancingTextError as exc:
            raise _CellError("financing", str(exc).rstrip("。")) from exc
    capital = cells.get("district_new_capital")
    profile: dict[str, Any] = {
        "name": cells["enterprise"],
        "kind": cells.get("kind") or None,
        "district": cells.get("district") or None,
        "stage": _stage(cells["stage"]) if cells.get("stage") else None,
        "intellectual_property": cells.get("intellectual_property") or [],
        "listing_plan": cells.get("listing_plan") or None,
        "target_board": cells.get("target_board") or None,
        "bond_plan": _bond(cells["bond_plan"]) if cells.get("bond_plan") else None,
        "cross_border": cells.get("cross_border") or [],
        "needs": cells.get("needs") or [],
        "district_new_capital": _amount(capital, "district_new_capital") if capital else None,
        "free_text": described,
        **financing,
    }
    return profile, financing_text


def _header(row: RawRow, field: str) -> str:
    return row.headers.get(field) or load_outreach_columns().column(field).header


def _validation_field(exc: ValidationError) -> tuple[str | None, str]:
    error = exc.errors()[0]
    loc = [str(part) for part in error["loc"]]
    fields = {c.field for c in load_outreach_columns().columns}
    name = next((part for part in reversed(loc) if part in fields), None)
    if name in ("recent_financing", "investments_made") or "amount" in loc:
        name = "financing"
    return name, str(error.get("ctx", {}).get("error") or error["msg"])


def row_to_draft(row: RawRow) -> ConsultationDraft | RowError:
    """The draft the row describes, or the error of its first unreadable cell."""
    name = row.cells.get("enterprise", "").strip()
    if not name:
        column = _header(row, "enterprise")
        return RowError(row=row.number, column=column, message=f"缺少企业名称：每行至少要填写「{column}」")
    if len(name) > NAME_MAX:
        return RowError(row=row.number, column=_header(row, "enterprise"), message=f"过长：最多 {NAME_MAX} 个字符")
    try:
        profile, financing_text = _profile({**row.cells, "enterprise": name})
        return ConsultationDraft(enterprise=name, profile=profile, financing_text=financing_text)
    except _CellError as exc:
        return RowError(row=row.number, column=_header(row, exc.field), message=str(exc))
    except ValidationError as exc:
        field, message = _validation_field(exc)
        column = _header(row, field) if field else None
        expected = load_outreach_columns().column(field).expected if field else "按模板填写"
        return RowError(row=row.number, column=column, message=f"{message}；应填写{expected}")
