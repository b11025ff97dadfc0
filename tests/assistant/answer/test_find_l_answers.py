"""Answers the find sets al1, al2 and ai1 showed (my own wordings): English names of the policy's named
things and English mention frames, English pointing back at the last article, words that only look like
an outside topic (大盘子, 做法), stock tips and tax rates outside even beside the policy's own things,
another city's rule after 对比一下：or asked in English, a quota the text never fixes, the asker's own
place in a premise, and Cantonese words before the analyzer reads the question."""

from __future__ import annotations

from assistant.schemas import Answer
from evals.answers import awards


def awards_of(answer: Answer) -> list[int]:
    return [int(v) for v in awards(answer)]


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_english_names_of_named_things_reach_their_articles(assistant):
    answer = assistant.ask("Which sections of the policy refer to GDUFE?")
    assert cited(answer) == [24, 27]


def test_an_english_mention_frame_with_a_long_bilingual_term(assistant):
    answer = assistant.ask("Which clauses in this document bring in the Guangdong Equity Exchange (广东股权交易中心)?")
    assert cited(answer) == [7, 13, 14]


def test_english_pointing_back_asks_the_last_articles_units(assistant):
    session = "english-back"
    assistant.ask("What does the think tank measure say?", session_id=session)
    answer = assistant.ask("and who is in charge of that one?", session_id=session)
    assert not answer.refused and cited(answer) == [24]


def test_a_big_pot_is_no_market_quote(assistant):
    answer = assistant.ask("那只民营上市科技企业牵头的并购基金，准备搞多大盘子？")
    assert not answer.refused and cited(answer)[0] == 15 and "200" in answer.answer


def test_how_something_is_done_is_no_recipe(assistant):
    answer = assistant.ask("广州在培养科技金融人才上有哪些做法？")
    assert not answer.refused and 27 in cited(answer)


def test_stock_tips_stay_outside_beside_the_policys_words(assistant):
    answer = assistant.ask("有没有创投概念股推荐一下，想抄底")
    assert answer.answerability == "out_of_scope" and not answer.citations


def test_tax_rates_stay_outside_even_when_a_fund_is_named(assistant):
    answer = assistant.ask("合伙制创投基金的自然人合伙人，分红的个税按什么税率算？")
    assert answer.answerability == "out_of_scope"
    english = assistant.ask("What is the corporate income tax rate for a tech company in China?")
    assert english.answerability == "out_of_scope"


def test_another_citys_rule_after_a_colon_is_outside(assistant):
    answer = assistant.ask("我们在深圳福田，想比较一下：深圳市对创投机构落户的奖励比例是多少？")
    assert answer.answerability == "out_of_scope"


def test_another_citys_rule_asked_in_english_is_outside(assistant):
    answer = assistant.ask("What incentives does the Dongguan government itself offer to angel funds?")
    assert answer.answerability == "out_of_scope"


def test_a_quota_the_text_never_fixes_is_not_in_text(assistant):
    answer = assistant.ask("QFLP试点给南沙批了多少额度？")
    assert answer.answerability == "not_in_text" and cited(answer) == [19]


def test_the_askers_own_place_is_no_premise(assistant):
    answer = assistant.ask("我们是番禺的科技企业，听说用商标做质押融资可以拿补贴，真的吗？")
    assert not answer.refused and cited(answer) == [12]


def test_cantonese_words_are_read_before_the_question_is_split(assistant):
    answer = assistant.ask("我哋公司係天河嘅科技企業，啱啱喺港交所上市。上市獎勵具體係幾多錢？")
    assert answer.answerability == "not_in_text" and cited(answer) == [13]


def test_receivables_described_reach_article_10(assistant):
    answer = assistant.ask("我们的货款都压在大客户的账期里，能不能靠这些应收的单子融资？")
    assert not answer.refused and 10 in cited(answer)


def test_an_english_listing_reward_amount_is_not_in_text(assistant):
    answer = assistant.ask("We listed on ChiNext last month. What is the exact reward amount for listing?")
    assert answer.answerability == "not_in_text" and cited(answer) == [13]


def test_how_many_places_mention_a_thing_lists_them_all(assistant):
    answer = assistant.ask("文件里总共有几处提到广州创投周？都在哪几条？")
    assert answer.answerability == "answered" and cited(answer) == [24]


def test_a_running_total_told_after_the_institution_stays_with_article_11(assistant):
    session = "guarantee-then-total"
    assistant.ask(
        "Our district-level policy financing guarantee company in Baiyun just finished a capital increase.",
        session_id=session,
    )
    answer = assistant.ask(
        "The district treasury's contribution now stands at RMB 300 million. What's the max subsidy?",
        session_id=session,
    )
    assert cited(answer) == [11] and not answer.tool_calls[0].result.get("award_yuan")


def test_an_amount_asked_to_be_confirmed_after_the_deal_is_estimated(assistant):
    session = "confirm-own-sum"
    assistant.ask("我们是前海的创投，投了南沙一家做储能的公司，3亿已到账", session_id=session)
    assistant.ask("这家公司营收20亿，正在做上市辅导，这轮是Pre-IPO", session_id=session)
    answer = assistant.ask("按1.5%算是不是450万？", session_id=session)
    assert awards_of(answer) == [0]


def test_an_amount_the_text_never_gives_is_not_confirmed(assistant):
    answer = assistant.ask("第三条奖励按1.5%是不是能拿300万？")
    assert not answer.answer.startswith("是的")


def test_a_listing_plan_asked_for_its_reward_is_not_in_text(assistant):
    answer = assistant.ask(
        "We plan to list on the Shanghai exchange next year. How much cash reward do we get for listing?"
    )
    assert answer.answerability == "not_in_text" and cited(answer) == [13]


def test_the_weather_is_outside(assistant):
    answer = assistant.ask("明天广州会不会下大雨？我要去路演")
    assert answer.answerability == "out_of_scope"


def test_another_districts_rule_asked_in_english_is_outside(assistant):
    answer = assistant.ask("Does Dongguan's Songshan Lake give rent subsidies to angel funds?")
    assert answer.answerability == "out_of_scope"


def test_a_described_platform_reaches_its_article(assistant):
    answer = assistant.ask("Is there a big-data platform that matches startups with banks?")
    assert cited(answer) == [23]


def test_which_articles_all_mention_a_named_contest(assistant):
    answer = assistant.ask("中国创新创业大赛广州赛区，文件里哪几条都提到了？")
    assert cited(answer) == [3, 4, 20]


def test_another_citys_fund_asking_about_guangzhous_support_stays_in_scope(assistant):
    answer = assistant.ask("Does Zhuhai's fund get any subsidy from Guangzhou for investing in Panyu startups?")
    assert answer.answerability == "answered" and 3 in cited(answer)
