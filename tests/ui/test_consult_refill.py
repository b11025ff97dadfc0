"""The 特派员 form filled again: a reopened record gives back the form it came from; a chat fills the profile."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import pytest

from assistant.consultation import ConsultationDesk
from assistant.consultation.store import MemoryConsultationStore
from ui.web.consult import ConsultForm, form_to_draft, import_chat_session, record_to_form, save_consultation

TODAY = dt.date(2026, 11, 25)
NANSHA_VC = "我们是南沙的创投机构，今年投了一家广州初创期科技企业8000万，已到账"


@pytest.fixture
def desk(knowledge, assistant) -> ConsultationDesk:
    """A desk over the session's knowledge base that can read the assistant's chat sessions."""
    return ConsultationDesk(knowledge, MemoryConsultationStore(), sessions=assistant.sessions, today=lambda: TODAY)


def full_form(**changes: object) -> ConsultForm:
    """Every field filled, the description telling facts of its own (a place, IP, a loan need)."""
    values: dict[str, object] = {
        "enterprise": "黄埔某科技有限公司",
        "contact": "王经理",
        "date": "2026-11-20",
        "officer1_name": "张敏",
        "officer1_organization": "广州银行",
        "officer1_side": "银行",
        "officer2_name": "李强",
        "officer2_organization": "某创投",
        "officer2_side": "投资机构",
        "kind": "科技型中小企业",
        "district": "黄埔区",
        "stage": "成长期",
        "intellectual_property": ["专利"],
        "listing_plan": "计划2027年申报科创板",
        "target_board": "科创板",
        "bond_plan": "计划发债",
        "cross_border": ["港澳"],
        "needs": ["贷款"],
        "financing": "今年获得A轮融资3000万，已到账",
        "district_new_capital": "",
        "free_text": "我们在天河也有研发中心，有5项发明专利和2个商标，想做知识产权质押贷款",
        "follow_ups": "对接市科技局\n准备上市辅导材料",
        "notes": "首次走访",
        "session_id": "",
    }
    values.update(changes)
    return ConsultForm(**values)  # type: ignore[arg-type]


def test_a_reopened_record_puts_each_value_back_in_its_own_field(desk, tmp_path):
    form = full_form()
    saved = save_consultation(desk, desk.store, form, tmp_path)
    assert saved.record is not None
    # The matched profile holds what the description added (商标, the sentence's financing) …
    assert "商标" in saved.record.profile.intellectual_property
    assert saved.record.profile.recent_financing
    # … but the form comes back exactly as it was filled: the sentence in 近期融资, the description alone.
    assert asdict(record_to_form(saved.record)) == asdict(form)


def test_a_reopened_record_of_a_chat_does_not_take_the_chats_facts_into_the_fields(desk, assistant, tmp_path):
    session = assistant.chat(NANSHA_VC).session_id
    form = ConsultForm(enterprise="南沙某创投", kind="创投机构", stage="未知", bond_plan="未知", session_id=session)
    saved = save_consultation(desk, desk.store, form, tmp_path)
    assert saved.record is not None and saved.record.profile.district == "南沙区"  # from the chat
    reopened = record_to_form(saved.record)
    assert reopened.district is None  # the officer left it empty; the chat still joins through the link
    assert reopened.session_id == session
    assert reopened.free_text == ""


def test_a_reopened_bare_amount_goes_back_to_its_field(desk, tmp_path):
    form = ConsultForm(enterprise="某创投", kind="创投机构", district="南沙区", financing="8000万")
    saved = save_consultation(desk, desk.store, form, tmp_path)
    assert record_to_form(saved.record).financing == "8000万元"
    again = desk.preview(form_to_draft(record_to_form(saved.record)))
    assert again.articles == saved.record.articles


def test_importing_the_chat_fills_the_profile_fields_for_checking(desk, assistant):
    session = assistant.chat(NANSHA_VC).session_id
    assistant.chat("我们还想做QFLP，也想找银行贷款", session_id=session)
    form, status = import_chat_session(desk, session, ConsultForm(enterprise="南沙某创投"))
    assert (form.kind, form.district, form.session_id) == ("创投机构", "南沙区", session)
    assert "QFLP" in (form.cross_border or [])
    assert "贷款" in (form.needs or [])
    assert form.enterprise == "南沙某创投"  # what the officer typed stays
    assert "已导入当前对话" in status and "类型「创投机构」" in status and "所在区「南沙区」" in status
    # The investment has no field of its own: the status line shows it for checking.
    assert "对话中讲到的投资：2026年投资广州初创期企业8000万元（已到账）" in status
    # Matching the imported form gives the chat's award.
    assert "预估 120万元" in _match(desk, form)


def test_importing_keeps_what_the_officer_already_entered(desk, assistant):
    session = assistant.chat(NANSHA_VC).session_id
    form, status = import_chat_session(
        desk, session, ConsultForm(enterprise="某创投", district="天河区", needs=["募资"])
    )
    assert form.district == "天河区"
    assert form.kind == "创投机构"
    assert form.needs == ["募资"]  # nothing to add: the chat named no need
    assert "保留表单已填的所在区「天河区」（对话中为「南沙区」）" in status


def test_importing_a_chat_that_says_nothing_about_the_enterprise_only_links_it(desk, assistant):
    session = assistant.chat("第十四条主要讲什么？").session_id
    form, status = import_chat_session(desk, session, ConsultForm(enterprise="某企业"))
    assert form.session_id == session
    assert form.kind is None
    assert "没有可填入表单的新内容" in status


def _match(desk: ConsultationDesk, form: ConsultForm) -> str:
    from ui.web.consult import match_policies

    return match_policies(desk, form)
