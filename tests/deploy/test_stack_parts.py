"""The deployment's parts that need no running stack: the nginx config, CPU accounting, the read-back."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from deploy.cpu import tree_cpu_seconds
from deploy.load import missing_in_order, plan_sessions
from deploy.stack import Replica, nginx_bin, nginx_conf


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
