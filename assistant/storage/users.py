"""Officers and administrators who sign in: the ``users`` table, with argon2 password hashes.

The public chats without an account; only 特派员 (``officer``) and administrators (``admin``) have
rows. Passwords are hashed with argon2id (argon2-cffi's defaults), never stored or logged.

Example:
    >>> from assistant.storage import create_engine_for_url
    >>> users = SqlUserStore(create_engine_for_url("sqlite://"))
    >>> users.add("zhangsan", "一个足够长的口令", role="officer", team="南沙").role
    'officer'
    >>> users.authenticate("zhangsan", "一个足够长的口令").team
    '南沙'
    >>> users.authenticate("zhangsan", "wrong") is None
    True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, select

from assistant.storage.base import SqlStore
from assistant.storage.errors import StorageError
from assistant.storage.tables import TEAM_MAX, USERNAME_MAX, UserRow

__all__ = ["MIN_PASSWORD_CHARS", "Role", "SqlUserStore", "User", "UserError"]

Role = Literal["officer", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
MIN_PASSWORD_CHARS = 10
_USERNAME = re.compile(rf"[A-Za-z0-9_.@-]{{2,{USERNAME_MAX}}}")


class UserError(StorageError, ValueError):
    """The caller's mistake about a user: a taken or unknown name, a weak password, a bad role."""


@dataclass(frozen=True)
class User:
    """A signed-in person: who, in which role and team."""

    username: str
    role: Role
    team: str | None = None
    display_name: str = ""
    disabled: bool = False
    created_at: dt.datetime | None = None

    @property
    def is_admin(self) -> bool:
        """Whether the user administers the service (sees every record and the audit log)."""
        return self.role == "admin"


def _user(row: UserRow) -> User:
    role: Role = "admin" if row.role == "admin" else "officer"
    return User(
        username=row.username,
        role=role,
        team=row.team,
        display_name=row.display_name,
        disabled=row.disabled,
        created_at=row.created_at,
    )


def check_new_user(username: str, password: str, role: str, team: str | None) -> None:
    """Refuse a user that could not sign in or be told apart, with a Chinese message saying what to fix.

    Raises:
        UserError: The name, password, role or team is not acceptable.
    """
    if not _USERNAME.fullmatch(username):
        raise UserError(f"用户名须为 2–{USERNAME_MAX} 个字母、数字或 _ . @ -，收到：{username!r}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise UserError(f"口令至少 {MIN_PASSWORD_CHARS} 个字符（收到 {len(password)} 个）")
    if role not in ROLES:
        raise UserError(f"角色应为 officer（特派员）或 admin（管理员），收到：{role!r}")
    if team is not None and not (0 < len(team.strip()) <= TEAM_MAX):
        raise UserError(f"团队/区名称须为 1–{TEAM_MAX} 个字符")


class SqlUserStore(SqlStore):
    """The ``users`` table: add, list, disable, and check a password."""

    def __init__(self, engine: Engine, hasher: PasswordHasher | None = None) -> None:
        super().__init__(engine)
        self._hasher = hasher or PasswordHasher()
        # A hash to verify against when the name is unknown, so a wrong name costs as long as a wrong password.
        self._dummy_hash = self._hasher.hash("no such user")

    def add(
        self, username: str, password: str, *, role: Role = "officer", team: str | None = None, display_name: str = ""
    ) -> User:
        """Create a user.

        Raises:
            UserError: The name is taken, or the name, password, role or team is not acceptable.
            StorageUnavailableError: The database failed to answer.
        """
        team = team.strip() if team else None
        check_new_user(username, password, role, team)
        row = UserRow(
            username=username,
            role=role,
            team=team,
            display_name=display_name,
            password_hash=self._hasher.hash(password),
        )
        with self._writing() as session:
            if session.get(UserRow, username) is not None:
                raise UserError(f"用户已存在：{username}")
            session.add(row)
            session.flush()
            return _user(row)

    def get(self, username: str) -> User | None:
        """The user with that name (disabled ones too), or None."""
        if not _USERNAME.fullmatch(username):
            return None
        with self._reading() as session:
            row = session.get(UserRow, username)
            return _user(row) if row is not None else None

    def list(self) -> list[User]:
        """Every user, by name."""
        with self._reading() as session:
            return [_user(row) for row in session.scalars(select(UserRow).order_by(UserRow.username))]

    def count_admins(self) -> int:
        """How many enabled administrators exist (0 on a fresh install)."""
        with self._reading() as session:
            enabled_admin = (UserRow.role == "admin", UserRow.disabled.is_(False))
            query = select(func.count()).select_from(UserRow).where(*enabled_admin)
            return int(session.scalar(query) or 0)

    def set_disabled(self, username: str, disabled: bool = True) -> User:
        """Disable (or enable again) a user; a disabled user cannot sign in and its sign-ins stop working.

        Raises:
            UserError: No user has that name.
        """
        with self._writing() as session:
            row = session.get(UserRow, username) if _USERNAME.fullmatch(username) else None
            if row is None:
                raise UserError(f"用户不存在：{username}")
            row.disabled = disabled
            session.flush()
            return _user(row)

    def authenticate(self, username: str, password: str) -> User | None:
        """The enabled user whose password this is, or None (unknown name, wrong password, disabled)."""
        row_hash: str | None = None
        user: User | None = None
        if _USERNAME.fullmatch(username):
            with self._reading() as session:
                row = session.get(UserRow, username)
                if row is not None:
                    row_hash, user = row.password_hash, _user(row)
        try:
            self._hasher.verify(row_hash or self._dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None or user.disabled:
            return None
        return user
