"""The number guard and the quote check."""

from __future__ import annotations

import pytest

from assistant.answer.guard import GroundingError, check_answer, figures_in, quote_is_verbatim, ungrounded_figures
from assistant.schemas import Answer, Citation, ToolCall

QUOTE = "按照实际到账投资额的 1.5% 给予每年最高不超过 500 万元奖励支持。"


def test_figures_exclude_article_labels():
    assert figures_in("根据【第三条】和第十一条，奖励 1.5%，最高 500 万元") == ["1.5%", "500 万元"]


def test_figures_from_quotes_or_tool_results_pass():
    assert ungrounded_figures("奖励为 1.5%，每年最高 500 万元", [QUOTE], []) == []
    assert ungrounded_figures("预估可获120万元", [QUOTE], [{"award_yuan": 1200000}]) == []
    assert ungrounded_figures("8000万元 × 1.5% = 120万元", [QUOTE], [{"steps": ["8000万元 × 1.5% = 120万元"]}]) == []


@pytest.mark.parametrize("answer", ["奖励比例为 10%", "最高 1000 万元", "预估可获130万元", "要在 30 天内申报"])
def test_invented_figures_are_caught(answer):
    assert ungrounded_figures(answer, [QUOTE], [{"award_yuan": 1200000}])


def test_quotes_must_be_verbatim_pieces():
    source = ["甲句。乙句。丙句。"]
    assert quote_is_verbatim("甲句。", source)
    assert quote_is_verbatim("甲句。……丙句。", source)
    assert not quote_is_verbatim("甲句。丙句。", source)
    assert not quote_is_verbatim("", source)


def test_check_answer_raises_on_either_problem():
    good = Answer(answer=f"根据【第三条】：{QUOTE}", citations=[Citation(article=3, quote=QUOTE)])
    check_answer(good, [QUOTE])
    with pytest.raises(GroundingError, match="引文"):
        check_answer(Answer(answer="x", citations=[Citation(article=3, quote="编造的引文。")]), [QUOTE])
    with pytest.raises(GroundingError, match="数字"):
        check_answer(Answer(answer="奖励 2%", citations=[Citation(article=3, quote=QUOTE)]), [QUOTE])
    with_tool = Answer(
        answer="预估可获15万元",
        citations=[Citation(article=3, quote=QUOTE)],
        tool_calls=[ToolCall(name="t", result={"award_yuan": 150000})],
    )
    check_answer(with_tool, [QUOTE])
