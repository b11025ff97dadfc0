"""Run the real API server in a subprocess on a free loopback port (fuzzing, restart tests).

Example:
    >>> with running_server(Path("data"), Path("/tmp/t.db"), Path("/tmp/server.log")) as server:  # doctest: +SKIP
    ...     httpx.get(f"{server.url}/healthz").status_code
    200
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class RunningServer:
    """A started server: its process (to kill it on purpose) and its base URL."""

    process: subprocess.Popen[bytes]
    url: str


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(data_dir: Path, database: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The server's environment: this data dir and database, no other ``POLICY_*`` setting but ``extra``.

    Dropping the caller's ``POLICY_*`` keeps the run hermetic: a configured LLM endpoint, say,
    would otherwise be called for every request.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICY_")}
    env.update(
        POLICY_DATA_DIR=str(data_dir),
        POLICY_DATABASE_URL=f"sqlite:///{database}",
        GRADIO_ANALYTICS_ENABLED="False",
        ANONYMIZED_TELEMETRY="False",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra or {})
    return env


@contextmanager
def running_server(
    data_dir: Path, database: Path, log: Path, env: Mapping[str, str] | None = None
) -> Iterator[RunningServer]:
    """Serve the API in a subprocess; yield it once ``/healthz`` is 200; stop it on exit.

    ``env`` adds settings (e.g. ``POLICY_CHROMA_HOST``) to the hermetic environment.

    Raises:
        RuntimeError: The server exited or did not become healthy in time (the log says why).
    """
    port = free_port()
    code = (
        "from assistant.settings import Settings; from ui.api.server import serve; "
        f"serve(Settings(), '127.0.0.1', {port}, log_level='warning')"
    )
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", code], cwd=ROOT, env=server_env(data_dir, database, env), stdout=out, stderr=out
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(process, f"{url}/healthz", "the server", log)
        yield RunningServer(process=process, url=url)
    finally:
        stop_process(process)


@contextmanager
def running_chroma(path: Path, log: Path) -> Iterator[tuple[str, int]]:
    """A Chroma server (``chroma run``, from chromadb's own CLI) on a free loopback port; yields (host, port).

    Raises:
        RuntimeError: The CLI is missing, or the server did not answer its heartbeat in time.
    """
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        raise RuntimeError(f"{chroma} is missing: chromadb ships the chroma CLI")
    port = free_port()
    with log.open("ab") as out:
        # Started directly, so the PID held is the server's own.
        process = subprocess.Popen(
            [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=out,
        )
    try:
        wait_ready(process, f"http://127.0.0.1:{port}/api/v2/heartbeat", "chroma run", log)
        yield "127.0.0.1", port
    finally:
        stop_process(process)


def wait_ready(process: subprocess.Popen, url: str, name: str, log: Path) -> None:
    """Until ``url`` answers 200; an exited process or the startup timeout raises, pointing at the log."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}; see {log}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name} did not answer in {STARTUP_TIMEOUT_S:.0f} s; see {log}")
        time.sleep(0.2)


def stop_process(process: subprocess.Popen) -> None:
    """Terminate a child process, killing it if it does not stop in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)
