"""The batch jobs' table: who sees a job, its results once done, and jobs a stopped server left running."""

from __future__ import annotations

import pytest

from assistant.outreach.batch import BatchCounts
from assistant.outreach.errors import OutreachJobNotReadyError, OutreachResultMissingError, UnknownOutreachJobError
from assistant.storage import RecordScope, SqlOutreachJobStore, create_engine_for_url
from assistant.storage.outreach_jobs import INTERRUPTED


@pytest.fixture
def store() -> SqlOutreachJobStore:
    return SqlOutreachJobStore(create_engine_for_url("sqlite://"))


def test_a_job_is_seen_by_its_officer_their_team_and_administrators(store) -> None:
    job = store.create("名单.csv", 3, b"data", "zhangsan", "南沙")
    assert store.get(job.id, RecordScope("zhangsan")).filename == "名单.csv"
    assert store.get(job.id, RecordScope("lisi", "南沙")).total == 3
    assert store.get(job.id, None).status == "running"
    for outsider in (RecordScope("wangwu", "天河"), RecordScope("wangwu")):
        with pytest.raises(UnknownOutreachJobError):
            store.get(job.id, outsider)
    with pytest.raises(UnknownOutreachJobError):
        store.get("x" * 40, None)


def test_results_once_done_and_not_before(store) -> None:
    job = store.create("名单.csv", 2, b"data", "zhangsan", None)
    store.progress(job.id, 1)
    assert store.get(job.id, None).done == 1
    with pytest.raises(OutreachJobNotReadyError, match="仍在进行"):
        store.result(job.id, "xlsx", None)
    store.finish(job.id, BatchCounts(read=2, matched=1, unmatched=1), b"PK-workbook", "# 报告", None)
    done = store.get(job.id, None)
    assert done.status == "done" and done.counts == BatchCounts(read=2, matched=1, unmatched=1)
    assert done.finished_at is not None
    assert store.result(job.id, "xlsx", None)[1] == b"PK-workbook"
    assert store.result(job.id, "md", None)[1].decode("utf-8") == "# 报告"
    with pytest.raises(OutreachResultMissingError, match="中文字体"):
        store.result(job.id, "pdf", None)
    assert store.source(job.id, None)[1] == b"data"


def test_jobs_left_running_by_a_stopped_server_are_marked_failed(store) -> None:
    running = store.create("名单.csv", 2, b"data", "zhangsan", None)
    finished = store.create("旧名单.csv", 1, b"data", "zhangsan", None)
    store.finish(finished.id, BatchCounts(read=1, matched=1), b"x", "y", b"%PDF")
    assert store.abandon_running() == 1
    failed = store.get(running.id, None)
    assert failed.status == "failed" and failed.error == INTERRUPTED
    assert store.get(finished.id, None).status == "done"
    with pytest.raises(OutreachJobNotReadyError, match="已失败"):
        store.result(running.id, "xlsx", None)


def test_retention_deletes_old_lists_with_the_records() -> None:
    import datetime as dt

    from assistant.storage import purge_older_than

    engine = create_engine_for_url("sqlite://")
    store = SqlOutreachJobStore(engine)
    job = store.create("名单.csv", 1, b"data", "zhangsan", None)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    assert purge_older_than(engine, 60, now=later).jobs == 0
    assert purge_older_than(engine, 30, now=later).jobs == 1
    with pytest.raises(UnknownOutreachJobError):
        store.get(job.id, None)
