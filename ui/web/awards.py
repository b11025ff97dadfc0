"""HTML for a calculator result: the figure, the steps, each condition and the estimate note.

Shared by the 奖励测算 tab and the chat, which shows the same block under an answer that
called the calculator.

Example:
    >>> from decimal import Decimal
    >>> from assistant.calculator import article11_award
    >>> "最高" in render_award(article11_award(Decimal(10**8), True, True, True))
    True
"""

from __future__ import annotations

from decimal import Decimal

from assistant.awards.result import AwardResult
from assistant.understand.yuan import format_yuan
from corpus.numerals import int_to_cn
from ui.web.markup import escape

STATUS_LABELS = {"met": "✓ 符合", "not_met": "✗ 不符合", "unknown": "？待确认"}


def condition_item(name: str, status: str, reason: str) -> str:
    """One checked condition as ``li.condition.condition-{status}``: a status pill, the name, the reason.

    Shared by the calculator's result and the 特派员 tab's policy cards.

    Args:
        name: The condition's short name (「投资机构位于粤港澳大湾区」).
        status: ``met``, ``not_met`` or ``unknown``.
        reason: Why, in Chinese, tied to the stated facts.

    Returns:
        Single-line HTML.
    """
    return (
        f'<li class="condition condition-{escape(status)}" data-status="{escape(status)}">'
        f'<span class="condition-status">{STATUS_LABELS.get(status, escape(status))}</span> '
        f'<span class="condition-name">{escape(name)}</span>'
        f'<span class="condition-reason">{escape(reason)}</span></li>'
    )


def award_figure(result: AwardResult) -> str:
    """The headline figure: 「120万元」, 「最高4000万元」, or why there is no figure."""
    if result.award_yuan is None:
        return "暂无法确定金额"
    amount = format_yuan(Decimal(str(result.award_yuan)))
    return f"最高{amount}" if result.is_ceiling and result.award_yuan else amount


def award_heading(result: AwardResult) -> str:
    """What the figure is: 「第三条 · 预估奖励」 or 「第十一条 · 补助上限」."""
    label = f"第{int_to_cn(result.article)}条"
    return f"{label} · {'补助上限' if result.is_ceiling else '预估奖励'}"


def award_title(result: AwardResult) -> str:
    """A one-line title such as 「第三条 · 预估奖励：120万元」."""
    return f"{award_heading(result)}：{award_figure(result)}"


def render_award(result: AwardResult) -> str:
    """The full result as single-line HTML (``div.award-result``).

    Args:
        result: A calculator result (article 3, article 11, or a support without a fixed amount).

    Returns:
        HTML with the figure (``.award-amount``), the steps (``ol.award-steps``), the conditions
        (``li.condition`` with ``data-status``), what is missing, the units and the estimate note.
    """
    parts = [
        f'<div class="award-result" data-article="{result.article}" data-eligible="{_flag(result.eligible)}">',
        f'<p class="award-headline">{escape(award_heading(result))}：'
        f'<strong class="award-amount">{escape(award_figure(result))}</strong></p>',
    ]
    if result.explanation:
        parts.append(f'<p class="award-explanation">{escape(result.explanation)}</p>')
    if result.steps:
        steps = "".join(f"<li>{escape(step)}</li>" for step in result.steps)
        parts.append(f'<p class="award-section">计算过程</p><ol class="award-steps">{steps}</ol>')
    if result.conditions:
        rows = "".join(condition_item(c.name, c.status, c.reason) for c in result.conditions)
        parts.append(f'<p class="award-section">条件核对</p><ul class="award-conditions">{rows}</ul>')
    if result.missing:
        parts.append(f'<p class="award-missing">还需确认：{escape("、".join(result.missing))}</p>')
    if result.decided_by:
        parts.append(f'<p class="award-decided-by">{escape(result.decided_by)}</p>')
    if result.units:
        parts.append(f'<p class="award-units">责任单位：{escape("、".join(result.units))}</p>')
    parts.append(f'<p class="award-note">注：{escape(result.note)}</p></div>')
    return "".join(parts)


def _flag(value: bool | None) -> str:
    return "unknown" if value is None else str(value).lower()
