"""The two honest declines: the text does not say (not in the text), and the question is not about it (out of scope).

Not in the text: one sentence saying what the text names and what it leaves open, the nearest
article as context, and the units to ask. Out of scope: a polite refusal that says what the
knowledge base covers, with no citation. Both are ``refused``; ``answerability`` says which.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer import compose
from assistant.schemas import Answer
from assistant.understand.focus import Outside
from corpus.focus import AttributeClass
from corpus.named_things import NamedThing
from corpus.records import Article

__all__ = ["declined_outside", "missing_note", "not_in_text", "not_in_text_anywhere", "out_of_scope", "outside_reason"]


def out_of_scope(reason: str) -> Answer:
    """A refusal with what the knowledge base covers, no citation."""
    return Answer(answer=compose.refusal(reason), refused=True, answerability="out_of_scope", intent="out_of_scope")


_INVESTED = re.compile(r"投了|投资|到账|出资|增资|注资|注册资本")


def declined_outside(outside: Outside | None, estimating: bool, text: str) -> Answer | None:
    """The refusal for a question outside the policy, unless an estimate under way keeps it in.

    A topic of its own (理财) or the nation's rules (「中基协对管理人的实缴资本要求是不是得1000万」) are
    outside even beside a figure, unless money was invested or contributed (「投了一家做酒店软件的公司
    2000万」); another place's rules only when no estimate is under way (「我们在深圳…」 is where the
    asker sits).
    """
    if outside is None:
        return None
    invested = estimating and bool(_INVESTED.search(text))
    if (outside.kind in ("topic", "national") and not invested) or not estimating:
        return out_of_scope(outside_reason(outside))
    return None


def outside_reason(outside: Outside) -> str:
    """Why the question lies outside, in one sentence."""
    if outside.kind == "other_place":
        return f"本知识库只收录广州市的《若干意见》，不包含{outside.name}的政策规定。"
    if outside.kind == "national":
        return "本知识库只收录广州市的《若干意见》，不包含国家或省级层面的规定，请以有关部门发布的文件为准。"
    if outside.kind == "other_body":
        return f"{outside.name}自身的规则和业务不在本知识库的范围内，请直接向{outside.name}了解。"
    return f"这个问题（{outside.name}）不在本知识库的范围内。"


def _names(attributes: Sequence[AttributeClass]) -> str:
    return "、".join(dict.fromkeys(a.name for a in attributes))


def _subject(article: Article, names: Sequence[NamedThing]) -> str:
    """「科技企业并购基金」 when the question names something the article names, else the article's title."""
    text = article.title + article.body
    named = [t.name for t in names if any(s.replace(" ", "") in text.replace(" ", "") for s in t.spellings)]
    if named:
        return "「" + "」「".join(dict.fromkeys(named)) + "」"
    return f"「{article.title}」"


def not_in_text(
    article: Article, missing: Sequence[AttributeClass], sentence: str, names: Sequence[NamedThing] = ()
) -> Answer:
    """「原文提到了…，但没有规定…」, the nearest sentence, and the units to ask."""
    contact = "、".join(article.units) or "有关部门"
    text = (
        f"原文【{article.label}】提到了{_subject(article, names)}，但没有规定{_names(missing)}。\n"
        f"该条相关原文：{sentence}\n"
        f"具体事宜建议咨询该条的责任单位：{contact}。"
    )
    return Answer(
        answer=text,
        citations=[compose.citation(article, sentence)],
        refused=True,
        answerability="not_in_text",
        intent="policy_question",
    )


def not_in_text_anywhere(missing: Sequence[AttributeClass]) -> Answer:
    """The question asks what the text never gives, about nothing the text names."""
    return Answer(
        answer=compose.refusal(f"《若干意见》原文没有规定{_names(missing)}。"),
        refused=True,
        answerability="not_in_text",
        intent="out_of_scope",
    )


def missing_note(missing: Sequence[AttributeClass]) -> str:
    """The line added when the text gives part of what was asked."""
    return f"（原文没有规定{_names(missing)}。）" if missing else ""
