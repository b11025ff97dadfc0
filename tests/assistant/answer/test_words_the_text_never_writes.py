"""Questions in words the text never writes: English mention terms, and outside topics about the policy's own things."""

from __future__ import annotations

import uuid

import pytest

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


@pytest.mark.parametrize(
    ("question", "articles"),
    [
        ("哪些条款提到 tax", [5, 10]),
        ("which articles mention insurance?", [1, 21]),
        ("哪几条涉及 M&A", [15]),
    ],
)
def test_an_english_term_lists_the_articles_naming_the_policy_words_for_it(assistant, question, articles):
    answer = assistant.ask(question)
    assert answer.answerability == "answered"
    assert cited(answer) == articles  # not the outline of all 32 articles


@pytest.mark.parametrize(
    "question",
    [
        "找几篇讲投贷联动的期刊文献",
        "推荐几只跟S基金有关的股票，能涨吗",
    ],
)
def test_papers_or_stock_tips_about_the_policys_own_thing_are_still_out_of_scope(assistant, question):
    answer = assistant.ask(question)
    assert answer.answerability == "out_of_scope" and answer.refused and not answer.citations


def test_rent_asked_of_a_park_the_policy_names_is_asked_of_the_policy(assistant):
    answer = assistant.ask("金融科技产业园入驻企业有没有房租补贴")
    assert answer.answerability != "out_of_scope" and cited(answer)


def test_a_detail_asked_after_a_named_thing_stays_with_its_article(assistant):
    # 「网址」「怎么注册」 ask what is wanted; they name no subject of their own (not 基金注册 of article 30).
    session = uuid.uuid4().hex
    assistant.ask("科技金融智慧大脑是干什么用的", session_id=session)
    answer = assistant.ask("目前开通了吗？官网或者公众号叫啥，企业怎么注册", session_id=session)
    assert answer.answerability == "not_in_text" and cited(answer) == [23]


def test_another_places_rules_asked_beside_a_comparison_with_guangzhou_are_out_of_scope(assistant):
    answer = assistant.ask("杭州对新落户的创投机构奖励标准是多少？我们想跟广州的比一比")
    assert answer.answerability == "out_of_scope" and not answer.citations


def test_a_body_asked_where_it_appears_lists_its_articles(assistant):
    answer = assistant.ask("广东股权交易中心在这份意见里干些什么，都在哪几条？")
    assert answer.answerability == "answered" and cited(answer) == [7, 13, 14]
