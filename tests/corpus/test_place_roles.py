"""The place-role rules load, every placeholder expands, every id is unique, and a broken file says what is wrong."""

from __future__ import annotations

import json
import re

import pytest

from corpus.paths import PLACE_ROLES_PATH
from corpus.place_roles import PlaceRulesError, load_place_rules

RAW = json.loads(PLACE_ROLES_PATH.read_text(encoding="utf-8"))
_NAME = re.compile(r"\{[a-z_][a-z0-9_]*\}")


def _write(tmp_path, data) -> object:
    path = tmp_path / "place_roles.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_rules_load_in_file_order():
    rules = load_place_rules()
    assert [r.id for r in rules.rules] == [r["id"] for r in RAW["rules"]]
    assert RAW["source"] and RAW["note"]


def test_every_placeholder_expands():
    rules = load_place_rules()
    for rule in rules.rules:
        for check in rule.checks:
            assert not _NAME.search(check.pattern.pattern), (rule.id, check.window)
    for name in RAW["fragments"]:
        assert not _NAME.search(rules.fragment(name)), name
        rules.pattern(name)


def test_every_rule_id_is_unique_and_every_rule_tests_something():
    ids = [r["id"] for r in RAW["rules"]]
    assert len(ids) == len(set(ids))
    for rule in load_place_rules().rules:
        assert rule.checks or rule.test, rule.id


def test_a_repeated_id_is_refused(tmp_path):
    data = {**RAW, "rules": [RAW["rules"][1], RAW["rules"][1]]}
    with pytest.raises(PlaceRulesError, match=RAW["rules"][1]["id"]):
        load_place_rules(_write(tmp_path, data))


def test_an_unknown_placeholder_is_named_with_its_rule(tmp_path):
    broken = {"id": "broken", "role": "investee", "why": "「x」", "after": "^{no_such_words}"}
    with pytest.raises(PlaceRulesError, match=r"broken.*no_such_words"):
        load_place_rules(_write(tmp_path, {**RAW, "rules": [broken]}))


def test_a_misspelt_window_is_refused(tmp_path):
    broken = {"id": "broken", "role": "investee", "why": "「x」", "bfore": "在$"}
    with pytest.raises(PlaceRulesError, match="bfore"):
        load_place_rules(_write(tmp_path, {**RAW, "rules": [broken]}))


def test_a_fragment_names_only_the_fragments_above_it(tmp_path):
    fragments = {"first": {"pattern": "{second}"}, "second": {"pattern": "在"}}
    with pytest.raises(PlaceRulesError, match=r"first.*second"):
        load_place_rules(_write(tmp_path, {**RAW, "fragments": fragments}))
