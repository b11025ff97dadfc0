"""Classes the award find set of the twenty-sixth round showed (my own wordings): the signed figure
written 签的, stages offered as alternatives (…还是…), an amount still to be asked of the finance
staff, a yearly split still to be looked up, and the base the asker proposes (按X算) beside their
own guess of the award."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def award(*messages: str, rule: str = "article3") -> Decimal | int | None:
    return ENGINE.evaluate(rule, session(*messages)).award_yuan


def test_signed_written_as_qian_de_is_not_money_arrived():
    # 签的6000万 is the agreement; only the 0.3亿 paid counts: 3000万 × 1.5%.
    assert award("我们是珠海的创投，今年投了黄埔一家初创期科小，我们签的6000万，实际打款0.3亿，能拿多少？") == Decimal(
        450_000
    )


def test_stages_offered_as_alternatives_are_asked():
    assert (
        award("我们是东莞的基金，今年投了天河一家科技型中小企业，到账800万。它算初创期还是成长期我说不准，能拿多少？")
        is None
    )


def test_two_rewarded_stages_listed_are_not_a_doubt():
    assert award("我们是东莞的基金，今年投了天河两家科小，种子期、初创期各一家，各到账800万，能拿多少？") == Decimal(
        240_000
    )


def test_an_amount_still_to_be_asked_of_finance_is_asked():
    assert (
        award(
            "我们是佛山的VC，今年投了番禺一家种子期科小，协议5000万",
            "第一期已经打过去了，具体多少我得回头问财务。这个奖励是不是按5000万算，75万？",
        )
        is None
    )


def test_a_yearly_split_to_be_looked_up_is_asked():
    assert (
        award(
            "我们是澳门的投资机构，去年和今年都投了越秀的初创期科小",
            "两年加起来实际到账5亿左右，具体每年各多少得翻账",
            "能拿多少？",
        )
        is None
    )


def test_the_base_the_asker_proposes_is_not_a_new_deal():
    facts = session("我们是江门的创投，今年投了海珠一家初创期科小，到账2000万。奖励是不是按2000万算，30万？")
    assert [i.amount for i in facts.investments] == [Decimal(20_000_000)]


def test_a_deal_naming_its_own_round_keeps_it_beside_the_next_deals_stage():
    facts = session(
        "我们是前海的基金，今年在广州投了两个项目，一个是番禺的天使轮，一个是越秀的C轮，都是科小。",
        "天使轮那个到账1200万；C轮那个到账8000万。能拿多少？",
    )
    rounds = sorted((i.stage_word, i.stage) for i in facts.investments)
    assert rounds == [("C轮", "成长期"), ("天使轮", None)]
    assert (
        award(
            "我们是前海的基金，今年在广州投了两个项目，一个是番禺的天使轮，一个是越秀的C轮，都是科小。",
            "天使轮那个到账1200万；C轮那个到账8000万。能拿多少？",
        )
        is None
    )


def test_a_first_tranche_arrived_leaves_the_signed_deal_signed_while_asked():
    facts = session(
        "我们是南沙的创投，今年投了天河一家初创期科小，协议签了6000万。",
        "约定分两期打，第一期已经打过去了。能拿多少？",
    )
    assert [i.status for i in facts.investments] == ["signed"]
    assert any(q.slot == "received_amount" for q in facts.unclear)
