"""Compose short Chinese answers from verbatim sentences of the articles they cite.

The composer never writes a figure of its own: the text it produces is labels (【第三条】),
titles, verbatim sentences, unit names, and calculator steps. ``assistant.answer.guard`` checks that.
"""

from __future__ import annotations

import re

from assistant.schemas import Citation
from corpus.records import Article, split_sentences

COVERAGE = (
    "我只依据广州市《关于新时期进一步促进科技、金融与产业融合发展的若干意见》原文作答，可以帮您："
    "查询各条措施的内容和责任单位、判断企业或机构适用哪些条款、"
    "测算第三条股权投资机构投资奖励和第十一条政策性融资担保机构注册资本金补助。"
)
_NUMERIC_QUESTION = re.compile(r"多少|几|比例|金额|上限|最高|目标|规模|增速|时间|年限|多久|多大|多长")
_HAS_FIGURE = re.compile(r"\d")


def _token_weight(token: str, idf: dict[str, float] | None) -> float:
    if idf is not None and token in idf:
        return idf[token]
    # Without corpus statistics, longer tokens are rarer and more specific (科技型中小企业 vs 企业).
    return min(len(token), 6) / 2.0 if not token.isascii() else 2.0


def score_sentence(sentence: str, tokens: list[str], numeric: bool, idf: dict[str, float] | None = None) -> float:
    """IDF-weighted overlap of query tokens with the sentence, plus a bonus for figures when asked."""
    lowered = sentence.lower()
    score = sum(_token_weight(t, idf) for t in set(tokens) if len(t) > 1 and t in lowered)
    if numeric and _HAS_FIGURE.search(sentence):
        score += 3.0
    return score


def pick_sentences(
    article: Article,
    tokens: list[str],
    question: str,
    preferred: str = "",
    limit: int = 2,
    max_chars: int = 220,
    idf: dict[str, float] | None = None,
) -> list[str]:
    """The best-supported sentences of an article for a question, in article order.

    ``preferred`` is the retrieved chunk text: its sentences get a small bonus, since retrieval
    already judged them relevant.
    """
    numeric = bool(_NUMERIC_QUESTION.search(question))
    sentences = article.sentences() or [article.title]
    scored = [
        (score_sentence(s, tokens, numeric, idf) + (0.5 if s in preferred else 0.0), i, s)
        for i, s in enumerate(sentences)
    ]
    scored.sort(key=lambda x: (-x[0], x[1]))
    best = scored[0]
    chosen = [best]
    for candidate in scored[1:limit]:
        if candidate[0] >= max(best[0] * 0.6, 1.0) and sum(len(c[2]) for c in chosen) + len(candidate[2]) <= max_chars:
            chosen.append(candidate)
    return [s for _, _, s in sorted(chosen, key=lambda x: x[1])]


def summary_sentences(article: Article, limit: int = 2) -> list[str]:
    """For 「第三条讲什么」: the opening sentence, plus the sentence with the article's figures."""
    sentences = article.sentences() or [article.title]
    chosen = [sentences[0]]
    with_figures = [s for s in sentences[1:] if _HAS_FIGURE.search(s)]
    if with_figures and len(chosen) < limit:
        chosen.append(with_figures[-1])
    elif len(sentences) > 1 and len(chosen) < limit and len(sentences[0]) + len(sentences[1]) <= 160:
        chosen.append(sentences[1])
    return chosen


ELLIPSIS = "……"


def join_sentences(article: Article, sentences: list[str]) -> str:
    """Sentences as one quote; an ellipsis marks where sentences between them were left out."""
    order = article.sentences()
    parts: list[str] = []
    previous: int | None = None
    for sentence in sentences:
        index = order.index(sentence) if sentence in order else None
        if parts and (index is None or previous is None or index != previous + 1):
            parts.append(ELLIPSIS)
        parts.append(sentence)
        previous = index
    return "".join(parts)


def citation(article: Article, quote: str) -> Citation:
    """A citation of an article with a verbatim quote."""
    return Citation(
        article=article.number if article.document.startswith("gz-tech-finance") else None,
        document=None if article.document.startswith("gz-tech-finance") else article.document,
        title=article.title,
        quote=quote,
        units=list(article.units),
    )


def units_line(articles: list[Article]) -> str:
    """「责任单位：…」 for one article, or per article for several."""
    with_units = [a for a in articles if a.units]
    if not with_units:
        return ""
    if len(with_units) == 1:
        return f"责任单位：{'、'.join(with_units[0].units)}。"
    return "责任单位：" + "；".join(f"【{a.label}】{'、'.join(a.units)}" for a in with_units) + "。"


def article_block(article: Article, sentences: list[str]) -> str:
    """「【第三条】（引导社会资本…）原文…」."""
    return f"【{article.label}】（{article.title}）{join_sentences(article, sentences)}"


def policy_answer(blocks: list[tuple[Article, list[str]]]) -> str:
    """The answer to a policy question: one block per cited article, then the units."""
    if len(blocks) == 1:
        article, sentences = blocks[0]
        body = "根据" + article_block(article, sentences)
    else:
        body = "相关规定如下：\n" + "\n".join("• " + article_block(a, s) for a, s in blocks)
    return body + "\n" + units_line([a for a, _ in blocks])


def unit_answer(article: Article, sentences: list[str]) -> str:
    """The answer to 「第十一条找哪个部门？」: units first, then what the article says."""
    units = "、".join(article.units) or "原文未列明"
    return (
        f"【{article.label}】（{article.title}）的责任单位是：{units}。\n该条规定：{join_sentences(article, sentences)}"
    )


def unit_articles_answer(unit: str, articles: list[Article]) -> str:
    """The answer to 「市科技局负责哪些条款？」."""
    lines = "\n".join(f"• 【{a.label}】{a.title}" for a in articles)
    return f"{unit}是以下条款的责任单位（之一）：\n{lines}"


def refusal(reason: str) -> str:
    """A polite refusal that says what the knowledge base does cover."""
    return f"抱歉，{reason}\n{COVERAGE}"


def uncovered_answer(attribute: str, article: Article | None, sentences: list[str]) -> str:
    """The text names no such fact; point to the closest article and its units."""
    text = f"抱歉，《若干意见》原文没有规定{attribute}。"
    if article is not None:
        contact = units_line([article]).removesuffix("。")
        text += f"与您的问题最相关的是{article_block(article, sentences)}\n具体事宜建议咨询{contact}。"
    return text


def split_quote(text: str) -> list[str]:
    """Sentences of a quote (for tests and the UI's highlighting)."""
    return split_sentences(text)
