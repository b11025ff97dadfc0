"""Classes a tenth blind answer set found, end to end on the real index (my own wordings)."""

from __future__ import annotations

import uuid

import pytest

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


@pytest.mark.parametrize(
    ("first", "then", "article"),
    [
        ("国资国企创新基金规模有多大？", "那新兴产业发展基金呢", 4),
        ("政策性担保机构的担保费率是多少？", "是不是低于2%", 11),
    ],
)
def test_a_question_leaning_on_one_the_text_could_not_answer_is_not_answered_either(assistant, first, then, article):
    session = uuid.uuid4().hex
    assert assistant.ask(first, session_id=session).answerability == "not_in_text"
    answer = assistant.ask(then, session_id=session)
    assert answer.answerability == "not_in_text" and answer.refused and cited(answer) == [article]


def test_the_same_leaning_parts_in_one_message(assistant):
    answer = assistant.ask("政策性担保机构的担保费率是多少？是不是低于2%")
    assert answer.answerability == "not_in_text" and "不是。" not in answer.answer


def test_a_leaning_question_after_an_answered_one_is_answered(assistant):
    session = uuid.uuid4().hex
    assert assistant.ask("投早投小的奖励比例是多少？", session_id=session).answerability == "answered"
    answer = assistant.ask("担保机构注资补助呢", session_id=session)
    assert answer.answerability == "answered" and 11 in cited(answer)


@pytest.mark.parametrize(
    "question",
    [
        "创投员工跟投有没有规定最低跟投额",
        "这个并购基金的GP是谁",
        "创投硕士班的管理费怎么收",
    ],
)
def test_amounts_managers_and_fees_the_text_does_not_give(assistant, question):
    assert assistant.ask(question).answerability == "not_in_text"


@pytest.mark.parametrize(
    "question",
    [
        "投中榜单今年排第一的机构是哪家",
        "科创板开户有没有资产要求，是不是50万",
        "杭州的QFLP试点对管理人的实缴资本最低要求多少",
    ],
)
def test_rankings_account_opening_and_another_citys_pilot_are_outside(assistant, question):
    answer = assistant.ask(question)
    assert answer.answerability == "out_of_scope" and not cited(answer)


def test_a_website_named_as_what_a_platform_is_is_not_asked_for(assistant):
    answer = assistant.ask("信易贷这类银企对接网站，文件里是怎么说的")
    assert answer.answerability == "answered" and 10 in cited(answer)


def test_a_correction_without_a_figure_after_an_estimate_estimates_again(assistant):
    session = uuid.uuid4().hex
    first = assistant.ask(
        "我们是肇庆的创投，2023年到账2亿、2024年到账2亿，都投广州种子期科技型中小企业", session_id=session
    )
    assert [t.result.get("award_yuan") for t in first.tool_calls] == [6_000_000]
    answer = assistant.ask("不对，2024那笔其实是2023年12月到的账，重新算一下", session_id=session)
    assert [t.result.get("award_yuan") for t in answer.tool_calls] == [5_000_000]
