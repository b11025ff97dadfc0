"""The figure for the items no condition rules out: grouped, capped, and asked about when open.

The engine judges; this prices what it counted. Items are grouped by whom and which year the
cap is for, the rate and cap of the standard in force apply, and an open question (a blocking
unknown, a deal whose amount is untold, years that change the capped total) gives no figure
but the question instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assistant.awards.explain import article_label, group_steps, item_text, standard_text
from assistant.awards.grouping import capped_total, groups
from assistant.awards.judging import Judged
from assistant.awards.result import AwardResult, Condition, Counted, LeftOut
from assistant.understand.model import Question
from assistant.understand.yuan import format_yuan
from corpus.awards import AwardRule
from corpus.gazetteer import Gazetteer

__all__ = ["Priced", "price"]


@dataclass
class Priced:
    """What the engine hands over: the items counted (with their party and judgements) and its notes."""

    base: dict[str, Any]
    counted: list[tuple[Any, Any, list[Judged]]]
    conditions: list[Condition] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    unclear: list[Question] = field(default_factory=list)
    # Funds capped as one (they apply through their manager), and funds that may be: asked when it matters.
    joined: frozenset[str] = frozenset()
    maybe_joined: frozenset[str] = frozenset()


def _ask_years(rule: AwardRule) -> str:
    """The question when the years decide the figure; the cap is the rule data's."""
    cap = rule.version_for(None).cap
    limit = f"每年最高{format_yuan(cap)}的上限" if cap is not None else "上限"
    return f"请问这几笔投资分别在哪一年实际到账？{limit}按年度分别计算，年份会影响金额。"


def _ask_body(rule: AwardRule) -> str:
    """The question when whose cap it is decides the figure: each fund's, or the one manager's."""
    cap = rule.version_for(None).cap
    limit = f"每年最高{format_yuan(cap)}的上限" if cap is not None else "上限"
    return (
        f"请问这几只基金是各自作为股权投资机构分别申报，还是由管理人统一申报？{limit}按申报的机构计算，"
        "原文没有规定同一管理人旗下的基金怎么算，两种口径金额不同。"
    )


def _number(value: Decimal) -> int | float:
    """Model-field form of an exact amount: int when whole yuan, else float to the 分."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def price(
    rule: AwardRule, priced: Priced, deal_count: int | None, items: int, several_parties: bool, gazetteer: Gazetteer
) -> AwardResult:
    """The award for ``priced.counted`` (``items`` were told, ``deal_count`` said), or the question still open."""
    base, counted, conditions = priced.base, priced.counted, priced.conditions
    left_out, steps, unclear = priced.left_out, priced.steps, priced.unclear
    blocking = [j for _, _, js in counted for j in js if j.blocks]
    # A condition with no unknown text (a contribution's own place) is assumed without a note.
    assumed = [j for _, _, js in counted for j in js if j.status == "unknown" and not j.blocks and j.reason]
    groups_low, _, _ = groups(rule, counted, priced.joined | priced.maybe_joined)
    groups_apart, groups_high, spread_high = groups(rule, counted, priced.joined)
    low = capped_total(rule, groups_low, [])
    high = capped_total(rule, groups_high, spread_high)
    # 「管理人旗下两只基金」: one cap or two is asked when it changes the figure, before the years.
    body_open = low != capped_total(rule, groups_apart, [])
    base["standard"] = "；".join(dict.fromkeys(standard_text(rule, rule.version_for(g.year)) for g in groups_low))
    counted_rows = [
        Counted(
            party=p.label if hasattr(p, "label") else "担保机构",
            year=getattr(i, "year", None),
            amount=i.amount,
            text=item_text(i, gazetteer),
        )
        for i, p, _ in counted
    ]
    labels = {p.key: p.label for _, p, _ in counted if hasattr(p, "key") and hasattr(p, "label")}
    calc = group_steps(rule, groups_low, several_parties, AwardRule.version_for, labels)
    # 「投了广州两家…」 then only 「第一笔到账1200万」: the cap needs the other deals' amounts too.
    untold = (deal_count or 0) - items if rule.subject == "investment" else 0
    if untold > 0 and not unclear:
        unclear = [
            Question(
                slot="amount",
                text=f"您提到共{deal_count}笔，目前只知道{items}笔的金额：请问其余{untold}笔的{rule.base_label}各是多少？",
            )
        ]
    questions = (
        [q.text for q in unclear[:1]]
        or [j.condition.ask for j in blocking[:1] if j.condition.ask]
        or ([_ask_body(rule)] if body_open else [])
        or ([_ask_years(rule)] if low != high else [])
    )
    # The slot the answer to that question fills (「在番禺」 after 「被投企业注册在哪里」).
    question_slot = (
        unclear[0].slot
        if unclear
        else next((j.condition.slot for j in blocking[:1] if j.condition.ask), None)
        if blocking
        else ("institution_of" if body_open else "year" if low != high else None)
    )
    missing = list(
        dict.fromkeys(
            [j.condition.missing_fact for j in blocking]
            + ([q.text for q in unclear] and ["金额的含义"])
            + (["申报主体（各只基金分别申报或由管理人统一申报）"] if body_open else [])
            + (["各笔投资的实际到账年份"] if low != high and not body_open else [])
        )
    )
    if questions:
        figure = format_yuan(low) if low == high else f"{format_yuan(low)}至{format_yuan(high)}"
        return AwardResult(
            **base,
            award_yuan=None,
            eligible=None,
            conditions=conditions,
            counted=counted_rows,
            left_out=left_out,
            steps=[*steps, *(f"若符合条件：{s}" for s in calc)],
            missing=missing,
            questions=questions[:1],
            question_slot=question_slot if questions else None,
            explanation=f"若符合{article_label(rule)}条件，预计{figure}；但还需确认：{'、'.join(missing)}。",
        )
    figure = f"{'最高不超过' if rule.is_ceiling else '预计'}{format_yuan(low)}"
    explanation = f"符合{article_label(rule)}条件：{base['standard']}，{figure}。"
    if assumed:
        explanation += "其中" + "；".join(dict.fromkeys(j.reason for j in assumed)) + "。"
    return AwardResult(
        **base,
        award_yuan=_number(low),
        eligible=True,
        conditions=conditions,
        counted=counted_rows,
        left_out=left_out,
        steps=[*steps, *calc],
        explanation=explanation,
    )
