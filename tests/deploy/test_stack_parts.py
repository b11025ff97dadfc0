"""The deployment's parts that need no running stack: the nginx config, CPU accounting, the read-back."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from deploy.cpu import tree_cpu_seconds
from deploy.load import missing_in_order, plan_sessions
from deploy.stack import Replica, nginx_bin, nginx_conf
from ui.api.subprocess_server import free_port


def _fake_replicas(*ports: int) -> list[Replica]:
    # A Replica's process is only used to kill it; these are never killed.
    return [Replica(port=port, process=None) for port in ports]  # type: ignore[arg-type]


def test_rendered_config_passes_nginx_own_check(tmp_path: Path) -> None:
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf(tmp_path, 18081, _fake_replicas(18082, 18083)), encoding="utf-8")
    checked = subprocess.run(
        [str(nginx_bin()), "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    text = conf.read_text(encoding="utf-8")
    # Both upstreams list both replicas: the API round-robin, the page sticky by address.
    assert text.count("server 127.0.0.1:18082") == 2 and text.count("server 127.0.0.1:18083") == 2
    assert "ip_hash;" in text


def test_proxy_retries_posts_on_the_next_replica() -> None:
    rules = (Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "locations.conf").read_text(encoding="utf-8")
    directive = next(line for line in rules.splitlines() if line.startswith("proxy_next_upstream "))
    assert "error" in directive and "non_idempotent" in directive
    assert "http_500" not in directive  # an answer the app gave is never asked again


def test_cpu_of_a_busy_child_is_counted_for_its_parent_tree() -> None:
    child = subprocess.Popen(["python3", "-c", "import time\nend = time.time() + 0.6\nwhile time.time() < end: pass"])
    try:
        child.wait(timeout=10)
        # Reaped, the child's time lands in our own counters (cutime): a tree counts its exited children.
        assert tree_cpu_seconds({"me": os.getpid()})["me"] >= 0.4
    finally:
        if child.poll() is None:
            child.kill()


def test_a_missing_root_counts_nothing() -> None:
    assert tree_cpu_seconds({"gone": 2**22 + 12345}) == {"gone": 0.0}


@pytest.mark.parametrize(
    ("sent", "stored", "missing"),
    [
        (["a", "b", "c"], ["a", "b", "c"], 0),
        (["a", "b", "c"], ["a", "b", "b", "c"], 0),  # a turn retried after its commit: stored twice, none lost
        (["a", "b", "c"], ["a", "c"], 1),
        (["a", "b"], ["b", "a"], 1),  # out of order: the second one is not found after the first
        (["a", "a"], ["a"], 1),
    ],
)
def test_answered_turns_are_found_in_order(sent: list[str], stored: list[str], missing: int) -> None:
    assert missing_in_order(sent, stored) == missing


def test_sessions_open_with_a_question_and_follow_up() -> None:
    plans = plan_sessions(3, 4, ["问一？", "问二？"])
    assert [p.messages[0] for p in plans] == ["问一？", "问二？", "问一？"]
    assert all(len(p.messages) == 4 and p.session_id is None for p in plans)


class _Backend:
    """A replica stand-in on a free port: records each request's X-Request-ID; ``drop`` first requests unanswered."""

    def __init__(self, drop: int = 0) -> None:
        seen: list[str] = []
        self.seen = seen
        left = self.left = [0]
        self.drop = drop

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                seen.append(self.headers.get("X-Request-ID", ""))
                if left[0] > 0:  # like a replica killed mid-turn: the connection closes, no reply
                    left[0] -= 1
                    self.close_connection = True
                    return
                body = b'{"ok": true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _any

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def proxy(tmp_path: Path, request: pytest.FixtureRequest):
    """Real nginx on the rendered config in front of two stand-ins (the first drops one request)."""
    rate = getattr(request, "param", 0)
    backends = [_Backend(drop=1), _Backend()]
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf(tmp_path, port, _fake_replicas(*(b.port for b in backends)), rate), encoding="utf-8")
    process = subprocess.Popen(
        [str(nginx_bin()), "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf), "-g", "daemon off;"]
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        for backend in backends:  # ready: from now on the stand-ins drop and record
            backend.seen.clear()
            backend.left[0] = backend.drop
        yield f"http://127.0.0.1:{port}", backends
    finally:
        process.terminate()
        process.wait(10)
        for backend in backends:
            backend.server.shutdown()


def _post(url: str) -> tuple[int, dict, dict]:
    request = urllib.request.Request(url, data=b'{"message": "x"}', headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def test_a_retried_post_carries_the_same_request_id_to_the_next_replica(proxy) -> None:
    url, (dropping, healthy) = proxy
    for _ in range(4):
        status, _, _ = _post(f"{url}/api/chat")
        assert status == 200
    assert len(dropping.seen) >= 1
    dropped_id = dropping.seen[0]
    assert len(dropped_id) == 32 and int(dropped_id, 16) >= 0  # nginx's $request_id
    assert dropped_id in healthy.seen  # the retry on the other replica is known by the same id
    assert len(set(healthy.seen)) == len(healthy.seen)  # and each client request has its own


@pytest.mark.parametrize("proxy", [1], indirect=True)
def test_the_shared_limit_answers_429_in_chinese_and_openai_shape(proxy) -> None:
    url, _ = proxy
    statuses = [_post(f"{url}/api/chat")[0] for _ in range(40)]
    assert statuses.count(200) == 31  # the rate's first request and the burst of 30
    status, headers, body = _post(f"{url}/v1/chat/completions")
    assert status == 429 and statuses[-1] == 429
    assert "请求过于频繁" in body["detail"] and body["error"]["code"] == "rate_limit_exceeded"
    assert headers["Retry-After"] and "application/json" in headers["Content-Type"]
    assert _get_status(f"{url}/healthz") == 200  # only the API is counted


def _get_status(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status


def test_without_a_rate_nothing_is_limited(proxy) -> None:
    url, _ = proxy
    assert {_post(f"{url}/api/chat")[0] for _ in range(40)} == {200}
