"""Tables pasted as text (「公司｜所在地｜阶段｜签约｜到账」 and one row per deal) as one sentence per row.

Each row becomes a sentence that names each cell by its header (「签约2000万，到账900万」), so the
reader sees the same cues it sees in prose. A header is the first row with no amount in it.
"""

from __future__ import annotations

import re

__all__ = ["linearize"]

# A spaced ASCII slash separates cells too (「公司 / 注册地 / 到账」); 「万/年」 has no spaces and stays.
_SEPARATOR = re.compile(r"\s*[｜|\t／]\s*|\s+/\s*|\s*/\s+")
# A cell that says nothing is there: 0, a dash, 无, with or without a note (「0（交割推迟到2025年）」).
_EMPTY = re.compile(r"^(?:0|-|—|无|/)?\s*(?:[（(][^）)]*[）)])?$")
# A money amount; a header's year (「2024年实际到账」) is no amount.
_AMOUNT = re.compile(
    r"\d[\d,.，]*\s*(?:万|亿|千|百|元|[wWkKmM]\b|(?i:million|mn|billion|bn)\b)|[一二三四五六七八九十两壹贰叁肆伍陆柒捌玖拾佰仟]\s*[万亿千百]"
    r"|^\s*\d[\d,.]*\s*$"
)
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|(?<=in )(?:19|20)\d{2}\b")
# Header words that say what a column is, and the cue the row's sentence gives it.
_COLUMNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"年份|年度|(?i:\byear\b)"), "年份"),  # 「到账年份」 is a year column, not an amount one
    (re.compile(r"到账|实缴|实际|(?i:funded|received|paid)"), "到账"),
    (re.compile(r"签约|协议|认缴|合同|(?i:committed|commitment|signed|subscribed)"), "签约"),
    (re.compile(r"所在地|地点|地区|城市|区域|注册地|(?i:location|city|based|district|region|area)"), "被投企业位于"),
    (re.compile(r"年份|时间|日期|到账时间"), ""),
)


# 「实际到账(万元)」: the unit the column's bare numbers are in.
_UNIT = re.compile(r"[（(]\s*(万元|万|亿元|亿|元)\s*[)）]|单位[:：]?\s*(万元|万|亿元|亿)")
_BARE = re.compile(r"\d[\d,.]*")
_YEAR_CELL = re.compile(r"(?:19|20)\d{2}")


def _cell(header: str, cue: str | None, cell: str) -> str:
    """The cell as prose: a year with 年, a bare number with its column's unit, after its cue."""
    if cue == "年份":
        return f"{cell}年" if _YEAR_CELL.fullmatch(cell) else cell
    unit = _UNIT.search(header)
    if unit and _BARE.fullmatch(cell):
        cell = cell + (unit.group(1) or unit.group(2))
    if not cue:
        return cell
    # 「Stage Seed」: Latin words stay apart; Chinese runs on (「阶段初创期」).
    gap = " " if cue[-1].isascii() and cue[-1].isalnum() and cell[:1].isascii() else ""
    return f"{cue}{gap}{cell}"


def _cue(header: str) -> str | None:
    cue = next((cue for pattern, cue in _COLUMNS if pattern.search(header)), None)
    if cue is None:
        # A column no cue names (投后估值, 注册资本, 阶段) keeps its header, so the reader sees
        # 「投后估值2亿」 and sets the figure aside as it would in prose.
        return _UNIT.sub("", header).strip() or None
    if cue == "年份":
        return cue
    year = _YEAR.search(header)
    # 「2024年实际到账」: the column's cells arrived in that year.
    if not (cue and year):
        return cue
    written = year.group(0) if "年" in year.group(0) else f"{year.group(0)}年"
    return f"{written}{cue}"


def linearize(text: str) -> str:
    """``text`` with every table row rewritten as a sentence; text without a table is returned as it is."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if len(_SEPARATOR.split(line.strip(" ｜|"))) >= 3]
    if len(rows) < 2:
        return text
    header: list[str] | None = None
    out = list(lines)
    for index in rows:
        cells = _SEPARATOR.split(lines[index].strip(" ｜|"))
        if header is None and not any(_AMOUNT.search(c) for c in cells):
            header = cells
            out[index] = ""
            continue
        if header is None:
            out[index] = "，".join(c for c in cells if c) + "。"  # rows with no header: one clause per cell
            continue
        if len(cells) != len(header):
            continue
        parts = []
        for name, cell in zip(header, cells, strict=True):
            cue = _cue(name)
            if _EMPTY.match(cell):
                if cue and cue.endswith("到账"):
                    parts.append("尚未到账")  # a 到账 column left at 0: nothing has arrived
                continue
            parts.append(_cell(name, cue, cell))
        out[index] = "，".join(parts) + "。"
    return "\n".join(line for line in out if line != "")
