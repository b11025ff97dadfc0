"""Classes a twelfth blind answer set found, end to end on the real index (my own wordings)."""

from __future__ import annotations

import uuid

import pytest

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


@pytest.mark.parametrize(
    ("question", "articles"),
    [
        ("哪些条款有质押", {12, 14}),  # 「哪些条款有X」
        ("上海证券交易所南方中心 哪几条有", {13, 27}),  # the term first, the list after
        ("贷款+外部投资、联合风控这些说法在哪几条？", {21, 22}),  # 「这些说法」 is no part of the term
    ],
)
def test_more_mention_frames_list_every_article(assistant, question, articles):
    answer = assistant.ask(question)
    assert answer.answerability == "answered" and articles <= set(cited(answer))


@pytest.mark.parametrize(
    "question",
    [
        "番禺区的车牌摇号多久摇一次",
        "帮我找几篇讲科技金融的期刊文献",
        "黄埔这周末有什么演出",
        "在南沙领一张营业执照要几天",
    ],
)
def test_outside_topics_named_with_a_place_of_the_text_are_out_of_scope(assistant, question):
    answer = assistant.ask(question)
    assert answer.answerability == "out_of_scope" and answer.refused and not answer.citations


def test_an_outside_topic_after_an_answered_turn_is_out_of_scope(assistant):
    session = uuid.uuid4().hex
    assistant.ask("以赛代评是什么意思", session_id=session)
    answer = assistant.ask("天河今晚有什么音乐会", session_id=session)
    assert answer.answerability == "out_of_scope"


def test_a_growth_target_is_read_over_the_whole_measure(assistant):
    answer = assistant.ask("科技信贷每年得增长多少，有量化指标吗")
    assert answer.answerability == "answered" and cited(answer)[:1] == [8] and "15%" in answer.answer


def test_which_unit_a_measure_belongs_to_is_its_responsible_unit(assistant):
    answer = assistant.ask("投贷联动和智库建设分别归哪个单位管")
    assert answer.answerability == "answered" and {21, 24} <= set(cited(answer))
    assert "责任单位" in answer.answer


def test_a_kind_of_enterprise_alone_is_no_deal_to_estimate(assistant):
    answer = assistant.ask("我们是银行，科技型中小企业的贷款出了坏账，风险补偿资金池能帮我们兜底百分之多少的损失？")
    assert not answer.tool_calls and answer.answerability == "not_in_text" and answer.refused
