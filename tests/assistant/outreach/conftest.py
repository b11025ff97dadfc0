"""A desk over the session's knowledge base with a fixed today, as the 特派员 tab's tests use."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.consultation import ConsultationDesk
from assistant.consultation.store import MemoryConsultationStore

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def desk(knowledge) -> ConsultationDesk:
    return ConsultationDesk(knowledge, MemoryConsultationStore(), today=lambda: TODAY)
