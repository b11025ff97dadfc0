"""The 特派员 tab in a real browser: signing in, importing the chat, 待确认, reopening a record.

Debian's chromium driven by Playwright against the served app (``base_url`` and ``browser`` of
``tests/ui/conftest.py``). Screenshots go to ``test-output/screenshots/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.integration]

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
TIMEOUT_MS = 20_000
NANSHA_VC = "我们是南沙的创投机构，今年投了一家广州初创期科技企业8000万，已到账"


OFFICER = "browser-officer"


@pytest.fixture(scope="module")
def officer(served_app) -> str:
    """An officer in the served app's database (the page signs in through ``POST /api/auth/login``)."""
    from assistant.storage import SqlUserStore, create_engine_for_url

    SqlUserStore(create_engine_for_url(served_app.database_url)).add(
        OFFICER, PASSWORD, team="黄埔", display_name="王芳"
    )
    return OFFICER


@pytest.fixture
def page(browser, base_url, officer):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(base_url)
    page.locator("#chat-input textarea").wait_for()
    yield page
    context.close()


def _sign_in(page, username: str = OFFICER, password: str = PASSWORD) -> None:
    """Open the 特派员 tab and sign in with its form."""
    page.get_by_role("tab", name="特派员").click()
    page.locator("#consult-username input").fill(username)
    page.locator("#consult-password input").fill(password)
    page.locator("#consult-sign-in-go").click()


def _open_consult_tab(page) -> None:
    """The 特派员 tab, signed in as the officer."""
    from playwright.sync_api import expect

    _sign_in(page)
    expect(page.locator("#consult-who")).to_contain_text("已登录：王芳（特派员）")


def _field(page, elem_id: str):
    """A Gradio textbox or dropdown's input element."""
    return page.locator(f"#{elem_id} input, #{elem_id} textarea").first


def _fill(page, elem_id: str, text: str) -> None:
    _field(page, elem_id).fill(text)


def _choose(page, elem_id: str, option: str) -> None:
    _field(page, elem_id).click()
    page.get_by_role("option", name=option, exact=True).click()


def _ask(page, question: str, cited: str) -> None:
    """Ask in 政策问答 and wait until the answer citing ``cited`` is shown (the session is then known)."""
    from playwright.sync_api import expect

    box = page.locator("#chat-input textarea")
    box.fill(question)
    box.press("Enter")
    expect(page.locator("#chatbot")).to_contain_text(cited)


def _chips(page, elem_id: str) -> list[str]:
    """The chosen values of a multi-select dropdown, as its chips show them."""
    return [text.replace("×", "").strip() for text in page.locator(f"#{elem_id} .token").all_inner_texts()]


def _screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_importing_the_chat_fills_the_form_for_checking_before_matching(page):
    from playwright.sync_api import expect

    _ask(page, NANSHA_VC, "120万元")
    _open_consult_tab(page)
    _fill(page, "consult-enterprise", "南沙某创业投资有限公司")
    page.locator("#consult-import-session").click()
    status = page.locator("#consult-import-status")
    expect(status).to_contain_text("已导入当前对话")
    expect(status).to_contain_text("8000万元")  # the investment, shown for checking
    expect(_field(page, "consult-kind")).to_have_value("创投机构")
    expect(_field(page, "consult-district")).to_have_value("南沙区")
    expect(_field(page, "consult-enterprise")).to_have_value("南沙某创业投资有限公司")
    # Nothing is matched until the officer asks.
    assert page.locator("#consult-cards .consult-card").count() == 0
    _screenshot(page, "consult-import.png")
    page.locator("#consult-match").click()
    expect(page.locator("#consult-cards .consult-card.article-3 summary")).to_contain_text("120万元")


def test_taking_part_in_the_competition_is_to_be_confirmed_not_ticked(page):
    from playwright.sync_api import expect

    _open_consult_tab(page)
    _fill(page, "consult-enterprise", "黄埔某科技有限公司")
    _choose(page, "consult-kind", "科技型中小企业")
    _choose(page, "consult-district", "黄埔区")
    _fill(page, "consult-financing", "今年获得A轮融资3000万，已到账")
    _fill(page, "consult-free-text", "我们想参加创新创业大赛")
    page.locator("#consult-match").click()
    card = page.locator("#consult-cards .consult-card.article-20")
    expect(card).to_be_visible()
    card.locator("summary").click()
    condition = card.locator("li.condition")
    expect(condition).to_have_count(1)
    expect(condition).to_have_attribute("data-status", "unknown")
    expect(condition.locator(".condition-status")).to_have_text("？待确认")
    expect(condition).to_contain_text("企业画像不能说明贵企业是否已参赛")
    expect(page.locator("#consult-cards .consult-missing")).to_contain_text("是否已参赛")


def test_reopening_a_record_puts_each_value_back_in_its_own_field(page):
    from playwright.sync_api import expect

    enterprise = "黄埔某生物科技有限公司"
    financing = "今年获得A轮融资3000万，已到账"
    described = "我们在天河也有研发中心，有5项发明专利和2个商标，想做知识产权质押贷款"
    _open_consult_tab(page)
    _fill(page, "consult-enterprise", enterprise)
    _choose(page, "consult-kind", "科技型中小企业")
    _choose(page, "consult-district", "黄埔区")
    _choose(page, "consult-stage", "成长期")
    _choose(page, "consult-ip", "专利")
    _fill(page, "consult-financing", financing)
    _fill(page, "consult-free-text", described)
    page.locator("#consult-save").click()
    expect(page.locator("#consult-status .record-id")).to_be_visible()
    record_id = page.locator("#consult-status .record-id").inner_text()

    page.locator("#consult-reset").click()
    expect(_field(page, "consult-enterprise")).to_have_value("")
    _fill(page, "consult-record-id", record_id)
    page.locator("#consult-open").click()
    expect(page.locator("#consult-status")).to_contain_text("已打开咨询记录")
    expect(_field(page, "consult-enterprise")).to_have_value(enterprise)
    expect(_field(page, "consult-financing")).to_have_value(financing)
    expect(_field(page, "consult-free-text")).to_have_value(described)
    expect(_field(page, "consult-district")).to_have_value("黄埔区")
    expect(_field(page, "consult-stage")).to_have_value("成长期")
    assert _chips(page, "consult-ip") == ["专利"]  # 商标 was read from the description, not chosen
    _screenshot(page, "consult-reopened.png")


def test_the_public_sees_a_sign_in_prompt_and_the_chat_still_answers(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="特派员").click()
    expect(page.locator("#consult-sign-in")).to_contain_text("请先登录")
    expect(page.locator("#consult-enterprise")).to_be_hidden()
    expect(page.locator("#consult-history-table")).to_be_hidden()
    _screenshot(page, "consult-sign-in.png")

    _sign_in(page, password="不是这个口令的口令")
    expect(page.locator("#consult-sign-in-message")).to_contain_text("用户名或口令不正确")
    expect(page.locator("#consult-enterprise")).to_be_hidden()
    assert page.locator("#consult-password input").input_value() == ""  # the password is not kept

    page.get_by_role("tab", name="政策问答").click()
    _ask(page, "第十四条主要讲什么？", "第十四条")  # the public chat needs no account


def test_signing_in_on_the_page_keeps_the_chat_and_signing_out_hides_the_records(page):
    from playwright.sync_api import expect

    _ask(page, NANSHA_VC, "120万元")
    _open_consult_tab(page)
    expect(page.locator("#consult-enterprise")).to_be_visible()
    # The chat of the same page is still there to import: signing in did not reload the page.
    page.locator("#consult-import-session").click()
    expect(page.locator("#consult-import-status")).to_contain_text("已导入当前对话")
    _fill(page, "consult-enterprise", "南沙某创业投资有限公司")
    page.locator("#consult-save").click()
    expect(page.locator("#consult-status .record-id")).to_be_visible()
    expect(page.locator("#consult-history-table")).to_contain_text("南沙某创业投资有限公司")
    # The API knows the same sign-in: the browser's cookie reads the officer's records there too.
    me = page.request.get(page.url.split("/ui/")[0] + "/api/auth/me")
    assert me.status == 200 and me.json()["username"] == OFFICER

    with page.expect_navigation():  # signing out reloads the page
        page.locator("#consult-sign-out").click()
    page.locator("#chat-input textarea").wait_for()
    page.get_by_role("tab", name="特派员").click()
    expect(page.locator("#consult-sign-in")).to_be_visible()
    expect(page.locator("#consult-enterprise")).to_be_hidden()
    expect(page.locator("#consult-history-table")).to_be_hidden()
    assert page.request.get(page.url.split("/ui/")[0] + "/api/auth/me").status == 401
