"""Security headers on every response, the CORS allow-list, and the per-client rate limit with its Chinese 429."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError

from assistant.settings import Settings
from tests.ui.helpers import has_cjk
from ui.api.protect import CONTENT_SECURITY_POLICY
from ui.api.rate_limit import Bucket, is_counted

ALLOWED = "https://zwfw.example.gov.cn"


def _app_with(api_app: FastAPI, **changes: object) -> FastAPI:
    """Another app over the API tests' assistant and database, with some settings changed."""
    from ui.api import create_app

    services = api_app.state.services
    settings = services.settings.model_copy(update=changes)
    return create_app(settings, services.assistant, store=services.store)


def _assert_protected(headers) -> None:
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", "/api/articles/3", None, 200),
        ("GET", "/api/articles/99", None, 404),
        ("POST", "/api/chat", {"message": ""}, 422),
        ("GET", "/api/consultations", None, 401),
        ("POST", "/api/calculate", "x" * 70_000, 413),
        ("GET", "/openapi.json", None, 200),
        ("GET", "/docs", None, 200),
    ],
)
def test_every_response_carries_the_security_headers(client: TestClient, method, path, body, status) -> None:
    if isinstance(body, str):
        response = client.request(method, path, content=body, headers={"content-type": "application/json"})
    else:
        response = client.request(method, path, json=body)
    assert response.status_code == status
    _assert_protected(response.headers)


def test_a_streamed_answer_carries_the_security_headers(client: TestClient) -> None:
    with client.stream("POST", "/api/chat/stream", json={"message": "第十四条主要讲什么？"}) as response:
        assert response.status_code == 200
        _assert_protected(response.headers)
        assert any('"type":"final"' in line or '"final"' in line for line in response.iter_lines())


def test_the_csp_allows_this_origin_only() -> None:
    sources = [part.split()[1:] for part in CONTENT_SECURITY_POLICY.split("; ")]
    allowed = {source for part in sources for source in part}
    # Nothing names another host: only this origin, browser-made data/blob URLs and the keywords.
    assert allowed <= {"'self'", "'none'", "'unsafe-inline'", "'unsafe-eval'", "data:", "blob:"}
    assert "connect-src 'self'" in CONTENT_SECURITY_POLICY


def test_cors_answers_only_the_allowed_origins(api_app: FastAPI) -> None:
    with TestClient(_app_with(api_app, cors_origins=[ALLOWED])) as client:
        preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
        allowed = client.options("/api/chat", headers={"Origin": ALLOWED, **preflight})
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == ALLOWED
        assert "POST" in allowed.headers["access-control-allow-methods"]
        got = client.get("/api/articles/3", headers={"Origin": ALLOWED})
        assert got.headers["access-control-allow-origin"] == ALLOWED
        assert "access-control-allow-credentials" not in got.headers  # the cookie never goes cross-origin

        other = "https://evil.example.com"
        refused = client.options("/api/chat", headers={"Origin": other, **preflight})
        assert "access-control-allow-origin" not in refused.headers
        assert "access-control-allow-origin" not in client.get("/api/articles/3", headers={"Origin": other}).headers
        _assert_protected(refused.headers)


def test_by_default_no_origin_gets_cors_headers(client: TestClient) -> None:
    response = client.get("/api/articles/3", headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("origin", ["*", "https://a.example/path", "zwfw.example.gov.cn", "https://a.example:port"])
def test_the_allow_list_names_origins_exactly(origin: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Settings(cors_origins=[origin])
    assert "POLICY_CORS_ORIGINS" in str(raised.value) and has_cjk(str(raised.value))


def test_a_client_over_the_limit_gets_a_chinese_429_and_others_do_not(api_app: FastAPI) -> None:
    app = _app_with(api_app, rate_limit_per_minute=3)
    with TestClient(app, client=("10.0.0.1", 5000)) as busy, TestClient(app, client=("10.0.0.2", 5000)) as calm:
        assert [busy.get("/api/articles/3").status_code for _ in range(3)] == [200, 200, 200]
        refused = busy.get("/api/articles/3")
        assert refused.status_code == 429
        assert "请求过于频繁" in refused.json()["detail"] and "每分钟最多 3 次" in refused.json()["detail"]
        assert int(refused.headers["retry-after"]) >= 1
        _assert_protected(refused.headers)
        openai = busy.get("/v1/models")
        assert openai.status_code == 429
        assert openai.json()["error"]["code"] == "rate_limit_exceeded"
        assert busy.get("/docs").status_code == 200  # pages and their assets are not counted
        assert calm.get("/api/articles/3").status_code == 200  # each client has its own allowance


def test_the_limit_is_off_by_default(client: TestClient) -> None:
    assert Settings().rate_limit_per_minute == 0
    assert all(client.get("/api/parts").status_code == 200 for _ in range(150))


def test_a_bucket_refills_at_the_rate_per_minute() -> None:
    bucket = Bucket(tokens=60.0, at=0.0)
    assert all(bucket.take(60, now=0.0) == 0.0 for _ in range(60))
    assert bucket.take(60, now=0.0) == pytest.approx(1.0)  # one a second at 60 a minute
    assert bucket.take(60, now=1.0) == 0.0
    assert bucket.full(60, now=100.0)


@pytest.mark.parametrize(
    ("path", "counted"),
    [
        ("/api/chat", True),
        ("/v1/chat/completions", True),
        ("/ui/gradio_api/queue/join", True),
        ("/ui/gradio_api/call/consult_list", True),
        ("/ui/", False),
        ("/ui/assets/index.js", False),
        ("/healthz", False),
    ],
)
def test_what_counts_towards_the_limit(path: str, counted: bool) -> None:
    assert is_counted(path) is counted
