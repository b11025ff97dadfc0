"""The real server in a subprocess: killed with SIGKILL mid-session, restarted, the session goes on."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from ui.api.subprocess_server import running_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_session_survives_sigkill_and_restart(index_dir: Path, tmp_path: Path) -> None:
    database, log = tmp_path / "policy.db", tmp_path / "server.log"

    with running_server(index_dir, database, log) as server:
        process, url = server.process, server.url
        turn1 = httpx.post(
            f"{url}/api/chat",
            json={"message": "我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万"},
            timeout=60,
        )
        assert turn1.status_code == 200
        session_id = turn1.json()["session_id"]

        # Kill it hard while another turn of the session is in flight.
        def in_flight() -> None:
            try:
                httpx.post(f"{url}/api/chat", json={"message": "第三条讲什么？", "session_id": session_id}, timeout=60)
            except httpx.TransportError:
                pass  # the server died under it, as intended

        thread = threading.Thread(target=in_flight)
        thread.start()
        time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        thread.join(timeout=60)
        assert process.returncode == -signal.SIGKILL

    with running_server(index_dir, database, log) as server:
        url = server.url
        turn2 = httpx.post(
            f"{url}/api/chat", json={"message": "那能拿多少奖励？", "session_id": session_id}, timeout=60
        )
        assert turn2.status_code == 200, turn2.text
        body = turn2.json()
        assert body["session_id"] == session_id
        assert body["tool_calls"][0]["result"]["award_yuan"] == 1200000
        history = httpx.get(f"{url}/api/sessions/{session_id}", timeout=30).json()
        roles = [m["role"] for m in history["messages"]]
        # Turn 1 and the new turn are there; the killed turn is there whole or not at all.
        assert roles in (["user", "assistant"] * 2, ["user", "assistant"] * 3)


def test_openai_sdk_talks_to_the_real_server(index_dir: Path, tmp_path: Path) -> None:
    import openai

    with running_server(index_dir, tmp_path / "policy.db", tmp_path / "server.log") as server:
        url = server.url
        client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0)
        assert [m.id for m in client.models.list()] == ["policy-assistant"]
        completion = client.chat.completions.create(
            model="policy-assistant", messages=[{"role": "user", "content": "第十四条主要讲什么？"}]
        )
        message = completion.choices[0].message
        assert message.content.endswith("依据：【第十四条】支持科技企业发债融资")
        assert message.model_extra["citations"][0]["article"] == 14
        stream = client.chat.completions.create(
            model="policy-assistant", messages=[{"role": "user", "content": "第三条讲什么？"}], stream=True
        )
        text = "".join(chunk.choices[0].delta.content or "" for chunk in stream)
        assert "依据：【第三条】" in text
