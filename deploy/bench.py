"""Throughput of the deployment through nginx: one replica, then two, in the same run.

    python -m deploy.bench [--sessions 100] [--turns 3] [--concurrency 8] [--rounds 3]

Brings up :mod:`deploy.stack` with two replicas, warms both, then alternates rounds routed to one
replica and to both (nginx reloaded in between; the idle replica stays up in the one-replica round,
so both rounds run the same processes). Each round sends the same mix: ``--sessions`` fresh chat
sessions of ``--turns`` non-stream ``/api/chat`` turns (CPU-bound in the app: reading, hybrid
search, answering, the session's versioned save), ``--concurrency`` at a time. It prints requests/s,
requests per CPU-second of the app replicas and of everything (replicas, PostgreSQL, Chroma, nginx
and this load generator, which shares the cores), and the ratio of two replicas to one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from deploy.cpu import tree_cpu_seconds
from deploy.load import plan_sessions, run_sessions
from deploy.stack import Stack, running_stack
from ui.api.loadtest import load_questions

WARM_TURNS = 2


@dataclass(frozen=True)
class Round:
    """One measured round."""

    replicas: int
    requests: int
    errors: int
    seconds: float
    app_cpu_s: float
    all_cpu_s: float
    parts: dict[str, float]  # CPU seconds by part: app1, app2, postgres, chroma, nginx, load

    @property
    def per_second(self) -> float:
        """Requests per second of wall time."""
        return self.requests / self.seconds

    def render(self) -> str:
        """One line of figures."""
        return (
            f"{self.replicas} replica{'s' if self.replicas > 1 else ' '}: {self.requests} requests"
            f" in {self.seconds:5.1f} s = {self.per_second:5.1f} req/s;"
            f" {self.requests / self.app_cpu_s:5.1f} req per app CPU-s,"
            f" {self.requests / self.all_cpu_s:5.1f} req per CPU-s of everything"
            f" (app {self.app_cpu_s:.1f} s, all {self.all_cpu_s:.1f} s = {self.all_cpu_s / self.seconds:.2f} cores);"
            f" errors {self.errors}"
        )

    def render_parts(self) -> str:
        """CPU milliseconds per request, by part."""
        return "    CPU ms per request: " + ", ".join(
            f"{name} {seconds * 1000 / self.requests:.1f}" for name, seconds in self.parts.items()
        )


def _cpu(stack: Stack) -> dict[str, float]:
    """CPU seconds so far by part, this load generator ("load") included."""
    return {**tree_cpu_seconds(stack.pids()), "load": time.process_time()}


def measure(stack: Stack, replicas: int, sessions: int, turns: int, concurrency: int, offset: int) -> Round:
    """One round routed to ``replicas`` replicas."""
    stack.route_to(replicas)
    questions = load_questions()
    # Rotated per round, so no round repeats another's first questions.
    plans = plan_sessions(sessions, turns, questions[offset % len(questions) :] + questions[: offset % len(questions)])
    before = _cpu(stack)
    result = asyncio.run(run_sessions(stack.url, plans, concurrency))
    parts = {name: seconds - before.get(name, 0.0) for name, seconds in _cpu(stack).items()}
    return Round(
        replicas=replicas,
        requests=result.requests,
        errors=result.errors,
        seconds=result.seconds,
        app_cpu_s=sum(v for k, v in parts.items() if k.startswith("app")),
        all_cpu_s=sum(parts.values()),
        parts=parts,
    )


def _total(rounds: list[Round], replicas: int) -> Round:
    mine = [r for r in rounds if r.replicas == replicas]
    return Round(
        replicas=replicas,
        requests=sum(r.requests for r in mine),
        errors=sum(r.errors for r in mine),
        seconds=sum(r.seconds for r in mine),
        app_cpu_s=sum(r.app_cpu_s for r in mine),
        all_cpu_s=sum(r.all_cpu_s for r in mine),
        parts={name: sum(r.parts.get(name, 0.0) for r in mine) for name in mine[0].parts},
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; non-zero when a request failed."""
    parser = argparse.ArgumentParser(prog="python -m deploy.bench", description="经 nginx 比较一个与两个副本的吞吐")
    parser.add_argument("--sessions", type=int, default=100, help="每轮的会话数（默认 100）")
    parser.add_argument("--turns", type=int, default=3, help="每个会话的轮数（默认 3）")
    parser.add_argument("--concurrency", type=int, default=8, help="同时进行的会话数（默认 8）")
    parser.add_argument("--rounds", type=int, default=3, help="一副本、两副本各测几轮，交替进行（默认 3）")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="policy-bench-") as tmp, running_stack(Path(tmp), replicas=2) as stack:
        print(f"stack up at {stack.url}; {os.cpu_count()} cores; mix: /api/chat non-stream, "
              f"{args.sessions} sessions x {args.turns} turns per round, {args.concurrency} concurrent")  # fmt: skip
        # Every message of the mix once through each replica directly: the lazily built parts and the
        # per-text caches are then equally warm in every round, whichever replica serves it.
        questions = load_questions()
        for replica in stack.replicas:
            asyncio.run(run_sessions(replica.url, plan_sessions(len(questions), WARM_TURNS, questions), 4))
        rounds = []
        for n in range(args.rounds):
            for replicas in (1, 2):
                rounds.append(measure(stack, replicas, args.sessions, args.turns, args.concurrency, len(rounds) * 7))
                print("  round", n + 1, rounds[-1].render())
                print(rounds[-1].render_parts())
        one, two = _total(rounds, 1), _total(rounds, 2)
    for total in (one, two):
        print(total.render())
        print(total.render_parts())
    print(f"two replicas / one: {two.per_second / one.per_second:.2f}x requests/s (target >= 1.4x)")
    return 0 if one.errors == 0 and two.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
