"""``/api/outreach/jobs``: an officer's list uploaded, matched in the background, downloaded; others refused."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from assistant.outreach.workbook import SHEETS
from evals.outreach_lists import generated_rows, rows_csv
from tests.assistant.consultation.test_export import flat, pdf_text
from tests.ui.conftest import Accounts

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "docs" / "samples" / "outreach-enterprises.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WAIT_S = 120.0


def upload(client: TestClient, data: bytes, filename: str = "名单.xlsx") -> Any:
    """``POST /api/outreach/jobs`` with the file as the ``file`` field."""
    return client.post("/api/outreach/jobs", files={"file": (filename, data, XLSX)})


def wait_done(client: TestClient, job_id: str) -> dict[str, Any]:
    """The job once it is no longer running."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        job = client.get(f"/api/outreach/jobs/{job_id}").json()
        if job["status"] != "running":
            return job
        time.sleep(0.2)
    pytest.fail(f"job {job_id} still running after {WAIT_S} s")


@pytest.fixture(scope="module")
def sample_job(accounts: Accounts) -> dict[str, Any]:
    response = upload(accounts.officer, SAMPLE.read_bytes(), "南沙名单.xlsx")
    assert response.status_code == 202, response.text
    assert response.headers["Location"] == f"/api/outreach/jobs/{response.json()['id']}"
    return wait_done(accounts.officer, response.json()["id"])


def test_an_uploaded_list_is_matched_and_its_results_downloaded(accounts: Accounts, sample_job) -> None:
    assert sample_job["status"] == "done", sample_job
    assert sample_job["done"] == sample_job["total"] == 12
    assert sample_job["counts"]["read"] == 12 and sample_job["counts"]["matched"] >= 1
    workbook = accounts.officer.get(f"/api/outreach/jobs/{sample_job['id']}/results", params={"format": "xlsx"})
    assert workbook.status_code == 200 and workbook.headers["content-type"] == XLSX
    assert "filename*=UTF-8''" in workbook.headers["content-disposition"]
    book = load_workbook(io.BytesIO(workbook.content))
    assert tuple(book.sheetnames) == SHEETS
    names = [row[1] for row in book["匹配结果"].iter_rows(min_row=2, values_only=True)]
    assert "广州南沙示例创业投资有限公司" in names
    report = accounts.officer.get(f"/api/outreach/jobs/{sample_job['id']}/results", params={"format": "md"})
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/markdown")
    assert report.text.startswith("# 政策找企业") and "共读取 12 行" in report.text
    pdf = accounts.officer.get(f"/api/outreach/jobs/{sample_job['id']}/results", params={"format": "pdf"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = flat(pdf_text(pdf.content))
    assert "政策找企业：企业名单匹配汇总（预估）" in text and "共读取12行" in text
    assert "各条款可覆盖的企业" in text and "广州南沙示例创业投资有限公司" in text


def test_a_job_is_its_officers_and_their_teams(accounts: Accounts, sample_job) -> None:
    status = f"/api/outreach/jobs/{sample_job['id']}"
    for path in (status, f"{status}/results", f"{status}/rows/2/consultation"):
        method = "POST" if path.endswith("consultation") else "GET"
        other = accounts.other_officer.request(method, path)
        assert other.status_code == 404 and "不存在" in other.json()["detail"], path
        assert accounts.public.request(method, path).status_code == 401, path
    assert accounts.teammate.get(status).status_code == 200
    assert accounts.admin.get(status).status_code == 200


def test_a_row_becomes_a_consultation_record_as_the_batch_matched_it(accounts: Accounts, sample_job) -> None:
    response = accounts.officer.post(f"/api/outreach/jobs/{sample_job['id']}/rows/2/consultation")
    assert response.status_code == 201, response.text
    record = response.json()
    assert record["enterprise"] == "广州南沙示例创业投资有限公司"
    assert 3 in [m["article"] for m in record["matches"]]
    assert accounts.officer.get(response.headers["Location"]).status_code == 200
    missing = accounts.officer.post(f"/api/outreach/jobs/{sample_job['id']}/rows/999/consultation")
    assert missing.status_code == 404 and "第 999 行" in missing.json()["detail"]


@pytest.mark.parametrize(
    ("filename", "data", "status", "words"),
    [
        ("名单.txt", b"abc", 400, "请上传 .xlsx 或 .csv"),
        ("名单.csv", b"", 400, "是空的"),
        ("名单.xlsx", b"not a zip", 422, "无法读取 Excel 文件"),
        ("名单.csv", "甲,乙\n1,2\n".encode(), 422, "没有找到表头"),
        ("名单.csv", "企业名称,所在区\n".encode(), 422, "名单中没有企业"),
    ],
)
def test_a_bad_file_is_refused_with_the_reason(accounts: Accounts, filename, data, status, words) -> None:
    response = upload(accounts.officer, data, filename)
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]


def test_a_list_larger_than_an_ordinary_request_is_accepted(accounts: Accounts) -> None:
    data = rows_csv(generated_rows(600, seed=7))
    assert len(data) > 64 * 1024  # over the limit every other request keeps
    response = upload(accounts.officer, data, "generated.csv")
    assert response.status_code == 202, response.text
    job = wait_done(accounts.officer, response.json()["id"])
    assert job["status"] == "done" and job["counts"]["read"] == 600
    assert job["counts"]["read"] == job["counts"]["matched"] + job["counts"]["unmatched"] + job["counts"]["rejected"]


def test_results_are_not_offered_before_the_job_is_done(accounts: Accounts, api_app) -> None:
    store = api_app.state.services.outreach_jobs
    running = store.create("进行中.csv", 5, b"", "officer-a", "南沙")
    response = accounts.officer.get(f"/api/outreach/jobs/{running.id}/results")
    assert response.status_code == 409 and "仍在进行" in response.json()["detail"]
    store.fail(running.id, "测试：已失败")
    response = accounts.officer.get(f"/api/outreach/jobs/{running.id}/results")
    assert response.status_code == 409 and "已失败" in response.json()["detail"]
