"""Who each article of the policy is for, as data: audiences, conditions, keywords, award rules.

``eligibility.json`` holds one entry per article (1–32) and the vocabulary of enterprise kinds
(canonical name, synonyms, how to address one). The consultation matcher in
``assistant.consultation.matching`` reads only this data, so changing who an article applies to means
editing the JSON, not code.

A condition tests one profile field with one operator; ``any_of`` groups alternatives
(「持有知识产权或有贷款需求」). Reason texts are templates whose ``{placeholders}`` the matcher fills
from the profile (see :data:`TEMPLATE_FIELDS`).

Example:
    >>> data = load_eligibility()
    >>> data.article(3).award_rule, data.article(3).audience
    ('article3', ('创投机构',))
    >>> data.kind_entry("银行").address
    '贵行'
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection
from pathlib import Path
from string import Formatter
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from corpus.paths import ELIGIBILITY_PATH

__all__ = [
    "CONDITION_OPS",
    "ENTERPRISE_KINDS",
    "FIXED_AWARD_RULES",
    "LIST_ITEM_FIELDS",
    "PROFILE_FIELDS",
    "TEMPLATE_FIELDS",
    "ArticleEligibility",
    "ConditionOp",
    "ConditionSpec",
    "Eligibility",
    "EligibilityError",
    "EnterpriseKind",
    "KindEntry",
    "load_eligibility",
]

EnterpriseKind = Literal[
    "科技型中小企业",
    "创投机构",
    "银行",
    "融资担保机构",
    "国有企业",
    "金融科技企业",
    "保险公司",
    "中介服务机构",
    "金融资产管理公司",
    "行业协会",
    "孵化器",
    "科技人才",
    "其他",
]
ENTERPRISE_KINDS: tuple[str, ...] = get_args(EnterpriseKind)

ConditionOp = Literal["eq", "in", "present", "contains_any"]
CONDITION_OPS: tuple[str, ...] = get_args(ConditionOp)

# The profile fields a condition may test (``assistant.consultation.profile.EnterpriseProfile``; a test keeps
# the two in step, since corpus/ must not import assistant/).
PROFILE_FIELDS: tuple[str, ...] = (
    "kind",
    "district",
    "in_greater_bay_area",
    "in_guangzhou",
    "stage",
    "recent_financing",
    "investments_made",
    "intellectual_property",
    "listing_plan",
    "target_board",
    "bond_plan",
    "cross_border",
    "needs",
    "district_new_capital",
    "state_owned",
)
# ``list_field.item_field``: tested on every item, met when any item meets it.
LIST_ITEM_FIELDS: tuple[str, ...] = (
    "investments_made.investee_stage",
    "investments_made.investee_in_guangzhou",
    "investments_made.investee_is_tech_sme",
)
# Placeholders a reason template may use; the matcher fills them from the profile.
TEMPLATE_FIELDS: tuple[str, ...] = (
    "subject",
    "kind",
    "located",
    "district",
    "stage",
    "listing_plan",
    "target_board",
    "intellectual_property",
    "cross_border",
    "needs",
    "financing",
    "investee_stages",
    "matched",
    "value",
)
# Award rules with a computed amount; the others are assistant.calculator.UNFIXED_SUPPORT_TOPICS.
FIXED_AWARD_RULES: tuple[str, ...] = ("article3", "article11")
ARTICLE_NUMBERS = range(1, 33)


class EligibilityError(ValueError):
    """The eligibility file is missing, unreadable or inconsistent (says which field to fix)."""


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


class ConditionSpec(BaseModel):
    """One eligibility condition: a field test, or ``any_of`` alternatives."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str = Field(..., min_length=1, description="条件简称（中文）")
    field: str | None = Field(None, description="所检验的企业画像字段")
    op: ConditionOp | None = None
    value: bool | str | tuple[str, ...] | None = None
    any_of: tuple[ConditionSpec, ...] = Field(default=(), description="满足其一即可的子条件")
    reason_met: str | None = None
    reason_not_met: str | None = None
    reason_unknown: str | None = None
    missing: str | None = Field(None, description="条件未知时需要补充的事实；缺省为 label")
    required: bool = Field(False, description="为真时，条件未知也不列入匹配结果（只列入待补充事实）")

    @model_validator(mode="after")
    def _check_shape(self) -> ConditionSpec:
        if (self.field is None) == (not self.any_of):
            raise ValueError(f"条件「{self.label}」须且只能给出 field 或 any_of 之一")
        if self.field is not None:
            if self.field not in PROFILE_FIELDS + LIST_ITEM_FIELDS:
                raise ValueError(f"条件「{self.label}」的 field「{self.field}」不是企业画像字段")
            if self.op is None:
                raise ValueError(f"条件「{self.label}」缺少 op（可选：{'、'.join(CONDITION_OPS)}）")
            if self.op in ("in", "contains_any") and not (isinstance(self.value, tuple) and self.value):
                raise ValueError(f"条件「{self.label}」的 op「{self.op}」需要非空列表 value")
            if self.op == "eq" and (self.value is None or isinstance(self.value, tuple)):
                raise ValueError(f"条件「{self.label}」的 op「eq」需要单个 value")
            if self.op == "present" and self.value is not None:
                raise ValueError(f"条件「{self.label}」的 op「present」不接受 value")
        for template in (self.reason_met, self.reason_not_met, self.reason_unknown):
            unknown = _placeholders(template or "") - set(TEMPLATE_FIELDS)
            if unknown:
                raise ValueError(f"条件「{self.label}」的理由模板使用了未知占位符：{'、'.join(sorted(unknown))}")
        return self

    def check_top_level(self) -> None:
        """Raise when a top-level condition lacks the reasons the matcher must show."""
        if self.field is not None and not self.reason_met:
            raise ValueError(f"条件「{self.label}」缺少 reason_met")
        if not self.reason_not_met:
            raise ValueError(f"条件「{self.label}」缺少 reason_not_met")
        for sub in self.any_of:
            if sub.any_of:
                raise ValueError(f"条件「{self.label}」的 any_of 不能再嵌套 any_of")
            if not sub.reason_met:
                raise ValueError(f"条件「{self.label}」的子条件「{sub.label}」缺少 reason_met")

    @property
    def missing_fact(self) -> str:
        """The fact to ask for when the condition is unknown."""
        return self.missing or self.label


class ArticleEligibility(BaseModel):
    """Who one article is for, what they must meet, and what it offers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    article: int = Field(..., ge=1, le=32)
    audience: tuple[EnterpriseKind, ...] = Field(default=(), description="适用的企业（机构）类型；空表示普适措施")
    conditions: tuple[ConditionSpec, ...] = ()
    keywords: tuple[str, ...] = Field(default=(), description="需求或自述中出现即视为相关的词")
    award_rule: str | None = None
    award_rule_by_kind: dict[EnterpriseKind, str | None] = Field(
        default_factory=dict, description="按类型改用的奖励规则；null 表示该类型不测算"
    )
    benefit: str = Field(..., min_length=1, description="本条支持内容摘要（中文，取自原文）")

    @model_validator(mode="after")
    def _check_conditions(self) -> ArticleEligibility:
        for condition in self.conditions:
            condition.check_top_level()
        if any(not word.strip() for word in self.keywords):
            raise ValueError("keywords 不能含空字符串")
        return self

    def award_rule_for(self, kind: str | None) -> str | None:
        """The award rule to apply for a profile of this kind."""
        if kind is not None and kind in self.award_rule_by_kind:
            return self.award_rule_by_kind[kind]  # type: ignore[index]
        return self.award_rule


class KindEntry(BaseModel):
    """One canonical enterprise kind, the words people use for it and how to address it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: EnterpriseKind
    address: str = Field(..., min_length=1, description="称呼，如「贵机构」「贵企业」")
    synonyms: tuple[str, ...] = ()
    field_words: tuple[str, ...] = Field((), description="行业词：自述只说「做芯片的小公司」时，凭行业词判定类型")


class Eligibility(BaseModel):
    """The whole eligibility table: kinds vocabulary and one entry per article."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    note: str = ""
    kinds: tuple[KindEntry, ...]
    articles: tuple[ArticleEligibility, ...]

    @model_validator(mode="after")
    def _check_complete(self) -> Eligibility:
        counts = Counter(entry.article for entry in self.articles)
        duplicated = sorted(n for n, c in counts.items() if c > 1)
        absent = [n for n in ARTICLE_NUMBERS if n not in counts]
        if duplicated or absent:
            problems = []
            if absent:
                problems.append(f"缺少第{'、'.join(map(str, absent))}条")
            if duplicated:
                problems.append(f"第{'、'.join(map(str, duplicated))}条重复")
            raise ValueError(f"articles 须恰好包含第1–32条各一次：{'；'.join(problems)}")
        kind_counts = Counter(entry.kind for entry in self.kinds)
        missing_kinds = [k for k in ENTERPRISE_KINDS if kind_counts[k] != 1]
        if missing_kinds:
            raise ValueError(f"kinds 须为每种类型恰好给出一项：{'、'.join(missing_kinds)}")
        owners: dict[str, str] = {}
        for entry in self.kinds:
            for synonym in entry.synonyms:
                other = owners.setdefault(synonym.lower(), entry.kind)
                if other != entry.kind:
                    raise ValueError(f"同义词「{synonym}」同时属于「{other}」和「{entry.kind}」")
        return self

    def article(self, number: int) -> ArticleEligibility:
        """The entry for article ``number`` (1–32).

        Raises:
            KeyError: No such article.
        """
        for entry in self.articles:
            if entry.article == number:
                return entry
        raise KeyError(f"没有第{number}条的资格数据")

    def kind_entry(self, kind: str) -> KindEntry:
        """The vocabulary entry of a canonical kind.

        Raises:
            KeyError: Not a canonical kind.
        """
        for entry in self.kinds:
            if entry.kind == kind:
                return entry
        raise KeyError(f"未知的企业类型：{kind}")

    def award_rules(self) -> set[str]:
        """Every award rule the table names."""
        rules = {entry.award_rule for entry in self.articles if entry.award_rule}
        rules.update(rule for entry in self.articles for rule in entry.award_rule_by_kind.values() if rule)
        return rules


def _describe(error: ValidationError) -> str:
    return "；".join(f"{'.'.join(str(p) for p in e['loc']) or '（顶层）'}：{e['msg']}" for e in error.errors())


def load_eligibility(path: Path = ELIGIBILITY_PATH, award_rules: Collection[str] | None = None) -> Eligibility:
    """Read and validate the eligibility table.

    Args:
        path: The JSON file; defaults to the one shipped in ``corpus/``.
        award_rules: The award rule names the caller can apply (``assistant.consultation.matching`` passes
            ``article3``, ``article11`` and the calculator's unfixed topics). When given, every
            ``award_rule`` in the file must be one of them.

    Returns:
        The validated table.

    Raises:
        EligibilityError: The file is missing, not JSON, incomplete or names an unknown rule.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise EligibilityError(f"找不到资格数据文件：{path}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise EligibilityError(
            f"资格数据文件 {path} 不是有效的 JSON：第{exc.lineno}行第{exc.colno}列，{exc.msg}"
        ) from exc
    try:
        table = Eligibility.model_validate(data)
    except ValidationError as exc:
        raise EligibilityError(f"资格数据文件 {path} 有误：{_describe(exc)}") from exc
    if award_rules is not None:
        unknown = sorted(table.award_rules() - set(award_rules))
        if unknown:
            choices = "、".join(sorted(award_rules))
            raise EligibilityError(
                f"资格数据文件 {path} 中的 award_rule 无法识别：{'、'.join(unknown)}（可选：{choices}）"
            )
    return table
