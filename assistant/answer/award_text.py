"""How an estimate reads: what was counted and left out, the steps, the standard, the quote and units.

Also the tool-call arguments an estimate carries (the facts it was computed from).
"""

from __future__ import annotations

from decimal import Decimal

from assistant.answer import compose
from assistant.awards.result import AwardResult
from assistant.understand.model import Facts
from assistant.understand.yuan import format_yuan
from corpus.records import Article

__all__ = ["accounted", "award_text", "tool_args"]

_MAX_LISTED = 6


def tool_args(facts: Facts, subject: str) -> dict[str, object]:
    """The facts an estimate was computed from, as its tool call's arguments."""
    if subject == "investment":
        return {
            "institutions": [i.model_dump(mode="json", exclude_defaults=True) for i in facts.institutions],
            "investments": [
                i.model_dump(mode="json", exclude={"clause"}, exclude_defaults=True) for i in facts.investments
            ],
        }
    return {
        "contributions": [
            c.model_dump(mode="json", exclude={"clause"}, exclude_defaults=True) for c in facts.contributions
        ],
        "guarantor": facts.guarantor.model_dump(mode="json", exclude_defaults=True),
    }


def accounted(result: AwardResult) -> str:
    """「计入：…；不计入：…（原因）」 lines, when there is anything to account for."""
    lines: list[str] = []
    several = len({c.party for c in result.counted}) > 1
    if result.counted:
        shown = [f"{c.party + '：' if several else ''}{c.text}" for c in result.counted[:_MAX_LISTED]]
        lines.append("计入：" + "；".join(shown) + ("等" if len(result.counted) > _MAX_LISTED else ""))
    if result.left_out:
        shown = [f"{lo.text}（{lo.reason}）" for lo in result.left_out[:_MAX_LISTED]]
        lines.append("不计入：" + "；".join(shown))
    return "".join(line + "\n" for line in lines)


def award_text(article: Article, result: AwardResult) -> str:
    """The estimate's answer: 0 with its reasons, or the steps and figure, then the quote and units."""
    counted = accounted(result)
    if not result.eligible:
        reasons = result.why_not or result.explanation.rstrip("。")
        return (
            f"按【{article.label}】，{reasons}，不符合条件，预估金额为0元。\n{counted}"
            f"依据原文：{result.basis_quote}\n{compose.units_line([article])}"
        )
    amount = format_yuan(Decimal(str(result.award_yuan)))
    label = "最高可获" if result.is_ceiling else "预估可获"
    steps = "；".join(result.steps)
    assumed = "；".join(c.reason for c in result.conditions if c.status == "unknown")
    note = f"\n（{assumed}。）" if assumed else ""
    return (
        f"按【{article.label}】测算（{result.standard}）：\n{counted}{steps}。\n{label}{amount}（{result.note}）。{note}\n"
        f"依据原文：{result.basis_quote}\n{compose.units_line([article])}"
    )
