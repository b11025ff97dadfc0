"""Typed records of the corpus: the policy's parts and articles, and the documents it cites.

The parser in ``ingest.parse`` produces these from the raw text; everything downstream
(chunking, retrieval, lookups, matching) reads them instead of the raw text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

POLICY_DOCUMENT_ID = "gz-tech-finance-opinions"
POLICY_TITLE = "关于新时期进一步促进科技、金融与产业融合发展的若干意见"

FactKind = Literal["percent", "amount", "count", "period"]
RecordKind = Literal["title", "preamble", "part", "article", "closing", "clause"]


class NumericFact(BaseModel):
    """A figure an article states, kept verbatim so answers can quote it exactly."""

    kind: FactKind
    text: str = Field(..., description="原文中的写法，如「1.5%」「500 万元」「3-5 年」")
    value: float | None = Field(None, description="数值（金额以元计）；区间取上限")
    sentence: str = Field(..., description="该数字所在的原文句子")


class Record(BaseModel):
    """A contiguous piece of a source document, after page-break repair.

    ``text`` is the repaired text of the whole piece (heading, title, body and the
    责任单位 clause for an article); ``span`` is its character range in the raw source.
    """

    document: str
    kind: RecordKind
    text: str
    span: tuple[int, int]


class Article(Record):
    """One numbered article of the policy, or one 第X条 clause of an extra document."""

    kind: RecordKind = "article"
    number: int = Field(..., ge=1)
    number_cn: str = Field(..., description="中文序号，如「十三」")
    title: str
    body: str
    units: list[str] = Field(default_factory=list, description="责任单位")
    references: list[str] = Field(default_factory=list, description="所引文件的注册表标识")
    facts: list[NumericFact] = Field(default_factory=list)
    part: int | None = None
    part_cn: str | None = None
    part_title: str | None = None

    @property
    def label(self) -> str:
        """The citation marker used in answers, e.g. 「第三条」."""
        return f"第{self.number_cn}条"

    def sentences(self) -> list[str]:
        """The body split after sentence ends (。；), each kept verbatim."""
        return split_sentences(self.body)


class Part(BaseModel):
    """One of the policy's seven parts (一…七) and the articles it holds."""

    number: int
    number_cn: str
    title: str
    articles: list[int]


class ParsedDocument(BaseModel):
    """Everything parsed from one source document, in source order."""

    document: str
    title: str
    records: list[Record | Article]
    parts: list[Part] = Field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        """The numbered articles, in order."""
        return [r for r in self.records if isinstance(r, Article)]


SENTENCE_ENDS = "。；！？"


def split_sentences(text: str) -> list[str]:
    """Split after each sentence end, keeping the punctuation; never drops characters.

    >>> split_sentences("甲。乙；丙")
    ['甲。', '乙；', '丙']
    """
    sentences: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_ENDS:
            # A closing quote or bracket right after the end belongs to the same sentence.
            end = i + 1
            while end < len(text) and text[end] in "”’）)」":
                end += 1
            if end > start:
                sentences.append(text[start:end])
            start = end
    if start < len(text) and text[start:].strip():
        sentences.append(text[start:])
    return [s for s in (s.strip() for s in sentences) if s]
