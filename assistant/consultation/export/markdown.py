"""Lay a consultation record out as Markdown (CommonMark with a GFM table)."""

from __future__ import annotations

import re
from typing import assert_never

from assistant.consultation.export.sections import Block, BulletList, Heading, Paragraph, Quote, Table, record_blocks
from assistant.consultation.export.text import exportable_record
from assistant.consultation.record import ConsultationRecord

__all__ = ["escape_markdown", "render_markdown"]

# Characters that would start emphasis, code, links, HTML, headings, tables or strikethrough.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def escape_markdown(text: str) -> str:
    r"""Text shown literally: Markdown punctuation escaped, line breaks folded into spaces.

    Example:
        >>> print(escape_markdown("A|B *注*"))
        A\|B \*注\*
    """
    return _SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", text.strip()))


def _paragraph(block: Paragraph) -> str:
    text = escape_markdown(block.text)
    # The colon stays outside the strong run: CommonMark would not close "**理由：**" before a letter.
    return f"**{escape_markdown(block.label)}**：{text}" if block.label else text


def _table(block: Table) -> str:
    def row(cells: tuple[str, str]) -> str:
        return "| " + " | ".join(escape_markdown(cell) for cell in cells) + " |"

    return "\n".join([row(block.header), "| --- | --- |", *(row(r) for r in block.rows)])


def _block(block: Block) -> str:
    match block:
        case Heading(text=text, level=level):
            return f"{'#' * (level + 1)} {escape_markdown(text)}"
        case Paragraph():
            return _paragraph(block)
        case BulletList(items=items):
            return "\n".join(f"- {escape_markdown(item)}" for item in items)
        case Quote(text=text, source=source):
            return f"> {escape_markdown(text)}\n>\n> {escape_markdown(source)}"
        case Table():
            return _table(block)
        case _:
            assert_never(block)


def render_markdown(record: ConsultationRecord) -> str:
    """The record as a Markdown document.

    Example:
        >>> import datetime as dt
        >>> from assistant.consultation.profile import EnterpriseProfile
        >>> record = ConsultationRecord(date=dt.date(2026, 3, 1), enterprise="某企业", profile=EnterpriseProfile())
        >>> render_markdown(record).splitlines()[0]
        '# 科技金融特派员咨询记录'
    """
    record = exportable_record(record)
    return "\n\n".join(_block(block) for block in record_blocks(record)) + "\n"
