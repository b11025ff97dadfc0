"""The consultation eval: every labelled profile passes, and a wrong label is reported as a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.consultation import ConsultationDesk
from assistant.consultation.store import MemoryConsultationStore
from evals.consultations import CONSULTATION_SET, load_cases, run_cases, summary_lines


@pytest.fixture(scope="module")
def desk(knowledge) -> ConsultationDesk:
    return ConsultationDesk(knowledge, MemoryConsultationStore())


def test_every_labelled_profile_passes(desk) -> None:
    cases = load_cases(CONSULTATION_SET)
    assert len(cases) >= 10
    results = run_cases(desk, cases)
    failures = {r.case.id: (r.missed, r.wrongly_matched, r.wrong_awards) for r in results if not r.passed}
    assert failures == {}
    assert any(r.awards.get(3) == 1_200_000 for r in results)
    assert any(r.awards.get(11) == 40_000_000 for r in results)


def test_a_wrong_expectation_fails_and_is_reported(desk) -> None:
    case = load_cases(CONSULTATION_SET)[0]
    wrong = case.model_copy(update={"expect": case.expect.model_copy(update={"awards": {3: 1}, "absent": [3]})})
    [result] = run_cases(desk, [wrong])
    assert not result.passed
    assert result.wrong_awards == [3] and result.wrongly_matched == [3]
    assert "通过：0/1" in summary_lines([result])


def test_bad_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "draft": {"enterprise": ""}, "expect": {}}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="第 1 行"):
        load_cases(path)
