"""Follow-up suggestions under a chat answer, from data: the next natural question and related articles.

What to suggest after which kind of answer is ``ui/web/data/follow_ups.json``: templates over the
answer's intent and its cited articles (the award estimate after an eligibility answer names the
award rule of a cited article, from ``corpus/awards.json``; the units to contact after an
estimate), and the related articles, which are the first cited article's neighbours in its part.
Nothing is written for a particular question; a new intent or template is a change to the data.

Example:
    >>> [s.question for s in suggest_follow_ups(answer, knowledge)]  # doctest: +SKIP
    ['第三条的投资奖励能拿多少？', '第二条主要讲什么？', '第四条主要讲什么？']
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer, Intent
from corpus.awards import AwardRules, load_award_rules
from corpus.records import Article

__all__ = ["FOLLOW_UPS_PATH", "FollowUpRules", "Suggestion", "load_follow_up_rules", "suggest_follow_ups"]

FOLLOW_UPS_PATH = Path(__file__).with_name("data") / "follow_ups.json"


@dataclass(frozen=True)
class Suggestion:
    """One suggestion: the question it asks and the text on its button."""

    question: str
    label: str


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NextQuestion(_Rules):
    """After an answer of these intents, ask this about one of its cited articles."""

    after: tuple[Intent, ...] = Field(..., min_length=1)
    about: Literal["award_rule", "first_article"] = Field(
        ..., description="award_rule：第一个有测算规则的所引条款；first_article：第一个所引条款"
    )
    question: str = Field(..., min_length=1)
    label: str = Field(..., min_length=1)


class RelatedArticles(_Rules):
    """The cited article's neighbours in its part, after an answer of these intents."""

    after: tuple[Intent, ...]
    question: str = Field(..., min_length=1)
    label: str = Field(..., min_length=1)
    count: int = Field(..., ge=0, le=6)


class FollowUpRules(_Rules):
    """The whole of ``follow_ups.json``."""

    source: str = Field(..., min_length=1)
    max_suggestions: int = Field(..., ge=0, le=6)
    support_words: tuple[str, ...] = Field(..., min_length=1)
    next: tuple[NextQuestion, ...]
    related: RelatedArticles


@cache
def load_follow_up_rules(path: Path = FOLLOW_UPS_PATH) -> FollowUpRules:
    """The shipped rules (read once per path)."""
    return FollowUpRules.model_validate(json.loads(path.read_text(encoding="utf-8")))


def suggest_follow_ups(
    answer: Answer,
    knowledge: Knowledge,
    *,
    asked: Collection[str] = (),
    rules: FollowUpRules | None = None,
    awards: AwardRules | None = None,
) -> list[Suggestion]:
    """The suggestions to show under ``answer``, best first.

    Args:
        answer: The answer just given.
        knowledge: The policy's articles (titles, parts).
        asked: Questions already asked in this conversation; they are not suggested again.
        rules: The suggestion rules (default: :func:`load_follow_up_rules`).
        awards: The award rules (default: ``corpus/awards.json``).

    Returns:
        At most ``rules.max_suggestions`` suggestions; none when the answer asks the user a
        question (their reply is the natural next message) or cites no article of the policy.
    """
    rules = rules or load_follow_up_rules()
    cited = [knowledge.articles[n] for n in _cited_numbers(answer) if n in knowledge.articles]
    if answer.follow_up or not cited:
        return []
    awards = awards or load_award_rules()
    seen = {_normal(q) for q in asked}
    chosen: list[Suggestion] = []
    for suggestion in _candidates(answer, cited, knowledge, rules, awards):
        key = _normal(suggestion.question)
        if key in seen:
            continue
        seen.add(key)
        chosen.append(suggestion)
        if len(chosen) == rules.max_suggestions:
            break
    return chosen


def _candidates(
    answer: Answer, cited: list[Article], knowledge: Knowledge, rules: FollowUpRules, awards: AwardRules
) -> Iterator[Suggestion]:
    supports = _support_names(awards, rules.support_words)
    for rule in rules.next:
        if answer.intent not in rule.after:
            continue
        if rule.about == "award_rule":
            article = next((a for a in cited if a.number in supports), None)
        else:
            article = cited[0]
        if article is not None:
            yield _fill(rule.question, rule.label, article, supports.get(article.number, ""))
    related = rules.related
    if answer.intent in related.after:
        for article in _neighbours(cited, knowledge, related.count):
            yield _fill(related.question, related.label, article, supports.get(article.number, ""))


def _fill(question: str, label: str, article: Article, support: str) -> Suggestion:
    fields = {"label": article.label, "title": article.title, "support": support}
    return Suggestion(question=question.format(**fields), label=label.format(**fields))


def _support_names(awards: AwardRules, words: tuple[str, ...]) -> dict[int, str]:
    """Article → the name of its award rule's support: its first keyword that ends in a support word."""
    names: dict[int, str] = {}
    for rule in awards.rules:
        name = next((k for k in rule.keywords if k.endswith(words)), None)
        if name is not None:
            names.setdefault(rule.article, name)
    return names


def _neighbours(cited: list[Article], knowledge: Knowledge, count: int) -> list[Article]:
    """The articles nearest the first cited one in its part (before and after), not cited themselves."""
    first = cited[0]
    if first.part is None or count == 0:
        return []
    numbers = {a.number for a in cited}
    same_part = [a for a in knowledge.articles.values() if a.part == first.part and a.number not in numbers]
    same_part.sort(key=lambda a: (abs(a.number - first.number), a.number))
    return same_part[:count]


def _cited_numbers(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.document is None and c.article is not None))


def _normal(question: str) -> str:
    return "".join(question.split()).rstrip("？?")
