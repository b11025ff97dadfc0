"""The answer shape every surface returns: Python API, CLI ``--json``, HTTP, evals.

Outside clients and the evaluation tooling read these field names, so they are a contract:
add fields, never rename or drop them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Intent = Literal[
    "article_lookup",
    "unit_lookup",
    "part_lookup",
    "policy_question",
    "award_calculation",
    "eligibility",
    "follow_up",
    "greeting",
    "out_of_scope",
]


class Citation(BaseModel):
    """One article (or extra document clause) an answer rests on, with a verbatim quote."""

    article: int | None = Field(None, description="政策条款序号 1–32；额外文档为 null")
    title: str = ""
    quote: str = Field(..., description="逐字引自语料的句子")
    units: list[str] = Field(default_factory=list, description="责任单位")
    document: str | None = Field(None, description="额外导入文档的标识；政策本身为 null")


class ToolCall(BaseModel):
    """A tool the answerer called, with its arguments and structured result."""

    name: str
    args: dict[str, Any] = Field(default_factory=dict)
    result: dict[str, Any] = Field(default_factory=dict)


class Answer(BaseModel):
    """A complete response: grounded text, its citations, tool calls, and whether it declined."""

    answer: str
    citations: list[Citation] = Field(default_factory=list)
    tool_calls: list[ToolCall] = Field(default_factory=list)
    refused: bool = False
    intent: Intent = "policy_question"
    follow_up: str | None = Field(None, description="缺少关键事实时向用户追问的问题")


class SearchHit(BaseModel):
    """One ranked chunk from retrieval (``/api/search``, eval hit@k)."""

    chunk_id: str
    article: int | None = None
    document: str
    title: str
    content: str
    score: float
    units: list[str] = Field(default_factory=list)
