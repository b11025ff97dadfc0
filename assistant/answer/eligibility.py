"""The chat's answer to 「我们能享受哪些政策？」: the session's profile, matched against every article.

The profile is what the conversation has gathered (:func:`assistant.consultation.case.profile_from_conversation`):
facts the enterprise stated about itself in any turn. The answer lists the best-matching articles
with the reason, an award estimate where the calculator gives one, and whom to contact; each
article is cited with a verbatim sentence, and the match result is attached as a tool call so the
number guard can check every figure.
"""

from __future__ import annotations

from assistant.answer import compose
from assistant.awards.result import AwardResult
from assistant.consultation.build import award_estimate, quotes_for
from assistant.consultation.case import profile_from_conversation
from assistant.consultation.matching import Match, MatchResult, match_profile
from assistant.consultation.profile import EnterpriseProfile
from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer, Citation, ToolCall
from assistant.understand.model import Facts

__all__ = ["ASK_PROFILE", "MATCH_TOOL", "MAX_LISTED", "eligibility_answer", "has_profile", "has_profile_kind"]

MATCH_TOOL = "match_enterprise_profile"
# A chat answer stays short; the 特派员 tab and the record list every match.
MAX_LISTED = 5
MAX_MISSING = 3

ASK_PROFILE = (
    "想判断贵单位适用哪些条款，请先介绍一下：贵单位属于哪类主体（如科技型中小企业、创投机构、银行、"
    "融资担保机构、中介服务机构等）、位于哪个区、处于什么发展阶段，以及近期的融资或投资情况。"
)


def has_profile(facts: Facts, statements: list[str]) -> bool:
    """Whether the conversation has said anything about the asker itself."""
    return bool(statements) or facts.speaker_role is not None or facts.has_award_facts


def has_profile_kind(facts: Facts, statements: list[str], this_year: int) -> bool:
    """Whether the conversation has said what kind of organisation the asker is."""
    return profile_from_conversation(facts, statements, this_year=this_year).kind is not None


def _profile_line(profile: EnterpriseProfile) -> str:
    said = [
        profile.kind_text if profile.kind == "其他" and profile.kind_text else profile.kind,
        profile.district,
        profile.stage,
        f"计划在{profile.target_board}上市" if profile.target_board else None,
    ]
    return "、".join(s for s in said if s)


def _award_line(match: Match, knowledge: Knowledge) -> str:
    if match.award is None:
        return ""
    estimate = award_estimate(knowledge.articles[match.article], AwardResult.model_validate(match.award))
    if estimate.amount_yuan is None:
        return f"金额：{estimate.amount_text}。" if estimate.decided_by else ""
    return f"预估金额：{estimate.amount_text}（预估，以责任单位审核为准）。"


def _citation(match: Match, knowledge: Knowledge) -> Citation:
    article = knowledge.articles[match.article]
    award = AwardResult.model_validate(match.award) if match.award is not None else None
    return compose.citation(article, compose.join_sentences(article, quotes_for(article, award)))


def _text(profile: EnterpriseProfile, result: MatchResult, knowledge: Knowledge) -> str:
    about = _profile_line(profile)
    head = f"根据您介绍的情况（{about}）" if about else "根据您介绍的情况"
    if not result.matches:
        return f"{head}，暂未匹配到明确适用的条款。" + (
            f"补充以下信息后可以再判断：{'、'.join(result.missing[:MAX_MISSING])}。" if result.missing else ""
        )
    lines = [f"{head}，以下条款可能适用（按匹配程度排序）："]
    for match in result.matches[:MAX_LISTED]:
        units = f"责任单位：{'、'.join(match.units)}。" if match.units else ""
        award = _award_line(match, knowledge)
        lines.append(f"• 【{match.label}】（{match.title}）理由：{match.reason}。{award}{units}")
    if len(result.matches) > MAX_LISTED:
        rest = "、".join(m.label for m in result.matches[MAX_LISTED:])
        lines.append(f"另有{rest}也可能相关，可在“特派员”页生成完整的咨询记录。")
    if result.missing:
        lines.append(f"补充以下信息可让判断更准确：{'、'.join(result.missing[:MAX_MISSING])}。")
    return "\n".join(lines)


def eligibility_answer(
    facts: Facts,
    statements: list[str],
    knowledge: Knowledge,
    this_year: int,
    *,
    focus: list[int] | None = None,
) -> Answer | None:
    """Which articles apply to the enterprise the conversation describes.

    Args:
        facts: The session's gathered facts.
        statements: The user's messages about the enterprise itself.
        knowledge: The knowledge base (articles, titles, units).
        this_year: The year 「今年」 means.
        focus: The articles a topic in the question points to (「适合哪些知识产权政策」); only
            matches among them are listed. None lists every match.

    Returns:
        The answer, or None when the matcher cannot speak to the question: the conversation has
        not said what kind of organisation the asker is, or no match lies within ``focus``. The
        caller then answers from the text.
    """
    profile = profile_from_conversation(facts, statements, this_year=this_year)
    if profile.kind is None:
        return None
    result = match_profile(profile, knowledge, this_year=this_year)
    if focus is not None:
        focused = [m for m in result.matches if m.article in focus]
        if not focused:
            return None
        result = result.model_copy(update={"matches": focused})
    listed = result.matches[:MAX_LISTED]
    return Answer(
        answer=_text(profile, result, knowledge),
        citations=[_citation(m, knowledge) for m in listed],
        tool_calls=[
            ToolCall(
                name=MATCH_TOOL,
                args={"profile": profile.model_dump(mode="json", exclude_defaults=True)},
                result={"profile": profile.model_dump(mode="json"), **result.model_dump(mode="json")},
            )
        ],
        intent="eligibility",
    )
