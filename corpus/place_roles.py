"""The place-role rules: whose place each place of a message is, decided by the words around it.

Data in ``understanding/place_roles.json`` (its ``source`` and ``note`` say how to read it): an
ordered list of rules, the first that holds gives the role. A rule tests windows of text around
the place with regexes (``before``, ``after``, ``sentence_before``…; ``not_after`` must not match)
and may name one test the reader implements in code (``test``). Regexes write the lexicon's word
lists and the file's shared ``fragments`` as ``{name}``; they are expanded and compiled once here.
The reader (``assistant.understand.place_rules``) walks the rules.

Example:
    >>> rules = load_place_rules()
    >>> rules.rules[0].role
    'planned'
    >>> bool(rules.pattern("located").search("注册在"))
    True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import Field, model_validator

from corpus.lexicon import Lexicon, load_lexicon, longest_first, word_regex
from corpus.paths import LEXICON_PATH, PLACE_ROLES_PATH
from corpus.rule_patterns import Fragment, RuleData, compile_regex, expand, expand_fragments, read_rule_file

__all__ = [
    "TESTS",
    "WINDOWS",
    "Check",
    "PlaceRole",
    "PlaceRules",
    "PlaceRulesError",
    "Rule",
    "Test",
    "Window",
    "load_place_rules",
]

# planned: 「打算在南沙设一只基金」, the place of a vehicle not set up yet (no fact of a known investment).
PlaceRole = Literal[
    "institution", "investee", "third", "listing", "secondary", "negated", "planned", "policy", "unknown"
]
# The stretches of text around a place a regex may look at (the reader cuts them; the file's note says what each is).
Window = Literal[
    "before",
    "after",
    "before_last3",
    "before_last4",
    "before_last5",
    "sentence_before",
    "text_before",
    "text_after",
    "near_before",
]
# The tests that are no regex over one window; the reader implements each once.
Test = Literal[
    "planned_sentence",
    "bracket_after_institution",
    "bracket_after_investee",
    "sentence_subject_is_institution",
    "sentence_subject_is_investee",
    "subject_is_institution",
    "subject_is_investee",
    "opens_message",
    "after_third_in_sentence",
    "last_place_in_clause",
]
WINDOWS: tuple[Window, ...] = get_args(Window)
TESTS: tuple[Test, ...] = get_args(Test)


class PlaceRulesError(ValueError):
    """The rule file is missing, unreadable or inconsistent (the message says which rule or fragment)."""


class Condition(RuleData):
    """One regex over one window; ``wanted`` False is a ``not_…`` key: the regex must not match."""

    window: Window
    wanted: bool
    regex: str = Field(..., min_length=1)


class RuleRecord(RuleData):
    """One rule as the file writes it: each condition is a key named after its window."""

    id: str = Field(..., min_length=1)
    role: PlaceRole
    why: str = Field(..., min_length=1)
    self_attached: bool = False
    test: Test | None = None
    conditions: tuple[Condition, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _gather_conditions(cls, data: Any) -> Any:
        """``"not_after": "…"`` becomes a condition on the window ``after`` that must not match."""
        if not isinstance(data, dict):
            return data
        fields = set(cls.model_fields) - {"conditions"}
        own = {k: v for k, v in data.items() if k in fields}
        conditions = []
        for key, regex in data.items():
            if key in fields:
                continue
            if key.removeprefix("not_") not in WINDOWS:
                raise ValueError(
                    f"规则 {data.get('id')} 的键 {key} 既不是规则字段，也不是窗口（可用：{'、'.join(WINDOWS)}）"
                )
            conditions.append(
                {"window": key.removeprefix("not_"), "wanted": not key.startswith("not_"), "regex": regex}
            )
        return {**own, "conditions": conditions}


class PlaceRulesFile(RuleData):
    """The whole file."""

    source: str = Field(..., min_length=1)
    note: str = Field(..., min_length=1)
    fragments: dict[str, Fragment]
    rules: tuple[RuleRecord, ...] = Field(..., min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> PlaceRulesFile:
        ids = [r.id for r in self.rules]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"规则 id 重复：{'、'.join(repeated)}")
        return self


@dataclass(frozen=True)
class Check:
    """A condition ready to test: the window, whether it must match, the compiled regex."""

    window: Window
    wanted: bool
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Rule:
    """A rule ready to walk."""

    id: str
    role: PlaceRole
    self_attached: bool
    test: Test | None
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class PlaceRules:
    """The rules in order, and every named regex (lexicon words and fragments) expanded."""

    rules: tuple[Rule, ...]
    named: Mapping[str, str]

    def fragment(self, name: str) -> str:
        """The expanded regex text of a fragment or lexicon list, to build a regex of one's own with."""
        return self.named[name]

    def pattern(self, name: str) -> re.Pattern[str]:
        """A fragment or lexicon list compiled on its own."""
        return _compiled(self.named[name])


@cache
def _compiled(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


def _lexicon_words(lexicon: Lexicon) -> dict[str, str]:
    """The lexicon's word lists the rules may name, as regexes."""
    parties, invest = lexicon.parties, lexicon.verbs.invest

    def plain(words: list[str]) -> str:
        return "|".join(map(re.escape, longest_first(words)))

    return {
        "self": plain(parties.self + parties.self_is),  # 「我们」「我们是」: the asker
        "nouns": plain(parties.institution_nouns),  # 「基金」「创投」: an investing institution
        "investee_noun": plain(parties.investee_nouns),  # 「企业」「科小」: a company invested in
        "investor_refs": plain(parties.investor_refs),  # 「投资方」「领投方」
        "invest": f"(?i:{word_regex(invest)})",  # 「投了」「invested」: Latin verbs stand alone, any case
        "invest_words": plain(invest),  # the same verbs matched as written, inside Latin words too
        "third_party": f"(?i:{word_regex(parties.third_party)})",  # 「LP」「股东」
    }


def _build(data: PlaceRulesFile, words: Mapping[str, str]) -> PlaceRules:
    """Expand and compile the file's rules; a fragment may name the lexicon's lists and the fragments above it."""
    named = expand_fragments(data.fragments, words, PlaceRulesError)
    return PlaceRules(tuple(_rule(record, named) for record in data.rules), named)


def _rule(record: RuleRecord, named: Mapping[str, str]) -> Rule:
    checks = []
    for c in record.conditions:
        where = f"规则 {record.id} 的 {'' if c.wanted else 'not_'}{c.window}"
        regex = expand(c.regex, named, where, PlaceRulesError)
        checks.append(Check(c.window, c.wanted, compile_regex(regex, where, PlaceRulesError)))
    return Rule(record.id, record.role, record.self_attached, record.test, tuple(checks))


@cache
def load_place_rules(path: Path = PLACE_ROLES_PATH, lexicon_path: Path = LEXICON_PATH) -> PlaceRules:
    """The rules shipped in ``corpus/understanding``, over the lexicon's word lists (read once per path).

    Raises:
        PlaceRulesError: The file is missing, not JSON, or a rule, a regex or a placeholder is wrong.
    """
    data = read_rule_file(path, PlaceRulesFile, "地点角色规则", PlaceRulesError)
    return _build(data, _lexicon_words(load_lexicon(lexicon_path)))
