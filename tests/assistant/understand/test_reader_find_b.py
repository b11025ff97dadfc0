"""Classes the find set b1 showed (my own wordings): both supports in one message, a deal called off by
its company's letter, one deal paid in shares over two years, an amount pledged then what arrived,
a share given as a range, other funders' subscribed capital, and the parts of one fund's deal."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def test_both_supports_in_one_message_are_read_apart():
    facts = session(
        "我们集团两件事：一是旗下花都区的区级政策性融资担保公司今年增资，新增的1亿里区财政出了8000万，其余2000万是一家国企出的；"
        "二是集团的创投基金（注册在花都）今年投了花都一家初创期科技型中小企业，签约5000万，实际到账3000万。一共能拿多少？"
    )
    assert ENGINE.evaluate("article11", facts).award_yuan == Decimal(32_000_000)
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(450_000)


def test_a_deal_called_off_by_its_letter_leaves_the_others_as_they_were():
    facts = session(
        "我们是东莞的基金，2024年投了广州两家初创期科技型中小企业：越秀的甲公司到账1000万，黄埔的乙公司到账3000万。",
        "乙公司那笔后来没交割，钱没打过去，别算了。",
    )
    assert [(i.amount, i.status) for i in facts.investments] == [(Decimal(10_000_000), "received")]


def test_one_deal_paid_in_shares_over_two_years():
    facts = session(
        "我们是中山的创投，投了白云一家种子期科技型中小企业，投资款6000万，2024年到了一半，2025年到了剩下一半。"
    )
    assert sorted((i.year, i.amount) for i in facts.investments) == [
        (2024, Decimal(30_000_000)),
        (2025, Decimal(30_000_000)),
    ]


def test_an_amount_pledged_then_what_arrived_counts_what_arrived():
    facts = session("我们是江门的基金，今年投了增城一家初创期科技型中小企业，我们出5000万，到了2000万。能拿多少？")
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(300_000)


def test_a_share_given_as_a_range_is_asked():
    facts = session(
        "我们是肇庆的创投，去年投了荔湾一家种子期科技型中小企业，签约8000万。",
        "到账大概七八成吧，准确的数我还没拿到。能拿多少？",
    )
    assert ENGINE.evaluate("article3", facts).award_yuan is None


def test_other_funders_subscribed_capital_is_not_the_districts():
    facts = session(
        "南沙区新设了一家区级政策性融资担保公司，注册资本4亿，其中区财政出资2.5亿，另外1.5亿是两家银行认缴的。市里最多补多少？"
    )
    assert ENGINE.evaluate("article11", facts).award_yuan == Decimal(100_000_000)


def test_the_parts_of_one_funds_deal_stay_that_funds():
    facts = session(
        "我们是珠海横琴的甲基金，和杭州的乙基金一起投了番禺一家初创期科技型中小企业。",
        "甲基金出8000万，已经到账；乙基金出4000万，也到了。",
        "补充一下，甲那8000万里有3000万是今年才到的，去年到了5000万。甲基金去年能拿多少？",
    )
    assert {i.institution for i in facts.investments if i.amount in (Decimal(30_000_000), Decimal(50_000_000))} == {
        "甲"
    }


def test_both_supports_in_one_message_keep_ids_apart_after_earlier_turns():
    facts = session(
        "我们是南沙的创投，去年投了黄埔一家初创期科技型中小企业，到账1000万。",
        "一是集团旗下南沙区的区级政策性融资担保公司今年区财政新增出资6000万；"
        "二是基金今年又投了番禺一家种子期科技型中小企业，到账2000万。两块分别能拿多少？",
    )
    ids = [i.id for i in facts.investments] + [c.id for c in facts.contributions]
    assert len(ids) == len(set(ids)) == 3


def test_money_that_comes_only_later_is_pending_unless_it_came():
    said = session("我们是东莞的创投，投了天河一家初创期科技型中小企业，这4000万下个月才到的话能拿多少？")
    came = session("我们是东莞的创投，投了天河一家初创期科技型中小企业，这4000万是今年才到的，能拿多少？")
    assert [i.status for i in said.investments] == ["pending"]
    assert [i.status for i in came.investments] == ["received"]
