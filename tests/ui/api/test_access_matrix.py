"""Every endpoint × role (public, another officer, a teammate, the owner, admin): who may read and change what.

The routes come from the app itself: a route missing from ``POLICY`` fails the test, so a new
endpoint has to be classified before it ships.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tests.ui.conftest import PASSWORD, Accounts

Policy = Literal["public", "signed_in", "record_read", "record_change", "officer", "admin"]

# (method, path) → who may use it. ``record_read``: the owner, their team and admins; another
# officer sees 404 and the public 401. ``record_change``: the owner and admins only.
POLICY: dict[tuple[str, str], Policy] = {
    ("GET", "/api/articles"): "public",
    ("GET", "/api/articles/{number}"): "public",
    ("GET", "/api/parts"): "public",
    ("POST", "/api/calculate"): "public",
    ("POST", "/api/chat"): "public",
    ("POST", "/api/chat/stream"): "public",
    ("POST", "/api/match"): "public",
    ("POST", "/api/search"): "public",
    ("POST", "/api/feedback"): "public",
    ("GET", "/api/sessions/{session_id}"): "public",
    ("GET", "/api/sessions/{session_id}/profile"): "public",
    ("GET", "/healthz"): "public",
    ("POST", "/v1/chat/completions"): "public",
    ("GET", "/v1/models"): "public",
    ("GET", "/v1/models/{model_id}"): "public",
    ("POST", "/api/auth/login"): "public",
    ("POST", "/api/auth/logout"): "public",
    ("GET", "/api/auth/me"): "signed_in",
    ("POST", "/api/consultations"): "officer",
    ("POST", "/api/consultations/preview"): "officer",
    ("GET", "/api/consultations"): "officer",
    ("GET", "/api/consultations/{record_id}"): "record_read",
    ("GET", "/api/consultations/{record_id}/export"): "record_read",
    ("DELETE", "/api/consultations/{record_id}"): "record_change",
    ("GET", "/api/audit"): "admin",
    ("POST", "/api/outreach/jobs"): "officer",
    ("GET", "/api/outreach/jobs/{job_id}"): "record_read",
    ("GET", "/api/outreach/jobs/{job_id}/results"): "record_read",
    ("POST", "/api/outreach/jobs/{job_id}/rows/{row}/consultation"): "record_read",
}

ROLES = ("public", "other_officer", "teammate", "owner", "admin")

# Who gets in, per policy; everyone else must be refused.
ALLOWED: dict[Policy, set[str]] = {
    "public": set(ROLES),
    "signed_in": {"other_officer", "teammate", "owner", "admin"},
    "officer": {"other_officer", "teammate", "owner", "admin"},
    "record_read": {"teammate", "owner", "admin"},
    "record_change": {"owner", "admin"},
    "admin": {"admin"},
}
REFUSED = {401, 403, 404}

DRAFT = {"date": "2026-11-25", "enterprise": "矩阵测试企业", "profile": {"kind": "创投机构", "district": "南沙"}}
# A one-enterprise list: a batch job is the officer's like a record (its row 2 can become a record).
LIST_CSV = "企业名称,企业类型,所在区\n矩阵名单企业,创投机构,南沙\n".encode()


def _api_routes(routes: list[Any], prefix: str = "") -> list[tuple[str, str]]:
    """Every (method, path) of the schema's routes, walking into included routers (kept lazily by FastAPI)."""
    found: list[tuple[str, str]] = []
    for route in routes:
        if isinstance(route, APIRoute):
            if route.include_in_schema:
                found.extend((method, prefix + route.path) for method in route.methods)
        elif hasattr(route, "original_router"):
            found.extend(_api_routes(route.original_router.routes, prefix + route.include_context.prefix))
    return found


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    return sorted(_api_routes(list(app.routes)))


def _client(accounts: Accounts, role: str) -> TestClient:
    return {
        "public": accounts.public,
        "other_officer": accounts.other_officer,
        "teammate": accounts.teammate,
        "owner": accounts.officer,
        "admin": accounts.admin,
    }[role]


def _new_record(accounts: Accounts) -> str:
    response = accounts.officer.post("/api/consultations", json={**DRAFT, "enterprise": f"矩阵{uuid.uuid4().hex[:8]}"})
    assert response.status_code == 201, response.text
    record_id: str = response.json()["id"]
    return record_id


def _new_job(accounts: Accounts) -> str:
    response = accounts.officer.post("/api/outreach/jobs", files={"file": ("名单.csv", LIST_CSV, "text/csv")})
    assert response.status_code == 202, response.text
    job_id: str = response.json()["id"]
    return job_id


def _call(client: TestClient, method: str, path: str, record_id: str, job_id: str = "0" * 32) -> Any:
    url = (
        path.replace("{record_id}", record_id)
        .replace("{job_id}", job_id)
        .replace("{row}", "2")
        .replace("{number}", "3")
        .replace("{session_id}", "0" * 32)
        .replace("{model_id}", "policy-assistant")
    )
    if method == "POST" and path == "/api/auth/login":
        return TestClient(client.app).post(url, json={"username": "officer-a", "password": PASSWORD})
    if method == "POST" and path == "/api/auth/logout":
        return TestClient(client.app).post(url)  # not the shared client: it would lose its sign-in
    if method == "POST" and path.startswith("/api/consultations"):
        return client.post(url, json=DRAFT)
    if method == "POST" and path == "/api/outreach/jobs":
        return client.post(url, files={"file": ("名单.csv", LIST_CSV, "text/csv")})
    if method == "POST" and path.startswith("/api/outreach/jobs/"):
        return client.post(url)
    if method == "POST":
        return client.post(url, json={})  # invalid on purpose: 422 shows the gate let it through
    return client.request(method, url)


def test_every_route_is_classified(api_app: FastAPI) -> None:
    unclassified = [route for route in _routes(api_app) if route not in POLICY]
    assert not unclassified, f"classify these routes in POLICY: {unclassified}"
    stale = [route for route in POLICY if route not in _routes(api_app)]
    assert not stale, f"POLICY names routes the app no longer has: {stale}"


def test_role_matrix(api_app: FastAPI, accounts: Accounts) -> None:
    cases = 0
    job_id = _new_job(accounts)  # reading a job or its rows changes nothing, so one serves every case
    unauthorised: list[str] = []
    wrongly_refused: list[str] = []
    for method, path in _routes(api_app):
        policy = POLICY[(method, path)]
        for role in ROLES:
            record_id = _new_record(accounts)  # fresh each time: a permitted delete must not hide the next case
            response = _call(_client(accounts, role), method, path, record_id, job_id)
            cases += 1
            where = f"{role} {method} {path} → {response.status_code}"
            if role in ALLOWED[policy]:
                if response.status_code in REFUSED and policy != "public":
                    wrongly_refused.append(where)
                if policy == "public" and response.status_code in {401, 403}:
                    wrongly_refused.append(where)
            else:
                if response.status_code < 400:
                    unauthorised.append(where)
                elif response.status_code not in REFUSED:
                    unauthorised.append(where + " (expected 401/403/404)")
                else:
                    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["detail"]), where
    print(f"role matrix: {cases} cases, {len(unauthorised)} unauthorised")
    assert cases == len(POLICY) * len(ROLES)
    assert unauthorised == []
    assert wrongly_refused == []


@pytest.mark.parametrize("role", ["other_officer", "public"])
def test_refused_reads_are_audited_and_leave_the_record(accounts: Accounts, role: str) -> None:
    record_id = _new_record(accounts)
    _client(accounts, role).delete(f"/api/consultations/{record_id}")
    assert accounts.officer.get(f"/api/consultations/{record_id}").status_code == 200
    audit = accounts.admin.get("/api/audit", params={"record_id": record_id}).json()["items"]
    actions = [(e["actor"], e["action"]) for e in audit]
    assert ("officer-a", "create") in actions and ("officer-a", "read") in actions
    if role == "other_officer":
        assert ("officer-b", "delete") in actions


def test_lists_show_only_what_the_viewer_may_see(accounts: Accounts) -> None:
    record_id = _new_record(accounts)
    seen = {
        role: {
            item["id"]
            for item in _client(accounts, role).get("/api/consultations", params={"limit": 100}).json()["items"]
        }
        for role in ("other_officer", "teammate", "owner", "admin")
    }
    assert record_id in seen["owner"] and record_id in seen["teammate"] and record_id in seen["admin"]
    assert record_id not in seen["other_officer"]


def test_delete_removes_the_record_and_its_transcript(accounts: Accounts) -> None:
    chat = accounts.public.post(
        "/api/chat", json={"message": "我们是南沙的创投机构，今年投了广州一家初创期科技企业8000万"}
    )
    session_id = chat.json()["session_id"]
    record = accounts.officer.post("/api/consultations", json={**DRAFT, "session_id": session_id}).json()
    assert accounts.public.get(f"/api/sessions/{session_id}").status_code == 200
    assert accounts.officer.delete(f"/api/consultations/{record['id']}").status_code == 204
    assert accounts.officer.get(f"/api/consultations/{record['id']}").status_code == 404
    assert accounts.public.get(f"/api/sessions/{session_id}").status_code == 404
