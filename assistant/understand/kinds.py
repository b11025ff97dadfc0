"""Enterprise kinds: the canonical names of ``corpus/eligibility.json`` and the words people use.

「VC」「律所」「担保公司」 become the kinds the eligibility data is written in; a self-description
(「我们是黄埔一家做芯片的小公司」) names its kind by a kind word or, failing one, by its line of
business.

Example:
    >>> normalize_kind("VC"), stated_kind("我们是黄埔一家做芯片的小公司")
    ('创投机构', '科技型中小企业')
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.eligibility import load_eligibility
from corpus.profile_words import load_profile_words

__all__ = ["INVESTOR_KINDS", "head_kind", "kind_mentions", "normalize_kind", "stated_kind", "word_regex"]

# Kinds whose stated amounts are investments they made (article 3), not money they raised.
INVESTOR_KINDS: frozenset[str] = frozenset({"创投机构"})
_CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?\n]")


@lru_cache(maxsize=1)
def _kind_vocabulary() -> tuple[tuple[str, str], ...]:
    """(word, canonical kind), longest word first so 「金融科技企业」 beats 「科技企业」.

    Read once per process from the eligibility data; the tuple is immutable.
    """
    table = load_eligibility()
    pairs = {(entry.kind, entry.kind) for entry in table.kinds}
    pairs |= {(synonym, entry.kind) for entry in table.kinds for synonym in entry.synonyms}
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0])))


# Cached: every profile of a 10,000-row list asks for the same few hundred words' patterns.
@lru_cache(maxsize=4096)
def word_regex(word: str) -> re.Pattern[str]:
    """A word as a pattern; Latin abbreviations (VC, PE, GP) must stand alone."""
    # Latin abbreviations (VC, PE, GP) must stand alone: 「PE」 is not inside 「OPEN」.
    if word.isascii():
        return re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.IGNORECASE)
    return re.compile(re.escape(word))


# Cached: the same few labels come back on every row of a list and every validation of a profile.
@lru_cache(maxsize=4096)
def normalize_kind(text: str | None) -> str | None:
    """Map a kind label or synonym to its canonical kind.

    Args:
        text: A label such as ``"VC"``, ``"律所"``, ``"南沙的创投机构"`` or ``"养殖场"``.

    Returns:
        The canonical kind (``"创投机构"``, ``"中介服务机构"``…), ``"其他"`` for unrecognised text,
        None for empty text.
    """
    if text is None or not text.strip():
        return None
    key = text.strip()
    for word, kind in _kind_vocabulary():
        if key.lower() == word.lower():
            return kind
    found = kind_mentions(key)
    return head_kind(found) if found else "其他"


def kind_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) for every kind word in ``text`` (「其他」 is an ordinary word here)."""
    # A Chinese word (matched case-sensitively) absent from the text need not be searched for:
    # the plain ``in`` test is what keeps a 10,000-row list fast.
    return [
        (m.start(), m.end(), kind)
        for word, kind in _kind_vocabulary()
        if word != "其他" and (word.isascii() or word in text)
        for m in word_regex(word).finditer(text)
    ]


def head_kind(mentions: list[tuple[int, int, str]]) -> str:
    """The kind of the compound's head: the mention that ends last (Chinese compounds are head-final)."""
    # Chinese compounds are head-final: 「创投协会」 is an association, 「国有创投机构」 an investor.
    return max(mentions, key=lambda mention: (mention[1], mention[1] - mention[0]))[2]


def _clauses(text: str) -> list[str]:
    return [part for part in _CLAUSE_SPLIT.split(text) if part]


def stated_kind(text: str | None) -> str | None:
    """The canonical kind a free text says its writer is (「我们是南沙的创投机构…」), or None.

    Example:
        >>> stated_kind("我们是黄埔一家做芯片的小公司")
        '科技型中小企业'
    """
    return _kind_in_text(text) if text else None


def _kind_in_text(text: str) -> str | None:
    """The kind the writer says they are.

    「我们是…创投机构」, a first clause ending with the kind (「市属国企下属的创投平台」), or failing a
    kind word, a self-described company named by its line of business (「我们是做芯片的小公司」).
    """
    clauses = _clauses(text)
    for index, clause in enumerate(clauses):
        own = [
            (start, end, kind)
            for start, end, kind in kind_mentions(clause)
            if load_profile_words().pattern("self_description").search(clause[:start])
            or (index == 0 and _ends_clause(clause[end:]))
        ]
        if own:
            return head_kind(own)
    for index, clause in enumerate(clauses):
        if (
            index == 0 or load_profile_words().pattern("self_description").search(clause)
        ) and load_profile_words().pattern("company_noun").search(clause):
            kind = _field_kind(clause)
            if kind is not None:
                return kind
    return None


def _ends_clause(rest: str) -> bool:
    """Whether what follows a kind word is nothing or a generic noun (平台、公司、分公司…)."""
    return re.fullmatch(r"\s*(平台|公司|集团|有限公司|分公司|机构|企业|团队)?\s*", rest) is not None


@lru_cache(maxsize=1)
def _field_vocabulary() -> tuple[tuple[str, str], ...]:
    """(line-of-business word, kind), longest first: 「区块链」 names fintech before 「科技」 names a tech SME."""
    pairs = {(word, entry.kind) for entry in load_eligibility().kinds for word in entry.field_words}
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0])))


def _field_kind(clause: str) -> str | None:
    return next((kind for word, kind in _field_vocabulary() if word_regex(word).search(clause)), None)
