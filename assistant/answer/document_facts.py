"""Questions about the policy document itself, answered from its closing paragraph or said not to be in it.

「这份意见什么时候开始生效」 is answered by 「本意见自发布之日起实施」; 「文号是多少」「有效期几年」 are not
in the text. A figure the asker read somewhere in the text (「文件里写了个3-5年」) is shown in the
article it belongs to, so a misreading is corrected rather than adopted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer import compose
from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer, Citation
from corpus.document_self import DocumentItem, DocumentSelf, load_document_self
from corpus.records import Article

__all__ = ["DocumentFacts", "document_answer"]

_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:\s*[-－—–~～至到]\s*\d+(?:\.\d+)?)?\s*(?:年|个月|%|％|家|亿|万)")
_DASHES = str.maketrans({c: "-" for c in "－—–~～至到"})


def _folded(text: str) -> str:
    return "".join(text.split()).translate(_DASHES)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=。)", "".join(text.split("\n"))) if s.strip()]


def document_answer(
    items: list[DocumentItem], question: str, closing: str, title: str, document: str, articles: dict[int, Article]
) -> Answer:
    """What the closing paragraph says of each item asked, and which items the text does not give."""
    sentences = _sentences(closing)
    answered: list[tuple[DocumentItem, str]] = []
    missing: list[DocumentItem] = []
    for item in items:
        quote = next((s for s in sentences if item.quote_has and item.quote_has in s), None)
        if quote is None:
            missing.append(item)
        else:
            answered.append((item, quote))
    quotes = list(dict.fromkeys(quote for _, quote in answered))
    lines = [f"根据《{title}》结尾：{''.join(quotes)}"] if quotes else []
    citations = [Citation(article=None, document=document, title=title, quote=quote) for quote in quotes]
    if missing:
        names = "、".join(i.name for i in missing)
        lines.append(f"原文没有写明本意见的{names}。")
    shown: set[int] = set()
    for figure in (m.group(0) for m in _FIGURE.finditer(question)):
        # 「5年」 is not inside 「3-5年」: the figure must stand on its own in the article.
        alone = re.compile(rf"(?<![\d.\-]){re.escape(_folded(figure))}")
        owner = next((a for a in articles.values() if alone.search(_folded(a.text))), None)
        if owner is None or owner.number in shown:
            continue
        shown.add(owner.number)
        quote = next((s for s in owner.sentences() if alone.search(_folded(s))), owner.title)
        lines.append(f"您提到的「{figure}」出自【{owner.label}】（{owner.title}）：{quote}")
        citations.append(compose.citation(owner, quote))
    if missing and not answered:
        lines.append("具体请以正式发布的文件为准。")
    return Answer(
        answer="\n".join(lines),
        citations=citations,
        intent="policy_question",
        refused=not answered,
        answerability="answered" if answered else "not_in_text",
    )


@dataclass(frozen=True)
class DocumentFacts:
    """The policy's closing paragraph, title and id, and the table of what is asked about it."""

    table: DocumentSelf
    closing: str
    title: str
    document: str
    articles: dict[int, Article]

    @classmethod
    def build(cls, knowledge: Knowledge) -> DocumentFacts:
        """From the ingested policy: the document with a closing paragraph."""
        policy = next(d for d in knowledge.index.documents if any(r.kind == "closing" for r in d.records))
        closing = "".join(r.text for r in policy.records if r.kind == "closing")
        return cls(load_document_self(), closing, policy.title, policy.document, knowledge.articles)

    def answer(self, question: str) -> Answer | None:
        """The answer when ``question`` asks about the document itself, else None."""
        items = self.table.asked(question)
        if not items:
            return None
        return document_answer(items, question, self.closing, self.title, self.document, self.articles)
