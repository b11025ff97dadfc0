"""Whether an answer declined when it should, and in the right way: reasons, rates, confusion counts.

An item expects one of three answerabilities (``EvalItem.expected_answerability``): ``answered``,
``not_in_text`` (the text names the subject but not what was asked; the decline cites the nearest
article) or ``out_of_scope`` (another place's rules or an unrelated topic; no citation).

Example:
    >>> from assistant.schemas import Answer
    >>> from evals.dataset import EvalItem
    >>> item = EvalItem(id="x", question="深圳的补贴？", kind="out_of_scope", must_refuse=True)
    >>> answerability_reasons(item, Answer(answer="抱歉", answerability="not_in_text"))
    ['拒答类型不符：应为 out_of_scope，实为 not_in_text']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.schemas import Answer, Answerability
from evals.answers import cited_articles
from evals.dataset import EvalItem

if TYPE_CHECKING:
    from evals.metrics import ItemResult

# The three values in the order tables show them, with their Chinese names.
ANSWERABILITIES: tuple[Answerability, ...] = ("answered", "not_in_text", "out_of_scope")
ANSWERABILITY_LABELS: dict[str, str] = {
    "answered": "作答",
    "not_in_text": "原文未规定",
    "out_of_scope": "超出范围",
}


def cites_gold(item: EvalItem, answer: Answer) -> bool:
    """Whether the answer cites at least one of the item's gold articles."""
    return any(n in item.gold_articles for n in cited_articles(answer))


def answerability_reasons(item: EvalItem, answer: Answer) -> list[str]:
    """Why the answer's answerability is wrong for the item, in Chinese (empty when it is right).

    Answering a decline item, declining an answerable one, declining with the other kind of
    decline, and a ``not_in_text`` decline that does not cite any of the item's gold articles.
    """
    expected, got = item.expected_answerability, answer.answerability
    reasons: list[str] = []
    if expected != "answered" and got == "answered":
        reasons.append("应拒答却作答")
    elif expected == "answered" and got != "answered":
        reasons.append("误拒答")
    elif expected != got:
        reasons.append(f"拒答类型不符：应为 {expected}，实为 {got}")
    if expected == "not_in_text" and got != "answered" and item.gold_articles and not cites_gold(item, answer):
        reasons.append("拒答未指向相关条款")
    return reasons


def answerability_matches(record: ItemResult) -> bool:
    """Whether the answer's answerability equals the item's expected one."""
    return record.answer.answerability == record.item.expected_answerability


def expecting(records: Sequence[ItemResult], answerability: Answerability) -> list[ItemResult]:
    """The records whose item expects ``answerability``."""
    return [r for r in records if r.item.expected_answerability == answerability]


def answerability_confusion(records: Sequence[ItemResult]) -> dict[tuple[str, str], int]:
    """How many records expected each answerability and got each one, keyed by (expected, got).

    Every one of the nine pairs is present (zeros included), in ``ANSWERABILITIES`` order.
    """
    counts = {(e, g): 0 for e in ANSWERABILITIES for g in ANSWERABILITIES}
    for r in records:
        counts[r.item.expected_answerability, r.answer.answerability] += 1
    return counts


def confusion_json(records: Sequence[ItemResult]) -> dict[str, dict[str, int]]:
    """The confusion counts as nested JSON objects: ``{expected: {got: count}}``."""
    nested: dict[str, dict[str, int]] = {e: {} for e in ANSWERABILITIES}
    for (expected, got), count in answerability_confusion(records).items():
        nested[expected][got] = count
    return nested
