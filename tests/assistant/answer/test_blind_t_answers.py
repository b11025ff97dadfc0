"""Classes a fourth round of blind sets found in answering (my own wordings): a place offered to
confirm, another place's rules asked after a benchmark the text names, a figure repeated from the
text, support asked of the article found, and facts that change an estimate under way."""

from __future__ import annotations

import uuid

import pytest

from assistant.schemas import Answer
from evals.answers import awards


@pytest.fixture
def session_id() -> str:
    return uuid.uuid4().hex


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_a_district_offered_to_confirm_that_the_text_never_names_is_not_in_the_text(assistant):
    answer = assistant.ask("风投创投集聚区是不是已经确定落在南沙了？")
    assert answer.answerability == "not_in_text" and answer.refused and 6 in cited(answer)


def test_another_places_rules_asked_after_the_texts_benchmark_are_outside(assistant):
    answer = assistant.ask("文件里拿深圳南山区做对标，那南山区对新落户的创投机构给多少补贴？")
    assert answer.answerability == "out_of_scope" and answer.refused and not cited(answer)


def test_a_figure_repeated_from_the_text_is_not_the_askers_deal(assistant, session_id):
    assistant.ask("科技企业并购基金总规模多大？", session_id=session_id)
    answer = assistant.ask("那200亿里面市财政要出多少？", session_id=session_id)
    assert not awards(answer) and 15 in cited(answer) and answer.answerability == "not_in_text"


def test_support_asked_of_the_article_found_is_not_another_measures_amount(assistant):
    answer = assistant.ask("我们是创投机构，准备发一期公司债募资，这个文件对我们有什么扶持？")
    assert 1 in cited(answer) and answer.answerability == "answered"


def test_the_askers_seat_told_later_changes_the_estimate_however_many_questions(assistant, session_id):
    assistant.ask("我们基金在广州有办公室，投了番禺一家种子期科小1000万，已到账，能拿多少？", session_id=session_id)
    answer = assistant.ask(
        "补充一下，我们的基金和管理人其实都在武汉注册，广州只有几个同事驻场办公。这样还算吗？能拿多少？",
        session_id=session_id,
    )
    assert 3 in cited(answer) and [str(a) for a in awards(answer)] == ["0"]


def test_a_stage_answered_after_the_question_keeps_the_estimate(assistant, session_id):
    assistant.ask("我们是佛山的一家创投，投了广州黄埔一家半导体公司，8000万已经到账。", session_id=session_id)
    answer = assistant.ask(
        "补充下，这家公司营收十几亿，正在辅导准备上市，我们是Pre-IPO轮进去的。能拿多少？", session_id=session_id
    )
    assert [str(a) for a in awards(answer)] == ["0"] and 3 in cited(answer)


def test_a_figure_of_another_measure_than_the_articles_is_not_in_the_text(assistant):
    answer = assistant.ask("政策性担保公司的担保费率是不是要降到1%以下？")
    assert answer.answerability == "not_in_text" and answer.refused and 11 in cited(answer)
    assert "1%" not in answer.answer  # never adopted


def test_a_figure_of_the_articles_own_measure_is_still_checked(assistant):
    answer = assistant.ask("区级担保机构的注册资本金补助比例是30%吧？")
    assert answer.answer.startswith("不是") and "40%" in answer.answer and cited(answer) == [11]


def test_a_later_part_naming_nothing_of_its_own_asks_more_of_the_earlier_parts_thing(assistant):
    answer = assistant.ask("科技金融特派员每年考核几次？能对接多少家企业？")
    assert cited(answer) == [26] and answer.answerability == "not_in_text"


def test_these_two_articles_after_a_two_article_answer_are_those_articles(assistant, session_id):
    first = assistant.ask("并购基金和科技金融特派员分别在哪条？", session_id=session_id)
    answer = assistant.ask("顺便说下这两条的责任单位", session_id=session_id)
    assert cited(answer) == cited(first) and len(cited(first)) == 2


def test_an_amount_the_article_never_fixes_is_not_in_the_text_whatever_place_it_names(assistant):
    answer = assistant.ask("听说黄埔的QFLP试点每家能给到5亿美元额度，是真的吗？")
    assert answer.answerability == "not_in_text" and 19 in cited(answer)


def test_how_often_a_name_appears_is_a_mention_question(assistant):
    answer = assistant.ask("创投硕士班在文件里提到了几次？")
    assert answer.answerability == "answered" and 27 in cited(answer)


def test_a_message_whose_main_question_is_answered_is_answered(assistant):
    answer = assistant.ask("来穗的风投创投人才能享受大湾区个税优惠吗？具体去哪个窗口办？")
    assert answer.answerability == "answered" and not answer.refused and 5 in cited(answer)
    assert "没有规定" in answer.answer  # the window is said to be not in the text


def test_the_askers_own_sum_offered_to_confirm_is_estimated(assistant, session_id):
    assistant.ask("我们是深圳的基金，今年投了黄埔一家初创期科小，到账4亿，已入库科小", session_id=session_id)
    answer = assistant.ask("按1.5%算应该是600万吧？今年到底能拿多少？", session_id=session_id)
    assert [str(a) for a in awards(answer)] == ["5000000"]


def test_a_fund_size_in_hundreds_of_millions_is_no_count(assistant):
    answer = assistant.ask("确认一下，科技企业并购基金总规模是不是100个亿？")
    assert answer.answer.startswith("不是") and "200" in answer.answer and cited(answer) == [15]
