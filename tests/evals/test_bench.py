"""The benchmark's arithmetic and flow, with a fake assistant (the real one is the lead's integration test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.schemas import Answer, SearchHit
from evals.bench import WARMUP_QUESTIONS, LatencyResult, bench_latency, directory_size
from evals.dataset import DEV_SET, TEST_SET, load_items


class CountingAssistant:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str | None]] = []

    def ask(self, message: str, session_id: str | None = None) -> Answer:
        self.asked.append((message, session_id))
        return Answer(answer="好")

    def search(self, query: str, k: int = 10) -> list[SearchHit]:
        return []


def test_bench_latency_warms_up_then_times_first_and_repeated_asks() -> None:
    fake = CountingAssistant()
    first, repeated = bench_latency(fake, ["甲", "乙"], repeat=3)
    assert [m for m, _ in fake.asked] == [*WARMUP_QUESTIONS, "甲", "乙", *(["甲", "乙"] * 3)]
    assert all(session is None for _, session in fake.asked)
    assert (first.count, repeated.count) == (2, 6)
    assert first.p50_ms <= first.p95_ms <= first.p99_ms


def test_warmup_questions_are_not_in_the_eval_sets() -> None:
    questions = {q for path in (DEV_SET, TEST_SET) for i in load_items(path) for q in (i.question, *i.turns)}
    assert not questions & set(WARMUP_QUESTIONS)


def test_latency_result_from_timings() -> None:
    result = LatencyResult.from_timings("x", [10.0, 20.0, 30.0, 40.0])
    assert result.p50_ms == pytest.approx(25.0)
    assert result.p99_ms == pytest.approx(39.7)
    assert result.questions_per_s == pytest.approx(4 / 0.1)
    assert "p95 38.5 毫秒" in result.summary()


def test_directory_size_counts_files_not_symlinks(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 100)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b").write_bytes(b"y" * 23)
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert directory_size(tmp_path) == 123
