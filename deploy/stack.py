"""The scale-out deployment as plain processes on one machine: what ``docker-compose.yml`` runs, without Docker.

    python -m deploy.stack --replicas 2 --port 8080      # until Ctrl-C

One PostgreSQL (Debian's binaries, a fresh cluster on a temp dir), one Chroma server (``chroma run``
from this venv), the index built into that Chroma server, ``--replicas`` app processes
(``policy-assistant serve``) sharing the database, the Chroma server and the index's data dir, and
nginx on one port in front (deploy/nginx/locations.conf). Everything is stopped and deleted on exit.

Example:
    >>> with running_stack(Path("/tmp/stack"), replicas=2) as stack:  # doctest: +SKIP
    ...     httpx.get(f"{stack.url}/healthz").status_code
    200
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from deploy.postgres import TemporaryPostgres, temporary_postgres
from ui.api.subprocess_server import ROOT, free_port, stop_process, wait_ready

LOCATIONS = Path(__file__).resolve().parent / "nginx" / "locations.conf"
BIN = Path(sys.executable).parent
# nginx starts its new workers at once on a reload; the old ones finish their requests first.
RELOAD_SETTLE_S = 1.0
REPLICA_THREADS = 1


class StackError(RuntimeError):
    """A part of the deployment is missing on this machine or did not start."""


@dataclass
class Replica:
    """One app process behind the proxy."""

    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        """The replica's own address (the proxy's upstream)."""
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """Kill it as a crash would (SIGKILL: no graceful shutdown, in-flight requests cut off)."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


@dataclass
class Stack:
    """A running deployment: the proxy's URL and the parts behind it."""

    url: str
    replicas: list[Replica]
    postgres: TemporaryPostgres
    chroma: subprocess.Popen[bytes]
    nginx: subprocess.Popen[bytes]
    nginx_conf: Path
    proxy_port: int
    routed: list[Replica] = field(default_factory=list)
    rate_per_minute: int = 0

    def route_to(self, count: int) -> None:
        """Send the proxy's traffic to the first ``count`` replicas only (the others stay up, idle)."""
        if not 1 <= count <= len(self.replicas):
            raise StackError(f"只有 {len(self.replicas)} 个副本，不能只转发到 {count} 个")
        self.routed = self.replicas[:count]
        self.nginx_conf.write_text(
            nginx_conf(self.nginx_conf.parent, self.proxy_port, self.routed, self.rate_per_minute),
            encoding="utf-8",
        )
        self.nginx.send_signal(signal.SIGHUP)
        time.sleep(RELOAD_SETTLE_S)

    def pids(self) -> dict[str, int]:
        """Process ids of every part by name (for CPU accounting)."""
        named = {f"app{i + 1}": r.process.pid for i, r in enumerate(self.replicas) if r.process.poll() is None}
        named.update(postgres=self.postgres.pid, chroma=self.chroma.pid, nginx=self.nginx.pid)
        return named


def nginx_bin() -> Path:
    """Debian's nginx (``apt-get install nginx-light`` or ``nginx``).

    Raises:
        StackError: nginx is not installed.
    """
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if found is None:
        raise StackError("找不到 nginx：请先 apt-get install nginx-light（或运行 make deploy-deps）")
    return Path(found)


def nginx_conf(prefix: Path, port: int, replicas: list[Replica], rate_per_minute: int = 0) -> str:
    """A complete nginx.conf for a proxy on ``port`` in front of ``replicas``, its files under ``prefix``.

    ``rate_per_minute`` is the API's shared limit per client address (0: none; the load checks run
    from one address, so they run without it).
    """
    # nginx does not count a request whose zone key is empty: that is how the limit is off.
    client_key = "$binary_remote_addr" if rate_per_minute > 0 else '""'
    servers = "\n".join(f"        server 127.0.0.1:{r.port} max_fails=1 fail_timeout=10s;" for r in replicas)
    # Running as root, nginx's workers would drop to nobody, who cannot write the temp dirs here.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    map $remote_addr $policy_client {{
        default {client_key};
    }}
    limit_req_zone $policy_client zone=policy_clients:10m rate={max(rate_per_minute, 1)}r/m;
    upstream policy_api {{
{servers}
        keepalive 32;
    }}
    upstream policy_page {{
        ip_hash;
{servers}
        keepalive 8;
    }}
    server {{
        listen 127.0.0.1:{port};
        include {LOCATIONS};
    }}
}}
"""


def app_env(stack_env: Mapping[str, str]) -> dict[str, str]:
    """The app's environment: this deployment's ``POLICY_*`` settings and none of the caller's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICY_")}
    env.update(GRADIO_ANALYTICS_ENABLED="False", ANONYMIZED_TELEMETRY="False", PYTHONUNBUFFERED="1")
    env.update(stack_env)
    return env


def _start(argv: list[str], log: Path, env: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
    # Started directly (no shell), so the PID held is the process's own and can be stopped or killed.
    with log.open("ab") as out:
        return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=out)


def start_replica(env: Mapping[str, str], logs: Path, index: int) -> Replica:
    """Start one ``policy-assistant serve`` on a free port (not yet waited for: see :func:`wait_healthy`)."""
    port = free_port()
    argv = [str(BIN / "policy-assistant"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    return Replica(port=port, process=_start(argv, logs / f"app{index}.log", env))


def wait_healthy(replica: Replica, logs: Path, index: int) -> None:
    """Until the replica's ``/healthz`` answers.

    Raises:
        RuntimeError: It exited or did not become healthy in time (its log says why).
    """
    wait_ready(replica.process, f"{replica.url}/healthz", f"app{index}", logs / f"app{index}.log")


@contextmanager
def running_stack(
    root: Path, replicas: int = 2, proxy_port: int | None = None, rate_per_minute: int = 0
) -> Iterator[Stack]:
    """Start the whole deployment under ``root``; yield it once the proxy answers; stop everything on exit.

    ``rate_per_minute`` is the proxy's shared API limit per client address (0: none).

    Raises:
        StackError: nginx or the chroma CLI is missing, or the index could not be built.
        PostgresUnavailableError: Debian's postgresql is not installed.
    """
    chroma_cli = BIN / "chroma"
    if not chroma_cli.exists():
        raise StackError(f"{chroma_cli} 不存在：chromadb 自带 chroma 命令，请先 make install")
    nginx = nginx_bin()
    logs, data_dir, prefix = root / "logs", root / "data", root / "nginx"
    for path in (logs, data_dir, prefix):
        path.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        chroma_port = free_port()
        chroma_log = logs / "chroma.log"
        chroma = _start(
            [str(chroma_cli), "run", "--path", str(root / "chroma"), "--host", "127.0.0.1", "--port", str(chroma_port)],
            chroma_log,
            # Its Rust server logs every request at INFO by default: warnings only keep the log and its CPU small.
            {**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")},
        )
        stack.callback(stop_process, chroma)
        postgres = stack.enter_context(temporary_postgres())  # initdb runs while Chroma starts
        wait_ready(chroma, f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat", "chroma run", chroma_log)

        env = app_env(
            {
                "POLICY_DATA_DIR": str(data_dir),
                "POLICY_DATABASE_URL": postgres.url,
                "POLICY_CHROMA_HOST": "127.0.0.1",
                "POLICY_CHROMA_PORT": str(chroma_port),
                # Every replica must sign and check the same sign-in cookies.
                "POLICY_SECRET_KEY": secrets.token_urlsafe(32),
            }
        )
        ingest_log = logs / "ingest.log"
        with ingest_log.open("ab") as out:
            built = subprocess.run(
                [str(BIN / "policy-assistant"), "ingest", "--quiet"], cwd=ROOT, env=env, stdout=out, stderr=out
            )
        if built.returncode != 0:
            raise StackError(f"导入索引失败（退出码 {built.returncode}）；见 {ingest_log}")

        # One replica per core: the embedding model's OpenMP threads would otherwise spin on every
        # core in every replica, and two replicas would fight over the same cores.
        replica_env = {"OMP_NUM_THREADS": str(REPLICA_THREADS), **env}
        started: list[Replica] = []
        for i in range(replicas):  # all started at once: each spends its start loading the index
            replica = start_replica(replica_env, logs, i + 1)
            stack.callback(stop_process, replica.process)
            started.append(replica)
        for i, replica in enumerate(started):
            wait_healthy(replica, logs, i + 1)

        port = proxy_port or free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(nginx_conf(prefix, port, started, rate_per_minute), encoding="utf-8")
        proxy_log = logs / "nginx.log"
        proxy = _start([str(nginx), "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf),
                        "-g", "daemon off;"], proxy_log)  # fmt: skip
        stack.callback(stop_process, proxy)
        url = f"http://127.0.0.1:{port}"
        wait_ready(proxy, f"{url}/healthz", "nginx", proxy_log)
        yield Stack(
            url=url,
            replicas=started,
            postgres=postgres,
            chroma=chroma,
            nginx=proxy,
            nginx_conf=conf,
            proxy_port=port,
            routed=list(started),
            rate_per_minute=rate_per_minute,
        )


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    """Run the deployment in the foreground until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m deploy.stack", description="在本机以普通进程运行多副本部署")
    parser.add_argument("--replicas", type=int, default=2, help="应用副本数（默认 2）")
    parser.add_argument("--port", type=int, default=8080, help="nginx 监听的端口（默认 8080）")
    parser.add_argument(
        "--rate-limit",
        type=int,
        default=120,
        help="每个客户端地址每分钟的接口请求上限，所有副本共用（默认 120；0 不限）",
    )
    args = parser.parse_args(argv)
    # A launcher run in the background (or by a service manager) is stopped with SIGTERM, and a
    # background job may ignore SIGINT: both unwind the stack so every part is stopped and deleted.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _interrupt)
    root = Path(tempfile.mkdtemp(prefix="policy-stack-"))
    try:
        with running_stack(
            root, replicas=args.replicas, proxy_port=args.port, rate_per_minute=args.rate_limit
        ) as stack:
            print(f"政策通已在 {stack.url} 运行（{args.replicas} 个副本；日志在 {root / 'logs'}）；Ctrl-C 停止")
            try:
                stack.nginx.wait()
            except KeyboardInterrupt:
                pass
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
