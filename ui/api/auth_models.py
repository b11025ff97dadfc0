"""API shapes of sign-in and the audit log (separate from the storage rows)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from assistant.storage import AuditEntry, User


class LoginRequest(BaseModel):
    """A user name and password."""

    username: str = Field(min_length=1, max_length=64, description="用户名")
    password: str = Field(min_length=1, max_length=1024, description="口令")


class UserOut(BaseModel):
    """Who is signed in."""

    username: str
    role: Literal["officer", "admin"] = Field(description="officer：特派员；admin：管理员")
    team: str | None = Field(None, description="所属团队或区（同团队的特派员可互看记录）")
    display_name: str = ""

    @classmethod
    def of(cls, user: User) -> UserOut:
        """The public view of a user (never the password hash)."""
        return cls(username=user.username, role=user.role, team=user.team, display_name=user.display_name)


class LoginResponse(UserOut):
    """The signed-in user and the token (also set as a cookie) for clients that send ``Authorization: Bearer``."""

    token: str


class AuditEntryOut(BaseModel):
    """One read, export or change of a record."""

    id: int
    at: dt.datetime
    actor: str = Field(description="操作者用户名")
    action: str = Field(description="create / read / list / export / delete / purge")
    record_id: str | None = None
    detail: str = ""

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditEntryOut:
        """The API view of a log line."""
        return cls(
            id=entry.id,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            record_id=entry.record_id,
            detail=entry.detail,
        )


class AuditPage(BaseModel):
    """The newest audit lines first, and how many there are in all."""

    items: list[AuditEntryOut] = Field(default_factory=list)
    total: int = 0
