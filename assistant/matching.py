"""Consultation matching: which articles apply to an enterprise profile, why, and for how much.

Everything article-specific lives in ``corpus/eligibility.json``: an article is *relevant* when
its audience includes the profile's kind or one of its keywords appears in the profile's needs or
free text; each condition is then judged met / not_met / unknown against the (enriched) profile,
with a reason in plain Chinese tied to the profile's facts.

An article is *matched* when it is relevant, no condition is ``not_met`` and no ``required``
condition is unknown. Decision for the 北京 VC case: an article with a condition not met is left
out of ``matches`` (the result lists what applies); :func:`evaluate_article` explains one article
whatever its outcome, e.g. to answer 「为什么第三条不适用？」. ``missing`` lists the facts still
unknown that would change the result: unknown conditions of matched articles, the gating facts of
relevant articles held back only by them, and what an award estimate still needs.

Example:
    >>> from corpus.paths import POLICY_PATH
    >>> from ingest.parse import parse_policy
    >>> articles = {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}
    >>> result = match_profile(
    ...     EnterpriseProfile(kind="创投机构", district="南沙区", investments_made=[
    ...         {"amount": "8000万", "year": 2025, "investee_stage": "初创期", "investee_in_guangzhou": True}]),
    ...     articles=articles,
    ... )
    >>> top = result.matches[0]
    >>> top.article, top.award["award_yuan"], top.conditions[1].reason
    (3, 1200000, '贵机构位于南沙区，属于粤港澳大湾区')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from assistant.amounts import format_yuan
from assistant.calculator import (
    UNFIXED_SUPPORT_TOPICS,
    AwardResult,
    article3_award,
    article11_award,
    unfixed_support,
)
from assistant.profile import EnterpriseProfile, enrich_profile, profile_from_facts
from corpus.eligibility import (
    FIXED_AWARD_RULES,
    ArticleEligibility,
    ConditionSpec,
    Eligibility,
    load_eligibility,
)
from corpus.records import Article

if TYPE_CHECKING:
    from assistant.knowledge import Knowledge

__all__ = [
    "ConditionResult",
    "Match",
    "MatchResult",
    "MatchingError",
    "award_rule_names",
    "default_eligibility",
    "evaluate_article",
    "match_profile",
    "profile_from_facts",
]

Status = Literal["met", "not_met", "unknown"]

KIND_MISSING = "企业（机构）类型"
ARTICLE3_AMOUNT_MISSING = "实际到账投资额（金额、到账年份）"
ARTICLE11_CAPITAL_MISSING = "区财政新增出资额"

# Ranking weights: a computed amount outranks everything, then met conditions.
_AUDIENCE_WEIGHT = 1.0
_MET_WEIGHT = 1.0
_KEYWORD_WEIGHT = 0.5
_MAX_KEYWORDS_COUNTED = 3
_UNKNOWN_PENALTY = 0.25
_AMOUNT_WEIGHT = 3.0
_AWARD_WEIGHT = 1.0


class MatchingError(ValueError):
    """The caller gave neither articles nor a knowledge base, or articles the table needs are absent."""


class ConditionResult(BaseModel):
    """One condition judged against the profile."""

    label: str = Field(..., description="条件简称")
    status: Status
    reason: str = Field(..., description="结合企业画像的中文理由")


class Match(BaseModel):
    """One article that applies to the profile."""

    article: int = Field(..., ge=1, le=32)
    label: str = Field(..., description="条款标记，如「第三条」")
    title: str
    reason: str = Field(..., description="一句话理由（已满足的条件）")
    conditions: list[ConditionResult] = Field(default_factory=list)
    award: dict[str, Any] | None = Field(None, description="AwardResult（JSON）；本条无测算规则时为 null")
    units: list[str] = Field(default_factory=list, description="责任单位")
    benefit: str = Field(..., description="支持内容摘要")
    score: float = Field(..., description="排序分：满足条件越多、有测算金额者越高")


class Excluded(BaseModel):
    """An article aimed at the enterprise (its kind or its words) that a stated fact rules out, and why.

    An officer is asked 「为什么我们不符合第三条？」 as often as what applies.
    """

    article: int = Field(..., ge=1, le=32)
    label: str = Field(..., description="条款标记，如「第三条」")
    title: str
    reason: str = Field(..., description="不适用的原因（未满足的条件，结合企业画像）")


class MatchResult(BaseModel):
    """The articles that apply, best first, and the facts that would still change the result."""

    matches: list[Match] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="尚需补充的事实")
    excluded: list[Excluded] = Field(default_factory=list, description="经核对不适用的条款及原因")


def award_rule_names() -> frozenset[str]:
    """Every award rule this module can apply: article 3, article 11 and the unfixed topics."""
    return frozenset({*FIXED_AWARD_RULES, *UNFIXED_SUPPORT_TOPICS})


@lru_cache(maxsize=1)
def default_eligibility() -> Eligibility:
    """The shipped eligibility table, validated against the calculator's rules (read once)."""
    return load_eligibility(award_rules=award_rule_names())


# ---------------------------------------------------------------------------
# Judging conditions
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Check:
    spec: ConditionSpec
    status: Status
    reason: str
    met_by: ConditionSpec | None = None  # the spec (or any_of alternative) that met it


@dataclass(frozen=True)
class _Evaluation:
    entry: ArticleEligibility
    audience_matched: bool
    keyword_hits: tuple[str, ...]
    checks: tuple[_Check, ...]
    award: AwardResult | None
    award_missing: tuple[str, ...]

    @property
    def relevant(self) -> bool:
        return self.audience_matched or bool(self.keyword_hits)

    @property
    def blocked(self) -> bool:
        # The calculator's own verdict counts too: its rules test facts the table leaves to it.
        return any(c.status == "not_met" for c in self.checks) or (
            self.award is not None and self.award.eligible is False
        )

    @property
    def gated(self) -> list[_Check]:
        """Required conditions still unknown: they hold the article back until answered."""
        return [c for c in self.checks if c.spec.required and c.status == "unknown"]

    @property
    def included(self) -> bool:
        return self.relevant and not self.blocked and not self.gated


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _shown(value: Any) -> str:
    """A profile value as a reason shows it: money in 万元/亿元, a financing or investment by its amount."""
    amount = getattr(value, "amount", value)
    return format_yuan(amount) if isinstance(amount, Decimal) else str(value)


def _satisfies(value: Any, spec: ConditionSpec) -> bool:
    if spec.op == "eq":
        return value == spec.value and type(value) is type(spec.value)
    if spec.op == "in":
        return isinstance(spec.value, tuple) and value in spec.value
    if spec.op == "contains_any":
        return isinstance(spec.value, tuple) and any(word in str(value) for word in spec.value)
    return not _is_empty(value)


def _test(profile: EnterpriseProfile, spec: ConditionSpec) -> tuple[Status, list[str]]:
    """Status of a field condition and the profile values that satisfied it."""
    if spec.field is None:
        raise ValueError(f"条件「{spec.label}」没有 field，应按 any_of 判断")
    if "." in spec.field:
        # ``investments_made.investee_stage``: met when any item meets it, not met when every item is known and fails.
        list_name, item_name = spec.field.split(".", 1)
        values = [getattr(item, item_name) for item in getattr(profile, list_name)]
        known = [v for v in values if v is not None]
        hits = [v for v in known if _satisfies(v, spec)]
        if hits:
            return "met", [_shown(v) for v in hits]
        if known and len(known) == len(values):
            return "not_met", []
        return "unknown", []
    value = getattr(profile, spec.field)
    if _is_empty(value):
        return "unknown", []
    items = value if isinstance(value, list) else [value]
    if spec.op == "present":
        return "met", [_shown(v) for v in items]
    if spec.op == "contains_any":
        hits = [item for item in items if _satisfies(item, spec)]
        # A list says what the profile has, not what it lacks: no hit stays unknown.
        return ("met", [_shown(v) for v in hits]) if hits else ("unknown", [])
    return ("met", [_shown(value)]) if _satisfies(value, spec) else ("not_met", [])


def _render(template: str | None, context: Mapping[str, str], spec: ConditionSpec, matched: Sequence[str]) -> str:
    if not template:
        return f"尚未提供：{spec.missing_fact}"
    value = spec.value
    shown_value = "、".join(value) if isinstance(value, tuple) else ("" if value is None else str(value))
    return template.format_map({**context, "matched": "、".join(dict.fromkeys(matched)), "value": shown_value})


def _judge(profile: EnterpriseProfile, spec: ConditionSpec, context: Mapping[str, str]) -> _Check:
    if spec.any_of:
        subs = [(sub, *_test(profile, sub)) for sub in spec.any_of]
        met = next(((sub, matched) for sub, status, matched in subs if status == "met"), None)
        if met is not None:
            return _Check(spec, "met", _render(met[0].reason_met, context, met[0], met[1]), met_by=met[0])
        if all(status == "not_met" for _, status, _ in subs):
            return _Check(spec, "not_met", _render(spec.reason_not_met, context, spec, []))
        return _Check(spec, "unknown", _render(spec.reason_unknown, context, spec, []))
    status, matched = _test(profile, spec)
    template = {"met": spec.reason_met, "not_met": spec.reason_not_met, "unknown": spec.reason_unknown}[status]
    return _Check(spec, status, _render(template, context, spec, matched), met_by=spec if status == "met" else None)


def _context(profile: EnterpriseProfile, table: Eligibility) -> dict[str, str]:
    """Values the reason templates may use (:data:`corpus.eligibility.TEMPLATE_FIELDS`)."""
    kind = profile.kind or "其他"
    stages = [inv.investee_stage for inv in profile.investments_made if inv.investee_stage]
    financing = [
        f"{inv.year}年{format_yuan(inv.amount)}" if inv.year else format_yuan(inv.amount)
        for inv in profile.recent_financing
    ]
    return {
        "subject": table.kind_entry(kind).address,
        "kind": profile.kind_text if kind == "其他" and profile.kind_text else kind,
        "located": f"位于{profile.district}，" if profile.district else "",
        "district": profile.district or "",
        "stage": profile.stage or "",
        "listing_plan": profile.listing_plan or (f"目标板块：{profile.target_board}" if profile.target_board else ""),
        "target_board": profile.target_board or "",
        "intellectual_property": "、".join(profile.intellectual_property),
        "cross_border": "、".join(profile.cross_border),
        "needs": "、".join(profile.needs),
        "financing": "、".join(financing),
        "investee_stages": "、".join(dict.fromkeys(stages)),
    }


def _keyword_text(profile: EnterpriseProfile, table: Eligibility) -> str:
    """The free text with the profile's own kind words blanked: 「融资担保机构」 is not a need for 融资."""
    text = (profile.free_text or "").lower()
    if profile.kind is None:
        return text
    entry = table.kind_entry(profile.kind)
    for word in sorted((entry.kind, *entry.synonyms), key=len, reverse=True):
        text = text.replace(word.lower(), "\u3000" * len(word))
    return text


# A kind word only a few characters long (「银行」) says nothing particular when an article names it.
_MIN_KIND_KEYWORD = 4


def _keyword_hits(entry: ArticleEligibility, text: str, needs: Sequence[str], raw_text: str = "") -> tuple[str, ...]:
    """The profile's words that make the article relevant, as the user said them.

    ``text`` has the profile's own kind words blanked (「融资担保机构」 is no need for 融资); a
    keyword that is itself such a word still counts for an article not aimed at the kind, which
    names it all the same (第一条 names 「银行理财子公司」), so it is looked for in ``raw_text``
    (empty when the article is aimed at the kind anyway).
    """
    hits: list[str] = []
    for keyword in entry.keywords:
        word = keyword.lower()
        own_kind_word = word in raw_text and word not in text and len(word) >= _MIN_KIND_KEYWORD
        if word in text or own_kind_word or any(word in need.lower() for need in needs):
            hits.append(keyword)
        # A stated need also counts when it is part of a keyword (「融资」 for 「股权融资」).
        hits.extend(need for need in needs if len(need) >= 2 and need.lower() in word)
    return tuple(dict.fromkeys(hits))


def _evaluate(profile: EnterpriseProfile, entry: ArticleEligibility, table: Eligibility) -> _Evaluation:
    context = _context(profile, table)
    award, award_missing = _award(entry.award_rule_for(profile.kind), profile)
    return _Evaluation(
        entry=entry,
        audience_matched=profile.kind is not None and profile.kind in entry.audience,
        keyword_hits=_keyword_hits(
            entry,
            _keyword_text(profile, table),
            profile.needs,
            "" if profile.kind in entry.audience else (profile.free_text or "").lower(),
        ),
        checks=tuple(_judge(profile, spec, context) for spec in entry.conditions),
        award=award,
        award_missing=tuple(award_missing),
    )


# ---------------------------------------------------------------------------
# Awards
# ---------------------------------------------------------------------------


def _award(rule: str | None, profile: EnterpriseProfile) -> tuple[AwardResult | None, list[str]]:
    """The calculator's result for a rule, and the facts it still needs."""
    if rule is None:
        return None, []
    if rule == "article3":
        if not profile.investments_made:
            return None, [ARTICLE3_AMOUNT_MISSING]
        result = article3_award([inv.as_investment() for inv in profile.investments_made], profile.in_greater_bay_area)
        return result, list(result.missing)
    if rule == "article11":
        flags = (profile.is_district_level, profile.is_policy_guarantee, profile.is_new_or_capital_increase)
        ruled_out = False in flags or profile.district_funded is False
        if profile.district_new_capital is None and not ruled_out:
            return None, [ARTICLE11_CAPITAL_MISSING]
        # A stated 区财政新增出资 means the district treasury newly funded the institution (区级, 新增资);
        # the institutions a district treasury funds are its policy guarantee institutions, as the chat
        # answerer also assumes. An explicit False in the profile overrides each inference.
        result = article11_award(
            profile.district_new_capital,
            _default_true(profile.is_district_level),
            _default_true(profile.is_policy_guarantee),
            _default_true(profile.is_new_or_capital_increase),
            district_funded=profile.district_funded,
        )
        return result, list(result.missing)
    return unfixed_support(rule), []  # type: ignore[arg-type]


def _default_true(flag: bool | None) -> bool:
    return True if flag is None else flag


# ---------------------------------------------------------------------------
# Assembling matches
# ---------------------------------------------------------------------------


def _build_match(
    evaluation: _Evaluation, profile: EnterpriseProfile, article: Article, table: Eligibility
) -> tuple[Match, list[str]]:
    entry = evaluation.entry
    award = evaluation.award
    met = [c for c in evaluation.checks if c.status == "met"]
    unknown = [c for c in evaluation.checks if c.status == "unknown"]
    parts = [c.reason for c in met]
    if evaluation.audience_matched and not any(c.met_by is not None and c.met_by.field == "kind" for c in met):
        parts.insert(0, f"本条面向{profile.kind}")
    if evaluation.keyword_hits:
        subject = table.kind_entry(profile.kind or "其他").address
        parts.append(f"与{subject}提到的“{'”“'.join(evaluation.keyword_hits)}”相关")
    has_amount = award is not None and award.award_yuan is not None and award.award_yuan > 0
    score = (
        (_AUDIENCE_WEIGHT if evaluation.audience_matched else 0.0)
        + _MET_WEIGHT * len(met)
        + _KEYWORD_WEIGHT * min(len(evaluation.keyword_hits), _MAX_KEYWORDS_COUNTED)
        - _UNKNOWN_PENALTY * len(unknown)
        + (_AMOUNT_WEIGHT if has_amount else _AWARD_WEIGHT if award is not None else 0.0)
    )
    match = Match(
        article=entry.article,
        label=article.label,
        title=article.title,
        reason="；".join(parts),
        conditions=[ConditionResult(label=c.spec.label, status=c.status, reason=c.reason) for c in evaluation.checks],
        award=award.model_dump(mode="json") if award is not None else None,
        units=list(article.units),
        benefit=entry.benefit,
        score=round(score, 2),
    )
    return match, [c.spec.missing_fact for c in unknown] + list(evaluation.award_missing)


def _informative(evaluation: _Evaluation) -> bool:
    """Whether a blocked article is worth explaining: a fact other than the kind ruled it out.

    A chip company is not told why the bank articles do not apply to it.
    """
    failed = [c for c in evaluation.checks if c.status == "not_met"]
    award_failed = evaluation.award is not None and evaluation.award.eligible is False
    return any(c.spec.field != "kind" for c in failed) or (award_failed and not failed)


def _excluded(evaluation: _Evaluation, article: Article) -> Excluded:
    reasons = [c.reason for c in evaluation.checks if c.status == "not_met"]
    award = evaluation.award
    if not reasons and award is not None and award.eligible is False:
        # The calculator judged facts the table leaves to it; its reasons say the same thing in its words.
        reasons = [c.reason for c in award.conditions if c.status == "not_met"] or [award.explanation]
    return Excluded(article=article.number, label=article.label, title=article.title, reason="；".join(reasons))


def _resolve_articles(knowledge: Knowledge | None, articles: Mapping[int, Article] | None) -> Mapping[int, Article]:
    if articles is not None:
        return articles
    if knowledge is not None:
        return knowledge.articles
    raise MatchingError("请提供 knowledge（已加载的知识库）或 articles（解析后的条款），才能给出条款标题和责任单位")


def _article(articles: Mapping[int, Article], number: int) -> Article:
    article = articles.get(number)
    if article is None:
        raise MatchingError(f"所给条款中缺少第{number}条，无法生成匹配结果")
    return article


def match_profile(
    profile: EnterpriseProfile,
    knowledge: Knowledge | None = None,
    articles: Mapping[int, Article] | None = None,
    *,
    eligibility: Eligibility | None = None,
    this_year: int | None = None,
) -> MatchResult:
    """Match an enterprise profile against every article's eligibility data.

    Args:
        profile: The profile; its ``free_text`` is read by :func:`enrich_profile` first.
        knowledge: The loaded knowledge base (its ``articles`` give titles and 责任单位).
        articles: Parsed articles by number; used instead of ``knowledge`` when given.
        eligibility: The eligibility table; defaults to the shipped one.
        this_year: The year 「今年」 in the free text means; defaults to the current year.

    Returns:
        The matched articles, best first (more conditions met and an award amount first), and
        the facts still unknown that would change the result.

    Raises:
        MatchingError: Neither ``knowledge`` nor ``articles`` given, or an article is absent.

    Example:
        >>> from corpus.paths import POLICY_PATH
        >>> from ingest.parse import parse_policy
        >>> arts = {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}
        >>> profile = EnterpriseProfile(kind="科技型中小企业", district="海珠区", free_text="打算在深交所创业板上市")
        >>> [m.article for m in match_profile(profile, articles=arts).matches][:1]
        [13]
    """
    source = _resolve_articles(knowledge, articles)
    table = eligibility or default_eligibility()
    enriched = enrich_profile(profile, this_year=this_year)
    evaluations = [_evaluate(enriched, entry, table) for entry in table.articles]

    built = [_build_match(ev, enriched, _article(source, ev.entry.article), table) for ev in evaluations if ev.included]
    built.sort(key=lambda pair: (-pair[0].score, pair[0].article))
    missing: list[str] = [KIND_MISSING] if enriched.kind is None else []
    for _, facts in built:
        missing.extend(facts)
    for ev in evaluations:
        if ev.relevant and not ev.blocked and ev.gated:
            missing.extend(c.spec.missing_fact for c in ev.gated)
    excluded = [
        _excluded(ev, _article(source, ev.entry.article))
        for ev in evaluations
        if ev.relevant and ev.blocked and _informative(ev)
    ]
    return MatchResult(matches=[match for match, _ in built], missing=list(dict.fromkeys(missing)), excluded=excluded)


def evaluate_article(
    profile: EnterpriseProfile,
    number: int,
    knowledge: Knowledge | None = None,
    articles: Mapping[int, Article] | None = None,
    *,
    eligibility: Eligibility | None = None,
    this_year: int | None = None,
) -> Match:
    """Judge one article for the profile whatever the outcome, conditions not met included.

    Use it to explain why an article is absent from :func:`match_profile`'s result
    (「为什么第三条不适用？」): a condition not met shows as ``status="not_met"`` with its reason.

    Args:
        profile: The profile (enriched from its free text first).
        number: The article, 1–32.
        knowledge: The loaded knowledge base.
        articles: Parsed articles by number; used instead of ``knowledge`` when given.
        eligibility: The eligibility table; defaults to the shipped one.
        this_year: The year 「今年」 means; defaults to the current year.

    Returns:
        The article's evaluation; for a rule with an amount, ``award`` shows the calculator's
        verdict even when a condition is not met (e.g. 0元 and why).

    Raises:
        MatchingError: No article source, or the article is absent from it.
        KeyError: ``number`` has no eligibility entry.
    """
    source = _resolve_articles(knowledge, articles)
    table = eligibility or default_eligibility()
    enriched = enrich_profile(profile, this_year=this_year)
    evaluation = _evaluate(enriched, table.article(number), table)
    match, _ = _build_match(evaluation, enriched, _article(source, number), table)
    return match
