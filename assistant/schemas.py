"""The answer shape every surface returns: Python API, CLI ``--json``, HTTP, evals.

Outside clients and the evaluation tooling read these field names, so they are a contract:
add fields, never rename or drop them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

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


Answerability = Literal["answered", "not_in_text", "out_of_scope"]


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
    answerability: Answerability = Field(
        "answered",
        description=(
            "answered：原文回答了所问；not_in_text：原文提到所问对象但没有规定所问事项（附最近的条款和责任单位）；"
            "out_of_scope：不在本政策范围内（其他地方或国家的规定、与本政策无关的话题）。后两者 refused 为 true"
        ),
    )
    intent: Intent = "policy_question"
    follow_up: str | None = Field(None, description="缺少关键事实时向用户追问的问题")

    @model_validator(mode="after")
    def _consistent(self) -> Answer:
        # One shape: a declined answer says why, and an answer that says why it declined is refused.
        if self.answerability != "answered":
            self.refused = True
        elif self.refused:
            self.answerability = "not_in_text" if any(c.article for c in self.citations) else "out_of_scope"
        return self


class SearchHit(BaseModel):
    """One ranked chunk from retrieval (``/api/search``, eval hit@k)."""

    chunk_id: str
    article: int | None = None
    document: str
    title: str
    content: str
    score: float
    units: list[str] = Field(default_factory=list)
