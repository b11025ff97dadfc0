"""Answers the sets ai4, al4 and ai3 showed (my own wordings): an article named with brackets keeps a
question in this policy, English asks for a percentage or a cap, two named things that meet in one
article, 落在哪个部门 asks a unit, another city's pilot in English, a pronoun after the term of a mention
question, a space before the question mark, 管哪块 of a unit, and a support asked 能有多少."""

from __future__ import annotations

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_an_article_named_with_brackets_keeps_the_question_in_this_policy(assistant):
    answer = assistant.ask("第（一）条里那个参照人民银行基准利率给的贴息，比例到底定了几成？")
    assert answer.answerability == "not_in_text" and cited(answer) == [1]


def test_english_asks_for_a_percentage_of_a_thing_the_text_names_without_one(assistant):
    answer = assistant.ask(
        "If we pledge our patents for a bank loan, what percentage of the cost does Guangzhou subsidise?"
    )
    assert answer.answerability == "not_in_text" and cited(answer) == [12]


def test_落在哪个部门_asks_the_unit_not_a_place(assistant):
    answer = assistant.ask("创投硕士班这件事落在哪个部门？")
    assert not answer.refused and cited(answer) == [27] and "市委组织部" in answer.answer


def test_another_citys_pilot_asked_in_english_is_out_of_scope(assistant):
    answer = assistant.ask("What is Shenzhen's QFLP pilot quota?")
    assert answer.answerability == "out_of_scope" and not cited(answer)


def test_a_pronoun_after_the_term_of_a_mention_question(assistant):
    answer = assistant.ask("再贷款：哪几条提到了它？")
    assert cited(answer) == [8]


def test_a_space_before_the_question_mark_keeps_a_mention_question(assistant):
    answer = assistant.ask("风险补偿资金池 在哪几条出现过 ？")
    assert cited(answer) == [8, 12, 21]


def test_管哪块_asks_the_units_articles(assistant):
    answer = assistant.ask("市国资委在这份意见里管哪块？")
    assert not answer.refused and cited(answer) == [2, 4, 21]


def test_a_support_asked_能有多少_is_not_in_the_text(assistant):
    answer = assistant.ask("我们是做专利质押贷款的科技企业，市里补贴大概能有多少？")
    assert answer.answerability == "not_in_text" and cited(answer) == [12]


def test_动不动_asks_nothing_so_the_context_stays_with_its_question(assistant):
    answer = assistant.ask("我们是做配件的小厂，客户付款动不动拖三个月，手里一堆应收款，有办法拿来融资吗？")
    assert cited(answer) == [10]


def test_a_choice_asked_with_是_还是_is_a_part_of_its_own(assistant):
    answer = assistant.ask("想问两点：一是科技信贷每年增速的目标定了多少；二是银行对科技贷款的不良是更严还是更宽？")
    assert cited(answer) == [8, 9]


def test_an_intermediary_asking_money_for_itself_is_not_an_award_estimate(assistant):
    answer = assistant.ask("我们是一家律所，平时服务创投和科技企业，市里每年能给我们补多少钱？")
    assert answer.answerability == "not_in_text" and cited(answer) == [25] and not answer.tool_calls


def test_a_place_whose_words_title_a_measure_is_the_topic(assistant):
    answer = assistant.ask("和佛山那边准备一起搞点什么？")
    assert not answer.refused and cited(answer) == [18]


def test_sightseeing_in_another_city_is_out_of_scope(assistant):
    answer = assistant.ask("佛山那边有啥好玩的地方？")
    assert answer.answerability == "out_of_scope" and not cited(answer)


def test_a_zone_placed_in_one_of_two_districts_is_no_award_question(assistant):
    answer = assistant.ask("那个标志性风投创投集聚区最后放在黄埔还是南沙？配套资金给了多少？")
    assert answer.answerability == "not_in_text" and cited(answer) == [6] and not answer.tool_calls


def test_questions_listed_with_a_dunhao_are_answered_each(assistant):
    answer = assistant.ask("几个数字帮我找一下：科技信贷每年增速不低于多少、几年内推动多少家科技企业上市？")
    assert sorted(cited(answer)) == [8, 13]


def test_a_short_later_part_about_the_citys_money_leans_on_the_part_before(assistant):
    answer = assistant.ask("创投硕士班是跟哪所学校合办的？市财政给多少钱？")
    assert cited(answer) == [27] and "第十一条" not in answer.answer


def test_rolling_a_loan_over_reaches_the_bridging_service(assistant):
    answer = assistant.ask("贷款快到期了想先还再续，中间几百万的资金缺口，有没有临时垫一下的服务？")
    assert cited(answer) == [12]
