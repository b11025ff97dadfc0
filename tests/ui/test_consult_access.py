"""The 特派员 tab's record actions through the page's own endpoints: the API's sign-in, the API's record rules.

The served app (``served_app`` of ``tests/ui/conftest.py``) is called the way an outsider would:
with Gradio's client straight at the page's event endpoints, anonymously or with a token issued by
``POST /api/auth/login``. Nothing depends on the tab's controls being hidden.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import httpx
import pytest

from assistant.storage import SqlAuditLog, SqlConsultationStore, SqlUserStore, create_engine_for_url
from tests.ui.conftest import PASSWORD, ServedApp
from ui.web.consult import ConsultForm

pytestmark = [pytest.mark.integration]

NANSHA_VC = ConsultForm(
    enterprise="南沙某创业投资有限公司",
    officer1_name="张敏",
    kind="创投机构",
    district="南沙区",
    free_text="今年投了一家广州的初创期科技企业8000万，已到账",
)


def _values(form: ConsultForm) -> list[Any]:
    return [getattr(form, f.name) for f in fields(ConsultForm)]


@pytest.fixture(scope="module")
def engine(served_app: ServedApp):
    return create_engine_for_url(served_app.database_url)


@pytest.fixture(scope="module")
def tokens(served_app: ServedApp, engine) -> dict[str, str]:
    """Bearer tokens of two officers of different teams and an admin, issued by the served API."""
    users = SqlUserStore(engine)
    people = {"page-a": ("officer", "南沙"), "page-b": ("officer", "天河"), "page-admin": ("admin", None)}
    issued: dict[str, str] = {}
    base = served_app.url.removesuffix("ui/")
    with httpx.Client(base_url=base, trust_env=False, timeout=10) as client:
        for name, (role, team) in people.items():
            users.add(name, PASSWORD, role=role, team=team)  # type: ignore[arg-type]
            reply = client.post("/api/auth/login", json={"username": name, "password": PASSWORD})
            assert reply.status_code == 200, reply.text
            issued[name] = reply.json()["token"]
    return issued


def _client(served_app: ServedApp, token: str | None = None):
    from gradio_client import Client

    headers = {"Authorization": f"Bearer {token}"} if token else None
    return Client(served_app.url, headers=headers, verbose=False, download_files=False)


def _rows(listed: tuple[Any, ...]) -> list[list[str]]:
    table = listed[0]
    return table["data"] if isinstance(table, dict) else table


def _save(client) -> str:
    """Save the example record; its id, read from the status line."""
    status = client.predict("", *_values(NANSHA_VC), api_name="/consult_save")[0]
    assert "已保存咨询记录" in status, status
    return status.split('data-record="', 1)[1].split('"', 1)[0]


def test_the_public_cannot_list_save_open_or_delete_records_through_the_page(served_app, tokens, engine):
    record_id = _save(_client(served_app, tokens["page-a"]))
    records = SqlConsultationStore(engine)
    before = records.search().total
    public = _client(served_app)

    listed = public.predict("", api_name="/consult_list")
    assert _rows(listed) == [] and "请先登录" in listed[1]
    saved = public.predict("", *_values(NANSHA_VC), api_name="/consult_save")
    assert "请先登录" in saved[0] and "南沙某创业投资" not in str(saved)
    opened = public.predict(record_id, api_name="/consult_open")
    assert "请先登录" in opened[0] and "南沙某创业投资" not in str(opened)
    deleted = public.predict(record_id, "", api_name="/consult_delete")
    assert "请先登录" in deleted[0]
    matched = public.predict(*_values(NANSHA_VC), api_name="/consult_match")
    assert "请先登录" in matched and "第三条" not in matched

    assert records.search().total == before  # nothing saved, nothing deleted
    assert records.get(record_id).enterprise == NANSHA_VC.enterprise


def test_an_officer_sees_and_changes_only_their_own_records_through_the_page(served_app, tokens, engine):
    owner, other, admin = (_client(served_app, tokens[name]) for name in ("page-a", "page-b", "page-admin"))
    record_id = _save(owner)
    saved = SqlConsultationStore(engine).get(record_id)
    assert saved.session_id is None

    mine = [row[-1] for row in _rows(owner.predict("", api_name="/consult_list"))]
    assert record_id[:8] in mine
    assert record_id[:8] not in [row[-1] for row in _rows(other.predict("", api_name="/consult_list"))]
    assert record_id[:8] in [row[-1] for row in _rows(admin.predict("", api_name="/consult_list"))]

    refused = other.predict(record_id, api_name="/consult_open")
    assert "没有编号为" in refused[0] and NANSHA_VC.free_text not in str(refused)
    assert "已打开咨询记录" in owner.predict(record_id, api_name="/consult_open")[0]
    assert "只能删除本人保存的记录" in other.predict(record_id, "", api_name="/consult_delete")[0]
    assert "已删除咨询记录" in owner.predict(record_id, "", api_name="/consult_delete")[0]
    assert SqlConsultationStore(engine).search(record_id[:8]).total == 0

    # Every use went to the audit log under the user who made it, the refusals too.
    trail = [(e.actor, e.action, e.detail) for e in SqlAuditLog(engine).entries(record_id=record_id, limit=50)]
    assert ("page-a", "create", NANSHA_VC.enterprise) in trail
    assert ("page-b", "read", "拒绝：不存在或无权查看") in trail
    assert ("page-b", "delete", "拒绝：不存在或无权删除") in trail
    assert ("page-a", "delete", "已删除记录及其对话") in trail
    assert any(actor == "page-a" and action == "export" for actor, action, _ in trail)
