"""The page in a real browser: Debian's chromium driven by Playwright against the served app.

The app runs in a subprocess (``ui.api.app.create_app`` with the page mounted by
``ui.web.mount_service_page``, as ``make serve`` does) on a free loopback port, over the session's
index and a throwaway database. Screenshots go to ``test-output/screenshots/``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from docx import Document

from ui.api.subprocess_server import free_port

pytestmark = [pytest.mark.browser, pytest.mark.integration]

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_TIMEOUT_S = 60
ANSWER_TIMEOUT_MS = 20_000

SERVER_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import uvicorn

    from assistant.settings import Settings
    from ui.api.app import create_app
    from ui.web import mount_service_page

    data_dir, database_url, port = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    settings = Settings(data_dir=data_dir, database_url=database_url)
    app = create_app(settings, mount_ui=mount_service_page)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    """
)


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    with httpx.Client(trust_env=False, timeout=2) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"server exited with {process.returncode}:\n{log.read_text(encoding='utf-8')}")
            try:
                if client.get(url).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
    pytest.fail(f"server not ready after {STARTUP_TIMEOUT_S}s:\n{log.read_text(encoding='utf-8')}")


@pytest.fixture(scope="module")
def base_url(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page's URL on a server started for this module, stopped afterwards (also on failure)."""
    workdir = tmp_path_factory.mktemp("browser-server")
    script = workdir / "serve.py"
    script.write_text(SERVER_SCRIPT, encoding="utf-8")
    log = workdir / "server.log"
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "GRADIO_ANALYTICS_ENABLED": "False",
        "ANONYMIZED_TELEMETRY": "False",
    }
    database_url = f"sqlite:///{workdir / 'policy.db'}"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, str(script), str(index_dir), database_url, str(port)],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/ui/"
        _wait_until_serving(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: run `make browser-deps` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(ANSWER_TIMEOUT_MS)
    page.goto(base_url)
    page.locator("#chat-input textarea").wait_for()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, base_url):
    """The page in a phone-sized touch viewport (390 × 844, as an iPhone 14)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(ANSWER_TIMEOUT_MS)
    page.goto(base_url)
    yield page
    context.close()


def _screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def _fill(page, elem_id: str, text: str) -> None:
    """Type into a Gradio textbox (rendered as an ``input`` or a ``textarea``)."""
    page.locator(f"#{elem_id} input, #{elem_id} textarea").first.fill(text)


def _choose(page, elem_id: str, option: str) -> None:
    """Pick an option of a Gradio dropdown."""
    page.locator(f"#{elem_id} input").first.click()
    page.get_by_role("option", name=option, exact=True).click()


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def _ask(page, question: str) -> None:
    box = page.locator("#chat-input textarea")
    box.fill(question)
    box.press("Enter")


def test_chat_answers_with_a_citation_card_and_takes_feedback(page):
    from playwright.sync_api import expect

    _ask(page, "第十四条主要讲什么？")
    card = page.locator("#chatbot .citation-card.article-14")
    expect(card).to_be_visible()
    expect(card.locator("summary")).to_have_text("【第十四条】支持科技企业发债融资")
    card.locator("summary").click()
    expect(card.locator("mark").first).to_be_visible()
    expect(card.locator(".citation-units")).to_contain_text("市地方金融监管局")
    expect(page.locator("#chatbot")).to_contain_text("【第十四条】")
    _screenshot(page, "chat-desktop.png")

    # With the zh-CN locale Gradio labels the thumbs 赞 / 踩.
    page.locator("#chatbot").get_by_role("button", name="赞", exact=True).last.click()
    expect(page.locator("#feedback-status")).to_contain_text("感谢反馈")


def test_a_decline_looks_different_from_an_answer(page):
    from playwright.sync_api import expect

    _ask(page, "第十一条讲什么？")
    expect(page.locator("#chatbot .citation-card.article-11")).to_be_visible()
    assert page.locator("#chatbot .answer-outcome").count() == 0  # an answer has no badge
    _ask(page, "天使母基金总盘子有多大？")
    badge = page.locator("#chatbot .answer-outcome.outcome-not_in_text")
    expect(badge).to_be_visible()
    expect(badge).to_have_text("原文未规定所问事项")
    expect(page.locator("#chatbot .citation-card.article-3")).to_be_visible()  # the nearest article
    _ask(page, "附近有什么性价比高的酒店推荐吗？")
    expect(page.locator("#chatbot .answer-outcome.outcome-out_of_scope")).to_be_visible()


def test_example_question_shows_the_calculation(page):
    from playwright.sync_api import expect

    page.get_by_role(
        "button", name="我们是南沙的创投机构，今年投了两家初创期科技企业，共8000万，能拿多少奖励？"
    ).click()
    calc = page.locator("#chatbot .calc-card")
    expect(calc).to_be_visible()
    expect(calc.locator("summary")).to_contain_text("120万元")
    expect(page.locator("#chatbot .citation-card.article-3")).to_be_visible()


def test_calculator_tab_computes_article3(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="奖励测算").click()
    page.locator("#calc3-place textarea").fill("珠海")
    page.locator("#calc3-stage input").click()
    page.get_by_role("option", name="初创期").click()
    page.locator("#calc3-amount textarea").fill("8000万")
    page.locator("#calc3-submit").click()
    result = page.locator("#calc3-result")
    expect(result.locator(".award-amount")).to_have_text("120万元")
    expect(result).to_contain_text("预估，以责任单位审核为准")

    page.locator("#calc11-amount textarea").fill("1亿元")
    page.locator("#calc11-submit").click()
    expect(page.locator("#calc11-result .award-amount")).to_have_text("最高4000万元")

    page.locator("#calc3-amount textarea").fill("很多钱")
    page.locator("#calc3-submit").click()
    expect(result.locator(".calc-error")).to_contain_text("无法识别投资金额")
    page.locator("#calc3-amount textarea").fill("8000万")
    page.locator("#calc3-submit").click()
    expect(result.locator(".award-amount")).to_have_text("120万元")
    _screenshot(page, "calculator.png")


def test_browse_tab_searches_and_opens_an_article(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="政策浏览").click()
    catalog = page.locator("#browse-catalog")
    expect(catalog.locator(".article-card")).to_have_count(32)
    page.locator("#browse-search input, #browse-search textarea").fill("担保")
    expect(catalog.locator(".article-card.article-1")).to_have_count(0)
    article = catalog.locator(".article-card.article-11")
    units = article.locator(".article-units")
    expect(units).to_be_hidden()
    article.locator("summary").click()
    expect(units).to_be_visible()
    expect(units).to_contain_text("市工业和信息化局")
    expect(article.locator("mark").first).to_have_text("担保")
    _screenshot(page, "browse.png")


def test_phone_viewport(phone_page):
    from playwright.sync_api import expect

    page = phone_page
    page.get_by_role("button", name="第十四条主要讲什么？").click()
    card = page.locator("#chatbot .citation-card.article-14")
    expect(card).to_be_visible()
    card.locator("summary").click()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px wide)"
    _screenshot(page, "chat-phone.png")


def test_consult_tab_matches_saves_and_downloads_a_docx(page, tmp_path):
    from playwright.sync_api import expect

    enterprise = "广州南沙某创业投资有限公司"
    page.get_by_role("tab", name="特派员").click()
    _fill(page, "consult-enterprise", enterprise)
    _fill(page, "consult-officer1-name", "张敏")
    _fill(page, "consult-officer1-org", "广州银行")
    _fill(page, "consult-officer2-name", "李强")
    _fill(page, "consult-officer2-org", "广州某创投")
    _choose(page, "consult-kind", "创投机构")
    _choose(page, "consult-district", "南沙区")
    _fill(page, "consult-free-text", "今年投了一家广州的初创期科技企业8000万，已到账")
    page.get_by_text("跟进事项、备注与对话画像").click()
    _fill(page, "consult-follow-ups", "协助准备第三条奖励申报材料\n对接市科技局")

    page.locator("#consult-match").click()
    card = page.locator("#consult-cards .consult-card.article-3")
    expect(card).to_be_visible()
    expect(card.locator("summary")).to_contain_text("【第三条】")
    expect(card.locator("summary")).to_contain_text("120万元")
    expect(card.locator(".condition-met").first).to_be_visible()  # the best match starts open
    expect(page.locator("#consult-cards .consult-missing")).to_contain_text("尚需补充")

    page.locator("#consult-save").click()
    record_id = page.locator("#consult-status .record-id")
    expect(record_id).to_have_text(re.compile(r"^[0-9a-f]{32}$"))
    expect(page.locator("#consult-history-table")).to_contain_text(enterprise)

    docx_button = page.locator("#consult-download-docx")
    expect(docx_button).to_be_visible()
    with page.expect_download() as download_info:
        docx_button.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / "record.docx"
    download.save_as(saved)
    text = _docx_text(saved)
    assert enterprise in text
    assert "第三条" in text
    _screenshot(page, "consult-desktop.png")

    # Reopen it from the history: clicking its row shows the record again.
    page.locator("#consult-history-table").get_by_test_id("cell-0-1").click()
    expect(page.locator("#consult-record-id input, #consult-record-id textarea").first).to_have_value(
        re.compile(r"^[0-9a-f]{32}$")
    )
    expect(page.locator("#consult-status")).to_contain_text("已打开咨询记录")
    # The reopened record fills the form again, so matching it again needs no retyping.
    expect(page.locator("#consult-enterprise input, #consult-enterprise textarea").first).to_have_value(enterprise)
    page.locator("#consult-match").click()
    expect(page.locator("#consult-cards .consult-card.article-3 summary")).to_contain_text("120万元")
    # 清空表单 starts afresh: no stale downloads of the last record.
    page.locator("#consult-reset").click()
    expect(page.locator("#consult-download-docx")).to_be_hidden()
    expect(page.locator("#consult-enterprise input, #consult-enterprise textarea").first).to_have_value("")
    _fill(page, "consult-history-search", "没有这家企业")
    page.locator("#consult-history-go").click()
    expect(page.locator("#consult-history-caption")).to_contain_text("没有包含「没有这家企业」的咨询记录")


def test_consult_tab_rejects_an_empty_enterprise_name(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="特派员").click()
    page.locator("#consult-match").click()
    expect(page.locator("#consult-cards .calc-error")).to_contain_text("请填写企业（机构）名称")


def test_consult_tab_on_a_phone(phone_page):
    from playwright.sync_api import expect

    page = phone_page
    page.get_by_role("tab", name="特派员").click()
    _fill(page, "consult-enterprise", "番禺某融资担保有限公司")
    _choose(page, "consult-kind", "融资担保机构")
    _fill(page, "consult-capital", "1亿")
    page.locator("#consult-match").click()
    card = page.locator("#consult-cards .consult-card.article-11")
    expect(card.locator("summary")).to_contain_text("最高4000万元")
    page.locator("#consult-save").click()
    expect(page.locator("#consult-history-table")).to_contain_text("番禺某融资担保有限公司")
    expect(page.locator("#consult-download-pdf")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the 特派员 tab scrolls sideways on a phone ({width}px wide)"
    _screenshot(page, "consult-phone.png")
