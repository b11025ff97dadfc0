"""Parallel turns of one session across two server processes: is any turn or stated fact lost?

    python -m ui.api.session_race [--parallel 8] [--data-dir DIR]

Starts two real servers (two processes, as two replicas would be) on one data dir and one SQLite
database, sends a first turn, then ``--parallel`` turns of the same session at once, spread over
both servers, each stating a fact of its own. Then it reads the database: the turns stored, and
which statements the session's state still holds. It prints the figures and exits non-zero when
a turn or a statement was lost or a request failed.

Example:
    >>> result = run_session_race(Path("data"), parallel=8)  # doctest: +SKIP
    >>> result.lost_turns, result.lost_statements  # doctest: +SKIP
    (0, 0)
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

from ui.api.subprocess_server import ROOT, running_server

FIRST = "我们是南沙的创投机构，今年投了广州一家初创期科技企业，金额3000万"
DISTRICTS = ("番禺", "黄埔", "天河", "海珠", "白云", "花都", "增城", "从化", "荔湾", "越秀", "南沙", "黄埔")
REQUEST_TIMEOUT_S = 180.0


def statement(n: int) -> str:
    """The ``n``-th parallel turn: a fact about the speaker, different from every other turn's."""
    return f"我们还在{DISTRICTS[n % len(DISTRICTS)]}投了一家种子期科技企业，金额{100 + n}万"


@dataclass(frozen=True)
class SessionRaceResult:
    """What the database holds after the race."""

    sent: int
    failed: int
    stored_turns: int
    state_turns: int
    statements_kept: int
    statements_sent: int

    @property
    def lost_turns(self) -> int:
        """Turns answered 200 but missing from the transcript or the state's turn count."""
        return (self.sent - self.failed) - min(self.stored_turns, self.state_turns)

    @property
    def lost_statements(self) -> int:
        """Stated facts the session's state no longer holds."""
        return self.statements_sent - self.statements_kept

    @property
    def ok(self) -> bool:
        """Every turn answered, stored and remembered."""
        return self.failed == 0 and self.lost_turns == 0 and self.lost_statements == 0

    def summary(self) -> str:
        """The figures, one line."""
        return (
            f"parallel turns: {self.sent} sent ({self.failed} failed), {self.stored_turns} stored, "
            f"state counts {self.state_turns}; {self.lost_turns} lost updates; "
            f"statements kept {self.statements_kept}/{self.statements_sent}"
        )


def run_session_race(data_dir: Path, *, parallel: int = 8, servers: int = 2) -> SessionRaceResult:
    """Race ``parallel`` turns of one session over ``servers`` processes sharing one database.

    Raises:
        RuntimeError: a server did not start, or the first turn failed.
    """
    from assistant.storage import SqlSessionStore, create_engine_for_url

    with tempfile.TemporaryDirectory(prefix="policy-race-") as tmp:
        work = Path(tmp)
        database = work / "race.db"
        with ExitStack() as stack:
            urls = [
                stack.enter_context(running_server(data_dir, database, work / f"server-{n}.log")).url
                for n in range(servers)
            ]
            first = httpx.post(f"{urls[0]}/api/chat", json={"message": FIRST}, timeout=REQUEST_TIMEOUT_S)
            if first.status_code != 200:
                raise RuntimeError(f"the first turn failed: {first.status_code} {first.text}")
            session_id = first.json()["session_id"]
            texts = [statement(n) for n in range(parallel)]

            def turn(n: int) -> int:
                try:
                    reply = httpx.post(
                        f"{urls[n % len(urls)]}/api/chat",
                        json={"message": texts[n], "session_id": session_id},
                        timeout=REQUEST_TIMEOUT_S,
                    )
                except httpx.HTTPError:
                    return 0
                return reply.status_code

            with ThreadPoolExecutor(max_workers=parallel) as pool:
                statuses = list(pool.map(turn, range(parallel)))
        engine = create_engine_for_url(f"sqlite:///{database}")
        try:
            history = SqlSessionStore(engine).history(session_id)
        finally:
            engine.dispose()
    if history is None:
        raise RuntimeError(f"session {session_id} is not in the database")
    sent_statements = [FIRST, *texts]
    return SessionRaceResult(
        sent=parallel + 1,
        failed=sum(1 for s in statuses if s != 200),
        stored_turns=sum(1 for m in history.messages if m.role == "user"),
        state_turns=history.state.turns,
        statements_kept=sum(1 for s in sent_statements if s in history.state.statements),
        statements_sent=len(sent_statements),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures; exit 1 when anything was lost."""
    parser = argparse.ArgumentParser(prog="python -m ui.api.session_race", description=__doc__.splitlines()[0])
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="a data dir with an index (default: a copy of data/)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="policy-race-data-") as tmp:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = Path(tmp) / "data"
            shutil.copytree(ROOT / "data", data_dir, symlinks=True, ignore=shutil.ignore_patterns("*.db*"))
        result = run_session_race(data_dir.resolve(), parallel=args.parallel, servers=args.servers)
    print(result.summary())  # noqa: T201
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
