"""The 特派员 tab's handlers, without a browser: form → draft → cards, save, export, history."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from assistant.consultation import ConsultationDesk
from assistant.consultation.export import ExportedFile, ExportError, export_record
from assistant.consultation.store import MemoryConsultationStore
from ui.web.consult import (
    DISTRICTS,
    KINDS,
    ConsultForm,
    form_to_draft,
    import_chat_session,
    match_policies,
    open_consultation,
    read_date,
    record_id_for,
    record_to_form,
    save_consultation,
    search_consultations,
    write_exports,
)
from ui.web.consult_cards import article_labels
from ui.web.markup import escape

NANSHA_VC_TEXT = "今年投了一家广州的初创期科技企业8000万，已到账"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def desk(knowledge) -> ConsultationDesk:
    """A desk over the session's knowledge base with an empty in-memory store and a fixed today."""
    return ConsultationDesk(knowledge, MemoryConsultationStore(), today=lambda: TODAY)


def nansha_vc(**changes: object) -> ConsultForm:
    """The example consultation: a 南沙 investment institution that invested 8000万 in a Guangzhou startup."""
    values: dict[str, object] = {
        "enterprise": "广州南沙某创业投资有限公司",
        "officer1_name": "张敏",
        "officer1_organization": "广州银行",
        "officer1_side": "银行",
        "officer2_name": "李强",
        "officer2_organization": "广州某创投",
        "officer2_side": "投资机构",
        "kind": "创投机构",
        "district": "南沙区",
        "free_text": NANSHA_VC_TEXT,
        "follow_ups": "协助准备第三条奖励申报材料\n\n对接市科技局 ",
    }
    values.update(changes)
    return ConsultForm(**values)  # type: ignore[arg-type]


def _card(html: str, number: int) -> str:
    match = re.search(rf'<details class="consult-card article-{number}".*?</details>', html)
    assert match, f"no card for article {number} in {html[:300]}"
    return match.group(0)


# -- reading the form ----------------------------------------------------------------------


def test_form_becomes_a_draft_with_officers_profile_and_follow_ups():
    draft = form_to_draft(nansha_vc(date="2026-11-20", stage="未知", bond_plan="暂无计划", needs=["募资"]))
    assert draft.enterprise == "广州南沙某创业投资有限公司"
    assert draft.date == dt.date(2026, 11, 20)
    assert [(o.name, o.organization, o.side) for o in draft.officers] == [
        ("张敏", "广州银行", "银行"),
        ("李强", "广州某创投", "投资机构"),
    ]
    assert draft.follow_ups == ["协助准备第三条奖励申报材料", "对接市科技局"]
    profile = draft.profile
    assert (profile.kind, profile.district, profile.stage, profile.bond_plan) == ("创投机构", "南沙区", None, False)
    assert profile.needs == ["募资"]
    assert profile.free_text == NANSHA_VC_TEXT


def test_empty_officer_rows_are_left_out_and_choices_come_from_the_data():
    draft = form_to_draft(ConsultForm(enterprise="某企业"))
    assert draft.officers == []
    assert draft.date is None  # the desk uses today
    assert len(DISTRICTS) == 11
    assert "南沙区" in DISTRICTS
    assert {"科技型中小企业", "创投机构", "融资担保机构", "其他"} <= set(KINDS)


def test_a_bare_amount_is_an_investment_for_an_investor_and_financing_otherwise():
    investor = form_to_draft(nansha_vc(free_text="", financing="8000万")).profile
    assert [str(i.amount) for i in investor.investments_made] == ["80000000"]
    company = form_to_draft(ConsultForm(enterprise="某科技", kind="科技型中小企业", financing="3,000,000")).profile
    assert [str(f.amount) for f in company.recent_financing] == ["3000000"]
    # a sentence is read with the description, and kept apart so a reopened record shows it again
    sentence = form_to_draft(nansha_vc(free_text="需要对接银行", financing=NANSHA_VC_TEXT))
    assert sentence.described == f"需要对接银行\n{NANSHA_VC_TEXT}"
    assert (sentence.profile.free_text, sentence.financing_text) == ("需要对接银行", NANSHA_VC_TEXT)
    assert sentence.profile.investments_made == []


def test_district_capital_is_read_as_yuan():
    draft = form_to_draft(ConsultForm(enterprise="番禺某担保", kind="融资担保机构", district_new_capital="1亿元"))
    assert draft.profile.district_new_capital == 100_000_000


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        (None, None),
        ("2026-03-01", dt.date(2026, 3, 1)),
        ("2026/3/1", dt.date(2026, 3, 1)),
        ("2026年3月1日", dt.date(2026, 3, 1)),
        ("2026-03-01 00:00:00", dt.date(2026, 3, 1)),
    ],
)
def test_read_date(value, expected):
    assert read_date(value) == expected


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"enterprise": ""}, "请填写企业（机构）名称"),
        ({"enterprise": "   "}, "请填写企业（机构）名称"),
        ({"enterprise": "长" * 101}, "企业（机构）名称过长：最多 100 个字符"),
        ({"district_new_capital": "很多钱"}, "无法识别区财政新增出资额「很多钱」"),
        ({"district_new_capital": "0元"}, "区财政新增出资额必须大于 0"),
        ({"financing": "不少"}, "无法识别近期融资/投资情况中的金额「不少」"),
        ({"financing": "-100万"}, "必须大于 0"),
        ({"date": "下周三"}, "咨询日期应写成 2026-11-25 这样的日期"),
        ({"date": "2026-02-30"}, "咨询日期「2026-02-30」不是有效的日期"),
        ({"officer1_name": "", "officer1_organization": "广州银行"}, "请填写第 1 位特派员的姓名"),
        ({"officer2_side": "券商"}, "第 2 位特派员的类别应为 银行/投资机构/其他"),
        ({"stage": "青春期"}, "发展阶段应为"),
        ({"kind": "外星企业"}, "企业（机构）类型应为下拉列表中的一项"),
        ({"follow_ups": "\n".join(f"事项{i}" for i in range(31))}, "后续跟进事项最多 30 条"),
        ({"session_id": "s" * 65}, "对话会话编号过长：最多 64 个字符"),
    ],
)
def test_bad_input_gives_a_chinese_message_not_a_traceback(desk, tmp_path, changes, message):
    html = match_policies(desk, nansha_vc(**changes))
    assert html.startswith('<div class="calc-error" role="alert">')
    assert message in html
    assert "Traceback" not in html
    saved = save_consultation(desk, desk.store, nansha_vc(**changes), tmp_path)
    assert message in saved.status
    assert saved.record is None
    assert saved.files == {}
    assert desk.search().total == 0  # nothing was saved


# -- matching ------------------------------------------------------------------------------


def test_nansha_investor_gets_article3_with_120wan_and_its_conditions(desk):
    html = match_policies(desk, nansha_vc())
    assert html.startswith('<div class="consult-result"')
    card = _card(html, 3)
    assert " open>" in card.split("<summary>")[0]  # the best match starts open
    assert "【第三条】" in card
    assert "引导社会资本“投早”“投小”" in card
    assert "预估 120万元" in card
    assert '<strong class="award-amount">120万元</strong>' in card
    assert "8000万元 × 1.5% = 120万元" in card
    assert 'data-status="met"' in card
    assert "✓ 符合" in card
    assert "？待确认" in card  # whether the investee is a 科技型中小企业
    assert "贵机构位于南沙区，属于粤港澳大湾区" in card
    assert "按照实际到账投资额的 1.5% 给予每年最高不超过 500 万元奖励支持" in card
    assert "责任单位：市科技局、市发展改革委" in card
    assert html.index("article-3") < html.index('article-1"')  # the article with an amount ranks first
    assert "尚需补充" in html
    assert "被投企业是否为科技型中小企业" in html
    assert "对接责任单位" in html
    assert "以责任单位审核为准" in html
    assert "\n" not in html


def test_guarantee_institution_gets_article11_ceiling(desk):
    form = ConsultForm(
        enterprise="番禺某融资担保公司", kind="融资担保机构", district="番禺区", district_new_capital="1亿"
    )
    card = _card(match_policies(desk, form), 11)
    assert "最高4000万元" in card
    assert "1亿元 × 40% = 4000万元" in card


def test_unfixed_support_shows_who_decides_instead_of_an_amount(desk):
    card = _card(match_policies(desk, nansha_vc()), 1)
    assert "按现行政策核定" in card
    assert "正文未规定具体金额" in card


def test_a_profile_matching_nothing_gets_a_helpful_empty_state(desk):
    html = match_policies(desk, ConsultForm(enterprise="某养殖场", kind="其他"))
    assert 'data-count="0"' in html
    assert "consult-card" not in html
    assert "暂未匹配到适用的政策条款" in html
    assert "请补充以下信息" in html
    assert "所在区" in html
    assert "企业情况与需求" in html
    # with no kind at all, the matcher's own missing fact is asked for
    assert "企业（机构）类型" in match_policies(desk, ConsultForm(enterprise="某公司"))


def test_user_text_is_escaped(desk):
    html = match_policies(desk, nansha_vc(enterprise="<img src=x onerror=alert(1)>"))
    assert "<img" not in html
    assert escape("<img src=x onerror=alert(1)>") in html


def test_chat_session_facts_join_the_profile(knowledge, assistant):
    reply = assistant.chat("我们是南沙的创投机构，今年投了一家广州初创期科技企业8000万，已到账")
    desk = ConsultationDesk(knowledge, MemoryConsultationStore(), sessions=assistant.sessions, today=lambda: TODAY)
    html = match_policies(desk, ConsultForm(enterprise="某创投", session_id=reply.session_id))
    assert "预估 120万元" in _card(html, 3)
    unknown = match_policies(desk, ConsultForm(enterprise="某创投", kind="创投机构", session_id="no-such-session"))
    assert "未找到对话会话「no-such-session」" in unknown


def test_importing_without_a_chat_or_with_an_unknown_one_says_so(desk):
    form = ConsultForm(enterprise="某创投")
    unchanged, message = import_chat_session(desk, None, form)
    assert unchanged == form
    assert "calc-error" in message and "还没有对话" in message
    unchanged, message = import_chat_session(desk, "no-such-session", form)
    assert unchanged == form
    assert "未找到对话会话「no-such-session」" in message


# -- saving, exporting, history --------------------------------------------------------------


def test_save_gives_a_record_id_preview_and_three_files(desk, tmp_path):
    saved = save_consultation(desk, desk.store, nansha_vc(), tmp_path)
    record = saved.record
    assert record is not None and record.id
    assert record.articles[0] == 3
    assert record.date == TODAY
    assert f'<code class="record-id">{record.id}</code>' in saved.status
    assert "已保存咨询记录" in saved.status
    assert "第三条" in saved.cards
    assert "# 科技金融特派员咨询记录" in saved.markdown
    assert "广州南沙某创业投资有限公司" in saved.markdown
    assert set(saved.files) == {"docx", "pdf", "md"}
    for fmt, path in saved.files.items():
        assert path.parent == tmp_path / record.id
        assert path.name == f"咨询记录-广州南沙某创业投资有限公司-{TODAY.isoformat()}.{fmt}"
    assert saved.files["pdf"].read_bytes().startswith(b"%PDF-")
    assert saved.files["md"].read_text(encoding="utf-8") == saved.markdown

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(saved.files["docx"].read_bytes())).paragraphs)
    tables = "\n".join(cell.text for t in Document(str(saved.files["docx"])).tables for r in t.rows for cell in r.cells)
    assert "广州南沙某创业投资有限公司" in text + tables
    assert "第三条" in text + tables


def test_search_finds_the_saved_record_and_reopening_shows_it_again(desk, tmp_path):
    first = save_consultation(desk, desk.store, nansha_vc(), tmp_path).record
    save_consultation(
        desk, desk.store, ConsultForm(enterprise="黄埔某科技", kind="科技型中小企业", district="黄埔区"), tmp_path
    )
    assert first is not None and first.id

    everything = search_consultations(desk.store, "")
    assert len(everything.rows) == 2
    assert "共 2 条咨询记录" in everything.caption

    found = search_consultations(desk.store, "南沙 第三条")
    assert len(found.rows) == 1
    date, enterprise, officers, kind, district, articles, short_id = found.rows[0]
    assert (date, enterprise, kind, district, short_id) == (
        TODAY.isoformat(),
        "广州南沙某创业投资有限公司",
        "创投机构",
        "南沙区",
        first.id[:8],
    )
    assert found.ids == [first.id]
    record_id = record_id_for(found.ids, found.rows[0])
    assert record_id == first.id
    assert officers == "张敏（广州银行）、李强（广州某创投）"
    assert articles.startswith("第三条、")
    assert "包含「南沙 第三条」" in found.caption

    reopened = open_consultation(desk.store, f" {record_id} ", tmp_path / "again")
    assert reopened.record is not None and reopened.record.id == first.id
    assert "已打开咨询记录" in reopened.status
    assert "预估 120万元" in reopened.cards
    assert set(reopened.files) == {"docx", "pdf", "md"}
    # The short id the table shows (in any case) opens it, and finds it in a search.
    short = first.id[:8].upper()
    assert open_consultation(desk.store, short, tmp_path / "short").record.id == first.id
    assert search_consultations(desk.store, first.id[:8]).ids == [first.id]


def test_record_id_for_a_clicked_row():
    ids = ["abcdef0123", "abcdff9999"]
    assert record_id_for(ids, ["2026-11-25", "某企业", "abcdef01"]) == "abcdef0123"
    assert record_id_for(ids, ["abcd"]) == ""  # ambiguous
    assert record_id_for(ids, ["zzz"]) == ""
    assert record_id_for(ids, []) == ""
    assert record_id_for(ids, None) == ""


def test_history_empty_states(desk):
    assert search_consultations(desk.store).caption.startswith("暂无咨询记录")
    assert "没有包含「火星」的咨询记录" in search_consultations(desk.store, "火星").caption


@pytest.mark.parametrize(("record_id", "message"), [("", "请填写记录编号"), ("nope", "没有编号为「nope」的咨询记录")])
def test_opening_an_unknown_record_says_so(desk, tmp_path, record_id, message):
    opened = open_consultation(desk.store, record_id, tmp_path)
    assert opened.record is None
    assert message in opened.status
    assert "calc-error" in opened.status


def test_a_format_that_cannot_be_exported_is_reported_and_the_others_still_written(desk, tmp_path):
    def no_pdf(record, fmt, *, pdf_font_path: Path | None = None) -> ExportedFile:
        if fmt == "pdf":
            raise ExportError("找不到中文字体，请安装 fonts-noto-cjk")
        return export_record(record, fmt, pdf_font_path=pdf_font_path)

    saved = save_consultation(desk, desk.store, nansha_vc(), tmp_path, exporter=no_pdf)
    assert saved.record is not None
    assert set(saved.files) == {"docx", "md"}
    assert saved.export_errors == ["PDF 导出失败：找不到中文字体，请安装 fonts-noto-cjk"]
    assert "consult-export-error" in saved.status


def test_write_exports_keeps_each_record_in_its_own_folder(desk, tmp_path):
    record = desk.create(form_to_draft(nansha_vc(enterprise="A/B:公司")))
    files, errors = write_exports(record, tmp_path, formats=("md",))
    assert errors == []
    assert files["md"] == tmp_path / (record.id or "") / f"咨询记录-A_B_公司-{TODAY.isoformat()}.md"


def test_article_labels_are_shortened():
    assert article_labels([3, 1]) == "第三条、第一条"
    assert article_labels([3, 1, 5, 7, 17, 21]) == "第三条、第一条、第五条、第七条 等 6 条"


# -- the page ------------------------------------------------------------------------------


def test_page_has_the_consult_tab_only_with_a_desk(assistant, desk, tmp_path):
    import gradio as gr
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from ui.web import mount_ui
    from ui.web.page import build_page

    def labels(page: gr.Blocks) -> set[str | None]:
        return {getattr(block, "label", None) for block in page.blocks.values()}

    assert "特派员" not in labels(build_page(assistant))
    page = build_page(assistant, desk=desk, export_dir=tmp_path)
    assert {"政策问答", "政策浏览", "奖励测算", "特派员", "企业（机构）名称 *", "历史记录"} <= labels(page)

    app = FastAPI()
    mount_ui(app, assistant, desk=desk)
    with TestClient(app) as client:
        response = client.get("/ui/")
    assert response.status_code == 200
    assert "特派员" in response.text


def test_a_bare_amount_follows_the_kind_the_description_states():
    draft = form_to_draft(
        ConsultForm(
            enterprise="某创投",
            financing="8000万",
            free_text="我们是南沙的创投机构，今年投了一家广州的初创期企业，已到账",
        )
    )
    profile = draft.profile
    assert profile.investments_made == [] and profile.recent_financing == []
    assert draft.described.endswith("投资金额8000万")  # read with the description that tells the investment


def test_a_labelled_amount_in_the_financing_field_is_still_an_amount():
    profile = form_to_draft(ConsultForm(enterprise="某科技", kind="科技型中小企业", financing="A轮 3000万元")).profile
    assert [str(f.amount) for f in profile.recent_financing] == ["30000000"]


def test_the_desk_reads_the_joined_investment(desk):
    form = ConsultForm(
        enterprise="某创投", financing="8000万", free_text="我们是南沙的创投机构，今年投了一家广州的初创期企业，已到账"
    )
    assert "120万元" in match_policies(desk, form)


def test_a_reopened_record_fills_the_form_it_came_from(desk, tmp_path):
    saved = save_consultation(
        desk, desk.store, nansha_vc(date="2026-11-20", needs=["募资"], notes="首次走访"), tmp_path
    )
    form = record_to_form(saved.record)
    assert (form.enterprise, form.date, form.kind, form.district) == (
        "广州南沙某创业投资有限公司",
        "2026-11-20",
        "创投机构",
        "南沙区",
    )
    assert (form.officer1_name, form.officer2_organization, form.notes) == ("张敏", "广州某创投", "首次走访")
    assert form.follow_ups == "协助准备第三条奖励申报材料\n对接市科技局"
    # Matching the refilled form gives the same articles and award as the record.
    again = desk.preview(form_to_draft(form))
    assert again.articles == saved.record.articles
    assert [a.amount_yuan for a in again.awards] == [a.amount_yuan for a in saved.record.awards]
