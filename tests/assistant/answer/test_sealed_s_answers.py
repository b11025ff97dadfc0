"""Classes the sealed answer set of the seventeenth round found after its first score (my own
wordings): a penalty added to the text's figure, the rules of a regulator or a provincial bureau,
another city's rules asked with 咋, an app or a mini-program, a plan asked whether it is out, a
ratio asked how far it may go, mention questions counted with 几条 or told in many words, a thing
named in the asker's spelling, and two articles named by title with 分别."""

from __future__ import annotations

import uuid

from assistant.schemas import Answer
from evals.answers import awards


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_a_penalty_added_to_the_texts_own_figure_is_not_in_the_text(assistant):
    answer = assistant.ask("听说全市科技信贷增速达不到15%，银行会被通报批评，是真的吗？")
    assert answer.answerability == "not_in_text" and answer.refused and 8 in cited(answer)


def test_a_regulators_own_rules_are_outside(assistant):
    answer = assistant.ask("证监会的私募投资基金监督管理办法里，对管理人出资比例是怎么规定的？")
    assert answer.answerability == "out_of_scope" and answer.refused and not cited(answer)


def test_a_provincial_bureaus_own_standard_is_outside(assistant):
    answer = assistant.ask("广东省科技厅今年的研发补助标准是多少？")
    assert answer.answerability == "out_of_scope" and answer.refused and not cited(answer)


def test_another_citys_rules_asked_with_za_are_outside(assistant):
    answer = assistant.ask("上海那边天使投资风险补偿的政策咋规定的？")
    assert answer.answerability == "out_of_scope" and not cited(answer)


def test_an_app_or_a_mini_program_of_a_named_platform_is_not_in_the_text(assistant):
    answer = assistant.ask("科技金融智慧大脑有小程序或者app吗？")
    assert answer.answerability == "not_in_text" and 23 in cited(answer)


def test_whether_a_plan_is_out_yet_is_not_in_the_text(assistant):
    answer = assistant.ask("风投创投集聚区的专门行动方案印发了没？")
    assert answer.answerability == "not_in_text" and 6 in cited(answer)


def test_how_far_a_ratio_may_go_is_not_in_the_text(assistant):
    answer = assistant.ask("科技贷款的不良容忍度能调到多少？")
    assert answer.answerability == "not_in_text" and 9 in cited(answer)


def test_a_mention_question_counted_with_ji_tiao_lists_every_article(assistant):
    answer = assistant.ask("信贷风险补偿资金池，文件里有几条提到？")
    assert {8, 12, 21} <= set(cited(answer))


def test_a_mention_told_in_many_words_is_found_by_its_head_word(assistant):
    answer = assistant.ask("哪几条提到了给科技企业和企业家做培训的")
    assert {26, 27} <= set(cited(answer))


def test_a_thing_named_in_the_askers_spelling_finds_its_article(assistant):
    answer = assistant.ask("贷款加认股权这种玩法政策里有说吗")
    assert cited(answer)[:1] == [21]


def test_two_articles_named_by_title_with_fenbie_are_both_answered(assistant):
    answer = assistant.ask("上市奖励和发债补贴分别由哪些部门负责？")
    assert {13, 14} <= set(cited(answer))


def test_a_provincial_programmes_own_ratio_is_outside(assistant):
    answer = assistant.ask("广东省的科技信贷风险补偿资金对每笔坏账补偿比例是多少？")
    assert answer.answerability == "out_of_scope" and not cited(answer)


def test_another_places_measures_asked_after_a_comma_are_outside(assistant):
    answer = assistant.ask("深圳前海QFLP试点办法里，管理企业注册资本最低要多少？")
    assert answer.answerability == "out_of_scope" and not cited(answer)


def test_a_banks_own_product_is_outside(assistant):
    answer = assistant.ask("建行的科技贷最多能批多少，要不要抵押？")
    assert answer.answerability == "out_of_scope" and not cited(answer)


def test_another_places_rules_compared_with_guangzhou_are_outside(assistant):
    answer = assistant.ask("深圳的QFLP试点政策跟广州比有什么不同？")
    assert answer.answerability == "out_of_scope" and not cited(answer)


def test_numbered_questions_are_each_answered(assistant):
    answer = assistant.ask("1）投早投小奖励按多少比例？2）区级担保机构新增资，市财政补助比例多少？")
    assert {3, 11} <= set(cited(answer))


def test_an_estimate_asked_beside_a_figure_to_confirm_is_estimated(assistant):
    session_id = uuid.uuid4().hex
    assistant.ask(
        "我们是澳门的创投，2025年投了番禺一家种子期科小，到账1亿；2026年又投了一家，到账2000万", session_id=session_id
    )
    answer = assistant.ask("两年一共能拿多少奖励？另外我们LP认缴了2亿美金，这个不影响吧？", session_id=session_id)
    assert [str(a) for a in awards(answer)] == ["1800000"]  # 150万 + 30万
