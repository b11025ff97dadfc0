r"""「文件里引用了哪些带文号的文件，分别在哪条」: the documents the policy cites, from the registry.

Each listed document is quoted from the article citing it (its title as written there), so the
list is grounded in the text; the registry only says which documents there are, their numbers
and which articles cite them.

Example:
    >>> from corpus.focus import CitedAsk, CitedList
    >>> cited_documents_answer(articles, registry, CitedAsk(numbered=True, local=True), words)  # doctest: +SKIP
    Answer(answer='原文引用的带文号的广州市文件共四份：\\n• 《关于鼓励市属国有企业参与创业投资的若干意见》…')
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.answer import compose
from assistant.schemas import Answer, Citation
from corpus.focus import CitedAsk, CitedList
from corpus.numerals import int_to_cn
from corpus.records import Article
from corpus.registry import ReferencedDocument, Registry

__all__ = ["cited_documents_answer"]


def cited_documents_answer(
    articles: Mapping[int, Article],
    preamble: str,
    registry: Registry,
    ask: CitedAsk,
    words: CitedList,
    of_articles: Sequence[int] = (),
) -> Answer:
    """The cited documents narrowed as asked, each with the article citing it and its quote.

    ``preamble`` is the policy's opening text, where the documents it rests on are cited;
    ``of_articles``, when given, are the articles the question names (「第三条引用了哪些文件」).
    """
    chosen = [
        d
        for d in registry.documents
        if _kept(d, ask, words) and (not of_articles or set(d.cited_by) & set(of_articles))
    ]
    what = _described(ask)
    named = [articles[n] for n in of_articles if n in articles]
    source = "".join(f"【{a.label}】" for a in named) or "原文"
    if not chosen:
        # 「第八条引用了哪些文件」: none; the article itself is shown so the answer rests on it.
        quoted = [compose.citation(a, (a.sentences() or [a.title])[0]) for a in named]
        return Answer(answer=f"{source}没有引用{what}。", citations=quoted, intent="policy_question")
    count = "两" if len(chosen) == 2 else int_to_cn(len(chosen))
    lines = [f"{source}引用的{what}共{count}份："]
    citations: list[Citation] = []
    citing: list[Article] = []
    for document in chosen:
        number = f"（{document.number}）" if document.number else ""
        where = [articles[n] for n in document.cited_by if n in articles]
        if not where:
            lines.append(f"• 《{document.title}》{number}——见于意见开头（制定依据）")
            quote = next((s for s in _sentences(preamble) if document.mentioned_in(s)), None)
            if quote is not None:
                citations.append(Citation(article=None, title="意见开头", quote=quote))
            continue
        labels = "、".join(f"【{a.label}】" for a in where)
        lines.append(f"• 《{document.title}》{number}——{labels}")
        for article in where:
            quote = next((s for s in article.sentences() if document.mentioned_in(s)), article.title)
            citations.append(compose.citation(article, quote))
            if article not in citing:
                citing.append(article)
    lines.append(compose.units_line(citing))
    return Answer(answer="\n".join(line for line in lines if line), citations=citations, intent="policy_question")


def _kept(document: ReferencedDocument, ask: CitedAsk, words: CitedList) -> bool:
    number = document.number or ""
    if ask.numbered and not number:
        return False
    if ask.opening and not document.cited_in_preamble:
        return False
    if ask.local and not re.search(words.local_number, number):
        return False
    if ask.national and not re.search(words.national_issuer, f"{document.title} {number}"):
        return False
    return True


def _described(ask: CitedAsk) -> str:
    """「带文号的广州市文件」: the list's name, as narrowed."""
    words = ("意见开头所依据的" if ask.opening else "") + ("带文号的" if ask.numbered else "")
    if ask.local:
        words += "广州市"
    elif ask.national:
        words += "国家层面"
    return f"{words}文件"


def _sentences(text: str) -> list[str]:
    return [s + "。" for s in text.replace("\n", "").split("。") if s.strip()]
