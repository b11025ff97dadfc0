"""The alias table: everyday words → the policy's own terms, and unit nicknames → full names.

It is data (``dictionary/aliases.json``), so covering new colloquial wording means adding a
line there, not a rule in code.

Example:
    >>> table = load_aliases()
    >>> "种子期" in table.expand("我们刚拿到天使轮")
    True
    >>> table.units_in("发改委负责什么")
    ['市发展改革委']
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from corpus.paths import ALIASES_PATH


class AliasGroup(BaseModel):
    """Ways people say a thing, and the policy's terms for it."""

    aliases: list[str]
    canonical: list[str]


class AliasTable(BaseModel):
    """Every alias group and unit nickname."""

    groups: list[AliasGroup]
    units: dict[str, list[str]]

    def expand(self, text: str) -> list[str]:
        """The canonical terms whose aliases occur in ``text`` (case-insensitive), deduplicated."""
        lowered = text.lower()
        terms: list[str] = []
        for group in self.groups:
            if any(alias.lower() in lowered for alias in group.aliases):
                terms.extend(t for t in group.canonical if t not in terms)
        return terms

    def canonical_of(self, term: str) -> list[str]:
        """The canonical terms of the groups ``term`` is one whole alias of (「tax」 → 税), case-insensitive."""
        folded = term.strip().lower()
        terms: list[str] = []
        for group in self.groups:
            if any(alias.lower() == folded for alias in group.aliases):
                terms.extend(t for t in group.canonical if t not in terms)
        return terms

    @cached_property
    def _unit_aliases(self) -> list[tuple[str, set[str]]]:
        # One nickname may name several units (人社局); longest first, so 市市场监管局 wins over 市场监管局.
        by_alias: dict[str, set[str]] = {}
        for unit, aliases in self.units.items():
            for alias in aliases:
                by_alias.setdefault(alias, set()).add(unit)
        return sorted(by_alias.items(), key=lambda pair: -len(pair[0]))

    def units_in(self, text: str) -> list[str]:
        """The responsible units ``text`` names, by full name or nickname, in table order."""
        found: set[str] = set()
        for alias, units in self._unit_aliases:
            if alias in text:
                found |= units
                # Blank the match so a shorter nickname inside it cannot match again.
                text = text.replace(alias, "\u3000" * len(alias))
        return [unit for unit in self.units if unit in found]


def load_aliases(path: Path = ALIASES_PATH) -> AliasTable:
    """Read the alias table shipped in ``corpus/dictionary``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return AliasTable(groups=data["groups"], units=data["units"])
