"""The place-role matcher: the first rule that holds gives the role, in file order, with its windows and tests.

Each shipped rule's first example (the first 「…」 of its ``why``) is read by that very rule, so a
rule moved behind another that swallows its cases, or a regex broken in the data, shows up here.
"""

from __future__ import annotations

import json
import re

import pytest

from assistant.understand.parties import place_roles, roles_with_rules
from assistant.understand.place_rules import PREDICATES, WINDOW_TEXT, Spot, first_rule
from assistant.understand.scan import scan
from assistant.understand.text import clauses, prepare
from corpus.gazetteer import load_gazetteer
from corpus.lexicon import load_lexicon
from corpus.paths import PLACE_ROLES_PATH
from corpus.place_roles import TESTS, WINDOWS, load_place_rules

RAW = json.loads(PLACE_ROLES_PATH.read_text(encoding="utf-8"))
LEXICON, GAZETTEER = load_lexicon(), load_gazetteer()


def _rules(folder, *rules: dict):
    folder.mkdir(exist_ok=True)
    path = folder / "place_roles.json"
    path.write_text(json.dumps({**RAW, "rules": list(rules)}, ensure_ascii=False), encoding="utf-8")
    return load_place_rules(path)


def _spot(text: str, place: str) -> Spot:
    start = text.index(place)
    clause = next(c for c in clauses(text) if c.holds(start))
    return Spot(text, start, start + len(place), clause, (), planned=False)


def _deciding_rules(message: str) -> list[tuple[str, str | None]]:
    """Each place of the message and the id of the rule that gives its role (None: no rule)."""
    text = prepare(message)
    found = roles_with_rules(text, scan(text, 2026, LEXICON, GAZETTEER).places, clauses(text), LEXICON)
    return [(read.text, rule.id if rule else None) for read, rule in found]


def test_every_window_and_test_the_data_may_name_is_implemented():
    assert set(WINDOW_TEXT) == set(WINDOWS)
    assert set(PREDICATES) == set(TESTS)


@pytest.mark.parametrize("rule", RAW["rules"], ids=lambda r: r["id"])
def test_each_rules_own_example_is_read_by_that_rule(rule):
    example = re.search(r"「([^」]+)」", rule["why"]).group(1)
    assert rule["id"] in {rule_id for _, rule_id in _deciding_rules(example)}


def test_a_planned_sentence_is_planned_whatever_else_it_says():
    # 「南沙一家基金」 alone is an investor's seat (noun_after); in a sentence about a fund still to be set up it is not.
    assert _deciding_rules("南沙一家基金") == [("南沙", "noun_after")]
    assert _deciding_rules("我们打算在南沙一家基金设立主体") == [("南沙", "planned_sentence")]


def test_the_rule_gives_its_role_and_self_flag():
    text = prepare("我们是前海的基金")
    reads = place_roles(text, scan(text, 2026, LEXICON, GAZETTEER).places, clauses(text), LEXICON)
    assert [(r.text, r.role, r.self_attached) for r in reads] == [("前海", "institution", True)]


def test_the_first_rule_that_holds_wins(tmp_path):
    listing = {"id": "listing", "role": "listing", "why": "「x」", "after": "^的"}
    policy = {"id": "policy", "role": "policy", "why": "「x」", "after": "^的基金"}
    spot = _spot("我们是前海的基金", "前海")
    assert first_rule(spot, _rules(tmp_path / "a", listing, policy)).role == "listing"
    assert first_rule(spot, _rules(tmp_path / "b", policy, listing)).role == "policy"


def test_every_condition_of_a_rule_must_hold(tmp_path):
    rule = {"id": "both", "role": "investee", "why": "「x」", "before": "投了$", "not_after": "^一家基金"}
    rules = _rules(tmp_path, rule)
    assert first_rule(_spot("投了南沙一家企业", "南沙"), rules).id == "both"
    assert first_rule(_spot("投了南沙一家基金", "南沙"), rules) is None
    assert first_rule(_spot("在南沙一家企业", "南沙"), rules) is None


def test_a_named_test_is_asked_of_the_place(tmp_path):
    rule = {"id": "opening", "role": "institution", "why": "「x」", "test": "opens_message", "after": "^的"}
    rules = _rules(tmp_path, rule)
    assert first_rule(_spot("珠海的 今年投了", "珠海"), rules).id == "opening"
    assert first_rule(_spot("我们珠海的 今年投了", "珠海"), rules) is None


def test_windows_cut_the_text_around_the_place():
    text = "我们投了两家，一家在天河到账1000万。"
    spot = _spot(text, "天河")
    windows = {name: cut(spot) for name, cut in WINDOW_TEXT.items()}
    assert windows["before"] == "一家在"
    assert windows["after"] == "到账1000万"
    assert windows["sentence_before"] == "我们投了两家，一家在"
    assert windows["near_before"] == "投了两家，一家在"
    assert windows["before_last4"] == "一家在"
    assert windows["text_after"] == "到账1000万。"
