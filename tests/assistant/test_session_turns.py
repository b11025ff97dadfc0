"""Turns of one session never overwrite each other: versioned saves, per-session locks, retries."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from assistant.schemas import Answer
from assistant.session import NEW_SESSION, MemorySessionStore, SessionConflictError, SessionLocks, SessionState
from assistant.storage import SqlSessionStore, create_engine_for_url


def answer(text_: str = "好的") -> Answer:
    return Answer(answer=text_)


@pytest.fixture(params=["sql", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "memory":
        return MemorySessionStore()
    return SqlSessionStore(create_engine_for_url(f"sqlite:///{tmp_path / 'turns.db'}"))


def test_a_save_over_a_stale_version_is_refused_and_changes_nothing(store) -> None:
    assert store.load_versioned("s") == (None, NEW_SESSION)
    store.save("s", SessionState(turns=1), "一", answer(), version=NEW_SESSION)
    state, version = store.load_versioned("s")
    assert state is not None and state.turns == 1
    store.save("s", SessionState(turns=2), "二", answer(), version=version)
    with pytest.raises(SessionConflictError):
        store.save("s", SessionState(turns=99), "旧", answer(), version=version)
    with pytest.raises(SessionConflictError):
        store.save("s", SessionState(turns=99), "新会话", answer(), version=NEW_SESSION)
    state, newer = store.load_versioned("s")
    assert state is not None and state.turns == 2 and newer == version + 1


def test_an_unversioned_save_still_bumps_the_version(store) -> None:
    store.save("s", SessionState(), "一", answer())
    _, version = store.load_versioned("s")
    store.save("s", SessionState(turns=5), "二", answer())
    with pytest.raises(SessionConflictError):
        store.save("s", SessionState(), "三", answer(), version=version)


def test_put_state_makes_a_turn_in_flight_answer_again(tmp_path: Path) -> None:
    store = SqlSessionStore(create_engine_for_url(f"sqlite:///{tmp_path / 'fork.db'}"))
    store.put_state("s", SessionState(turns=1))
    _, version = store.load_versioned("s")
    store.put_state("s", SessionState(turns=2))
    with pytest.raises(SessionConflictError):
        store.save("s", SessionState(), "一", answer(), version=version)


def test_a_database_from_before_versions_gets_the_column(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = create_engine(f"sqlite:///{path}")
    with old.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE sessions (id VARCHAR(64) PRIMARY KEY, created_at DATETIME, updated_at DATETIME, state_json TEXT)"
            )
        )
        connection.execute(
            text("INSERT INTO sessions VALUES ('s', '2026-01-01', '2026-01-01', :state)"),
            {"state": SessionState(turns=3).model_dump_json()},
        )
    old.dispose()
    store = SqlSessionStore(create_engine_for_url(f"sqlite:///{path}"))
    state, version = store.load_versioned("s")
    assert state is not None and state.turns == 3 and version == 1
    store.save("s", SessionState(turns=4), "四", answer(), version=version)
    assert store.load("s").turns == 4


def test_session_locks_queue_one_session_and_leave_others_free() -> None:
    locks = SessionLocks()
    inside: list[str] = []
    overlap = threading.Event()
    release = threading.Event()

    def hold(session: str) -> None:
        with locks.hold(session):
            inside.append(session)
            if inside.count("a") > 1 and len(inside) == len(set(inside)):
                overlap.set()
            release.wait(5)
            inside.remove(session)

    with ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(hold, s) for s in ("a", "a", "b")]
        for _ in range(50):
            if sorted(inside) == ["a", "b"]:
                break
            threading.Event().wait(0.02)
        # One "a" and the "b" are inside; the second "a" waits for the first.
        assert sorted(inside) == ["a", "b"]
        release.set()
        for future in futures:
            future.result()
    assert not overlap.is_set()
    assert len(locks) == 0


def test_parallel_turns_in_one_process_lose_nothing(assistant) -> None:
    from ui.api.session_race import FIRST, statement

    first = assistant.chat(FIRST)
    texts = [statement(n) for n in range(8)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda t: assistant.chat(t, first.session_id), texts))
    state = assistant.sessions.load(first.session_id)
    assert state.turns == 9
    assert all(t in state.statements for t in [FIRST, *texts])
    assert len(assistant.sessions.transcript(first.session_id)) == 9


def test_a_request_id_finds_its_answer_only_for_its_message(store) -> None:
    store.save("s", SessionState(turns=1), "一", answer("甲"), version=NEW_SESSION, request_id="r1")
    store.save("s", SessionState(turns=2), "二", answer("乙"), version=1)
    assert store.replay("s", "r1", "一") == answer("甲")
    assert store.replay("s", "r1", "别的") is None  # the same key on another message is no retry
    assert store.replay("s", "r2", "二") is None
    assert store.replay("other", "r1", "一") is None


def test_a_retry_that_lost_the_race_to_its_own_first_attempt_is_not_stored_again(knowledge) -> None:
    """Replica B loads the session, then replica A stores the same request: B answers from the store."""
    from assistant.answer.answerer import GroundedAnswerer
    from assistant.retrieve.hybrid import HybridSearch
    from assistant.service import PolicyAssistant

    shared = MemorySessionStore()
    grounded = GroundedAnswerer(knowledge, HybridSearch(knowledge), this_year=2026)
    first = PolicyAssistant(knowledge, grounded, shared)
    opened = first.chat("我们是深圳南山的创投机构，投资广州一家初创期企业。")
    message = "今年到账2000万，奖励多少？"

    class Racing(MemorySessionStore):
        """Shares ``shared``'s data; on its first load, the other replica stores the request first."""

        def __init__(self) -> None:
            self.__dict__ = shared.__dict__
            self.raced = False

        def load_versioned(self, session_id: str):
            loaded = MemorySessionStore.load_versioned(self, session_id)
            if not self.raced:
                self.raced = True
                first.chat(message, session_id, request_id="retry-1")
            return loaded

    second = PolicyAssistant(knowledge, grounded, Racing())
    reply = second.chat(message, opened.session_id, request_id="retry-1")
    assert reply.replayed and "30万" in reply.answer.answer
    assert [m for m, _ in shared.transcript(opened.session_id)].count(message) == 1
