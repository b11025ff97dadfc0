"""Hybrid retrieval: dense (Chroma + e5) and BM25 (jieba) hits fused by reciprocal rank.

``HybridSearch`` does the work and can run either ranker alone (for the baselines);
:class:`assistant.retrieve.retriever.PolicyRetriever` exposes it as a LangChain ``BaseRetriever``.

Example:
    >>> search = HybridSearch(knowledge)  # doctest: +SKIP
    >>> [hit.key for hit in search.articles("天使投资奖励")][:1]  # doctest: +SKIP
    [('gz-tech-finance-opinions', 3)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from assistant.retrieve.knowledge import Knowledge
from assistant.understand.query import QueryAnalysis, QueryAnalyzer
from ingest.chunk import Chunk

Mode = Literal["hybrid", "dense", "bm25"]
RRF_K = 60  # the usual constant: damps the head of each ranking so neither ranker dominates
PHRASE_WEIGHT = 0.5  # the trigram ranker's share in the fusion, beside dense and BM25 (1.0 each)
# The indexed questions vote for their articles by dense similarity, with this weight, and only
# questions about as close as the closest one and close in themselves (a far question's vote is
# noise; their BM25 only added noise). Weight 1.0, as much as one ranker: on two later blind sets an
# article whose long chunk the dense ranker misses (第一条's 投资部门 clause) was found only by its
# questions, with no loss on the dev and test splits' citations.
QUESTION_WEIGHT = 1.0
# A thing named in the asker's spelling votes for the few articles that write its name, as one top rank.
NAMED_WEIGHT = 1.0
NAMED_MAX_ARTICLES = 3
QUESTION_MIN_SIMILARITY = 0.91
QUESTION_MARGIN = 0.01


@dataclass
class ScoredChunk:
    """A chunk with its fused score and its rank in each ranker (None when absent)."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None
    similarity: float = 0.0
    bm25: float = 0.0
    phrase: float = 0.0


@dataclass
class ArticleHit:
    """All retrieved chunks of one article (or of one non-article record), best first."""

    key: tuple[str, int | None]
    chunks: list[ScoredChunk] = field(default_factory=list)
    votes: float = 0.0  # what the indexed questions asking about it add
    question_similarity: float = 0.0  # the closest indexed question's dense similarity

    @property
    def score(self) -> float:
        """An article is as good as its best chunk, plus its questions' votes."""
        return max(c.score for c in self.chunks) + self.votes

    @property
    def similarity(self) -> float:
        """The best dense similarity among its chunks."""
        return max(c.similarity for c in self.chunks)

    @property
    def bm25(self) -> float:
        """The best BM25 score among its chunks."""
        return max(c.bm25 for c in self.chunks)


@dataclass
class SearchSignals:
    """How strongly the corpus answers a query at all (for the out-of-scope decision)."""

    top_similarity: float
    top_bm25: float
    top_question_similarity: float = 0.0


class HybridSearch:
    """Dense + BM25 retrieval with reciprocal rank fusion over chunks."""

    def __init__(self, knowledge: Knowledge, analyzer: QueryAnalyzer | None = None, depth: int = 20) -> None:
        self.knowledge = knowledge
        self.analyzer = analyzer or QueryAnalyzer.default()
        self.depth = depth

    def chunks(self, query: str | QueryAnalysis, k: int = 10, mode: Mode = "hybrid") -> list[ScoredChunk]:
        """The top ``k`` chunks for a query, fused across rankers."""
        analysis = query if isinstance(query, QueryAnalysis) else self.analyzer.analyze(query)
        scored: dict[str, ScoredChunk] = {}
        if mode in ("hybrid", "dense"):
            vector = self.knowledge.embedder.embed_query(analysis.search_text)
            for rank, (chunk_id, similarity) in enumerate(self.knowledge.index.vectors.query(vector, self.depth)):
                hit = scored.setdefault(chunk_id, ScoredChunk(self.knowledge.chunk_by_id[chunk_id], 0.0))
                hit.dense_rank, hit.similarity = rank, similarity
                hit.score += 1.0 / (RRF_K + rank + 1)
        if mode in ("hybrid", "bm25"):
            scores = self.knowledge.index.bm25_scores(analysis.tokens)
            ranked = sorted(range(len(scores)), key=lambda i: -scores[i])[: self.depth]
            for rank, position in enumerate(i for i in ranked if scores[i] > 0):
                chunk = self.knowledge.index.chunks[position]
                hit = scored.setdefault(chunk.id, ScoredChunk(chunk, 0.0))
                hit.bm25_rank, hit.bm25 = rank, scores[position]
                hit.score += 1.0 / (RRF_K + rank + 1)
        if mode == "hybrid":
            # The user's own wording, unexpanded: aliases already speak through BM25 and dense.
            overlap = self.knowledge.phrases.scores(analysis.text)
            ranked = sorted(range(len(overlap)), key=lambda i: -overlap[i])[: self.depth]
            for rank, position in enumerate(i for i in ranked if overlap[i] > 0):
                chunk = self.knowledge.index.chunks[position]
                hit = scored.setdefault(chunk.id, ScoredChunk(chunk, 0.0))
                hit.phrase = overlap[position]
                hit.score += PHRASE_WEIGHT / (RRF_K + rank + 1)
        return sorted(scored.values(), key=lambda h: -h.score)[:k]

    def articles(self, query: str | QueryAnalysis, k: int = 5, mode: Mode = "hybrid") -> list[ArticleHit]:
        """The top ``k`` articles, each with its retrieved chunks, best first."""
        analysis = query if isinstance(query, QueryAnalysis) else self.analyzer.analyze(query)
        groups: dict[tuple[str, int | None], ArticleHit] = {}
        for hit in self.chunks(analysis, k=self.depth, mode=mode):
            key = (hit.chunk.document, hit.chunk.article if hit.chunk.kind == "article" else None)
            groups.setdefault(key, ArticleHit(key)).chunks.append(hit)
        if mode == "hybrid":
            self._question_votes(analysis, groups)
            self._named_votes(analysis, groups)
        return sorted(groups.values(), key=lambda g: -g.score)[:k]

    def _question_votes(self, analysis: QueryAnalysis, groups: dict[tuple[str, int | None], ArticleHit]) -> None:
        """The indexed questions closest to the query vote for their articles (best question per article)."""
        index = self.knowledge.index
        if not index.questions:
            return
        vector = self.knowledge.embedder.embed_query(analysis.search_text)
        dense = index.question_vectors.query(vector, self.depth)
        by_id = self.knowledge.question_by_id
        ranked = _first_per_article((by_id[i].article, s) for i, s in dense if i in by_id)
        top = max((s for _, s in ranked), default=0.0)
        close = [article for article, s in ranked if s >= max(QUESTION_MIN_SIMILARITY, top - QUESTION_MARGIN)]
        for rank, article in enumerate(close):
            self._vote(groups, article, QUESTION_WEIGHT / (RRF_K + rank + 1))
        similarity = dict(ranked)
        for key, hit in groups.items():
            if key[1] in similarity and key[0] == self.knowledge.policy.document:
                hit.question_similarity = similarity[key[1]]

    def _named_votes(self, analysis: QueryAnalysis, groups: dict[tuple[str, int | None], ArticleHit]) -> None:
        """「贷款+期权」 names the policy's 投贷联动 in the asker's words: the articles writing its name vote."""
        document = self.knowledge.policy.document
        for name in analysis.named:
            writing = [
                n
                for (d, n), chunks in self.knowledge.article_chunks.items()
                if d == document and any(name in c.content for c in chunks)
            ]
            if 0 < len(writing) <= NAMED_MAX_ARTICLES:
                for article in writing:
                    self._vote(groups, article, NAMED_WEIGHT / (RRF_K + 1))

    def _vote(self, groups: dict[tuple[str, int | None], ArticleHit], article: int | None, weight: float) -> None:
        key = (self.knowledge.policy.document, article)
        hit = groups.get(key)
        if hit is None:
            chunks = self.knowledge.article_chunks.get(key)  # type: ignore[arg-type]
            if not chunks:
                return
            hit = groups[key] = ArticleHit(key, [ScoredChunk(chunks[0], 0.0)])
        hit.votes += weight

    def signals(self, hits: list[ArticleHit]) -> SearchSignals:
        """Confidence signals of a result list."""
        return SearchSignals(
            top_similarity=max((h.similarity for h in hits), default=0.0),
            top_bm25=max((h.bm25 for h in hits), default=0.0),
            top_question_similarity=max((h.question_similarity for h in hits), default=0.0),
        )


def _first_per_article(ranked: Iterable[tuple[int | None, float]]) -> list[tuple[int | None, float]]:
    """Each article once, at the rank of its best question."""
    seen: dict[int | None, float] = {}
    for article, score in ranked:
        seen.setdefault(article, score)
    return list(seen.items())


# The LangChain retriever lives in its own module; importers of the old place keep working.
from assistant.retrieve.retriever import PolicyRetriever  # noqa: E402

__all__ = ["ArticleHit", "HybridSearch", "PolicyRetriever", "ScoredChunk", "SearchSignals"]
