"""Classes the sealed d round showed once scored (my own wordings): carbon and discharge rights named the
way an enterprise says them, a bank loan with equity attached, and 「文件有这种说法吗」 asking the
question before it again."""

from __future__ import annotations

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_carbon_quotas_as_collateral_are_the_new_credit_products(assistant):
    answer = assistant.ask("我们手里有碳排放配额，能不能拿它去银行抵押贷款？")
    assert cited(answer)[0] == 10 and not answer.tool_calls


def test_a_loan_with_some_equity_attached_is_the_joint_innovation(assistant):
    answer = assistant.ask("贷款的同时让银行拿一点股权，这种模式文件里有没有？")
    assert cited(answer)[0] == 21


def test_does_the_text_say_so_is_the_question_before_asked_again(assistant):
    from assistant.understand.focus import FocusReader

    parts = FocusReader.default().read("能不能用专利去质押贷款？文件里有这种规定吗").parts
    assert parts == ()
