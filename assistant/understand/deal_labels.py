"""What names a deal, for corrections that point at it, and what a later deal shares with an earlier one.

「B那笔」「项目C」「第二笔」「第一期」 name a deal; 「又投了同一家」 is the investee told before.
"""

from __future__ import annotations

import re

from assistant.understand.figure_read import FigureRead
from assistant.understand.model import Investment
from corpus.numerals import CN_DIGITS

__all__ = ["deal_label", "figure_label", "label_name", "same_investee"]

_CN_ORDINALS = "零一二三四五六七八九"
_LABEL = re.compile(
    r"^[\s；;，,。：:、]*(?:\d[)）.、]\s*)?(?:项目|标的)?([A-Z]|[甲乙丙丁])(?=\s|是|：|:|、|，|公司|那笔|项目|一家|\d|[一二三四五六七八九两])|^[\s；;，,。]*(第[一二三四五六七八九]笔|第[一二三四五六七八九]家)"
)


def same_investee(base: Investment, earlier: Investment) -> Investment:
    """「又投了同一家2000万」: the investee told before keeps its place, stage and status."""
    fields = {
        "investee_place": ("investee_place", "investee_place_text"),
        "stage": ("stage", "stage_word", "stage_unclear", "stage_options"),
        "tech_sme": ("tech_sme", "tech_word"),
    }
    update = {
        name: getattr(earlier, name)
        for key, names in fields.items()
        if getattr(base, key) is None and getattr(earlier, key) is not None
        for name in names
    }
    return base.model_copy(update=update) if update else base


def deal_label(seg_text: str) -> str | None:
    """A deal's own name (「B那笔」「项目C」「第二笔」), for corrections that point at it."""
    m = _LABEL.match(seg_text)
    return (m.group(1) or m.group(2)) if m else None


def figure_label(figure: FigureRead, text: str) -> str | None:
    """「A 2000万、B 1500万」「2）天河 1600万」: a letter or a list number names that investment."""
    m = re.search(r"(?<![A-Za-z])([A-Z]|[甲乙丙丁])\s*[:：]?\s*(?:项目|公司)?\s*$", figure.before)
    # 「越秀A公司种子期1.2亿」: the lettered company, then what is said of it, then its figure.
    m = m or re.search(r"(?<![A-Za-z])([A-Z]|[甲乙丙丁])\s*(?:项目|公司|企业)[^，。；、\d]{0,8}$", figure.before)
    if m:
        return m.group(1)
    tranche = re.search(r"(第[一二三四五六七八九]期)[^，。；\d]{0,6}$", figure.before)
    if tranche:
        return tranche.group(1)  # 「第一期到账600万」: a correction may name the tranche (「第二期其实还没到」)
    numbered = re.search(
        r"(?:^|\n)\s*[（(]?(\d)[)）.、]\s*$", text[max(0, figure.clause.start - 4) : figure.clause.start]
    )
    numbered = numbered or re.match(r"^\s*[（(]?(\d)[)）.、]", figure.clause.text)
    return f"第{_CN_ORDINALS[int(numbered.group(1))]}笔" if numbered else None


def label_name(match: re.Match[str]) -> str:
    """「第3笔」 is 「第三笔」, as list numbers name the deals (deal_labels.figure_label)."""
    name = match.group(1) or match.group(2)
    return re.sub(r"\d", lambda d: CN_DIGITS[int(d.group(0))], name)
