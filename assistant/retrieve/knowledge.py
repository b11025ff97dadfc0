"""The loaded knowledge base: the index plus lookup tables over the structured records.

Built once per index build and read-only afterwards, so request threads share it freely; a server
follows new builds with :class:`assistant.retrieve.live.LiveKnowledge`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from assistant.retrieve.phrases import PhraseIndex
from corpus.records import POLICY_DOCUMENT_ID, Article, ParsedDocument, Part
from ingest.chunk import Chunk
from ingest.embeddings import CachedEmbedder, Embedder, build_embedder
from ingest.index_reader import IndexReader, open_index
from ingest.store import IndexConfig


@dataclass
class Knowledge:
    """Everything the assistant reads: chunks, vectors, BM25, articles, parts, units."""

    index: IndexReader
    embedder: Embedder
    policy: ParsedDocument
    articles: dict[int, Article] = field(init=False)
    parts: dict[int, Part] = field(init=False)
    unit_articles: dict[str, list[int]] = field(init=False)
    chunk_by_id: dict[str, Chunk] = field(init=False)
    chunk_position: dict[str, int] = field(init=False)
    token_idf: dict[str, float] = field(init=False)
    phrases: PhraseIndex = field(init=False)
    question_by_id: dict[str, Chunk] = field(init=False)
    article_chunks: dict[tuple[str, int], list[Chunk]] = field(init=False)

    def __post_init__(self) -> None:
        self.articles = {a.number: a for a in self.policy.articles}
        self.parts = {p.number: p for p in self.policy.parts}
        self.unit_articles = {}
        for article in self.policy.articles:
            for unit in article.units:
                self.unit_articles.setdefault(unit, []).append(article.number)
        self.chunk_by_id = {c.id: c for c in self.index.chunks}
        self.chunk_position = {c.id: i for i, c in enumerate(self.index.chunks)}
        # How specific a word is in this corpus: 贴息 (two chunks) outweighs 机构 (most chunks).
        document_frequency: dict[str, int] = {}
        for chunk in self.index.chunks:
            for token in set(chunk.tokens):
                document_frequency[token] = document_frequency.get(token, 0) + 1
        total = len(self.index.chunks)
        self.token_idf = {t: math.log(1 + total / df) for t, df in document_frequency.items()}
        self.phrases = PhraseIndex.build([c.content for c in self.index.chunks])
        self.question_by_id = {c.id: c for c in self.index.questions}
        self.article_chunks = {}
        for chunk in self.index.chunks:
            if chunk.kind == "article" and chunk.article is not None:
                self.article_chunks.setdefault((chunk.document, chunk.article), []).append(chunk)

    @classmethod
    def load(cls, config: IndexConfig, embedder: Embedder | None = None) -> Knowledge:
        """Open the live index with the configured embedder (query vectors cached), under a lease on its build."""
        embedder = embedder or build_embedder(config.embedding)
        if not isinstance(embedder, CachedEmbedder):
            embedder = CachedEmbedder(embedder)
        index = open_index(config, embedder.model_id)
        policy = next(d for d in index.documents if d.document == POLICY_DOCUMENT_ID)
        return cls(index=index, embedder=embedder, policy=policy)

    @property
    def build_id(self) -> str:
        """The index build this knowledge base was loaded from."""
        return self.index.manifest.build_id

    def probe(self, query: str = "科技金融") -> int:
        """Ask the index one real question, dense and BM25, as requests do (the health check).

        Returns:
            How many chunks the dense search found.

        Raises:
            IndexUnavailableError: the vector store did not answer.
        """
        found = self.index.vectors.query(self.embedder.embed_query(query), k=1)
        self.index.bm25_scores([query])
        return len(found)

    def close(self) -> None:
        """Let ingest prune this build (what is loaded stays readable; vector queries need the files)."""
        self.index.close()

    @property
    def extra_documents(self) -> list[ParsedDocument]:
        """Documents ingested besides the policy."""
        return [d for d in self.index.documents if d.document != POLICY_DOCUMENT_ID]

    def document_title(self, document: str) -> str:
        """The title of an ingested document."""
        return next((d.title for d in self.index.documents if d.document == document), document)

    def extra_article(self, document: str, number: int) -> Article | None:
        """A 第X条 clause of an extra document."""
        for doc in self.index.documents:
            if doc.document == document:
                return next((a for a in doc.articles if a.number == number), None)
        return None

    def article_for_chunk(self, chunk: Chunk) -> Article | None:
        """The article a chunk belongs to (policy or extra document)."""
        if chunk.article is None:
            return None
        if chunk.document == POLICY_DOCUMENT_ID:
            return self.articles.get(chunk.article)
        return self.extra_article(chunk.document, chunk.article)
