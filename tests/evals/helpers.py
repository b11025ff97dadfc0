"""Small builders for hand-made eval items, answers and records."""

from __future__ import annotations

from typing import Any

from assistant.schemas import Answer, Citation, ToolCall
from evals.dataset import EvalItem
from evals.metrics import ItemResult

UNITS_3 = ["市科技局", "市发展改革委"]


def item(**overrides: Any) -> EvalItem:
    """An answerable article-3 lookup unless overridden."""
    data: dict[str, Any] = {
        "id": "t-001",
        "question": "第三条讲的是什么？",
        "kind": "article_lookup",
        "gold_articles": [3],
        "gold_units": list(UNITS_3),
        "expected": {},
        "must_refuse": False,
    }
    data.update(overrides)
    return EvalItem.model_validate(data)


def refusal_item(**overrides: Any) -> EvalItem:
    """An out-of-scope item that must be refused."""
    data: dict[str, Any] = {
        "id": "t-refuse",
        "question": "深圳的创投补贴标准是多少？",
        "kind": "out_of_scope",
        "gold_articles": [],
        "gold_units": [],
        "must_refuse": True,
    }
    data.update(overrides)
    return EvalItem.model_validate(data)


def cite(article: int | None, units: list[str] | None = None, document: str | None = None) -> Citation:
    """A citation of one article."""
    return Citation(article=article, title=f"第{article}条", quote="原文", units=units or [], document=document)


def award_call(award: Any) -> ToolCall:
    """A calculator tool call whose result carries ``award``."""
    return ToolCall(name="calculate_article3_award", args={}, result={"award_yuan": award})


def answer(text: str = "", citations: list[Citation] | None = None, **kwargs: Any) -> Answer:
    """An answer with citations."""
    return Answer(answer=text, citations=citations or [], **kwargs)


def perfect_answer() -> Answer:
    """Cites article 3 with both of its units."""
    return answer("第三条：引导社会资本投早投小。", [cite(3, list(UNITS_3))])


def record(eval_item: EvalItem, ans: Answer, ranked: list[int] | None = None, seconds: float = 0.01) -> ItemResult:
    """One record; ranked defaults to the gold articles."""
    return ItemResult(
        item=eval_item,
        answer=ans,
        ranked_articles=ranked if ranked is not None else list(eval_item.gold_articles),
        seconds=seconds,
    )
