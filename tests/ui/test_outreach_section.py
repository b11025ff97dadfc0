"""The 政策找企业 section's handlers without a browser: a bad file, no file, a job followed to its results."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi import FastAPI

from ui.api.auth import COOKIE_NAME
from ui.web import officer_for
from ui.web.outreach_section import job_outputs, row_to_record, start_job

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "docs" / "samples" / "outreach-enterprises.xlsx"


def _officer(app: FastAPI):
    services = app.state.services
    if services.users.get("section-officer") is None:
        services.users.add("section-officer", "section-pass-123", team="黄埔")
    return officer_for(services, {COOKIE_NAME: services.sign_in.token("section-officer")}, {})


def test_a_bad_or_missing_file_is_explained(api_app: FastAPI, tmp_path: Path) -> None:
    officer = _officer(api_app)
    assert "请先选择企业名单文件" in start_job(officer, None, tmp_path)[1]
    bad = tmp_path / "名单.csv"
    bad.write_text("甲,乙\n1,2\n", encoding="utf-8")
    job_id, status, *_ = start_job(officer, str(bad), tmp_path)
    assert job_id is None and "没有找到表头" in status and 'role="alert"' in status


def test_a_job_is_followed_to_its_summary_and_a_row_saved_as_a_record(api_app: FastAPI, tmp_path: Path) -> None:
    officer = _officer(api_app)
    outputs = start_job(officer, str(SAMPLE), tmp_path)
    assert "已完成 0 / 12 行" in outputs[1]
    deadline = time.monotonic() + 120
    while 'data-status="done"' not in outputs[1]:
        assert time.monotonic() < deadline, outputs[1]
        time.sleep(0.2)
        outputs = job_outputs(officer, outputs[0], tmp_path)
    job_id, status, _timer, _box, summary, xlsx, pdf, md, plan = outputs
    assert "读取 12 行" in status and summary.startswith("# 政策找企业")
    for button, suffix in ((xlsx, ".xlsx"), (pdf, ".pdf"), (md, ".md")):
        assert Path(button["value"]).suffix == suffix and Path(button["value"]).is_file()
    assert plan[0][0] == 1 and any(row[2] == "广州南沙示例创业投资有限公司" for row in plan)
    saved = row_to_record(officer, api_app.state.services.consultations, job_id, 2)
    assert "已保存为咨询记录" in saved
    assert officer.shelf.search("广州南沙示例创业投资有限公司").total >= 1
    assert "未能读取" in row_to_record(officer, api_app.state.services.consultations, job_id, 8)
