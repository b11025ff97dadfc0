"""The 奖励测算 rows and the 政策浏览 alias search in a real browser (Debian's chromium, Playwright).

The app runs in a subprocess (the ``base_url`` and ``browser`` fixtures of ``tests/ui/conftest.py``).
Expected figures come from the award engine itself, so the page must show the engine's number.
Screenshots go to ``test-output/screenshots/``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.awards.cases import InvestmentInput, guarantee_case, investment_case
from assistant.awards.engine import AwardEngine
from ui.web.awards import award_figure

pytestmark = [pytest.mark.browser, pytest.mark.integration]

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
TIMEOUT_MS = 20_000


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(base_url)
    page.locator("#chat-input textarea").wait_for()
    yield page
    context.close()


def _calculator(page):
    page.get_by_role("tab", name="奖励测算").click()
    page.locator(".calc3-row").first.wait_for()
    return page


def _investment(page, number: int, amount: str, investee: str, stage: str, *, received: bool = True) -> None:
    """Fill the ``number``-th investment row (1-based), adding it first when it is not there yet."""
    from playwright.sync_api import expect

    rows = page.locator(".calc3-row")
    if rows.count() < number:
        page.locator("#calc3-add").click()
        expect(rows).to_have_count(number)
    row = rows.nth(number - 1)
    row.locator(".calc3-amount textarea").fill(amount)
    row.locator(".calc3-investee textarea").fill(investee)
    row.locator(".calc3-year textarea").fill("2025")
    row.locator(".calc3-stage input").click()
    row.get_by_role("option", name=stage, exact=True).click()
    row.locator(".calc3-received input").set_checked(received)


def _engine_figure(rule: str, facts) -> str:
    return award_figure(AwardEngine.default().evaluate(rule, facts))


def _startup(amount: int, place: str, *, received: bool = True) -> InvestmentInput:
    return InvestmentInput(
        amount=Decimal(amount),
        year=2025,
        investee_stage="初创期",
        investee_place=place,
        investee_is_tech_sme=True,
        funds_received=received,
    )


def test_article3_two_rows_with_one_not_received_shows_the_engines_figure(page):
    from playwright.sync_api import expect

    _calculator(page)
    page.locator("#calc3-place textarea").fill("珠海")
    _investment(page, 1, "8000万", "天河区", "初创期")
    _investment(page, 2, "2000万", "海珠区", "初创期", received=False)
    page.locator("#calc3-submit").click()
    result = page.locator("#calc3-result")
    expected = _engine_figure(
        "article3",
        investment_case([_startup(80_000_000, "天河区"), _startup(20_000_000, "海珠区", received=False)], "珠海"),
    )
    assert expected == "120万元"
    expect(result.locator(".award-amount")).to_have_text(expected)
    expect(result.locator(".calc-explanation")).to_contain_text("不计入：海珠区（广州） 初创期 尚未到账2000万元")
    expect(result).to_contain_text("预估，以责任单位审核为准")
    _screenshot(page, "calculator.png")


def test_removing_a_row_changes_the_figure_and_keeps_the_others(page):
    from playwright.sync_api import expect

    _calculator(page)
    page.locator("#calc3-place textarea").fill("南沙")
    _investment(page, 1, "8000万", "天河区", "初创期")
    _investment(page, 2, "4000万", "黄埔区", "种子期")
    page.locator("#calc3-submit").click()
    amount = page.locator("#calc3-result .award-amount")
    expect(amount).to_have_text("180万元")

    page.locator(".calc3-row").nth(1).locator(".calc3-remove").click()
    expect(page.locator(".calc3-row")).to_have_count(1)
    expected = _engine_figure("article3", investment_case([_startup(80_000_000, "天河区")], "南沙"))
    expect(amount).to_have_text(expected)
    first = page.locator(".calc3-row").first
    expect(first.locator(".calc3-amount textarea")).to_have_value("8000万")
    expect(first.locator(".calc3-stage input")).to_have_value("初创期")
    expect(first.locator(".calc3-remove")).to_be_disabled()  # one row always stays


def test_a_bad_amount_names_its_row_and_nothing_typed_is_lost(page):
    from playwright.sync_api import expect

    _calculator(page)
    page.locator("#calc3-place textarea").fill("珠海")
    _investment(page, 1, "8000万", "天河区", "初创期")
    _investment(page, 2, "很多钱", "海珠区", "种子期")
    page.locator("#calc3-submit").click()
    error = page.locator("#calc3-result .calc-error")
    expect(error).to_contain_text("无法识别第2笔投资的金额「很多钱」")
    second = page.locator(".calc3-row").nth(1)
    expect(second.locator(".calc3-amount textarea")).to_have_value("很多钱")
    expect(second.locator(".calc3-stage input")).to_have_value("种子期")
    second.locator(".calc3-amount textarea").fill("")
    page.locator("#calc3-submit").click()
    expect(error).to_contain_text("请填写第2笔投资的金额")
    second.locator(".calc3-amount textarea").fill("2000万")
    page.locator("#calc3-submit").click()
    expect(page.locator("#calc3-result .award-amount")).to_have_text("150万元")


def test_article11_two_sources_count_only_the_district_treasury(page):
    from playwright.sync_api import expect

    _calculator(page)
    rows = page.locator(".calc11-row")
    rows.first.locator(".calc11-amount textarea").fill("1亿")
    page.locator("#calc11-add").click()
    expect(rows).to_have_count(2)
    second = rows.nth(1)
    second.locator(".calc11-amount textarea").fill("5000万")
    second.locator(".calc11-funder input").click()
    second.get_by_role("option", name="社会资本", exact=True).click()
    page.locator("#calc11-submit").click()
    facts = guarantee_case(
        None,
        True,
        True,
        True,
        other_contributions=[("district_treasury", Decimal(100_000_000)), ("private", Decimal(50_000_000))],
    )
    expected = _engine_figure("article11", facts)
    assert expected == "最高4000万元"
    result = page.locator("#calc11-result")
    expect(result.locator(".award-amount")).to_have_text(expected)
    expect(result.locator(".calc-explanation")).to_contain_text("由社会资本出资，不是区财政的出资")


def test_browse_finds_a_unit_by_its_short_name_and_an_article_by_a_colloquial_word(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="政策浏览").click()
    catalog = page.locator("#browse-catalog")
    cards = catalog.locator(".article-card")
    expect(cards).to_have_count(32)
    search = page.locator("#browse-search input, #browse-search textarea")

    search.fill("市地方金融监管局")
    expect(cards).not_to_have_count(32)
    by_full_name = sorted(cards.evaluate_all("cards => cards.map(c => c.dataset.article)"))
    assert by_full_name
    search.fill("金融局")
    expect(catalog.locator(".catalog-aliases")).to_contain_text("「金融局」即 市地方金融监管局")
    assert sorted(cards.evaluate_all("cards => cards.map(c => c.dataset.article)")) == by_full_name
    article = catalog.locator(f".article-card.article-{by_full_name[0]}")
    article.locator("summary").click()
    expect(article.locator(".article-units mark").first).to_have_text("市地方金融监管局")

    search.fill("专利贷款")
    expect(catalog.locator(".catalog-aliases")).to_contain_text("「专利贷款」即 知识产权质押")
    expect(catalog.locator(".article-card.article-12")).to_be_visible()
    expect(catalog.locator(".article-card.article-3")).to_have_count(0)
    _screenshot(page, "browse-alias.png")


def _screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
