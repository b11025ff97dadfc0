"""Classes the award find set of the twenty-sixth round's second writer showed (my own wordings):
a figure offered as the other reading of one set aside (「6亿还是7亿」), an amount still to be
looked up in the bank statement, a year offered as 「年底还是年初」, and a recipient that may be one
company or another."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def award(*messages: str, rule: str = "article3") -> Decimal | int | None:
    return ENGINE.evaluate(rule, session(*messages)).award_yuan


def test_the_other_reading_of_a_capital_figure_is_set_aside_too():
    # Only the treasury's 1亿 is the base: 1亿 × 40%.
    assert award(
        "增城区的区级政策性融资担保公司今年增资，增资后注册资本大概是4亿还是5亿我记不太清，区财政这次新增出资1亿，没有别的股东。",
        rule="article11",
    ) == Decimal(40_000_000)


def test_an_amount_to_be_looked_up_in_the_bank_statement_is_asked():
    assert award("惠州的创投，今年投了海珠一家初创期科小，到账3000万上下吧，具体得翻一下银行流水。能拿多少？") is None


def test_a_year_offered_as_one_or_the_other_is_asked():
    assert (
        award(
            "东莞的基金，投了两家广州初创期科小，一家到账3亿，一家到账2亿。",
            "第一笔是去年10月到的，第二笔可能是去年年底还是今年年初到的，记不清。一共能拿多少？",
        )
        is None
    )


def test_a_recipient_that_may_be_one_company_or_another_is_asked():
    assert (
        award(
            "澳门一家基金，投了一家初创期科小，到账2000万。",
            "收款方可能是佛山的母公司，也可能是广州的子公司，还要等法务确认。先算算能拿多少？",
        )
        is None
    )
