"""The award rule data: verbatim quotes, units that are the article's own, standards that start with the text's."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from corpus.awards import AwardRulesError, load_award_rules
from corpus.paths import POLICY_PATH
from ingest.parse import parse_policy

RULES = load_award_rules()
ARTICLES = {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}


def _dense(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("rule", [*RULES.rules, *RULES.unfixed], ids=lambda r: r.id)
def test_quotes_are_verbatim_and_units_are_the_articles(rule):
    article = ARTICLES[rule.article]
    assert _dense(rule.quote) in _dense(article.body)
    assert set(rule.units) <= set(article.units)


def test_the_first_standards_are_the_texts():
    article3, article11 = RULES.rule("article3").versions[0], RULES.rule("article11").versions[0]
    assert (article3.rate, article3.cap, article3.effective_from) == (Decimal("0.015"), Decimal(5_000_000), None)
    assert (article11.rate, article11.cap) == (Decimal("0.40"), None)
    assert _dense(RULES.change_clause) in _dense(POLICY_PATH.read_text(encoding="utf-8"))


def test_a_broken_rule_file_is_named_in_the_error(tmp_path):
    data = json.loads((POLICY_PATH.parent.parent / "awards.json").read_text(encoding="utf-8"))
    data["rules"][0]["item_conditions"][0]["fact"] = "investment.colour"
    path = tmp_path / "awards.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(AwardRulesError, match=r"investment\.colour"):
        load_award_rules(path)
