"""Article 11's reading: each contribution bound to its funder; totals, prior capital and other funders set aside."""

from __future__ import annotations

import pytest

from assistant.understand import Reader

READER = Reader.default(this_year=2026)


def contributions(message: str) -> list[tuple[str, str]]:
    return [(c.funder, str(c.amount)) for c in READER.read(message).facts.contributions]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("我们是某区的区属政策性融资担保公司，今年新设立，注册资本5亿，其中区财政出资2亿，区属国企出资3亿",
         [("district_treasury", "200000000"), ("district_soe", "300000000")]),
        ("区级政策性担保公司，本次新增资本金构成：区财政新增出资1亿元、省再担保公司出资5000万、市财政出资3000万",
         [("district_treasury", "100000000"), ("province", "50000000"), ("city", "30000000")]),
        ("我们担保公司是XX区的政策性融资担保机构，今年增资，注册资本从3亿增到5个亿，新增的2亿里面区财政出1.2亿，区城投出0.8亿",
         [("district_treasury", "120000000"), ("district_soe", "80000000")]),
        ("花都区新设立区级政策性融资担保机构，注册资本一个亿，全部由区财政出资", [("district_treasury", "100000000")]),
        ("南沙区政策性融资担保公司增资，新增的3亿里，区财政出2亿，剩下1亿是市属国企出的",
         [("district_treasury", "200000000"), ("city", "100000000")]),
    ],
)  # fmt: skip
def test_each_contribution_has_its_funder(message, expected):
    assert contributions(message) == expected


def test_district_money_of_unclear_source_is_kept_unclear():
    assert contributions("海珠区新设一家政策性融资担保公司，注册资本3亿，都是区里出的") == [
        ("district_unclear", "300000000")
    ]


def test_subscribed_and_paid_in_are_paired():
    facts = READER.read("白云区新设区级政策性融资担保机构，区财政认缴2亿，首期实缴到位8000万").facts
    [item] = facts.contributions
    assert (str(item.amount), str(item.subscribed)) == ("80000000", "200000000")


@pytest.mark.parametrize(
    ("message", "flag", "value"),
    [("天河区一家民营的融资担保公司，今年股东增资2亿", "policy_based", False),
     ("市属的政策性融资担保公司，今年市财政增资3亿", "district_level", False),
     ("黄埔区属政策性融资担保机构，今年区财政新增出资1亿2千万", "district_level", True),
     ("区级政策性融资担保公司今年增资2亿，全部由区属国企出资，区财政这次没有出钱", "no_district_money", True)],
)  # fmt: skip
def test_the_institution_flags_in_either_direction(message, flag, value):
    assert getattr(READER.read(message).facts.guarantor, flag) is value


def test_a_figure_with_no_funder_becomes_a_question():
    facts = READER.read("我们是区级政策性担保公司，今年增资1亿").facts
    assert not facts.contributions
    assert facts.unclear and facts.unclear[0].slot == "funder"


def test_a_total_broken_down_is_set_aside():
    facts = READER.read("区级政策性融资担保公司增资，3亿里面区财政只出了1.8亿，剩下1.2亿是区属国企出的").facts
    assert [(c.funder, str(c.amount)) for c in facts.contributions] == [
        ("district_treasury", "180000000"), ("district_soe", "120000000"),
    ]  # fmt: skip


def test_an_earlier_years_contribution_already_claimed_is_set_aside():
    facts = READER.read(
        "我们区的政策性担保公司去年增过一次资，区财政出了1亿，当年已经申请过补助了。今年区财政再新增注资8,000万元，增资后注册资本4个亿。"
    ).facts
    assert [str(c.amount) for c in facts.contributions] == ["80000000"]


def test_all_from_speaks_of_the_figure_it_follows():
    facts = READER.read(
        "公司原注册资本2亿（全部是区财政出的），今年增资到3.5亿，新增部分里区财政出了1亿，省再担保出了5000万"
    ).facts
    assert [(c.funder, str(c.amount)) for c in facts.contributions] == [
        ("district_treasury", "100000000"), ("province", "50000000"),
    ]  # fmt: skip


def test_a_funders_earlier_money_is_set_aside_and_its_new_money_counted():
    reading = READER.read("担保公司成立时区财政已经出资过3亿，此前区财政还补过1亿，今年区财政又增资8000万")
    assert [(c.funder, c.amount) for c in reading.facts.contributions] == [("district_treasury", 80_000_000)]


def test_a_figure_named_as_the_whole_capital_is_set_aside():
    reading = READER.read("说错了，2亿是总注册资本，区财政这次新增出资是5000万")
    assert [(c.funder, c.amount) for c in reading.facts.contributions] == [("district_treasury", 50_000_000)]
    assert any(f.value == 200_000_000 for f in reading.facts.set_aside)
