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

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corpus.numerals import CN_DIGITS, NUMERAL_CHARS, cn_to_int, int_to_cn
from corpus.records import (
    POLICY_DOCUMENT_ID,
    POLICY_TITLE,
    Article,
    ParsedDocument,
    Part,
    Record,
)
from corpus.registry import ReferencedDocument, Registry
from ingest.errors import DocumentError
from ingest.loaders import load_text
from ingest.parse import (
    ARTICLE_HEADING,
    UNITS_CLAUSE,
    Paragraph,
    ParseError,
    extract_facts,
    normalize_punctuation,
    parse_policy,
    repair_page_breaks,
    split_paragraphs,
    split_units,
)

# How much of the text's head may name the document itself (title, 文号, 印发通知).
HEADER_CHARS = 300
# Clause titles made up from the first sentence are cut to this many characters.
TITLE_CHARS = 20

NO_STRUCTURE_REASON = (
    "没有可识别的条款结构（未找到「第X条」或「（一）」式编号），"
    "请确认文件是政策或法规的正文，或在每条前加上「第一条」这样的编号"
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
_TITLE_END = re.compile(r"[。；！？：]")
# Header lines that end complete without punctuation: a 文号 or a date (数字或汉字).
_DATE_DIGITS = r"\d〇零一二三四五六七八九十"
_STANDALONE_LINE = re.compile(
    rf"(?:[〔\[［（]\d{{4}}[〕\]］）]\d+号|[{_DATE_DIGITS}]{{2,4}}年[{_DATE_DIGITS}]{{1,3}}月[{_DATE_DIGITS}]{{1,3}}日)$"
)
_DIVISION_TITLE_CHARS = 30
# A division heading is followed by its first clause within this many lines (its title may
# sit alone on the next line); a cross-reference line is followed by running text.
_DIVISION_LOOKAHEAD = 2
# Registry mentions after these words cite another document instead of naming this one.
_CITING_WORDS = re.compile(r"贯彻|落实|根据|依据|依照|按照|参照|遵照|对照")
_BRACKET_VARIANTS = str.maketrans(dict.fromkeys("［[【(（", "〔") | dict.fromkeys("］]】)）", "〕"))
_ASCII_SLUG = re.compile(r"[A-Za-z0-9_-]+")


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


# --- lines and headings -------------------------------------------------------------------


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


# --- document identity --------------------------------------------------------------------


def document_id(path: Path, text: str, registry: Registry | None) -> str:
    """The registry id the text's head names, else a stable id from the file name.

    A registry title or 文号 in the first ``HEADER_CHARS`` characters names the document,
    unless the words before it in the same sentence cite it (「为贯彻落实《…》」).
    """
    if text.lstrip().startswith(POLICY_TITLE):
        return POLICY_DOCUMENT_ID
    if registry is not None and (named := named_registry_document(text[:HEADER_CHARS], registry)):
        return named.id
    return file_slug(path)


def named_registry_document(head: str, registry: Registry) -> ReferencedDocument | None:
    """The registry entry ``head`` names as itself (earliest mention wins), if any."""
    canonical_head = _canonical(head)
    best: tuple[int, int, ReferencedDocument] | None = None
    for doc in registry.documents:
        for needle in filter(None, (doc.title, doc.number)):
            position = canonical_head.find(_canonical(needle))
            if position < 0 or _is_citation(canonical_head, position):
                continue
            key = (position, -len(needle), doc)
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best else None


def _canonical(text: str) -> str:
    """Bracket variants unified and whitespace dropped, for matching 文号 across sources."""
    return re.sub(r"\s+", "", text.translate(_BRACKET_VARIANTS))


def _is_citation(head: str, position: int) -> bool:
    sentence_start = max(head.rfind(ch, 0, position) for ch in "。；！？") + 1
    return bool(_CITING_WORDS.search(head, sentence_start, position))


def file_slug(path: Path) -> str:
    """The file's stem if it is ASCII-safe, else ``doc-`` and a short hash of the stem.

    >>> file_slug(Path("rules_2019-1.txt")), file_slug(Path("广州 办法.pdf"))
    ('rules_2019-1', 'doc-d27de660a4')
    """
    stem = path.stem
    if _ASCII_SLUG.fullmatch(stem):
        return stem
    return "doc-" + hashlib.sha1(stem.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
