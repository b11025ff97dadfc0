"""Every page of the product works with no host but its own (an intranet with no way out).

Each page is opened in a fresh browser context that records every request it makes — documents,
scripts, styles, fonts, images, fetches, event streams and websockets — and the test fails on any
that leaves for another host, listing them. The pages must also actually render from what our
server sends: Swagger UI lists the operations, ReDoc shows the schema, the chat answers, and each
names a title and an icon that our server serves. Uses the ``base_url`` and ``browser`` fixtures
of ``tests/ui/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest

from tests.ui.helpers import sign_in_on_page

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.integration]

PAGE_TIMEOUT_MS = 20_000
# Requests started by the last render reach the recorder a moment after the DOM shows it.
SETTLE_MS = 1_000
# Schemes a browser resolves by itself, without the network.
LOCAL_SCHEMES = {"data", "blob", "about"}
CHAT_TITLE = "政策通 · 广州科技金融政策问答"


@dataclass
class Visit:
    """One page opened in its own browser context, with every URL it asked for."""

    page: Page
    origin: str
    urls: list[str] = field(default_factory=list)
    # What the browser refused under the server's Content-Security-Policy (it says so on the console).
    refused: list[str] = field(default_factory=list)
    policy: str = ""

    def foreign(self) -> list[str]:
        """The requests that went to a host other than :attr:`origin`."""
        return [url for url in self.urls if urlsplit(url).scheme not in LOCAL_SCHEMES and _origin(url) != self.origin]

    def settle(self) -> None:
        self.page.wait_for_timeout(SETTLE_MS)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    return f"{scheme}://{parts.netloc}"


@pytest.fixture
def visit(browser, base_url) -> Iterator[Callable[[str], Visit]]:
    """Opens a path of the served app and records its traffic from the first request on."""
    contexts = []

    def open_path(path: str) -> Visit:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        recorded = Visit(page=page, origin=_origin(base_url))
        context.on("request", lambda request: recorded.urls.append(request.url))
        page.on("websocket", lambda socket: recorded.urls.append(socket.url))
        page.on(
            "console",
            lambda message: (
                recorded.refused.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        response = page.goto(urljoin(base_url, path))
        recorded.policy = response.headers.get("content-security-policy", "") if response else ""
        return recorded

    yield open_path
    for context in contexts:
        context.close()


def _assert_stays_home(visit: Visit) -> None:
    visit.settle()
    assert visit.urls, "no request was recorded at all"
    assert not visit.foreign(), f"requests to other hosts than {visit.origin}: {visit.foreign()}"
    # The page worked under a policy that allows this origin only, and the browser refused nothing.
    assert "default-src 'self'" in visit.policy and "frame-ancestors 'none'" in visit.policy, visit.policy
    assert not visit.refused, f"blocked by the Content-Security-Policy: {visit.refused}"


def _assert_icon_is_ours(visit: Visit, selector: str) -> None:
    """The page's icon link points at our server, which answers it with an image."""
    links = visit.page.locator(selector)
    assert links.count() >= 1, f"the page names no icon ({selector})"
    href = links.first.evaluate("link => link.href")
    assert _origin(href) == visit.origin, f"the icon comes from another host: {href}"
    response = visit.page.request.get(href)
    assert response.status == 200, f"{href} answered {response.status}"
    assert response.headers["content-type"].startswith("image/")


def test_chat_page_asks_only_its_own_server(visit, served_app):
    from playwright.sync_api import expect

    chat = visit("/ui/")
    page = chat.page
    box = page.locator("#chat-input textarea")
    box.fill("第十四条主要讲什么？")
    box.press("Enter")
    expect(page.locator("#chatbot .citation-card.article-14")).to_be_visible()
    # Each tab renders its own components (tables, dropdowns, file buttons) when first shown.
    for tab in ("政策浏览", "奖励测算"):
        page.get_by_role("tab", name=tab).click()
    sign_in_on_page(page, served_app.database_url)
    expect(page.locator("#consult-match")).to_be_visible()

    expect(page).to_have_title(CHAT_TITLE)
    _assert_icon_is_ours(chat, 'link[rel~="icon"]')
    _assert_stays_home(chat)


def test_swagger_ui_renders_from_our_server(visit):
    from playwright.sync_api import expect

    docs = visit("/docs")
    page = docs.page
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("政策通 API")
    health = page.locator(".opblock", has=page.locator(".opblock-summary-path", has_text="/healthz"))
    expect(health).to_be_visible()
    expect(health.locator(".opblock-summary-description")).to_have_text("健康检查")
    assert page.locator(".opblock").count() >= 10, "Swagger UI lists too few operations"
    # The schema stays at its URL: Swagger UI fetched it from there.
    assert urljoin(docs.origin, "/openapi.json") in docs.urls

    expect(page).to_have_title("政策通 API · 接口文档（Swagger UI）")
    _assert_icon_is_ours(docs, 'link[rel~="icon"]')
    _assert_stays_home(docs)


def test_redoc_renders_from_our_server(visit):
    from playwright.sync_api import expect

    redoc = visit("/redoc")
    page = redoc.page
    expect(page.locator(".api-content h1").first).to_contain_text("政策通 API")
    expect(page.locator(".api-content h2", has_text="健康检查").first).to_be_visible()
    expect(page.get_by_role("menuitem").first).to_be_visible()  # the side menu is ReDoc's too
    assert urljoin(redoc.origin, "/openapi.json") in redoc.urls

    expect(page).to_have_title("政策通 API · 接口文档（ReDoc）")
    _assert_icon_is_ours(redoc, 'link[rel~="icon"]')
    _assert_stays_home(redoc)
