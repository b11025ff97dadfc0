"""A condition the profile cannot show (taking part in the innovation competition) is 待确认, never ✓.

Article 20 puts 「获得风投创投机构投资的参赛科技企业」 into the final directly. A profile can record
financing received and what the enterprise wants, but no field records that it takes part in the
competition: wanting to is not taking part. The card, the record and its exports say 待确认 and ask.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.consultation import ConsultationDraft, build_record
from assistant.consultation.export import render_markdown
from assistant.consultation.matching import match_profile
from assistant.consultation.needs import SERVICE_NEEDS, activities
from assistant.consultation.profile import EnterpriseProfile
from corpus.paths import POLICY_PATH
from ingest.parse import parse_policy

ARTICLES = {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}
YEAR = 2026
HUANGPU_SME = {"kind": "科技型中小企业", "district": "黄埔区"}


def article20(profile: dict) -> tuple:
    result = match_profile(EnterpriseProfile.model_validate(profile), articles=ARTICLES, this_year=YEAR)
    card = next(m for m in result.matches if m.article == 20)
    return card, result


@pytest.mark.parametrize(
    "profile",
    [
        {**HUANGPU_SME, "recent_financing": [{"amount": "3000万", "year": 2025}]},
        {**HUANGPU_SME, "free_text": "我们想参加创新创业大赛"},
        {**HUANGPU_SME, "needs": ["参赛"]},
        {**HUANGPU_SME, "free_text": "去年拿了3000万A轮融资，今年想参加创新创业大赛"},
    ],
    ids=["financing", "wish-in-text", "wish-in-needs", "both"],
)
def test_taking_part_in_the_competition_is_to_be_confirmed(profile: dict) -> None:
    card, result = article20(profile)
    assert [c.status for c in card.conditions] == ["unknown"]
    assert "企业画像不能说明贵企业是否已参赛，请向企业核实" in card.conditions[0].reason
    assert "是否已参赛" in result.missing
    # What is known is still said: the financing or the wish.
    assert ("3000万元" in card.conditions[0].reason) or ("有参赛意向" in card.conditions[0].reason)


def test_the_record_and_its_export_show_it_to_be_confirmed() -> None:
    draft = ConsultationDraft(enterprise="黄埔某科技", profile={**HUANGPU_SME, "needs": ["参赛"]})
    record = build_record(
        draft, match_profile(draft.profile, articles=ARTICLES, this_year=YEAR), ARTICLES, today=dt.date(2026, 3, 1)
    )
    markdown = render_markdown(record)
    line = next(line for line in markdown.splitlines() if "已获风投创投投资或有参赛意向" in line)
    assert "待确认" in line
    assert "✓" not in line and "满足" not in line


def test_conditions_the_profile_can_show_keep_their_tick() -> None:
    # A need for a service is what the needs record: 有贷款需求 (article 12) stays ✓.
    result = match_profile(
        EnterpriseProfile(kind="科技型中小企业", district="黄埔区", needs=["贷款"]), articles=ARTICLES, this_year=YEAR
    )
    card = next(m for m in result.matches if m.article == 12)
    assert [c.status for c in card.conditions] == ["met"]
    assert "是否已参赛" not in result.missing


def test_which_needs_are_activities() -> None:
    from corpus.eligibility import ConditionSpec

    def spec(*words: str) -> ConditionSpec:
        return ConditionSpec(label="x", field="needs", op="contains_any", value=words)

    assert activities(spec("大赛", "参赛", "比赛")) == ("参赛",)
    assert activities(spec("贷款", "信贷", "质押")) == ()
    assert activities(spec("融资")) == ()
    assert activities(ConditionSpec(label="x", field="intellectual_property", op="present")) == ()
    assert "参赛" not in SERVICE_NEEDS
