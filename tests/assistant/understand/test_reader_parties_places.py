"""Whose each place and each figure is: lists of investors, the speaker's opening, English messages.

One class per test, phrased here and nowhere else: a list naming each investor right before its
figure, a message that opens with the speaker's city, the speaker's parent company, a policy's
place, English deals with million amounts, a line of a list that is still at term-sheet stage.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.understand import Reader

READER = Reader.default(this_year=2026)


def test_each_investor_of_a_list_is_the_one_named_right_before_its_figure():
    facts = READER.read(
        "我们是南沙的初创期科小，这轮一共2000万：珠海X资本1200万、澳门Y基金500万、成都Z创投300万，都到账了"
    ).facts
    owners = {i.amount: i.institution for i in facts.investments}
    assert owners[Decimal(12_000_000)] != owners[Decimal(5_000_000)] != owners[Decimal(3_000_000)]
    place = {i.key: i.place for i in facts.institutions}
    assert place[owners[Decimal(3_000_000)]] == "成都"


def test_a_message_opening_with_a_city_names_the_speakers_city():
    facts = READER.read("中山的 去年1.2亿都投了番禺初创期科小 钱到齐了").facts
    assert facts.institution("self").place == "中山"
    assert [i.investee_place for i in facts.investments] == ["番禺"]


def test_the_speakers_parent_company_says_nothing_about_the_investee():
    facts = READER.read("我们是一家上市公司的投资子公司，在天河，今年投了海珠两家初创期科小，各800万，已到账").facts
    assert {i.tech_sme for i in facts.investments} != {False}


def test_the_place_of_a_policy_is_nobodys_place():
    facts = READER.read("惠州的机构投了一家种子期科小1000万，已到账，能拿广州的奖励吗").facts
    assert [i.investee_place for i in facts.investments] == [None]


def test_english_deals_read_places_and_bare_millions():
    facts = READER.read(
        "A Zhuhai-based fund. Deals this year: seed deal in Haizhu RMB 8m (paid), start-up deal in Huangpu "
        "RMB 6m (only 2m paid so far). We are a Guangzhou-focused investor."
    ).facts
    assert facts.institution("self").place == "珠海"
    got = [(i.investee_place, i.amount) for i in facts.investments if i.status == "received"]
    assert got == [("海珠", Decimal(8_000_000)), ("黄埔", Decimal(2_000_000))]


def test_a_line_of_a_list_still_at_term_sheet_stage_has_not_arrived():
    facts = READER.read("投了两家：甲 600w 黄埔 种子 已到账；乙 900w 天河 初创 还在TS阶段").facts
    assert [(i.amount, i.status) for i in facts.investments] == [
        (Decimal(6_000_000), "received"), (Decimal(9_000_000), "pending"),
    ]  # fmt: skip


def test_an_agreed_whole_that_arrival_and_the_rest_add_up_to_is_not_counted():
    facts = READER.read("我们约定投白云一家初创期科小3000万，目前先到账1000万，剩下2000万年底到").facts
    assert [(i.amount, i.status) for i in facts.investments if i.status == "received"] == [
        (Decimal(10_000_000), "received")
    ]


def test_a_part_with_a_reason_of_its_own_comes_out_of_the_whole():
    facts = READER.read("我们投了越秀初创期科小5000万，已到账，其中1000万是借给他们的过桥借款").facts
    assert [i.amount for i in facts.investments] == [Decimal(40_000_000)]


def test_a_part_said_again_is_not_counted_twice():
    facts = READER.read("投了花都一家种子期科小1500万（其中300万计入注册资本），已到账").facts
    assert [i.amount for i in facts.investments] == [Decimal(15_000_000)]


def test_labelled_institutions_opening_their_items_each_keep_their_seat():
    facts = READER.read(
        "旗下两家独立机构：甲在珠海横琴，今年投天河种子期科小到账3亿；乙在广州黄埔，今年投海珠初创期科小到账2亿"
    ).facts
    seats = {i.key: i.place for i in facts.institutions if i.key != "self"}
    assert seats == {"甲": "横琴", "乙": "黄埔"}


def test_an_office_or_a_home_not_decided_is_no_place_of_the_investee():
    facts = READER.read("投了一家在海珠有研发中心的种子期科小，到账500万").facts
    assert [i.investee_place for i in facts.investments] == [None]
    facts = READER.read("投了一家初创期科小600万已到账，公司可能放番禺也可能放东莞").facts
    assert [i.investee_place for i in facts.investments] == [None]


def test_english_lp_commitments_and_fund_size_are_set_aside():
    facts = READER.read(
        "Fund size 30亿, total LP commitment 12亿; invested 9000万 into a Panyu seed-stage tech SME (paid)"
    ).facts
    assert [i.amount for i in facts.investments] == [Decimal(90_000_000)]


def test_asking_whether_it_is_a_tech_sme_is_no_denial():
    facts = READER.read("投了南沙一家初创期企业700万到账，不知道它是不是科技型中小企业").facts
    assert [i.tech_sme for i in facts.investments] == [None]
    assert [q.slot for q in facts.unclear] == ["tech_sme"]


def test_common_typos_and_traditional_characters_are_read():
    facts = READER.read("我們是東莞的創投，投了廣洲花都一家出创期科小，道账600萬").facts
    assert [(i.investee_place, i.stage, i.amount, i.status) for i in facts.investments] == [
        ("花都", "初创期", Decimal(6_000_000), "received")
    ]


def test_another_deal_said_to_have_arrived_too_has_arrived():
    facts = READER.read("还有一笔9000万也是今年到账的，同样投的白云初创期科小").facts
    assert [i.status for i in facts.investments] == ["received"]


def test_each_item_of_a_list_keeps_its_own_place_and_stage():
    facts = READER.read("今年投了两笔：天河初创期科小3000万、东莞种子期科小1000万，都到账").facts
    assert [(i.investee_place, i.stage, i.amount) for i in facts.investments] == [
        ("天河", "初创期", Decimal(30_000_000)), ("东莞", "种子期", Decimal(10_000_000)),
    ]  # fmt: skip


def test_the_investor_said_to_be_here_is_in_guangzhou():
    facts = READER.read("标的是海珠初创期科小，到账2亿，投资方就在本市").facts
    assert facts.institution("self").place == "广州"
