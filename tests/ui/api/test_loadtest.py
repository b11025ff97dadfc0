"""The load script: loopback only, bounded, and it measures what it ran."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import FastAPI

from ui.api.loadtest import LoadReport, LoadTestError, check_loopback, load_questions, main, run_load


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "http://127.8.9.10:1", "http://localhost:8000", "http://[::1]:8000/"]
)
def test_loopback_urls_are_accepted(url: str) -> None:
    check_loopback(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1:8000",
        "http://192.168.1.2",
        "http://example.com",
        "http://8.8.8.8",
        "http://localhost.example.com",
        "ftp://127.0.0.1",
        "http://0.0.0.0:8000",
    ],
)
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(LoadTestError):
        check_loopback(url)


def test_main_refuses_a_remote_url_without_sending_anything(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--url", "http://203.0.113.5:8000", "--seconds", "1"]) == 2
    assert "回环" in capsys.readouterr().err


def test_dev_questions_load() -> None:
    questions = load_questions()
    assert len(questions) > 20 and all(isinstance(q, str) and q for q in questions)


def test_percentiles() -> None:
    report = LoadReport(seconds=1.0, latencies_ms=[float(n) for n in range(1, 101)])
    assert (report.percentile(50), report.percentile(95), report.percentile(99)) == (50.0, 95.0, 99.0)
    assert "req/s" in report.render()


def test_a_short_run_in_process(api_app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=api_app)
    questions = load_questions()[:10]
    report = asyncio.run(
        run_load("http://127.0.0.1:8000", questions, clients=3, seconds=5, max_requests=12, transport=transport)
    )
    assert report.requests == 12
    assert report.errors == 0, report.statuses
    assert report.percentile(50) > 0
