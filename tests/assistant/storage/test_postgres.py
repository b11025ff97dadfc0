"""The storage engine on a real PostgreSQL (Debian's server, started on a temp dir by the test).

The same behaviour as on SQLite: sessions with versioned saves, history, feedback, the query log,
consultation records; and turns of one session from two "replicas" (two engines) lose nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine

from assistant.consultation.profile import EnterpriseProfile
from assistant.consultation.record import ConsultationRecord
from assistant.schemas import Answer
from assistant.session import NEW_SESSION, SessionConflictError, SessionState
from assistant.storage import SqlConsultationStore, SqlSessionStore, create_engine_for_url
from deploy.postgres import PostgresUnavailableError, temporary_postgres

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    # make installs the [postgres] extra and Debian's postgresql: a missing one is a broken setup, not a skip.
    try:
        with temporary_postgres() as server:
            yield server.url
    except PostgresUnavailableError as exc:
        pytest.fail(f"{exc}（make test 会安装 postgresql 与 psycopg）")


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    engine = create_engine_for_url(postgres_url)
    yield engine
    engine.dispose()


def test_the_engine_is_postgresql(engine: Engine) -> None:
    assert engine.dialect.name == "postgresql"
    assert SqlSessionStore(engine).ping()


def test_versioned_saves_refuse_a_stale_turn(engine: Engine) -> None:
    store = SqlSessionStore(engine)
    store.save("pg-cas", SessionState(turns=1), "一", Answer(answer="好"), version=NEW_SESSION)
    _, version = store.load_versioned("pg-cas")
    store.save("pg-cas", SessionState(turns=2), "二", Answer(answer="好"), version=version)
    with pytest.raises(SessionConflictError):
        store.save("pg-cas", SessionState(turns=9), "旧", Answer(answer="好"), version=version)
    with pytest.raises(SessionConflictError):
        store.save("pg-cas", SessionState(turns=9), "新", Answer(answer="好"), version=NEW_SESSION)
    store.put_state("pg-cas", SessionState(turns=3))
    history = store.history("pg-cas")
    assert history is not None and history.state.turns == 3
    assert [m.content for m in history.messages] == ["一", "好", "二", "好"]


def test_feedback_and_the_query_log(engine: Engine) -> None:
    store = SqlSessionStore(engine)
    store.save("pg-feedback", SessionState(), "问", Answer(answer="答"))
    saved = store.take_last_exchange()
    assert saved is not None
    feedback = store.add_feedback("pg-feedback", 1, "有用", message_id=saved.answer_message_id)
    store.comment_feedback(feedback, "很有用")
    before = store.count_queries()
    store.log_query("第三条讲什么？", intent="article_lookup", refused=False, latency_ms=12.5, cited_articles=[3])
    assert store.count_queries() == before + 1


def test_consultation_records_round_trip_and_search(engine: Engine) -> None:
    records = SqlConsultationStore(engine)
    saved = records.add(
        ConsultationRecord(
            date=dt.date(2026, 3, 1), enterprise="南沙某创投100%_", profile=EnterpriseProfile(kind="创投机构")
        )
    )
    assert records.get(saved.id) == saved
    assert records.search("100%_").total == 1
    assert records.search("南沙 不存在").total == 0


def test_parallel_turns_from_two_replicas_lose_nothing(postgres_url: str, knowledge) -> None:
    from assistant.answer.answerer import GroundedAnswerer
    from assistant.retrieve.hybrid import HybridSearch
    from assistant.service import PolicyAssistant
    from ui.api.session_race import FIRST, statement

    replicas = []
    for _ in range(2):
        store = SqlSessionStore(create_engine_for_url(postgres_url))
        replicas.append(
            PolicyAssistant(knowledge, GroundedAnswerer(knowledge, HybridSearch(knowledge), this_year=2026), store)
        )
    first = replicas[0].chat(FIRST)
    texts = [statement(n) for n in range(8)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: replicas[n % 2].chat(texts[n], first.session_id), range(8)))
    history = replicas[1].sessions.history(first.session_id)
    assert history is not None
    assert history.state.turns == 9
    assert sum(1 for m in history.messages if m.role == "user") == 9
    assert all(t in history.state.statements for t in [FIRST, *texts])


def test_replicas_starting_together_on_a_fresh_database_all_create_the_schema(postgres_url: str) -> None:
    # Three processes, as three replicas starting at once: without the schema lock most of them
    # fail on PostgreSQL's catalog (a duplicate type name from two CREATE TABLEs at once).
    import subprocess
    import sys

    from sqlalchemy import create_engine, text

    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE replicas_start"))
    admin.dispose()
    url = postgres_url.rsplit("/", 1)[0] + "/replicas_start"
    code = "import sys; from assistant.storage import create_engine_for_url; create_engine_for_url(sys.argv[1])"
    starts = [subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE, text=True) for _ in range(3)]
    failures = [err for err in (p.communicate(timeout=120)[1] for p in starts) if "Error" in err]
    assert [p.returncode for p in starts] == [0, 0, 0], failures[:1]
    engine = create_engine_for_url(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sessions")).scalar() == 0
    engine.dispose()
