"""The funded company speaking of its investors (my own wordings): a long self-description still
makes it the investee, a person named as one more investor is not the speaker, a count of parties
is no round total, and 「之前说得不准」 corrects the deal told before."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def award(*messages: str) -> Decimal | int | None:
    return ENGINE.evaluate("article3", session(*messages)).award_yuan


def test_a_long_self_description_makes_the_speaker_the_investee():
    # 荔湾 is where the company is; the investor is in 惠州: 600万 × 1.5%.
    assert award(
        "你好，我们在荔湾，做工业质检视觉的，成立八个月，六个人，种子期科技型中小企业。"
        "投资方是惠州的一家创投，投了600万，已经到账。投资方能拿多少？"
    ) == Decimal(90_000)


def test_financed_without_the_word_investor_is_the_investee_too():
    assert award(
        "我们在增城，做储能电池回收的，初创期，还没有收入，是科小。今年拿了一轮融资，江门一支基金到账800万。"
    ) == Decimal(120_000)


def test_a_person_among_the_investors_is_not_the_speaker_and_each_fund_counts():
    # 花都 company; 佛山 fund 400万 and 东莞 fund 600万 count, the person's 100万 does not.
    assert award(
        "我们是花都的一家做农业无人机的公司，初创期的科技型中小企业。这轮进来三方：佛山一家基金投了400万，"
        "东莞一家创投投了600万，钱都到了；还有一位个人投资人投了100万。这几家投资方一共能拿多少？"
    ) == Decimal(150_000)


def test_we_said_it_wrong_before_corrects_the_known_deal():
    assert award(
        "我们是天河的一家种子期科技型中小企业。投资方是中山的一个创投基金，说好投一千万，想问问他们能拿多少。",
        "之前说得不准：协议是一千万，但实际只到账七百万，剩下的下个月才到。按现在到账的算能拿多少？",
    ) == Decimal(105_000)


def test_a_companys_investors_that_are_all_persons_get_nothing():
    assert (
        award(
            "我们在番禺，种子期科技型中小企业，做智能眼镜的。这轮只有两位个人投资人：一位东莞的老板投了200万，"
            "一位澳门的朋友投了100万，都到账了。他们能拿奖励吗？"
        )
        == 0
    )
