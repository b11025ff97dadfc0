"""The policy as a LangChain retriever: ``k`` documents, grouped by article, best article first.

:class:`PolicyRetriever` asks an :class:`ArticleSearch` (in practice
:class:`~assistant.retrieve.hybrid.HybridSearch`) for the best articles and hands back their
chunks as LangChain ``Document`` objects. ``k`` counts documents, as LangChain's standard retriever
tests expect, whether given to the constructor or per call (``invoke(query, k=2)``); the documents
of one article stay together, so a reader sees an article's passages side by side.

Example:
    >>> retriever = PolicyRetriever(search=HybridSearch(knowledge), k=3)  # doctest: +SKIP
    >>> [d.metadata["article"] for d in retriever.invoke("专利能贷款吗")]  # doctest: +SKIP
    [10, 12, 12]
    >>> len(retriever.invoke("专利能贷款吗", k=1))  # doctest: +SKIP
    1
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol, runtime_checkable

from langchain_core.callbacks import AsyncCallbackManagerForRetrieverRun, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables.config import run_in_executor
from pydantic import ConfigDict, Field

from ingest.chunk import Chunk

__all__ = ["ArticleSearch", "PolicyRetriever", "chunk_document"]

Mode = Literal["hybrid", "dense", "bm25"]


class _ScoredChunk(Protocol):
    chunk: Chunk
    score: float


class _ArticleHit(Protocol):
    @property
    def chunks(self) -> Sequence[_ScoredChunk]: ...


@runtime_checkable
class ArticleSearch(Protocol):
    """What the retriever asks: the top ``k`` articles for a query, each with its chunks, best first."""

    def articles(self, query: str, k: int = 5, mode: Mode = "hybrid") -> Sequence[_ArticleHit]:
        """The best articles for ``query``."""
        ...


def chunk_document(chunk: Chunk, *, article_rank: int, score: float) -> Document:
    """One indexed chunk as a LangChain document; the metadata says where in the policy it is."""
    return Document(
        page_content=chunk.content,
        id=chunk.id,
        metadata={
            "document": chunk.document,
            "article": chunk.article,
            "title": chunk.title,
            "units": list(chunk.units),
            "article_rank": article_rank,
            "score": score,
            "span": list(chunk.span),
        },
    )


class PolicyRetriever(BaseRetriever):
    """LangChain retriever over the policy: ``k`` documents, grouped by article, best article first.

    Attributes:
        search: The article search (``HybridSearch``).
        k: How many documents to return; ``invoke(query, k=n)`` overrides it for one call.
        mode: ``hybrid`` (the assistant's ranking), or ``dense`` / ``bm25`` alone.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    search: ArticleSearch
    k: int = Field(4, ge=1, description="返回的文档（段落）数")
    mode: Mode = "hybrid"

    def _documents(self, query: str, k: int | None) -> list[Document]:
        wanted = self.k if k is None else k
        if wanted < 1:
            raise ValueError(f"k 必须是正整数，收到 {wanted}")
        documents: list[Document] = []
        # Every article brings at least one chunk, so ``wanted`` articles always hold enough documents.
        for rank, hit in enumerate(self.search.articles(query, k=wanted, mode=self.mode)):
            for scored in hit.chunks:
                documents.append(chunk_document(scored.chunk, article_rank=rank, score=scored.score))
        return documents[:wanted]

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, k: int | None = None
    ) -> list[Document]:
        return self._documents(query, k)

    async def _aget_relevant_documents(
        self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun, k: int | None = None
    ) -> list[Document]:
        # The search is CPU-bound and synchronous; run it off the event loop, as LangChain's default does.
        return await run_in_executor(None, self._documents, query, k)
