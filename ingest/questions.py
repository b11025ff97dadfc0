"""Question chunks: the question-style index's questions as retrievable chunks pointing at their articles.

They are embedded and stored beside the text (kind ``question``), never quoted and never
counted as text: the search keeps them in a ranking of their own that votes for articles.
"""

from __future__ import annotations

from corpus.question_index import QuestionIndex
from corpus.records import ParsedDocument
from ingest.chunk import Chunk
from ingest.store import QUESTION_KIND

__all__ = ["QUESTION_KIND", "question_chunks"]


def question_chunks(policy: ParsedDocument, index: QuestionIndex) -> list[Chunk]:
    """One chunk per question of an article the policy has (others are skipped)."""
    articles = {a.number: a for a in policy.articles}
    chunks: list[Chunk] = []
    for question in index.questions():
        article = articles.get(question.article)
        if article is None:
            continue
        chunks.append(
            Chunk(
                document=policy.document,
                kind=QUESTION_KIND,
                article=article.number,
                title=article.title,
                part=article.part,
                part_title=article.part_title,
                units=tuple(article.units),
                content=question.text,
                context=question.text,
                span=(0, 0),
            )
        )
    return chunks
