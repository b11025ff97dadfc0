"""A throwaway PostgreSQL server on a temp dir, from Debian's binaries (tests, ``make test-deploy``).

    with temporary_postgres() as server:   # server.url: postgresql+psycopg://postgres@127.0.0.1:PORT/postgres
        engine = create_engine_for_url(server.url)

``initdb`` refuses to run as root, so as root the server runs as the ``postgres`` user that
Debian's package creates. It listens on a free loopback port with trust authentication (nothing
outside this machine can reach it) and is stopped and deleted on exit.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ui.api.subprocess_server import free_port

START_TIMEOUT_S = 60.0


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server binaries on this machine (``apt-get install postgresql``)."""


@dataclass(frozen=True)
class TemporaryPostgres:
    """A running throwaway cluster: its SQLAlchemy URL and its data directory."""

    url: str
    data_dir: Path

    @property
    def pid(self) -> int:
        """The postmaster's process id (the first line of ``postmaster.pid``), for CPU accounting."""
        return int((self.data_dir / "postmaster.pid").read_text(encoding="utf-8").split()[0])


def postgres_bin_dir() -> Path:
    """The directory holding ``initdb`` and ``pg_ctl``.

    Raises:
        PostgresUnavailableError: Neither on PATH nor under ``/usr/lib/postgresql/*/bin``.
    """
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise PostgresUnavailableError("找不到 PostgreSQL（initdb、pg_ctl）：请先 apt-get install postgresql")


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PostgresUnavailableError("以 root 运行时需要 runuser 以 postgres 用户启动数据库")
    return [runuser, "-u", "postgres", "--", *command]


@contextmanager
def temporary_postgres() -> Iterator[TemporaryPostgres]:
    """Start a fresh PostgreSQL cluster; yield it (its SQLAlchemy URL, its pid); stop and delete it on exit.

    Raises:
        PostgresUnavailableError: No server binaries.
        RuntimeError: The server did not start (its log is in the message).
    """
    bin_dir = postgres_bin_dir()
    root = Path(tempfile.mkdtemp(prefix="policy-pg-"))
    data, log = root / "data", root / "server.log"
    port = free_port()
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres", group="postgres")
    try:
        subprocess.run(
            _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        options = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=200"
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=START_TIMEOUT_S,
        )
        try:
            yield TemporaryPostgres(url=f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", data_dir=data)
        finally:
            subprocess.run(
                _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=START_TIMEOUT_S,
            )
    except subprocess.CalledProcessError as exc:
        detail = log.read_text(encoding="utf-8", errors="replace") if log.exists() else (exc.stderr or b"").decode()
        raise RuntimeError(f"PostgreSQL 未能启动：{detail[-2000:]}") from exc
    finally:
        shutil.rmtree(root, ignore_errors=True)
