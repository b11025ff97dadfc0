"""The JSONL loader: the shipped sets load, and broken files fail with the file and line named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.dataset import DEV_SET, TEST_SET, DatasetError, load_items

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
    assert all(i.must_refuse == (not i.gold_articles) for i in dev + test)
    multi = [i for i in dev if i.kind == "multi_turn"]
    assert multi and all(i.turns for i in multi)
    nulls = [i for i in dev if i.expects_award and i.expected.award_yuan is None]
    assert len(nulls) == 3


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
