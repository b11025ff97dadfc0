"""Classes an eleventh blind answer set found, end to end on the real index (my own wordings)."""

from __future__ import annotations

import uuid

import pytest

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


@pytest.mark.parametrize(
    ("question", "articles"),
    [
        ("贴息相关的条款有哪些？", {1, 11}),
        ("哪几条有知识产权的提法", {8, 10, 12, 16}),
        ("那些措施讲到并购", {15}),
        ("担保相关的有哪几条", {10, 11}),
    ],
)
def test_mention_frames_of_related_and_wording_list_every_article(assistant, question, articles):
    answer = assistant.ask(question)
    assert answer.answerability == "answered" and articles <= set(cited(answer))


def test_the_asker_is_not_a_term_mentioned(assistant):
    answer = assistant.ask("我们是黄埔的初创期科技企业，这些措施里哪些和我们相关")
    assert not answer.answer.startswith("原文提到「我们」")


def test_the_articles_a_unit_takes_part_in(assistant):
    answer = assistant.ask("市场监管局参与的有哪些")
    assert answer.answerability == "answered" and set(cited(answer)) == {12, 16, 25, 30}


@pytest.mark.parametrize(
    ("question", "articles", "absent"),
    [
        ("这份意见里引用了哪些带文号的本市文件，各在哪一条？", [2, 3, 5, 14], "银发"),
        ("意见援引了哪几份国家层面的文件", [], "穗府规"),
    ],
)
def test_cited_documents(assistant, question, articles, absent):
    answer = assistant.ask(question)
    assert answer.answerability == "answered" and cited(answer) == articles
    assert "《" in answer.answer and absent not in answer.answer


@pytest.mark.parametrize(
    ("question", "articles"),
    [("广州这份意见一共引用了哪些文件？", [2, 3, 5, 14, 11]), ("第二条和第十四条引用了哪些文件", [2, 14])],
)
def test_cited_documents_narrowed_only_by_what_follows_the_ask_and_by_named_articles(assistant, question, articles):
    assert cited(assistant.ask(question)) == articles


@pytest.mark.parametrize("question", ["第三条涉及哪些规定？", "意见里提到了哪些担保办法"])
def test_asking_what_rules_an_article_has_is_no_list_of_cited_documents(assistant, question):
    assert "原文引用的" not in assistant.ask(question).answer


@pytest.mark.parametrize(
    ("question", "article"),
    [("和佛山一起建的那个科技金融合作区叫什么", 18), ("去众创空间给企业讲科技金融政策的人叫啥", 26)],
)
def test_a_name_the_text_gives_is_answered(assistant, question, article):
    answer = assistant.ask(question)
    assert answer.answerability == "answered" and article in cited(answer)


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("智慧大脑的小程序叫什么？在哪注册账号", 23),
        ("广佛科技金融合作示范区会建在哪个街道？", 18),
        ("QFLP试点对GP的注册资本最低要多少美元", 19),
    ],
)
def test_details_the_text_does_not_give_are_declined(assistant, question, article):
    answer = assistant.ask(question)
    assert answer.answerability == "not_in_text" and cited(answer) == [article]


def test_a_regional_equity_market_nickname_finds_its_article(assistant):
    answer = assistant.ask("在四板做股票质押融资，有补贴吗")
    assert answer.answerability == "answered" and cited(answer)[0] == 14


def test_an_earlier_name_of_an_event_is_a_count_the_text_gives(assistant):
    session = uuid.uuid4().hex
    answer = assistant.ask("创投峰会是由多少人的交流会升级而来的？", session_id=session)
    assert answer.answerability == "answered" and "50" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "海珠区的幼儿园学位够不够？怎么报名",
        "美联储加息对创投行业有什么影响",
        "那东莞本地对创投机构有啥补贴？",
        "杭州天使引导基金的返投政策是怎样的？",
        "北京QFLP试点的最低出资门槛",
        "顺便问下，全国的高新技术企业认定标准是什么？",
        "个税年度汇算什么时候截止？",
        "现在A轮一般估值多少？",
    ],
)
def test_outside_topics_and_another_place_or_the_nations_rules(assistant, question):
    answer = assistant.ask(question)
    assert answer.answerability == "out_of_scope" and answer.refused and not answer.citations


def test_an_amount_in_dollars_the_text_does_not_give(assistant):
    answer = assistant.ask("QDIE试点一般能批多少美金的额度？")
    assert answer.answerability == "not_in_text" and cited(answer) == [19]


@pytest.mark.parametrize(
    ("question", "articles"),
    [("担保相关的条款，帮我全部列出来", {10, 11}), ("意见里有关人才的说法在哪几条？", {3, 5, 9, 25, 27})],
)
def test_more_mention_frames(assistant, question, articles):
    answer = assistant.ask(question)
    assert answer.answerability == "answered" and set(cited(answer)) == articles


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("创投硕士班的 tuition 是多少？", 27),
        ("Is there an app for 科技金融智慧大脑? website URL?", 23),
        ("转贷资金的利息怎么算？", 12),
    ],
)
def test_details_asked_partly_in_english_are_judged_too(assistant, question, article):
    answer = assistant.ask(question)
    assert answer.answerability == "not_in_text" and cited(answer) == [article]


def test_an_award_asked_in_english_is_answered_from_its_rule(assistant):
    answer = assistant.ask("We invest in 初创期 companies in Guangzhou, what is the maximum reward per year?")
    assert answer.answerability == "answered" and "500" in answer.answer and cited(answer)[0] == 3


def test_legal_advice_for_funds_is_not_a_recipe(assistant):
    answer = assistant.ask("会计师事务所给创投机构做法律和财务服务，政策有支持吗？")
    assert answer.answerability != "out_of_scope"


def test_two_articles_each_asked_its_own_figure(assistant):
    answer = assistant.ask("第四条的基金和第十三条的上市目标分别是多少？")
    assert cited(answer) == [4, 13] and "60" in answer.answer and answer.tool_calls == []
