"""Classes the answer find set of the twenty-sixth round showed (my own wordings): a support's
standard asked (补贴标准是啥), a consequence claimed without a figure, a deadline to apply, a
self-description that is no outside topic, colloquial words for the text's terms, a bracketed name
typed without its brackets, 「这俩字」 in a mention question, a goal's figure asked (目标是几年多少家),
a second question introduced by 另外, and 那要… pointing back at the last topic."""

from __future__ import annotations

import uuid

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_the_standard_of_an_unfixed_support_is_not_in_the_text(assistant):
    answer = assistant.ask("商标质押融资的贴息补贴标准是什么？补几成？")
    assert answer.answerability == "not_in_text" and answer.refused and cited(answer) == [12]


def test_a_consequence_claimed_without_a_figure_is_not_in_the_text(assistant):
    answer = assistant.ask("听人说专利质押融资要是还不上，企业要被通报还会被罚款，真的吗？")
    assert answer.answerability == "not_in_text" and answer.refused and 12 in cited(answer)


def test_a_deadline_to_apply_is_not_in_the_text(assistant):
    answer = assistant.ask("新注册的并购基金要在几个月内提出申请才能享受优惠？")
    assert answer.answerability == "not_in_text" and cited(answer) == [15]


def test_an_official_describing_themselves_is_not_asking_about_exams(assistant):
    answer = assistant.ask("我在市里当公务员，机关干部可以去金融机构挂职锻炼吗？")
    assert answer.answerability == "answered" and cited(answer) == [27]


def test_colloquial_blame_for_bad_loans_finds_the_due_diligence_article(assistant):
    answer = assistant.ask("科技贷款出了烂账，信贷员要背锅吗？文件有没有免责的说法")
    assert answer.answerability == "answered" and cited(answer)[0] == 9


def test_a_bracketed_name_typed_without_its_brackets_is_found_everywhere(assistant):
    answer = assistant.ask("中国创新创业大赛广州赛区，文件里都有哪几条提到了？")
    assert answer.answerability == "answered" and sorted(cited(answer)) == [3, 4, 20]


def test_these_two_characters_are_the_term_not_part_of_it(assistant):
    answer = assistant.ask("“天使”这俩字在文件里出现在哪些条？")
    assert sorted(cited(answer)) == [2, 3, 17, 24]


def test_a_goal_asked_as_years_and_count_is_given(assistant):
    answer = assistant.ask("科创领头羊工程的上市目标是几年多少家？")
    assert answer.answerability == "answered" and not answer.refused and cited(answer) == [13]


def test_a_second_question_introduced_by_another_is_answered_on_its_own(assistant):
    answer = assistant.ask(
        "想问两件事：投种子期企业的创投，奖励比例多少、每年封顶多少？另外区级政策性担保机构增资，市财政按什么比例补"
    )
    assert {3, 11} <= set(cited(answer)) and answer.answer.count("【第十一条】") >= 1


def test_then_with_a_modal_points_back_at_the_last_topic(assistant):
    session = f"find-r-{uuid.uuid4().hex[:8]}"
    assistant.ask("参加创新创业大赛广州赛区，拿了风投的企业是不是能直接进决赛？", session_id=session)
    answer = assistant.ask("那要拿到多少钱的投资才算符合条件？", session_id=session)
    assert answer.answerability == "not_in_text" and cited(answer)[0] == 20


def test_a_platform_the_policy_names_is_not_another_bodys_trading_rules(assistant):
    session = f"find-r-{uuid.uuid4().hex[:8]}"
    assistant.ask("基金份额想提前转出去，广州有没有交易的地方？", session_id=session)
    answer = assistant.ask("这个转让平台开户门槛多少？", session_id=session)
    assert answer.answerability == "not_in_text" and cited(answer) == [7]


def test_another_citys_own_fund_is_another_citys_rule(assistant):
    answer = assistant.ask("上海天使引导基金投一个子基金最多出资多少？")
    assert answer.answerability == "out_of_scope" and answer.refused


def test_a_fee_cut_asked_across_a_filler_clause_is_not_in_the_text(assistant):
    answer = assistant.ask("担保公司说要降担保费，具体降到多少？")
    assert answer.answerability == "not_in_text" and cited(answer) == [11]


def test_how_a_tax_benefit_is_calculated_is_not_in_the_text(assistant):
    answer = assistant.ask("来穗的高端创投人才个税优惠具体怎么算？")
    assert answer.answerability == "not_in_text" and cited(answer) == [5]


def test_how_to_apply_to_another_citys_fund_is_its_rule(assistant):
    answer = assistant.ask("上海天使引导基金咋申请")
    assert answer.answerability == "out_of_scope"


def test_the_provinces_own_requirements_are_not_this_policys(assistant):
    answer = assistant.ask("广东省层面对QDLP试点企业有什么资质要求？")
    assert answer.answerability == "out_of_scope"


def test_a_districts_own_rules_are_not_this_policys(assistant):
    answer = assistant.ask("南沙区自己出台的创投扶持办法里，落户奖励最高多少？")
    assert answer.answerability == "out_of_scope"


def test_which_articles_touch_a_word_asked_as_you_type(assistant):
    answer = assistant.ask("S基金哪几条都有提")
    assert answer.answerability == "answered" and cited(answer) == [7]


def test_an_operator_describing_itself_asks_no_operator(assistant):
    answer = assistant.ask("我们是孵化器运营方，想联合银行给企业做政策宣讲和投融资对接，文件里有对应的试点吗？")
    assert answer.answerability == "answered" and cited(answer)[0] == 26


def test_a_short_follow_up_about_a_partner_school_stays_on_the_programme(assistant):
    session = f"find-r-{uuid.uuid4().hex[:8]}"
    assistant.ask("创投硕士班是第几条？", session_id=session)
    answer = assistant.ask("跟哪所大学合办的", session_id=session)
    assert cited(answer) == [27]


def test_how_officers_are_selected_is_not_in_the_text(assistant):
    answer = assistant.ask("科技金融特派员是怎么选拔的？")
    assert answer.answerability == "not_in_text" and cited(answer) == [26]


def test_another_documents_own_threshold_is_outside(assistant):
    answer = assistant.ask("黄埔QFLP试点办法里，外资GP的最低实缴要求是多少？")
    assert answer.answerability == "out_of_scope"


def test_the_central_banks_product_figures_are_outside(assistant):
    answer = assistant.ask("央行的科技创新再贷款额度多大？")
    assert answer.answerability == "out_of_scope"


def test_a_threshold_to_enter_the_final_is_not_in_the_text(assistant):
    answer = assistant.ask("拿到风投多少钱的投资才能直接进决赛？")
    assert answer.answerability == "not_in_text" and cited(answer) == [20]


def test_officer_allowances_and_caseloads_are_not_in_the_text(assistant):
    answer = assistant.ask("科技金融特派员有工作补贴吗？每人要对接几家企业？")
    assert answer.answerability == "not_in_text" and cited(answer) == [26]


def test_another_citys_own_action_plan_is_its_rule(assistant):
    answer = assistant.ask("上海出的那个企业上市行动计划，目标是多少家？")
    assert answer.answerability == "out_of_scope"
