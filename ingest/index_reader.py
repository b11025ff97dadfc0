"""Opening the live index: a build loaded under a lease, checked against the embedding model.

The reader holds a lease on its build until it is closed, so no ingest deletes the build while
a server or an evaluation run still reads it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.records import Article, ParsedDocument, Record
from ingest.chunk import Chunk
from ingest.errors import IndexMismatchError, IndexMissingError
from ingest.leases import LEASE_FILE, BuildLease, acquire_lease, create_lease_file
from ingest.store import (
    BM25_DIR,
    CHUNKS,
    INDEX_FORMAT,
    QUESTION_KIND,
    RECORDS,
    ChromaStore,
    IndexConfig,
    Manifest,
    VectorStore,
    chroma_client,
    chunk_from_json,
    live_build_dir,
    read_manifest,
)

__all__ = ["OPEN_ATTEMPTS", "IndexReader", "open_index"]


@dataclass
class IndexReader:
    """A loaded index: manifest, chunks, parsed documents, BM25, and the vector stores."""

    build_dir: Path
    manifest: Manifest
    chunks: list[Chunk]
    documents: list[ParsedDocument]
    vectors: VectorStore  # the text's chunks
    question_vectors: VectorStore  # the indexed questions
    bm25: Any
    questions: list[Chunk] = field(default_factory=list)  # the indexed questions (dense only)
    lease: BuildLease | None = field(default=None, repr=False)

    def close(self) -> None:
        """Release the build's lease, so a later ingest may prune it (the loaded data stays readable)."""
        if self.lease is not None:
            self.lease.release()

    @property
    def articles(self) -> list[Article]:
        """Every numbered article of every document."""
        return [a for doc in self.documents for a in doc.articles]

    def bm25_scores(self, tokens: list[str]) -> list[float]:
        """BM25 score of every chunk (in ``chunks`` order) for a tokenized query."""
        if not tokens:
            return [0.0] * len(self.chunks)
        return [float(s) for s in self.bm25.get_scores(tokens)]


def _load_documents(path: Path) -> list[ParsedDocument]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    documents = []
    for doc in raw:
        # Records are a union; articles carry a number, the others do not.
        records: list[Record | Article] = [
            Article.model_validate(r) if r.get("kind") == "article" else Record.model_validate(r)
            for r in doc["records"]
        ]
        documents.append(
            ParsedDocument(document=doc["document"], title=doc["title"], records=records, parts=doc["parts"])
        )
    return documents


# How often opening retries when the live build changes under it (two ingests in a row).
OPEN_ATTEMPTS = 5


def open_index(config: IndexConfig, embedding_model: str) -> IndexReader:
    """Load the live index under a lease, checking that it was built with ``embedding_model``.

    The reader holds a lease on its build until :meth:`IndexReader.close`, so no ingest deletes
    the build meanwhile.

    Raises:
        IndexMissingError: no complete index exists yet.
        IndexMismatchError: the index was built with another model or format.
    """
    for _ in range(OPEN_ATTEMPTS):
        build_dir = live_build_dir(config)
        if build_dir is None:
            raise IndexMissingError(f"{config.live_link} 下没有可用索引；请先运行 `policy-assistant ingest`。")
        if not (build_dir / LEASE_FILE).exists():
            create_lease_file(build_dir)  # a build written before leases existed
        lease = acquire_lease(build_dir)
        if lease is None:
            continue  # pruned between reading the link and locking: read the link again
        try:
            return _load_build(config, build_dir, embedding_model, lease)
        except BaseException:
            lease.release()
            raise
    raise IndexMissingError(f"{config.live_link} 所指的索引在打开时不断被替换；请稍后重试。")


def _load_build(config: IndexConfig, build_dir: Path, embedding_model: str, lease: BuildLease) -> IndexReader:
    manifest = read_manifest(build_dir)
    if manifest.format != INDEX_FORMAT:
        raise IndexMismatchError(
            f"索引格式 {manifest.format} 与程序（{INDEX_FORMAT}）不符；请运行 `policy-assistant ingest --rebuild`。"
        )
    if manifest.embedding_model != embedding_model:
        raise IndexMismatchError(
            f"索引由嵌入模型 {manifest.embedding_model} 构建，当前配置为 {embedding_model}；"
            "请运行 `policy-assistant ingest --rebuild` 重新导入，避免混用向量。"
        )
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    with (build_dir / CHUNKS).open(encoding="utf-8") as f:
        every = [chunk_from_json(json.loads(line)) for line in f if line.strip()]
    if manifest.question_collection is None:
        raise IndexMismatchError("索引缺少索引问题的向量集合；请运行 `policy-assistant ingest --rebuild`。")
    client = chroma_client(config, build_dir)
    return IndexReader(
        build_dir=build_dir,
        manifest=manifest,
        chunks=[c for c in every if c.kind != QUESTION_KIND],
        documents=_load_documents(build_dir / RECORDS),
        vectors=ChromaStore.open(client, manifest.collection, embedding_model, create=False),
        question_vectors=ChromaStore.open(client, manifest.question_collection, embedding_model, create=False),
        bm25=bm25s.BM25.load(str(build_dir / BM25_DIR)),
        questions=[c for c in every if c.kind == QUESTION_KIND],
        lease=lease,
    )
