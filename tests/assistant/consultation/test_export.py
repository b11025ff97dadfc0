"""Export of consultation records built by the real pipeline, read back from each format."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.table import Table as DocxTable
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection
from pypdf import PdfReader
from pypdf.generic import NameObject

from assistant.consultation import ConsultationDraft, ConsultationRecord, build_record
from assistant.consultation.enrich import enrich_profile
from assistant.consultation.export import (
    ExportedFile,
    ExportError,
    ExportFormat,
    export_filename,
    export_record,
    find_cjk_font,
    render_markdown,
)
from assistant.consultation.export.sections import SECTION_TITLES, condition_line
from assistant.consultation.matching import ConditionResult, match_profile
from assistant.consultation.record import DISCLAIMER
from corpus.paths import POLICY_PATH
from ingest.parse import parse_policy

ARTICLES = {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}
YEAR = 2026
DATE = dt.date(2026, 3, 1)
FORMATS: tuple[ExportFormat, ...] = ("md", "docx", "pdf")

OFFICERS = [
    {"name": "张三", "organization": "广州银行", "side": "银行"},
    {"name": "李四", "organization": "某创投", "side": "投资机构"},
]
FOLLOW_UPS = ["下周提交第三条奖励申报材料", "确认被投企业的科技型中小企业入库编号"]
# No spaces or punctuation to break at: the PDF must still wrap it.
LONG_NOTE = "企业希望了解天使母基金子基金的申报流程和出资比例" * 8
VC_STEP = "2026年度：8000万元 × 1.5% = 120万元 ≤ 500万元（年度上限），按120万元计"
ARTICLE3_QUOTE = (
    "对粤港澳大湾区股权投资机构投资于我市种子期、初创期科技型中小企业的，"
    "按照实际到账投资额的 1.5% 给予每年最高不超过 500 万元奖励支持。"
)


def make_record(**draft: Any) -> ConsultationRecord:
    """A record built as the consultation desk builds it: enrich, match, build."""
    parsed = ConsultationDraft.model_validate({"date": DATE, **draft})
    profile = enrich_profile(parsed.profile, this_year=YEAR)
    result = match_profile(profile, articles=ARTICLES, this_year=YEAR)
    return build_record(parsed, result, ARTICLES, today=DATE, profile=profile)


@pytest.fixture(scope="module")
def vc_record() -> ConsultationRecord:
    record = make_record(
        enterprise="南沙某创业投资有限公司",
        contact="王经理",
        officers=OFFICERS,
        profile={
            "kind": "创投机构",
            "district": "南沙区",
            "free_text": "今年投了一家广州的初创期科技型中小企业8000万，已到账",
        },
        follow_ups=FOLLOW_UPS,
        notes=f"企业关注天使母基金。\n{LONG_NOTE}",
    )
    return record.model_copy(update={"id": "c0ffee42"})


@pytest.fixture(scope="module")
def empty_record() -> ConsultationRecord:
    return make_record(enterprise="某贸易公司", profile={"kind": "其他"})


@pytest.fixture(scope="module")
def bank_record() -> ConsultationRecord:
    return make_record(enterprise="某商业银行广州分行", officers=OFFICERS[:1], profile={"kind": "银行"})


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a .docx, in document order."""
    lines: list[str] = []
    for item in docx.Document(io.BytesIO(content)).iter_inner_content():
        if isinstance(item, DocxTable):
            lines.extend(cell.text for row in item.rows for cell in row.cells)
        else:
            lines.append(item.text)
    return "\n".join(lines)


def pdf_text(content: bytes) -> str:
    """The PDF's text as pypdf extracts it (through each font's ToUnicode map).

    fpdf2 gives a CFF font (Noto CJK) an embedded two-byte CMap as its /Encoding, which pypdf
    does not parse (it falls back to one-byte codes; poppler and Acrobat read it right). Its code
    space is <0000>-<FFFF>, the same split into codes as /Identity-H, so we tell pypdf that.
    """
    reader = PdfReader(io.BytesIO(content))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0" and not isinstance(font["/Encoding"], NameObject):
                font[NameObject("/Encoding")] = NameObject("/Identity-H")
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Whitespace removed: pypdf spaces out CJK text, and the policy's quotes keep spaces around numbers."""
    return re.sub(r"\s+", "", text)


def exported_text(exported: ExportedFile, fmt: ExportFormat) -> str:
    if fmt == "md":
        return exported.content.decode("utf-8").replace("**", "")
    if fmt == "docx":
        return docx_text(exported.content)
    return pdf_text(exported.content)


# Each record is exported once per format (a PDF takes about a second: the font is parsed and subset).
@pytest.fixture(scope="module")
def vc_files(vc_record: ConsultationRecord) -> dict[str, ExportedFile]:
    return {fmt: export_record(vc_record, fmt) for fmt in FORMATS}


@pytest.fixture(scope="module")
def empty_files(empty_record: ConsultationRecord) -> dict[str, ExportedFile]:
    return {fmt: export_record(empty_record, fmt) for fmt in FORMATS}


@pytest.fixture(scope="module")
def vc_texts(vc_files: dict[str, ExportedFile]) -> dict[str, str]:
    return {fmt: flat(exported_text(vc_files[fmt], fmt)) for fmt in FORMATS}


@pytest.fixture(scope="module")
def empty_texts(empty_files: dict[str, ExportedFile]) -> dict[str, str]:
    return {fmt: flat(exported_text(empty_files[fmt], fmt)) for fmt in FORMATS}


def test_pipeline_gives_the_expected_vc_record(vc_record: ConsultationRecord) -> None:
    # The facts the export tests below rely on.
    assert vc_record.articles[0] == 3
    award = vc_record.awards[0]
    assert (award.article, award.amount_yuan, award.amount_text) == (3, 1200000, "120万元")
    assert award.steps == [VC_STEP]
    assert vc_record.matches[0].quotes == [ARTICLE3_QUOTE]
    assert vc_record.matches[0].units == ["市科技局", "市发展改革委"]
    assert vc_record.matches[0].conditions


def test_other_kind_without_free_text_matches_nothing(empty_record: ConsultationRecord) -> None:
    assert empty_record.matches == []
    assert empty_record.awards == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_shows_the_whole_record(
    fmt: ExportFormat, vc_record: ConsultationRecord, vc_texts: dict[str, str]
) -> None:
    text = vc_texts[fmt]
    expected = [
        "科技金融特派员咨询记录",
        vc_record.policy,
        "咨询日期：2026-03-01",
        "记录编号：c0ffee42",
        "张三（广州银行，银行）",
        "李四（某创投，投资机构）",
        "南沙某创业投资有限公司",
        "王经理",
        "2026年投资广州初创期企业8000万元（已到账）",
        "原文：",
        ARTICLE3_QUOTE,
        "《若干意见》第三条",
        "120万元",
        VC_STEP,
        DISCLAIMER,
        *FOLLOW_UPS,
        *vc_record.missing,
        LONG_NOTE,
    ]
    expected += [f"{m.label}{m.title}" for m in vc_record.matches]
    expected += [unit for m in vc_record.matches for unit in m.units]
    expected += [c.reason for m in vc_record.matches for c in m.conditions]
    expected += [step for award in vc_record.awards for step in award.steps]
    missing = [fragment for fragment in expected if flat(fragment) not in text]
    assert missing == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_keeps_the_section_order(fmt: ExportFormat, vc_texts: dict[str, str]) -> None:
    anchors = [
        "科技金融特派员咨询记录",
        "依据政策",
        "咨询日期",
        "张三（广州银行，银行）",
        "企业（机构）名称",
        "企业画像",
        "适用条款",
        "第三条引导社会资本",
        "奖励测算",
        VC_STEP,
        DISCLAIMER,
        "联系单位",
        "市科技局：第三条",
        "尚需补充的事实",
        "后续跟进",
        FOLLOW_UPS[0],
        "备注",
        "企业关注天使母基金。",
    ]
    text = vc_texts[fmt]
    position = 0
    for anchor in anchors:
        found = text.find(flat(anchor), position)
        assert found >= 0, f"{anchor!r} missing or out of order in {fmt}"
        position = found + 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_record_without_matches_exports_cleanly(fmt: ExportFormat, empty_texts: dict[str, str]) -> None:
    text = empty_texts[fmt]
    for fragment in ("某贸易公司", "未匹配到适用条款", "本次匹配的条款均无可测算的奖励金额", DISCLAIMER, "后续跟进"):
        assert flat(fragment) in text


def test_bank_record_lists_its_articles_and_the_disclaimer(bank_record: ConsultationRecord) -> None:
    assert bank_record.matches and not bank_record.awards
    markdown = render_markdown(bank_record)
    for match in bank_record.matches:
        assert f"### {match.label} {match.title}" in markdown
    assert DISCLAIMER in markdown
    assert "**说明**：" in markdown


def test_markdown_headings_and_escaped_table_cells(vc_record: ConsultationRecord) -> None:
    record = vc_record.model_copy(update={"profile_summary": [("企业自述", "A|B 两类业务"), ("类型", "创投机构")]})
    markdown = render_markdown(record)
    lines = markdown.splitlines()
    assert lines[0] == "# 科技金融特派员咨询记录"
    assert [line[3:] for line in lines if line.startswith("## ")] == list(SECTION_TITLES)
    assert "| 企业自述 | A\\|B 两类业务 |" in lines
    assert "| 项目 | 内容 |" in lines
    assert f"> 原文：{ARTICLE3_QUOTE}" in lines
    assert f"- {VC_STEP}" in lines
    for condition in vc_record.matches[0].conditions:
        assert f"- {condition_line(condition)}" in lines


def test_docx_uses_headings_a_table_and_quote_style(
    vc_record: ConsultationRecord, vc_files: dict[str, ExportedFile]
) -> None:
    document = docx.Document(io.BytesIO(vc_files["docx"].content))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == ["科技金融特派员咨询记录"]
    assert by_style["Heading 1"] == list(SECTION_TITLES)
    assert "第三条 引导社会资本“投早”“投小”" in by_style["Heading 2"]
    assert f"原文：{ARTICLE3_QUOTE}" in by_style["Quote"]
    assert VC_STEP in by_style["List Bullet"]
    (table,) = document.tables
    rows = [tuple(cell.text for cell in row.cells) for row in table.rows]
    assert rows == [("项目", "内容"), *vc_record.profile_summary]


def test_pdf_is_a_valid_file_with_wrapped_text(vc_files: dict[str, ExportedFile]) -> None:
    exported = vc_files["pdf"]
    assert exported.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(exported.content))
    assert len(reader.pages) >= 2
    # The long note is laid out on several lines within the page, not cut off.
    note_lines = [line for line in pdf_text(exported.content).splitlines() if "申报流程" in flat(line)]
    assert len(note_lines) >= 2


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("md", "text/markdown; charset=utf-8"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("pdf", "application/pdf"),
    ],
)
def test_media_type_and_filename(fmt: ExportFormat, media_type: str, empty_files: dict[str, ExportedFile]) -> None:
    exported = empty_files[fmt]
    assert exported.media_type == media_type
    assert exported.filename == f"咨询记录-某贸易公司-2026-03-01.{fmt}"


def test_filename_replaces_characters_illegal_in_file_names(empty_record: ConsultationRecord) -> None:
    record = empty_record.model_copy(update={"enterprise": 'A/B\\C:D*E?F"G<H>I|J\x07K 公司'})
    assert export_filename(record, "pdf") == "咨询记录-A_B_C_D_E_F_G_H_I_J_K 公司-2026-03-01.pdf"


def test_condition_marks_with_and_without_symbols() -> None:
    results = [
        ConditionResult(label="甲", status="met", reason="理由一"),
        ConditionResult(label="乙", status="not_met", reason="理由二"),
        ConditionResult(label="丙", status="unknown", reason="理由三"),
    ]
    assert [condition_line(c) for c in results] == [
        "✓ 满足　甲：理由一",
        "✗ 不满足　乙：理由二",
        "？待确认　丙：理由三",
    ]
    assert [condition_line(c, symbols=False) for c in results] == [
        "【满足】甲：理由一",
        "【不满足】乙：理由二",
        "【待确认】丙：理由三",
    ]


def test_missing_font_file_is_an_export_error_saying_what_to_fix(
    tmp_path: Path, empty_record: ConsultationRecord
) -> None:
    missing = tmp_path / "no-such-font.ttf"
    with pytest.raises(ExportError) as caught:
        export_record(empty_record, "pdf", pdf_font_path=missing)
    message = str(caught.value)
    assert str(missing) in message
    assert "fonts-noto-cjk" in message
    assert "POLICY_PDF_FONT_PATH" in message


def test_no_font_anywhere_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"未找到中文字体.*fonts-noto-cjk"):
        find_cjk_font(None, candidates=[tmp_path / "a.ttc", tmp_path / "b.ttf"])


def test_unreadable_font_file_is_an_export_error(tmp_path: Path, empty_record: ConsultationRecord) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    with pytest.raises(ExportError, match="无法读取 PDF 字体文件"):
        export_record(empty_record, "pdf", pdf_font_path=broken)


def latin_only_font(path: Path) -> Path:
    """A valid TrueType font with a single glyph, 'A': no Chinese."""
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 0))
    pen.lineTo((500, 700))
    pen.closePath()
    glyph = pen.glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    builder.setupGlyf({".notdef": glyph, "A": glyph})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Latin Only", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


def test_font_without_chinese_glyphs_is_an_export_error(tmp_path: Path, empty_record: ConsultationRecord) -> None:
    font = latin_only_font(tmp_path / "latin.ttf")
    with pytest.raises(ExportError, match="不含中文字形"):
        export_record(empty_record, "pdf", pdf_font_path=font)


def test_noto_collection_uses_its_simplified_chinese_face() -> None:
    # `make test` installs fonts-noto-cjk (the browser-deps target).
    noto = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    font = find_cjk_font(noto)
    collection = TTCollection(str(noto), lazy=True)
    family = collection.fonts[font.face]["name"].getDebugName(1)
    collection.close()
    assert (font.face, family) == (2, "Noto Sans CJK SC")
    assert find_cjk_font() == font


def test_unknown_format_is_an_export_error(empty_record: ConsultationRecord) -> None:
    with pytest.raises(ExportError, match="不支持的导出格式"):
        export_record(empty_record, "html")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_excluded_article_is_exported_with_its_reason(fmt: ExportFormat) -> None:
    record = make_record(
        enterprise="某北京创投",
        profile={
            "kind": "创投机构",
            "district": "北京",
            "free_text": "今年投了广州一家种子期科技型中小企业2000万，已到账",
        },
    )
    assert 3 not in record.articles
    text = flat(exported_text(export_record(record, fmt), fmt))
    assert flat("经核对不适用的条款") in text
    assert flat("第三条") in text and flat("不在粤港澳大湾区") in text
