"""The web page through the proxy: Debian's chromium (Playwright) opens ``/ui/`` and holds a conversation.

Gradio's queue keeps a page's events in the process that served the page, so behind round-robin
a page would break on its second event; nginx's sticky ``/ui`` upstream keeps it on one replica.

Example:
    >>> check_page("http://127.0.0.1:8080")  # doctest: +SKIP
    PageResult(answers=3, last_answer=...)
"""

from __future__ import annotations

from dataclasses import dataclass

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUESTIONS = ("第十四条主要讲什么？", "那能拿多少奖励？", "责任单位是谁？")
ANSWER_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class PageResult:
    """How many questions the page answered, and the last answer's text."""

    answers: int
    last_answer: str

    @property
    def ok(self) -> bool:
        """Every question answered, in Chinese text."""
        return self.answers == len(QUESTIONS) and bool(self.last_answer.strip())


def check_page(url: str) -> PageResult:
    """Open the page at ``url/ui/`` and ask :data:`QUESTIONS` in one conversation.

    Raises:
        playwright.sync_api.Error: The page did not load or an answer did not come in time.
    """
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="zh-CN")
            page.set_default_timeout(ANSWER_TIMEOUT_MS)
            page.goto(f"{url}/ui/")
            box = page.locator("#chat-input textarea")
            answers = page.locator("#chatbot .answer-start.answer-done")
            for n, question in enumerate(QUESTIONS):
                box.fill(question)
                box.press("Enter")
                expect(answers).to_have_count(n + 1, timeout=ANSWER_TIMEOUT_MS)
            last = page.locator("#chatbot .message-row.bot-row").last.inner_text()
            return PageResult(answers=answers.count(), last_answer=last)
        finally:
            browser.close()
