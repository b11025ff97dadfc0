"""Small helpers shared by the UI tests."""

from __future__ import annotations

import json
from typing import Any

# Text a client may send that has tripped up many a server: emoji, invisible and bidi marks, combining
# marks, astral planes, private use, control characters, injection attempts.
ODD_MESSAGES = [
    "🙂🙂🙂",
    "👨‍👩‍👧‍👦 第三条讲什么？",
    "\u200b\u200b\u200b",
    "第\u200b三\u200b条",
    "\u200f\u202e第三条\u202c\u200e",
    "\ufeff第十四条",
    "第三条" + "\u0301" * 300,
    "𠀀𠀁𪚥 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\U0010ffff\ue000",
    "ｆｕｌｌ　ｗｉｄｔｈ：第３条",
    "\r\n\r\n第三条\r\n",
    "﷽" * 50,
    "<script>alert(1)</script>",
    "' OR 1=1; DROP TABLE sessions; --",
    "{{7*7}} ${jndi:ldap://x}",
    "a\u0000b",
    "\x1b[31m第三条\x1b[0m",
]


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Chinese characters (every error message must)."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def sse_events(body: str) -> list[Any]:
    """The ``data:`` payloads of a server-sent event stream, JSON-decoded where they are JSON."""
    events: list[Any] = []
    for block in body.split("\n\n"):
        for line in block.splitlines():
            if line.startswith("data: "):
                payload = line.removeprefix("data: ")
                events.append(payload if payload == "[DONE]" else json.loads(payload))
    return events


def sign_in_on_page(page: Any, database_url: str, username: str = "page-officer", display_name: str = "王芳") -> None:
    """Create the officer in the served app's database when missing, then sign in through the 特派员 tab's form.

    Leaves the page on the 特派员 tab with its form shown.
    """
    from playwright.sync_api import expect

    from assistant.storage import SqlUserStore, create_engine_for_url
    from tests.ui.conftest import PASSWORD

    users = SqlUserStore(create_engine_for_url(database_url))
    if users.get(username) is None:
        users.add(username, PASSWORD, team="南沙", display_name=display_name)
    page.get_by_role("tab", name="特派员").click()
    page.locator("#consult-username input").fill(username)
    page.locator("#consult-password input").fill(PASSWORD)
    page.locator("#consult-sign-in-go").click()
    expect(page.locator("#consult-who")).to_contain_text(f"已登录：{display_name}")
