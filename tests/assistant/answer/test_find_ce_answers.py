"""Answers the find sets c1 and e1 showed (my own wordings): two supports told in one conversation,
each estimated and summed; a time limit the text never sets; a follow-up pointing back with 这块; a
place compared with and then asked about by 他们."""

from __future__ import annotations

from decimal import Decimal

from assistant.schemas import Answer
from evals.answers import awards


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_two_supports_told_are_each_estimated_and_summed(assistant):
    session = "both-supports"
    assistant.ask("我们集团有家南沙区的区级政策性融资担保公司，今年区财政新增出资5000万。", session_id=session)
    assistant.ask("集团的创投基金注册在南沙，今年投了番禺一家初创期科技型中小企业，到账2000万。", session_id=session)
    answer = assistant.ask("两块各能拿多少？合起来多少？", session_id=session)
    # 2000万 × 1.5% = 30万; 5000万 × 40% = 2000万; together 2030万.
    assert sorted(awards(answer)) == [Decimal(300_000), Decimal(20_000_000), Decimal(20_300_000)]
    assert cited(answer) == [3, 11]


def test_one_support_named_is_estimated_alone(assistant):
    session = "both-supports-one"
    assistant.ask("我们集团有家南沙区的区级政策性融资担保公司，今年区财政新增出资5000万。", session_id=session)
    assistant.ask("集团的创投基金注册在南沙，今年投了番禺一家初创期科技型中小企业，到账2000万。", session_id=session)
    answer = assistant.ask("担保公司那边最多能补多少？", session_id=session)
    assert awards(answer) == [Decimal(20_000_000)]


def test_a_time_limit_the_text_never_sets_is_not_confirmed(assistant):
    answer = assistant.ask("听说股权质押登记文件规定5个工作日内必须办完？")
    assert answer.answerability == "not_in_text" and cited(answer) == [30]


def test_zhe_kuai_points_back_at_the_last_topic(assistant):
    session = "zhe-kuai"
    assistant.ask("我们想发双创债，文件里有支持吗？", session_id=session)
    answer = assistant.ask("这块归哪些部门管？", session_id=session)
    assert cited(answer) == [14]


def test_a_place_compared_with_then_asked_about_is_out_of_scope(assistant):
    session = "compared-then-asked"
    assistant.ask("文件说要对标哪些地方打造风投创投集聚区？", session_id=session)
    answer = assistant.ask("那参照深圳南山，他们对新落户的创投有什么奖励？", session_id=session)
    assert answer.answerability == "out_of_scope"


def test_what_it_takes_to_become_an_officer_is_not_in_the_text(assistant):
    session = "become-officer"
    assistant.ask("科技金融特派员是做什么的？", session_id=session)
    answer = assistant.ask("我们券商的人想去做特派员，需要什么资格？", session_id=session)
    assert answer.answerability == "not_in_text" and cited(answer) == [26]


def test_the_conditions_of_the_early_stage_award_are_article_3s(assistant):
    answer = assistant.ask("创投要满足哪些条件才能拿到投小奖励？")
    assert cited(answer)[0] == 3 and not answer.refused


def test_the_documents_own_number_and_validity_are_not_in_the_text(assistant):
    answer = assistant.ask("本意见的发文字号是什么？有效期到哪年？")
    assert answer.answerability == "not_in_text" and "文号" in answer.answer and "有效期" in answer.answer


def test_when_the_document_takes_effect_is_its_closing_paragraph(assistant):
    answer = assistant.ask("这个政策什么时候开始实施？")
    assert answer.answerability == "answered" and "自发布之日起实施" in answer.answer


def test_a_figure_read_in_an_article_is_shown_where_it_belongs(assistant):
    answer = assistant.ask("文件里说的5年，是这份意见的有效期吗？")
    assert answer.answerability == "not_in_text" and 13 in cited(answer)


def test_a_claim_pinned_on_the_wrong_article_is_moved_and_its_figure_corrected(assistant):
    answer = assistant.ask("第十四条说要设立总规模100亿的科技企业并购基金，这个归哪个部门？")
    assert cited(answer) == [15] and "不符" in answer.answer and "100亿" not in answer.answer.split("原文是")[-1]


def test_two_plans_told_then_asked_of_each_by_zhe_liang_jian_shi(assistant):
    answer = assistant.ask("我们准备发双创债，另外还打算设一只并购基金，这两件事分别找哪个部门？")
    assert {14, 15} <= set(cited(answer)) and answer.answer.count("责任单位") >= 2


def test_the_opening_paragraphs_documents_are_listed_alone(assistant):
    answer = assistant.ask("意见开头说依据了哪几份文件？")
    assert "广州市科技创新条例" in answer.answer and "穗国资资本" not in answer.answer


def test_a_total_asked_without_naming_both_supports_is_not_summed(assistant):
    session = "both-supports-total"
    assistant.ask("我们集团有家南沙区的区级政策性融资担保公司，今年区财政新增出资5000万。", session_id=session)
    assistant.ask("集团的创投基金注册在南沙，今年投了番禺一家初创期科技型中小企业，到账2000万。", session_id=session)
    answer = assistant.ask("今年一共能拿多少？", session_id=session)
    assert len(awards(answer)) == 1
