"""Split parsed documents into retrieval chunks that never cross an article.

Short articles stay whole; long ones are cut after sentence ends (。；) into groups of at most
``max_chars``. Every chunk keeps its verbatim ``content`` (what answers quote) and a
``context`` with the part and article title prefixed (what gets embedded and indexed), plus
its character span in the raw source.

Example:
    >>> from corpus.paths import POLICY_PATH
    >>> from ingest.parse import parse_policy
    >>> raw = POLICY_PATH.read_text(encoding="utf-8")
    >>> chunks = chunk_document(parse_policy(raw), raw)
    >>> {c.article for c in chunks} >= set(range(1, 33))
    True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from corpus.records import Article, ParsedDocument, Record, split_sentences

DEFAULT_MAX_CHARS = 220


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of one article (or of a preamble/closing paragraph)."""

    document: str
    kind: str
    article: int | None
    title: str
    part: int | None
    part_title: str | None
    units: tuple[str, ...]
    content: str
    context: str
    span: tuple[int, int]
    tokens: tuple[str, ...] = field(default=(), compare=False)

    @property
    def id(self) -> str:
        """Content hash: identical text in the same place gets the same id across runs."""
        key = f"{self.document}|{self.article}|{self.context}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for the vector store (Chroma accepts scalars only)."""
        return {
            "document": self.document,
            "kind": self.kind,
            "article": self.article if self.article is not None else 0,
            "title": self.title,
            "part": self.part if self.part is not None else 0,
            "part_title": self.part_title or "",
            "units": "、".join(self.units),
            "span_start": self.span[0],
            "span_end": self.span[1],
        }


def group_sentences(sentences: list[str], max_chars: int) -> list[list[str]]:
    """Greedy groups of whole sentences, each at most ``max_chars`` unless one sentence is longer."""
    groups: list[list[str]] = []
    for sentence in sentences:
        if groups and sum(map(len, groups[-1])) + len(sentence) <= max_chars:
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    return groups


class SpanLocator:
    """Maps text of a record back to raw-source offsets.

    Parsing only removes whitespace and swaps half-width punctuation for its full-width twin
    one for one, so the n-th non-whitespace character of a record is the n-th non-whitespace
    character of its raw span.
    """

    def __init__(self, raw: str) -> None:
        self._positions = [i for i, ch in enumerate(raw) if not ch.isspace()]

    def locate(self, record: Record, content: str, search_from: int = 0) -> tuple[int, int]:
        """The raw span of ``content``, which must occur in ``record.text`` (whitespace aside)."""
        dense_record = "".join(record.text.split())
        dense_content = "".join(content.split())
        offset = dense_record.find(dense_content, search_from)
        if offset < 0 or not dense_content:
            raise ValueError(f"片段不在记录中：{content[:20]}…")
        first = self._first_nonspace_index(record.span[0])
        start = self._positions[first + offset]
        end = self._positions[first + offset + len(dense_content) - 1] + 1
        return start, end

    def _first_nonspace_index(self, raw_offset: int) -> int:
        # Binary search: the index of the first non-space character at or after raw_offset.
        lo, hi = 0, len(self._positions)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._positions[mid] < raw_offset:
                lo = mid + 1
            else:
                hi = mid
        return lo


def _context_prefix(article: Article) -> str:
    part = f"{article.part_title}｜" if article.part_title else ""
    return f"{part}{article.label} {article.title}："


def chunk_article(article: Article, locator: SpanLocator, max_chars: int = DEFAULT_MAX_CHARS) -> list[Chunk]:
    """Chunks of one article: the whole body when short, sentence groups when long."""
    body = article.body or article.title
    groups = [[body]] if len(body) <= max_chars else group_sentences(split_sentences(body), max_chars)
    prefix = _context_prefix(article)
    chunks = []
    for group in groups:
        content = "".join(group)
        chunks.append(
            Chunk(
                document=article.document,
                kind="article",
                article=article.number,
                title=article.title,
                part=article.part,
                part_title=article.part_title,
                units=tuple(article.units),
                content=content,
                context=prefix + content,
                span=locator.locate(article, content),
            )
        )
    return chunks


def chunk_record(record: Record, locator: SpanLocator, title: str) -> list[Chunk]:
    """A preamble or closing paragraph as one chunk that cites the document, not an article."""
    return [
        Chunk(
            document=record.document,
            kind=record.kind,
            article=None,
            title=title,
            part=None,
            part_title=None,
            units=(),
            content=record.text.replace("\n", ""),
            context=f"{title}：{record.text}",
            span=locator.locate(record, record.text),
        )
    ]


def chunk_document(doc: ParsedDocument, raw: str, max_chars: int = DEFAULT_MAX_CHARS) -> list[Chunk]:
    """All chunks of a parsed document, in source order."""
    locator = SpanLocator(raw)
    chunks: list[Chunk] = []
    for record in doc.records:
        if isinstance(record, Article):
            chunks.extend(chunk_article(record, locator, max_chars))
        elif record.kind in ("preamble", "closing"):
            chunks.extend(chunk_record(record, locator, doc.title))
    return chunks
