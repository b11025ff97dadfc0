"""The doubt rules load, every placeholder expands, each rule's own example raises its question, and a broken file says what is wrong."""

from __future__ import annotations

import json
import re

import pytest

from assistant.understand.doubts import doubts
from assistant.understand.model import Facts
from corpus.doubt_rules import DoubtRulesError, load_doubt_rules
from corpus.lexicon import load_lexicon
from corpus.paths import DOUBTS_PATH

RAW = json.loads(DOUBTS_PATH.read_text(encoding="utf-8"))
_NAME = re.compile(r"\{[a-z_][a-z0-9_]*\}")
_EXAMPLE = re.compile(r"「([^」]+)」")


def _write(tmp_path, data) -> object:
    path = tmp_path / "doubts.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_rules_load_in_file_order_with_every_placeholder_expanded():
    rules = load_doubt_rules()
    assert [r.id for r in rules] == [r["id"] for r in RAW["doubts"]]
    for rule in rules:
        for pattern in (*rule.any, *rule.all, *rule.none):
            assert not _NAME.search(pattern.pattern), rule.id


@pytest.mark.parametrize("record", RAW["doubts"], ids=[r["id"] for r in RAW["doubts"]])
def test_each_rules_own_example_raises_its_question(record):
    # The first example of a rule's why is a message the rule is written for: it must ask.
    example = _EXAMPLE.search(record["why"]).group(1)
    rule = next(r for r in load_doubt_rules() if r.id == record["id"])
    assert rule.matches(example), example
    asked = {q.text for q in doubts(example, load_lexicon(), Facts())}
    assert load_lexicon().ask(record["ask"], when="今年") in asked, example


def test_a_plain_statement_raises_no_doubt():
    text = "我们是南沙的创投，2024年投了黄埔一家初创期科技型中小企业，实际到账2000万。"
    assert doubts(text, load_lexicon(), Facts()) == []


def test_only_the_first_rule_of_a_group_is_asked():
    # 「到账多少不清楚」 and 「是不是到账也说不准」 are one doubt about the same figure.
    text = "到账多少我不清楚，要问财务；钱打到了共管账户，不确定到没到账"
    received = [q for q in doubts(text, load_lexicon(), Facts()) if q.slot == "received_amount"]
    assert len(received) == 1


def test_a_repeated_id_is_refused(tmp_path):
    data = {**RAW, "doubts": [RAW["doubts"][1], RAW["doubts"][1]]}
    with pytest.raises(DoubtRulesError, match=RAW["doubts"][1]["id"]):
        load_doubt_rules(_write(tmp_path, data))


def test_an_unknown_placeholder_is_named_with_its_rule(tmp_path):
    broken = {"id": "broken", "slot": "amount", "ask": "new_deal", "why": "「x」", "any": ["{no_such_words}"]}
    with pytest.raises(DoubtRulesError, match=r"broken.*no_such_words"):
        load_doubt_rules(_write(tmp_path, {**RAW, "doubts": [broken]}))


def test_an_unknown_question_is_refused(tmp_path):
    broken = {"id": "broken", "slot": "amount", "ask": "no_such_question", "why": "「x」", "any": ["x"]}
    with pytest.raises(DoubtRulesError, match=r"broken.*no_such_question"):
        load_doubt_rules(_write(tmp_path, {**RAW, "doubts": [broken]}))


def test_a_rule_that_matches_nothing_in_particular_is_refused(tmp_path):
    broken = {"id": "broken", "slot": "amount", "ask": "new_deal", "why": "「x」", "none": ["x"]}
    with pytest.raises(DoubtRulesError, match="broken"):
        load_doubt_rules(_write(tmp_path, {**RAW, "doubts": [broken]}))


def test_a_file_that_is_not_json_is_named(tmp_path):
    path = tmp_path / "doubts.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(DoubtRulesError, match="不是有效的 JSON"):
        load_doubt_rules(path)


def test_a_doubt_about_a_named_year_asks_about_that_year():
    text = "2023年到账多少我忘了，2024年到账2000万"
    asked = [q.text for q in doubts(text, load_lexicon(), Facts()) if q.slot == "received_amount"]
    assert asked and asked[0].startswith("请问2023年实际到账多少")
