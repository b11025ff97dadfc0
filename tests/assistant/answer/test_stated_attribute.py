"""「注册地址其实在X」 states an address; it does not ask for one (my own wording)."""

from __future__ import annotations

from evals.answers import awards


def test_an_address_stated_in_a_correction_re_estimates(assistant):
    session = "stated-address"
    assistant.ask("我们江门的基金今年投了天河一家初创期科技型中小企业1000万，到账了。能拿多少？", session_id=session)
    answer = assistant.ask("不好意思，那家公司的注册地址其实在佛山南海，不在天河。这样还能拿多少？", session_id=session)
    assert answer.answerability == "answered" and [str(a) for a in awards(answer)] == ["0"]


def test_an_address_asked_is_still_asked(assistant):
    answer = assistant.ask("申报投资奖励的窗口地址在哪里？")
    assert answer.answerability != "answered"
