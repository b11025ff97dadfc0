"""Search-box keywords read as the chat reads them, through the alias table.

``corpus/dictionary/aliases.json`` maps unit nicknames to the units' full names (金融局 →
市地方金融监管局, read with the chat's own ``AliasTable.units_in``) and colloquial words to the
policy's terms (专利贷款 → 知识产权质押). A keyword becomes parts that must all occur in an
article: each alias in it, found longest first, stands for itself or any of its readings; the
words between aliases stand for themselves. So 「区块链火箭」 is not read as 区块链 alone, and 「贷款」
inside 「专利贷款」 is the patent loan's, not every article about loans (a filter shows every
match, where the chat's ``expand`` only ranks search results and may read more widely).

Example:
    >>> reader = KeywordReader.default()
    >>> [part.readings for part in reader.read("专利贷款")]
    [('专利贷款', '知识产权质押', '知识产权质押贷', '知识产权质押融资')]
    >>> [part.readings for part in reader.read("金融局")]
    [('金融局', '市地方金融监管局')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from corpus.aliases import AliasTable, load_aliases


@dataclass(frozen=True)
class TermPart:
    """One piece of a keyword: the words as typed, or an alias with the policy's words for it."""

    readings: tuple[str, ...]  # the first is the text as typed

    @property
    def is_alias(self) -> bool:
        """Whether the alias table reads this piece as something else too."""
        return len(self.readings) > 1


@dataclass(frozen=True)
class KeywordReader:
    """Every alias (lower-cased) and what it reads as."""

    readings: dict[str, tuple[str, ...]]

    @classmethod
    def from_table(cls, table: AliasTable) -> KeywordReader:
        """Unit nicknames read as their units (``units_in``), colloquial words as their groups' terms."""
        readings: dict[str, list[str]] = {}
        for aliases in table.units.values():
            for alias in aliases:
                readings.setdefault(alias.lower(), []).extend(table.units_in(alias))
        for group in table.groups:
            for alias in group.aliases:
                readings.setdefault(alias.lower(), []).extend(group.canonical)
        return cls({alias: tuple(dict.fromkeys(words)) for alias, words in readings.items() if alias})

    @classmethod
    @cache
    def default(cls) -> KeywordReader:
        """The reader over the alias table the chat's query analysis uses."""
        return cls.from_table(load_aliases())

    def read(self, term: str) -> list[TermPart]:
        """The parts of one keyword that must all occur in an article, in the keyword's order.

        A keyword with no alias in it is one part, the keyword itself.
        """
        lowered = term.lower()
        taken: list[tuple[int, int, tuple[str, ...]]] = []
        for alias in sorted(self.readings, key=len, reverse=True):
            start = lowered.find(alias)
            while start >= 0:
                end = start + len(alias)
                if not any(s < end and start < e for s, e, _ in taken):
                    taken.append((start, end, self.readings[alias]))
                start = lowered.find(alias, start + 1)
        parts: list[TermPart] = []
        position = 0
        for start, end, readings in sorted(taken):
            parts += _plain(term[position:start])
            typed = term[start:end]
            parts.append(TermPart((typed, *(r for r in readings if r != typed))))
            position = end
        return parts + _plain(term[position:])

    def matches(self, term: str, haystack: str) -> bool:
        """Whether the keyword, or every part of its reading, occurs in ``haystack`` (lower-cased text)."""
        if term.lower() in haystack:
            return True
        return all(any(r.lower() in haystack for r in part.readings) for part in self.read(term))

    def marked(self, terms: list[str]) -> list[str]:
        """What to mark in a matching article: each keyword, each part, and the readings that add to it.

        A reading that contains its part (担保 → 政策性融资担保) would only stretch the mark over
        words the user did not type, so the part alone is marked there.
        """
        words = [*terms]
        for term in terms:
            for part in self.read(term):
                typed = part.readings[0].lower()
                words += [part.readings[0], *(r for r in part.readings[1:] if typed not in r.lower())]
        return list(dict.fromkeys(words))

    def note(self, terms: list[str]) -> list[tuple[str, tuple[str, ...]]]:
        """The aliases in the keywords and what they were read as (「金融局」, (市地方金融监管局,))."""
        found = [part.readings for term in terms for part in self.read(term) if part.is_alias]
        return list(dict.fromkeys((readings[0], readings[1:]) for readings in found))


def _plain(text: str) -> list[TermPart]:
    """The words between aliases, as one part (none when blank)."""
    return [TermPart((text.strip(),))] if text.strip() else []
