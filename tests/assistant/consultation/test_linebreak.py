"""Chinese line breaking (kinsoku) in the exports: the breaker itself, then the PDF read back line by line."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, WrapMode
from hypothesis import given
from hypothesis import strategies as st

from assistant.consultation.export import find_cjk_font, render_pdf
from assistant.consultation.export.linebreak import NO_LINE_END, NO_LINE_START, break_lines
from assistant.consultation.profile import EnterpriseProfile
from assistant.consultation.record import ConsultationRecord
from tests.assistant.consultation.test_export import pdf_text

# The marks the issue names, and the other closers of everyday Chinese text.
CLOSERS = "，。、”）」；：？！》』】"
MARGIN_MM, BODY_PT, EPW_MM = 18.0, 10.5, 210.0 - 2 * 18.0


def width(line: str) -> int:
    """Every character one unit wide, as a full-width CJK font sets them."""
    return len(line)


# -- the breaker ------------------------------------------------------------------------------


@pytest.mark.parametrize("mark", list(CLOSERS))
def test_a_closing_mark_at_the_wrap_point_takes_the_character_before_it_along(mark: str) -> None:
    text = f"一二三四五六七八九十{mark}甲乙丙"
    lines = break_lines(text, 10, width)
    assert lines == ["一二三四五六七八九", f"十{mark}甲乙丙"]
    assert "".join(lines) == text


def test_an_opening_mark_never_ends_a_line() -> None:
    lines = break_lines("一二三四五六七八九（十）甲乙丙丁", 10, width)
    assert lines == ["一二三四五六七八九", "（十）甲乙丙丁"]
    assert all(line[-1] not in NO_LINE_END for line in lines)


def test_two_marks_in_a_row_move_down_together() -> None:
    assert break_lines("一二三四五六七八九”，甲乙", 10, width) == ["一二三四五六七八", "九”，甲乙"]


def test_numbers_and_latin_words_stay_whole() -> None:
    lines = break_lines("按照实际到账投资额的1.5%给予奖励，QFLP试点3,000,000元", 12, width)
    assert lines == ["按照实际到账投资额的", "1.5%给予奖励，", "QFLP试点", "3,000,000元"]


def test_own_line_breaks_and_a_shorter_first_line_are_kept() -> None:
    assert break_lines("甲乙丙丁戊\n己", 10, width, first_width=3) == ["甲乙丙", "丁戊", "己"]
    assert break_lines("", 10, width) == [""]
    # After a long label not even one character fits: the text starts on the next line.
    assert break_lines("甲乙", 10, width, first_width=0.5) == ["", "甲乙"]


def test_a_line_of_nothing_but_marks_still_breaks() -> None:
    assert break_lines("，，，，，，", 4, width) == ["，，，，", "，，"]


# Text as it comes: characters, each maybe followed by one mark, so a break before any mark can be avoided.
_cjk = st.sampled_from("科技金融企业投资奖励条款机构广州南沙")
_pieces = st.lists(st.tuples(_cjk, st.sampled_from(["", *CLOSERS])), min_size=1, max_size=80)


@given(_pieces, st.integers(min_value=3, max_value=30))
def test_no_line_starts_with_a_closing_mark_and_none_is_too_wide(pieces: list[tuple[str, str]], room: int) -> None:
    text = "".join(char + mark for char, mark in pieces)
    lines = break_lines(text, room, width)
    assert "".join(lines) == text
    assert all(len(line) <= room for line in lines)
    assert all(line[0] not in NO_LINE_START for line in lines if line)


# -- the PDF, read back -------------------------------------------------------------------------


def _body_pdf() -> FPDF:
    """An FPDF set up as the exporter sets the body text: A4, 18 mm margins, the CJK font at 10.5 pt."""
    font = find_cjk_font()
    pdf = FPDF(format="A4")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.add_font("cjk", "", font.path, collection_font_number=font.face)
    pdf.set_font("cjk", size=BODY_PT)
    pdf.add_page()
    return pdf


def _pdf_lines(content: bytes) -> list[str]:
    return [re.sub(r"\s+", "", line) for line in pdf_text(content).splitlines() if line.strip()]


def _record(**fields: object) -> ConsultationRecord:
    return ConsultationRecord(date=dt.date(2026, 3, 1), enterprise="某企业", profile=EnterpriseProfile(), **fields)


@pytest.mark.parametrize("mark", list("，。、”）」"))
def test_pdf_paragraph_whose_wrap_point_falls_on_a_mark_breaks_before_the_character_ahead_of_it(mark: str) -> None:
    pdf = _body_pdf()
    full = next(n for n in range(20, 200) if pdf.get_string_width("甲" * (n + 1)) > EPW_MM)
    # The mark is the first character that does not fit: character wrapping would begin line two with it.
    note = "甲" * full + mark + "乙" * 10
    lines = _pdf_lines(render_pdf(_record(notes=note)))
    at = next(i for i, line in enumerate(lines) if line.startswith("甲"))
    assert lines[at : at + 2] == ["甲" * (full - 1), f"甲{mark}" + "乙" * 10]


def test_no_line_of_a_whole_record_starts_with_a_closing_mark() -> None:
    text = "甲乙，丙丁。戊己、“庚辛”（壬癸）「子丑」" * 12
    record = _record(profile_summary=[("企业自述", text)], follow_ups=[text], notes=text)
    lines = _pdf_lines(render_pdf(record))
    assert [line for line in lines if line[0] in NO_LINE_START] == []
    assert [line for line in lines if line[-1] in NO_LINE_END] == []
    assert "".join(lines).count("（壬癸）「子丑」") == 3 * 12  # nothing lost in the table, the list and the note
    # The same text wrapped by fpdf2 alone would have broken the rules: the check above can fail.
    naive = _body_pdf().multi_cell(0, 6, text, wrapmode=WrapMode.CHAR, dry_run=True, output=MethodReturnValue.LINES)
    assert any(line[:1] in NO_LINE_START for line in naive)
