"""Finding a font with Chinese glyphs for the PDF export: the configured file, else a common one.

fpdf2's core fonts have no Chinese glyphs, so a CJK font file is required: the configured
``pdf_font_path`` (setting ``POLICY_PDF_FONT_PATH``), else the first of
:data:`DEFAULT_FONT_CANDIDATES` present (Debian's ``fonts-noto-cjk`` first). In a font
collection (.ttc) the Simplified Chinese face is chosen by name: in Noto Sans CJK it is face 2,
after JP and KR.

Example:
    >>> find_cjk_font().path.suffix  # doctest: +SKIP
    '.ttc'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTCollection, TTLibError

from assistant.consultation.export.base import ExportError

__all__ = ["DEFAULT_FONT_CANDIDATES", "INSTALL_HINT", "CjkFont", "find_cjk_font"]

DEFAULT_FONT_CANDIDATES: tuple[Path, ...] = tuple(
    Path(p)
    for p in (
        # Debian / Ubuntu: fonts-noto-cjk
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
        # Fedora / Arch
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        # fonts-wqy-microhei, fonts-wqy-zenhei, fonts-arphic-uming
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        # macOS, Windows
        "/Library/Fonts/Arial Unicode.ttf",
        "C:/Windows/Fonts/simhei.ttf",
        "C:/Windows/Fonts/simsun.ttc",
    )
)

INSTALL_HINT = (
    "请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），"
    "或设置 POLICY_PDF_FONT_PATH 指向中文字体文件（.ttf/.otf/.ttc）"
)
_COLLECTION_SUFFIXES = (".ttc", ".otc")


@dataclass(frozen=True)
class CjkFont:
    """A font file to embed and the face to use when it is a collection."""

    path: Path
    face: int = 0


def _simplified_chinese_face(path: Path) -> int:
    """The index of the Simplified Chinese face of a font collection (``… SC``), else 0."""
    try:
        collection = TTCollection(str(path), lazy=True)
    except (OSError, TTLibError) as exc:
        raise ExportError(f"无法读取 PDF 字体文件 {path}：{exc}。{INSTALL_HINT}") from exc
    try:
        for index, font in enumerate(collection.fonts):
            family = font["name"].getDebugName(1) or ""
            if "SC" in family.split() or "GB" in family.split():
                return index
        return 0
    finally:
        collection.close()


def find_cjk_font(font_path: Path | None = None, candidates: Sequence[Path] = DEFAULT_FONT_CANDIDATES) -> CjkFont:
    """The CJK font to embed.

    Args:
        font_path: A configured font file; used as given, never replaced by a default.
        candidates: Where to look when no font is configured, first found wins.

    Returns:
        The font file and the face to use when it is a collection.

    Raises:
        ExportError: The configured file is missing, or no candidate exists.
    """
    if font_path is not None:
        if not font_path.is_file():
            raise ExportError(f"PDF 字体文件不存在：{font_path}。{INSTALL_HINT}")
        path = font_path
    else:
        path = next((candidate for candidate in candidates if candidate.is_file()), None)
        if path is None:
            raise ExportError(f"未找到中文字体，无法导出 PDF。{INSTALL_HINT}")
    face = _simplified_chinese_face(path) if path.suffix.lower() in _COLLECTION_SUFFIXES else 0
    return CjkFont(path=path, face=face)
