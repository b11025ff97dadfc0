"""「哪些条款提到X」: every article naming X, each with the words that name it and its units."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer import compose
from assistant.retrieve.mentions import Mention
from assistant.schemas import Answer
from corpus.numerals import int_to_cn

__all__ = ["mention_answer"]

# Long sentences are quoted around the naming words, cut at clause marks.
MAX_QUOTE = 90
_CLAUSE_MARK = "，,；;："


def mention_answer(terms: Sequence[str], mentions: Sequence[Mention]) -> Answer:
    """The list: 「原文提到「X」的共N条：• 【第一条】（title）…」."""
    named = "」「".join(terms)
    lines = [f"原文提到「{named}」的条款如下（共{'两' if len(mentions) == 2 else int_to_cn(len(mentions))}条）："]
    citations = []
    for mention in mentions:
        article = mention.article
        quote = _around(mention.sentence, mention.spelling)
        lines.append(f"• 【{article.label}】（{article.title}）{'——' if mention.role == '责任单位' else '：'}{quote}")
        citations.append(compose.citation(article, quote))
    lines.append(compose.units_line([m.article for m in mentions]))
    return Answer(answer="\n".join(lines), citations=citations, intent="policy_question")


def _around(sentence: str, spelling: str) -> str:
    """The sentence, or for a long one the clauses around the naming words (a verbatim piece)."""
    if len(sentence) <= MAX_QUOTE:
        return sentence
    pattern = r"\s*".join(re.escape(ch) for ch in spelling)
    m = re.search(pattern, sentence, re.IGNORECASE)
    if m is None:
        return sentence[:MAX_QUOTE]
    start = max((sentence.rfind(mark, 0, m.start()) for mark in _CLAUSE_MARK), default=-1) + 1
    end_marks = [i for mark in _CLAUSE_MARK + "。" if (i := sentence.find(mark, m.end())) >= 0]
    end = min(end_marks) + 1 if end_marks else len(sentence)
    piece = sentence[start:end]
    if len(piece) > MAX_QUOTE * 2:
        piece = sentence[max(start, m.start() - MAX_QUOTE // 2) : m.end() + MAX_QUOTE // 2]
    return piece
