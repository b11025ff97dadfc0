"""Read a user-supplied document file (.txt .md .docx .pdf .html) into plain text.

Every loader returns text in one shape, so the parsers downstream never see the file
format: newline line ends, each line stripped of surrounding whitespace (including the
full-width indentation 「　　」 of Chinese documents), paragraphs separated by exactly one
blank line (see :func:`normalize_text`). A file that cannot be read raises
:class:`DocumentError` naming the file and saying, in Chinese, what the user should fix;
library exceptions never escape.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
from docx.document import Document as DocxDocument
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import LxmlError
from pypdf.errors import PyPdfError

from ingest.errors import DocumentError

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
SUPPORTED_LABEL = ".txt .md .docx .pdf .html"

# Tried in order: UTF-8-SIG also reads plain UTF-8 and drops a BOM; GB18030 is a superset of
# GBK/GB2312, the encodings Chinese government sites and older Windows tools still emit.
TEXT_ENCODINGS: tuple[str, ...] = ("utf-8-sig", "gb18030")
# C0 control characters other than tab/newline/CR/FF: a decoded "text" full of them is binary.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.01
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def load_text(path: Path) -> str:
    """Read a document file into normalised plain text.

    Args:
        path: A .txt, .md, .docx, .pdf, .html or .htm file (suffix case-insensitive).

    Returns:
        The text with newline line ends, stripped lines and single blank lines between
        paragraphs; never empty.

    Raises:
        DocumentError: the file is missing or unreadable, has an unsupported suffix, is
            empty, is binary or corrupt, is an encrypted PDF, or has no extractable text.
    """
    path = Path(path)
    _check_readable_file(path)
    loader = _loader_for(path)
    text = normalize_text(loader(path))
    if not text:
        raise DocumentError(path, "文件内容为空（只有空白字符），没有可导入的正文")
    return text


def normalize_text(text: str) -> str:
    r"""Unify line ends, strip every line and collapse runs of blank lines into one.

    >>> normalize_text("\ufeff 甲 \r\n\r\n\r\n　乙\f丙 ")
    '甲\n\n乙\n\n丙'
    """
    # A form feed is a page break (pdftotext, some .txt exports): treat it as a paragraph break.
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _check_readable_file(path: Path) -> None:
    """Fail early, with a message the user can act on, if ``path`` is no regular file."""
    if not path.exists():
        raise DocumentError(path, "文件不存在，请检查路径")
    if not path.is_file():
        raise DocumentError(path, "不是文件（可能是文件夹），请给出具体的文件路径")


def _loader_for(path: Path) -> Callable[[Path], str]:
    """The reader for ``path``'s suffix."""
    suffix = path.suffix.lower()
    loaders: dict[str, Callable[[Path], str]] = {
        ".txt": _load_plain,
        ".md": _load_plain,
        ".docx": _load_docx,
        ".pdf": _load_pdf,
        ".html": _load_html,
        ".htm": _load_html,
    }
    if suffix not in loaders:
        shown = f"「{suffix}」" if suffix else "（无扩展名）"
        hint = "；旧版 Word 的 .doc 请另存为 .docx" if suffix == ".doc" else ""
        raise DocumentError(path, f"不支持的文件类型{shown}，支持的类型：{SUPPORTED_LABEL}（.htm 亦可）{hint}")
    return loaders[suffix]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"无法读取文件（{exc.strerror or exc}），请检查文件权限") from exc


def decode_text(path: Path, data: bytes) -> str:
    """Decode the bytes of a text file, refusing binary content.

    Args:
        path: The file the bytes came from, for the error message.
        data: The raw bytes.

    Returns:
        The decoded text (BOM removed).

    Raises:
        DocumentError: the bytes are empty, hold NUL bytes or control characters, or
            decode in none of UTF-8, UTF-8-SIG and GB18030.
    """
    if not data.strip():
        raise DocumentError(path, "文件为空（或只有空白字符），没有可导入的正文")
    if data.startswith(_UTF16_BOMS):
        # UTF-16 (Windows Notepad's "Unicode") is full of NUL bytes; its BOM tells it apart.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(path, "文件声明为 UTF-16 编码但内容无法解码，请另存为 UTF-8") from exc
    if b"\x00" in data:
        raise DocumentError(path, "文件包含二进制内容（NUL 字节），不是纯文本文件；请确认扩展名是否正确")
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL_CHARS.findall(text)) > _MAX_CONTROL_RATIO * len(text):
            break
        return text
    raise DocumentError(
        path, "文件包含无法识别的二进制内容（已尝试 UTF-8、UTF-8-SIG、GB18030 编码），请另存为 UTF-8 文本后再导入"
    )


def _load_plain(path: Path) -> str:
    """A .txt or .md file, in whichever supported encoding decodes it."""
    return decode_text(path, _read_bytes(path))


def _load_docx(path: Path) -> str:
    """The paragraphs and table cells of a Word file, in document order."""
    _reject_empty_file(path)
    try:
        document = docx.Document(str(path))
        blocks = list(_docx_blocks(document))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as exc:
        # OpcError: not a zip package; KeyError: zip without Word parts; ValueError: another
        # Office format renamed .docx; LxmlError: damaged XML inside the package.
        raise DocumentError(path, "Word 文件已损坏或不是 .docx 格式（旧版 .doc 请用 Word 另存为 .docx）") from exc
    except OSError as exc:
        raise DocumentError(path, f"无法读取文件（{exc.strerror or exc}），请检查文件权限") from exc
    text = "\n\n".join(blocks)
    if not text.strip():
        raise DocumentError(path, "Word 文件中没有文字（可能只有图片），请确认文件内容")
    return text


def _docx_blocks(container: DocxDocument) -> Iterator[str]:
    """Non-empty paragraph texts, table cells expanded in reading order."""
    for item in container.iter_inner_content():
        if isinstance(item, DocxParagraph):
            if item.text.strip():
                yield item.text
        elif isinstance(item, Table):
            yield from _table_cells(item)


def _table_cells(table: Table) -> Iterator[str]:
    """Each distinct cell's text once, row by row (merged cells repeat the same element)."""
    seen: list[object] = []  # kept alive so identity comparison of the XML elements is valid
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue
            seen.append(cell._tc)
            for item in cell.iter_inner_content():
                if isinstance(item, DocxParagraph):
                    if item.text.strip():
                        yield item.text
                else:
                    yield from _table_cells(item)


def _load_pdf(path: Path) -> str:
    """The extracted text of every page, pages separated by a blank line."""
    _reject_empty_file(path)
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            # Only an owner password (empty user password) can be opened without asking.
            raise DocumentError(path, "PDF 已加密（设置了打开密码），请先解除密码保护再导入")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        # pypdf raises its own errors for most damage, but deeply broken object trees surface
        # as plain lookup/type errors from its internals.
        raise DocumentError(path, "PDF 文件无法打开（文件已损坏或不是 PDF），请重新导出后再导入") from exc
    except OSError as exc:
        raise DocumentError(path, f"无法读取文件（{exc.strerror or exc}），请检查文件权限") from exc
    # Some CID-font PDFs extract with a NUL before every character (pypdf reading a
    # two-byte code as two characters); control characters are never meaningful text.
    cleaned = [_CONTROL_CHARS.sub("", page).strip() for page in pages]
    text = "\n\n".join(page for page in cleaned if page)
    if not text:
        raise DocumentError(path, "PDF 中没有可提取的文字（可能是扫描件或图片），请先做文字识别（OCR）或提供文本版")
    return text


def _reject_empty_file(path: Path) -> None:
    """Zero-byte binaries get a plain "empty" message rather than a "corrupt" one."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(path, f"无法读取文件（{exc.strerror or exc}），请检查文件权限") from exc
    if size == 0:
        raise DocumentError(path, "文件为空（0 字节），没有可导入的正文")


def _load_html(path: Path) -> str:
    """The visible text of a web page, block elements as paragraphs."""
    extractor = _VisibleText()
    extractor.feed(decode_text(path, _read_bytes(path)))
    extractor.close()
    text = extractor.text()
    if not text.strip():
        raise DocumentError(path, "网页中没有可见文字（可能内容由脚本生成），请另存为文本或 PDF 后再导入")
    return text


# Tags whose content a reader never sees.
_HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template", "svg", "iframe", "object"})
# Tags that start a new paragraph; <br> only starts a new line.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_PARAGRAPH_BREAK = "\n\n"
# A newline between two CJK characters is source-code line wrapping, not a word space.
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_CJK_WRAP = re.compile(rf"(?<={_CJK})[ \t\r\n]*\n[ \t\r\n]*(?={_CJK})")
_SPACES = re.compile(r"[ \t\r\n\f\xa0]+")


def collapse_html_whitespace(data: str) -> str:
    r"""Collapse HTML source whitespace the way a browser shows it.

    >>> collapse_html_whitespace("促进科技\n  金融 与\tfinance\n  tech")
    '促进科技金融 与 finance tech'
    """
    return _SPACES.sub(" ", _CJK_WRAP.sub("", data))


class _VisibleText(HTMLParser):
    """Collects the text a browser would render, dropping hidden elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._pieces: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            # HTML lets </head> be omitted: the body always starts visible content.
            self._hidden_depth = 0
        elif tag in _HIDDEN_TAGS:
            self._hidden_depth += 1
        elif tag == "br":
            self._pieces.append("\n")
        elif tag in _BLOCK_TAGS:
            self._pieces.append(_PARAGRAPH_BREAK)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/> and <hr/> carry no content; a self-closed hidden tag must not open a hidden run.
        if tag == "br":
            self._pieces.append("\n")
        elif tag in _BLOCK_TAGS:
            self._pieces.append(_PARAGRAPH_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self._pieces.append(_PARAGRAPH_BREAK)

    def handle_data(self, data: str) -> None:
        if self._hidden_depth == 0:
            self._pieces.append(collapse_html_whitespace(data))

    def text(self) -> str:
        """The collected text; paragraph breaks are blank lines."""
        return "".join(self._pieces)
