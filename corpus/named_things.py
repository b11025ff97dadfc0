"""The named things of the policy: institutions, platforms, programmes, funds, instruments and places, with aliases.

Data in ``understanding/named_things.json``. The mention index (``assistant.retrieve.mentions``)
finds every article that names one; the focus reader sets them apart from what a question asks.

Example:
    >>> things = load_named_things()
    >>> things.find("并购基金在哪几条")[0].name
    '科技企业并购基金'
"""

from __future__ import annotations

import json
import re
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from corpus.paths import NAMED_THINGS_PATH

__all__ = ["NamedThing", "NamedThings", "load_named_things"]

_BRACKETED = re.compile(r"[（(]([^）)]+)[）)]")


class NamedThing(BaseModel):
    """One named thing and the ways it is written."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    external: bool = False  # a body outside the policy (an exchange, a fund, a university): its own rules are not in it

    @property
    def spellings(self) -> tuple[str, ...]:
        """The name and every alias, longest first.

        A name with a bracketed part (「中国创新创业大赛（广州赛区）」) is also written without the brackets
        (「…大赛广州赛区」) and without the part (「中国创新创业大赛」): people do not type the brackets.
        """
        written = {self.name, *self.aliases}
        for name in list(written):
            if _BRACKETED.search(name):
                written |= {_BRACKETED.sub(r"\1", name), _BRACKETED.sub("", name)}
        return tuple(sorted(written - {""}, key=len, reverse=True))


class NamedThings(BaseModel):
    """Every named thing of the policy."""

    model_config = ConfigDict(frozen=True)

    source: str = Field(..., min_length=1)
    things: tuple[NamedThing, ...]
    # 「发行债券」 is named by 「发行上述各类债券产品」 too: a verb and its object a few characters apart.
    gapped_verbs: tuple[str, ...] = ()

    @cached_property
    def _by_spelling(self) -> tuple[tuple[str, NamedThing], ...]:
        pairs = [(s, t) for t in self.things for s in t.spellings]
        return tuple(sorted(pairs, key=lambda p: -len(p[0])))

    @cached_property
    def _names_pattern(self) -> re.Pattern[str]:
        spellings = sorted({s for t in self.things if t.kind != "地名" for s in t.spellings}, key=len, reverse=True)
        return re.compile("|".join(re.escape(s) for s in spellings))

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        """Where names other than places are written (「深圳证券交易所」 hides the place inside it)."""
        return [m.span() for m in self._names_pattern.finditer(text)]

    def find(self, text: str) -> list[NamedThing]:
        """The things ``text`` names, longest spelling first, each once, in order of appearance."""
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, NamedThing]] = []
        for spelling, thing in self._by_spelling:
            start = text.find(spelling)
            while start >= 0:
                end = start + len(spelling)
                if not any(s < end and start < e for s, e in taken):
                    taken.append((start, end))
                    if all(t is not thing for _, t in found):
                        found.append((start, thing))
                start = text.find(spelling, end)
        return [t for _, t in sorted(found, key=lambda pair: pair[0])]


@cache
def load_named_things(path: Path = NAMED_THINGS_PATH) -> NamedThings:
    """The shipped table (read once per path)."""
    return NamedThings.model_validate(json.loads(path.read_text(encoding="utf-8")))
