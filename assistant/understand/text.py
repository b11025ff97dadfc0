"""Text helpers for reading a message: one normal form, clauses and sentences, word look-ups.

Every span the reader reports refers to :func:`prepare`'s output, so all offsets agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from assistant.understand.tables import linearize
from corpus.lexicon import load_lexicon, traditional_table, traditional_words, word_regex

__all__ = [
    "Clause",
    "alternation",
    "clause_around",
    "clauses",
    "find_words",
    "last_word_before",
    "normalize_message",
    "prepare",
    "word_after",
    "word_pattern",
]

_CLAUSE_MARKS = "，,。；;！!？?\n（）()【】"
_SENTENCE_MARKS = "。；;！!？?\n"
# 「1,000万」「2,350万元」: a comma between digits groups thousands, it ends no clause.
_CLAUSE_SPLIT = re.compile(f"(?!(?<=\\d),(?=\\d{{3}}))[{re.escape(_CLAUSE_MARKS)}]")
# 「30 million」「RMB 12 million」: English multipliers become the Chinese ones the amount parser reads.
_MILLION = re.compile(r"(\d+(?:\.\d+)?)\s*(?:million|mn|mio)(?![A-Za-z])", re.IGNORECASE)
_BILLION = re.compile(r"(\d+(?:\.\d+)?)\s*(?:billion|bn)(?![A-Za-z])", re.IGNORECASE)
# 「2800w」「500W」: w is 万 in chat shorthand.
_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*[wW](?![A-Za-z])")
# 「2.6kw」「3KW」: kw is 千万 (k·w, a thousand 万) in the same shorthand; 「kWh」 is not money.
_KW = re.compile(r"(\d+(?:\.\d+)?)\s*kw(?![A-Za-z])", re.IGNORECASE)
# 「实际打过去3000万 剩下的明年再说」: a space before a word that opens a clause ends the one before.
_SPACE_CLAUSE = re.compile(
    r"(?<=[\u4e00-\u9fff\d])[ \t\u3000]+(?=(?:剩下|剩余|其余|余下|另外|但是|不过|然后|还有|其中)[\u4e00-\u9fff\d])"
)
# 「八百个w」「五百个万」: a count of 万 said with its measure word, as 「两个亿」 is.
_COUNTED_WAN = re.compile(r"([\d.零一二两三四五六七八九十百千]+)个\s*(?:[wW](?![A-Za-z])|万)")
# 「…(Central). This year we…」: an English full stop ends a sentence as 。 does (1.5亿 keeps its point).
_ENGLISH_STOP = re.compile(r"(?<=[A-Za-z)）])\.(?=\s+[A-Z])")
_SCIENTIFIC = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[eE]\+?(\d{1,2})(?![\w.])")


def normalize_message(text: str) -> str:
    """Fold full-width letters/digits and odd spacing; keep Chinese punctuation as typed."""
    folded = "".join(
        unicodedata.normalize("NFKC", ch)
        if ch.isascii() is False and unicodedata.category(ch).startswith(("L", "N"))
        else ch
        for ch in text
    )
    # Zero-width and control characters carry no meaning in a question.
    cleaned = "".join(ch for ch in folded if unicodedata.category(ch) not in ("Cf", "Cc") or ch in "\n\t")
    # A tab is kept (one per gap): it is the column break of a table pasted from a spreadsheet.
    cleaned = re.sub(r"[ \u3000]*\t[ \t\u3000]*", "\t", cleaned)
    return re.sub(r"[ \u3000]+", " ", cleaned).strip()


def _expand_scientific(match: re.Match[str]) -> str:
    value = Decimal(match.group(1)).scaleb(int(match.group(2)))
    return f"{value:f}" if value == value.to_integral_value() else match.group(0)


_BARE_MILLIONS = re.compile(r"(?<![A-Za-z0-9_.])(\d+(?:\.\d+)?)\s*m(?![A-Za-z])")


@lru_cache(maxsize=1)
def _currency_millions() -> re.Pattern[str]:
    """「RMB 30m」「USD 5m」「30m RMB」: m is million only beside a currency (alone it may be metres or months)."""
    figures = load_lexicon().figures
    codes = [*figures.home_currency, *figures.foreign_currency.before, *figures.foreign_currency.after]
    currency = "|".join(re.escape(c) for c in sorted(set(codes), key=len, reverse=True))
    number = r"\d+(?:\.\d+)?"
    return re.compile(
        rf"(?<![A-Za-z])(?:{currency})\s*({number})\s*m(?![A-Za-z])|(?<![\w.])({number})\s*m\s*(?=(?:{currency}))",
        re.IGNORECASE,
    )


def _million(match: re.Match[str]) -> str:
    """The match with its 「m」 written 百万, the rest as typed."""
    group = 1 if match.group(1) is not None else 2
    whole, start = match.group(0), match.start()
    tail = whole[match.end(group) - start :]
    return whole[: match.end(group) - start] + re.sub(r"^(\s*)m", r"\1百万", tail, count=1, flags=re.IGNORECASE)


# 「all amounts RMB」「金额单位均为人民币」: the message names the currency of every figure once.
CURRENCY_DECLARED = re.compile(
    r"\b(?:all|every)\s+(?:the\s+)?(?:amounts?|figures?|numbers?)\s+(?:are\s+)?(?:in\s+)?(?:RMB|CNY)\b"
    r"|\b(?:amounts?|figures?)\s+(?:are\s+)?in\s+(?:RMB|CNY)\b"
    r"|(?:金额|单位|币种)[^，。；\n]{0,4}?(?:均为|都是|均是|全是|为|：|:)\s*(?:人民币|RMB|CNY)",
    re.IGNORECASE,
)

_LETTER_ZEROS = re.compile(r"(?<=\d)[0Oo]*[Oo][0Oo]*(?=\s*[万亿千百元wW])")


@lru_cache(maxsize=2048)
def prepare(message: str, millions: bool = False) -> str:
    """The message in the form the reader works on (spans refer to this text).

    ``millions``: the conversation already wrote amounts as 「8m, 5m RMB」, so a bare 「the 5m one」
    in a later turn is millions too.

    >>> prepare("HK VC，RMB 30 million，2.5e7元")
    'HK VC，RMB 30百万，25000000元'
    """
    text = normalize_message(linearize(message))
    for word, simplified in traditional_words():
        text = text.replace(word, simplified)
    text = text.translate(traditional_table())
    # 「3OOO万」: letter O typed for zero inside an amount.
    text = _LETTER_ZEROS.sub(lambda m: m.group(0).replace("O", "0").replace("o", "0"), text)
    text = _ENGLISH_STOP.sub("。", text)
    text = _KW.sub(r"\1千万", text)
    text = _SPACE_CLAUSE.sub("，", text)
    text = _COUNTED_WAN.sub(r"\1万", text)
    text = _WAN.sub(r"\1万", text)
    text, replaced = _currency_millions().subn(_million, text)
    if replaced or millions or CURRENCY_DECLARED.search(text):
        # 「RMB 9m (only 4.5m paid so far)」: once a currency says m is million, a bare 4.5m is too.
        text = _BARE_MILLIONS.sub(r"\1百万", text)
    text = _MILLION.sub(r"\1百万", text)
    text = _BILLION.sub(r"\1十亿", text)
    return _SCIENTIFIC.sub(_expand_scientific, text)


@dataclass(frozen=True)
class Clause:
    """A stretch between commas or sentence ends; ``sentence`` numbers the sentence it is in."""

    start: int
    end: int
    text: str
    sentence: int

    def holds(self, position: int) -> bool:
        """Whether ``position`` falls inside this clause."""
        return self.start <= position < self.end


def clauses(text: str) -> list[Clause]:
    """The non-empty clauses of ``text`` in order, with their sentence numbers."""
    found: list[Clause] = []
    sentence = 0
    start = 0
    for m in _CLAUSE_SPLIT.finditer(text + "\n"):
        if text[start : m.start()].strip():
            found.append(Clause(start, m.start(), text[start : m.start()], sentence))
        if m.group(0) in _SENTENCE_MARKS:
            sentence += 1
        start = m.end()
    return found


def clause_around(text: str, start: int, end: int) -> str:
    """The clause (between commas or sentence ends) holding ``text[start:end]``."""
    left = max(text.rfind(mark, 0, start) for mark in "，,。；;？?！!") + 1
    rights = [i for i in (text.find(mark, end) for mark in "，,。；;？?！!") if i != -1]
    return text[left : min(rights, default=len(text))]


@lru_cache(maxsize=256)
# Cached: the reader asks for the same lexicon lists' patterns for every message it reads.
@lru_cache(maxsize=1024)
def word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a word list, longest first; Latin words must stand alone (VC is not in OVC)."""
    return re.compile(word_regex(words), re.IGNORECASE)


@lru_cache(maxsize=1024)
def alternation(words: tuple[str, ...]) -> str:
    """The words as one regex alternation, longest first (escaped; cached, the lexicon's lists do not change)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def find_words(text: str, words: Sequence[str] | Iterable[str]) -> list[re.Match[str]]:
    """Every occurrence of the words in ``text`` (longest at each position, left to right)."""
    return list(word_pattern(tuple(words)).finditer(text))


def last_word_before(text: str, words: Sequence[str]) -> re.Match[str] | None:
    """The occurrence of the words that ends last in ``text`` (the one nearest what follows)."""
    found = find_words(text, words)
    return max(found, key=lambda m: (m.end(), m.end() - m.start())) if found else None


def word_after(text: str, words: Sequence[str], within: int = 0) -> re.Match[str] | None:
    """The first occurrence of the words starting within ``within`` characters of the start of ``text``."""
    for m in word_pattern(tuple(words)).finditer(text):
        if m.start() <= within:
            return m
        break
    return None
