"""Classes a seventh blind award set found: companies that moved, brackets in English messages,
more money of the same kind, institutions named again by their letter, an object left out."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import session


def test_a_company_that_moved_is_where_it_is_now():
    facts = session(
        "广州的基金投了佛山一家初创期科小1000万，有奖励吗",
        "更正一下，那家企业去年已经迁到广州南沙了，投资款是迁过来之后才到账的",
    )
    assert [i.investee_place for i in facts.investments] == ["南沙"]
    assert [i.place for i in facts.institutions if i.key == "self"] == ["广州"]


def test_a_bracket_does_not_hide_where_an_english_deal_went():
    facts = session(
        "Our fund is based in Central, Hong Kong. We wired RMB 20 million to a seed-stage tech SME (科小已入库) in 广州科学城."
    )
    assert [i.investee_place for i in facts.investments] == ["广州科学城"]


def test_money_that_arrived_again_is_the_same_kind_of_deal():
    facts = session("我们是珠海横琴的基金，2023年投广州初创期科技型中小企业到账合计2.4亿", "2024年又到账了3.8亿")
    assert [(i.year, i.stage, i.investee_place) for i in facts.investments] == [
        (2023, "初创期", "广州"),
        (2024, "初创期", "广州"),
    ]


def test_letter_labels_named_before_are_known_again_and_an_object_left_out_is_shared():
    facts = session(
        "集团下面两家机构：深圳福田的甲创投、广州天河的乙基金，是两个独立主体",
        "2024年甲投广州初创期科小到账3.6亿，乙到账1.2亿",
    )
    assert sorted(i.key for i in facts.institutions if i.key != "self") == ["乙", "甲"]
    assert [(i.institution, i.stage) for i in facts.investments] == [("甲", "初创期"), ("乙", "初创期")]


def test_an_object_left_out_is_not_shared_when_the_new_investor_names_its_own_company():
    facts = session("甲基金在深圳，乙基金在珠海。甲投了广州一家初创期科小3000万，乙投了佛山一家企业1000万，都已到账")
    assert [i.stage for i in facts.investments if i.institution == "乙"] == [None]


def test_pre_b_is_a_round_not_a_stage():
    [investment] = session("东莞的基金投了广州增城一家科小，Pre-B轮，到账4000万，奖励多少").investments
    assert investment.stage is None and investment.stage_unclear


def test_the_rest_of_a_deal_that_its_clause_says_arrived_is_received_and_added():
    facts = session(
        "我们是深圳的VC，2023年跟广州南沙一家初创期科小签约5000万，当年到账3000万", "剩下的2000万是2024年1月到账的"
    )
    assert [(i.year, i.amount, i.status, i.investee_place) for i in facts.investments] == [
        (2023, Decimal(30_000_000), "received", "南沙"),
        (2024, Decimal(20_000_000), "received", "南沙"),
    ]


def test_a_bare_m_after_millions_in_the_conversation_is_millions():
    facts = session(
        "We invested in 3 Guangzhou start-ups (all 初创期 科小) in 2024: 8m, 5m, 7m RMB, all received",
        "Oh wait, the 5m one actually hasn't been wired yet, only signed.",
    )
    assert sorted((i.amount, i.status) for i in facts.investments) == [
        (Decimal(5_000_000), "pending"),
        (Decimal(7_000_000), "received"),
        (Decimal(8_000_000), "received"),
    ]


def test_a_place_in_a_bracket_with_more_of_the_company_after_it():
    facts = session("企业（广州黄埔，初创期科小）收到后结汇人民币1,840万元")
    assert [i.investee_place for i in facts.investments] == ["黄埔"]


def test_institutions_introduced_by_place_are_known_later_by_their_names():
    facts = session(
        "我们集团旗下有两家投资机构：一家是天河的XX创投，一家是南沙的XX天使基金，都是独立法人。"
        "2024年XX创投投广州种子期、初创期科技型中小企业到账4亿，XX天使基金到账1亿。"
    )
    assert {i.institution: i.amount for i in facts.investments} == {
        "天河创投": Decimal(400_000_000),
        "南沙天使基金": Decimal(100_000_000),
    }
    # the second names no company of its own: it shares the stages said for the first
    second = next(i for i in facts.investments if i.institution == "南沙天使基金")
    assert set(second.stage_options) == {"种子期", "初创期"}


def test_a_figure_named_as_the_whole_increase_is_no_district_money():
    facts = session(
        "花都区担保公司区财政新增出资2亿，市财政补助多少", "更正，2亿是总增资，区财政只出了1.2亿，剩下是社会资本。"
    )
    assert [(c.amount, c.funder) for c in facts.contributions] == [(Decimal(120_000_000), "district_treasury")]
    assert not facts.unclear
