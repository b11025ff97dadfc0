"""The question-style index: several ways an enterprise asks about each article, as data.

Data in ``question_index.json``. Ingest indexes every question beside the text, pointing at its
article, so a colloquial question that shares no words with the text still finds it; answers
quote the text only, never these questions.

Example:
    >>> index = load_question_index()
    >>> sorted({q.article for q in index.questions()})[:3]
    [1, 2, 3]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from corpus.paths import QUESTION_INDEX_PATH

__all__ = ["IndexedQuestion", "QuestionIndex", "load_question_index"]


@dataclass(frozen=True)
class IndexedQuestion:
    """One question and the article it asks about."""

    article: int
    text: str


class _ArticleQuestions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    article: int = Field(..., ge=1, le=32)
    questions: tuple[str, ...]

    @field_validator("questions")
    @classmethod
    def _not_blank(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not q.strip() for q in value):
            raise ValueError("问题不能为空")
        return value


class QuestionIndex(BaseModel):
    """Questions per article."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(..., min_length=1)
    articles: tuple[_ArticleQuestions, ...]

    def questions(self) -> list[IndexedQuestion]:
        """Every question, article by article."""
        return [IndexedQuestion(a.article, q.strip()) for a in self.articles for q in a.questions]


@cache
def load_question_index(path: Path = QUESTION_INDEX_PATH) -> QuestionIndex:
    """The shipped index (read once per path)."""
    return QuestionIndex.model_validate(json.loads(path.read_text(encoding="utf-8")))
