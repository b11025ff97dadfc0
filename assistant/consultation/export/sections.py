"""The content of every export, in order, as a flat list of simple blocks.

The three renderers (Markdown, DOCX, PDF) only lay these blocks out; what a record says, in
which order and under which headings, is decided here once. Every text is taken from the record
as it is: numbers, quotes and calculation steps are never reformatted.

Example:
    >>> import datetime as dt
    >>> from assistant.consultation.profile import EnterpriseProfile
    >>> record = ConsultationRecord(date=dt.date(2026, 3, 1), enterprise="某企业", profile=EnterpriseProfile())
    >>> blocks = record_blocks(record)
    >>> blocks[0]
    Heading(text='科技金融特派员咨询记录', level=0)
    >>> [b.text for b in blocks if isinstance(b, Heading) and b.level == 1][:3]
    ['特派员', '企业', '企业画像']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.consultation.matching import ConditionResult
from assistant.consultation.record import DISCLAIMER, ConsultationRecord, MatchedArticle, Officer

__all__ = [
    "DOCUMENT_TITLE",
    "NO_MATCHES",
    "SECTION_TITLES",
    "STATUS_MARKS",
    "Block",
    "BulletList",
    "Heading",
    "Paragraph",
    "Quote",
    "Table",
    "condition_line",
    "officer_line",
    "record_blocks",
]

DOCUMENT_TITLE = "科技金融特派员咨询记录"
NO_MATCHES = "未匹配到适用条款。"
NO_AWARDS = "本次匹配的条款均无可测算的奖励金额。"
NO_PROFILE = "未填写企业画像信息。"
NOT_GIVEN = "未填写"
NONE = "无"
NONE_YET = "暂无"
QUOTE_PREFIX = "原文："
SOURCE_PREFIX = "——"

# (with symbols, plain words), each with its separator: the plain form is for PDF fonts lacking ✓ or ✗.
STATUS_MARKS: dict[str, tuple[str, str]] = {
    "met": ("✓ 满足　", "【满足】"),
    "not_met": ("✗ 不满足　", "【不满足】"),
    "unknown": ("？待确认　", "【待确认】"),
}


@dataclass(frozen=True)
class Heading:
    """A heading; level 0 is the document title, 1 a section, 2 an item within a section."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph, optionally led by a label shown as 「label：text」 with the label emphasised."""

    text: str
    label: str | None = None


@dataclass(frozen=True)
class BulletList:
    """An unordered list, one line per item."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    """A verbatim quotation from the policy and where it comes from."""

    text: str
    source: str


@dataclass(frozen=True)
class Table:
    """A two-column table with a header row."""

    header: tuple[str, str]
    rows: tuple[tuple[str, str], ...]


Block = Heading | Paragraph | BulletList | Quote | Table


def officer_line(officer: Officer) -> str:
    """An officer as 「张三（广州银行，银行）」."""
    details = "，".join(part for part in (officer.organization, officer.side) if part)
    return f"{officer.name}（{details}）" if details else officer.name


def condition_line(condition: ConditionResult, *, symbols: bool = True) -> str:
    """A judged condition as 「✓ 满足　股权投资机构：贵机构为……」 (「【满足】股权投资机构：……」 without ``symbols``)."""
    with_symbol, plain = STATUS_MARKS[condition.status]
    return f"{with_symbol if symbols else plain}{condition.label}：{condition.reason}"


def _list_or(items: list[str], empty: str) -> list[Block]:
    return [BulletList(tuple(items))] if items else [Paragraph(empty)]


def _header(record: ConsultationRecord) -> list[Block]:
    blocks: list[Block] = [
        Heading(DOCUMENT_TITLE, 0),
        Paragraph(record.policy, label="依据政策"),
        Paragraph(record.date.isoformat(), label="咨询日期"),
    ]
    if record.id:
        blocks.append(Paragraph(record.id, label="记录编号"))
    return blocks


def _officers(record: ConsultationRecord, symbols: bool) -> list[Block]:
    return _list_or([officer_line(o) for o in record.officers], NOT_GIVEN)


def _enterprise(record: ConsultationRecord, symbols: bool) -> list[Block]:
    return [
        Paragraph(record.enterprise, label="企业（机构）名称"),
        Paragraph(record.contact or NOT_GIVEN, label="联系人"),
    ]


def _profile(record: ConsultationRecord, symbols: bool) -> list[Block]:
    if not record.profile_summary:
        return [Paragraph(NO_PROFILE)]
    return [Table(("项目", "内容"), tuple((item, value) for item, value in record.profile_summary))]


def _match(match: MatchedArticle, symbols: bool) -> list[Block]:
    blocks: list[Block] = [Heading(f"{match.label} {match.title}", 2)]
    if match.part:
        blocks.append(Paragraph(match.part, label="所属部分"))
    blocks.append(Paragraph(match.reason, label="理由"))
    if match.benefit:
        blocks.append(Paragraph(match.benefit, label="支持内容（摘要）"))
    if match.conditions:
        blocks.append(Paragraph("", label="条件"))
        blocks.append(BulletList(tuple(condition_line(c, symbols=symbols) for c in match.conditions)))
    blocks.extend(Quote(f"{QUOTE_PREFIX}{quote}", f"{SOURCE_PREFIX}{match.citation}") for quote in match.quotes)
    if match.units:
        blocks.append(Paragraph("、".join(match.units), label="责任单位"))
    return blocks


def _matches(record: ConsultationRecord, symbols: bool) -> list[Block]:
    if not record.matches:
        return [Paragraph(NO_MATCHES)]
    return [block for match in record.matches for block in _match(match, symbols)]


def _excluded(record: ConsultationRecord, symbols: bool) -> list[Block]:
    return _list_or([f"{e.label} {e.title}：{e.reason}" for e in record.excluded], NONE)


def _awards(record: ConsultationRecord, symbols: bool) -> list[Block]:
    titles = {m.article: m.title for m in record.matches}
    blocks: list[Block] = []
    for award in record.awards:
        title = titles.get(award.article)
        blocks.append(Heading(f"{award.label} {title}" if title else award.label, 2))
        blocks.append(Paragraph(award.amount_text, label="测算金额"))
        if award.steps:
            blocks.append(Paragraph("", label="测算过程"))
            blocks.append(BulletList(tuple(award.steps)))
        if award.decided_by:
            blocks.append(Paragraph(award.decided_by, label="核定方式"))
        if award.missing:
            blocks.append(Paragraph("；".join(award.missing), label="尚需补充"))
    if not blocks:
        blocks.append(Paragraph(NO_AWARDS))
    # The disclaimer is always shown, with or without an amount.
    blocks.append(Paragraph(record.disclaimer or DISCLAIMER, label="说明"))
    return blocks


def _contacts(record: ConsultationRecord, symbols: bool) -> list[Block]:
    return _list_or([f"{c.unit}：{'、'.join(c.articles)}" for c in record.contacts], NONE)


def _missing(record: ConsultationRecord, symbols: bool) -> list[Block]:
    return _list_or(record.missing, NONE_YET)


def _follow_ups(record: ConsultationRecord, symbols: bool) -> list[Block]:
    return _list_or(record.follow_ups, NONE_YET)


def _notes(record: ConsultationRecord, symbols: bool) -> list[Block]:
    lines = [line.strip() for line in (record.notes or "").splitlines() if line.strip()]
    return [Paragraph(line) for line in lines] or [Paragraph(NONE)]


_SectionBuilder = Callable[[ConsultationRecord, bool], list[Block]]

SECTIONS: tuple[tuple[str, _SectionBuilder], ...] = (
    ("特派员", _officers),
    ("企业", _enterprise),
    ("企业画像", _profile),
    ("适用条款", _matches),
    ("经核对不适用的条款", _excluded),
    ("奖励测算", _awards),
    ("联系单位", _contacts),
    ("尚需补充的事实", _missing),
    ("后续跟进", _follow_ups),
    ("备注", _notes),
)
SECTION_TITLES: tuple[str, ...] = tuple(title for title, _ in SECTIONS)


def record_blocks(record: ConsultationRecord, *, symbols: bool = True) -> list[Block]:
    """Everything an export shows, in order.

    Args:
        record: The consultation record.
        symbols: Mark conditions with ✓ / ✗ / ？; False gives plain words, for fonts without those glyphs.

    Returns:
        The title and header lines, then each section's heading followed by its content.
    """
    blocks = _header(record)
    for title, build in SECTIONS:
        blocks.append(Heading(title, 1))
        blocks.extend(build(record, symbols))
    return blocks
