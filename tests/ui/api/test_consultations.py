"""Consultation records over HTTP: save, preview, list, read, export, and a chat's enterprise profile."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

import assistant.consultation.export as export_package
from assistant.consultation import DISCLAIMER
from tests.ui.conftest import Accounts
from tests.ui.helpers import has_cjk


@pytest.fixture
def client(accounts: Accounts) -> TestClient:
    """Records belong to a signed-in officer: every test here works as one."""
    return accounts.officer


VENTURE_PROFILE = {
    "kind": "创投机构",
    "district": "南沙",
    "investments_made": [{"amount": "8000万", "year": 2026, "investee_stage": "初创期", "investee_in_guangzhou": True}],
}


def unique(name: str) -> str:
    """An enterprise name no other test uses, so searches see only this test's records."""
    return f"{name}{uuid.uuid4().hex[:8]}"


def form(enterprise: str, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "date": "2026-11-25",
        "officers": [
            {"name": "张三", "organization": "广州银行", "side": "银行"},
            {"name": "李四", "organization": "某创投", "side": "投资机构"},
        ],
        "enterprise": enterprise,
        "contact": "王经理",
        "profile": VENTURE_PROFILE,
        "follow_ups": ["协助准备第三条奖励申报材料", "下月回访"],
        "notes": "企业对投早投小奖励很感兴趣",
    }
    return {**body, **fields}


def create(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/consultations", json=body)
    assert response.status_code == 201, response.text
    record: dict[str, Any] = response.json()
    return record


def assert_chinese_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert has_cjk(body["detail"]), body
    return body


# -- create, read, list --------------------------------------------------------------------
def test_create_returns_the_full_record_and_its_location(client: TestClient) -> None:
    name = unique("南沙某创投基金")
    response = client.post("/api/consultations", json=form(name))
    assert response.status_code == 201, response.text
    record = response.json()
    assert len(record["id"]) == 32 and record["created_at"]
    assert response.headers["location"] == f"/api/consultations/{record['id']}"
    assert record["enterprise"] == name and record["date"] == "2026-11-25"
    assert [o["name"] for o in record["officers"]] == ["张三", "李四"]
    assert record["profile"]["kind"] == "创投机构" and record["profile"]["district"] == "南沙区"
    assert record["profile"]["name"] == name
    assert record["matches"][0]["article"] == 3 and record["matches"][0]["label"] == "第三条"
    assert record["awards"][0]["article"] == 3 and record["awards"][0]["amount_yuan"] == 1200000
    assert any(c["unit"] == "市科技局" for c in record["contacts"])
    assert record["follow_ups"] == ["协助准备第三条奖励申报材料", "下月回访"]
    assert record["disclaimer"] == DISCLAIMER


def test_get_returns_what_create_returned(client: TestClient) -> None:
    record = create(client, form(unique("某创投")))
    response = client.get(f"/api/consultations/{record['id']}")
    assert response.status_code == 200
    assert response.json() == record


def test_follow_ups_may_be_one_line_each(client: TestClient) -> None:
    record = create(client, form(unique("某创投"), follow_ups="补充到账凭证\n\n  下月回访  \n"))
    assert record["follow_ups"] == ["补充到账凭证", "下月回访"]


def test_date_defaults_to_today(client: TestClient) -> None:
    body = form(unique("某创投"))
    del body["date"]
    assert create(client, body)["date"]


def test_list_and_search(client: TestClient) -> None:
    name = unique("天河某律师事务所")
    law = create(client, form(name, profile={"kind": "律所", "district": "天河区"}, officers=[{"name": "赵六"}]))
    venture = create(client, form(unique("南沙某创投")))

    body = client.get("/api/consultations", params={"q": name}).json()
    assert body["total"] == 1
    (item,) = body["items"]
    assert item["id"] == law["id"] and item["enterprise"] == name
    assert item["officers"] == ["赵六"] and item["kind"] == "中介服务机构" and item["district"] == "天河区"
    assert item["articles"] == [m["article"] for m in law["matches"]]

    def ids(q: str) -> list[str]:
        return [i["id"] for i in client.get("/api/consultations", params={"q": q, "limit": 100}).json()["items"]]

    assert law["id"] in ids("赵六") and venture["id"] not in ids("赵六")
    assert venture["id"] in ids(f"{venture['enterprise']} 第三条 市科技局 南沙区")
    assert ids(f"{venture['enterprise']} 天河区") == []
    assert ids(f"{name} %") == [] and ids(f"{name} _") == []


def test_list_is_newest_first_and_pages(client: TestClient) -> None:
    tag = unique("分页测试")
    made = [create(client, form(f"{tag}-{n}"))["id"] for n in range(3)]
    first = client.get("/api/consultations", params={"q": tag, "limit": 2}).json()
    second = client.get("/api/consultations", params={"q": tag, "limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 3
    assert [i["id"] for i in first["items"] + second["items"]] == made[::-1]
    everything = client.get("/api/consultations").json()
    assert everything["total"] >= 3 and len(everything["items"]) <= 20


def test_preview_does_not_save(client: TestClient) -> None:
    name = unique("预览企业")
    response = client.post("/api/consultations/preview", json=form(name))
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["id"] is None and record["created_at"] is None
    assert record["enterprise"] == name and record["matches"][0]["article"] == 3
    assert client.get("/api/consultations", params={"q": name}).json() == {"items": [], "total": 0}


# -- export --------------------------------------------------------------------------------
def test_export_markdown(client: TestClient) -> None:
    record = create(client, form(unique("南沙某创投")))
    response = client.get(f"/api/consultations/{record['id']}/export")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/markdown")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and 'filename="' in disposition
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert record["enterprise"] in unquote(encoded) and unquote(encoded).endswith(".md")
    text = response.content.decode("utf-8")
    assert record["enterprise"] in text and "第三条" in text and DISCLAIMER in text


@pytest.mark.parametrize(("fmt", "media_type", "magic"), [("docx", "wordprocessingml", b"PK"), ("pdf", "pdf", b"%PDF")])
def test_export_docx_and_pdf(client: TestClient, fmt: str, media_type: str, magic: bytes) -> None:
    record = create(client, form(unique("南沙某创投")))
    response = client.get(f"/api/consultations/{record['id']}/export", params={"format": fmt})
    if response.status_code == 503:  # a PDF needs a CJK font on the machine
        assert_chinese_error(response, 503)
        return
    assert response.status_code == 200, response.text
    assert media_type in response.headers["content-type"]
    assert response.content.startswith(magic)
    assert unquote(response.headers["content-disposition"]).endswith(f".{fmt}")


@dataclass(frozen=True)
class FakeExport:
    content: bytes
    media_type: str
    filename: str


class FakeExportError(Exception):
    pass


def test_export_headers_name_the_file_in_utf8_with_an_ascii_fallback(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = create(client, form(unique("某创投")))

    def export_record(exported: Any, fmt: str, *, pdf_font_path: Any = None) -> FakeExport:
        assert exported.id == record["id"]
        return FakeExport(f"# {exported.enterprise}".encode(), "text/markdown; charset=utf-8", "咨询记录 “某创投”.md")

    monkeypatch.setattr(export_package, "export_record", export_record)
    monkeypatch.setattr(export_package, "ExportError", FakeExportError)
    response = client.get(f"/api/consultations/{record['id']}/export?format=md")
    assert response.status_code == 200
    assert response.text == f"# {record['enterprise']}"
    disposition = response.headers["content-disposition"]
    assert disposition == (
        f'attachment; filename="consultation-2026-11-25-{record["id"]}.md"; '
        "filename*=UTF-8''%E5%92%A8%E8%AF%A2%E8%AE%B0%E5%BD%95%20%E2%80%9C%E6%9F%90%E5%88%9B%E6%8A%95%E2%80%9D.md"
    )


def test_an_export_failure_is_503_with_its_message(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    record = create(client, form(unique("某创投")))

    def export_record(exported: Any, fmt: str, *, pdf_font_path: Any = None) -> FakeExport:
        raise FakeExportError("未找到可用的中文字体，请设置 POLICY_PDF_FONT_PATH")

    monkeypatch.setattr(export_package, "export_record", export_record)
    monkeypatch.setattr(export_package, "ExportError", FakeExportError)
    response = client.get(f"/api/consultations/{record['id']}/export?format=pdf")
    assert assert_chinese_error(response, 503)["detail"] == "未找到可用的中文字体，请设置 POLICY_PDF_FONT_PATH"


# -- errors --------------------------------------------------------------------------------
def test_unknown_record_is_404(client: TestClient) -> None:
    assert "咨询记录不存在" in assert_chinese_error(client.get(f"/api/consultations/{'0' * 32}"), 404)["detail"]
    assert_chinese_error(client.get("/api/consultations/no-such-record"), 404)
    assert_chinese_error(client.get(f"/api/consultations/{'0' * 32}/export"), 404)
    assert_chinese_error(client.get(f"/api/consultations/{'0' * 32}/export?format=pdf"), 404)


def test_unknown_session_is_404(client: TestClient) -> None:
    assert "会话不存在" in assert_chinese_error(client.get("/api/sessions/never-seen/profile"), 404)["detail"]
    body = form(unique("某创投"), session_id="never-seen")
    assert_chinese_error(client.post("/api/consultations", json=body), 404)
    assert_chinese_error(client.post("/api/consultations/preview", json=body), 404)


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"enterprise": ""}, ["body", "enterprise"]),
        ({"enterprise": "   "}, ["body", "enterprise"]),
        ({"enterprise": None}, ["body", "enterprise"]),
        ({"enterprise": "x" * 101}, ["body", "enterprise"]),
        ({"profile": {"bond_plan": "也许"}}, ["body", "profile", "bond_plan"]),
        ({"profile": {"investments_made": [{"amount": "很多"}]}}, ["body", "profile", "investments_made", 0, "amount"]),
        ({"profile": {"district_new_capital": 1e40}}, ["body", "profile"]),
        ({"profile": "创投"}, ["body", "profile"]),
        ({"date": "2026/11/25"}, ["body", "date"]),
        ({"date": "2026-02-30"}, ["body", "date"]),
        ({"date": 0}, ["body", "date"]),
        ({"officers": [{"name": ""}]}, ["body", "officers", 0, "name"]),
        ({"officers": [{"name": " "}]}, ["body", "officers", 0, "name"]),
        ({"officers": [{"name": "张三", "side": "政府"}]}, ["body", "officers", 0, "side"]),
        ({"notes": "a\u0000b"}, ["body", "notes"]),
        ({"follow_ups": [1]}, ["body", "follow_ups"]),
        ({"follow_ups": "\n".join(f"事项{n}" for n in range(31))}, ["body", "follow_ups"]),
        ({"session_id": "bad id!"}, ["body", "session_id"]),
    ],
)
def test_invalid_forms_are_422_with_the_field(client: TestClient, fields: dict[str, Any], loc: list[Any]) -> None:
    for path in ("/api/consultations", "/api/consultations/preview"):
        body = assert_chinese_error(client.post(path, json={**form(unique("某创投")), **fields}), 422)
        assert any(e["loc"][: len(loc)] == loc for e in body["errors"]), body


def test_missing_enterprise_is_422(client: TestClient) -> None:
    body = form("x")
    del body["enterprise"]
    assert_chinese_error(client.post("/api/consultations", json=body), 422)


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "x"}, {"q": "x" * 201}, {"q": "a\u0000b"}],
)
def test_invalid_list_parameters_are_422(client: TestClient, params: dict[str, Any]) -> None:
    assert_chinese_error(client.get("/api/consultations", params=params), 422)


@pytest.mark.parametrize("fmt", ["txt", "MD", ""])
def test_unknown_export_format_is_422(client: TestClient, fmt: str) -> None:
    record = create(client, form(unique("某创投")))
    response = client.get(f"/api/consultations/{record['id']}/export", params={"format": fmt})
    assert assert_chinese_error(response, 422)["errors"][0]["loc"] == ["query", "format"]


# -- a chat's profile ----------------------------------------------------------------------
def test_a_chat_session_gives_the_profile_and_the_record(client: TestClient) -> None:
    chat = client.post("/api/chat", json={"message": "我们是南沙的创投机构，今年投了广州一家初创期科技企业8000万"})
    assert chat.status_code == 200, chat.text
    session_id = chat.json()["session_id"]

    response = client.get(f"/api/sessions/{session_id}/profile")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["session_id"] == session_id
    assert body["profile"]["kind"] == "创投机构" and body["profile"]["district"] == "南沙区"
    (investment,) = body["profile"]["investments_made"]
    assert float(investment["amount"]) == 80_000_000 and investment["investee_stage"] == "初创期"
    assert 3 in [m["article"] for m in body["matches"]["matches"]]

    name = unique("南沙某创投")
    record = create(client, {"enterprise": name, "session_id": session_id, "profile": {}})
    assert record["session_id"] is None  # records no longer expose the chat they came from
    assert record["profile"]["kind"] == "创投机构" and record["profile"]["name"] == name
    assert 3 in [m["article"] for m in record["matches"]]


def test_the_form_wins_over_the_chat(client: TestClient) -> None:
    chat = client.post("/api/chat", json={"message": "我们是南沙的创投机构，今年投了广州一家初创期科技企业8000万"})
    session_id = chat.json()["session_id"]
    record = create(
        client, {"enterprise": unique("某创投"), "session_id": session_id, "profile": {"district": "天河区"}}
    )
    assert record["profile"]["kind"] == "创投机构" and record["profile"]["district"] == "天河区"


def test_the_schema_declares_the_new_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    created = paths["/api/consultations"]["post"]["responses"]
    assert "Location" in created["201"]["headers"]
    assert created["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ConsultationRecord"
    }
    assert {"400", "404", "413", "422"} <= set(created)
    exported = paths["/api/consultations/{record_id}/export"]["get"]["responses"]["200"]["content"]
    assert {"text/markdown", "application/pdf"} <= set(exported)
    match = paths["/api/match"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert match == {"$ref": "#/components/schemas/MatchResult"}
    assert "/api/sessions/{session_id}/profile" in paths


def test_a_wrong_method_lists_every_method_of_the_path(client: TestClient) -> None:
    response = client.request("DELETE", "/api/consultations")
    assert_chinese_error(response, 405)
    assert response.headers["allow"] == "GET, POST"
    assert client.request("PUT", "/api/consultations/preview").headers["allow"] == "POST"
    assert "GET" in client.post("/openapi.json").headers["allow"]
