"""The lines of a loaded document and the 第X条/章/节 headings that open its clauses and divisions.

A heading counts only at the start of a line and only while the numbers go strictly upwards, so a
cross-reference (「依照本办法第五条」) that a PDF line break pushed to a line's start stays inside
the clause that contains it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from corpus.numerals import CN_DIGITS, NUMERAL_CHARS, cn_to_int, int_to_cn
from ingest.parse import (
    normalize_punctuation,
    split_paragraphs,
)

_NUMERAL = rf"[{NUMERAL_CHARS}百]+|\d+"
CLAUSE_HEADING = re.compile(rf"^第({_NUMERAL})条")
DIVISION_HEADING = re.compile(rf"^第({_NUMERAL})([章节])\s*(.*)$")
# A clause's own title right after its number: 第一条【立法目的】 or 第一条（目的）.
OWN_TITLE = re.compile(rf"^[【\[［（]((?![{NUMERAL_CHARS}\d]+[】\]］）])[^【】\[\]［］（）]{{1,20}})[】\]］）]")
# Wording that continues a cross-reference (第五条规定、第五条第二款、第五条（一）项…) rather
# than starting a clause; checked after any whitespace that follows the number.
_REFERENCE_CONTINUATION = re.compile(
    rf"^(?:[、，。；：）]|规定|的规定|之[{NUMERAL_CHARS}]|至第|第(?:{_NUMERAL})[款项目]|（(?:{_NUMERAL})）)"
)
# Characters that, glued to the number without a space, mark a reference (第五条所称、第五条中…).
_ATTACHED_REFERENCE = tuple("和或及至之所中的款项")
_SENTENCE_PUNCTUATION = re.compile(r"[。，；！？：]")
_DIVISION_TITLE_CHARS = 30
# A division heading is followed by its first clause within this many lines (its title may
# sit alone on the next line); a cross-reference line is followed by running text.
_DIVISION_LOOKAHEAD = 2


@dataclass(frozen=True)
class Line:
    """One non-blank line of the loaded text, normalised, with its span in that text."""

    text: str
    start: int
    end: int
    opens_paragraph: bool


@dataclass(frozen=True)
class Heading:
    """A 第X条/章/节 at the start of a line, possibly a disguised cross-reference."""

    line: int
    kind: Literal["clause", "chapter", "section"]
    number: int
    rest: str
    strength: int


def split_lines(text: str) -> list[Line]:
    r"""The non-blank lines of ``text``, punctuation normalised, with their spans.

    >>> [(line.text, line.start, line.opens_paragraph) for line in split_lines("甲(一)\n乙\n\n丙")]
    [('甲（一）', 0, True), ('乙', 5, False), ('丙', 8, True)]
    """
    lines: list[Line] = []
    for para in split_paragraphs(text):
        for index, m in enumerate(re.finditer(r"\S(?:[^\n]*\S)?", text[para.start : para.end])):
            start = para.start + m.start()
            # normalize_punctuation maps one character to one, so spans stay valid.
            lines.append(Line(normalize_punctuation(m.group(0)), start, start + len(m.group(0)), index == 0))
    return lines


def read_numeral(numeral: str) -> int | None:
    """Read a clause number: Arabic digits or a Chinese numeral up to 九百九十九.

    >>> read_numeral("一百零五"), read_numeral("一百一十"), read_numeral("二十"), read_numeral("12")
    (105, 110, 20, 12)
    """
    if "百" not in numeral:
        return cn_to_int(numeral)
    hundreds_text, _, rest = numeral.partition("百")
    hundreds = cn_to_int(hundreds_text) if len(hundreds_text) == 1 else None
    if not hundreds or "百" in rest:
        return None
    if not rest:
        return hundreds * 100
    # 一百零五 writes the zero; 一百一十 writes the tens' 一, which cn_to_int reads as well.
    remainder = cn_to_int(rest.removeprefix("零"))
    return None if remainder is None else hundreds * 100 + remainder


def write_numeral(number: int) -> str:
    """Write a clause number in Chinese (三, 二十四, 一百零五, 一百一十).

    >>> write_numeral(3), write_numeral(105), write_numeral(110), write_numeral(200)
    ('三', '一百零五', '一百一十', '二百')
    """
    if number < 100:
        return int_to_cn(number)
    if number >= 1000:
        return str(number)
    hundreds, rest = divmod(number, 100)
    head = CN_DIGITS[hundreds] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + CN_DIGITS[rest]
    return head + ("一" if rest < 20 else "") + int_to_cn(rest)


def find_headings(lines: list[Line], kind: Literal["clause", "chapter", "section"]) -> list[Heading]:
    """Every line that starts like a heading of ``kind``, scored by how heading-like it is."""
    headings: list[Heading] = []
    for index, line in enumerate(lines):
        heading = _clause_heading(index, line) if kind == "clause" else _division_heading(index, line, kind)
        if heading is not None:
            headings.append(heading)
    return headings


def _clause_heading(index: int, line: Line) -> Heading | None:
    m = CLAUSE_HEADING.match(line.text)
    number = read_numeral(m.group(1)) if m else None
    if m is None or not number:
        return None
    rest = line.text[m.end() :]
    stripped = rest.lstrip()
    separated = not stripped or stripped != rest or bool(OWN_TITLE.match(rest))
    if _REFERENCE_CONTINUATION.match(stripped) or (not separated and rest.startswith(_ATTACHED_REFERENCE)):
        return None
    strength = int(line.opens_paragraph) + int(separated)
    return Heading(line=index, kind="clause", number=number, rest=stripped, strength=strength)


def _division_heading(index: int, line: Line, kind: Literal["chapter", "section"]) -> Heading | None:
    m = DIVISION_HEADING.match(line.text)
    if m is None or m.group(2) != {"chapter": "章", "section": "节"}[kind]:
        return None
    number = read_numeral(m.group(1))
    rest = m.group(3).strip()
    if (
        not number
        or len(rest) > _DIVISION_TITLE_CHARS
        or _SENTENCE_PUNCTUATION.search(rest)
        or _REFERENCE_CONTINUATION.match(rest)
        or rest.startswith(_ATTACHED_REFERENCE)
    ):
        return None
    return Heading(line=index, kind=kind, number=number, rest=rest, strength=int(line.opens_paragraph))


def select_clause_headings(candidates: list[Heading]) -> list[Heading]:
    """The clause headings to split on: the longest strictly increasing run of numbers.

    Among equally long runs the one with the most heading-like lines wins (paragraph start,
    a space or title after the number). A candidate with neither mark is only accepted as
    the direct successor of the previous clause, since that is exactly what a wrapped
    cross-reference looks like otherwise.
    """
    scores: list[tuple[int, int] | None] = []
    links: list[int | None] = []
    for i, cand in enumerate(candidates):
        score = (1, cand.strength) if cand.strength or cand.number == 1 else None
        link: int | None = None
        for j in range(i):
            before, prior = candidates[j], scores[j]
            if prior is None or before.number >= cand.number:
                continue
            if not cand.strength and cand.number != before.number + 1:
                continue
            extended = (prior[0] + 1, prior[1] + cand.strength)
            if score is None or extended > score:
                score, link = extended, j
        scores.append(score)
        links.append(link)
    if not any(scores):
        return []
    best = max((i for i, s in enumerate(scores) if s is not None), key=lambda i: scores[i] or (0, 0))
    chain: list[Heading] = []
    cursor: int | None = best
    while cursor is not None:
        chain.append(candidates[cursor])
        cursor = links[cursor]
    return chain[::-1]


def select_divisions(candidates: list[Heading], followers: list[Heading]) -> list[Heading]:
    """Chapter or section headings closely followed by one of ``followers``.

    Sections restart at each chapter, so they are only checked for being followed closely
    by a clause; chapters must also number strictly upwards.
    """
    clause_lines = sorted(f.line for f in followers)
    selected: list[Heading] = []
    for cand in candidates:
        following = next((line for line in clause_lines if line > cand.line), None)
        if following is None or following - cand.line > _DIVISION_LOOKAHEAD:
            continue
        if cand.kind == "chapter" and selected and cand.number <= selected[-1].number:
            continue
        selected.append(cand)
    return selected
