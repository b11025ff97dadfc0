"""The words of an award: the standard in force, each item, and the arithmetic step by step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assistant.understand.model import Contribution, Investment
from assistant.understand.yuan import format_yuan
from corpus.awards import AwardRule, RuleVersion
from corpus.gazetteer import Gazetteer
from corpus.numerals import int_to_cn

if TYPE_CHECKING:
    from assistant.awards.engine import Group

__all__ = ["group_steps", "item_text", "percent", "standard_text"]

_STATUS = {"received": "已到账", "pending": "尚未到账", "signed": "签约", "unstated": "到账情况未说明"}


def percent(rate: Decimal) -> str:
    """0.015 → 1.5%."""
    return f"{(rate * 100).normalize():f}%"


def standard_text(rule: AwardRule, version: RuleVersion) -> str:
    """「按实际到账投资额的1.5%计算，每年最高不超过500万元（自本意见发布之日起实施）」."""
    rate = f"{'不超过' if rule.is_ceiling else ''}{rule.base_label}的{percent(version.rate)}"
    cap = f"，每年最高不超过{format_yuan(version.cap)}" if version.cap is not None and rule.cap_period == "year" else ""
    cap = cap or (f"，最高不超过{format_yuan(version.cap)}" if version.cap is not None else "")
    when = (
        version.effective_note
        if version.effective_from is None
        else f"自{version.effective_from:%Y年%-m月%-d日}起执行，依据{version.source}"
    )
    return f"按{rate}计算{cap}（{when}）"


def item_text(item: Any, gazetteer: Gazetteer) -> str:
    """One investment or contribution in a few words: 「黄埔（广州） 初创期 已到账2000万元（2026年）」."""
    if isinstance(item, Investment):
        place = gazetteer.resolve(item.investee_place) if item.investee_place else None
        parts = [
            place.label if place else (item.investee_place_text or ""),
            item.stage or item.stage_word or "",
            f"{_STATUS[item.status]}{format_yuan(item.amount)}"
            if item.status != "unstated"
            else format_yuan(item.amount),
        ]
        year = f"（{item.year}年）" if item.year else ("（跨多个年度）" if item.years_spanned is not None else "")
        return " ".join(p for p in parts if p) + year
    if isinstance(item, Contribution):
        word = item.funder_word or "出资"
        gap = " " if word[-1].isascii() else ""  # 「district finance bureau 1.5亿元」
        return f"{word}{gap}{format_yuan(item.amount)}"
    return str(item)


def group_steps(
    rule: AwardRule,
    groups: Sequence[Group],
    several_parties: bool,
    version_for: Callable[[AwardRule, int | None], RuleVersion],
    labels: dict[str, str] | None = None,
) -> list[str]:
    """Each group's sum, rate and cap, then the total; ``labels`` name the parties as the user did."""
    steps: list[str] = []
    capped: list[Decimal] = []
    for group in sorted(groups, key=lambda g: (g.party, g.year or 0)):
        version = version_for(rule, group.year)
        who = f"{(labels or {}).get(group.party, group.party)}" if several_parties and group.party else ""
        when = f"{group.year}年度" if group.year is not None and rule.cap_period == "year" else ""
        label = f"{'，'.join(p for p in (who, when) if p)}：" if who or when else ""
        if len(group.amounts) > 1:
            steps.append(
                f"{label}合计 {' + '.join(format_yuan(a) for a in group.amounts)} = {format_yuan(group.total)}"
            )
        raw = group.total * version.rate
        line = f"{label}{format_yuan(group.total)} × {percent(version.rate)} = {format_yuan(raw)}"
        if version.cap is None:
            value = raw
            line += "（上限，最高不超过）" if rule.is_ceiling else ""
        elif raw > version.cap:
            value = version.cap
            line += f" > {format_yuan(version.cap)}（年度上限），按{format_yuan(version.cap)}计"
        else:
            value = raw
            line += f" ≤ {format_yuan(version.cap)}（年度上限），按{format_yuan(raw)}计"
        steps.append(line)
        capped.append(value)
    if len(capped) > 1:
        steps.append(
            f"各{'机构、' if several_parties else ''}年度分别计算后合计："
            f"{' + '.join(format_yuan(v) for v in capped)} = {format_yuan(sum(capped, Decimal(0)))}"
        )
    return steps


def article_label(rule: AwardRule) -> str:
    """「第（三）条」, as the policy numbers its articles."""
    return f"第（{int_to_cn(rule.article)}）条"


def base_fields(rule: AwardRule) -> dict[str, Any]:
    """The fields every result of ``rule`` starts from."""
    return {
        "rule": rule.id,
        "article": rule.article,
        "is_ceiling": rule.is_ceiling,
        "units": list(rule.units),
        "basis_quote": rule.quote,
        "standard": standard_text(rule, rule.version_for(None)),
    }
