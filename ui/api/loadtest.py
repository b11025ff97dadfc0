"""A bounded load test of a running server, loopback only.

    python -m ui.api.loadtest --url http://127.0.0.1:8000 --clients 20 --seconds 60

Each simulated client asks questions from the dev set (``evals/datasets/dev.jsonl``), sometimes
continuing its session for a few turns, sometimes searching or streaming, until the time or the
request budget runs out; then it prints requests/s, latency percentiles and the errors.
It refuses any address outside this machine's loopback range.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import httpx

MAX_CLIENTS = 200
MAX_SECONDS = 600
DEFAULT_MAX_REQUESTS = 50_000
FOLLOW_UPS = ("那能拿多少奖励？", "责任单位是谁？", "具体怎么申请？", "这条有金额上限吗？")


class LoadTestError(ValueError):
    """The load test was asked to do something it must not (another host, unbounded load)."""


def check_loopback(url: str) -> None:
    """Accept only http(s) URLs on the loopback range (127.0.0.0/8, ::1, localhost).

    Raises:
        LoadTestError: Another scheme or host.
    """
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https"):
        raise LoadTestError(f"只支持 http/https 地址，收到：{url}")
    host = parsed.host
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise LoadTestError(f"压测只允许本机回环地址（127.0.0.0/8、::1、localhost），收到：{host or url}")


def load_questions(path: Path | None = None) -> list[str]:
    """The questions of a JSONL eval set (the bundled dev set by default)."""
    if path is None:
        text = resources.files("evals").joinpath("datasets/dev.jsonl").read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    questions = [json.loads(line)["question"] for line in text.splitlines() if line.strip()]
    if not questions:
        raise LoadTestError("题目文件中没有问题")
    return questions


@dataclass
class LoadReport:
    """What one run measured."""

    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    endpoints: Counter[str] = field(default_factory=Counter)
    errors: int = 0

    @property
    def requests(self) -> int:
        """Requests completed (including failed ones)."""
        return len(self.latencies_ms)

    def percentile(self, q: float) -> float:
        """Latency at percentile ``q`` (0–100), nearest rank; 0 without requests."""
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
        return ordered[rank - 1]

    def render(self) -> str:
        """A short human-readable summary."""
        rps = self.requests / self.seconds if self.seconds > 0 else 0.0
        lines = [
            f"requests: {self.requests} in {self.seconds:.1f} s = {rps:.1f} req/s",
            f"latency ms: p50 {self.percentile(50):.0f}  p95 {self.percentile(95):.0f}  p99 {self.percentile(99):.0f}"
            f"  max {max(self.latencies_ms, default=0):.0f}",
            f"errors: {self.errors}",
            "statuses: " + ", ".join(f"{k}×{v}" for k, v in sorted(self.statuses.items())),
            "endpoints: " + ", ".join(f"{k}×{v}" for k, v in sorted(self.endpoints.items())),
        ]
        return "\n".join(lines)


@dataclass
class _Budget:
    deadline: float
    remaining: int

    def take(self) -> bool:
        if self.remaining <= 0 or time.monotonic() >= self.deadline:
            return False
        self.remaining -= 1
        return True


async def _client_loop(
    client: httpx.AsyncClient, questions: Sequence[str], rng: random.Random, budget: _Budget, report: LoadReport
) -> None:
    session_id: str | None = None
    turns = 0
    while budget.take():
        roll = rng.random()
        if roll < 0.10:
            endpoint, request = "search", client.post("/api/search", json={"query": rng.choice(questions), "k": 5})
        elif roll < 0.20:
            endpoint, request = "stream", client.post("/api/chat/stream", json={"message": rng.choice(questions)})
        else:
            follow = session_id is not None and turns < 4 and rng.random() < 0.3
            message = rng.choice(FOLLOW_UPS) if follow else rng.choice(questions)
            if not follow:
                session_id, turns = None, 0
            endpoint, request = "chat", client.post("/api/chat", json={"message": message, "session_id": session_id})
        started = time.perf_counter()
        try:
            response = await request
            status = str(response.status_code)
            if endpoint == "chat" and response.status_code == 200:
                session_id, turns = response.json()["session_id"], turns + 1
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        report.latencies_ms.append((time.perf_counter() - started) * 1000)
        report.statuses[status] += 1
        report.endpoints[endpoint] += 1
        if not status.startswith("2"):
            report.errors += 1


async def run_load(
    url: str,
    questions: Sequence[str],
    clients: int,
    seconds: float,
    *,
    max_requests: int = DEFAULT_MAX_REQUESTS,
    seed: int = 0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> LoadReport:
    """Run ``clients`` concurrent clients against ``url`` for ``seconds`` (at most ``max_requests``).

    Args:
        url: Base URL of the server; must be loopback.
        questions: The questions to ask.
        clients: Concurrent clients (1–200).
        seconds: Duration (at most 600).
        max_requests: Total request budget.
        seed: Seed of the clients' choices, for repeatable runs.
        transport: An httpx transport (tests pass an in-process ASGI transport).

    Returns:
        The measurements.

    Raises:
        LoadTestError: A non-loopback URL or limits out of range.
    """
    check_loopback(url)
    if not 1 <= clients <= MAX_CLIENTS:
        raise LoadTestError(f"客户端数应在 1–{MAX_CLIENTS} 之间，收到：{clients}")
    if not 0 < seconds <= MAX_SECONDS:
        raise LoadTestError(f"时长应在 0–{MAX_SECONDS} 秒之间，收到：{seconds}")
    budget = _Budget(deadline=time.monotonic() + seconds, remaining=max_requests)
    report = LoadReport(seconds=0.0)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, timeout=60.0, limits=limits, transport=transport) as client:
        await asyncio.gather(
            *(_client_loop(client, questions, random.Random(seed + i), budget, report) for i in range(clients))
        )
    report.seconds = time.perf_counter() - started
    return report


def build_parser() -> argparse.ArgumentParser:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m ui.api.loadtest", description="政策通 API 本机压测（仅回环地址）")
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="服务地址，只允许回环地址")
    parser.add_argument("--clients", type=int, default=20, help=f"并发客户端数（1–{MAX_CLIENTS}）")
    parser.add_argument("--seconds", type=float, default=60.0, help=f"持续时间（秒，最多 {MAX_SECONDS}）")
    parser.add_argument("--max-requests", type=int, default=DEFAULT_MAX_REQUESTS, help="请求总数上限")
    parser.add_argument("--questions", type=Path, default=None, help="JSONL 题目文件（默认 evals 的 dev 集）")
    parser.add_argument("--seed", type=int, default=0)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the load test; exit 1 when any request failed, 2 on bad arguments."""
    args = build_parser().parse_args(argv)
    try:
        check_loopback(args.url)
        questions = load_questions(args.questions)
        report = asyncio.run(
            run_load(args.url, questions, args.clients, args.seconds, max_requests=args.max_requests, seed=args.seed)
        )
    except LoadTestError as exc:
        print(f"错误：{exc}", file=sys.stderr)  # noqa: T201
        return 2
    print(report.render())  # noqa: T201
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
