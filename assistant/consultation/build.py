"""Turn a draft and its matching result into a consultation record (pure: no I/O, no clock).

Every sentence the record quotes is taken verbatim from the article (the calculator's
``basis_quote`` when the article has an award rule, otherwise the article's opening sentence and
the sentence with its figures), so an export can be checked against the policy text.

Example:
    >>> from corpus.paths import POLICY_PATH
    >>> from ingest.parse import parse_policy
    >>> from assistant.consultation.matching import match_profile
    >>> arts = {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}
    >>> draft = ConsultationDraft(enterprise="某律师事务所", profile={"kind": "律所"})
    >>> record = build_record(draft, match_profile(draft.profile, articles=arts), arts, today=dt.date(2026, 11, 25))
    >>> record.articles, record.contacts[0].unit
    ([25, 16], '市市场监管局')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from assistant.answer import compose
from assistant.awards.result import AwardResult
from assistant.consultation.matching import Match, MatchResult
from assistant.consultation.profile import EnterpriseProfile
from assistant.consultation.record import (
    AwardEstimate,
    ConsultationDraft,
    ConsultationRecord,
    MatchedArticle,
    UnitContact,
)
from assistant.understand.yuan import format_yuan
from corpus.records import Article

__all__ = ["award_estimate", "build_record", "profile_summary", "quotes_for"]

SHORT_POLICY = "《若干意见》"


def _yes_no(flag: bool | None) -> str | None:
    return None if flag is None else ("是" if flag else "否")


def profile_summary(profile: EnterpriseProfile) -> list[tuple[str, str]]:
    """The profile's stated facts as (项目, 内容) rows, in the order a reader expects; blanks left out."""
    financing = "；".join(
        "".join(
            part
            for part in (
                f"{f.year}年" if f.year else "",
                format_yuan(f.amount),
                f"（投资方：{f.investor}）" if f.investor else "",
            )
        )
        for f in profile.recent_financing
    )
    investments = "；".join(
        "".join(
            part
            for part in (
                f"{inv.year}年" if inv.year else "",
                f"投资{inv.investee_place}" if inv.investee_place else "投资",
                f"{inv.investee_stage}企业" if inv.investee_stage else "企业",
                format_yuan(inv.amount),
                "（已到账）" if inv.funds_received else "",
            )
        )
        for inv in profile.investments_made
    )
    rows: list[tuple[str, str | None]] = [
        ("企业名称", profile.name),
        ("类型", profile.kind_text if profile.kind == "其他" and profile.kind_text else profile.kind),
        ("所在地", profile.district),
        ("是否位于粤港澳大湾区", _yes_no(profile.in_greater_bay_area)),
        ("发展阶段", profile.stage),
        ("近期融资", financing or None),
        ("已作出的投资", investments or None),
        ("知识产权", "、".join(profile.intellectual_property) or None),
        ("上市挂牌计划", profile.listing_plan or profile.target_board),
        ("目标板块", profile.target_board),
        ("发债计划", _yes_no(profile.bond_plan)),
        ("跨境业务", "、".join(profile.cross_border) or None),
        ("区财政新增出资", format_yuan(profile.district_new_capital) if profile.district_new_capital else None),
        ("需求", "、".join(profile.needs) or None),
        ("企业自述", profile.free_text),
    ]
    return [(label, value) for label, value in rows if value]


def quotes_for(article: Article, award: AwardResult | None) -> list[str]:
    """Verbatim sentences of the article to quote: the award's basis when the text has it, else a summary."""
    body = article.body
    if award is not None and award.basis_quote and award.basis_quote in body:
        return [award.basis_quote]
    return compose.summary_sentences(article)


def _amount_text(result: AwardResult) -> str:
    if result.award_yuan is not None:
        amount = format_yuan(Decimal(str(result.award_yuan)))
        return f"最高{amount}" if result.is_ceiling else amount
    if result.decided_by:
        return "正文未规定具体金额"
    if result.missing:
        return "待补充事实后测算"
    return "不符合测算条件"


def award_estimate(article: Article, result: AwardResult) -> AwardEstimate:
    """The calculator's result as the record shows it."""
    return AwardEstimate(
        article=article.number,
        label=article.label,
        amount_yuan=result.award_yuan,
        amount_text=_amount_text(result),
        is_ceiling=result.is_ceiling,
        steps=list(result.steps),
        decided_by=result.decided_by,
        basis_quote=result.basis_quote,
        missing=list(result.missing),
    )


def _matched(match: Match, article: Article, award: AwardResult | None) -> MatchedArticle:
    part = f"{article.part_cn}、{article.part_title}" if article.part_cn and article.part_title else None
    return MatchedArticle(
        article=match.article,
        label=match.label,
        title=match.title,
        part=part,
        citation=f"{SHORT_POLICY}{article.label}",
        reason=match.reason,
        conditions=match.conditions,
        benefit=match.benefit,
        quotes=quotes_for(article, award),
        units=match.units,
    )


def _contacts(matches: list[MatchedArticle]) -> list[UnitContact]:
    by_unit: dict[str, list[str]] = {}
    for match in matches:
        for unit in match.units:
            by_unit.setdefault(unit, []).append(match.label)
    return [UnitContact(unit=unit, articles=labels) for unit, labels in by_unit.items()]


def build_record(
    draft: ConsultationDraft,
    result: MatchResult,
    articles: Mapping[int, Article],
    *,
    today: dt.date,
    profile: EnterpriseProfile | None = None,
) -> ConsultationRecord:
    """The record of one consultation.

    Args:
        draft: What the officers entered.
        result: :func:`assistant.consultation.matching.match_profile` for the draft's profile.
        articles: The parsed articles by number (titles, parts, verbatim text).
        today: The date used when the draft gives none.
        profile: The profile as matched (enriched from free text and the chat); defaults to the draft's.

    Returns:
        The record, not yet saved (no id).

    Raises:
        KeyError: A matched article is absent from ``articles``.
    """
    matches: list[MatchedArticle] = []
    awards: list[AwardEstimate] = []
    for match in result.matches:
        article = articles[match.article]
        award = AwardResult.model_validate(match.award) if match.award is not None else None
        matches.append(_matched(match, article, award))
        if award is not None:
            awards.append(award_estimate(article, award))
    shown = profile or draft.profile
    return ConsultationRecord(
        date=draft.date or today,
        officers=draft.officers,
        enterprise=draft.enterprise,
        contact=draft.contact,
        profile=shown,
        entered=draft.profile,
        financing_text=draft.financing_text,
        profile_summary=profile_summary(shown),
        matches=matches,
        awards=awards,
        contacts=_contacts(matches),
        missing=result.missing,
        excluded=result.excluded,
        follow_ups=draft.follow_ups,
        notes=draft.notes,
        session_id=draft.session_id,
    )
