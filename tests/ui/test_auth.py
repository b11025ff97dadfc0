"""Users, password hashing, sign-in tokens, the login endpoints and the ``users`` command."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.settings import Settings
from assistant.storage import SqlUserStore, UserError, create_engine_for_url, purge_older_than
from tests.ui.conftest import PASSWORD, signed_in_client
from ui.api.auth import SignIn, resolve_secret
from ui.cli import main


@pytest.fixture
def users() -> SqlUserStore:
    return SqlUserStore(create_engine_for_url("sqlite://"))


def test_passwords_are_stored_as_argon2_hashes(users: SqlUserStore) -> None:
    users.add("zhangsan", PASSWORD)
    with users._reading() as session:
        from assistant.storage.tables import UserRow

        stored = session.get(UserRow, "zhangsan").password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert users.authenticate("zhangsan", PASSWORD) is not None
    assert users.authenticate("zhangsan", PASSWORD + "x") is None
    assert users.authenticate("lisi", PASSWORD) is None


def test_disabled_users_cannot_sign_in(users: SqlUserStore) -> None:
    users.add("zhangsan", PASSWORD)
    users.set_disabled("zhangsan")
    assert users.authenticate("zhangsan", PASSWORD) is None
    users.set_disabled("zhangsan", False)
    assert users.authenticate("zhangsan", PASSWORD) is not None


@pytest.mark.parametrize(
    ("username", "password", "role", "message"),
    [("a", PASSWORD, "officer", "用户名"), ("zhang", "short", "officer", "口令"), ("zhang", PASSWORD, "boss", "角色")],
)
def test_bad_users_are_refused_in_chinese(
    users: SqlUserStore, username: str, password: str, role: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        users.add(username, password, role=role)  # type: ignore[arg-type]


def test_a_taken_name_is_refused(users: SqlUserStore) -> None:
    users.add("zhangsan", PASSWORD)
    with pytest.raises(UserError, match="已存在"):
        users.add("zhangsan", PASSWORD)


def test_tokens_are_signed_and_expire() -> None:
    sign_in = SignIn(secret="s" * 40, max_age_s=3600)
    token = sign_in.token("zhangsan")
    assert sign_in.username(token) == "zhangsan"
    assert SignIn(secret="t" * 40, max_age_s=3600).username(token) is None
    assert sign_in.username(token[:-2] + "xx") is None
    assert SignIn(secret="s" * 40, max_age_s=-1).username(token) is None


def test_the_generated_secret_is_kept(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    first = resolve_secret(settings)
    assert len(first) >= 40 and resolve_secret(settings) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_login_me_logout(api_app: FastAPI) -> None:
    client = signed_in_client(api_app, "officer-login", team="黄埔")
    me = client.get("/api/auth/me")
    assert me.status_code == 200 and me.json()["team"] == "黄埔" and me.json()["role"] == "officer"
    assert client.post("/api/auth/logout").status_code == 204
    refused = client.get("/api/auth/me")
    assert refused.status_code == 401 and "登录" in refused.json()["detail"]


def test_a_bearer_token_signs_in_and_a_wrong_password_is_401(api_app: FastAPI) -> None:
    signed_in_client(api_app, "officer-token")
    anonymous = TestClient(api_app)
    wrong = anonymous.post("/api/auth/login", json={"username": "officer-token", "password": "wrong-password"})
    assert wrong.status_code == 401 and "口令" in wrong.json()["detail"]
    token = anonymous.post("/api/auth/login", json={"username": "officer-token", "password": PASSWORD}).json()["token"]
    bare = TestClient(api_app)
    assert bare.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    api_app.state.services.users.set_disabled("officer-token")
    assert bare.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_users_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("POLICY_DATA_DIR", str(tmp_path))
    from assistant.settings import get_settings

    get_settings.cache_clear()
    try:
        monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
        assert main(["users", "add", "wangwu", "--role", "admin", "--password-stdin"]) == 0
        assert main(["users", "disable", "wangwu"]) == 0
        assert main(["users", "list"]) == 0
        out = capsys.readouterr().out
        assert "已添加用户：wangwu（管理员）" in out and "wangwu\t管理员\t—\t已停用" in out
        monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
        assert main(["users", "add", "zhaoliu", "--password-stdin"]) == 2
        assert "口令至少" in capsys.readouterr().err
        assert main(["users", "disable", "nobody"]) == 2
    finally:
        get_settings.cache_clear()


def test_purge_deletes_only_old_records_and_sessions() -> None:
    import datetime as dt

    from assistant.storage.tables import SessionRow

    engine = create_engine_for_url("sqlite://")
    store = SqlUserStore(engine)
    old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    with store._writing() as session:
        session.add(SessionRow(id="old", created_at=old, updated_at=old, state_json="{}"))
        session.add(SessionRow(id="new", state_json="{}"))
    assert purge_older_than(engine, 30).sessions == 1
    with store._reading() as session:
        assert session.get(SessionRow, "new") is not None and session.get(SessionRow, "old") is None
    with pytest.raises(ValueError, match="至少"):
        purge_older_than(engine, 0)
