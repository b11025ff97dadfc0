"""Breaking Chinese text into lines by the rules of Chinese typesetting (行首行尾禁则, kinsoku).

Chinese text may break between any two characters, except that a line never starts with a
closing or pausing mark (「，。、；：？！”’）》」」 and the like) and never ends with an opening one
(「“‘（《「」…). Where the width would put such a mark at a line's start, the character before it
moves down with it, as Chinese typesetting does (GB/T 15834; W3C «Requirements for Chinese Text
Layout», 3.1.7). Latin words and numbers (``QFLP``, ``1.5%``, ``3,000,000``) and the two-em
marks ``……`` ``——`` are never split, unless a single one is wider than the line.

The breaker only measures: ``measure`` gives a string's width (the PDF font's, in the PDF), so the
same rules serve any renderer.

Example:
    >>> break_lines("一二三四五六七八九，十", 9, len)
    ['一二三四五六七八', '九，十']
    >>> break_lines("详见（第三条）", 3, len)
    ['详见', '（第三', '条）']
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["NO_LINE_END", "NO_LINE_START", "break_lines"]

# Marks that must not begin a line: pauses and stops, closing quotes and brackets, the interpunct,
# the wave dash, and their half-width forms (GB/T 15834-2011, 4.1; clreq 3.1.7).
NO_LINE_START = frozenset("，。、；：？！．,.;:?!”’」』）》〉】〕〗〙〛］｝)]}>·・～%‰℃°′″")
# Marks that must not end a line: opening quotes and brackets.
NO_LINE_END = frozenset("“‘「『（《〈【〔〖〘〚［｛([{<")

# The units the breaker never splits: a Latin word or number with its inner separators and a
# trailing percent sign, a run of ellipsis or dash marks, a run of spaces; else one character.
_UNIT = re.compile(r"[A-Za-z0-9]+(?:[.,:/\-][A-Za-z0-9]+)*%?|…+|—+|\s+|.", re.DOTALL)
# Floating-point slack, so a line exactly as wide as the space is not pushed over by rounding.
_SLACK = 1e-6


def _units(text: str) -> list[str]:
    return _UNIT.findall(text)


def _breakable(units: list[str], at: int) -> bool:
    """Whether a line may end before ``units[at]``: no closing mark after, no opening mark before."""
    after = next((u for u in units[at:] if not u.isspace()), "")
    before = next((u for u in reversed(units[:at]) if not u.isspace()), "")
    return after[:1] not in NO_LINE_START and before[-1:] not in NO_LINE_END


def _split_wide(unit: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """A unit wider than a whole line (a long URL, say), cut where the line is full."""
    pieces: list[str] = []
    piece = ""
    for char in unit:
        if piece and measure(piece + char) > width + _SLACK:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def _paragraph(text: str, first_width: float, width: float, measure: Callable[[str], float]) -> list[str]:
    units: list[str] = []
    for unit in _units(text):
        units.extend(_split_wide(unit, width, measure) if measure(unit) > width + _SLACK else [unit])
    lines: list[str] = []
    start = 0
    while start < len(units):
        # A line never begins with the spaces at a break.
        while start < len(units) and units[start].isspace():
            start += 1
        if start == len(units):
            break
        room = first_width if not lines else width
        if measure(units[start]) > room + _SLACK and room < width:
            lines.append("")  # not even one character fits after the label: begin on the next line
            continue
        end, used = start, 0.0
        while end < len(units) and (end == start or used + measure(units[end]) <= room + _SLACK):
            used += measure(units[end])
            end += 1
        if end < len(units):
            # Move the break back until the rules allow it; a line made only of marks keeps the width's break.
            allowed = next((at for at in range(end, start, -1) if _breakable(units, at)), end)
            end = allowed
        lines.append("".join(units[start:end]).rstrip())
        start = end
    return lines or [""]


def break_lines(
    text: str, width: float, measure: Callable[[str], float], *, first_width: float | None = None
) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (where it can be helped), broken by Chinese rules.

    Args:
        text: The text; its own line breaks are kept.
        width: The room on a line, in ``measure``'s unit.
        measure: A string's width when set, e.g. the PDF font's ``get_string_width``.
        first_width: The room on the very first line, when less (after a label on the same line).

    Returns:
        The lines, without the spaces at each break. An empty text gives one empty line.
    """
    if width <= 0:
        raise ValueError(f"行宽必须大于 0，收到 {width}")
    first = width if first_width is None else max(first_width, 0.0)
    lines: list[str] = []
    for number, paragraph in enumerate(text.split("\n")):
        lines.extend(_paragraph(paragraph, first if number == 0 else width, width, measure))
    return lines
