"""Classes the k round showed (my own wordings): a share said after another figure belongs to that
figure, and a place said to be where a person lives is nobody's seat."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, READER, session


def award(*messages: str) -> Decimal | int | None:
    return ENGINE.evaluate("article3", session(*messages)).award_yuan


def test_a_share_said_of_the_funds_capital_is_not_the_deals():
    # 8000万 all arrived × 1.5% = 120万; 「一半没实缴」 is said of the LPs after the fund size.
    assert award(
        "我们基金在佛山顺德，今年投了黄埔一家种子期科技型中小企业8000万，钱已经全部到账。"
        "基金规模20亿，LP认缴还有一半没实缴。能拿多少？"
    ) == Decimal(1_200_000)


def test_a_share_said_of_the_deal_still_counts():
    # 4000万 of which half arrived: 2000万 × 1.5% = 30万.
    assert award("我们是中山的创投，今年投了番禺一家初创期科技型中小企业4000万，只到账了一半。能拿多少？") == Decimal(
        300_000
    )


def test_where_a_founder_lives_is_not_the_asker_seat():
    reading = READER.read("那家企业其实注册在惠州仲恺，海珠只是老板住的地方。")
    assert all(i.place != "海珠" for i in reading.facts.institutions)


def test_a_correction_moving_the_investee_out_of_guangzhou_gives_nothing():
    assert (
        award(
            "我们江门的基金今年投了天河一家初创期科技型中小企业1000万，到账了。",
            "说错了，那家公司注册和办公其实都在佛山南海，不在天河，天河只是创始人住的地方。还能拿多少？",
        )
        == 0
    )


def test_revenue_of_some_tens_of_yi_is_past_the_startup_stage():
    assert (
        award(
            "我们是佛山的创投，今年给海珠一家做医疗器械的公司打了3000万，已到账。这家公司年营收三十多个亿了。能拿多少？"
        )
        == 0
    )


def test_a_first_prototype_just_built_is_the_startup_stage():
    # 2000万 × 1.5% = 30万.
    assert award(
        "我们是珠海的投资公司，今年投了黄埔一家科技型中小企业2000万，全部到账。公司才做出第一台样机，产品还没卖出去。能拿多少？"
    ) == Decimal(300_000)


def test_money_not_come_yet_on_a_signed_deal_is_left_out():
    # 2025: 6000万 arrived × 1.5% = 90万; the 2026 signing whose money 「还没到」 adds nothing and asks nothing.
    assert award(
        "我们是江门的创投，2025年投了南沙一家初创期科技型中小企业6000万，当年全额到账。"
        "另外今年又签了一家3000万，钱还没到。2025年那笔能拿多少？"
    ) == Decimal(900_000)


def test_a_company_of_many_years_preparing_its_ipo_is_past_the_startup_stage():
    assert (
        award(
            "我们是中山的创投，今年投了番禺一家公司4000万，已到账。这家企业成立二十多年了，在筹备科创板IPO。能拿多少？"
        )
        == 0
    )


def test_the_asker_own_years_say_nothing_of_the_investee_stage():
    # The fund's fifteen years are no stage of the investee: the stage is asked, not read as 成长期.
    assert award("我们机构做了十五年投资，今年投了天河一家科技型中小企业1000万，到账了。能拿多少？") is None


def test_a_team_still_in_the_laboratory_is_the_seed_stage():
    # 1500万 × 1.5% = 22.5万.
    assert award(
        "我们是江门的基金，今年投了南沙一家科技型中小企业1500万，已到账，他们还在实验室阶段，没有产品。能拿多少？"
    ) == Decimal(225_000)
