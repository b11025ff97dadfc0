"""Structure an extra document (a cited regulation, another policy) into typed records.

Two layouts are recognised:

* 第X条 clauses, optionally grouped under 第X章 chapters (and 第X节 sections) — the layout
  of regulations and 办法. Each clause becomes an :class:`Article`, each chapter a
  :class:`Part`, the text before the first heading a ``preamble`` record.
* The policy's own （一）…（N） articles — handed to :func:`ingest.parse.parse_policy`.

第X条 clauses are tried first: a regulation's clauses routinely enumerate items as
（一）（二）, so the presence of （一） alone does not make a document policy-shaped.

A 第X条 only opens a clause at the start of a line, and the chosen headings must number
strictly upwards: a cross-reference such as 「依照本办法第五条」 that a PDF line break pushed
to the start of a line is recognised by its wording and its out-of-order number, and stays
inside the clause that contains it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from corpus.records import (
    Article,
    ParsedDocument,
    Part,
    Record,
)
from corpus.registry import Registry
from ingest.doc_identity import document_id
from ingest.errors import DocumentError
from ingest.headings import (
    _DIVISION_TITLE_CHARS,
    _SENTENCE_PUNCTUATION,
    CLAUSE_HEADING,
    OWN_TITLE,
    Heading,
    Line,
    find_headings,
    select_clause_headings,
    select_divisions,
    split_lines,
    write_numeral,
)
from ingest.loaders import load_text
from ingest.parse import (
    ARTICLE_HEADING,
    UNITS_CLAUSE,
    Paragraph,
    ParseError,
    extract_facts,
    parse_policy,
    repair_page_breaks,
    split_units,
)

# Clause titles made up from the first sentence are cut to this many characters.
TITLE_CHARS = 20

NO_STRUCTURE_REASON = (
    "没有可识别的条款结构（未找到「第X条」或「（一）」式编号），"
    "请确认文件是政策或法规的正文，或在每条前加上「第一条」这样的编号"
)

_TITLE_END = re.compile(r"[。；！？：]")
# Header lines that end complete without punctuation: a 文号 or a date (数字或汉字).
_DATE_DIGITS = r"\d〇零一二三四五六七八九十"
_STANDALONE_LINE = re.compile(
    rf"(?:[〔\[［（]\d{{4}}[〕\]］）]\d+号|[{_DATE_DIGITS}]{{2,4}}年[{_DATE_DIGITS}]{{1,3}}月[{_DATE_DIGITS}]{{1,3}}日)$"
)


def parse_document(path: Path, registry: Registry | None = None) -> ParsedDocument:
    """Load a document file and split it into preamble, chapter and clause records.

    Args:
        path: A file :func:`ingest.loaders.load_text` can read.
        registry: The referenced-documents registry; when given, it names the document
            (if its head names a registry entry) and fills each clause's ``references``.

    Returns:
        The parsed document; record spans are character ranges in the loaded text.

    Raises:
        DocumentError: the file cannot be loaded, or has neither 第X条 clauses nor the
            policy's （一） articles, or its （一） articles are malformed.
    """
    path = Path(path)
    text = load_text(path)
    lines = split_lines(text)
    doc_id = document_id(path, text, registry)
    title = lines[0].text
    clauses = select_clause_headings(find_headings(lines, "clause"))
    if clauses:
        return _parse_clauses(lines, clauses, doc_id, title, registry)
    if any(ARTICLE_HEADING.match(line.text) for line in lines if line.opens_paragraph):
        try:
            parsed = parse_policy(text, registry, document=doc_id)
        except ParseError as exc:
            raise DocumentError(path, f"按「（一）」式条款解析失败：{exc}") from exc
        return parsed.model_copy(update={"title": title})
    raise DocumentError(path, NO_STRUCTURE_REASON)


# --- records ------------------------------------------------------------------------------


def _parse_clauses(
    lines: list[Line], clauses: list[Heading], doc_id: str, title: str, registry: Registry | None
) -> ParsedDocument:
    sections = select_divisions(find_headings(lines, "section"), clauses)
    # A chapter may open with a section heading rather than a clause.
    chapters = select_divisions(find_headings(lines, "chapter"), [*clauses, *sections])
    headings = sorted([*clauses, *chapters, *sections], key=lambda h: h.line)
    bounds = [h.line for h in headings] + [len(lines)]

    records: list[Record | Article] = []
    if headings[0].line > 0:
        records.append(_record(doc_id, "preamble", _repair_preamble(lines[: headings[0].line])))

    parts: list[Part] = []
    for heading, end in zip(headings, bounds[1:], strict=True):
        block = lines[heading.line : end]
        if heading.kind == "clause":
            article = _build_clause(heading, block, parts[-1] if parts else None, doc_id, registry)
            records.append(article)
            if parts:
                parts[-1].articles.append(article.number)
            continue
        records.append(_record(doc_id, "part", _repair_block(block)))
        if heading.kind == "chapter":
            number_cn = write_numeral(heading.number)
            division_title = _division_title(heading, block)
            parts.append(Part(number=heading.number, number_cn=number_cn, title=division_title, articles=[]))
    return ParsedDocument(document=doc_id, title=title, records=records, parts=parts)


def _paragraphs(lines: list[Line]) -> list[Paragraph]:
    return [Paragraph(line.text, line.start, line.end) for line in lines]


def _repair_block(lines: list[Line]) -> list[Paragraph]:
    """Join the lines of one heading's block that a line or page break cut mid-sentence.

    ``repair_page_breaks`` never joins its first paragraph (the policy's title) to the next;
    an empty leading placeholder takes that role so a heading line joins its continuation.
    """
    placeholder = Paragraph("", lines[0].start, lines[0].start)
    return repair_page_breaks([placeholder, *_paragraphs(lines)])[1:]


def _repair_preamble(lines: list[Line]) -> list[Paragraph]:
    """Repair the preamble, keeping the title line and any 文号 or date line whole.

    Page-break repair joins every line that lacks a sentence end to the next one; header
    lines (title, 穗府规〔2019〕1号, 2019年1月1日) lack one by nature, so the repair runs
    separately on the stretches between them.
    """
    repaired: list[Paragraph] = _paragraphs(lines[:1])
    stretch: list[Line] = []
    for line in lines[1:]:
        stretch.append(line)
        if _STANDALONE_LINE.search(line.text):
            repaired += _repair_block(stretch)
            stretch = []
    return repaired + (_repair_block(stretch) if stretch else [])


def _record(doc_id: str, kind: Literal["preamble", "part"], paragraphs: list[Paragraph]) -> Record:
    return Record(
        document=doc_id,
        kind=kind,
        text="\n".join(p.text for p in paragraphs),
        span=(paragraphs[0].start, paragraphs[-1].end),
    )


def _division_title(heading: Heading, block: list[Line]) -> str:
    """The chapter's title: on the heading line, or alone on the next line (第一章 / 总则)."""
    if heading.rest or len(block) < 2:
        return heading.rest
    candidate = block[1].text
    return "" if _SENTENCE_PUNCTUATION.search(candidate) or len(candidate) > _DIVISION_TITLE_CHARS else candidate


def _build_clause(
    heading: Heading, block: list[Line], part: Part | None, doc_id: str, registry: Registry | None
) -> Article:
    paragraphs = _repair_block(block)
    text = "\n".join(p.text for p in paragraphs)
    own_title, body = split_clause(text)
    units: list[str] = []
    if m := UNITS_CLAUSE.search(body):
        units = split_units(m.group(1))
        body = body[: m.start()].rstrip()
    references = [doc.id for doc in registry.find(body) if doc.id != doc_id] if registry else []
    label = f"第{write_numeral(heading.number)}条"
    return Article(
        document=doc_id,
        text=text,
        span=(paragraphs[0].start, paragraphs[-1].end),
        number=heading.number,
        number_cn=write_numeral(heading.number),
        title=own_title or first_sentence_title(body) or (part.title if part else "") or label,
        body=body,
        units=units,
        references=references,
        facts=extract_facts(body),
        part=part.number if part else None,
        part_cn=part.number_cn if part else None,
        part_title=part.title if part else None,
    )


def split_clause(text: str) -> tuple[str, str]:
    r"""Split a clause's text after 第X条 into its own bracketed title (or "") and its body.

    Lines of the body are joined without a break, as the policy parser does.

    >>> split_clause("第一条【立法目的】为了规范\n管理。")
    ('立法目的', '为了规范管理。')
    >>> split_clause("第二条　本办法适用于本市。")
    ('', '本办法适用于本市。')
    """
    m = CLAUSE_HEADING.match(text)
    rest = (text[m.end() :] if m else text).lstrip()
    title = ""
    if t := OWN_TITLE.match(rest):
        title, rest = t.group(1).strip(), rest[t.end() :]
    return title, "".join(line.strip() for line in rest.split("\n")).strip()


def first_sentence_title(body: str) -> str:
    """A stand-in title: the body's first sentence or lead-in, cut to ``TITLE_CHARS`` characters.

    >>> first_sentence_title("本办法由市地方金融监督管理局负责解释。")
    '本办法由市地方金融监督管理局负责解释'
    >>> first_sentence_title("申请材料包括：（一）申请书；")
    '申请材料包括'
    >>> first_sentence_title("为了规范本市科技型中小企业信贷风险补偿资金池的管理，制定本办法。")
    '为了规范本市科技型中小企业信贷风险补偿资…'
    """
    # A colon ends the lead-in of an enumeration; the items after it make poor titles.
    lead = _TITLE_END.split(body.strip(), maxsplit=1)[0].rstrip("，、")
    return lead if len(lead) <= TITLE_CHARS else lead[:TITLE_CHARS] + "…"
