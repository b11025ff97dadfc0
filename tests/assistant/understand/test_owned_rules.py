"""Whose rule a question asks: an owner outside the policy named just before a rule of its own
(my own wordings)."""

from __future__ import annotations

import pytest

from assistant.understand.owned_rules import owned_rule
from corpus.focus import load_focus
from corpus.gazetteer import load_gazetteer
from corpus.named_things import load_named_things


@pytest.fixture(scope="module")
def owner():
    focus, gazetteer, named = load_focus(), load_gazetteer(), load_named_things()

    def read(text: str):
        return owned_rule(text, focus, gazetteer.find(text), named.name_spans(text))

    return read


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("省里新出的那个科技企业上市培育办法，入库门槛是什么", ("national", "国家")),
        ("中山市的贴息资金怎么申请", ("other_place", "中山")),
        ("杭州那边的天使母基金让利给子基金多少", ("other_place", "杭州")),
        ("成都高新区那套人才引进政策里，对投资人有没有个税返还", ("other_place", "成都")),
        ("科技部对科技型中小企业的评价标准今年改了没有", ("national", "国家")),
        ("基金业协会现在对新备案基金的最低规模要求是多少", ("national", "国家")),
        ("What are Hangzhou's subsidies for angel investors?", ("other_place", "Hangzhou")),
        ("央行那个碳减排支持工具，利率是多少", ("national", "国家")),
        ("惠州的天使投资补贴标准是多少", ("other_place", "惠州")),  # 天使 then 投资补贴: the place's own rule
        # the next clause points back at the place compared with: its own rule is asked
        ("我们想参照上海张江，他们对天使投资人有什么补贴", ("other_place", "上海")),
        ("黄埔区自己对新落户的基金有没有租金补贴", ("other_place", "黄埔区自己")),  # a district's own rule
    ],
)
def test_an_owners_own_rule_is_found(owner, question, found):
    assert owner(question) == found


@pytest.mark.parametrize(
    "question",
    [
        "我们是东莞的科技企业，能享受什么政策",
        "公司注册在中山，投资方能拿奖励吗",
        "杭州的VC今年投了我们，投资方的奖励是多少",
        "承担国家重大科技项目的企业有什么政策支持",
        "已经在中基协备案的基金投广州初创企业有奖励吗",
        "港交所上市奖励到底多少钱",
        "我们想跟成都的基金合作，有什么政策",
        "人民银行的再贴现主要支持哪些科技企业",  # the text names 再贴现 itself; its terms are not asked
        "新增的1亿里有3000万是省里拨的专项资金，市里能补多少",  # the province's money, not its rules
        "我们投了佛山一家企业，他们能拿奖励吗",  # 他们 is the enterprise, and an investment is told
        "黄埔区有哪些措施",  # a district of Guangzhou named, not said to be on its own
    ],
)
def test_where_someone_is_or_what_they_did_is_no_owner(owner, question):
    assert owner(question) is None


def test_a_zone_elsewhere_awarding_some_amount_is_its_own_rule():
    from assistant.understand.focus import FocusReader

    outside = FocusReader.default().outside("张江那边对新落户的创投机构具体补多少？我们想比较一下")
    assert outside is not None and outside.kind == "other_place"
