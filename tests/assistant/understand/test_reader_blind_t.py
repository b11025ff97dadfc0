"""Classes a seventeenth blind award set found (my own wordings): a bracket describing the fund, a
whole split across years, the old figure named in a correction, a co-investor opening its sentence,
a stage the asker doubts, a joint total of two platforms, a vague share arrived, a round broken into
its investors' parts, tranches after a round, a pasted spreadsheet, English cues far from their
figure, awaited money now arrived, a fact of the known deal told before a new one, and guarantee
capital restated or added."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def award(*messages: str, rule: str = "article3") -> Decimal | int | None:
    return ENGINE.evaluate(rule, session(*messages)).award_yuan


def test_a_bracket_after_the_fund_size_is_the_funds_own_money():
    facts = session("我们是珠海的基金，总规模20亿（LP已实缴6亿），今年投了海珠一家种子期科小，到账1000万")
    assert [i.amount for i in facts.investments] == [Decimal(10_000_000)]


def test_a_whole_named_and_split_across_years_is_replaced_by_its_parts():
    assert award(
        "我们是澳门的基金，投了黄埔一家初创期科小：2024年到账1亿，2025年到账4亿",
        "不对，2024年那1亿里面其实只有6000万是2024年到的，另外4000万是2025年初才到",
    ) == Decimal(5_900_000)  # 2024: 6000万 × 1.5% = 90万; 2025: 4.4亿 × 1.5% = 660万 → 500万


def test_the_old_figure_named_in_a_correction_picks_its_deal():
    assert award(
        "我们是中山的创投，2025年投了越秀两家种子期科小，分别到账1000万和3000万",
        "更正：25年那笔3000万的实际只到了2400万。2025年能拿多少",
    ) == Decimal(510_000)  # (1000万 + 2400万) × 1.5%


def test_a_co_investor_opening_its_sentence_paid_the_figure_after_it():
    facts = session(
        "我们是佛山南海的创投，和珠海香洲一家基金一起投了番禺一家初创期科小。香洲那家领投，到账5000万；我们跟投，到账1000万。"
    )
    ours = [i.amount for i in facts.investments if i.institution == "self"]
    assert ours == [Decimal(10_000_000)]


def test_a_stage_the_asker_doubts_is_asked_whatever_the_round_says():
    assert award("我们是深圳的创投，今年投了南沙一家企业C轮6000万，已到账，不太确定算不算初创期，能拿多少") is None


def test_a_joint_total_of_two_platforms_one_outside_asks_each_share():
    assert award("我们有两个平台，一个在横琴，一个在成都，两家一起投了白云一家种子期科小，合计4000万，已到账") is None


def test_a_vague_share_arrived_is_asked_never_taken_as_all():
    assert (
        award(
            "我们是江门的创投，投了海珠一家初创期科小，协议8000万",
            "款分几次打的，目前大部分已经到了，具体多少要问财务。能拿多少",
        )
        is None
    )


def test_a_round_broken_into_its_investors_parts_counts_only_ours():
    assert award(
        "我们是惠州的创投，跟武汉一家基金联合投了荔湾一家种子期科小，这轮5000万已到账，我们出2000万，武汉那家出3000万"
    ) == Decimal(300_000)


def test_tranches_after_a_round_total_count_by_their_own_years():
    assert award(
        "Our RMB 30 million round into a Panyu start-up (初创期科技型中小企业). We are a Nansha fund. "
        "Tranche 1 RMB 10m arrived Nov 2024, tranche 2 RMB 12m arrived Feb 2025, tranche 3 RMB 8m still pending."
    ) == Decimal(330_000)  # 1000万 × 1.5% + 1200万 × 1.5%


def test_a_pasted_spreadsheet_with_the_currency_said_once():
    table = (
        "Our fund is registered in Qianhai; all amounts RMB, all investees are tech SMEs in Guangzhou.\n"
        "Company\tDistrict\tStage\tSigned\tCash received in 2025\n"
        "A\t天河\tseed\t40m\t20m\n"
        "B\t海珠\t初创期\t30m\t30m"
    )
    assert award(table) == Decimal(750_000)  # (2000万 + 3000万) × 1.5%; the signed column is not counted


def test_an_english_revenue_far_from_its_figure_is_set_aside():
    facts = session(
        "We are a Hengqin fund; we invested RMB 10m (received) into a seed-stage tech SME in Tianhe. "
        "Its revenue for the whole of last year was only about RMB 3m."
    )
    assert [i.amount for i in facts.investments] == [Decimal(10_000_000)]


def test_money_awaited_that_has_now_arrived_counts_this_year():
    assert award(
        "我们是东莞的创投，今年投了广州几家种子期科小，已到账1亿",
        "月底还有一笔要打，4000万，是黄埔的初创期科小",
        "那笔现在也已经到账了，今年一共能拿多少",
    ) == Decimal(2_100_000)


def test_a_fact_of_the_known_deal_told_before_a_new_one_stays_with_it():
    assert award(
        "我们是香港的基金，今年投了广州海珠一家科技型中小企业，已到账2000万",
        "漏说了，这家公司是初创期的。另外我们还投了天河一家成熟期的企业，到账1亿。能拿多少",
    ) == Decimal(300_000)


def test_registered_capital_in_its_own_sentence_is_not_the_districts_new_money():
    assert award(
        "海珠区的区级政策性融资担保公司，注册资本目前8亿。2025年区财政新增出资1亿，两次都是区财政的钱，市里最多补多少",
        rule="article11",
    ) == Decimal(40_000_000)


def test_another_increase_of_the_district_adds_to_the_one_told():
    assert award(
        "番禺区的区级政策性融资担保公司，2024年区财政增资5000万，已到位",
        "2025年区财政又增资了1亿，也到位了。两次加起来市财政最多补多少",
        rule="article11",
    ) == Decimal(60_000_000)


def test_a_total_restated_as_this_increase_keeps_only_the_districts_part():
    assert award(
        "白云区的政策性融资担保公司今年增资2亿，全部是区财政出的",
        "说错了，2亿是这次增资总额，其中区财政新增出资8000万，剩下1.2亿是社会资本出的",
        rule="article11",
    ) == Decimal(32_000_000)


def test_the_askers_fund_and_manager_registered_elsewhere_get_nothing():
    assert (
        award(
            "我们基金在广州有个办公室，投了海珠一家种子期科小2000万，已到账",
            "补充：我们的基金主体和管理人其实都在苏州注册，广州只是有几个同事驻场办公，没有注册任何主体",
        )
        == 0
    )


def test_places_where_the_asker_has_no_entity_are_not_its_seat():
    assert award("我们机构注册在韶关，广州和珠海都没有分支。今年投了天河一家初创期科小1000万，已到账") == 0


def test_a_message_opening_with_the_askers_institution_by_place():
    assert award(
        "肇庆端州的一家创投，和越秀一家基金联合投了花都一家种子期科小。我们这边到账800万，越秀那家到账1200万。我们能拿多少"
    ) == Decimal(120_000)


def test_a_list_item_named_by_place_and_stage_is_an_investee():
    assert award(
        "我们是横琴的基金。2025年出手三笔：海珠一家种子期的2000万，番禺一家初创期科小3000万，还有珠海本地一家公司5000万，都到账了，均为科技型中小企业"
    ) == Decimal(750_000)


def test_a_fund_size_in_foreign_currency_before_its_noun_is_set_aside():
    facts = session("我们是香港的机构，管理一只2亿美元的基金，今年用人民币投了黄埔一家种子期科小1000万，已到账")
    assert [i.amount for i in facts.investments] == [Decimal(10_000_000)]


def test_stages_of_a_deal_set_apart_are_not_this_deals():
    assert award(
        "我们是佛山的创投，今年投了两个种子期科小，一个在荔湾到账1000万；另一个在黄埔到账600万。去年那个成长期项目去年就到账了，不算",
    ) == Decimal(240_000)


def test_stages_said_for_the_deal_that_all_fail_give_nothing():
    assert award("我们是深圳的基金，2025年投了南沙一家企业2亿，已到账，属于Pre-IPO轮、成熟期的项目，能拿多少") == 0


def test_a_year_of_arrival_the_asker_has_not_settled_is_asked():
    assert (
        award(
            "我们是南沙的基金，2025年投了天河一家初创期科小4亿，已到账",
            "还有一笔6000万投海珠一家种子期科小，12月30号打的款，对方1月初才入账，我还没核实清楚算哪年到账。2025年能拿多少",
        )
        is None
    )


def test_a_restated_deal_keeps_its_stage_and_a_known_figure_again_is_not_new():
    facts = session(
        "我们是江门的创投，今年投了花都一家初创期科小，投资额4000万。另外还投了一家花都的成长期企业，投了8000万。",
        "纠正一下，那4000万是协议金额，实际到账只有2500万，剩下的明年才打；成长期那家8000万倒是全部到账了。",
    )
    assert sorted((i.amount, i.stage) for i in facts.investments) == [
        (Decimal(25_000_000), "初创期"),
        (Decimal(80_000_000), "成长期"),
    ]


def test_a_table_row_in_millions_is_no_header():
    table = (
        "基金注册在前海。\n"
        "1）海珠 A公司｜种子期｜科小｜协议2,000万元｜已到账1,500万元（剩下500万约定明年打）\n"
        "2）越秀 B公司｜初创期｜科小｜RMB 10 million｜已全部到账\n"
        "3）佛山顺德 C公司｜初创期｜科小｜800万｜已到账"
    )
    assert award(table) == Decimal(375_000)  # (1500万 + 1000万) × 1.5%; 顺德 is not Guangzhou


def test_a_new_total_with_the_increment_that_made_it_replaces_the_deal():
    facts = session(
        "我们旗下两只基金，一只在南沙，一只在澳门。今年都投了番禺同一家初创期科小：南沙那只签了2亿，目前到账1亿；澳门那只到账4000万。",
        "更正：南沙那只后来又到了3000万，所以今年到账是1.3亿了，澳门那只没变。",
    )
    assert sorted(i.amount for i in facts.investments) == [Decimal(40_000_000), Decimal(130_000_000)]
    assert all(i.stage == "初创期" for i in facts.investments)


def test_another_investor_of_the_round_is_no_seat_of_the_asker():
    assert award(
        "我们是一只注册在澳门的基金，办公室在氹仔。今年给番禺一家初创期科小投了2000万，已到账。同一轮还有一家成都的基金跟投了1000万。我们能拿多少"
    ) == Decimal(300_000)


def test_the_askers_other_funds_named_by_their_seats_are_their_own_institutions():
    assert award(
        "我们是前海注册的一只基金；我们一个LP自己也有一只基金，注册在香港；还有我们管理人旗下一只南京注册的基金。"
        "今年三家一起投了海珠一家种子期科小：我们前海这只到账2000万；香港那只到账1000万；南京那只到账500万。三家各自申请加起来多少"
    ) == Decimal(450_000)  # (2000万 + 1000万) × 1.5%; 南京 is outside the Bay Area


def test_what_arrived_of_a_deal_named_again_replaces_it():
    assert award(
        "我们是佛山的创投，投了花都一家初创期科小，签约和到账都是8000万",
        "等等，刚核对了回单，8000万里实际只到了5000万，剩下3000万下个月才打",
    ) == Decimal(750_000)


def test_an_approved_quota_restated_is_not_what_arrived():
    assert award(
        "我们是中山的天使基金，投了海珠一家初创期科小，到账6000万",
        "说错了：6000万是投决会批的额度，实际打过去的只有2000万，剩下的不投了",
    ) == Decimal(300_000)


def test_a_rough_figure_the_asker_must_check_is_asked():
    assert award("我们是惠州的基金，投了越秀一家种子期科小，签了5000万，到账大概三千万出头，具体多少我得问财务") is None


def test_a_place_answer_beside_the_investees_place_is_not_the_investees():
    assert (
        award(
            "我们是广州海珠的创投，上个月投了一家初创期的科小，900万已到账",
            "补充：这家公司注册地和经营都在江门，在广州没有公司。广州的投早奖励能拿多少",
        )
        == 0
    )


def test_a_place_stated_beside_a_plan_in_the_same_sentence_is_a_fact():
    assert (
        award(
            "我们是珠海的创投，投了一家初创期科小，到账2000万，公司在黄埔",
            "搞错了，那家公司注册地和经营地都在东莞，黄埔那边只是计划去设个分公司，还没设",
        )
        == 0
    )


def test_a_deal_called_off_and_refunded_is_no_longer_counted():
    assert award(
        "我们是江门的基金，今年在广州投了两个项目，都是科技型中小企业",
        "一个是番禺的初创期公司，到账3000万；另一个是白云的种子期公司，到账500万",
        "更正：白云那笔后来解约了，500万已经全额退回给我们，就当没投",
        "那现在能拿多少",
    ) == Decimal(450_000)


def test_capital_after_the_increase_and_a_listed_companys_share_are_not_the_districts():
    assert award(
        "番禺区政策性融资担保公司，今年新增资本金4个亿，都是区财政出的",
        "说错了，4个亿是增资以后的注册资本，原来就有1个亿。这次新增3个亿，里面区财政出2亿，另外1亿是一家上市公司出的",
        rule="article11",
    ) == Decimal(80_000_000)


def test_money_paid_when_the_company_was_set_up_is_not_new():
    assert award(
        "海珠区的区级政策性融资担保公司，2018年成立，当时区财政出了2亿。2025年增资，区财政新增5000万，省融资再担保公司出了3000万。这次增资市财政最多补多少",
        rule="article11",
    ) == Decimal(20_000_000)


def test_a_signed_round_told_in_its_arrived_and_awaited_parts_asks_nothing():
    assert award(
        "投资主体是南沙的创投基金。标的：黄埔一家种子期科小。本轮我们签约2000万，分两笔：第一笔1200万已经到账；第二笔800万明年才打"
    ) == Decimal(180_000)


def test_the_investees_registered_capital_in_a_later_sentence_sets_no_deal_aside():
    assert award(
        "我们是前海的创投，投了番禺一家种子期科小",
        "协议是2000万，分两期。第一期今年到账1000万，第二期明年再打。顺便说下他们注册资本才300万",
    ) == Decimal(150_000)


def test_one_arrived_total_for_a_counted_set_of_deals_is_their_total():
    assert award(
        "我们是横琴的基金，2025年在广州一共投了5家初创期科小，签约总额3亿，年内实际到账2亿，按1.5%能拿多少"
    ) == Decimal(3_000_000)
