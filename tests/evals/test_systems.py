"""Systems without the real assistant, the network or a built index: fakes and a mock transport."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from corpus.paths import POLICY_PATH
from corpus.records import POLICY_DOCUMENT_ID
from evals.runner import run_eval
from evals.systems import Bm25Only, DenseOnly, NaiveRag, OursHttp, SystemFailure
from ingest.chunk import Chunk
from ingest.parse import parse_policy
from tests.evals.helpers import item

RAW = POLICY_PATH.read_text(encoding="utf-8")

# --- ours over HTTP ------------------------------------------------------------------------------


@dataclass
class FakeServer:
    """A scripted /api/chat and /api/search that assigns its own session ids."""

    chat_status: int = 200
    requests: list[tuple[str, dict]] = field(default_factory=list)

    def handle(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append((request.url.path, body))
        if request.url.path == "/api/chat":
            if self.chat_status != 200:
                return httpx.Response(self.chat_status, text="boom")
            return httpx.Response(
                200,
                json={
                    "answer": f"回答：{body['message']}",
                    "citations": [{"article": 3, "title": "投早投小", "quote": "……", "units": ["市科技局"]}],
                    "refused": False,
                    "session_id": "srv-1",
                },
            )
        if request.url.path == "/api/search":
            hits = [
                {"chunk_id": "a", "article": 3, "document": POLICY_DOCUMENT_ID, "title": "", "content": "", "score": 2},
                {"chunk_id": "b", "article": 3, "document": POLICY_DOCUMENT_ID, "title": "", "content": "", "score": 1},
                {
                    "chunk_id": "c",
                    "article": 11,
                    "document": POLICY_DOCUMENT_ID,
                    "title": "",
                    "content": "",
                    "score": 0,
                },
            ]
            return httpx.Response(200, json={"hits": hits})
        return httpx.Response(404)


def http_system(server: FakeServer) -> OursHttp:
    client = httpx.Client(base_url="http://testserver", transport=httpx.MockTransport(server.handle))
    return OursHttp("http://testserver", client=client)


def test_http_replays_turns_and_follows_the_server_session() -> None:
    server = FakeServer()
    answer, ranked, seconds = http_system(server).ask("那奖励多少", ["第一句", "第二句"])
    assert answer.answer == "回答：那奖励多少"
    assert answer.citations[0].article == 3
    assert ranked == [3, 11]
    assert seconds >= 0
    paths = [p for p, _ in server.requests]
    assert paths == ["/api/chat", "/api/chat", "/api/chat", "/api/search"]
    first, second, third, search = (b for _, b in server.requests)
    assert first["session_id"].startswith("eval-")
    assert second["session_id"] == third["session_id"] == "srv-1"
    assert [first["message"], second["message"], third["message"]] == ["第一句", "第二句", "那奖励多少"]
    assert search == {"query": "那奖励多少", "k": 10}


def test_http_errors_become_failed_records() -> None:
    system = http_system(FakeServer(chat_status=500))
    with pytest.raises(SystemFailure, match="HTTP 500"):
        system.ask("第三条", [])
    run = run_eval([item()], [system], progress=False)
    assert run.ours.records[0].error is not None
    assert not run.ours.verdicts[0].passed


def test_http_rejects_a_malformed_answer() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"citations": "nope"})

    client = httpx.Client(base_url="http://testserver", transport=httpx.MockTransport(handler))
    with pytest.raises(SystemFailure, match="回答格式不符"):
        OursHttp("http://testserver", client=client).ask("第三条", [])


# --- baselines on the project's index (faked) ------------------------------------------------------


def chunk(article: int | None, content: str, units: tuple[str, ...] = (), document: str = POLICY_DOCUMENT_ID) -> Chunk:
    return Chunk(
        document=document,
        kind="article" if article else "preamble",
        article=article,
        title=f"标题{article}",
        part=None,
        part_title=None,
        units=units,
        content=content,
        context=content,
        span=(0, len(content)),
    )


CHUNKS = [
    chunk(None, "前言"),
    chunk(3, "按实际到账投资额的1.5%给予奖励", ("市科技局", "市发展改革委")),
    chunk(5, "人才政策"),
    chunk(3, "每年最高500万元", ("市科技局", "市发展改革委")),
    chunk(7, "额外文档第七条", document="other-doc"),
]


@dataclass
class FakeVectors:
    results: list[tuple[str, float]]
    asked: list[int] = field(default_factory=list)

    def query(self, vector: list[float], k: int) -> list[tuple[str, float]]:
        self.asked.append(k)
        return self.results[:k]


@dataclass
class FakeReader:
    chunks: list[Chunk]
    scores: list[float]
    vectors: FakeVectors

    def bm25_scores(self, tokens: list[str]) -> list[float]:
        return self.scores if tokens else [0.0] * len(self.chunks)


class SplitTokenizer:
    def tokenize(self, text: str) -> list[str]:
        return text.split()


class ConstantEmbedder:
    model_id = "constant"

    def embed_query(self, text: str) -> list[float]:
        return [1.0]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return [[1.0] for _ in texts]


def reader(scores: list[float], dense: list[int]) -> FakeReader:
    return FakeReader(CHUNKS, scores, FakeVectors([(CHUNKS[i].id, 0.9 - 0.1 * n) for n, i in enumerate(dense)]))


def test_bm25_only_ranks_by_score_and_cites_the_top_article() -> None:
    system = Bm25Only(reader([0.5, 3.0, 1.0, 2.0, 9.0], []), tokenizer=SplitTokenizer())  # type: ignore[arg-type]
    answer, ranked, _ = system.ask("奖励 比例", [])
    # The extra document's chunk scores highest but is not a policy article.
    assert ranked == [3, 5]
    assert answer.answer == "按实际到账投资额的1.5%给予奖励"
    assert [(c.article, c.units, c.quote) for c in answer.citations] == [
        (3, ["市科技局", "市发展改革委"], "按实际到账投资额的1.5%给予奖励")
    ]
    assert not answer.refused and not answer.tool_calls


def test_bm25_only_with_no_matching_term_returns_nothing() -> None:
    answer, ranked, _ = Bm25Only(reader([0.0] * 5, []), tokenizer=SplitTokenizer()).ask("", [])  # type: ignore[arg-type]
    assert (answer.answer, answer.citations, ranked) == ("", [], [])


def test_dense_only_uses_the_vector_store_order() -> None:
    fake = reader([], [0, 2, 1, 3])
    answer, ranked, _ = DenseOnly(fake, ConstantEmbedder(), k=4).ask("人才", [])  # type: ignore[arg-type]
    assert ranked == [5, 3]
    # The preamble chunk is the top hit: it is the answer, but it cites no article.
    assert answer.answer == "前言"
    assert answer.citations == []
    assert fake.vectors.asked == [4]


# --- naive RAG over the raw text (with a tiny deterministic embedder) ---------------------------------


class CharBagEmbedder:
    """Hashed character counts, normalised: offline, deterministic, good enough to find verbatim text."""

    model_id = "char-bag"
    dims = 256

    def _embed(self, text: str) -> list[float]:
        vector = [0.0] * self.dims
        for ch in text:
            vector[int(hashlib.md5(ch.encode("utf-8")).hexdigest(), 16) % self.dims] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)


def test_naive_rag_maps_chunks_to_articles_by_span() -> None:
    articles = {a.number: a for a in parse_policy(RAW).articles}
    article3 = RAW[articles[3].span[0] : articles[3].span[1]]
    system = NaiveRag(embedder=CharBagEmbedder())  # type: ignore[arg-type]
    tmp = Path(system._tmp.name)
    try:
        answer, ranked, seconds = system.ask(article3[:300], [])
    finally:
        system.close()
    assert not tmp.exists()
    assert 3 in ranked[:3]
    assert answer.answer and answer.answer in RAW
    assert not answer.refused and not answer.tool_calls and seconds > 0
    assert answer.citations, "the top-3 chunks overlap at least one article"
    assert 3 in [c.article for c in answer.citations]
    for citation in answer.citations:
        assert citation.article is not None
        assert citation.quote and citation.quote in RAW
        assert citation.units == []
        # The quote lies inside the article it cites.
        start = RAW.index(citation.quote)
        span = articles[citation.article].span
        assert span[0] <= start < span[1]
    assert len({c.article for c in answer.citations}) == len(answer.citations)
