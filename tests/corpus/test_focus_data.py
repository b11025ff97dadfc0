"""The focus vocabulary, the named things and the question-style index load, compile and cover the policy."""

from __future__ import annotations

import re

from corpus.focus import load_focus
from corpus.named_things import load_named_things
from corpus.paths import POLICY_PATH
from corpus.question_index import load_question_index


def test_every_focus_pattern_compiles():
    focus = load_focus()
    for attribute in focus.attributes.items:
        assert attribute.asked.pattern
        assert attribute.given is None or attribute.given.pattern
    for topic in focus.outside.topics:
        assert topic.pattern.pattern
    assert all(p.pattern for p in focus.mention.compiled)
    assert focus.outside.owned_rule.here_pattern.pattern and focus.outside.owned_rule.owner.pattern
    re.compile(focus.parts.breaks)
    re.compile(focus.document_asked.pattern)


def test_attribute_names_are_unique():
    names = [a.name for a in load_focus().attributes.items]
    assert len(names) == len(set(names))


def test_every_named_thing_is_written_in_the_policy():
    text = POLICY_PATH.read_text(encoding="utf-8").replace(" ", "").replace("\n", "")
    for thing in load_named_things().things:
        assert any(s.replace(" ", "") in text for s in thing.spellings), thing.name


def test_the_question_index_asks_about_every_article():
    questions = load_question_index().questions()
    assert {q.article for q in questions} == set(range(1, 33))
    assert len({q.text for q in questions}) == len(questions)
