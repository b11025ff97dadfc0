"""The consultation record: built from a draft and the matcher, verbatim quotes, the desk."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from assistant.consultation import ConsultationDesk, ConsultationDraft, build_record
from assistant.consultation.case import profile_from_conversation
from assistant.consultation.matching import match_profile
from assistant.consultation.profile import EnterpriseProfile, merge_profiles
from assistant.consultation.record import DISCLAIMER
from assistant.consultation.store import MemoryConsultationStore, UnknownConsultationError
from assistant.session import MemorySessionStore

TODAY = dt.date(2026, 11, 25)
VC_TEXT = "今年投了一家广州的初创期科技型中小企业8000万，已到账"


def _record(knowledge, **draft):
    d = ConsultationDraft(**draft)
    profile = d.profile
    return build_record(d, match_profile(profile, knowledge, this_year=2026), knowledge.articles, today=TODAY)


def test_vc_record_has_award_arithmetic_quotes_and_units(knowledge) -> None:
    record = _record(
        knowledge,
        enterprise="南沙某创投",
        officers=[{"name": "张三", "organization": "广州银行", "side": "银行"}, {"name": "李四", "side": "投资机构"}],
        profile={"kind": "创投机构", "district": "南沙区", "free_text": VC_TEXT},
    )
    assert record.articles[0] == 3
    award = next(a for a in record.awards if a.article == 3)
    assert award.amount_yuan == 1_200_000
    assert award.amount_text == "120万元"
    assert any("8000万元 × 1.5% = 120万元" in step for step in award.steps)
    first = record.matches[0]
    assert first.citation == "《若干意见》第三条"
    assert first.part == "一、加快建设风投创投之都"
    assert all(q in knowledge.articles[m.article].body for m in record.matches for q in m.quotes)
    assert "1.5%" in first.quotes[0]
    assert record.contacts[0].unit == "市科技局"
    assert "第三条" in record.contacts[0].articles
    assert record.disclaimer == DISCLAIMER
    assert [o.side for o in record.officers] == ["银行", "投资机构"]
    assert record.date == TODAY


def test_each_matched_unit_is_listed_once_with_its_articles(knowledge) -> None:
    record = _record(knowledge, enterprise="某银行支行", profile={"kind": "银行"})
    units = [c.unit for c in record.contacts]
    assert len(units) == len(set(units))
    for match in record.matches:
        for unit in match.units:
            assert match.label in next(c.articles for c in record.contacts if c.unit == unit)


def test_profile_that_matches_nothing_still_makes_a_record(knowledge) -> None:
    record = _record(knowledge, enterprise="某公司", profile={})
    assert record.matches == [] and record.awards == [] and record.contacts == []
    assert "企业（机构）类型" in record.missing
    assert record.disclaimer


def test_unfixed_award_says_who_decides(knowledge) -> None:
    record = _record(knowledge, enterprise="某创投", profile={"kind": "创投机构"})
    article1 = next(a for a in record.awards if a.article == 1)
    assert article1.amount_yuan is None
    assert article1.amount_text == "正文未规定具体金额"
    assert article1.decided_by


def test_guarantee_ceiling_is_marked(knowledge) -> None:
    record = _record(
        knowledge, enterprise="某区融资担保公司", profile={"kind": "融资担保机构", "district_new_capital": "1亿"}
    )
    award = next(a for a in record.awards if a.article == 11)
    assert award.amount_yuan == 40_000_000 and award.is_ceiling
    assert award.amount_text == "最高4000万元"


def test_profile_summary_shows_stated_facts_only(knowledge) -> None:
    record = _record(
        knowledge, enterprise="某科技公司", profile={"kind": "科技型中小企业", "district": "海珠", "stage": "成长期"}
    )
    rows = dict(record.profile_summary)
    assert rows["所在地"] == "海珠区" and rows["发展阶段"] == "成长期"
    assert "目标板块" not in rows


@pytest.mark.parametrize(
    ("field", "value"),
    [("enterprise", ""), ("enterprise", "   "), ("enterprise", "名" * 101), ("officers", [{"name": ""}])],
)
def test_draft_rejects_bad_input(field: str, value: object) -> None:
    data: dict[str, object] = {"enterprise": "某公司", field: value}
    with pytest.raises(ValidationError):
        ConsultationDraft.model_validate(data)


def test_follow_ups_accept_one_per_line() -> None:
    draft = ConsultationDraft(enterprise="某公司", follow_ups="联系市科技局\n\n  准备申报材料  ")
    assert draft.follow_ups == ["联系市科技局", "准备申报材料"]


def test_merge_profiles_form_wins_and_lists_unite() -> None:
    chat = EnterpriseProfile(kind="创投机构", district="南沙区", needs=["股权融资"], free_text="我们是南沙的创投")
    form = EnterpriseProfile(district="深圳", needs=["贷款"], free_text="想了解港澳合作")
    merged = merge_profiles(chat, form)
    assert merged.kind == "创投机构"
    assert merged.district == "深圳"
    assert merged.in_guangzhou is False and merged.in_greater_bay_area is True
    assert merged.needs == ["股权融资", "贷款"]
    assert merged.free_text == "我们是南沙的创投\n想了解港澳合作"


def test_profile_from_conversation_reads_self_statements() -> None:
    from assistant.understand import Reader

    facts = Reader.default(2026).read("我们是南沙的创投机构，今年投了广州一家初创期科技企业8000万").facts
    profile = profile_from_conversation(facts, ["我们是南沙的创投机构，有港澳业务"], this_year=2026)
    assert profile.kind == "创投机构"
    assert profile.district == "南沙区"
    assert [str(i.amount) for i in profile.investments_made] == ["80000000"]
    assert profile.cross_border == ["港澳"]


def test_desk_saves_finds_and_merges_the_chat_profile(knowledge, assistant) -> None:
    sessions = MemorySessionStore()
    reply = assistant.chat("我们是南沙的创投机构，今年投了广州一家初创期科技企业8000万，已经到账")
    state = assistant.sessions.load(reply.session_id)
    assert state is not None and state.statements
    sessions.save(reply.session_id, state, "", reply.answer)
    desk = ConsultationDesk(knowledge, MemoryConsultationStore(), sessions=sessions, today=lambda: TODAY)

    record = desk.create(ConsultationDraft(enterprise="南沙某创投", session_id=reply.session_id))
    assert record.id and record.created_at
    assert record.articles[0] == 3
    assert next(a for a in record.awards if a.article == 3).amount_yuan == 1_200_000
    assert record.profile.name == "南沙某创投"
    assert desk.get(record.id) == record
    assert [s.id for s in desk.search("南沙 第三条").items] == [record.id]
    assert desk.search("天河").total == 0
    with pytest.raises(UnknownConsultationError):
        desk.get("nope")


def test_desk_preview_does_not_save(knowledge) -> None:
    store = MemoryConsultationStore()
    desk = ConsultationDesk(knowledge, store, today=lambda: TODAY)
    record = desk.preview(ConsultationDraft(enterprise="某律所", profile={"kind": "律所"}))
    assert record.id is None and record.articles[:2] == [25, 16]
    assert store.search().total == 0
