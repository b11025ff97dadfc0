"""``python -m evals.bench``: warm in-process latency of the assistant, and ingest timing.

Latency: load the assistant once, warm it up on a few questions outside the set, then ask each
question of the set (first turn only) once, and ``--repeat`` more rounds; print p50/p95/p99 and
questions/s for the first asks and for the repeats (the assistant caches query vectors).
Ingest: a cold ingest into a temporary data dir, then a re-ingest of the unchanged corpus;
print the seconds, the chunk count and the size of the build on disk.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from evals.dataset import DEV_SET, DatasetError, load_items
from evals.metrics import percentile
from evals.systems import AssistantLike
from ingest.errors import IngestError

# Not in any eval set: they warm the model and code paths without caching the timed questions.
WARMUP_QUESTIONS: tuple[str, ...] = (
    "你好",
    "第一条讲的是什么？",
    "市国资委牵头的是哪几条？",
    "我们是广州的创投机构，今年投了一家广州初创期科技型中小企业3000万元，已到账，奖励多少？",
    "上海有什么政策？",
)


@dataclass(frozen=True)
class LatencyResult:
    """Latency over ``count`` asks."""

    label: str
    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    questions_per_s: float

    @classmethod
    def from_timings(cls, label: str, timings_ms: list[float]) -> LatencyResult:
        """Percentiles and throughput of sequential asks."""
        total_s = sum(timings_ms) / 1000.0
        return cls(
            label=label,
            count=len(timings_ms),
            p50_ms=percentile(timings_ms, 50) or 0.0,
            p95_ms=percentile(timings_ms, 95) or 0.0,
            p99_ms=percentile(timings_ms, 99) or 0.0,
            questions_per_s=len(timings_ms) / total_s if total_s > 0 else 0.0,
        )

    def summary(self) -> str:
        """One Chinese line for the console."""
        return (
            f"{self.label}（{self.count} 次）：p50 {self.p50_ms:.1f} 毫秒，p95 {self.p95_ms:.1f} 毫秒，"
            f"p99 {self.p99_ms:.1f} 毫秒；吞吐 {self.questions_per_s:.1f} 题/秒"
        )


@dataclass(frozen=True)
class IngestTiming:
    """A cold ingest and an unchanged re-ingest."""

    cold_s: float
    warm_s: float
    warm_up_to_date: bool
    chunks: int
    index_bytes: int

    def summary(self) -> str:
        """Chinese lines for the console."""
        state = "已识别为最新，未重建" if self.warm_up_to_date else "重建了索引（预期应识别为最新）"
        return (
            f"冷导入：{self.cold_s:.2f} 秒，{self.chunks} 个片段，索引占用 {self.index_bytes / 1024 / 1024:.2f} MB\n"
            f"重复导入（语料未变）：{self.warm_s:.3f} 秒，{state}"
        )


def directory_size(path: Path) -> int:
    """Bytes of every file under ``path`` (like ``du -b``); symlinks are not followed."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _timed_ask(assistant: AssistantLike, question: str) -> float:
    started = time.perf_counter()
    assistant.ask(question)
    return (time.perf_counter() - started) * 1000.0


def load_assistant(data_dir: Path | None = None) -> AssistantLike:
    """The in-process assistant for the given data dir (default: the ``POLICY_*`` settings)."""
    from assistant.service import build_assistant
    from assistant.settings import Settings, get_settings

    return build_assistant(Settings(data_dir=data_dir) if data_dir else get_settings())


def bench_latency(assistant: AssistantLike, questions: list[str], repeat: int) -> list[LatencyResult]:
    """Warm latency of the assistant: the first ask of each question, then ``repeat`` more rounds.

    The first round is reported apart because the assistant caches query vectors: a repeated
    question skips the embedding, a new one does not.
    """
    # Warm the model, the index and the code paths on questions outside the set.
    for question in WARMUP_QUESTIONS:
        assistant.ask(question)
    first = [_timed_ask(assistant, q) for q in questions]
    repeated = [_timed_ask(assistant, q) for _ in range(repeat) for q in questions]
    return [
        LatencyResult.from_timings("首次提问（查询向量未缓存）", first),
        LatencyResult.from_timings(f"重复提问（再问 {repeat} 轮）", repeated),
    ]


def bench_ingest() -> IngestTiming:
    """Cold ingest into a temporary data dir, then the same ingest again with nothing changed."""
    from ingest.pipeline import run_ingest
    from ingest.store import IndexConfig, live_build_dir

    with tempfile.TemporaryDirectory(prefix="policy-bench-") as tmp:
        config = IndexConfig(data_dir=Path(tmp))
        t0 = time.perf_counter()
        cold = run_ingest(config, progress=False)
        cold_s = time.perf_counter() - t0
        build = live_build_dir(config)
        size = directory_size(build) if build else 0
        t1 = time.perf_counter()
        warm = run_ingest(config, progress=False)
        warm_s = time.perf_counter() - t1
    return IngestTiming(
        cold_s=cold_s, warm_s=warm_s, warm_up_to_date=warm.up_to_date, chunks=cold.chunks, index_bytes=size
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the results."""
    parser = argparse.ArgumentParser(
        prog="python -m evals.bench", description="政策通性能基准 / latency and ingest benchmark"
    )
    parser.add_argument(
        "--set", dest="eval_set", type=Path, default=DEV_SET, help="提问所用的评测集 / questions to ask"
    )
    parser.add_argument("--repeat", type=int, default=3, help="每题重复次数 / times each question is asked")
    parser.add_argument("--data-dir", type=Path, help="索引所在目录（默认取 POLICY_DATA_DIR）/ data dir of the index")
    parser.add_argument("--skip-latency", action="store_true", help="不测问答延迟 / skip the latency benchmark")
    parser.add_argument("--skip-ingest", action="store_true", help="不测导入耗时 / skip the ingest benchmark")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat 至少为 1")

    try:
        if not args.skip_latency:
            questions = [item.turns[0] if item.turns else item.question for item in load_items(args.eval_set)]
            for result in bench_latency(load_assistant(args.data_dir), questions, args.repeat):
                print(result.summary())
        if not args.skip_ingest:
            print(bench_ingest().summary())
    except (DatasetError, IngestError) as exc:
        print(f"基准测试失败：{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
