"""``make test-deploy``: the deployment on one machine, checked through its proxy, with a replica killed mid-load.

    python -m deploy.check [--sessions 40] [--turns 5] [--concurrency 8] [--kill-at 0.4]

Brings up :mod:`deploy.stack` with two replicas, runs the shared contract checks through nginx
(``check_contract.py`` must print ``contract ok``), holds a conversation on the web page through
nginx in Debian's chromium (:mod:`deploy.page`), then runs chat sessions through nginx and
SIGKILLs the second replica once ``--kill-at`` of the turns are answered. Every turn must still be
answered (nginx retries on the surviving replica), every session in flight at the kill must
finish on the other replica, and every session read back must hold all its answered turns.
It prints the figures, tears everything down and exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from deploy.load import Readback, plan_sessions, read_back, run_sessions
from deploy.page import check_page
from deploy.stack import Replica, Stack, running_stack
from ui.api.loadtest import load_questions
from ui.api.subprocess_server import ROOT

CONTRACT = ROOT.parent / "shared" / "contract" / "check_contract.py"


@dataclass(frozen=True)
class FailoverResult:
    """What the load with a killed replica measured."""

    turns: int
    errors: int
    seconds: float
    killed_after: int  # turns answered when the replica was killed
    served_by_killed: int  # chat turns the killed replica had answered before it died
    retried: int  # requests nginx moved to the other replica (its error log's upstream failures)
    in_flight: int  # sessions started but not finished at the kill
    continued: int  # of those, how many finished every turn afterwards
    readback: Readback
    error_samples: list[str]

    @property
    def ok(self) -> bool:
        """0 errors, 0 lost turns or sessions, every interrupted session finished, load on both replicas."""
        return (
            self.errors == 0
            and self.readback.lost_turns == 0
            and self.readback.lost_sessions == 0
            and self.continued == self.in_flight
            and self.served_by_killed > 0
            and self.killed_after < self.turns
        )

    def render(self) -> str:
        """The figures, one per line."""
        return "\n".join(
            [
                f"failover: {self.turns} chat turns in {self.seconds:.1f} s,"
                f" replica 2 SIGKILLed after {self.killed_after} (it had answered {self.served_by_killed})",
                f"requests nginx retried on the surviving replica: {self.retried}; errors after retries: {self.errors}",
                f"sessions in flight at the kill: {self.in_flight},"
                f" finished on the surviving replica: {self.continued}",
                f"lost turns: {self.readback.lost_turns}, lost sessions: {self.readback.lost_sessions},"
                f" turns stored twice (retried after commit): {self.readback.extra_turns}",
                *(f"  {p}" for p in [*self.error_samples, *self.readback.problems][:10]),
            ]
        )


def run_contract(url: str, contract: Path) -> tuple[bool, str]:
    """Run the shared contract script against ``url``; (passed, its output)."""
    done = subprocess.run(["python3", str(contract), url], capture_output=True, text=True, timeout=300, check=False)
    output = (done.stdout + done.stderr).strip()
    return done.returncode == 0 and "contract ok" in done.stdout, output


def _chat_turns_served(replica_log: Path) -> int:
    text = replica_log.read_text(encoding="utf-8", errors="replace")
    return text.count('"POST /api/chat HTTP/1.1" 200')


def _upstream_failures(error_log: Path) -> int:
    """Upstream failures nginx logged: each one is a request it passed on to the next replica."""
    if not error_log.exists():
        return 0
    lines = error_log.read_text(encoding="utf-8", errors="replace").splitlines()
    return sum(1 for line in lines if "upstream" in line and ("failed" in line or "prematurely" in line))


def run_failover(
    stack: Stack, logs: Path, sessions: int, turns: int, concurrency: int, kill_at: float
) -> FailoverResult:
    """Chat sessions through the proxy; kill the second replica once ``kill_at`` of the turns are done."""
    plans = plan_sessions(sessions, turns, load_questions())
    total = sessions * turns
    victim: Replica = stack.replicas[1]
    done = 0
    snapshot: dict[int, tuple[int, int]] = {}  # per session at the kill: turns sent, turns answered
    state = {"killed_after": -1, "served": 0}

    async def on_turn() -> None:
        nonlocal done
        done += 1
        if state["killed_after"] < 0 and done >= total * kill_at:
            victim.kill()
            state["killed_after"] = done
            state["served"] = _chat_turns_served(logs / "app2.log")
            snapshot.update({i: (p.sent, len(p.answered)) for i, p in enumerate(plans)})

    result = asyncio.run(run_sessions(stack.url, plans, concurrency, on_turn=on_turn))
    # Started before the kill and not finished then: the turn in flight and the rest land on replica 1.
    in_flight = [i for i, (sent, answered) in snapshot.items() if sent > 0 and answered < len(plans[i].messages)]
    continued = [i for i in in_flight if len(plans[i].answered) == len(plans[i].messages)]
    samples = [e for p in plans for e in p.errors]
    return FailoverResult(
        turns=result.requests,
        errors=result.errors,
        seconds=result.seconds,
        killed_after=state["killed_after"],
        served_by_killed=state["served"],
        retried=_upstream_failures(stack.nginx_conf.parent / "error.log"),
        in_flight=len(in_flight),
        continued=len(continued),
        readback=read_back(stack.url, plans),
        error_samples=samples[:5],
    )


def main(argv: list[str] | None = None) -> int:
    """Bring the deployment up, check it, tear it down; 0 when everything passed."""
    parser = argparse.ArgumentParser(prog="python -m deploy.check", description="多副本部署的契约与故障切换检查")
    parser.add_argument("--sessions", type=int, default=40, help="会话数（默认 40）")
    parser.add_argument("--turns", type=int, default=5, help="每个会话的轮数（默认 5）")
    parser.add_argument("--concurrency", type=int, default=8, help="同时进行的会话数（默认 8）")
    parser.add_argument("--kill-at", type=float, default=0.4, help="完成多少比例的轮次后杀掉副本 2（默认 0.4）")
    parser.add_argument("--contract", type=Path, default=CONTRACT, help="契约检查脚本")
    args = parser.parse_args(argv)
    if not 0 < args.kill_at < 1:
        parser.error("--kill-at 须在 0 与 1 之间")

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="policy-deploy-") as tmp:
        root = Path(tmp)
        with running_stack(root, replicas=2) as stack:
            print(
                f"stack up at {stack.url} in {time.monotonic() - started:.0f} s (2 replicas, PostgreSQL, Chroma server)"
            )
            passed, output = run_contract(stack.url, args.contract)
            print(f"contract through nginx: {output}")
            page = check_page(stack.url)
            passed = passed and page.ok
            print(f"web page through nginx: {page.answers} answers in one conversation (chromium)")
            result = run_failover(stack, root / "logs", args.sessions, args.turns, args.concurrency, args.kill_at)
            print(result.render())
    print(f"test-deploy {'passed' if passed and result.ok else 'FAILED'} in {time.monotonic() - started:.0f} s")
    return 0 if passed and result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
