"""Tests for ingest.loaders: every supported format, and every way a file can be bad."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.errors import DocumentError
from ingest.loaders import SUPPORTED_SUFFIXES, decode_text, load_text, normalize_text

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def write_pdf(path: Path, pages: list[str], user_password: str | None = None) -> Path:
    """A real PDF with one page per entry; Chinese text needs the Noto CJK font."""
    pdf = FPDF()
    if CJK_FONT.exists():
        pdf.add_font("noto", fname=str(CJK_FONT), collection_font_number=2)
        pdf.set_font("noto", size=12)
    else:
        pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, text)
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    pdf.output(str(path))
    return path


def pdf_pages() -> list[str]:
    """Page texts that the available font can render."""
    if CJK_FONT.exists():
        return ["第一条 为了规范管理，制定本办法。", "第二条 本办法自发布之日起施行。"]
    return ["Article 1 These rules govern venture capital funds.", "Article 2 These rules take effect today."]


def assert_document_error(path: Path, *fragments: str) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        load_text(path)
    message = str(info.value)
    assert path.name in message
    for fragment in fragments:
        assert fragment in info.value.reason, info.value.reason
    assert info.value.path == path
    return info.value


# --- plain text ---------------------------------------------------------------------------


def test_txt_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "rules.txt"
    path.write_bytes("　　第一条　总则  \r\n\r\n\r\n\r\n  第二条　附则\r\n".encode())
    assert load_text(path) == "第一条\u3000总则\n\n第二条\u3000附则"


def test_md_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# 标题\n\n第一条 内容。\n", encoding="utf-8")
    assert load_text(path) == "# 标题\n\n第一条 内容。"


def test_gb18030_txt_is_decoded(tmp_path: Path) -> None:
    text = "关于支持广州区域金融中心建设的若干规定\n\n第一条 为了加快建设，制定本规定。"
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gb18030"))
    # The bytes are not UTF-8, so the GB18030 fallback is what decodes them.
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert load_text(path) == text


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff第一条 内容。".encode())
    assert load_text(path) == "第一条 内容。"


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("第一条 内容。".encode("utf-16"))
    assert load_text(path) == "第一条 内容。"


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "UPPER.TXT"
    path.write_text("正文。", encoding="utf-8")
    assert load_text(path) == "正文。"


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".docx", ".pdf", ".html", ".htm"}


# --- docx ---------------------------------------------------------------------------------


def test_docx_paragraphs_and_table_cells_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("关于测试的办法")
    document.add_paragraph("")  # empty paragraphs are dropped
    document.add_paragraph("第一条 表格如下：")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "金额"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "合并单元格"
    document.add_paragraph("第二条 表格之后。")
    path = tmp_path / "rules.docx"
    document.save(str(path))

    assert load_text(path) == "关于测试的办法\n\n第一条 表格如下：\n\n项目\n\n金额\n\n合并单元格\n\n第二条 表格之后。"


def test_docx_without_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    assert_document_error(path, "没有文字")


# --- pdf ----------------------------------------------------------------------------------


def test_pdf_pages_joined_with_blank_line(tmp_path: Path) -> None:
    first, second = pdf_pages()
    path = write_pdf(tmp_path / "rules.pdf", [first, second])
    text = load_text(path)
    pages = text.split("\n\n")
    assert len(pages) == 2
    # Compare without whitespace: extraction may re-wrap lines or adjust spacing.
    assert "".join(pages[0].split()) == "".join(first.split())
    assert "".join(pages[1].split()) == "".join(second.split())


def test_pdf_control_characters_are_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # fpdf2's CID fonts come back from pypdf with a NUL before every character.
    path = write_pdf(tmp_path / "cid.pdf", ["placeholder"])
    extracted = "\x00第\x00一\x00条\x00 \x00内\x00容\x00。"
    monkeypatch.setattr(pypdf.PageObject, "extract_text", lambda self, *args, **kwargs: extracted)
    assert load_text(path) == "第一条 内容。"


def test_pdf_without_text_is_scanned(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [""])
    assert_document_error(path, "没有可提取的文字", "OCR")


def test_encrypted_pdf_is_rejected(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "locked.pdf", pdf_pages()[:1], user_password="open-sesame")
    assert_document_error(path, "已加密")


def test_pdf_with_owner_password_only_is_read(tmp_path: Path) -> None:
    # An empty user password opens the file without asking: such PDFs are common and fine.
    first = pdf_pages()[0]
    path = write_pdf(tmp_path / "owner.pdf", [first], user_password="")
    assert "".join(load_text(path).split()) == "".join(first.split())


# --- html ---------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>网页标题不显示</title>
<style>p { color: red; }</style>
<script>var secret = "脚本内容";</script>
</head>
<body>
<h1>关于测试的办法</h1>
<div class="content">
  <p>第一条&nbsp;为了规范管理，
  制定本办法。</p>
  <p>第二条 本办法适用于<b>本市</b>。<br>第二款内容。</p>
  <script>document.write("不可见");</script>
  <ul><li>甲</li><li>乙 &amp; 丙</li></ul>
  <noscript>请启用脚本</noscript>
</div>
</body></html>
"""


def test_html_visible_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    assert load_text(path) == (
        "关于测试的办法\n\n"
        "第一条 为了规范管理，制定本办法。\n\n"
        "第二条 本办法适用于本市。\n第二款内容。\n\n"
        "甲\n\n乙 & 丙"
    )


def test_htm_in_gb18030_without_head_close(tmp_path: Path) -> None:
    # </head> may be omitted in HTML; the body must still count as visible.
    path = tmp_path / "old.htm"
    path.write_bytes("<html><head><title>标题<body><p>第一条 正文。</p>".encode("gb18030"))
    assert load_text(path) == "第一条 正文。"


def test_html_with_only_script_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "app.html"
    path.write_text("<html><body><script>render()</script></body></html>", encoding="utf-8")
    assert_document_error(path, "没有可见文字")


# --- bad inputs ---------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert_document_error(tmp_path / "nowhere.txt", "不存在")


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert_document_error(folder, "不是文件")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_txt(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert_document_error(path, "为空")


def test_fullwidth_whitespace_only_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "spaces.md"
    path.write_text("\u3000\u3000\n\u3000", encoding="utf-8")
    assert_document_error(path, "为空")


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_zero_byte_binary_formats_are_empty(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert_document_error(path, "为空")


def test_binary_with_nul_bytes_renamed_txt(tmp_path: Path) -> None:
    path = tmp_path / "program.txt"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    assert_document_error(path, "二进制", "NUL")


def test_undecodable_bytes_in_md(tmp_path: Path) -> None:
    path = tmp_path / "garbage.md"
    path.write_bytes(b"abc\x80\x81\xff" * 20)
    assert_document_error(path, "二进制", "GB18030")


def test_control_characters_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 9)) * 10 + "正文".encode())
    assert_document_error(path, "二进制")


@pytest.mark.parametrize("name", ["data.xyz", "old.doc", "noext"])
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("第一条 内容。", encoding="utf-8")
    error = assert_document_error(path, "不支持的文件类型", ".txt .md .docx .pdf .html")
    if name == "data.xyz":
        assert ".xyz" in error.reason


def test_corrupt_pdf_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(os.urandom(4096))
    assert_document_error(path, "PDF", "损坏")


def test_truncated_pdf(tmp_path: Path) -> None:
    good = write_pdf(tmp_path / "good.pdf", pdf_pages())
    path = tmp_path / "truncated.pdf"
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert_document_error(path, "PDF", "损坏")


def test_pdf_header_with_garbage_body(tmp_path: Path) -> None:
    path = tmp_path / "header-only.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(2048))
    assert_document_error(path, "损坏")


def test_corrupt_docx_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(os.urandom(4096))
    assert_document_error(path, "已损坏", ".docx")


def test_docx_zip_without_word_parts(tmp_path: Path) -> None:
    path = tmp_path / "not-word.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a word document")
    assert_document_error(path, "已损坏")


def test_docx_with_damaged_xml(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    document = docx.Document()
    document.add_paragraph("正文。")
    document.save(str(good))
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut the XML mid-element
            target.writestr(item, data)
    assert_document_error(path, "已损坏")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("正文。", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    # Tests may run as root, where chmod 000 does not stop reads; simulate the refusal.
    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert_document_error(path, "无法读取", "Permission denied")


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_decode_text_only_raises_document_error(data: bytes) -> None:
    try:
        text = decode_text(Path("fuzz.txt"), data)
    except DocumentError as error:
        assert "fuzz.txt" in str(error)
    else:
        assert isinstance(text, str)
        assert "\x00" not in text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("第一条 \u3000\r\n\f\t甲。"), max_size=60))
def test_normalize_text_is_idempotent_and_clean(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once and "\n\n\n" not in once
    assert all(line == line.strip() for line in once.split("\n"))
