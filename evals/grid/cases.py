"""Award questions generated from parts, each with the award the rule data gives.

Article 3: investor place × investee place × stage × amount form × received or signed × one to
three investments × one or two years × one or two institutions × extra figures (fund size,
valuation, registered capital). Article 11: the district treasury's new money among other
funders and capital totals. Corrections: a second turn that corrects one of two investments.
The expected figure is computed here from ``corpus/awards.json`` alone.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from corpus.awards import load_award_rules
from evals.grid.parts import INSTITUTION_PLACES, INVESTEE_PLACES, STAGES, Part, amount_text

__all__ = ["GridCase", "article3_cases", "article11_cases", "correction_cases"]

THIS_YEAR = 2026
_ROUND = [Decimal(x) * 10_000 for x in (300, 500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000)]
_INTROS = ("我们是{p}的创投机构，", "{p}的一家基金，", "我们基金在{p}，", "{p}的PE，")
_OTHER_FUNDERS = [
    ("省再担保出资", "province"),
    ("区属国企出资", "soe"),
    ("市财政出资", "city"),
    ("社会资本出资", "private"),
]
_BIG = [Decimal(x) * 100_000_000 for x in ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5")]


@dataclass(frozen=True)
class GridCase:
    """One generated question: the messages, the rule asked about and the expected award."""

    messages: tuple[str, ...]
    rule: str
    expected: Decimal
    parts: dict[str, object] = field(default_factory=dict)


@dataclass
class _Deal:
    institution: str
    year: int
    investee: Part
    stage: Part
    received: Decimal
    signed: Decimal | None
    arrived: bool = True


def _award3(deals: list[_Deal], eligible_institution: dict[str, bool]) -> Decimal:
    rule = load_award_rules().rule("article3")
    groups: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for deal in deals:
        if eligible_institution[deal.institution] and deal.investee.eligible and deal.stage.eligible and deal.arrived:
            groups[(deal.institution, deal.year)] += deal.received
    total = Decimal(0)
    for (_, year), base in groups.items():
        version = rule.version_for(year)
        raw = base * version.rate
        total += min(raw, version.cap) if version.cap is not None else raw
    return total


def _deal_text(deal: _Deal, rng: random.Random, lead: str) -> str:
    amount = amount_text(deal.received, rng)
    company = f"{deal.investee.text}一家{deal.stage.text}的科技型中小企业"
    if not deal.arrived:
        return f"{lead}{company}，签约{amount}，还没打款"
    if deal.signed is not None:
        signed = amount_text(deal.signed, rng)
        return rng.choice(
            [f"{lead}{company}，签约{signed}，实际到账{amount}", f"{lead}{company}，协议{signed}，首期到账{amount}"]
        )
    return rng.choice(
        [f"{lead}{company}，到账{amount}", f"{lead}{company}{amount}，已全部到账", f"{lead}{company}，实缴到位{amount}"]
    )


def article3_cases(count: int, seed: int = 7) -> list[GridCase]:
    """``count`` article 3 questions with their expected awards."""
    rng = random.Random(seed)
    cases: list[GridCase] = []
    for _ in range(count):
        two_institutions = rng.random() < 0.2
        keys = ["A", "B"] if two_institutions else ["self"]
        places = {key: rng.choice(INSTITUTION_PLACES) for key in keys}
        years = [THIS_YEAR] if rng.random() < 0.6 else [THIS_YEAR - 1, THIS_YEAR]
        deals: list[_Deal] = []
        for index in range(rng.choice([1, 1, 2, 2, 3])):
            received = rng.choice(_BIG if rng.random() < 0.35 else _ROUND)
            signed = received * rng.choice([Decimal(2), Decimal("1.5")]) if rng.random() < 0.2 else None
            deals.append(
                _Deal(
                    institution=keys[index % len(keys)],
                    year=years[index % len(years)],
                    investee=rng.choice(INVESTEE_PLACES),
                    stage=rng.choice(STAGES),
                    received=received,
                    signed=signed,
                    arrived=rng.random() > 0.08,
                )
            )
        distractor = rng.choice(["", "我们管理规模15个亿。", "我们基金注册资本5000万。", ""])
        if two_institutions:
            intro = f"我们集团下面有两只基金，A基金注册在{places['A'].text}，B基金注册在{places['B'].text}。"
        else:
            intro = rng.choice(["我们是{p}的创投机构，", "{p}的一家基金，", "我们基金在{p}，", "{p}的PE，"]).format(
                p=places["self"].text
            )
        clauses: list[str] = []
        for index, deal in enumerate(deals):
            year = "今年" if deal.year == THIS_YEAR else f"{deal.year}年"
            who = f"{deal.institution}基金" if two_institutions else ""
            lead = ("" if index == 0 else rng.choice(["另外", "又", "还"])) + f"{year}{who}投了"
            clauses.append(_deal_text(deal, rng, lead))
        valuation = "（投后估值3亿）" if rng.random() < 0.15 else ""
        message = f"{intro}{distractor}{'；'.join(clauses)}{valuation}。能拿多少奖励？"
        eligible = {key: part.eligible for key, part in places.items()}
        cases.append(
            GridCase((message,), "article3", _award3(deals, eligible), {"deals": len(deals), "institutions": len(keys)})
        )
    return cases


def article11_cases(count: int, seed: int = 11) -> list[GridCase]:
    """``count`` article 11 questions: 40% of the district treasury's new contribution only."""
    rng = random.Random(seed)
    rate = load_award_rules().rule("article11").version_for(THIS_YEAR).rate
    districts = ["黄埔", "南沙", "番禺", "增城", "花都", "从化", "海珠", "天河", "白云", "荔湾", "越秀"]
    cases: list[GridCase] = []
    for _ in range(count):
        treasury = rng.choice(_ROUND + _BIG[:4])
        others = rng.sample(
            [
                ("省再担保出资", "province"),
                ("区属国企出资", "soe"),
                ("市财政出资", "city"),
                ("社会资本出资", "private"),
            ],
            k=rng.choice([0, 1, 2]),
        )
        other_texts = [f"{label}{amount_text(rng.choice(_ROUND), rng)}" for label, _ in others]
        kind = rng.choice(["政策性融资担保公司", "政策性融资担保机构", "区属政策性担保公司"])
        private = rng.random() < 0.1
        who = "一家民营的融资担保公司" if private else "的" + kind
        head = f"{rng.choice(districts)}区{who}今年{rng.choice(['增资', '新设立'])}，"
        total = rng.choice(
            ["", f"注册资本{amount_text(treasury * 3, rng)}，其中", f"原注册资本{amount_text(treasury * 2, rng)}，这次"]
        )
        parts = [f"区财政{rng.choice(['新增出资', '出资', '出'])}{amount_text(treasury, rng)}", *other_texts]
        message = head + total + "，".join(parts) + "。市财政注册资本金补助最多多少？"
        expected = Decimal(0) if private else treasury * rate
        cases.append(GridCase((message,), "article11", expected, {"others": len(others)}))
    return cases


def correction_cases(count: int, seed: int = 13) -> list[GridCase]:
    """Two investments in two years, then a correction of one of them: the other stays."""
    rng = random.Random(seed)
    cases: list[GridCase] = []
    eligible_places = [p for p in INSTITUTION_PLACES if p.eligible]
    local = [p for p in INVESTEE_PLACES if p.eligible]
    early = [s for s in STAGES if s.eligible]
    for _ in range(count):
        place = rng.choice(eligible_places)
        first, second = rng.choice(_BIG + _ROUND), rng.choice(_BIG + _ROUND)
        deals = [
            _Deal("self", THIS_YEAR - 1, rng.choice(local), rng.choice(early), first, None),
            _Deal("self", THIS_YEAR, rng.choice(local), rng.choice(early), second, None),
        ]
        one, two = (f"{d.investee.text}一家{d.stage.text}的科技型中小企业" for d in deals)
        opening = (
            f"我们是{place.text}的创投机构，{THIS_YEAR - 1}年投了{one}，到账{amount_text(first, rng)}；"
            f"{THIS_YEAR}年又投了{two}，到账{amount_text(second, rng)}。能拿多少？"
        )
        target = rng.choice([0, 1])
        new = rng.choice([x for x in _BIG + _ROUND if x != deals[target].received])
        old = deals[target].received
        deals[target].received = new
        correction = rng.choice(["更正一下，{y}年那笔到账的是{n}，不是{o}。", "说错了，{y}年到账的是{n}。"]).format(
            y=deals[target].year, n=amount_text(new, rng), o=amount_text(old, rng)
        )
        cases.append(GridCase((opening, correction + "那奖励是多少？"), "article3", _award3(deals, {"self": True})))
    return cases
