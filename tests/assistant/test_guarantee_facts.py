"""Reading article 11's facts: the district's new contribution and the conditions, both ways."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.guarantee_facts import read_guarantee

YI = Decimal(100_000_000)


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("区财政向区级政策性担保公司新增出资2亿", 2 * YI),
        ("公司注册资本为6亿，今年区财政增资1亿", YI),
        ("注册资本总额8亿，区政府注资5000万", Decimal(50_000_000)),
        ("担保公司增资1亿", YI),  # a chat turn's lone amount
        ("市财政增资5亿", None),  # the city's money is not the district's
        ("担保公司增资1亿，区财政没有出资", None),
    ],
)
def test_the_base_is_the_districts_new_contribution(text, capital):
    assert read_guarantee(text).capital == capital


def test_a_profile_text_needs_a_public_funder_for_the_amount():
    assert read_guarantee("担保公司增资1亿", require_funder=True).capital is None
    assert read_guarantee("区里给担保公司注资1亿", require_funder=True).capital == YI


@pytest.mark.parametrize(
    ("text", "district", "policy", "funded"),
    [
        ("我们是民营担保公司，增资1亿", None, False, None),
        ("市属融资担保公司，市财政增资5亿", False, None, False),
        ("区级政策性融资担保机构，区财政新增出资1亿", True, True, True),
        ("商业性担保机构，全部由股东出资", None, False, False),
    ],
)
def test_conditions_are_read_in_both_directions(text, district, policy, funded):
    facts = read_guarantee(text)
    assert (facts.district_level, facts.policy_based, facts.district_funded) == (district, policy, funded)
