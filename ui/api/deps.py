"""What the endpoints depend on, as ``Annotated`` aliases (override them with ``app.dependency_overrides``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from assistant.consultation import ConsultationDesk
from assistant.service import PolicyAssistant
from assistant.settings import Settings
from assistant.storage import SqlSessionStore
from corpus.registry import Registry


@dataclass
class AppServices:
    """Everything one app instance holds: built once by ``create_app``, shared by all requests."""

    settings: Settings
    assistant: PolicyAssistant
    store: SqlSessionStore
    registry: Registry
    version: str
    consultations: ConsultationDesk


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
