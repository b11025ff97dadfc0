"""The chat's habits in a real browser: Markdown answers, plain-text copy, Chinese labels, feedback
on each message, this browser's conversation history, follow-up suggestions, and a new answer
read from its start on a phone.

Debian's chromium driven by Playwright against the served app (the ``served_app``, ``base_url``
and ``browser`` fixtures of ``tests/ui/conftest.py``). Screenshots go to ``test-output/screenshots/``.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from ui.web.conversations import conversation_title

pytestmark = [pytest.mark.browser, pytest.mark.integration]

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
ANSWER_TIMEOUT_MS = 20_000
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
VENTURE = "我们是南沙的创投机构，今年投了广州两家初创期科技企业，共8000万"
# The last answer's row: where it starts and ends in the window, and whether its scroller is at the end.
LAST_ANSWER_BOX = """() => {
  const rows = [...document.querySelectorAll('#chatbot .message-row.bot-row')];
  const box = rows[rows.length - 1].getBoundingClientRect();
  let node = rows[rows.length - 1].parentElement;
  while (node && !(node.scrollHeight > node.clientHeight && /(auto|scroll)/.test(getComputedStyle(node).overflowY))) {
    node = node.parentElement;
  }
  const atEnd = node ? node.scrollTop + node.clientHeight >= node.scrollHeight - 4 : true;
  return {top: box.top, bottom: box.bottom, height: innerHeight, atEnd: atEnd};
}"""


def _open(browser, base_url, *, locale: str = "zh-CN", **options):
    context = browser.new_context(locale=locale, **({"viewport": {"width": 1280, "height": 900}} | options))
    page = context.new_page()
    page.set_default_timeout(ANSWER_TIMEOUT_MS)
    page.goto(base_url)
    page.locator("#chat-input textarea").wait_for()
    return context, page


@pytest.fixture
def page(browser, base_url):
    context, page = _open(browser, base_url, permissions=["clipboard-read", "clipboard-write"])
    yield page
    context.close()


def _ask(page, question: str) -> None:
    """Send a question and wait until its answer is complete (the last answer is marked done)."""
    from playwright.sync_api import expect

    answers = page.locator("#chatbot .answer-start.answer-done")
    before = answers.count()
    box = page.locator("#chat-input textarea")
    box.fill(question)
    box.press("Enter")
    expect(answers).to_have_count(before + 1)


def _last_answer(page):
    return page.locator("#chatbot .message-row.bot-row").last


def _screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def _feedback_rows(database_url: str) -> list[tuple]:
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT f.message_id, f.rating, f.comment, m.role, m.content FROM feedback f "
            "JOIN messages m ON m.id = f.message_id ORDER BY f.id"
        ).fetchall()


def _questions_by_session(database_url: str) -> list[list[str]]:
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT session_id, content FROM messages WHERE role = 'user' ORDER BY id").fetchall()
    sessions: dict[str, list[str]] = {}
    for session_id, content in rows:
        sessions.setdefault(session_id, []).append(content)
    return list(sessions.values())


def test_answers_are_markdown_with_bold_amounts_lists_and_markers_linking_to_their_cards(page):
    from playwright.sync_api import expect

    _ask(page, "市科技局负责哪些条款？")
    answer = _last_answer(page)
    expect(answer.locator("ul > li")).to_have_count(20)  # the 20 articles, as a list
    link = answer.locator("li a", has_text="【第五条】")
    expect(link).to_have_attribute("href", re.compile(r"^#cite-[0-9a-f]+-5$"))
    card = answer.locator(".citation-card.article-5")
    assert not card.evaluate("card => card.open")
    link.click()
    expect(card.locator(".citation-units")).to_be_visible()  # following the marker opened its card
    assert card.evaluate("card => card.open")

    _ask(page, VENTURE)
    amounts = _last_answer(page).locator(".prose > p strong")
    expect(amounts.filter(has_text=re.compile(r"^120万元$")).first).to_be_visible()
    assert "**" not in _last_answer(page).inner_text()  # Markdown rendered, not shown
    _screenshot(page, "chat-markdown-desktop.png")


def test_copy_puts_the_plain_answer_with_its_sources_on_the_clipboard(page):
    _ask(page, VENTURE)
    page.locator("#chatbot .message-buttons").last.get_by_role("button", name="复制").click()
    page.wait_for_timeout(300)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "预估可获120万元" in copied
    assert "\n依据：\n【第三条】引导社会资本“投早”“投小”：“" in copied
    assert "（责任单位：市科技局、市发展改革委）" in copied
    assert "<" not in copied and "**" not in copied and "](#" not in copied  # no HTML, no Markdown


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_every_chat_control_is_labelled_in_chinese(browser, base_url, locale):
    from playwright.sync_api import expect

    context, page = _open(browser, base_url, locale=locale)
    try:
        _ask(page, "第十四条主要讲什么？")
        chat = page.locator("#chatbot")
        for name in ("复制", "赞", "踩", "重新回答", "清空对话"):
            expect(chat.get_by_role("button", name=name, exact=True).first).to_be_visible()
        chat.get_by_role("button", name="赞", exact=True).last.click()
        expect(chat.get_by_role("button", name=re.compile("^已赞")).first).to_be_visible()
        labels = chat.locator("button").evaluate_all(
            "buttons => buttons.map(b => [b.getAttribute('aria-label') || b.textContent.trim(), b.title])"
        )
        for label, title in labels:
            assert re.search(r"[\u4e00-\u9fff]", label), f"a chat control is not labelled in Chinese: {label!r}"
            assert not title or re.search(r"[\u4e00-\u9fff]", title), f"a chat control's title: {title!r}"
        message_labels = chat.locator(".message[aria-label], [aria-label*='message']").evaluate_all(
            "elements => elements.map(e => e.getAttribute('aria-label'))"
        )
        assert not [m for m in message_labels if "message:" in m], message_labels
        expect(page.locator("#chat-clear")).to_have_text("＋ 开始新对话")
    finally:
        context.close()


def test_retry_answers_the_last_question_again_in_place(page):
    from playwright.sync_api import expect

    _ask(page, "第十四条主要讲什么？")
    first = page.locator("#chatbot .answer-start.answer-done").get_attribute("id")
    page.locator("#chatbot").get_by_role("button", name="重新回答", exact=True).click()
    expect(page.locator("#chatbot .answer-start.answer-done")).not_to_have_id(first)  # a new answer
    expect(page.locator("#chatbot .message-row.user-row")).to_have_text(["第十四条主要讲什么？"])
    expect(page.locator("#chatbot .citation-card.article-14")).to_have_count(1)


def test_feedback_is_stored_against_the_rated_message_then_an_optional_comment(page, served_app):
    from playwright.sync_api import expect

    _ask(page, "第十四条主要讲什么？")
    _ask(page, "第十一条讲什么？")
    # Rate the first answer, not the latest: the rating must reach that message.
    page.locator("#chatbot .message-buttons").nth(1).get_by_role("button", name="赞", exact=True).click()
    expect(page.locator("#feedback-status")).to_contain_text("已记录您的好评")
    comment = page.locator("#feedback-comment textarea")
    expect(comment).to_be_visible()  # the comment comes after the thumb, and is optional
    comment.fill("第十四条讲得很清楚")
    page.locator("#feedback-comment-send").click()
    expect(page.locator("#feedback-status")).to_contain_text("已收到您的意见")
    expect(comment).to_be_hidden()

    page.locator("#chatbot .message-buttons").last.get_by_role("button", name="踩", exact=True).click()
    expect(page.locator("#feedback-status")).to_contain_text("我们会改进")
    page.locator("#feedback-comment-skip").click()
    expect(comment).to_be_hidden()

    rows = [
        row for row in _feedback_rows(served_app.database_url) if row[4].startswith(("【第十四条】", "【第十一条】"))
    ]
    assert [(rating, note, role, content[:6]) for _, rating, note, role, content in rows[-2:]] == [
        (1, "第十四条讲得很清楚", "assistant", "【第十四条】"),
        (-1, None, "assistant", "【第十一条】"),
    ]
    assert rows[-2][0] != rows[-1][0]  # two messages, each with its own rating

    # Clicking the same thumb again takes the rating back.
    page.locator("#chatbot .message-buttons").last.get_by_role("button", name=re.compile("^已踩")).click()
    expect(page.locator("#feedback-status")).to_contain_text("已撤回")
    assert rows[-1][0] not in [row[0] for row in _feedback_rows(served_app.database_url)]


def test_history_lists_this_browsers_conversations_survives_a_reload_reopens_and_deletes(page, served_app):
    from playwright.sync_api import expect

    history = page.locator("#chat-history .history-open")
    expect(page.locator("#chat-history")).to_contain_text("还没有历史对话")
    _ask(page, VENTURE)
    expect(history).to_have_text([conversation_title(VENTURE)])  # titled by its first question
    page.locator("#chat-clear").click()
    expect(page.locator("#chatbot .message-row")).to_have_count(0)
    _ask(page, "第十四条主要讲什么？")
    expect(history).to_have_text(["第十四条主要讲什么？", conversation_title(VENTURE)])

    page.reload()
    expect(history).to_have_text(["第十四条主要讲什么？", conversation_title(VENTURE)])
    expect(page.locator("#chatbot .message-row")).to_have_count(0)
    history.filter(has_text="南沙").click()
    expect(page.locator("#chatbot .message-row.user-row")).to_have_text([VENTURE])
    expect(page.locator("#history-status")).to_contain_text("已打开对话")
    # The reopened conversation continues its server session: the facts told before the reload count.
    _ask(page, "我们能享受哪些政策？")
    expect(_last_answer(page).locator(".prose > p").first).to_contain_text("南沙")
    assert [VENTURE, "我们能享受哪些政策？"] in _questions_by_session(served_app.database_url)
    expect(history).to_have_text([conversation_title(VENTURE), "第十四条主要讲什么？"])
    _screenshot(page, "chat-history-desktop.png")

    item = page.locator("#chat-history .history-item", has_text="第十四条")
    item.get_by_role("button", name="删除对话「第十四条主要讲什么？」").click()
    expect(history).to_have_text([conversation_title(VENTURE)])
    page.reload()
    expect(history).to_have_text([conversation_title(VENTURE)])


def test_follow_up_suggestions_come_under_the_answer_and_clicking_one_asks_it(page):
    from playwright.sync_api import expect

    _ask(page, "第十四条主要讲什么？")
    suggestions = page.locator("#chatbot .options button")
    expect(suggestions.filter(has_text="相关条款：【第十三条】")).to_be_visible()  # a neighbour in its part

    _ask(page, VENTURE)
    _ask(page, "我们能享受哪些政策？")  # an eligibility answer: next, the award estimate
    estimate = suggestions.filter(has_text="测算第三条的投资奖励")
    expect(estimate).to_be_visible()
    answers = page.locator("#chatbot .answer-start.answer-done")
    before = answers.count()
    estimate.click()
    expect(answers).to_have_count(before + 1)
    expect(page.locator("#chatbot .message-row.user-row").last).to_have_text("第三条的投资奖励能拿多少？")
    expect(_last_answer(page).locator(".calc-card summary")).to_contain_text("120万元")


def test_on_a_phone_the_view_shows_the_start_of_a_new_answer_not_its_end(browser, base_url):
    from playwright.sync_api import expect

    context, page = _open(browser, base_url, **PHONE)
    try:
        _ask(page, VENTURE)
        _ask(page, "我们能享受哪些政策？")  # a list of articles, longer than the screen
        page.wait_for_timeout(500)  # let the last frame's scrolling settle
        box = page.evaluate(LAST_ANSWER_BOX)
        assert -2 <= box["top"] <= box["height"] * 0.25, f"the new answer's start is out of view: {box}"
        assert box["bottom"] > box["height"], f"the answer fits the screen, the test shows nothing: {box}"
        assert not box["atEnd"], f"the chat scrolled to the answer's end: {box}"
        expect(_last_answer(page).locator(".prose > p").first).to_be_in_viewport()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the chat scrolls sideways on a phone ({width}px wide)"
        _screenshot(page, "chat-history-phone.png")
    finally:
        context.close()
