"""Parse the policy text into structured records, repairing its page-break damage.

The source was extracted from a PDF: paragraphs are separated by blank lines, but a page
break also leaves a blank line in the middle of a sentence (「对粤港澳大湾区」/「股权投资机构…」)
or even a word (「市市」/「场监管局」); brackets, colons and commas switch between full and half
width part-way through; articles 29–32 run their title into the body. The parser repairs all
of that, and ``text`` of every record keeps every non-whitespace character of the source.

Example:
    >>> from corpus.paths import POLICY_PATH
    >>> doc = parse_policy(POLICY_PATH.read_text(encoding="utf-8"))
    >>> [a.number for a in doc.articles][:3], doc.articles[2].title
    ([1, 2, 3], '引导社会资本“投早”“投小”')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.numerals import NUMERAL_CHARS, cn_to_int
from corpus.records import (
    POLICY_DOCUMENT_ID,
    Article,
    NumericFact,
    ParsedDocument,
    Part,
    Record,
    split_sentences,
)
from corpus.registry import Registry

# Half-width punctuation that the damaged pages use where the rest of the text is full width.
_WIDTH_MAP = str.maketrans({"(": "（", ")": "）", ":": "：", ";": "；"})
# A half-width comma is only punctuation between non-digits (keep 3,000,000 intact).
_HALF_COMMA = re.compile(r"(?<!\d),|,(?!\d)")

PART_HEADING = re.compile(rf"^([{NUMERAL_CHARS}]+)、\s*(\S.*)$")
ARTICLE_HEADING = re.compile(rf"^（([{NUMERAL_CHARS}]+)）\s*(.*)$", re.S)
UNITS_CLAUSE = re.compile(r"（责任单位：([^（）]+)）$")
# A paragraph that ends like this is complete; anything else was cut by a page break.
_COMPLETE_ENDINGS = tuple("。；！？：）”」")


class ParseError(ValueError):
    """The text has no structure the parser recognises (a caller's input problem)."""


def normalize_punctuation(text: str) -> str:
    """Map the half-width brackets, colons, semicolons and commas to full width.

    >>> normalize_punctuation("(十七) 责任单位:市科技局,为银行")
    '（十七） 责任单位：市科技局，为银行'
    """
    return _HALF_COMMA.sub("，", text.translate(_WIDTH_MAP))


@dataclass(frozen=True)
class Paragraph:
    """A run of non-blank lines, with its span in the raw source."""

    text: str
    start: int
    end: int


def split_paragraphs(raw: str) -> list[Paragraph]:
    """Split on blank lines, keeping each paragraph's span in ``raw``."""
    return [
        Paragraph(text=m.group(0).strip(), start=m.start(), end=m.end())
        for m in re.finditer(r"\S(?:.*\S)?(?:\n[ \t]*\S.*)*", raw)
    ]


def _is_heading(text: str) -> bool:
    return bool(PART_HEADING.match(text) or ARTICLE_HEADING.match(text))


def repair_page_breaks(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Join paragraphs that a page break cut in two.

    A paragraph is joined to the next one when it does not end a sentence, is neither the
    document title (the first paragraph) nor a heading, and the next one starts no heading.
    """
    repaired: list[Paragraph] = []
    for para in paragraphs:
        prev = repaired[-1] if repaired else None
        if (
            prev is not None
            and len(repaired) > 1
            and not prev.text.endswith(_COMPLETE_ENDINGS)
            and not _is_heading(prev.text)
            and not _is_heading(para.text)
        ):
            repaired[-1] = Paragraph(prev.text + para.text, prev.start, para.end)
        else:
            repaired.append(para)
    return repaired


def split_units(clause: str) -> list[str]:
    """Split a 责任单位 list on the enumeration comma."""
    return [unit.strip() for unit in re.split(r"[、，]", clause) if unit.strip()]


_FACT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("percent", re.compile(r"(\d+(?:\.\d+)?)\s*%")),
    ("amount", re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?\s*元")),
    ("period", re.compile(r"(\d+(?:\s*-\s*\d+)?)\s*年")),
    ("count", re.compile(r"(\d+)\s*(家|人|个|项)")),
]
_MULTIPLIER = {"万": 10_000, "亿": 100_000_000}


def extract_facts(text: str) -> list[NumericFact]:
    """The percentages, amounts, periods and counts a text states, with their sentences."""
    facts: list[NumericFact] = []
    for sentence in split_sentences(text):
        for kind, pattern in _FACT_PATTERNS:
            for m in pattern.finditer(sentence):
                number = m.group(1).replace(" ", "")
                # Periods like 3-5 年 are stored with their upper bound.
                value = float(number.split("-")[-1])
                if kind == "amount" and m.group(2):
                    value *= _MULTIPLIER[m.group(2)]
                facts.append(NumericFact(kind=kind, text=m.group(0), value=value, sentence=sentence))
    return facts


@dataclass
class _ArticleDraft:
    number_cn: str
    heading_rest: str
    paragraphs: list[Paragraph]
    part: Part | None


def _build_article(draft: _ArticleDraft, document: str, registry: Registry | None) -> Article:
    number = cn_to_int(draft.number_cn)
    if number is None:
        raise ParseError(f"无法识别的条款序号：（{draft.number_cn}）")
    content = "".join([draft.heading_rest, *(p.text for p in draft.paragraphs[1:])])
    # Articles 1–28 put the title alone on the heading line; 29–32 run the body on after it.
    title, sep, body = content.partition("。")
    if not sep:
        raise ParseError(f"第{draft.number_cn}条没有以「。」结束的标题")
    units: list[str] = []
    m = UNITS_CLAUSE.search(body)
    if m:
        units = split_units(m.group(1))
        body = body[: m.start()]
    heading = f"（{draft.number_cn}）"
    text = "\n".join([heading + draft.heading_rest.strip(), *(p.text for p in draft.paragraphs[1:])])
    return Article(
        document=document,
        text=text,
        span=(draft.paragraphs[0].start, draft.paragraphs[-1].end),
        number=number,
        number_cn=draft.number_cn,
        title=title.strip(),
        body=body.strip(),
        units=units,
        references=[d.id for d in registry.find(body)] if registry else [],
        facts=extract_facts(body),
        part=draft.part.number if draft.part else None,
        part_cn=draft.part.number_cn if draft.part else None,
        part_title=draft.part.title if draft.part else None,
    )


def parse_policy(raw: str, registry: Registry | None = None, document: str = POLICY_DOCUMENT_ID) -> ParsedDocument:
    """Parse the policy's raw text into title, preamble, parts, articles and closing records.

    Raises:
        ParseError: when the text has no title or no numbered articles.
    """
    paragraphs = [Paragraph(normalize_punctuation(p.text), p.start, p.end) for p in split_paragraphs(raw)]
    paragraphs = repair_page_breaks(paragraphs)
    if not paragraphs:
        raise ParseError("文本为空")

    records: list[Record | Article] = [
        Record(document=document, kind="title", text=paragraphs[0].text, span=(paragraphs[0].start, paragraphs[0].end))
    ]
    parts: list[Part] = []
    current_part: Part | None = None
    draft: _ArticleDraft | None = None
    loose: list[Paragraph] = []  # paragraphs outside any article: preamble or closing

    def flush_draft() -> None:
        nonlocal draft
        if draft is not None:
            article = _build_article(draft, document, registry)
            records.append(article)
            if current_part is not None:
                current_part.articles.append(article.number)
            draft = None

    def flush_loose(kind: str) -> None:
        if loose:
            records.append(
                Record(
                    document=document,
                    kind=kind,
                    text="\n".join(p.text for p in loose),
                    span=(loose[0].start, loose[-1].end),
                )
            )
            loose.clear()

    for para in paragraphs[1:]:
        if m := PART_HEADING.match(para.text):
            flush_draft()
            flush_loose("preamble")
            number = cn_to_int(m.group(1))
            if number is None:
                raise ParseError(f"无法识别的部分序号：{m.group(1)}")
            current_part = Part(number=number, number_cn=m.group(1), title=m.group(2).strip(), articles=[])
            parts.append(current_part)
            records.append(Record(document=document, kind="part", text=para.text, span=(para.start, para.end)))
        elif m := ARTICLE_HEADING.match(para.text):
            flush_draft()
            flush_loose("preamble")
            draft = _ArticleDraft(number_cn=m.group(1), heading_rest=m.group(2), paragraphs=[para], part=current_part)
        elif draft is not None and not _has_units_clause(draft):
            draft.paragraphs.append(para)
        else:
            # After an article's 责任单位 clause, a paragraph belongs to no article.
            flush_draft()
            loose.append(para)
    flush_draft()
    flush_loose("closing" if parts or any(isinstance(r, Article) for r in records) else "preamble")

    doc = ParsedDocument(document=document, title=records[0].text, records=records, parts=parts)
    if not doc.articles:
        raise ParseError("没有找到任何编号条款（如「（一）」）")
    return doc


def _has_units_clause(draft: _ArticleDraft) -> bool:
    last = draft.paragraphs[-1].text if len(draft.paragraphs) > 1 else draft.heading_rest
    return bool(UNITS_CLAUSE.search(last))
