"""Classes the blind award sets found in the reader (my own wordings)."""

from __future__ import annotations

import uuid

import pytest

from assistant.understand.reader import Reader


@pytest.fixture(scope="module")
def read():
    return Reader.default(this_year=2026).read


@pytest.mark.parametrize(
    "message",
    [
        "我们的管理人在珠海横琴，不过基金本身注册在湖南长沙，投了番禺一家初创期企业800万，已到账",
        "我们GP在深圳前海，基金注册在上海，投了黄埔一家初创期企业1000万，到账了",
    ],
)
def test_an_investor_seated_inside_and_outside_the_bay_area_is_asked_where(read, message):
    facts = read(message).facts
    assert facts.institution("self").place is None
    assert facts.investments and facts.investments[0].amount > 0


def test_a_round_is_not_a_stage(read):
    deal = read("深圳一家VC投了天河一家天使轮公司500万，已到账").facts.investments[0]
    assert deal.stage is None and deal.stage_unclear


def test_part_arrived_without_a_figure_is_asked(read):
    facts = read("其实只到账了一部分，剩下多少我还得问财务").facts
    assert [q.slot for q in facts.unclear] == ["received_amount"]


def test_a_figure_pointed_at_names_its_deal_before_the_year(assistant):
    session = uuid.uuid4().hex
    first = assistant.ask("我们是佛山的创投，投广州初创期科技企业，2022年到账1亿，2023年到账4亿", session_id=session)
    assert [c.result["award_yuan"] for c in first.tool_calls] == ["6500000"] or "650万" in first.answer
    answer = assistant.ask("说错了，那1亿其实也是2023年到账的", session_id=session)
    # Both in 2023: 5亿 × 1.5% = 750万, capped at 500万 for the year.
    assert "500万元" in answer.answer and "2022年度" not in answer.answer
