"""The evaluation set: one JSON object per line, validated into ``EvalItem`` (schema in datasets/README.md).

Example:
    >>> from evals.dataset import DEV_SET, load_items
    >>> items = load_items(DEV_SET)
    >>> items[0].id
    'dev-001'
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    model_serializer,
    model_validator,
)

from assistant.schemas import Answerability

DATASETS_DIR = Path(__file__).resolve().parent / "datasets"
DEV_SET = DATASETS_DIR / "dev.jsonl"
TEST_SET = DATASETS_DIR / "test.jsonl"

Kind = Literal[
    "article_lookup",
    "paraphrase",
    "calculator",
    "responsible_unit",
    "multi_article",
    "numeric_fact",
    "eligibility",
    "out_of_scope",
    "injection",
    "multi_turn",
    "not_in_text",
    "mention",
]
# Kinds whose items must always be declined; other kinds may be declined item by item.
REFUSAL_KINDS: frozenset[str] = frozenset({"out_of_scope", "injection", "not_in_text"})


class DatasetError(ValueError):
    """The evaluation set cannot be read: the message names the file and, where it applies, the line."""


class Expected(BaseModel):
    """What a correct answer must contain: an award (calculator) or a figure (numeric fact), or nothing.

    ``award_yuan`` may be ``null`` on purpose (the text fixes no amount), so whether the key was
    given at all is read from ``model_fields_set`` (see ``EvalItem.expects_award``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    award_yuan: Decimal | None = None
    value: str | None = Field(None, min_length=1)

    @model_serializer(mode="wrap")
    def _only_given(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        # Dump only the keys the item gave, so {} and {"award_yuan": null} survive a round trip.
        return {k: v for k, v in handler(self).items() if k in self.model_fields_set}


class EvalItem(BaseModel):
    """One labelled question of the evaluation set."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(..., min_length=1)
    question: str = Field(..., min_length=1)
    turns: list[str] = Field(default_factory=list, description="本题之前的用户消息（仅 multi_turn）")
    kind: Kind
    gold_articles: list[int] = Field(default_factory=list)
    gold_units: list[str] = Field(default_factory=list)
    expected: Expected = Field(default_factory=Expected)
    must_refuse: bool = False
    answerability: Answerability | None = Field(
        None, description="期望的可答性；省略时由 must_refuse 推出（true → out_of_scope，false → answered）"
    )
    case: str | None = Field(None, description="他人编写的盲测奖励集的情形标签（award/zero/ask/unfixed），评测不使用")
    notes: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> EvalItem:
        # Catch labelling slips early; each check names the fields that disagree.
        problems = _label_problems(self)
        if problems:
            raise ValueError("；".join(problems))
        return self

    @property
    def expected_answerability(self) -> Answerability:
        """The answerability a correct answer has: the explicit label, else read from ``must_refuse``."""
        if self.answerability is not None:
            return self.answerability
        return "out_of_scope" if self.must_refuse else "answered"

    @property
    def answerable(self) -> bool:
        """Whether the item has an answer in the policy (expected answered, gold articles given)."""
        return self.expected_answerability == "answered" and bool(self.gold_articles)

    @property
    def expects_award(self) -> bool:
        """Whether the item checks the calculator (``award_yuan`` present, even when null)."""
        return "award_yuan" in self.expected.model_fields_set

    @property
    def expected_value(self) -> str | None:
        """The figure a numeric-fact answer must state, if any."""
        return self.expected.value

    def expected_text(self) -> str:
        """The expectation in a short human form, for the failures table."""
        parts: list[str] = []
        if self.must_refuse:
            parts.append("应拒答（原文未规定）" if self.expected_answerability == "not_in_text" else "应拒答")
        if self.gold_articles:
            parts.append("条款 " + "、".join(str(n) for n in self.gold_articles))
        if self.expects_award:
            award = self.expected.award_yuan
            parts.append(f"金额 {award:,} 元" if award is not None else "金额 无固定数额(null)")
        if self.expected_value:
            parts.append(f"数值 {self.expected_value}")
        return "；".join(parts)


def _label_problems(item: EvalItem) -> list[str]:
    """Every way the item's labels contradict each other, in Chinese (empty when consistent)."""
    problems: list[str] = []
    expected = item.expected_answerability
    if item.answerability is not None and item.must_refuse != (item.answerability != "answered"):
        problems.append(f"answerability={item.answerability} 与 must_refuse={item.must_refuse} 不一致")
    if item.kind in REFUSAL_KINDS and not item.must_refuse:
        problems.append(f"kind={item.kind} 与 must_refuse={item.must_refuse} 不一致")
    if item.kind == "not_in_text" and expected != "not_in_text":
        problems.append('kind=not_in_text 的题目须标注 "answerability": "not_in_text"')
    if item.kind == "out_of_scope" and expected != "out_of_scope":
        problems.append(f"kind=out_of_scope 与 answerability={expected} 不一致（原文未规定的请用 kind=not_in_text）")
    if expected == "out_of_scope" and (item.gold_articles or item.gold_units):
        problems.append("must_refuse 为 true 且超出范围（out_of_scope）的题目不应有 gold_articles / gold_units")
    if any(not 1 <= n <= 32 for n in item.gold_articles):
        problems.append(f"gold_articles 中的条款序号须在 1–32 之间：{item.gold_articles}")
    return problems


def _error_text(exc: ValidationError) -> str:
    return "；".join(f"{'.'.join(str(p) for p in err['loc']) or '整行'}: {err['msg']}" for err in exc.errors())


def load_items(path: str | Path) -> list[EvalItem]:
    """Read and validate every item of a JSONL evaluation set.

    Args:
        path: The ``.jsonl`` file; blank lines are skipped.

    Returns:
        The items in file order.

    Raises:
        DatasetError: the file is missing or empty, a line is not valid JSON or does not match the
            schema, or two items share an id. The message names the file and line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DatasetError(f"找不到评测集文件：{path}") from exc
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path}：不是 UTF-8 编码（{exc.reason}）") from exc

    items: list[EvalItem] = []
    first_line: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path} 第 {lineno} 行：不是合法的 JSON（{exc.msg}，第 {exc.colno} 列）") from exc
        if not isinstance(data, dict):
            raise DatasetError(f"{path} 第 {lineno} 行：应为 JSON 对象，实际是 {type(data).__name__}")
        try:
            item = EvalItem.model_validate(data)
        except ValidationError as exc:
            raise DatasetError(f"{path} 第 {lineno} 行：字段不符合评测集格式（{_error_text(exc)}）") from exc
        if item.id in first_line:
            raise DatasetError(f"{path} 第 {lineno} 行：题目编号 {item.id} 与第 {first_line[item.id]} 行重复")
        first_line[item.id] = lineno
        items.append(item)
    if not items:
        raise DatasetError(f"{path}：评测集为空")
    return items
