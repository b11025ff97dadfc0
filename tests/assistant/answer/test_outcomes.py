"""The three outcomes end to end: answered, not in the text, out of scope; mentions, parts, premises."""

from __future__ import annotations

import uuid

import pytest

from assistant.answer.answerability import MONEY_ATTRIBUTES, AttributeJudge
from assistant.answer.guard import check_answer
from assistant.answer.parts import combine
from assistant.answer.premise import check_premise
from assistant.schemas import Answer, Citation
from assistant.understand.focus import FocusReader


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


@pytest.mark.parametrize(
    ("question", "articles"),
    [
        ("哪些条款讲到了贴息？", [1, 11]),
        ("涉及知识产权的条款有哪些？麻烦全部列一下", [8, 10, 12, 16]),
        ("广东股权交易中心在文件里一共出现在哪几条？", [7, 13, 14]),
        ("上海证券交易所南方中心被写进了哪些措施？", [13, 27]),
    ],
)
def test_mention_questions_cite_every_article(assistant, knowledge, question, articles):
    answer = assistant.ask(question)
    assert answer.answerability == "answered"
    assert cited(answer) == articles
    check_answer(answer, [r.text for d in knowledge.index.documents for r in d.records])


@pytest.mark.parametrize(
    ("question", "articles"),
    [
        ("S基金和那个200亿的并购基金分别在哪条？", [7, 15]),
        ("以投代评那条，和投贷联动那条，各自找哪个部门？", [20, 21]),
        ("投贷联动是在哪一条？另外企业用专利去做质押融资，有没有补贴？", [21, 12]),
    ],
)
def test_multi_part_questions_answer_every_part(assistant, question, articles):
    answer = assistant.ask(question)
    assert set(articles) <= set(cited(answer))
    assert answer.answer.count("①") == 1 and "②" in answer.answer


def test_a_part_the_text_does_not_answer_is_said_beside_the_answered_one(assistant):
    answer = assistant.ask("创投硕士班在哪条？学费多少？")
    assert answer.answerability == "answered"  # one part is answered
    assert 27 in cited(answer)
    assert "没有规定" in answer.answer


@pytest.mark.parametrize(
    ("question", "verdict", "article"),
    [
        ("并购基金是100亿吧？", "不是", 15),
        ("科技企业并购基金总规模200亿，对吧？", "是的", 15),
        ("投早投小的奖励比例是2%对吗？", "不是", 3),
    ],
)
def test_a_stated_figure_is_checked_against_the_text(assistant, question, verdict, article):
    answer = assistant.ask(question)
    assert answer.answer.startswith(verdict)
    assert cited(answer) == [article]
    assert "100亿" not in answer.answer and "2%" not in answer.answer  # the user's figure is never adopted


def test_premise_without_a_figure_of_that_kind_says_the_text_fixes_none(knowledge):
    # The text fixes no amount: the premise is not in the text (declined, pointing at the article),
    # and its figure is never repeated as if it were the text's.
    answer = check_premise("上市奖励是300万吧？", knowledge.articles[13])
    assert answer is not None and answer.answerability == "not_in_text" and answer.refused
    assert "没有规定" in answer.answer and "300万" not in answer.answer
    assert check_premise("上市有奖励吗？", knowledge.articles[13]) is None


def test_a_named_thing_after_那个_is_not_a_follow_up(assistant):
    session = uuid.uuid4().hex
    assistant.ask("第七条讲什么？", session)
    assert cited(assistant.ask("那个200亿的并购基金在哪条？", session)) == [15]


@pytest.mark.parametrize(
    ("question", "intent", "articles"),
    [("越秀区有什么支持", "policy_question", [16, 19]), ("有哪些支持措施", "part_lookup", None)],
)
def test_general_questions(assistant, question, intent, articles):
    answer = assistant.ask(question)
    assert answer.answerability == "answered"
    assert answer.intent == intent
    if articles:
        assert cited(answer) == articles
    else:
        assert len(cited(answer)) == 32  # the policy's outline


def test_a_place_alone_never_makes_a_question_answerable(assistant):
    answer = assistant.ask("南沙哪里有好的幼儿园")
    assert answer.answerability == "out_of_scope"
    assert not answer.citations


def test_an_open_amount_is_not_in_the_text_but_a_yes_no_question_is_answered(assistant):
    amount = assistant.ask("我们要是在港交所上市成功了，广州具体能奖励多少钱？")
    assert amount.answerability == "not_in_text" and amount.refused
    assert cited(amount) == [13]
    assert amount.tool_calls[0].result["award_yuan"] is None
    yes_no = assistant.ask("在港交所上市有奖励吗？")
    assert yes_no.answerability == "answered" and not yes_no.refused


def test_the_judge_reads_the_clauses_about_the_subject(knowledge):
    judge = AttributeJudge(knowledge.token_idf)
    focus = FocusReader.default().read("并购基金的总规模是多大？")
    given = judge.judge(knowledge.articles[15], focus.attributes, ["并购", "基金", "总规模"])
    assert [a.name for a in given.given] == ["规模或总额"] and not given.missing
    focus = FocusReader.default().read("天使母基金的总规模有多大？")
    missing = judge.judge(knowledge.articles[3], focus.attributes, ["天使", "母基金"])
    assert [a.name for a in missing.missing] == ["规模或总额"]
    assert "天使母基金" in missing.sentence


def test_rule_data_decides_money_attributes(knowledge):
    judge = AttributeJudge(knowledge.token_idf)
    focus = FocusReader.default().read("每年最多能补多少？")
    assert judge.judge(knowledge.articles[12], focus.attributes, [], money_given=frozenset()).missing
    assert judge.judge(knowledge.articles[12], focus.attributes, [], money_given=MONEY_ATTRIBUTES).given


def test_a_ceiling_ratio_gives_the_most_but_not_an_amount_in_wan(assistant):
    # 第十一条: 「不超过区财政新增出资额 40%」 is the most the city pays; no sum in 万元 is fixed.
    most = assistant.ask("区里新设的政策性融资担保公司，市财政最多补多少注册资本金？")
    assert most.answerability == "answered" and "40%" in most.answer
    amount = assistant.ask("区级政策性融资担保机构增资，市财政单家最多补多少万元？")
    assert amount.answerability == "not_in_text" and amount.refused
    assert [c.article for c in amount.citations] == [11]


def test_whether_a_measure_gives_any_support_reads_the_whole_article(assistant):
    listed = assistant.ask("科技企业上市有没有奖励？")
    assert listed.answerability == "answered" and 13 in [c.article for c in listed.citations]
    officers = assistant.ask("科技金融特派员本人有补贴吗？")
    assert officers.answerability == "not_in_text" and [c.article for c in officers.citations] == [26]


def test_combining_parts_keeps_the_best_outcome():
    answered = Answer(answer="甲", citations=[Citation(article=3, quote="甲")])
    declined = Answer(
        answer="乙", refused=True, answerability="not_in_text", citations=[Citation(article=5, quote="乙")]
    )
    both = combine([answered, declined])
    assert both.answerability == "answered" and not both.refused
    assert [c.article for c in both.citations] == [3, 5]
    only = combine([declined, Answer(answer="丙", refused=True, answerability="out_of_scope")])
    assert only.answerability == "not_in_text" and only.refused


def test_answerability_and_refused_agree():
    assert Answer(answer="x", answerability="out_of_scope").refused
    assert Answer(answer="x", refused=True).answerability == "out_of_scope"
    assert Answer(answer="x", refused=True, citations=[Citation(article=3, quote="x")]).answerability == "not_in_text"


def test_another_documents_content_is_out_of_scope(assistant):
    answer = assistant.ask("《广州市科技创新条例》里关于职务科技成果赋权是怎么规定的？")
    assert answer.answerability == "out_of_scope"
    assert "广州市科技创新条例" in answer.answer


def test_an_industry_word_beside_an_investment_is_no_topic_of_its_own(assistant):
    answer = assistant.ask("我们是南沙的创投，今年投了天河一家做招聘软件的初创期科技型中小企业2000万，已到账，奖励多少")
    assert answer.answerability == "answered"
    assert answer.tool_calls[0].result["award_yuan"] == 300000


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("保险公司的钱能不能拿去给创投基金当LP？", 1),  # 拿去 is no award to take
        ("高端创投人才的个税优惠和创投硕士班，这两块分别是哪条、谁负责", 27),  # 这两块 is no money
    ],
)
def test_words_that_look_like_money_are_not_an_estimate(assistant, question, article):
    answer = assistant.ask(question)
    assert answer.intent != "award_calculation"
    assert article in cited(answer)
