"""Classes a third round of blind answer sets found (my own wordings)."""

from __future__ import annotations

import pytest

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("创投机构发公司债，贴息是不是按基准利率的30%贴？", 1),  # a figure the text never fixes
        ("科技贷款的不良容忍度是不是可以放宽到6%，是真的吗？", 9),
    ],
)
def test_a_premise_with_a_figure_the_text_never_gives_is_not_in_the_text(assistant, question, article):
    answer = assistant.ask(question)
    assert answer.answerability == "not_in_text" and answer.refused and article in cited(answer)
    assert "30%" not in answer.answer and "6%" not in answer.answer  # never adopted


def test_a_true_figure_offered_to_confirm_is_still_answered(assistant):
    answer = assistant.ask("并购基金是100亿吧？")
    assert answer.answerability == "answered" and answer.answer.startswith("不是") and "200" in answer.answer


def test_a_mention_question_ending_in_都有提到_lists_every_article(assistant):
    answer = assistant.ask("风险补偿资金池这个东西，文件里哪几条都有提到？")
    assert {8, 12, 21} <= set(cited(answer))


def test_questions_numbered_一是二是_are_each_answered(assistant):
    answer = assistant.ask("两个问题：一是律所这些中介机构归哪个部门管；二是典型案例宣传由谁负责？")
    assert {25, 31} <= set(cited(answer))


def test_a_heading_before_the_colon_does_not_make_two_questions_one(assistant):
    answer = assistant.ask("问下上市和并购：几年内要推动多少家科技企业上市？并购基金总规模多大？这两条分别谁负责？")
    assert {13, 15} <= set(cited(answer))


def test_the_nations_policy_named_as_国家那个_is_out_of_scope(assistant):
    answer = assistant.ask("国家那个创投企业投资抵扣应纳税所得额的政策怎么申报")
    assert answer.answerability == "out_of_scope" and not answer.citations


def test_a_seat_outside_guangzhou_does_not_pull_the_search_to_that_city(assistant):
    answer = assistant.ask("香港的基金投资广州的初创企业有没有奖励")
    assert answer.answerability == "answered" and 3 in cited(answer)
