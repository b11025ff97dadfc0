"""The generated award grid: every case exact, none over-stated, through the reader and the engine and the assistant."""

from __future__ import annotations

import pytest

from evals.grid.cases import article3_cases, article11_cases, correction_cases
from evals.grid.full import assistant_award
from evals.grid.parts import chinese_number, gazetteer_check
from evals.grid.run import award_of, score


def test_the_grid_parts_state_what_the_gazetteer_says():
    gazetteer_check()
    assert [chinese_number(n) for n in (2500, 8000, 1200, 10, 305)] == [
        "两千五百",
        "八千",
        "一千两百",
        "十",
        "三百零五",
    ]


@pytest.mark.parametrize(
    ("cases", "name"),
    [(article3_cases(1500), "第三条"), (article11_cases(400), "第十一条"), (correction_cases(300), "多轮更正")],
)
def test_every_grid_case_is_exact_and_none_is_over_stated(cases, name):
    exact, over, failures = score(cases, award_of)
    assert over == 0, failures[:5]
    assert exact == len(cases), failures[:5]


def test_the_expected_awards_vary():
    # A grid whose golds were all 0 or all capped would test nothing: both ends and the middle occur.
    expected = {c.expected for c in article3_cases(300)}
    assert 0 in expected and 5_000_000 in expected and len(expected) > 20


def test_a_sample_of_the_grid_through_the_whole_assistant(assistant):
    cases = article3_cases(60, seed=3) + article11_cases(20, seed=5) + correction_cases(20, seed=9)
    exact, over, failures = score(cases, lambda case: assistant_award(case, assistant))
    assert over == 0 and exact == len(cases), failures[:5]
