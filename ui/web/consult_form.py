"""The 特派员 form's values, read into a consultation draft (or a Chinese message saying what to fix).

:class:`ConsultForm` holds the values as Gradio passes them, in the order the tab lays them out;
:func:`form_to_draft` checks them and builds a :class:`~assistant.consultation.ConsultationDraft`.
A value that cannot be read raises :class:`FormError` naming the field and what is expected.

Example:
    >>> draft = form_to_draft(ConsultForm(enterprise="某创投", kind="创投机构", financing="8000万"))
    >>> [str(i.amount) for i in draft.profile.investments_made]
    ['80000000']
    >>> form_to_draft(ConsultForm(enterprise="某创投", financing="今年投了一家初创期企业8000万")).financing_text
    '今年投了一家初创期企业8000万'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from assistant.consultation import ConsultationDraft
from assistant.consultation.financing import AMOUNT_EXAMPLES, FinancingTextError, read_financing
from assistant.consultation.record import FOLLOW_UPS_MAX, NAME_MAX, NOTE_MAX
from assistant.understand.kinds import stated_kind
from ui.web.consult_choices import BOND_CHOICES, KINDS, OFFICER_SIDES, STAGE_CHOICES, UNKNOWN
from ui.web.consult_messages import FormError, validation_message
from ui.web.forms import read_amount

__all__ = ["AMOUNT_EXAMPLES", "DATE_EXAMPLE", "ConsultForm", "form_to_draft", "read_date"]

MAX_TEXT_CHARS = NOTE_MAX
MAX_RECORD_ID_CHARS = 64
DATE_EXAMPLE = "2026-11-25"
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass
class ConsultForm:
    """The 特派员 form's values, in the order the tab passes them to the handlers.

    Every field is what Gradio gives: strings (possibly empty), None for an untouched dropdown,
    lists for the multi-select dropdowns.
    """

    enterprise: str | None = None
    contact: str | None = None
    date: str | None = None
    officer1_name: str | None = None
    officer1_organization: str | None = None
    officer1_side: str | None = "银行"
    officer2_name: str | None = None
    officer2_organization: str | None = None
    officer2_side: str | None = "投资机构"
    kind: str | None = None
    district: str | None = None
    stage: str | None = None
    intellectual_property: list[str] | None = None
    listing_plan: str | None = None
    target_board: str | None = None
    bond_plan: str | None = UNKNOWN
    cross_border: list[str] | None = None
    needs: list[str] | None = None
    financing: str | None = None
    district_new_capital: str | None = None
    free_text: str | None = None
    follow_ups: str | None = None
    notes: str | None = None
    session_id: str | None = None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _limited(value: object, label: str, limit: int = MAX_TEXT_CHARS) -> str | None:
    text = _text(value)
    if len(text) > limit:
        raise FormError(f"{label}过长：最多 {limit} 个字符，当前 {len(text)} 个。")
    return text or None


def _choices(values: Sequence[str] | str | None) -> list[str]:
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


def read_date(value: str | dt.date | None) -> dt.date | None:
    """Read the 咨询日期: empty (today), ``2026-11-25``, ``2026/11/25`` or ``2026年11月25日``.

    Raises:
        FormError: Not a calendar date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    # A date picker may add a time of day after a space; only the date counts.
    match = _DATE.fullmatch(text.split()[0])
    if match is None:
        raise FormError(f"咨询日期应写成 {DATE_EXAMPLE} 这样的日期，收到「{text}」。")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise FormError(f"咨询日期「{text}」不是有效的日期。") from exc


def _amount(text: str | None, label: str) -> Decimal | None:
    """An optional amount in yuan: empty is None; otherwise read as every form reads amounts."""
    raw = _text(text)
    return read_amount(raw, label) if raw else None


def _officers(form: ConsultForm) -> list[dict[str, str | None]]:
    rows = (
        (form.officer1_name, form.officer1_organization, form.officer1_side),
        (form.officer2_name, form.officer2_organization, form.officer2_side),
    )
    officers: list[dict[str, str | None]] = []
    for number, (name, organization, side) in enumerate(rows, start=1):
        who = f"第 {number} 位特派员"
        name_text = _limited(name, f"{who}姓名", NAME_MAX)
        org_text = _limited(organization, f"{who}单位", NAME_MAX)
        if name_text is None:
            if org_text:
                raise FormError(f"请填写{who}的姓名（已填单位「{org_text}」），或清空这一行。")
            continue
        chosen = _text(side) or "其他"
        if chosen not in OFFICER_SIDES:
            raise FormError(f"{who}的类别应为 {'/'.join(OFFICER_SIDES)}，收到「{chosen}」。")
        officers.append({"name": name_text, "organization": org_text, "side": chosen})
    return officers


def _one_of(value: str | None, choices: tuple[str, ...], label: str) -> str | None:
    """A radio or dropdown value from ``choices``; 「未知」 and empty are None."""
    text = _text(value)
    if text in ("", UNKNOWN):
        return None
    if text not in choices:
        raise FormError(f"{label}应为 {'/'.join(choices)}，收到「{text}」。")
    return text


def _financing(text: str | None, kind: str | None, described: str | None = None) -> tuple[dict[str, Any], str | None]:
    """The 近期融资/投资 field read as every surface reads it (:func:`read_financing`)."""
    raw = _limited(text, "近期融资/投资情况", NAME_MAX * 5)
    if raw is None:
        return {}, None
    try:
        return read_financing(raw, kind, described)
    except FinancingTextError as exc:
        raise FormError(str(exc)) from exc


def form_to_draft(form: ConsultForm) -> ConsultationDraft:
    """The draft the form describes.

    Args:
        form: The form's values.

    Returns:
        The draft: the profile as entered (the desk reads the description and the financing
        sentence into it), and the financing sentence kept apart so a reopened record shows it again.

    Raises:
        FormError: A required field is empty or a value cannot be read; the message names the
            field and says what is expected.
    """
    enterprise = _limited(form.enterprise, "企业（机构）名称", NAME_MAX)
    if enterprise is None:
        raise FormError("请填写企业（机构）名称。")
    kind = _text(form.kind) or None
    if kind is not None and kind not in KINDS:
        raise FormError(f"企业（机构）类型应为下拉列表中的一项，收到「{kind}」。")
    described = _limited(form.free_text, "企业情况与需求")
    # A bare amount is an investment made or financing received depending on who the enterprise is;
    # when the dropdown is left empty, the description says who.
    financing, financing_text = _financing(form.financing, kind or stated_kind(described), described)
    follow_ups = [line.strip() for line in _text(form.follow_ups).splitlines() if line.strip()]
    if len(follow_ups) > FOLLOW_UPS_MAX:
        raise FormError(f"后续跟进事项最多 {FOLLOW_UPS_MAX} 条（每行一条），当前 {len(follow_ups)} 条。")
    bond = _one_of(form.bond_plan, BOND_CHOICES, "发债计划")
    profile: dict[str, Any] = {
        "name": enterprise,
        "kind": kind,
        "district": _limited(form.district, "所在区", NAME_MAX),
        "stage": _one_of(form.stage, STAGE_CHOICES, "发展阶段"),
        "intellectual_property": _choices(form.intellectual_property),
        "listing_plan": _limited(form.listing_plan, "上市挂牌计划", NAME_MAX * 2),
        "target_board": _limited(form.target_board, "目标板块", NAME_MAX),
        "bond_plan": None if bond is None else bond == BOND_CHOICES[0],
        "cross_border": _choices(form.cross_border),
        "needs": _choices(form.needs),
        "district_new_capital": _amount(form.district_new_capital, "区财政新增出资额"),
        "free_text": described,
        **financing,
    }
    try:
        return ConsultationDraft(
            date=read_date(form.date),
            officers=_officers(form),
            enterprise=enterprise,
            contact=_limited(form.contact, "企业联系人", NAME_MAX),
            profile=profile,
            financing_text=financing_text,
            follow_ups=follow_ups,
            notes=_limited(form.notes, "备注"),
            session_id=_limited(form.session_id, "对话会话编号", MAX_RECORD_ID_CHARS),
        )
    except ValidationError as exc:
        raise FormError(validation_message(exc)) from exc
