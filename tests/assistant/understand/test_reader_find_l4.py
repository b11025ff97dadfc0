"""Classes the sets i4 and l4 showed (my own wordings): staff of an investment firm speaking for it, a
bank's manager asking for a client (the bank branch's place is no investor's), English loans, counts of
万 (八百个w), forwarded messages in quotes, the asker's seat in brackets, institutions counted off by
their ordinals, a round's total and the year or currency the speaker cannot recall, a total over the
deals told, a tranche of the deal just told, and article 11's 增资到, 这X亿 and money that was there."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, READER, article3, article11, session


def test_finance_staff_of_an_investment_firm_speak_for_the_investor():
    facts = READER.read("我是珠海香洲一家股权投资公司的财务经理，我们今年投了南沙一家初创期企业，到账2000万").facts
    assert facts.speaker_role == "investor"
    assert facts.institution("self").place == "香洲"


def test_a_bank_manager_asking_for_a_client_is_no_bank_investor():
    # The client (中山翠亨) invests; the bank's branch in 天河 is no investor's seat: 800万 × 1.5% = 12万.
    award = article3(
        "我是一家城商行天河支行的客户经理，我的客户是注册在中山翠亨新区的一家创投机构，"
        "今年他们投了黄埔一家种子期科技型中小企业，实际到账800万，我们行另外给这家企业放了500万贷款。能拿多少？"
    )
    assert award == Decimal(120_000)


def test_an_english_working_capital_loan_is_set_aside():
    facts = READER.read(
        "Our Macau fund put RMB 12 million into a start-up stage company in Huangpu, all received; "
        "a bank gave the company a RMB 3 million working capital loan."
    ).facts
    assert [i.amount for i in facts.investments] == [Decimal(12_000_000)]


def test_counted_wan_are_amounts():
    facts = READER.read("惠州仲恺的基金投了花都一家种子期企业，到账三百个w，剩下两百个w年底再打").facts
    assert [(i.amount, i.status) for i in facts.investments] == [(Decimal(3_000_000), "received")]


def test_a_forwarded_message_in_quotes_is_read_as_the_askers():
    award = article3("转一下同事发的：“横琴那只基金给越秀一家初创期企业打了600万，已到账，能拿多少？”")
    assert award == Decimal(90_000)


def test_a_quotation_of_the_policy_keeps_its_figure_out():
    facts = READER.read("文件写的是“给予每年最高不超过500万元奖励支持”，我们投了2000万，按这个能拿多少？").facts
    assert Decimal(5_000_000) not in [i.amount for i in facts.investments]


def test_the_askers_seat_in_brackets():
    facts = READER.read("本公司（注册地：江门新会）今年投了两家广州企业：海珠一家种子期的，到账500万").facts
    assert facts.institution("self").place == "新会"


def test_institutions_counted_off_by_ordinals_are_capped_apart():
    # Each institution has its own cap: 4亿 × 1.5% = 600万 → 500万, and 1000万 × 1.5% = 15万.
    award = article3(
        "我们集团下面有两家投资机构。第一家注册在深圳南山，今年投了天河一家初创期企业，到账4亿；"
        "第二家是佛山顺德的一家创投，今年投了番禺一家种子期企业，到账1000万。一共能拿多少？"
    )
    assert award == Decimal(5_150_000)


def test_another_fund_named_by_its_place_is_an_institution():
    facts = READER.read("珠海一个基金投了天河一家初创期企业3000万，惠州另一个基金投了同一家2000万，都到账了").facts
    assert {i.institution for i in facts.investments} == {"珠海基金", "惠州基金"}
    assert {i.investee_place for i in facts.investments} == {"天河"}


def test_a_rounds_total_said_as_总融资_is_set_aside():
    facts = READER.read("我们是前海的基金，投了白云一家种子期企业，到账5000万，这一轮总融资是2亿，能拿多少").facts
    assert [i.amount for i in facts.investments] == [Decimal(50_000_000)]


def test_a_year_the_speaker_cannot_recall_across_new_year_is_asked():
    facts = session(
        "我们是香港的基金，投了南沙一家初创期企业两笔各3亿，第一笔去年12月到账，第二笔是年前还是年后到的我记不清了",
        "能拿多少？",
    )
    assert ENGINE.evaluate("article3", facts).award_yuan is None


def test_a_bare_million_with_currencies_named_elsewhere_is_asked():
    award = article3(
        "Our fund is registered in Macau. We wired 8 million to a seed-stage company in Tianhe and it arrived. "
        "We keep MOP, HKD and RMB accounts. How much can we get?"
    )
    assert award is None


def test_a_total_over_the_deals_told_is_not_one_more_deal():
    # 2024 and 2025 capped apart: 2亿 × 1.5% = 300万 and 1.5亿 × 1.5% = 225万.
    award = article3(
        "我们是深圳福田的基金，2024年投了黄埔一家初创期企业，到账2亿；2025年又投了它1.5亿，也到账了。",
        "两年加起来按3.5亿算，是不是只能拿500万？",
    )
    assert award == Decimal(5_250_000)


def test_a_tranche_keeps_the_stage_of_the_deal_just_told():
    award = article3("东莞松山湖的基金，投了增城一家初创期企业2000万，首期800万已到账，其余明年打，今年能拿多少")
    assert award == Decimal(120_000)


def test_a_space_before_剩下_ends_the_clause():
    award = article3("惠州的基金，投了荔湾一家种子期企业，签了1000万，实际到账600万 剩下的下半年再看。能拿多少")
    assert award == Decimal(90_000)


def test_capital_increased_to_a_total_is_no_district_money():
    # 新增 3亿 of which 区财政 2亿: 2亿 × 40% = 8000万; 增资到8亿 is the new total.
    award = article11(
        "海珠区的政策性融资担保公司原注册资本5亿，今年区里决定增资到8亿，新增3亿里区财政出2亿，区属国企出1亿，市里最多补多少"
    )
    assert award == Decimal(80_000_000)


def test_这X亿_names_the_funder_of_the_increase_just_told():
    award = article11("天河区的政策性融资担保公司今年再增资2亿元，这2亿全部由区财政新增出资，市财政最多补助多少？")
    assert award == Decimal(80_000_000)


def test_money_said_to_be_there_before_is_not_new():
    award = article11(
        "番禺区政策性融资担保公司今年增资1亿，区财政出8000万，另外2000万是前年就已经拨到公司账上的老资金，"
        "这次只是转增注册资本。市里最多补多少？"
    )
    assert award == Decimal(32_000_000)


def test_a_parallel_fund_of_the_asker_in_another_seat_is_capped_apart():
    # Only the Zhuhai fund's 2000万 counts (× 1.5% = 30万); the Cayman vehicle is outside the Bay Area.
    award = article3(
        "珠海横琴的创业投资企业，今年投了海珠一家种子期科技型中小企业，我们到账2000万；"
        "我们在开曼注册的美元基金也投了USD 100万（约合人民币720万）。能拿多少？"
    )
    assert award == Decimal(300_000)


def test_singapore_dollars_are_a_foreign_currency():
    facts = READER.read("澳门的基金，投了黄埔一家初创期企业SGD 300万，已到账，能拿多少").facts
    assert not facts.investments and any(q.slot == "received_amount" for q in facts.unclear)


def test_naming_the_entity_that_paid_settles_fund_or_manager():
    award = article3(
        "我们是前海的基金，2024年投了天河一家初创期科技型中小企业5000万，已到账，能拿多少？",
        "纠正一下：实际出资的主体是我们在上海注册的那只基金，前海这边只是管理人的办公室。",
    )
    assert award == Decimal(0)


def test_an_officer_describing_the_investee_and_its_investor():
    # The company is in 黄埔 (X区注册); the investor's seat is in its bracket: 900万 × 1.5% = 13.5万.
    award = article3(
        "帮同事看一家：广州某新材料有限公司，黄埔区注册，员工30人，自称初创期科技型中小企业。"
        "上个月拿了东莞一家创投（注册地在松山湖）的钱，实际到账900万。这家创投能拿多少？"
    )
    assert award == Decimal(135_000)


def test_investors_told_as_x注册的_institutions():
    # Two institutions, each under its own cap: (2000万 + 1000万) × 1.5% = 45万.
    award = article3(
        "越秀这家种子期科技型中小企业本轮有两家投资方：一家是佛山南海注册的创业投资基金，到账2000万；"
        "另一家是香港注册的投资公司，到账1000万。各能拿多少？"
    )
    assert award == Decimal(450_000)


def test_english_revenue_after_a_figure_is_set_aside():
    facts = READER.read(
        "A fund registered in Hengqin wired RMB 6 million to a seed-stage startup in Panyu; "
        "the startup made RMB 2 million in revenue last year."
    ).facts
    assert [i.amount for i in facts.investments] == [Decimal(6_000_000)]


def test_which_of_the_groups_funds_paid_is_asked():
    award = article3(
        "那家创投说是旗下基金投的番禺那家初创期企业，到账5000万。旗下一支在广州、一支在北京，具体哪支出的钱还没确认。能拿多少？"
    )
    assert award is None


def test_an_unchecked_arrival_date_is_asked():
    award = article3(
        "中山的创投投了天河两家初创期企业，一笔3亿、一笔2亿，一笔去年底签一笔今年签，到账日期还没核实。能拿多少？"
    )
    assert award is None


def test_区里的_before_the_institution_is_no_funder():
    # 原注册资本 is old; 新增 of which 区财政 1亿: × 40% = 4000万.
    award = article11(
        "区里的政策性融资担保公司原注册资本2亿元，今年增资到3.5亿元，新增部分里区财政出1亿元，其余由社会资本认缴。市里最多补多少？"
    )
    assert award == Decimal(40_000_000)


def test_a_funders_cumulative_total_after_the_increase_gives_its_new_money():
    # 累计 4亿 after the increase − 2.5亿 at founding = 1.5亿 × 40% = 6000万.
    award = article11(
        "白云区政策性融资担保公司2020年成立时区财政出资2.5亿元。今年区财政追加注资，注资后区财政累计出资达到4亿元。市财政最多补多少？"
    )
    assert award == Decimal(60_000_000)


def test_the_askers_own_seat_before_注册的_stays_the_askers():
    facts = READER.read("我哋係一間喺澳門註冊嘅創投公司，投咗天河一間種子期企業500萬，已到賬").facts
    assert facts.institution("self").place == "澳门"


def test_a_correction_naming_a_lettered_company_changes_only_that_deal():
    # Only 丙公司 is 成长期 now: (1亿 + 6000万) × 1.5% = 240万.
    award = article3(
        "珠海的基金，2024年投了三家广州企业：天河甲公司种子期1亿；黄埔乙公司初创期6000万；番禺丙公司初创期9000万。都已到账，能拿多少？",
        "更正：丙公司那轮其实是成长期，另外两家没问题。",
    )
    assert award == Decimal(2_400_000)


def test_a_formal_self_description_with_向_投资_is_the_investor():
    facts = READER.read(
        "本公司注册于佛山市禅城区，于2024年向位于广州市番禺区的一家初创期科技型中小企业投资人民币贰仟万元整，款项已全额到账。"
    ).facts
    assert facts.speaker_role == "investor" and facts.institution("self").place == "禅城区"


def test_a_bank_whose_client_is_a_company_stays_a_bank():
    facts = READER.read("我们是一家银行，我的客户是南沙一家初创期科技型中小企业，今年我们给它投了500万，能拿多少").facts
    assert facts.institution("self").not_equity == "银行"


def test_增资为_names_the_increase_itself():
    award = article11("天河区的政策性融资担保公司今年增资，区财政增资为5000万，市里最多补多少")
    assert award == Decimal(20_000_000)
