"""The mention index: every article that names a thing (or any of its aliases), with the sentence naming it.

Built once per knowledge base over the policy's articles (their titles, bodies and 责任单位) and
the named things of ``corpus/understanding/named_things.json``. It answers 「哪些条款提到X」
with all of them, never just the best-ranked one or two. Spaces are ignored when matching
(the text writes 「S 基金」), never in what is quoted.

Example:
    >>> index = MentionIndex.build(knowledge.articles.values())  # doctest: +SKIP
    >>> [m.article.number for m in index.find(["贴息"])]  # doctest: +SKIP
    [1, 11]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.aliases import AliasTable, load_aliases
from corpus.named_things import NamedThings, load_named_things
from corpus.records import Article

__all__ = ["Mention", "MentionIndex"]

_SPACE = re.compile(r"\s+")
# A term said loosely (「深圳的机构」「质押相关」) still names its head word.
_HEAD_MAX_ARTICLES = 6
_LOOSE_TAIL = re.compile(r"(的)?(机构|企业|公司|单位|方面|相关|有关|这块|这一块|等)$")


@dataclass(frozen=True)
class Mention:
    """One article naming the term: where (its body, title or units) and the sentence that does."""

    article: Article
    sentence: str
    role: str  # 正文 / 标题 / 责任单位
    spelling: str


@dataclass(frozen=True)
class MentionIndex:
    """Articles in order, with their sentences folded for matching."""

    articles: tuple[Article, ...]
    named: NamedThings
    aliases: AliasTable

    @classmethod
    def build(
        cls, articles: Iterable[Article], named: NamedThings | None = None, aliases: AliasTable | None = None
    ) -> MentionIndex:
        """The index over ``articles`` (kept in article order)."""
        ordered = tuple(sorted(articles, key=lambda a: a.number))
        return cls(ordered, named or load_named_things(), aliases or load_aliases())

    def spellings(self, term: str) -> tuple[str, ...]:
        """Every way ``term`` is written: the names and aliases of the things it names, else itself.

        A term narrower than the thing inside it (「知识产权质押」 holds 「知识产权」) is taken as
        written when the text has it; only a term that *is* the thing brings the thing's aliases.
        A term the text never writes, in another language or the asker's own words (「tax」「险资」),
        is looked up in the alias table: the policy's own words for it are what the text names.
        """
        loose = _LOOSE_TAIL.sub("", term)
        literal = tuple(dict.fromkeys(t for t in (term, loose) if len(t) >= 2))
        things = self.named.find(loose or term)
        whole = [t for t in things if _fold(loose) in {_fold(s) for s in t.spellings}]
        if whole:
            return tuple(dict.fromkeys(s for t in whole for s in t.spellings))
        written = any(self._written(t) for t in literal)
        if things and not written:
            return tuple(dict.fromkeys(s for t in things for s in t.spellings))
        if not written:
            policy_words = [w for t in literal for w in self.aliases.canonical_of(t) if self._written(w)]
            if policy_words:
                return tuple(dict.fromkeys(policy_words))
            head = self._head(loose or term)
            if head is not None:
                return (head,)
        return literal

    def _head(self, term: str) -> str | None:
        """「给企业或者企业家搞培训」 → 培训: the longest ending the text writes, in a few articles only.

        A Chinese phrase ends with its head; the words before it only narrow it. An ending written
        in most articles (企业) names nothing in particular.
        """
        term = term.rstrip("的")
        for start in range(1, len(term) - 1):
            ending = term[start:]
            count = sum(1 for a in self.articles if _fold(ending) in _fold(a.title + a.body))
            if count:
                return ending if count <= _HEAD_MAX_ARTICLES else None
        return None

    def _written(self, term: str) -> bool:
        folded = _fold(term)
        return any(folded in _fold(a.title + a.body + "".join(a.units)) for a in self.articles)

    def find(self, terms: Iterable[str]) -> list[Mention]:
        """Every article naming any of ``terms``, in article order, each once (its first naming sentence)."""
        spellings = [_fold(s) for term in terms for s in self.spellings(term)]
        spellings = [s for s in dict.fromkeys(spellings) if s]
        gapped = [g for s in spellings if (g := _gapped(s, self.named.gapped_verbs)) is not None]
        found: list[Mention] = []
        for article in self.articles:
            mention = _first_mention(article, spellings) or _gapped_mention(article, gapped)
            if mention is not None:
                found.append(mention)
        return found


def _gapped(spelling: str, verbs: tuple[str, ...]) -> re.Pattern[str] | None:
    """「发行债券」 → 发行, then 债券 within six characters of the same clause."""
    verb = next((v for v in verbs if spelling.startswith(v) and len(spelling) - len(v) >= 2), None)
    if verb is None:
        return None
    return re.compile(rf"{re.escape(verb)}[^，。；、,;]{{1,6}}?{re.escape(spelling[len(verb) :])}")


def _gapped_mention(article: Article, patterns: list[re.Pattern[str]]) -> Mention | None:
    for sentence in article.sentences():
        folded = _fold(sentence)
        hit = next((m.group(0) for p in patterns if (m := p.search(folded))), None)
        if hit is not None:
            return Mention(article, sentence, "正文", hit)
    return None


def _first_mention(article: Article, spellings: list[str]) -> Mention | None:
    for sentence in article.sentences():
        folded = _fold(sentence)
        hit = next((s for s in spellings if s in folded), None)
        if hit is not None:
            return Mention(article, sentence, "正文", hit)
    folded_title = _fold(article.title)
    hit = next((s for s in spellings if s in folded_title), None)
    if hit is not None:
        return Mention(article, article.title, "标题", hit)
    units = "、".join(article.units)
    hit = next((s for s in spellings if s in _fold(units)), None)
    if hit is not None:
        return Mention(article, f"责任单位：{units}", "责任单位", hit)
    return None


def _fold(text: str) -> str:
    return _SPACE.sub("", text).lower()
