"""Chat sessions as load through the proxy: many sessions, each sending its turns one after another.

A session's turns are sent in order (a person waits for the answer before asking again), sessions
run side by side up to ``concurrency`` at a time. Every turn's outcome is kept, so afterwards each
session's stored transcript can be compared with what was sent and answered.

Example:
    >>> plans = plan_sessions(2, 3, ["甲？", "乙？"])  # doctest: +SKIP
    >>> result = asyncio.run(run_sessions("http://127.0.0.1:8080", plans, concurrency=2))  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import httpx

from ui.api.loadtest import FOLLOW_UPS, check_loopback

REQUEST_TIMEOUT_S = 180.0


@dataclass
class SessionRun:
    """One session: the messages to send, and what happened to each."""

    messages: list[str]
    session_id: str | None = None
    sent: int = 0  # turns sent so far (the one in flight included)
    answered: list[str] = field(default_factory=list)  # the messages answered 200, in order
    errors: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    """Every session's run, the statuses seen and how long it took."""

    sessions: list[SessionRun]
    seconds: float
    statuses: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        """Turns sent (answered or not)."""
        return sum(self.statuses.values())

    @property
    def errors(self) -> int:
        """Turns not answered 200 (after the proxy's retries)."""
        return sum(len(s.errors) for s in self.sessions)

    @property
    def per_second(self) -> float:
        """Turns per second of wall time."""
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def plan_sessions(sessions: int, turns: int, questions: Sequence[str]) -> list[SessionRun]:
    """``sessions`` sessions of ``turns`` turns: a question from the set, then follow-ups about it."""
    plans = []
    for n in range(sessions):
        first = questions[n % len(questions)]
        follow = [FOLLOW_UPS[(n + t) % len(FOLLOW_UPS)] for t in range(turns - 1)]
        plans.append(SessionRun(messages=[first, *follow]))
    return plans


async def _run_session(
    client: httpx.AsyncClient,
    run: SessionRun,
    statuses: Counter[str],
    on_turn: Callable[[], Awaitable[None]] | None,
) -> None:
    for message in run.messages:
        run.sent += 1
        try:
            response = await client.post("/api/chat", json={"message": message, "session_id": run.session_id})
        except httpx.HTTPError as exc:
            statuses[type(exc).__name__] += 1
            run.errors.append(f"{type(exc).__name__}: {exc}")
        else:
            statuses[str(response.status_code)] += 1
            if response.status_code == 200:
                returned = response.json()["session_id"]
                if run.session_id is not None and returned != run.session_id:
                    # The server started a new session: the old one was not found, i.e. lost.
                    run.errors.append(f"会话 {run.session_id} 被换成了新会话 {returned}")
                run.session_id = returned
                run.answered.append(message)
            else:
                run.errors.append(f"HTTP {response.status_code}: {response.text[:200]}")
        if on_turn is not None:
            await on_turn()


async def run_sessions(
    url: str,
    plans: list[SessionRun],
    concurrency: int,
    on_turn: Callable[[], Awaitable[None]] | None = None,
) -> LoadResult:
    """Run every planned session through ``url`` (loopback only), ``concurrency`` sessions at a time.

    Args:
        url: The proxy's base URL.
        plans: The sessions (filled in as they run).
        concurrency: How many sessions are in flight at once.
        on_turn: Awaited after every turn (the failover check kills a replica from here).

    Returns:
        The result.
    """
    check_loopback(url)
    statuses: Counter[str] = Counter()
    queue: asyncio.Queue[SessionRun] = asyncio.Queue()
    for plan in plans:
        queue.put_nowait(plan)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT_S, limits=limits) as client:

        async def worker() -> None:
            while not queue.empty():
                await _run_session(client, queue.get_nowait(), statuses, on_turn)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
    return LoadResult(sessions=plans, seconds=seconds, statuses=statuses)


@dataclass(frozen=True)
class Readback:
    """Each session read back through the proxy, compared with what was answered."""

    lost_turns: int
    lost_sessions: int
    extra_turns: int  # stored more often than answered: a turn retried after its commit
    problems: list[str]


def read_back(url: str, runs: Sequence[SessionRun]) -> Readback:
    """Read each session's transcript and state back through ``url`` and compare them with ``runs``.

    A turn is lost when it was answered 200 but the stored transcript does not hold it (in order)
    or the session's state did not count it; a session is lost when it cannot be read at all.
    """
    lost, lost_sessions, extra, problems = 0, 0, 0, []
    with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S) as client:
        for run in runs:
            if run.session_id is None:
                continue  # never started: its errors are counted already
            response = client.get(f"/api/sessions/{run.session_id}")
            if response.status_code != 200:
                lost_sessions += 1
                lost += len(run.answered)
                problems.append(f"会话 {run.session_id} 读不到（HTTP {response.status_code}）")
                continue
            history = response.json()
            stored = [m["content"] for m in history["messages"] if m["role"] == "user"]
            missing = missing_in_order(run.answered, stored)
            counted_short = max(0, len(run.answered) - int(history["turns"]))
            extra += max(0, len(stored) - len(run.answered))
            if missing or counted_short:
                lost += max(missing, counted_short)
                problems.append(
                    f"会话 {run.session_id}：答复了 {len(run.answered)} 轮，存了 {len(stored)} 条提问、"
                    f"状态记 {history['turns']} 轮"
                )
    return Readback(lost_turns=lost, lost_sessions=lost_sessions, extra_turns=extra, problems=problems)


def missing_in_order(sent: Sequence[str], stored: Sequence[str]) -> int:
    """How many of ``sent`` are not found, in order, in ``stored`` (a retried turn may appear twice)."""
    position, missing = 0, 0
    for message in sent:
        try:
            position = stored.index(message, position) + 1
        except ValueError:
            missing += 1
    return missing
