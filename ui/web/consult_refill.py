"""Filling the 特派员 form again: from a saved record (each value back in its own field) or from the chat.

A record keeps the profile as the form entered it (:attr:`ConsultationRecord.entered`) and the
financing sentence apart from the description, so :func:`record_to_form` gives back the form it
came from. :func:`import_chat_session` fills the profile fields from what the 政策问答 session
says about the enterprise, read by the one reader the chat uses (through
:meth:`ConsultationDesk.session_profile`), so the officer can check the facts before matching.

Example:
    >>> form, status = import_chat_session(desk, session_id, ConsultForm(enterprise="某创投"))  # doctest: +SKIP
    >>> form.kind, form.district, form.session_id == session_id  # doctest: +SKIP
    ('创投机构', '南沙区', True)
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.consultation import ConsultationRecord
from assistant.consultation.build import profile_summary
from assistant.consultation.profile import EnterpriseProfile
from assistant.understand.amounts import find_amounts
from assistant.understand.yuan import format_yuan
from ui.web.consult_choices import BOND_CHOICES, KINDS, UNKNOWN
from ui.web.consult_form import ConsultForm
from ui.web.consult_messages import error_html
from ui.web.markup import escape

if TYPE_CHECKING:
    from assistant.consultation import ConsultationDesk

__all__ = ["PROFILE_FIELD_NAMES", "import_chat_session", "profile_fields", "record_to_form"]

# The form's fields a profile fills, with the name each has in the import's status line.
PROFILE_FIELD_NAMES: dict[str, str] = {
    "kind": "类型",
    "district": "所在区",
    "stage": "发展阶段",
    "intellectual_property": "知识产权",
    "listing_plan": "上市挂牌计划",
    "target_board": "目标板块",
    "bond_plan": "发债计划",
    "cross_border": "跨境业务",
    "needs": "主要需求",
    "district_new_capital": "区财政新增出资额",
}
# Profile rows the import shows for checking but cannot put in a field of their own, and how it names them.
_CHAT_ONLY_ROWS = {"已作出的投资": "对话中讲到的投资", "近期融资": "对话中讲到的融资"}
_LISTS = frozenset({"intellectual_property", "cross_border", "needs"})


def profile_fields(profile: EnterpriseProfile) -> dict[str, Any]:
    """The profile's values as the form's fields hold them (「未知」 for a stage or bond plan not stated)."""
    bond = {True: BOND_CHOICES[0], False: BOND_CHOICES[1]}.get(profile.bond_plan, UNKNOWN)  # type: ignore[arg-type]
    return {
        "kind": profile.kind if profile.kind in KINDS else None,
        "district": profile.district,
        "stage": profile.stage or UNKNOWN,
        "intellectual_property": list(profile.intellectual_property),
        "listing_plan": profile.listing_plan or "",
        "target_board": profile.target_board,
        "bond_plan": bond,
        "cross_border": list(profile.cross_border),
        "needs": list(profile.needs),
        "district_new_capital": format_yuan(profile.district_new_capital) if profile.district_new_capital else "",
    }


def _financing_field(record: ConsultationRecord) -> str:
    """The 近期融资/投资 field as the officer filled it: the sentence, or the one amount."""
    if record.financing_text:
        return record.financing_text
    profile = record.entered or record.profile
    amounts = [*profile.investments_made, *profile.recent_financing]
    # A record from before ``entered`` holds amounts read from the description; those stay there.
    read_from_text = record.entered is None and find_amounts(profile.free_text or "")
    return format_yuan(amounts[0].amount) if len(amounts) == 1 and not read_from_text else ""


def record_to_form(record: ConsultationRecord) -> ConsultForm:
    """The form as it was filled to make ``record``, for reopening a past consultation.

    Each value goes back into its own field: what the description or the chat added to the
    matched profile stays out of the fields (records saved before the entered profile was kept
    fall back to the matched profile).
    """
    profile = record.entered or record.profile
    officers = [*record.officers[:2], None, None]
    return ConsultForm(
        enterprise=record.enterprise,
        contact=record.contact or "",
        date=record.date.isoformat(),
        officer1_name=officers[0].name if officers[0] else "",
        officer1_organization=(officers[0].organization or "") if officers[0] else "",
        officer1_side=officers[0].side if officers[0] else "银行",
        officer2_name=officers[1].name if officers[1] else "",
        officer2_organization=(officers[1].organization or "") if officers[1] else "",
        officer2_side=officers[1].side if officers[1] else "投资机构",
        financing=_financing_field(record),
        free_text=profile.free_text or "",
        follow_ups="\n".join(record.follow_ups),
        notes=record.notes or "",
        session_id=record.session_id or "",
        **profile_fields(profile),
    )


def _is_blank(value: object) -> bool:
    return value in (None, "", [], UNKNOWN)


def _shown_value(value: object) -> str:
    return "、".join(value) if isinstance(value, list) else str(value)


def import_chat_session(desk: ConsultationDesk, session_id: str | None, form: ConsultForm) -> tuple[ConsultForm, str]:
    """「导入当前对话」: the form with the chat's facts about the enterprise filled in, and what was filled.

    Empty fields take the chat's value and lists take the chat's items too; a field the officer
    already filled keeps its value (the status line names the difference). The session stays
    linked, so the chat's investments and sayings, which have no field of their own, join the
    profile when matching and saving; the status line lists them for checking.

    Args:
        desk: The consultation desk (it reads the session with the chat's reader).
        session_id: The 政策问答 tab's current session (None before the first question).
        form: The form as it is now.

    Returns:
        The filled form, and an HTML status line (``p.consult-notice``, or ``div.calc-error``).
    """
    if not session_id:
        return form, error_html("「政策问答」中还没有对话：先在那里描述企业情况，再导入。")
    profile = desk.session_profile(session_id)
    if profile is None:
        return form, error_html(f"未找到对话会话「{session_id}」，可能已过期：请在「政策问答」中重新描述企业情况。")
    chat = profile_fields(profile)
    values: dict[str, Any] = {"session_id": session_id}
    filled: list[str] = []
    kept: list[str] = []
    for name, label in PROFILE_FIELD_NAMES.items():
        theirs, ours = chat[name], getattr(form, name)
        if _is_blank(theirs):
            continue
        if name in _LISTS:
            merged = list(dict.fromkeys([*(ours or []), *theirs]))
            if merged != list(ours or []):
                values[name] = merged
                filled.append(f"{label}「{_shown_value(theirs)}」")
        elif _is_blank(ours):
            values[name] = theirs
            filled.append(f"{label}「{_shown_value(theirs)}」")
        elif ours != theirs:
            kept.append(f"{label}「{_shown_value(ours)}」（对话中为「{_shown_value(theirs)}」）")
    return replace(form, **values), _import_status(profile, filled, kept)


def _import_status(profile: EnterpriseProfile, filled: list[str], kept: list[str]) -> str:
    rows = dict(profile_summary(profile))
    lines = [f"已导入当前对话：{'、'.join(filled)}。" if filled else "已关联当前对话，没有可填入表单的新内容。"]
    if kept:
        lines.append(f"保留表单已填的{'、'.join(kept)}。")
    lines.extend(f"{named}：{rows[row]}（匹配和保存时并入）。" for row, named in _CHAT_ONLY_ROWS.items() if row in rows)
    lines.append("请核对后再点「匹配政策」；表单中的内容优先，如有出入请直接修改。")
    return "".join(f'<p class="consult-notice">{escape(line)}</p>' for line in lines)
