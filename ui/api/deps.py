"""What the endpoints depend on, as ``Annotated`` aliases (override them with ``app.dependency_overrides``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request

from assistant.consultation import ConsultationDesk
from assistant.outreach.jobs import OutreachJobs
from assistant.service import PolicyAssistant
from assistant.settings import Settings
from assistant.storage import (
    OfficerJobs,
    OfficerRecords,
    SqlAuditLog,
    SqlConsultationStore,
    SqlOutreachJobStore,
    SqlSessionStore,
    SqlUserStore,
    User,
)
from assistant.storage.tables import REQUEST_ID_MAX
from corpus.registry import Registry
from ui.api.auth import SignIn, current_user
from ui.api.errors import ApiError


@dataclass
class AppServices:
    """Everything one app instance holds: built once by ``create_app``, shared by all requests."""

    settings: Settings
    assistant: PolicyAssistant
    store: SqlSessionStore
    registry: Registry
    version: str
    consultations: ConsultationDesk
    records: SqlConsultationStore
    users: SqlUserStore
    audit: SqlAuditLog
    sign_in: SignIn
    outreach: OutreachJobs
    outreach_jobs: SqlOutreachJobStore

    def officer_jobs(self, user: User) -> OfficerJobs:
        """The batch jobs of enterprise lists as ``user`` may use them (scoped and audited)."""
        return OfficerJobs(self.outreach, self.outreach_jobs, self.audit, user)

    def officer_records(self, user: User) -> OfficerRecords:
        """The consultation records as ``user`` may use them (scoped and audited)."""
        return OfficerRecords(self.records, self.audit, user)


def get_services(request: Request) -> AppServices:
    """The app's services."""
    services: AppServices = request.app.state.services
    return services


ServicesDep = Annotated[AppServices, Depends(get_services)]


def get_settings(services: ServicesDep) -> Settings:
    """The app's settings."""
    return services.settings


def get_assistant(services: ServicesDep) -> PolicyAssistant:
    """The app's assistant."""
    return services.assistant


def get_store(services: ServicesDep) -> SqlSessionStore:
    """The app's database store."""
    return services.store


def get_consultations(services: ServicesDep) -> ConsultationDesk:
    """The app's consultation desk."""
    return services.consultations


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[PolicyAssistant, Depends(get_assistant)]
StoreDep = Annotated[SqlSessionStore, Depends(get_store)]
ConsultationsDep = Annotated[ConsultationDesk, Depends(get_consultations)]


def get_current_user(request: Request, services: ServicesDep) -> User | None:
    """The signed-in officer or administrator, or None for the public."""
    return current_user(request, services.sign_in, services.users)


CurrentUserDep = Annotated[User | None, Depends(get_current_user)]


def require_officer(user: CurrentUserDep) -> User:
    """The signed-in officer or administrator; 401 for the public."""
    if user is None:
        raise ApiError(401, "请先以特派员或管理员身份登录（POST /api/auth/login）。")
    return user


def require_admin(user: CurrentUserDep) -> User:
    """The signed-in administrator; 401 for the public, 403 for an officer."""
    if user is None:
        raise ApiError(401, "请先以管理员身份登录（POST /api/auth/login）。")
    if not user.is_admin:
        raise ApiError(403, "需要管理员权限。")
    return user


OfficerDep = Annotated[User, Depends(require_officer)]
AdminDep = Annotated[User, Depends(require_admin)]


def _usable_key(value: str | None) -> str | None:
    # Printable ASCII only, bounded: anything else is no key (the turn is answered as usual).
    if value is None or not 1 <= len(value) <= REQUEST_ID_MAX or not value.isascii() or not value.isprintable():
        return None
    return value


def get_request_key(
    idempotency_key: Annotated[
        str | None,
        Header(description="客户端自定的请求键：同一会话中以同一键重发同一条消息，返回已保存的回答，不重复记录"),
    ] = None,
    x_request_id: Annotated[
        str | None, Header(description="反向代理为每个请求生成的编号（nginx 的 $request_id）；转发重试时不变")
    ] = None,
) -> str | None:
    """The key a retried turn is known by: the client's ``Idempotency-Key``, else the proxy's ``X-Request-ID``."""
    return _usable_key(idempotency_key) or _usable_key(x_request_id)


RequestKeyDep = Annotated[str | None, Depends(get_request_key)]
