"""Award rules as data: what counts in the base, the rate, the cap and its period, who it is per.

``awards.json`` holds the two rules the text fixes a figure for (articles 3 and 11) and the
supports it grants without one. ``assistant.awards`` evaluates them with one engine, so a
changed rate or cap is a new entry in a rule's ``versions`` (with its ``effective_from``), not
an ``if`` in the code. Conditions name facts from :data:`FACTS`; the engine reads those facts
from what the user said.

Example:
    >>> rules = load_award_rules()
    >>> rule = rules.rule("article3")
    >>> str(rule.version_for(2026).rate), str(rule.version_for(2026).cap), rule.cap_per
    ('0.015', '5000000', 'institution')
    >>> rules.unfixed_support("listing_reward").article
    13
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from corpus.paths import AWARDS_PATH
from corpus.rule_patterns import read_rule_file

__all__ = [
    "FACTS",
    "AwardRule",
    "AwardRules",
    "AwardRulesError",
    "ConditionRule",
    "RuleVersion",
    "UnfixedSupport",
    "load_award_rules",
]

# The facts a condition may test; ``assistant.awards.facts`` reads each one (a test keeps the two in step).
FACTS: tuple[str, ...] = (
    "institution.is_institution",
    "institution.in_gba",
    "institution.in_guangzhou",
    "investment.investee_in_guangzhou",
    "investment.stage",
    "investment.tech_sme",
    "investment.received",
    "guarantor.district_level",
    "guarantor.policy_based",
    "guarantor.new_or_increase",
    "guarantor.in_guangzhou",
    "contribution.funder",
    "contribution.paid",
    "contribution.in_guangzhou",
)
# Placeholders reason templates may use; the engine fills them from the item or party.
TEMPLATE_FIELDS: frozenset[str] = frozenset(
    {
        "place",
        "investor_is",
        "stage",
        "stage_word",
        "tech_word",
        "amount",
        "funder",
        "funder_word",
        "subscribed",
        "level_word",
        "district",
        "policy_word",
    }
)


class AwardRulesError(ValueError):
    """The rule file is missing, unreadable or inconsistent (the message says which rule and field)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleVersion(_Model):
    """One standard of a rule and when it took effect."""

    effective_from: dt.date | None = Field(None, description="生效日期；null 表示自本意见发布之日起")
    effective_note: str = Field(..., min_length=1, description="生效说明，回答中显示")
    rate: Decimal = Field(..., gt=0, le=1)
    cap: Decimal | None = Field(None, gt=0, description="每期上限（元）；null 为不封顶")
    source: str = Field(..., min_length=1, description="这一标准出自哪个文件")


class ConditionRule(_Model):
    """One eligibility condition of a rule: a fact, a test, the reasons, and what to do when unknown."""

    fact: str
    op: Literal["eq", "in"]
    value: bool | tuple[str, ...]
    label: str = Field(..., min_length=1)
    met: str
    not_met: str
    unknown: str
    unclear: str | None = Field(None, description="事实说了但读不准时的理由（如「A轮」）")
    if_unknown: Literal["ask", "assume"] = Field(..., description="未知时：ask 追问、不给金额；assume 按符合估算并注明")
    ask: str | None = None
    missing: str | None = None
    slot: str | None = Field(None, description="追问所填的事实槽（institution_place、stage…）")
    assume_if: str | None = Field(None, description="未知时若主体的这一事实为真，则按符合估算（不追问）")
    assumed: str | None = Field(None, description="按 assume_if 估算时的说明")

    @model_validator(mode="after")
    def _check(self) -> ConditionRule:
        if self.fact not in FACTS:
            raise ValueError(f"条件「{self.label}」的 fact「{self.fact}」未知（可选：{'、'.join(FACTS)}）")
        if self.assume_if is not None and (self.assume_if not in FACTS or not self.assumed):
            raise ValueError(f"条件「{self.label}」的 assume_if 须为已知事实，并给出 assumed 说明")
        if self.if_unknown == "ask" and not self.ask:
            raise ValueError(f"条件「{self.label}」未知时要追问，须给出 ask")
        if self.ask and not self.slot:
            raise ValueError(f"条件「{self.label}」有追问，须给出 slot（答句填入的事实）")
        for text in (self.met, self.not_met, self.unknown, self.unclear or ""):
            names = {name for _, name, _, _ in Formatter().parse(text) if name}
            if names - TEMPLATE_FIELDS:
                raise ValueError(
                    f"条件「{self.label}」的理由用了未知占位符：{'、'.join(sorted(names - TEMPLATE_FIELDS))}"
                )
        return self

    @property
    def missing_fact(self) -> str:
        """The fact to ask for, as a short phrase."""
        return self.missing or self.label


class AwardRule(_Model):
    """A rule with a figure: base items, their conditions, the party's conditions, rate and cap."""

    id: str
    article: int = Field(..., ge=1, le=32)
    tool: str
    label: str
    subject: Literal["investment", "contribution"]
    party: Literal["institution", "guarantor"]
    is_ceiling: bool
    quote: str
    units: tuple[str, ...]
    base_label: str
    cap_period: Literal["year"] | None
    cap_per: Literal["institution"] | None
    versions: tuple[RuleVersion, ...] = Field(..., min_length=1)
    party_conditions: tuple[ConditionRule, ...]
    item_conditions: tuple[ConditionRule, ...]
    keywords: tuple[str, ...]
    # 「借了2000万」: money of a kind the rule does not reward (the reader's set-aside reason → why).
    # When it is all the message gives, the estimate is 0 for that reason rather than a question.
    not_rewarded: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> AwardRule:
        prefix = {"institution": "institution.", "guarantor": "guarantor."}[self.party]
        for condition in self.party_conditions:
            if not condition.fact.startswith(prefix):
                raise ValueError(f"规则 {self.id} 的主体条件「{condition.label}」应检验 {prefix}* 事实")
        for condition in self.item_conditions:
            if not condition.fact.startswith(self.subject + "."):
                raise ValueError(f"规则 {self.id} 的逐笔条件「{condition.label}」应检验 {self.subject}.* 事实")
        dates = [v.effective_from for v in self.versions]
        if dates[0] is not None or any(d is None for d in dates[1:]) or dates[1:] != sorted(dates[1:]):  # type: ignore[type-var]
            raise ValueError(
                f"规则 {self.id} 的 versions 须以发布时的标准（effective_from 为 null）开头，其后按日期排列"
            )
        return self

    def version_for(self, year: int | None) -> RuleVersion:
        """The standard in force in ``year`` (the latest that took effect by its first day); the newest when unknown."""
        if year is None:
            return self.versions[-1]
        chosen = self.versions[0]
        for version in self.versions[1:]:
            if version.effective_from is not None and version.effective_from <= dt.date(year, 12, 31):
                chosen = version
        return chosen


class UnfixedSupport(_Model):
    """A support the text grants without fixing an amount: who decides, by which rule."""

    id: str
    article: int = Field(..., ge=1, le=32)
    label: str
    subject_text: str
    quote: str
    basis: str
    decided_by: str
    units: tuple[str, ...]
    keywords: tuple[str, ...]
    audience: tuple[str, ...] = Field((), description="受益方的说法：提问者自称其一时，这一事项更可能是所问")


class AwardRules(_Model):
    """Every award rule and unfixed support."""

    source: str = Field(..., min_length=1)
    change_clause: str
    rules: tuple[AwardRule, ...]
    unfixed: tuple[UnfixedSupport, ...]

    @model_validator(mode="after")
    def _unique(self) -> AwardRules:
        ids = [r.id for r in self.rules] + [u.id for u in self.unfixed]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise ValueError(f"规则标识重复：{'、'.join(duplicated)}")
        return self

    def rule(self, rule_id: str) -> AwardRule:
        """The rule with a figure named ``rule_id``.

        Raises:
            KeyError: No such rule.
        """
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"没有测算规则 {rule_id}")

    def for_subject(self, subject: str) -> AwardRule:
        """The first rule over one kind of base (``investment``, ``contribution``): a form's rule.

        Raises:
            KeyError: No rule has that base.
        """
        for rule in self.rules:
            if rule.subject == subject:
                return rule
        raise KeyError(f"没有以 {subject} 为基数的测算规则")

    def unfixed_support(self, support_id: str) -> UnfixedSupport:
        """The unfixed support named ``support_id``.

        Raises:
            KeyError: No such support.
        """
        for support in self.unfixed:
            if support.id == support_id:
                return support
        raise KeyError(f"没有支持事项 {support_id}")

    @property
    def ids(self) -> tuple[str, ...]:
        """Every rule and support id, rules first."""
        return tuple(r.id for r in self.rules) + tuple(u.id for u in self.unfixed)


@cache
def load_award_rules(path: Path = AWARDS_PATH) -> AwardRules:
    """Read and validate the rule file (once per path).

    Raises:
        AwardRulesError: The file is missing, not JSON, or a rule is inconsistent.
    """
    return read_rule_file(path, AwardRules, "奖励规则", AwardRulesError)
