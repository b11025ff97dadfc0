"""The 特派员 tab's 政策找企业 section in a real browser: upload a list → the summary → the downloads → a record.

Debian's chromium driven by Playwright against the served app (``tests/ui/conftest.py``). The
summary's screenshot goes to ``test-output/screenshots/outreach-summary.png``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assistant.outreach.workbook import SHEETS
from tests.ui.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.integration]

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "docs" / "samples" / "outreach-enterprises.xlsx"
SCREENSHOTS = REPO / "test-output" / "screenshots"
TIMEOUT_MS = 20_000
# Matching the list runs in the background; on a loaded 2-core machine it may take a while.
JOB_TIMEOUT_MS = 120_000
OFFICER = "outreach-officer"


@pytest.fixture(scope="module")
def officer(served_app) -> str:
    from assistant.storage import SqlUserStore, create_engine_for_url

    SqlUserStore(create_engine_for_url(served_app.database_url)).add(
        OFFICER, PASSWORD, team="南沙", display_name="李明"
    )
    return OFFICER


@pytest.fixture
def page(browser, base_url, officer):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(base_url)
    page.get_by_role("tab", name="特派员").click()
    page.locator("#consult-username input").fill(OFFICER)
    page.locator("#consult-password input").fill(PASSWORD)
    page.locator("#consult-sign-in-go").click()
    expect(page.locator("#consult-who")).to_contain_text("已登录：李明（特派员）")
    yield page
    context.close()


def test_an_uploaded_list_shows_its_summary_and_downloads(page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.locator("#outreach-section").get_by_text("政策找企业：批量匹配企业名单").click()
    page.locator("#outreach-file input[type=file]").set_input_files(str(SAMPLE))
    # The file is uploaded to the page's server before the job can start.
    expect(page.locator("#outreach-file")).to_contain_text("6.0 KB")
    page.locator("#outreach-start").click()
    status = page.locator("#outreach-status")
    expect(status.locator("[data-status=done]")).to_be_visible(timeout=JOB_TIMEOUT_MS)
    expect(status).to_contain_text("读取 12 行")
    summary = page.locator("#outreach-summary")
    expect(summary).to_contain_text("政策找企业：企业名单匹配汇总（预估）")
    expect(summary).to_contain_text("各条款可覆盖的企业")
    expect(page.locator("#outreach-plan")).to_contain_text("广州南沙示例创业投资有限公司")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#outreach-section").screenshot(path=str(SCREENSHOTS / "outreach-summary.png"))

    with page.expect_download() as caught:
        page.locator("#outreach-download-xlsx").click()
    workbook = tmp_path / caught.value.suggested_filename
    caught.value.save_as(workbook)
    assert workbook.suffix == ".xlsx" and "企业名单匹配结果" in workbook.name
    book = load_workbook(io.BytesIO(workbook.read_bytes()))
    assert tuple(book.sheetnames) == SHEETS
    with page.expect_download() as caught:
        page.locator("#outreach-download-md").click()
    report = tmp_path / caught.value.suggested_filename
    caught.value.save_as(report)
    assert report.read_text(encoding="utf-8").startswith("# 政策找企业")
    with page.expect_download() as caught:
        page.locator("#outreach-download-pdf").click()
    assert caught.value.suggested_filename.endswith(".pdf")
    pdf = tmp_path / caught.value.suggested_filename
    caught.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")

    # One click turns a row of the list into the officer's consultation record, listed in the history.
    page.locator("#outreach-row input").fill("2")
    page.locator("#outreach-to-record").click()
    expect(page.locator("#outreach-record-status")).to_contain_text("已保存为咨询记录")
    expect(page.locator("#consult-history-table")).to_contain_text("广州南沙示例创业投资有限公司")
