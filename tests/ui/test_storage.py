"""Contract tests of ``SqlSessionStore`` (``assistant/storage``), run on every configured backend.

SQLite (file and in-memory) always; PostgreSQL too when ``POLICY_TEST_POSTGRES_URL`` names a
database (with its driver installed), so both backends pass the same suite.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from assistant.schemas import Answer, Citation, ToolCall
from assistant.session import SessionState
from assistant.settings import Settings
from assistant.storage import (
    SqlSessionStore,
    UnknownMessageError,
    UnknownSessionError,
    create_engine_for,
    create_engine_for_url,
    question_hash,
)
from assistant.understand.model import Facts, Institution, Investment, Question

POSTGRES_URL = os.environ.get("POLICY_TEST_POSTGRES_URL")
BACKENDS = ["sqlite-file", "sqlite-memory"] + (["postgresql"] if POSTGRES_URL else [])


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite-file":
        engine = create_engine_for_url(f"sqlite:///{tmp_path / 'store.db'}")
    elif request.param == "sqlite-memory":
        engine = create_engine_for_url("sqlite://")
    else:
        engine = create_engine_for_url(str(POSTGRES_URL))
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: Engine) -> SqlSessionStore:
    return SqlSessionStore(engine)


def sid() -> str:
    return uuid.uuid4().hex


def state_with_investment() -> SessionState:
    facts = Facts(
        institutions=[Institution(key="self", label="贵机构", place="南沙")],
        investments=[Investment(id=1, amount=Decimal("80000000"), written="8000万", year=2026)],
    )
    pending = Question(slot="stage", text="请问被投企业处于哪个阶段？")
    return SessionState(facts=facts, last_articles=[3], pending=pending, last_rule="article3", turns=1)


def answer(text_: str = "按【第三条】测算……") -> Answer:
    return Answer(
        answer=text_,
        citations=[
            Citation(article=3, title="引导社会资本“投早”“投小”", quote="按照实际到账投资额的 1.5%", units=["市科技局"])
        ],
        tool_calls=[
            ToolCall(name="calculate_article3_award", args={"amount": "80000000"}, result={"award_yuan": 1200000})
        ],
        intent="award_calculation",
    )


def test_unknown_session_loads_as_none(store: SqlSessionStore) -> None:
    assert store.load(sid()) is None
    assert store.history(sid()) is None
    assert store.exists(sid()) is False


def test_state_round_trips_exactly(store: SqlSessionStore) -> None:
    session_id = sid()
    state = state_with_investment()
    store.save(session_id, state, "我们是南沙的创投机构", answer())
    loaded = store.load(session_id)
    assert loaded == state
    assert loaded is not None and loaded.facts.investments[0].amount == Decimal("80000000")


def test_save_records_both_messages_and_updates_the_state(store: SqlSessionStore) -> None:
    session_id = sid()
    store.save(session_id, SessionState(turns=1), "第一问", answer("第一答"))
    store.save(session_id, SessionState(turns=2), "第二问", answer("第二答"))
    history = store.history(session_id)
    assert history is not None
    assert history.state.turns == 2
    assert [(m.role, m.content) for m in history.messages] == [
        ("user", "第一问"),
        ("assistant", "第一答"),
        ("user", "第二问"),
        ("assistant", "第二答"),
    ]
    assert history.messages[1].answer == answer("第一答")
    assert history.messages[0].answer is None
    assert history.created_at <= history.updated_at
    assert history.created_at.tzinfo is not None


def test_take_last_exchange_is_per_thread_and_read_once(store: SqlSessionStore) -> None:
    session_id = sid()
    store.save(session_id, SessionState(), "问", answer())
    saved = store.take_last_exchange()
    assert saved is not None and saved.session_id == session_id
    assert saved.answer_message_id == saved.user_message_id + 1
    assert store.take_last_exchange() is None
    seen: list[object] = []
    thread = threading.Thread(target=lambda: seen.append(store.take_last_exchange()))
    store.save(session_id, SessionState(), "问", answer())
    thread.start()
    thread.join()
    assert seen == [None]


def test_put_state_creates_or_overwrites_without_messages(store: SqlSessionStore) -> None:
    session_id = sid()
    store.put_state(session_id, SessionState(turns=5))
    store.put_state(session_id, state_with_investment())
    history = store.history(session_id)
    assert history is not None and history.messages == []
    assert history.state == state_with_investment()


def test_feedback(store: SqlSessionStore) -> None:
    session_id = sid()
    store.save(session_id, SessionState(), "问", answer())
    saved = store.take_last_exchange()
    assert saved is not None
    first = store.add_feedback(session_id, 1, "有用", saved.answer_message_id)
    second = store.add_feedback(session_id, -1)
    assert second > first
    with pytest.raises(UnknownSessionError):
        store.add_feedback(sid(), 1)
    with pytest.raises(UnknownMessageError):
        store.add_feedback(session_id, 1, message_id=saved.answer_message_id + 1000)
    with pytest.raises(ValueError, match="评分"):
        store.add_feedback(session_id, 0)


def test_feedback_message_must_belong_to_the_session(store: SqlSessionStore) -> None:
    one, two = sid(), sid()
    store.save(one, SessionState(), "问", answer())
    saved = store.take_last_exchange()
    store.save(two, SessionState(), "问", answer())
    assert saved is not None
    with pytest.raises(UnknownMessageError):
        store.add_feedback(two, 1, message_id=saved.answer_message_id)


def test_query_log_keeps_only_a_hash(store: SqlSessionStore, engine: Engine) -> None:
    before = store.count_queries()
    store.log_query(
        "我们公司的秘密问题", intent="policy_question", refused=False, latency_ms=12.3456, cited_articles=[3, 14]
    )
    assert store.count_queries() == before + 1
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text("SELECT * FROM query_log")).all()]
    assert "秘密" not in repr(rows)
    assert any(question_hash("我们公司的秘密问题") in row for row in rows)


def test_question_hash_normalises_width_and_spaces() -> None:
    assert question_hash("第３条  讲什么") == question_hash("第3条 讲什么")
    assert len(question_hash("x")) == 64


def test_concurrent_sessions_from_a_threadpool(store: SqlSessionStore) -> None:
    sessions = [sid() for _ in range(8)]

    def worker(session_id: str) -> None:
        for turn in range(10):
            state = store.load(session_id) or SessionState()
            state.turns += 1
            store.save(session_id, state, f"问{turn}", answer(f"答{turn}"))
            store.log_query(f"问{turn}", intent="policy_question", refused=False, latency_ms=1.0)

    with ThreadPoolExecutor(max_workers=8) as pool:
        for future in [pool.submit(worker, s) for s in sessions]:
            future.result()  # re-raises a worker's error here
    for session_id in sessions:
        history = store.history(session_id)
        assert history is not None and history.state.turns == 10 and len(history.messages) == 20


def test_ping(store: SqlSessionStore) -> None:
    assert store.ping() is True


def test_sqlite_file_uses_wal_and_survives_a_new_engine(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "nested" / "data")
    engine = create_engine_for(settings)  # creates the data dir and the tables
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    session_id = sid()
    SqlSessionStore(engine).save(session_id, state_with_investment(), "问", answer())
    engine.dispose()
    again = SqlSessionStore(create_engine_for(settings))
    assert again.load(session_id) == state_with_investment()
    assert (tmp_path / "nested" / "data" / "policy.db").exists()
