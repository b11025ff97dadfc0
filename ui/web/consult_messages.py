"""The 特派员 tab's error messages: what to fix, in Chinese, naming the field on the form.

Handlers never raise for bad input; they show :func:`error_html` (``div.calc-error``, styled like
the calculator's errors) with the message of a :class:`FormError` or of the draft model's own check.
"""

from __future__ import annotations

from pydantic import ValidationError

from ui.web.forms import FormError, error_html  # one form error for every tab

__all__ = ["FormError", "error_html", "validation_message"]

# Where each draft field is on the form, for messages about values the draft model rejects.
_FIELD_LABELS: dict[str, str] = {
    "enterprise": "企业（机构）名称",
    "contact": "企业联系人",
    "date": "咨询日期",
    "officers": "特派员",
    "follow_ups": "后续跟进事项",
    "notes": "备注",
    "session_id": "对话会话编号",
    "financing_text": "近期融资/投资",
    "name": "姓名",
    "organization": "单位",
    "side": "类别",
    "district": "所在区",
    "stage": "发展阶段",
    "listing_plan": "上市挂牌计划",
    "target_board": "目标板块",
    "intellectual_property": "知识产权",
    "cross_border": "跨境业务",
    "needs": "主要需求",
    "free_text": "企业情况与需求",
    "district_new_capital": "区财政新增出资额",
    "recent_financing": "近期融资/投资",
    "investments_made": "近期融资/投资",
    "amount": "金额",
}


def validation_message(exc: ValidationError) -> str:
    """The first problem the draft model found, in Chinese, naming the form field."""
    error = exc.errors()[0]
    loc = [part for part in error.get("loc", ()) if isinstance(part, str) and part != "profile"]
    label = next((_FIELD_LABELS[part] for part in reversed(loc) if part in _FIELD_LABELS), "表单")
    numbers = [part for part in error.get("loc", ()) if isinstance(part, int)]
    if loc[:1] == ["officers"] and numbers:
        label = f"第 {numbers[0] + 1} 位特派员{label}"
    context = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "string_too_long":
        return f"{label}过长：最多 {context.get('max_length')} 个字符。"
    if kind == "too_long":
        return f"{label}过多：最多 {context.get('max_length')} 项。"
    if kind in ("string_too_short", "missing"):
        return f"请填写{label}。"
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return f"{label}填写有误：{message}"
