"""Answers read straight from the structured records: an article, a part, a unit's articles, a passage.

Each is a pure function of the knowledge base and the analysed question; retrieval has already
decided which articles (or passage) to answer from.
"""

from __future__ import annotations

import re

from assistant.answer import compose
from assistant.retrieve.hybrid import ArticleHit
from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer, Citation
from assistant.understand.query import QueryAnalysis
from corpus.records import Article

__all__ = [
    "about_articles",
    "article_lookup",
    "document_answer",
    "outline",
    "part_lookup",
    "policy_answer",
    "unit_articles",
]


def article_lookup(q: QueryAnalysis, articles: list[Article]) -> Answer:
    """「第三条讲什么」「第十一条找哪个部门」: the articles named."""
    if q.asks_unit and len(articles) == 1:
        article = articles[0]
        sentences = compose.summary_sentences(article, limit=1)
        return Answer(
            answer=compose.unit_answer(article, sentences),
            citations=[compose.citation(article, compose.join_sentences(article, sentences))],
            intent="unit_lookup",
        )
    blocks = [(a, compose.summary_sentences(a)) for a in articles]
    text = "\n".join(compose.article_block(a, s) for a, s in blocks) + "\n" + compose.units_line(articles)
    return Answer(
        answer=text,
        citations=[compose.citation(a, compose.join_sentences(a, s)) for a, s in blocks],
        intent="article_lookup",
    )


def part_lookup(knowledge: Knowledge, parts: list[int]) -> Answer:
    """「第二部分有哪些措施」: the part's articles by title."""
    lines, citations = [], []
    for number in parts:
        part = knowledge.parts[number]
        articles = [knowledge.articles[n] for n in part.articles]
        lines.append(
            f"第{part.number_cn}部分「{part.title}」包括："
            + "；".join(f"【{a.label}】{a.title}" for a in articles)
            + "。"
        )
        citations.extend(compose.citation(a, a.title) for a in articles)
    return Answer(answer="\n".join(lines), citations=citations, intent="part_lookup")


def outline(knowledge: Knowledge) -> Answer:
    """「有什么政策」: the seven parts and their articles' titles."""
    lines = ["《若干意见》共七个部分、三十二条措施："]
    citations = []
    for part in knowledge.parts.values():
        articles = [knowledge.articles[n] for n in part.articles]
        lines.append(f"{part.number_cn}、{part.title}：" + "；".join(f"【{a.label}】{a.title}" for a in articles))
        citations.extend(compose.citation(a, a.title) for a in articles)
    lines.append(
        "请告诉我您关心的方面（如投资奖励、科技信贷、上市、担保），或企业的类型、所在区和需求，我来找出适用的条款。"
    )
    return Answer(answer="\n".join(lines), citations=citations, intent="part_lookup")


# 「哪些条款的责任单位只有市科技局一家」: the articles that unit carries alone.
_ALONE = re.compile(r"只有|只由|仅由|仅有|单独|独自|唯一")


def unit_articles(knowledge: Knowledge, units: list[str], text: str = "") -> Answer | None:
    """「市科技局负责哪些条款」: every article naming the unit among its 责任单位 (None: none does)."""
    lines, citations = [], []
    alone = len(units) == 1 and bool(_ALONE.search(text))
    for unit in units:
        numbers = knowledge.unit_articles.get(unit, [])
        if alone:
            numbers = [n for n in numbers if knowledge.articles[n].units == [unit]]
        if not numbers:
            continue
        articles = [knowledge.articles[n] for n in numbers]
        lines.append(compose.unit_articles_answer(unit, articles))
        citations.extend(
            compose.citation(a, f"责任单位：{'、'.join(a.units)}")
            for a in articles
            if a.number not in {c.article for c in citations}
        )
    if not lines:
        return None
    return Answer(answer="\n".join(lines), citations=citations, intent="unit_lookup")


def about_articles(knowledge: Knowledge, q: QueryAnalysis, articles: list[Article]) -> Answer:
    """Answer about known articles: a follow-up (「它的责任单位是哪些？」) or a quoted title."""
    idf = knowledge.token_idf
    if q.asks_unit and len(articles) == 1:
        article = articles[0]
        sentences = compose.pick_sentences(article, q.tokens, q.text, limit=1, idf=idf)
        return Answer(
            answer=compose.unit_answer(article, sentences),
            citations=[compose.citation(article, compose.join_sentences(article, sentences))],
            intent="unit_lookup",
        )
    blocks = [(a, compose.pick_sentences(a, q.tokens, q.text, idf=idf)) for a in articles[:3]]
    return Answer(
        answer=compose.policy_answer(blocks),
        citations=[compose.citation(a, compose.join_sentences(a, s)) for a, s in blocks],
        intent="policy_question",
    )


def policy_answer(knowledge: Knowledge, q: QueryAnalysis, chosen: list[tuple[Article, ArticleHit]]) -> Answer:
    """The chosen articles' sentences that best answer the question (the retrieved chunk preferred)."""
    blocks = []
    for article, hit in chosen:
        preferred = "".join(c.chunk.content for c in hit.chunks[:1] if c.chunk.kind == "article")
        sentences = compose.pick_sentences(article, q.tokens, q.text, preferred=preferred, idf=knowledge.token_idf)
        blocks.append((article, sentences))
    if q.asks_unit and len(blocks) == 1:
        article, sentences = blocks[0]
        text, intent = compose.unit_answer(article, sentences), "unit_lookup"
    else:
        text, intent = compose.policy_answer(blocks), "policy_question"
    return Answer(
        answer=text,
        citations=[compose.citation(a, compose.join_sentences(a, s)) for a, s in blocks],
        intent=intent,  # type: ignore[arg-type]
    )


def document_answer(knowledge: Knowledge, q: QueryAnalysis, hits: list[ArticleHit]) -> Answer:
    """The best hit is a preamble or closing paragraph: quote it, citing the document."""
    chunk = hits[0].chunks[0].chunk
    sentences = compose.split_quote(chunk.content)
    best = max(sentences, key=lambda s: compose.score_sentence(s, q.tokens, False, knowledge.token_idf))
    title = knowledge.document_title(chunk.document)
    return Answer(
        answer=f"根据《{title}》：{best}",
        citations=[Citation(article=None, document=chunk.document, title=title, quote=best, units=[])],
        intent="policy_question",
    )
