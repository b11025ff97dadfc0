"""The JSONL loader: the shipped sets load, and broken files fail with the file and line named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from evals.dataset import DEV_SET, TEST_SET, DatasetError, EvalItem, load_items

GOOD = {
    "id": "x-001",
    "question": "第三条讲的是什么？",
    "kind": "article_lookup",
    "gold_articles": [3],
    "gold_units": ["市科技局"],
    "expected": {},
    "must_refuse": False,
    "notes": "",
}


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def line(**overrides: object) -> str:
    return json.dumps({**GOOD, **overrides}, ensure_ascii=False)


def test_shipped_sets_load() -> None:
    dev, test = load_items(DEV_SET), load_items(TEST_SET)
    assert len(dev) == 87
    assert len(test) == 90
    # Answered items rest on gold articles; out-of-scope ones never do.
    assert all(bool(i.gold_articles) for i in dev + test if i.expected_answerability == "answered")
    assert not any(i.gold_articles for i in dev + test if i.expected_answerability == "out_of_scope")
    multi = [i for i in dev if i.kind == "multi_turn"]
    assert multi and all(i.turns for i in multi)
    nulls = [i for i in dev if i.expects_award and i.expected.award_yuan is None]
    assert len(nulls) == 3


def test_shipped_null_amount_questions_expect_not_in_text() -> None:
    """Every null-award item asks for an amount, so each expects a not_in_text decline citing its article."""
    items = {i.id: i for i in load_items(DEV_SET) + load_items(TEST_SET)}
    nulls = [i for i in items.values() if i.expects_award and i.expected.award_yuan is None]
    assert sorted(i.id for i in nulls) == ["dev-034", "dev-037", "dev-085", "test-035", "test-036"]
    assert all(i.expected_answerability == "not_in_text" and i.must_refuse and i.gold_articles for i in nulls)
    assert items["dev-071"].kind == "not_in_text"
    assert items["dev-071"].gold_articles == [3]
    assert items["test-074"].gold_articles == [12]
    # Other places and unrelated topics stay out of scope.
    assert items["dev-067"].expected_answerability == "out_of_scope"
    assert items["test-070"].expected_answerability == "out_of_scope"


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "set.jsonl", [line(), "", "   ", line(id="x-002")])
    assert [i.id for i in load_items(path)] == ["x-001", "x-002"]


def test_invalid_json_names_file_and_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "broken.jsonl", [line(), '{"id": "x-002", "question": '])
    with pytest.raises(DatasetError) as info:
        load_items(path)
    message = str(info.value)
    assert "broken.jsonl" in message
    assert "第 2 行" in message
    assert "不是合法的 JSON" in message


def test_schema_error_names_the_field(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "set.jsonl", [line(), line(id="x-002"), line(id="x-003", kind="trivia")])
    with pytest.raises(DatasetError, match=r"第 3 行：字段不符合评测集格式（kind"):
        load_items(path)


def test_missing_field_and_unknown_field(tmp_path: Path) -> None:
    data = dict(GOOD)
    del data["question"]
    with pytest.raises(DatasetError, match=r"第 1 行.*question"):
        load_items(write_lines(tmp_path / "a.jsonl", [json.dumps(data)]))
    with pytest.raises(DatasetError, match=r"第 1 行.*gold_article"):
        load_items(write_lines(tmp_path / "b.jsonl", [line(gold_article=[3])]))
    with pytest.raises(DatasetError, match=r"第 1 行.*expected\.award"):
        load_items(write_lines(tmp_path / "c.jsonl", [line(expected={"award": 5})]))


def test_not_an_object(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"第 1 行：应为 JSON 对象"):
        load_items(write_lines(tmp_path / "set.jsonl", ["[1, 2]"]))


def test_inconsistent_refusal_labels(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="must_refuse"):
        load_items(write_lines(tmp_path / "set.jsonl", [line(kind="out_of_scope", must_refuse=True)]))
    with pytest.raises(DatasetError, match="不一致"):
        load_items(write_lines(tmp_path / "set.jsonl", [line(kind="injection", gold_articles=[], gold_units=[])]))
    with pytest.raises(DatasetError, match="1–32"):
        load_items(write_lines(tmp_path / "set.jsonl", [line(gold_articles=[33])]))


def test_duplicate_ids(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "set.jsonl", [line(), line(question="另一个问题")])
    with pytest.raises(DatasetError, match=r"第 2 行：题目编号 x-001 与第 1 行重复"):
        load_items(path)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="找不到评测集文件"):
        load_items(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="评测集为空"):
        load_items(tmp_path / "empty.jsonl")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(line().encode("gbk"))
    with pytest.raises(DatasetError, match="UTF-8"):
        load_items(path)


def test_award_null_versus_absent(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "set.jsonl",
        [
            line(id="a", kind="calculator", expected={"award_yuan": None}),
            line(id="b", kind="calculator", expected={"award_yuan": 1200000}),
            line(id="c", kind="numeric_fact", expected={"value": "15%"}),
            line(id="d"),
        ],
    )
    a, b, c, d = load_items(path)
    assert (a.expects_award, a.expected.award_yuan) == (True, None)
    assert (b.expects_award, b.expected.award_yuan) == (True, 1200000)
    assert (c.expects_award, c.expected_value) == (False, "15%")
    assert (d.expects_award, d.expected_value) == (False, None)
    assert b.expected_text() == "条款 3；金额 1,200,000 元"
    assert a.expected_text() == "条款 3；金额 无固定数额(null)"


def test_items_round_trip_through_json(tmp_path: Path) -> None:
    items = load_items(DEV_SET)
    path = tmp_path / "copy.jsonl"
    path.write_text("\n".join(i.model_dump_json() for i in items) + "\n", encoding="utf-8")
    assert load_items(path) == items
    assert json.loads(items[0].model_dump_json())["expected"] == {}


def item_from(**overrides: object) -> EvalItem:
    return EvalItem.model_validate({**GOOD, **overrides})


def not_in_text_fields(**overrides: object) -> dict[str, object]:
    return {"kind": "not_in_text", "must_refuse": True, "answerability": "not_in_text", **overrides}


def test_expected_answerability_defaults_from_must_refuse() -> None:
    assert item_from().expected_answerability == "answered"
    refusal = item_from(kind="out_of_scope", must_refuse=True, gold_articles=[], gold_units=[])
    assert refusal.expected_answerability == "out_of_scope"
    assert item_from(**not_in_text_fields()).expected_answerability == "not_in_text"
    assert item_from(answerability="answered").expected_answerability == "answered"


def test_answerability_must_agree_with_must_refuse() -> None:
    with pytest.raises(ValidationError, match="answerability=not_in_text 与 must_refuse=False 不一致"):
        item_from(answerability="not_in_text")
    with pytest.raises(ValidationError, match="answerability=answered 与 must_refuse=True 不一致"):
        item_from(kind="calculator", must_refuse=True, answerability="answered")
    with pytest.raises(ValidationError, match="answerability"):
        item_from(answerability="refused")


def test_refusal_kinds_imply_must_refuse() -> None:
    for kind in ("out_of_scope", "injection", "not_in_text"):
        with pytest.raises(ValidationError, match=f"kind={kind} 与 must_refuse=False 不一致"):
            item_from(kind=kind, gold_articles=[], gold_units=[])


def test_not_in_text_kind_needs_the_label_and_out_of_scope_kind_refuses_it() -> None:
    with pytest.raises(ValidationError, match='须标注 "answerability": "not_in_text"'):
        item_from(kind="not_in_text", must_refuse=True, gold_articles=[], gold_units=[])
    with pytest.raises(ValidationError, match="kind=out_of_scope 与 answerability=not_in_text 不一致"):
        item_from(kind="out_of_scope", must_refuse=True, answerability="not_in_text")


def test_other_kinds_may_be_declined_item_by_item() -> None:
    calc = item_from(kind="calculator", must_refuse=True, answerability="not_in_text", expected={"award_yuan": None})
    assert (calc.must_refuse, calc.expected_answerability, calc.gold_articles) == (True, "not_in_text", [3])
    turn = item_from(kind="multi_turn", turns=["第三条是什么"], must_refuse=True, answerability="not_in_text")
    assert turn.expected_answerability == "not_in_text"


def test_gold_allowed_on_not_in_text_but_not_on_out_of_scope() -> None:
    nearest = item_from(**not_in_text_fields())
    assert (nearest.gold_articles, nearest.gold_units) == ([3], ["市科技局"])
    # A decline pointing at an article is not an answerable item: no retrieval or citation scores.
    assert not nearest.answerable
    assert item_from().answerable
    with pytest.raises(ValidationError, match=r"out_of_scope.*不应有 gold_articles"):
        item_from(kind="out_of_scope", must_refuse=True)
    with pytest.raises(ValidationError, match=r"out_of_scope.*不应有 gold_articles"):
        item_from(kind="out_of_scope", must_refuse=True, gold_articles=[], answerability="out_of_scope")
    with pytest.raises(ValidationError, match=r"out_of_scope.*不应有 gold_articles"):
        item_from(kind="calculator", must_refuse=True, expected={"award_yuan": None})


def test_case_field_is_accepted_and_typos_still_fail(tmp_path: Path) -> None:
    (loaded,) = load_items(write_lines(tmp_path / "blind.jsonl", [line(kind="calculator", case="unfixed")]))
    assert loaded.case == "unfixed"
    assert loaded.expected_answerability == "answered"
    with pytest.raises(DatasetError, match=r"第 1 行.*cases"):
        load_items(write_lines(tmp_path / "typo.jsonl", [line(cases="award")]))
    with pytest.raises(DatasetError, match=r"第 1 行.*answerabilty"):
        load_items(write_lines(tmp_path / "typo2.jsonl", [line(answerabilty="answered")]))


def test_new_kinds_load(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "set.jsonl",
        [
            line(id="m", kind="mention", gold_articles=[6, 19], gold_units=[]),
            line(id="n", **not_in_text_fields()),
        ],
    )
    mention, nit = load_items(path)
    assert (mention.kind, mention.answerable) == ("mention", True)
    assert (nit.kind, nit.expected_answerability) == ("not_in_text", "not_in_text")
    assert nit.expected_text() == "应拒答（原文未规定）；条款 3"
    refusal = item_from(kind="out_of_scope", must_refuse=True, gold_articles=[], gold_units=[])
    assert refusal.expected_text() == "应拒答"


def test_label_errors_name_the_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "set.jsonl", [line(), line(id="x-002", answerability="out_of_scope")])
    with pytest.raises(DatasetError, match=r"第 2 行：字段不符合评测集格式.*must_refuse=False 不一致"):
        load_items(path)
