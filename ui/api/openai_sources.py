"""The sources of an OpenAI-style answer: the 「依据：…」 line of the text and its ``url_citation`` annotations.

The text keeps its sources for clients that show only ``content``; the annotations let clients
that read OpenAI's standard field (the SDK, Open WebUI) link each citation marker to the article.
Every marker of a cited policy article in the content — 【第三条】 in the answer and again in
the 「依据」 line — gets one annotation whose indexes cover the marker (Python string indexes,
end exclusive) and whose URL is the article in the API, ``/api/articles/3``. A marker naming
several articles (【第三条、第十一条】) is annotated per article, each on its own 「第X条」.
Clauses of other documents and the policy's preamble have no page of their own: they stay in
``citations`` and the text, without an annotation.

Example:
    >>> content = answer.answer + basis_suffix(answer, knowledge)  # doctest: +SKIP
    >>> [a.url_citation.url for a in url_annotations(content, answer, knowledge, "http://h/")]  # doctest: +SKIP
    ['http://h/api/articles/14', 'http://h/api/articles/14']
"""

from __future__ import annotations

import re

from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer, Citation
from corpus.records import Article
from ui.api.openai_models import Annotation, UrlCitation

_MARKER = re.compile(r"【([^【】\n]{1,60})】")
_ARTICLE_REF = re.compile(r"第([〇零一二三四五六七八九十百\d]+)条")


def citation_label(citation: Citation, knowledge: Knowledge) -> str:
    """「【第三条】引导社会资本“投早”“投小”」 for a policy article; 「《文件》第X条」 for another document."""
    if citation.document is None and citation.article is not None:
        article = knowledge.articles.get(citation.article)
        number = article.number_cn if article else str(citation.article)
        return f"【第{number}条】{citation.title}"
    document = knowledge.document_title(citation.document) if citation.document else ""
    clause = f"第{citation.article}条" if citation.article is not None else ""
    return f"《{document}》{clause}{citation.title}"


def basis_suffix(answer: Answer, knowledge: Knowledge) -> str:
    """The text appended to the answer after a blank line: 「依据：【第三条】…；【第十四条】…」, or nothing."""
    if not answer.citations:
        return ""
    labels = list(dict.fromkeys(citation_label(c, knowledge) for c in answer.citations))
    return "\n\n依据：" + "；".join(labels)


def article_url(base_url: str, number: int) -> str:
    """The API address of policy article ``number`` under ``base_url`` (which ends with ``/``)."""
    return f"{base_url}api/articles/{number}"


def _cited_articles(answer: Answer, knowledge: Knowledge) -> dict[str, Article]:
    """Cited policy articles by the numbers a marker may use for them: 「三」 and 「3」."""
    cited: dict[str, Article] = {}
    for citation in answer.citations:
        article = knowledge.articles.get(citation.article) if citation.document is None and citation.article else None
        if article is not None:
            cited[article.number_cn] = cited[str(article.number)] = article
    return cited


def url_annotations(content: str, answer: Answer, knowledge: Knowledge, base_url: str) -> list[Annotation]:
    """One ``url_citation`` per marker of a cited policy article in ``content``, in the order they occur.

    Args:
        content: The message content as sent (answer text plus :func:`basis_suffix`).
        answer: The answer whose citations say which articles count.
        knowledge: For the articles' numbers and titles.
        base_url: The server's address as the client reached it, ending with ``/``.

    Returns:
        The annotations; empty when no cited policy article is marked in the content.
    """
    cited = _cited_articles(answer, knowledge)
    annotations: list[Annotation] = []
    for marker in _MARKER.finditer(content):
        refs = [ref for ref in _ARTICLE_REF.finditer(marker.group(1)) if ref.group(1) in cited]
        for ref in refs:
            article = cited[ref.group(1)]
            # A marker that is just this article is annotated whole, brackets included.
            whole = len(refs) == 1 and ref.group(0) == marker.group(1)
            start, end = marker.span() if whole else (marker.start(1) + ref.start(), marker.start(1) + ref.end())
            link = UrlCitation(
                url=article_url(base_url, article.number),
                title=f"【{article.label}】{article.title}",
                start_index=start,
                end_index=end,
            )
            annotations.append(Annotation(url_citation=link))
    return annotations
