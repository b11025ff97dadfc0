"""Classes a blind answer set and a blind award set found, end to end on the real index."""

from __future__ import annotations

import pytest

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def awards(answer: Answer) -> list:
    return [t.result.get("award_yuan") for t in answer.tool_calls if t.result.get("award_yuan") is not None]


@pytest.mark.parametrize(
    "question",
    [
        "硕士应届毕业生落户广州需要什么条件？",
        "申请一件发明专利，官费要交多少钱？",
        "在广州注册一家有限公司要多少注册资本？营业执照网上怎么办？",
        "科创板上市对研发投入占比有什么硬性要求？",
    ],
)
def test_topics_outside_the_policy(assistant, question):
    answer = assistant.ask(question)
    assert answer.answerability == "out_of_scope" and not cited(answer)


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("大湾区的机构投了广州种子期企业，那个1.5%的奖励每年几月份申请？到哪个窗口交材料？", 3),
        ("政策性担保公司说要降费，降完之后担保费率具体是百分之几？", 11),
        ("“科技金融智慧大脑”的网址是多少？企业怎么注册账号登录？", 23),
    ],
)
def test_every_part_the_text_leaves_open_is_declined(assistant, question, article):
    answer = assistant.ask(question)
    assert answer.answerability == "not_in_text" and cited(answer) == [article]


def test_articles_named_by_their_titles(assistant):
    answer = assistant.ask("防范科技金融风险和优化政务服务这两条的责任单位分别是？")
    assert sorted(cited(answer)) == [30, 32]


def test_a_verb_and_its_object_apart_still_mention_it(assistant):
    assert cited(assistant.ask("哪几条讲到发行债券？")) == [1, 14]


def test_a_year_asked_with_no_amount_told_is_asked(assistant):
    answer = assistant.ask(
        "被投的是广州黄埔一家种子期科小，我们在深圳。2023年到账多少我忘了，2024年到账2000万。2023年那年奖励多少？"
    )
    assert awards(answer) == [] and answer.follow_up and "2023" in answer.follow_up


def test_a_figure_the_question_compares_with_is_no_investment(assistant):
    answer = assistant.ask("香港机构投广州南沙种子期科技型中小企业，到账3333万人民币，奖励是多少，有没有到500万")
    assert awards(answer) == [499_950]


def test_a_unit_carries_the_articles_it_is_a_unit_of(assistant):
    # article 1 names 人民银行 in its text, but the unit is not among its units
    assert cited(assistant.ask("人行广州分行营管部负责哪些条款？")) == [8, 9, 10, 32]


@pytest.mark.parametrize(
    ("question", "articles"),
    [
        ("天使 相关的表述在哪些条款里有", [2, 3, 17, 24]),
        ("广东财经大学 shows up in which articles?", [24, 27]),
    ],
)
def test_mention_terms_lose_their_fillers_and_english_frames_are_read(assistant, question, articles):
    assert cited(assistant.ask(question)) == articles


@pytest.mark.parametrize("question", ["国家级专精特新小巨人怎么申报，要哪些指标", "顺便问下，明天广州会下雨吗"])
def test_national_titles_and_the_weather_are_outside(assistant, question):
    assert assistant.ask(question).answerability == "out_of_scope"


@pytest.mark.parametrize(
    ("question", "article"),
    [("科技金融特派员试点咋报名，有名额限制吗", 26), ("政策性担保公司的担保费率会降到多少？反担保具体怎么减", 11)],
)
def test_how_to_sign_up_quotas_and_how_exactly_are_not_in_the_text(assistant, question, article):
    answer = assistant.ask(question)
    assert answer.answerability == "not_in_text" and cited(answer) == [article]


def test_a_thing_the_text_names_asked_for_what_it_leaves_out_cites_the_article(assistant):
    answer = assistant.ask("大湾区科技创新服务中心的地址在哪里？")
    assert answer.answerability == "not_in_text" and cited(answer) == [23]


def test_another_places_rules_asked_in_english_are_out_of_scope(assistant):
    answer = assistant.ask("What are Singapore's rules for VC fund tax incentives?")
    assert answer.answerability == "out_of_scope" and not cited(answer)


def test_an_english_investor_from_outside_the_bay_area_is_told_it_does_not_qualify(assistant):
    answer = assistant.ask("We are a Singapore fund investing in a Guangzhou seed-stage startup, is there any reward?")
    assert answer.answerability == "answered" and cited(answer) == [3] and awards(answer) == [0]
