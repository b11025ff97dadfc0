"""Rebuild the index under load: clients chat with a real server while ``ingest --rebuild`` runs.

    python -m ui.api.rebuild_load [--clients 8] [--rebuilds 2] [--data-dir DIR] [--chroma-server]

It copies (or uses) a data dir with an index, starts the real server in a subprocess on a free
loopback port with a throwaway database, lets ``--clients`` threads chat (new sessions and
follow-up turns over keep-alive connections) and, meanwhile, runs ``policy-assistant ingest
--rebuild`` ``--rebuilds`` times, each time waiting until ``/healthz`` reports the new build.
It prints the requests, the errors (any status but 200, any transport failure) and the builds the
server went through; it exits non-zero on any error or when the server did not switch.

Example:
    >>> result = run_rebuild_load(Path("data"), clients=8, rebuilds=2)  # doctest: +SKIP
    >>> result.errors, len(result.builds_served)  # doctest: +SKIP
    (0, 3)
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ui.api.subprocess_server import ROOT, running_chroma, running_server, server_env

QUESTIONS = (
    "第三条讲什么？",
    "我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万",
    "融资担保机构有什么补助？",
    "科技企业发债有什么支持？",
)
FOLLOW_UP = "那能拿多少奖励？"
SWITCH_TIMEOUT_S = 120.0
REQUEST_TIMEOUT_S = 120.0


@dataclass
class RebuildLoadResult:
    """What the clients saw while the index was rebuilt."""

    requests: int
    errors: int
    seconds: float
    builds_served: list[str]
    error_kinds: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        """No request failed and the server moved to every new build."""
        return self.requests > 0 and self.errors == 0

    def summary(self) -> str:
        """The figures, one line."""
        kinds = "; ".join(f"{k}: {n}" for k, n in self.error_kinds.most_common()) or "none"
        return (
            f"rebuild under load: {self.requests} requests in {self.seconds:.1f} s, {self.errors} errors ({kinds}); "
            f"builds served in turn: {' -> '.join(self.builds_served)}"
        )


def _client(url: str, stop: threading.Event, seed: int, tally: Counter[str], lock: threading.Lock) -> None:
    questions = itertools.cycle(QUESTIONS[seed % len(QUESTIONS) :] + QUESTIONS[: seed % len(QUESTIONS)])
    with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S) as http:
        while not stop.is_set():
            outcome = []
            try:
                first = http.post("/api/chat", json={"message": next(questions)})
                outcome.append(str(first.status_code))
                if first.status_code == 200:
                    session = first.json()["session_id"]
                    follow = http.post("/api/chat", json={"message": FOLLOW_UP, "session_id": session})
                    outcome.append(str(follow.status_code))
            except httpx.HTTPError as exc:
                outcome.append(type(exc).__name__)
            with lock:
                tally.update(outcome)


def _served_build(url: str) -> str:
    return str(httpx.get(f"{url}/healthz", timeout=30).json()["build_id"])


def _rebuild(data_dir: Path, database: Path, settings_env: Mapping[str, str] | None) -> None:
    command = [sys.executable, "-c", "from ui.cli import main; raise SystemExit(main())", "ingest", "--rebuild"]
    env = server_env(data_dir, database, settings_env)
    subprocess.run([*command, "--quiet"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def run_rebuild_load(
    data_dir: Path,
    *,
    clients: int = 8,
    rebuilds: int = 2,
    settle_s: float = 2.0,
    chroma: tuple[str, int] | None = None,
) -> RebuildLoadResult:
    """Chat with a real server over ``data_dir``'s index while it is rebuilt ``rebuilds`` times.

    With ``chroma`` (host, port), the vectors live on that Chroma server, for the server and ingest alike.

    Raises:
        RuntimeError: the server did not start, or did not serve a new build in time.
        subprocess.CalledProcessError: an ingest failed.
    """
    from ingest.store import IndexConfig, live_build_name

    config = IndexConfig(data_dir=data_dir)
    settings_env = {"POLICY_CHROMA_HOST": chroma[0], "POLICY_CHROMA_PORT": str(chroma[1])} if chroma else None
    with tempfile.TemporaryDirectory(prefix="policy-rebuild-") as tmp:
        work = Path(tmp)
        database, log = work / "load.db", work / "server.log"
        with running_server(data_dir, database, log, settings_env) as server:
            builds = [_served_build(server.url)]
            tally: Counter[str] = Counter()
            lock, stop = threading.Lock(), threading.Event()
            threads = [
                threading.Thread(target=_client, args=(server.url, stop, seed, tally, lock), daemon=True)
                for seed in range(clients)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            try:
                time.sleep(settle_s)
                for _ in range(rebuilds):
                    _rebuild(data_dir, database, settings_env)
                    target = live_build_name(config)
                    deadline = time.monotonic() + SWITCH_TIMEOUT_S
                    while _served_build(server.url) != target:
                        if time.monotonic() > deadline:
                            raise RuntimeError(f"the server still serves {builds[-1]}, not {target}; see {log}")
                        time.sleep(0.2)
                    builds.append(str(target))
                time.sleep(settle_s)
            finally:
                stop.set()
                for thread in threads:
                    thread.join(timeout=REQUEST_TIMEOUT_S)
            seconds = time.monotonic() - started
            if any(kind != "200" for kind in tally):
                shutil.copy(log, Path(os.environ.get("TMPDIR", "/tmp")) / "rebuild-load-server.log")
    errors = Counter({kind: n for kind, n in tally.items() if kind != "200"})
    return RebuildLoadResult(
        requests=sum(tally.values()),
        errors=sum(errors.values()),
        seconds=seconds,
        builds_served=builds,
        error_kinds=errors,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures; exit 1 on any error."""
    parser = argparse.ArgumentParser(prog="python -m ui.api.rebuild_load", description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rebuilds", type=int, default=2)
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="rebuild this data dir's index (default: a copy of data/)"
    )
    parser.add_argument(
        "--chroma-server", action="store_true", help="keep the vectors on a Chroma server (chroma run) started here"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="policy-rebuild-data-") as tmp, ExitStack() as stack:
        data_dir = args.data_dir
        chroma = None
        if args.chroma_server:
            from ingest.pipeline import run_ingest
            from ingest.store import IndexConfig

            chroma = stack.enter_context(running_chroma(Path(tmp) / "chroma", Path(tmp) / "chroma.log"))
            data_dir = data_dir or Path(tmp) / "data"
            run_ingest(IndexConfig(data_dir=data_dir, chroma_host=chroma[0], chroma_port=chroma[1]), progress=False)
        elif data_dir is None:
            data_dir = Path(tmp) / "data"
            shutil.copytree(ROOT / "data", data_dir, symlinks=True)
        result = run_rebuild_load(data_dir.resolve(), clients=args.clients, rebuilds=args.rebuilds, chroma=chroma)
    print(result.summary())  # noqa: T201
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
