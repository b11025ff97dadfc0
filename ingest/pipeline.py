"""Ingest: sources → parse → chunk → tokenize → embed → index, built beside the live one and swapped.

It is incremental (a chunk whose content hash is already in the live index reuses its vector;
an unchanged corpus is recognised from its hash and nothing is rebuilt) and atomic (a failure
or a kill part-way leaves the previous index live and untouched).

Example:
    >>> report = run_ingest(IndexConfig(data_dir=Path("data")))  # doctest: +SKIP
    >>> report.summary_line()  # doctest: +SKIP
    '导入完成：1 份文档，32 条，43 个片段，用时 6.1 秒（新嵌入 43，复用 0）'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from corpus.paths import EXTRA_DOCUMENTS_DIR, QUESTION_INDEX_PATH, STOPWORDS_PATH, USER_DICT_PATH
from corpus.question_index import load_question_index
from corpus.records import POLICY_DOCUMENT_ID
from corpus.registry import load_registry
from ingest.builds import ingest_lock, prune_builds
from ingest.chunk import DEFAULT_MAX_CHARS, Chunk, chunk_document
from ingest.embeddings import Embedder, build_embedder
from ingest.errors import DocumentError, IndexMismatchError, IngestError
from ingest.leases import create_lease_file
from ingest.questions import QUESTION_KIND, question_chunks
from ingest.sources import Source, discover_sources, parse_sources, sha256_of
from ingest.store import (
    BM25_DIR,
    CHUNKS,
    MANIFEST,
    RECORDS,
    ChromaStore,
    DocumentEntry,
    IndexConfig,
    Manifest,
    chroma_client,
    chunk_to_json,
    live_build_dir,
    question_collection_name,
    read_manifest,
    swap_live,
)
from ingest.tokenize import Tokenizer, article_token

# Bump when parsing, chunking or tokenizing changes what an index holds.
PIPELINE_VERSION = "4"
EMBED_BATCH = 16


@dataclass
class IngestReport:
    """What an ingest run did, for the summary line and for tests."""

    documents: int
    articles: int
    chunks: int
    embedded: int
    reused: int
    seconds: float
    up_to_date: bool
    build_id: str
    errors: list[DocumentError] = field(default_factory=list)
    questions: int = 0  # the question-style index's questions, embedded beside the chunks
    kept_in_use: list[str] = field(default_factory=list)  # older builds a running reader still holds

    @property
    def vectors(self) -> int:
        """Every vector the build holds: the chunks' and the indexed questions'."""
        return self.chunks + self.questions

    def summary_line(self) -> str:
        """The one-line Chinese summary printed at the end of ingest."""
        state = "索引已是最新，无需重建" if self.up_to_date else "导入完成"
        line = (
            f"{state}：{self.documents} 份文档，{self.articles} 条，{self.chunks} 个片段、{self.questions} 个索引问题，"
            f"用时 {self.seconds:.1f} 秒（新嵌入 {self.embedded}，复用 {self.reused}）"
        )
        if self.errors:
            line += f"；{len(self.errors)} 个文件未导入"
        return line


def corpus_hash(hashes: list[str], embedding_model: str) -> str:
    """One hash over everything that determines the index's content."""
    h = hashlib.sha256()
    for part in (
        PIPELINE_VERSION,
        str(DEFAULT_MAX_CHARS),
        embedding_model,
        sha256_of(USER_DICT_PATH),
        sha256_of(STOPWORDS_PATH),
        sha256_of(QUESTION_INDEX_PATH),
    ):
        h.update(part.encode("utf-8"))
    for item in hashes:
        h.update(item.encode("utf-8"))
    return h.hexdigest()


def tokenize_chunks(chunks: list[Chunk], tokenizer: Tokenizer) -> list[Chunk]:
    """Attach jieba tokens; an article's chunks also carry its reference token (第3条)."""
    tokenized = []
    for chunk in chunks:
        tokens = tokenizer.tokenize(chunk.context)
        if chunk.article is not None and chunk.kind == "article":
            tokens.append(article_token(chunk.article))
        tokenized.append(dataclasses.replace(chunk, tokens=tuple(tokens)))
    return tokenized


def _reusable_vectors(config: IndexConfig, ids: list[str], embedding_model: str) -> dict[str, list[float]]:
    """Vectors the live index already holds for these chunk ids (same model only)."""
    live = live_build_dir(config)
    if live is None:
        return {}
    manifest = read_manifest(live)
    if manifest.embedding_model != embedding_model:
        return {}
    client = chroma_client(config, live)
    found: dict[str, list[float]] = {}
    # A build of format 1 kept the questions in the text's collection: the one name covers both.
    for name in filter(None, (manifest.collection, manifest.question_collection)):
        try:
            found.update(ChromaStore.open(client, name, embedding_model, create=False).get_vectors(ids))
        except (IndexMismatchError, ValueError):
            pass  # a damaged or foreign live collection only means its vectors cannot be reused
    return found


def _embed(chunks: list[Chunk], embedder: Embedder, reuse: dict[str, list[float]], progress: bool) -> list[list[float]]:
    missing = [c for c in chunks if c.id not in reuse]
    fresh: dict[str, list[float]] = {}
    bar = tqdm(total=len(missing), desc="嵌入", unit="片段", disable=not progress or not missing, file=sys.stderr)
    for i in range(0, len(missing), EMBED_BATCH):
        batch = missing[i : i + EMBED_BATCH]
        for chunk, vector in zip(batch, embedder.embed_passages([c.context for c in batch]), strict=True):
            fresh[chunk.id] = vector
        bar.update(len(batch))
    bar.close()
    return [reuse.get(c.id) or fresh[c.id] for c in chunks]


def _write_build(
    config: IndexConfig,
    build_dir: Path,
    sources: list[Source],
    chunks: list[Chunk],
    vectors: list[list[float]],
    embedding_model: str,
    digest: str,
) -> Manifest:
    import bm25s

    build_dir.mkdir(parents=True)
    collection = config.collection if not config.chroma_host else f"{config.collection}-{build_dir.name}"
    client = chroma_client(config, build_dir)
    for name, asked in ((collection, False), (question_collection_name(collection), True)):
        store = ChromaStore.open(client, name, embedding_model, create=True)
        mine = [(c, v) for c, v in zip(chunks, vectors, strict=True) if (c.kind == QUESTION_KIND) == asked]
        store.add(
            [c.id for c, _ in mine], [v for _, v in mine], [c.context for c, _ in mine], [c.metadata() for c, _ in mine]
        )

    # BM25 ranks the text; the indexed questions get a ranking of their own when the index is read.
    bm25 = bm25s.BM25()
    bm25.index([list(c.tokens) for c in chunks if c.kind != QUESTION_KIND], show_progress=False)
    bm25.save(str(build_dir / BM25_DIR))

    with (build_dir / CHUNKS).open("w", encoding="utf-8") as f:
        for chunk in chunks:
            f.write(json.dumps(chunk_to_json(chunk), ensure_ascii=False) + "\n")
    (build_dir / RECORDS).write_text(
        json.dumps([s.parsed.model_dump(mode="json") for s in sources], ensure_ascii=False), encoding="utf-8"
    )
    manifest = Manifest(
        build_id=build_dir.name,
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        embedding_model=embedding_model,
        corpus_hash=digest,
        collection=collection,
        question_collection=question_collection_name(collection),
        chroma_mode="http" if config.chroma_host else "persistent",
        chroma_host=config.chroma_host,
        chroma_port=config.chroma_port if config.chroma_host else None,
        documents=[
            DocumentEntry(
                id=s.parsed.document,
                title=s.parsed.title,
                source=str(s.path),
                sha256=s.sha256,
                articles=len(s.parsed.articles),
                chunks=sum(1 for c in chunks if c.document == s.parsed.document and c.kind != QUESTION_KIND),
            )
            for s in sources
        ],
        chunk_count=sum(1 for c in chunks if c.kind != QUESTION_KIND),
        question_count=sum(1 for c in chunks if c.kind == QUESTION_KIND),
        article_count=sum(len(s.parsed.articles) for s in sources),
    )
    create_lease_file(build_dir)
    # The manifest goes last: a build without one is incomplete and never goes live.
    (build_dir / MANIFEST).write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
    return manifest


def run_ingest(
    config: IndexConfig,
    extra_paths: list[Path] | None = None,
    extra_dirs: list[Path] | None = None,
    rebuild: bool = False,
    progress: bool = True,
    embedder: Embedder | None = None,
) -> IngestReport:
    """Ingest the corpus (and any extra documents) into a fresh build, then make it live.

    Raises:
        IngestError: when nothing at all could be ingested or the store fails.
    """
    started = time.perf_counter()
    embedder = embedder or build_embedder(config.embedding)
    dirs = [EXTRA_DOCUMENTS_DIR, *(extra_dirs or [])]
    with ingest_lock(config.data_dir):
        paths, errors = discover_sources(extra_paths or [], dirs)
        live = live_build_dir(config)
        digest = corpus_hash([f"{p}:{sha256_of(p)}" for p in paths], embedder.model_id)
        if live is not None and not rebuild:
            manifest = read_manifest(live)
            if manifest.corpus_hash == digest:
                return IngestReport(
                    documents=len(manifest.documents),
                    articles=manifest.article_count,
                    chunks=manifest.chunk_count,
                    embedded=0,
                    reused=manifest.chunk_count + manifest.question_count,
                    questions=manifest.question_count,
                    seconds=time.perf_counter() - started,
                    up_to_date=True,
                    build_id=manifest.build_id,
                    errors=errors,
                )

        sources, parse_errors = parse_sources(paths, load_registry())
        errors.extend(parse_errors)
        if not sources:
            raise IngestError("没有任何文档可以导入")
        tokenizer = Tokenizer.default()
        text_chunks = [c for s in sources for c in chunk_document(s.parsed, s.raw)]
        policy = next((s.parsed for s in sources if s.parsed.document == POLICY_DOCUMENT_ID), None)
        asked = question_chunks(policy, load_question_index()) if policy is not None else []
        chunks = tokenize_chunks(text_chunks + asked, tokenizer)
        reuse = _reusable_vectors(config, [c.id for c in chunks], embedder.model_id)
        vectors = _embed(chunks, embedder, reuse, progress)

        build_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        build_dir = config.builds_dir / build_id
        manifest = _write_build(config, build_dir, sources, chunks, vectors, embedder.model_id, digest)
        swap_live(config, build_dir)
        kept_in_use = prune_builds(config, keep={build_id, live.name if live else ""})
        return IngestReport(
            documents=len(sources),
            articles=manifest.article_count,
            chunks=manifest.chunk_count,
            questions=manifest.question_count,
            embedded=sum(1 for c in chunks if c.id not in reuse),
            reused=sum(1 for c in chunks if c.id in reuse),
            seconds=time.perf_counter() - started,
            up_to_date=False,
            build_id=build_id,
            errors=errors,
            kept_in_use=kept_in_use,
        )
