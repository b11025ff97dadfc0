"""The page in a real browser: Debian's chromium driven by Playwright against the served app.

The app runs in a subprocess (the ``base_url`` and ``browser`` fixtures of ``tests/ui/conftest.py``).
Screenshots go to ``test-output/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from tests.ui.helpers import sign_in_on_page

pytestmark = [pytest.mark.browser, pytest.mark.integration]

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
ANSWER_TIMEOUT_MS = 20_000


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
        "button", name="我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万，能拿多少奖励？"
    ).click()
    calc = page.locator("#chatbot .calc-card")
    expect(calc).to_be_visible()
    expect(calc.locator("summary")).to_contain_text("120万元")
    expect(page.locator("#chatbot .citation-card.article-3")).to_be_visible()


# The calculator's rows and the browser's alias search: test_browser_tabs.py.


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


def test_consult_tab_matches_saves_and_downloads_a_docx(page, served_app, tmp_path):
    from playwright.sync_api import expect

    enterprise = "广州南沙某创业投资有限公司"
    sign_in_on_page(page, served_app.database_url)
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


def test_consult_tab_rejects_an_empty_enterprise_name(page, served_app):
    from playwright.sync_api import expect

    sign_in_on_page(page, served_app.database_url)
    page.locator("#consult-match").click()
    expect(page.locator("#consult-cards .calc-error")).to_contain_text("请填写企业（机构）名称")


def test_consult_tab_on_a_phone(phone_page, served_app):
    from playwright.sync_api import expect

    page = phone_page
    sign_in_on_page(page, served_app.database_url)
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
