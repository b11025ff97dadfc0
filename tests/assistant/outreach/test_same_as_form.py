"""Every row of a generated list gives what the same words typed into the 特派员 form give."""

from __future__ import annotations

import pytest

from assistant.outreach import desk_matcher, read_table, run_batch
from evals.outreach_lists import generated_rows, rows_csv
from ui.web.consult_form import ConsultForm, form_to_draft
from ui.web.forms import FormError

LIST_FIELDS = ("intellectual_property", "cross_border", "needs")


def _form(row: dict[str, str]) -> ConsultForm:
    values = {k: v for k, v in row.items() if k != "bond_plan"}
    for name in LIST_FIELDS:
        values[name] = [part for part in row[name].split("、") if part]
    return ConsultForm(**{k: (v if v != "" else None) for k, v in values.items()}, bond_plan=row["bond_plan"] or "未知")


@pytest.mark.slow
def test_a_thousand_rows_match_as_the_form_does(desk) -> None:
    rows = generated_rows(1000)
    result = run_batch(read_table(rows_csv(rows), "generated.csv"), desk_matcher(desk))
    assert result.counts.read == 1000
    by_name = {o.enterprise: o for o in result.outcomes}
    rejected = {e.row for e in result.errors}
    compared = 0
    for number, row in enumerate(rows, start=2):
        try:
            draft = form_to_draft(_form(row))
        except FormError:
            # The form refuses what the list refuses: the same row number is reported.
            assert number in rejected, row
            continue
        outcome = by_name[row["enterprise"]]
        profile = desk.profile_for(draft)
        assert outcome.profile == profile, row
        assert outcome.result == desk.match(profile), row
        compared += 1
    assert compared >= 900
    # The generated list is varied: many kinds of outcome, amounts among them.
    assert len({tuple(m.article for m in o.result.matches) for o in result.outcomes}) > 50
    assert any(m.award and m.award.get("award_yuan") for o in result.outcomes for m in o.result.matches)
