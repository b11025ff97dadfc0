"""Tests for ingest.regulations: 第X条/第X章 structure, cross-references, document ids."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from hypothesis import given
from hypothesis import strategies as st

from corpus.paths import POLICY_PATH
from corpus.records import POLICY_DOCUMENT_ID, Article, ParsedDocument
from corpus.registry import Registry, load_registry
from ingest.doc_identity import file_slug
from ingest.errors import DocumentError
from ingest.headings import read_numeral, write_numeral
from ingest.loaders import load_text
from ingest.regulations import first_sentence_title, parse_document, split_clause

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

REGULATION = """关于科技型企业融资风险补偿的管理办法

第一章　总则

第一条　为了规范科技型企业融资风险补偿资金的管理，根据有关规定，制定本办法。

第二条　本办法适用于本市的合作银行。合作银行应当遵守本办法第一条规定的目标，
第一条所称资金由市科技局管理。

第二章　补偿标准

第三条【补偿比例】对合作银行的贷款损失，按照不超过50%的比例给予补偿，单户最高500万元。

第四条　补偿资金的申请依照
第三条规定的比例和
第一条的目标执行，期限为3-5年。（责任单位：市科技局、市财政局）
"""


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def article(doc: ParsedDocument, number: int) -> Article:
    return next(a for a in doc.articles if a.number == number)


# --- clause structure ---------------------------------------------------------------------


def test_chapters_and_clauses(tmp_path: Path) -> None:
    doc = parse_document(write(tmp_path, "fund-rules.txt", REGULATION))

    assert doc.document == "fund-rules"
    assert doc.title == "关于科技型企业融资风险补偿的管理办法"
    assert [a.number for a in doc.articles] == [1, 2, 3, 4]
    assert [a.label for a in doc.articles] == ["第一条", "第二条", "第三条", "第四条"]
    assert [(p.number, p.number_cn, p.title, p.articles) for p in doc.parts] == [
        (1, "一", "总则", [1, 2]),
        (2, "二", "补偿标准", [3, 4]),
    ]
    assert [(a.part, a.part_cn, a.part_title) for a in doc.articles] == [
        (1, "一", "总则"),
        (1, "一", "总则"),
        (2, "二", "补偿标准"),
        (2, "二", "补偿标准"),
    ]
    assert [r.kind for r in doc.records] == ["preamble", "part", "article", "article", "part", "article", "article"]
    assert doc.records[0].text == "关于科技型企业融资风险补偿的管理办法"


def test_cross_reference_does_not_split_clause(tmp_path: Path) -> None:
    doc = parse_document(write(tmp_path, "fund-rules.txt", REGULATION))
    second = article(doc, 2)
    # 「第一条所称资金」 starts a line but refers back to clause 1: it stays in clause 2.
    assert second.body == (
        "本办法适用于本市的合作银行。合作银行应当遵守本办法第一条规定的目标，第一条所称资金由市科技局管理。"
    )
    fourth = article(doc, 4)
    # Lines broken mid-sentence (as PDF extraction leaves them) are joined back together.
    assert fourth.body == "补偿资金的申请依照第三条规定的比例和第一条的目标执行，期限为3-5年。"
    assert fourth.text.startswith("第四条\u3000补偿资金的申请依照第三条规定的比例和第一条的目标执行")


def test_clause_fields(tmp_path: Path) -> None:
    doc = parse_document(write(tmp_path, "fund-rules.txt", REGULATION))
    first, third, fourth = article(doc, 1), article(doc, 3), article(doc, 4)

    assert first.title == "为了规范科技型企业融资风险补偿资金的管理…"
    assert first.body.startswith("为了规范") and "第一条" not in first.body
    assert first.units == [] and first.facts == []

    assert third.title == "补偿比例"
    assert third.body.startswith("对合作银行的贷款损失")
    assert [(f.kind, f.text, f.value) for f in third.facts] == [
        ("percent", "50%", 50.0),
        ("amount", "500万元", 5_000_000.0),
    ]

    assert fourth.units == ["市科技局", "市财政局"]
    assert "责任单位" not in fourth.body and "责任单位" in fourth.text
    assert [(f.kind, f.value) for f in fourth.facts] == [("period", 5.0)]


def test_spans_point_into_loaded_text(tmp_path: Path) -> None:
    path = write(tmp_path, "fund-rules.txt", REGULATION)
    text = load_text(path)
    doc = parse_document(path)
    previous_end = 0
    for record in doc.records:
        start, end = record.span
        assert previous_end <= start < end <= len(text)
        # Every non-whitespace character of the record comes from its span, in order.
        assert "".join(record.text.split()) == "".join(text[start:end].split())
        previous_end = end


def test_out_of_order_and_duplicate_headings_stay_inside(tmp_path: Path) -> None:
    text = (
        "示例办法\n\n"
        "第一条 总体要求。\n\n"
        "第二条 具体要求如下。\n\n"
        "第一条 重复的编号出现在段首，也不另起一条。\n\n"
        "第三条 本办法自印发之日起施行。按照\n"
        "第五条办理的事项另行规定。\n"
    )
    doc = parse_document(write(tmp_path, "dup.txt", text))
    assert [a.number for a in doc.articles] == [1, 2, 3]
    assert article(doc, 2).body == "具体要求如下。\n第一条 重复的编号出现在段首，也不另起一条。".replace("\n", "")
    # A forward reference wrapped to the start of a line does not skip ahead to clause 5.
    assert article(doc, 3).body == "本办法自印发之日起施行。按照第五条办理的事项另行规定。"


def test_reference_wording_is_not_a_heading(tmp_path: Path) -> None:
    # An excerpt: the wrapped references point at clauses and chapters it does not contain,
    # so only their wording (规定、所称) tells them apart from headings.
    text = (
        "办法节选\n\n第一章 总则\n\n"
        "第一条 本章的措施依照本办法\n第二章规定的程序实施。\n\n"
        "第二条 申请人应当按照\n第三条规定办理；\n第三条所称材料由申请人提供。\n"
    )
    doc = parse_document(write(tmp_path, "excerpt.txt", text))
    assert [a.number for a in doc.articles] == [1, 2]
    assert [p.number for p in doc.parts] == [1]
    assert article(doc, 1).body == "本章的措施依照本办法第二章规定的程序实施。"
    assert article(doc, 2).body == "申请人应当按照第三条规定办理；第三条所称材料由申请人提供。"


def test_arabic_numbers_and_no_chapters(tmp_path: Path) -> None:
    text = "简易规则\n第1条 适用范围。\n第2条 申请材料包括：\n(一)申请书;\n(二)营业执照。\n第10条 附则。\n"
    doc = parse_document(write(tmp_path, "simple.md", text))
    assert [(a.number, a.number_cn, a.label) for a in doc.articles] == [
        (1, "一", "第一条"),
        (2, "二", "第二条"),
        (10, "十", "第十条"),
    ]
    assert doc.parts == []
    assert all(a.part is None for a in doc.articles)
    second = article(doc, 2)
    # The （一）（二） items are part of clause 2, not a policy-style article list.
    assert second.title == "申请材料包括"
    assert second.body == "申请材料包括：（一）申请书；（二）营业执照。"
    assert second.text == "第2条 申请材料包括：\n（一）申请书；\n（二）营业执照。"


def test_chapter_title_on_its_own_line_and_sections(tmp_path: Path) -> None:
    text = (
        "条例\n\n第一章\n总则\n\n第一节 一般规定\n\n第一条 目的。\n\n"
        "第二节 适用\n\n第二条 范围。\n\n第二章 附则\n\n第三条 施行。\n"
    )
    doc = parse_document(write(tmp_path, "sections.txt", text))
    assert [(p.number, p.title, p.articles) for p in doc.parts] == [(1, "总则", [1, 2]), (2, "附则", [3])]
    kinds = [r.kind for r in doc.records]
    assert kinds == ["preamble", "part", "part", "article", "part", "article", "part", "article"]


def test_clauses_above_one_hundred(tmp_path: Path) -> None:
    text = "长条例\n\n第九十九条 倒数。\n\n第一百条 整百。\n\n第一百零一条 零。\n\n第一百一十二条 一十。\n"
    doc = parse_document(write(tmp_path, "long.txt", text))
    assert [(a.number, a.label) for a in doc.articles] == [
        (99, "第九十九条"),
        (100, "第一百条"),
        (101, "第一百零一条"),
        (112, "第一百一十二条"),
    ]


def test_regulation_from_docx(tmp_path: Path) -> None:
    document = docx.Document()
    for line in ["管理办法", "第一章 总则", "第一条 为了规范管理，制定本办法。", "第二条 本办法依照第一条执行。"]:
        document.add_paragraph(line)
    path = tmp_path / "rules.docx"
    document.save(str(path))
    doc = parse_document(path)
    assert [a.number for a in doc.articles] == [1, 2]
    assert article(doc, 2).body == "本办法依照第一条执行。"
    assert doc.parts[0].title == "总则"


def test_regulation_from_html(tmp_path: Path) -> None:
    html = (
        "<html><head><title>不显示</title><script>var a = '第九条 脚本';</script></head><body>"
        "<h2>管理办法</h2><p>第一条&nbsp;为了规范管理，制定本办法。</p>"
        "<p>第二条 本办法自发布之日起施行。</p></body></html>"
    )
    doc = parse_document(write(tmp_path, "rules.html", html))
    assert doc.title == "管理办法"
    assert [(a.number, a.body) for a in doc.articles] == [
        (1, "为了规范管理，制定本办法。"),
        (2, "本办法自发布之日起施行。"),
    ]


def test_regulation_from_pdf_or_wrapped_text(tmp_path: Path) -> None:
    # With the CJK font a real PDF is generated; without it, the same wrapped lines as .txt.
    body = "为了规范科技型中小企业信贷风险补偿资金池的管理，根据有关规定，结合本市实际情况，制定本办法。"
    if CJK_FONT.exists():
        pdf = FPDF()
        pdf.add_font("noto", fname=str(CJK_FONT), collection_font_number=2)
        pdf.set_font("noto", size=12)
        pdf.add_page()
        pdf.multi_cell(60, 8, f"管理办法\n第一条 {body}\n第二条 本办法自印发之日起施行。")
        path = tmp_path / "rules.pdf"
        pdf.output(str(path))
    else:
        wrapped = f"{body[:20]}\n{body[20:40]}\n{body[40:]}"
        path = write(tmp_path, "rules.txt", f"管理办法\n第一条 {wrapped}\n第二条 本办法自印发之日起施行。")
    doc = parse_document(path)
    assert [a.number for a in doc.articles] == [1, 2]
    assert "".join(article(doc, 1).body.split()) == body


# --- policy-style documents and failures --------------------------------------------------


def test_policy_style_document_uses_policy_parser(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "renamed-policy.txt"
    shutil.copy(POLICY_PATH, path)
    doc = parse_document(path, registry)
    assert doc.document == POLICY_DOCUMENT_ID
    assert len(doc.articles) == 32 and len(doc.parts) == 7
    assert doc.title == "关于新时期进一步促进科技、金融与产业融合发展的若干意见"
    assert "sui-fugui-2019-1" in article(doc, 14).references


def test_small_policy_style_document(tmp_path: Path) -> None:
    text = "某区若干措施\n\n一、支持方向\n\n（一）支持创新。\n\n鼓励企业创新。（责任单位：区科技局）\n"
    doc = parse_document(write(tmp_path, "measures.txt", text))
    assert [(a.number, a.title, a.units) for a in doc.articles] == [(1, "支持创新", ["区科技局"])]
    assert doc.title == "某区若干措施"


def test_malformed_policy_style_document(tmp_path: Path) -> None:
    path = write(tmp_path, "broken-measures.txt", "某区若干措施\n\n（一）没有句号的标题\n")
    with pytest.raises(DocumentError) as info:
        parse_document(path)
    assert path.name in str(info.value)
    assert "（一）" in info.value.reason


def test_text_without_structure(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", "会议纪要\n\n各单位要加强协作，第五条规定的事项另行通知。\n")
    with pytest.raises(DocumentError) as info:
        parse_document(path)
    assert path.name in str(info.value)
    assert "没有可识别的条款结构" in info.value.reason


def test_load_errors_pass_through(tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_text("第一条 内容。", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        parse_document(path)
    assert "data.xyz" in str(info.value)


# --- document ids -------------------------------------------------------------------------


def test_header_document_number_selects_registry_id(tmp_path: Path, registry: Registry) -> None:
    text = (
        "广州市人民政府关于印发关于支持广州区域金融中心建设的若干规定的通知\n"
        "穗府规〔2019〕1号\n\n"
        "各区人民政府，市政府各部门：\n\n"
        "第一条 为加快广州区域金融中心建设，制定本规定。\n\n"
        "第二条 本规定自印发之日起施行。\n"
    )
    doc = parse_document(write(tmp_path, "full-text.txt", text), registry)
    assert doc.document == "sui-fugui-2019-1"
    assert all(r.document == "sui-fugui-2019-1" for r in doc.records)
    # The document does not list itself among its own references.
    assert all("sui-fugui-2019-1" not in a.references for a in doc.articles)
    preamble = doc.records[0]
    assert preamble.kind == "preamble"
    assert preamble.text.split("\n")[:2] == [
        "广州市人民政府关于印发关于支持广州区域金融中心建设的若干规定的通知",
        "穗府规〔2019〕1号",
    ]


def test_document_number_with_ascii_brackets(tmp_path: Path, registry: Registry) -> None:
    text = "穗府规[2019] 1号\n\n第一条 内容。\n"
    assert parse_document(write(tmp_path, "x.txt", text), registry).document == "sui-fugui-2019-1"


def test_cited_document_does_not_name_the_file(tmp_path: Path, registry: Registry) -> None:
    text = (
        "区级实施细则\n\n"
        "根据《关于支持广州区域金融中心建设的若干规定》（穗府规〔2019〕1号），制定本细则。\n\n"
        "第一条 按照穗府规〔2019〕1号的要求执行。\n"
    )
    doc = parse_document(write(tmp_path, "district-rules.txt", text), registry)
    assert doc.document == "district-rules"
    assert article(doc, 1).references == ["sui-fugui-2019-1"]


def test_without_registry_the_file_name_is_used(tmp_path: Path) -> None:
    text = "穗府规〔2019〕1号\n\n第一条 内容。\n"
    doc = parse_document(write(tmp_path, "plain_name-1.txt", text))
    assert doc.document == "plain_name-1"
    assert doc.articles[0].references == []


def test_non_ascii_file_name_gets_stable_hash_slug(tmp_path: Path) -> None:
    doc = parse_document(write(tmp_path, "广州 办法.txt", "第一条 内容。\n"))
    assert doc.document == file_slug(Path("广州 办法.txt"))
    assert doc.document.startswith("doc-") and len(doc.document) == 14
    assert doc.document[4:].isalnum() and doc.document.isascii()
    assert file_slug(Path("other/广州 办法.pdf")) == doc.document
    assert file_slug(Path("广州办法.txt")) != doc.document


# --- helpers ------------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=999))
def test_numerals_round_trip(number: int) -> None:
    assert read_numeral(write_numeral(number)) == number
    assert read_numeral(str(number)) == number


@pytest.mark.parametrize("numeral", ["百", "一百百", "零", "十十", "abc"])
def test_invalid_numerals(numeral: str) -> None:
    assert not read_numeral(numeral)


def test_split_clause_and_titles() -> None:
    assert split_clause("第五条（适用范围）本办法适用于本市。") == ("适用范围", "本办法适用于本市。")
    # A bracketed numeral is an enumeration, not a title.
    assert split_clause("第五条（一）申请书；") == ("", "（一）申请书；")
    assert first_sentence_title("短句。长的第二句。") == "短句"
    assert first_sentence_title("") == ""
