"""The index on disk: layout, manifest, the vector-store seam, and the reader the assistant uses.

Layout under ``data_dir``::

    index -> builds/<build_id>     (a symlink; swapped atomically when a build completes)
    builds/<build_id>/manifest.json   what was built, from what, with which embedding model
    builds/<build_id>/chunks.jsonl    every chunk with its metadata and jieba tokens
    builds/<build_id>/records.json    the parsed documents (articles, parts, units, facts)
    builds/<build_id>/bm25/           the bm25s index over the chunk tokens
    builds/<build_id>/chroma/         the embedded Chroma store (absent in server mode): two collections,
                                      the text's chunks and the indexed questions
    builds/<build_id>/lease.lock      readers hold a shared lock on it (see ingest.leases)

A reader resolves the symlink once and holds a lease on the build it loaded, so an ingest that
swaps the link never deletes what a running server reads; the server follows the link itself
(see ``assistant.retrieve.live``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field

from ingest.chunk import Chunk
from ingest.embeddings import EmbeddingSpec
from ingest.errors import IndexMismatchError, IndexUnavailableError

# 2: the indexed questions have a collection of their own (``Manifest.question_collection``).
INDEX_FORMAT = 2
QUESTION_KIND = "question"  # the indexed questions' chunks (see ingest.questions)
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
RECORDS = "records.json"
BM25_DIR = "bm25"
CHROMA_DIR = "chroma"


@dataclass(frozen=True)
class IndexConfig:
    """Where the index lives and which embedding model builds it (plain data, from settings)."""

    data_dir: Path
    collection: str = "policy_chunks"
    chroma_host: str | None = None
    chroma_port: int = 8001
    embedding: EmbeddingSpec = field(default_factory=EmbeddingSpec)

    @property
    def live_link(self) -> Path:
        """The symlink naming the live build."""
        return self.data_dir / "index"

    @property
    def builds_dir(self) -> Path:
        """Where builds, live and in progress, are kept."""
        return self.data_dir / "builds"


class DocumentEntry(BaseModel):
    """One source document in a build."""

    id: str
    title: str
    source: str
    sha256: str
    articles: int
    chunks: int


class Manifest(BaseModel):
    """What a build holds; written last, so a build without one is incomplete."""

    format: int = INDEX_FORMAT
    build_id: str
    created_at: str
    embedding_model: str
    corpus_hash: str
    collection: str
    # None only in builds of format 1, which kept the questions in ``collection`` (read for reuse).
    question_collection: str | None = None
    chroma_mode: str = Field(..., description="persistent | http")
    question_count: int = Field(0, description="提问式索引中的问题数（与原文并列建索引）")
    chroma_host: str | None = None
    chroma_port: int | None = None
    documents: list[DocumentEntry]
    chunk_count: int
    article_count: int


def question_collection_name(collection: str) -> str:
    """The indexed questions' collection beside the text's ``collection``.

    Kept apart so that neither search needs a metadata filter: Chroma's filtered query costs
    about twice an unfiltered one, and every search asks both.
    """
    return f"{collection}-questions"


def chunk_to_json(chunk: Chunk) -> dict[str, Any]:
    """A chunk as one JSON line (tokens included, so BM25 needs no re-tokenizing)."""
    return {
        "id": chunk.id,
        "document": chunk.document,
        "kind": chunk.kind,
        "article": chunk.article,
        "title": chunk.title,
        "part": chunk.part,
        "part_title": chunk.part_title,
        "units": list(chunk.units),
        "content": chunk.content,
        "context": chunk.context,
        "span": list(chunk.span),
        "tokens": list(chunk.tokens),
    }


def chunk_from_json(data: dict[str, Any]) -> Chunk:
    """The inverse of ``chunk_to_json``."""
    return Chunk(
        document=data["document"],
        kind=data["kind"],
        article=data["article"],
        title=data["title"],
        part=data["part"],
        part_title=data["part_title"],
        units=tuple(data["units"]),
        content=data["content"],
        context=data["context"],
        span=(data["span"][0], data["span"][1]),
        tokens=tuple(data["tokens"]),
    )


class VectorStore(Protocol):
    """The seam to the vector database: embedded Chroma and Chroma server both fit."""

    def add(self, ids: list[str], vectors: list[list[float]], texts: list[str], metadatas: list[dict]) -> None:
        """Store vectors with their texts and metadata."""
        ...

    def get_vectors(self, ids: list[str]) -> dict[str, list[float]]:
        """Stored vectors for those ids that exist."""
        ...

    def query(self, vector: list[float], k: int) -> list[tuple[str, float]]:
        """The ``k`` nearest ids with cosine similarity, best first."""
        ...

    def count(self) -> int:
        """How many vectors are stored."""
        ...


class ChromaStore:
    """A Chroma collection in cosine space that records the embedding model that filled it."""

    def __init__(self, collection: Any) -> None:
        self._collection = collection
        # The live index is read-only, so its size is read once instead of on every query.
        self._count: int | None = None

    @classmethod
    def open(cls, client: Any, name: str, embedding_model: str, create: bool) -> ChromaStore:
        """Open (or create) the collection, refusing one built with another model."""
        if create:
            collection = client.create_collection(
                name=name,
                metadata={"hnsw:space": "cosine", "embedding_model": embedding_model},
                embedding_function=None,
            )
        else:
            collection = client.get_collection(name=name, embedding_function=None)
            built_with = (collection.metadata or {}).get("embedding_model")
            if built_with != embedding_model:
                raise IndexMismatchError(
                    f"向量库集合「{name}」由嵌入模型 {built_with} 构建，当前配置为 {embedding_model}；"
                    "请运行 `policy-assistant ingest --rebuild` 重新导入。"
                )
        return cls(collection)

    def add(self, ids: list[str], vectors: list[list[float]], texts: list[str], metadatas: list[dict]) -> None:
        """Add in one call (the corpus is small)."""
        if ids:
            self._collection.add(ids=ids, embeddings=vectors, documents=texts, metadatas=metadatas)
            self._count = None

    def get_vectors(self, ids: list[str]) -> dict[str, list[float]]:
        """Vectors of the ids that exist."""
        if not ids:
            return {}
        got = self._collection.get(ids=ids, include=["embeddings"])
        return {i: list(map(float, v)) for i, v in zip(got["ids"], got["embeddings"], strict=True)}

    def query(self, vector: list[float], k: int) -> list[tuple[str, float]]:
        """Nearest neighbours; Chroma returns cosine distance, we return similarity."""
        size = self.count()
        if size == 0:
            return []
        with _unavailable_on_failure():
            result = self._collection.query(query_embeddings=[vector], n_results=min(k, size), include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0], strict=True)]

    def count(self) -> int:
        """Number of stored vectors."""
        if self._count is None:
            with _unavailable_on_failure():
                self._count = self._collection.count()
        return self._count


@contextmanager
def _unavailable_on_failure() -> Iterator[None]:
    """Chroma's failures (files gone, server down) as our backend error, so Chroma types stay behind the seam."""
    from chromadb.errors import ChromaError

    try:
        yield
    except ChromaError as exc:
        raise IndexUnavailableError(f"向量库暂不可用：{exc}") from exc


def chroma_client(config: IndexConfig, build_dir: Path) -> Any:
    """A Chroma client for a build: embedded under the build, or the configured server."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if config.chroma_host:
        return chromadb.HttpClient(host=config.chroma_host, port=config.chroma_port, settings=settings)
    return chromadb.PersistentClient(path=str(build_dir / CHROMA_DIR), settings=settings)


def live_build_dir(config: IndexConfig) -> Path | None:
    """The build the live symlink names, or None when there is no complete index."""
    link = config.live_link
    if not link.exists():
        return None
    target = link.resolve()
    return target if (target / MANIFEST).exists() else None


def live_build_name(config: IndexConfig) -> str | None:
    """The name of the build the live symlink points at (one ``readlink``: cheap enough per request)."""
    try:
        return Path(os.readlink(config.live_link)).name
    except (FileNotFoundError, OSError):
        return None


def read_manifest(build_dir: Path) -> Manifest:
    """The manifest of a complete build."""
    return Manifest.model_validate_json((build_dir / MANIFEST).read_text(encoding="utf-8"))


def swap_live(config: IndexConfig, build_dir: Path) -> None:
    """Point the live symlink at ``build_dir`` in one atomic rename."""
    tmp = config.data_dir / f".index-{build_dir.name}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(build_dir, config.data_dir), tmp)
    os.replace(tmp, config.live_link)
