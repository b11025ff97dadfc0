"""Contract tests of the consultation stores: the in-memory one and ``SqlConsultationStore`` pass the same suite.

SQLite (file and in-memory) always; PostgreSQL too when ``POLICY_TEST_POSTGRES_URL`` names a
database (with its driver installed).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from assistant.consultation.build import build_record
from assistant.consultation.enrich import enrich_profile
from assistant.consultation.matching import match_profile
from assistant.consultation.record import ConsultationDraft, ConsultationRecord
from assistant.consultation.store import (
    ConsultationStore,
    MemoryConsultationStore,
    UnknownConsultationError,
    search_text,
)
from assistant.storage import SqlConsultationStore, SqlSessionStore, create_engine_for_url
from corpus.paths import POLICY_PATH
from corpus.records import Article
from ingest.parse import parse_policy

POSTGRES_URL = os.environ.get("POLICY_TEST_POSTGRES_URL")
BACKENDS = ["memory", "sqlite-file", "sqlite-memory"] + (["postgresql"] if POSTGRES_URL else [])
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def articles() -> dict[int, Article]:
    return {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}


def make_record(
    articles: Mapping[int, Article],
    enterprise: str,
    profile: dict[str, Any],
    officers: Sequence[dict[str, str]] = (),
    notes: str | None = None,
) -> ConsultationRecord:
    """A record as the desk builds it, from a draft and the real matcher."""
    draft = ConsultationDraft(enterprise=enterprise, profile=profile, officers=list(officers), notes=notes)
    enriched = enrich_profile(draft.profile, this_year=TODAY.year)
    result = match_profile(enriched, articles=articles, this_year=TODAY.year)
    return build_record(draft, result, articles, today=TODAY, profile=enriched)


@pytest.fixture
def venture(articles: dict[int, Article]) -> ConsultationRecord:
    return make_record(
        articles,
        "南沙某创投基金",
        {
            "kind": "创投机构",
            "district": "南沙",
            "investments_made": [
                {"amount": "8000万", "year": 2026, "investee_stage": "初创期", "investee_in_guangzhou": True}
            ],
        },
        officers=[
            {"name": "张三", "organization": "广州银行", "side": "银行"},
            {"name": "李四", "organization": "越秀产业基金", "side": "投资机构"},
        ],
        notes="下周回访",
    )


@pytest.fixture
def law_firm(articles: dict[int, Article]) -> ConsultationRecord:
    return make_record(
        articles, "天河某律师事务所", {"kind": "律所", "district": "天河区"}, officers=[{"name": "王五"}]
    )


@pytest.fixture
def odd(articles: dict[int, Article]) -> ConsultationRecord:
    return make_record(articles, "Odd_Name 科技", {"kind": "科技型中小企业", "district": "海珠区"}, notes="持股100%")


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConsultationStore]:
    if request.param == "memory":
        yield MemoryConsultationStore()
        return
    if request.param == "sqlite-file":
        engine = create_engine_for_url(f"sqlite:///{tmp_path / 'consultations.db'}")
    elif request.param == "sqlite-memory":
        engine = create_engine_for_url("sqlite://")
    else:
        engine = create_engine_for_url(str(POSTGRES_URL))
    yield SqlConsultationStore(engine)
    engine.dispose()


def found(store: ConsultationStore, query: str | None) -> list[str]:
    return [item.id for item in store.search(query, limit=100).items]


def test_add_sets_id_and_time_and_get_round_trips_exactly(
    store: ConsultationStore, venture: ConsultationRecord
) -> None:
    assert venture.id is None and venture.articles[0] == 3
    saved = store.add(venture)
    assert saved.id and saved.created_at is not None and saved.created_at.tzinfo is not None
    assert saved.model_copy(update={"id": None, "created_at": None}) == venture
    loaded = store.get(saved.id)
    assert loaded == saved
    assert loaded.model_dump(mode="json") == saved.model_dump(mode="json")
    assert loaded.profile.investments_made[0].amount == saved.profile.investments_made[0].amount


def test_add_does_not_share_state_with_the_caller(store: ConsultationStore, venture: ConsultationRecord) -> None:
    saved = store.add(venture)
    assert saved.id is not None
    saved.follow_ups.append("改了也不影响已保存的记录")
    assert store.get(saved.id).follow_ups == []


def test_each_add_gets_a_new_id(store: ConsultationStore, venture: ConsultationRecord) -> None:
    first, second = store.add(venture), store.add(venture)
    assert first.id != second.id
    assert store.search(None).total == 2


def test_unknown_id(store: ConsultationStore) -> None:
    for record_id in ("0" * 32, "no-such-record", "", "x" * 500, "a\x00b"):
        with pytest.raises(UnknownConsultationError, match="咨询记录不存在"):
            store.get(record_id)


def test_search_by_enterprise_officer_article_unit_and_district(
    store: ConsultationStore, venture: ConsultationRecord, law_firm: ConsultationRecord
) -> None:
    v, law = store.add(venture), store.add(law_firm)
    assert found(store, "南沙某创投") == [v.id]
    assert found(store, "律师事务所") == [law.id]
    assert found(store, "张三") == [v.id]
    assert found(store, "王五") == [law.id]
    assert found(store, "越秀产业基金") == [v.id]
    assert found(store, "第三条") == [v.id]
    assert found(store, "第25条") == [law.id]
    assert found(store, "市市场监管局") == [law.id]
    assert found(store, "南沙区") == [v.id]
    assert found(store, "天河区") == [law.id]
    assert found(store, "回访") == [v.id]
    assert found(store, "2026-11-25") == [law.id, v.id]
    assert found(store, "北京") == []


def test_search_needs_every_word(
    store: ConsultationStore, venture: ConsultationRecord, law_firm: ConsultationRecord
) -> None:
    v, law = store.add(venture), store.add(law_firm)
    assert found(store, "张三 第三条") == [v.id]
    assert found(store, "  张三\t南沙区\n") == [v.id]
    assert found(store, "张三 天河区") == []
    assert sorted(found(store, "")) == sorted([v.id, law.id])
    assert sorted(found(store, "   ")) == sorted([v.id, law.id])


def test_search_ignores_case(store: ConsultationStore, odd: ConsultationRecord) -> None:
    saved = store.add(odd)
    assert found(store, "ODD_NAME") == [saved.id]
    assert found(store, "odd_name 科技") == [saved.id]


def test_percent_and_underscore_are_literal(
    store: ConsultationStore, venture: ConsultationRecord, law_firm: ConsultationRecord, odd: ConsultationRecord
) -> None:
    for plain in (venture, law_firm):
        assert "%" not in search_text(plain) and "_" not in search_text(plain)
    store.add(venture)
    store.add(law_firm)
    saved = store.add(odd)
    assert found(store, "%") == [saved.id]
    assert found(store, "100%") == [saved.id]
    assert found(store, "_") == [saved.id]
    assert found(store, "odd_") == [saved.id]
    assert found(store, "o_d") == []
    assert found(store, "1%0") == []
    assert found(store, "/") == []
    assert found(store, "\\") == []


def test_paging_newest_first_with_total(store: ConsultationStore, articles: dict[int, Article]) -> None:
    saved = [
        store.add(make_record(articles, f"第{n}家企业", {"kind": "科技型中小企业", "district": "海珠区"}))
        for n in range(5)
    ]
    newest_first = [r.id for r in reversed(saved)]
    pages = [store.search("海珠区", limit=2, offset=offset) for offset in (0, 2, 4, 6)]
    assert [p.total for p in pages] == [5, 5, 5, 5]
    assert [item.id for p in pages for item in p.items] == newest_first
    assert [len(p.items) for p in pages] == [2, 2, 1, 0]
    assert store.search("海珠区", limit=0).items == []
    assert store.search("第3家", limit=2).total == 1


def test_summary_lines(store: ConsultationStore, venture: ConsultationRecord) -> None:
    saved = store.add(venture)
    (item,) = store.search("张三").items
    assert item.id == saved.id and item.created_at == saved.created_at
    assert item.date == TODAY
    assert item.enterprise == "南沙某创投基金"
    assert item.officers == ["张三（广州银行）", "李四（越秀产业基金）"]
    assert (item.kind, item.district) == ("创投机构", "南沙区")
    assert item.articles == saved.articles and item.articles[0] == 3


def test_a_record_survives_a_new_engine_on_the_same_file(tmp_path: Path, venture: ConsultationRecord) -> None:
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    first = create_engine_for_url(url)
    saved = SqlConsultationStore(first).add(venture)
    first.dispose()
    second = create_engine_for_url(url)
    try:
        store = SqlConsultationStore(second)
        assert saved.id is not None
        assert store.get(saved.id) == saved
        assert found(store, "张三") == [saved.id]
    finally:
        second.dispose()


def test_stores_on_one_engine_share_its_locks() -> None:
    engine: Engine = create_engine_for_url("sqlite://")
    sessions, consultations = SqlSessionStore(engine), SqlConsultationStore(engine)
    assert consultations._write_lock is sessions._write_lock
    assert consultations._read_lock is sessions._read_lock
    engine.dispose()
