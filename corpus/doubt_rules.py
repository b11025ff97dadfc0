"""The doubt rules: what a message says is not settled yet, and the question to ask about it.

Data in ``understanding/doubts.json`` (its ``note`` says how to read it): an ordered list of
rules, each a set of regexes over the whole message (``any``, ``all``, ``none``), at most one
named test on the facts read from it (``test``), the slot the doubt is about and the key of the
question to ask (``ask``, one of the lexicon's ``questions``). Rules of one ``group`` are
alternatives: only the first that holds is asked. Regexes name the file's ``fragments`` and the
lexicon's lists as ``{name}``; they are expanded and compiled once here.

Example:
    >>> rules = load_doubt_rules()
    >>> next(r for r in rules if r.id == "arrival_unknown").ask
    'arrived_in_year'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from corpus.lexicon import load_lexicon, longest_first
from corpus.paths import DOUBTS_PATH, LEXICON_PATH
from corpus.rule_patterns import Fragment, RuleData, compile_regex, expand, expand_fragments, read_rule_file

__all__ = ["DoubtRule", "DoubtRulesError", "DoubtTest", "load_doubt_rules"]

# no_investments: the message told no investment (its own figures settle the doubt otherwise);
# no_arrived: the message told no money arrived (a signed amount alone does not settle what came);
# one_institution: at most one institution was read (several named settle whose money it is);
# seats_apart: the places the rule's patterns name lie both inside and outside the Bay Area (one investor).
DoubtTest = Literal["no_investments", "no_arrived", "one_institution", "seats_apart"]
Slot = Literal["institution_of", "received_amount", "amount", "year", "investee_place", "tech_sme"]


class DoubtRulesError(ValueError):
    """The doubt file is missing, unreadable or inconsistent (the message says which rule)."""


class DoubtRecord(RuleData):
    """One rule as the file writes it."""

    id: str = Field(..., min_length=1)
    slot: Slot
    ask: str = Field(..., min_length=1)
    why: str = Field(..., min_length=1)
    group: str | None = None
    any: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    test: DoubtTest | None = None

    @model_validator(mode="after")
    def _something_to_match(self) -> DoubtRecord:
        if not (self.any or self.all):
            raise ValueError(f"规则 {self.id} 没有 any 或 all：它会对每条消息成立")
        return self


class DoubtFile(RuleData):
    """The whole file."""

    source: str = Field(..., min_length=1)
    note: str = Field(..., min_length=1)
    fragments: dict[str, Fragment]
    doubts: tuple[DoubtRecord, ...] = Field(..., min_length=1)


@dataclass(frozen=True)
class DoubtRule:
    """A rule ready to test."""

    id: str
    slot: Slot
    ask: str
    group: str | None
    any: tuple[re.Pattern[str], ...]
    all: tuple[re.Pattern[str], ...]
    none: tuple[re.Pattern[str], ...]
    test: DoubtTest | None

    def matches(self, text: str) -> bool:
        """Whether the rule's regexes hold over ``text`` (its test is the reader's to check)."""
        return self.where(text) is not None

    def where(self, text: str) -> int | None:
        """Where in ``text`` the doubt is said (the start of its first match), or None when the rule does not hold."""
        if any(p.search(text) for p in self.none):
            return None
        some = [m for m in (p.search(text) for p in self.any) if m is not None]
        every = [p.search(text) for p in self.all]
        if (self.any and not some) or not all(every):
            return None
        return min(m.start() for m in (*some, *every) if m is not None)


@cache
def load_doubt_rules(path: Path = DOUBTS_PATH, lexicon_path: Path = LEXICON_PATH) -> tuple[DoubtRule, ...]:
    """The rules shipped in ``corpus/understanding`` (read once per path).

    Raises:
        DoubtRulesError: The file is missing, not JSON, or a rule, a regex, a placeholder or a
            question key is wrong.
    """
    data = read_rule_file(path, DoubtFile, "存疑规则", DoubtRulesError)
    lexicon = load_lexicon(lexicon_path)
    words = {"individual_unsure": "|".join(map(re.escape, longest_first(lexicon.parties.individual_unsure)))}
    named = expand_fragments(data.fragments, words, DoubtRulesError)
    ids = [r.id for r in data.doubts]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise DoubtRulesError(f"存疑规则 id 重复：{'、'.join(repeated)}")
    rules = []
    for record in data.doubts:
        if record.ask not in lexicon.questions:
            raise DoubtRulesError(f"规则 {record.id} 要问的 {record.ask} 不在词表的 questions 里")
        rules.append(
            DoubtRule(
                record.id,
                record.slot,
                record.ask,
                record.group,
                _compiled(record.any, named, f"规则 {record.id} 的 any"),
                _compiled(record.all, named, f"规则 {record.id} 的 all"),
                _compiled(record.none, named, f"规则 {record.id} 的 none"),
                record.test,
            )
        )
    return tuple(rules)


def _compiled(regexes: tuple[str, ...], named: dict[str, str], where: str) -> tuple[re.Pattern[str], ...]:
    return tuple(compile_regex(expand(r, named, where, DoubtRulesError), where, DoubtRulesError) for r in regexes)
