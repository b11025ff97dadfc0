"""Chinese tokenization for BM25: jieba with the domain dictionary and stopwords.

Each ``Tokenizer`` owns its own ``jieba.Tokenizer`` (never jieba's global one), loads the
user dictionary explicitly, and protects article references (第二十四条, 第3条, （十三）, (13))
so that jieba never splits them: they become one canonical token such as ``第24条``.

Example:
    >>> tok = Tokenizer.default()
    >>> tok.tokenize("第二十四条和（十三）讲了风投创投")
    ['第24条', '第13条', '风投', '创投', '风投创投']
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jieba

from corpus.numerals import NUMERAL_CHARS, cn_to_int
from corpus.paths import STOPWORDS_PATH, USER_DICT_PATH

# An explicit article reference: 第三条 / 第3条 / 第十三项 / 第3款, or a bracketed numeral.
ARTICLE_REF = re.compile(
    rf"第\s*([{NUMERAL_CHARS}]+|\d{{1,2}})\s*[条项款]|[（(]\s*([{NUMERAL_CHARS}]+|\d{{1,2}})\s*[）)]"
)
_PUNCT_OR_SPACE = re.compile(r"^[\W_]+$")


def article_token(number: int) -> str:
    """The single token that stands for a reference to article ``number``."""
    return f"第{number}条"


@dataclass
class Tokenizer:
    """jieba + domain dictionary + stopwords, with article references kept whole."""

    user_dict: Path = USER_DICT_PATH
    stopwords_path: Path = STOPWORDS_PATH
    _jieba: jieba.Tokenizer = field(init=False, repr=False)
    stopwords: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.load_userdict(str(self.user_dict))
        # Lower-case ASCII terms too, since queries are case-folded before cutting.
        for line in self.user_dict.read_text(encoding="utf-8").splitlines():
            word = line.split(" ")[0].strip()
            if word and word.lower() != word:
                self._jieba.add_word(word.lower(), freq=1000)
        self.stopwords = frozenset(
            w.strip() for w in self.stopwords_path.read_text(encoding="utf-8").splitlines() if w.strip()
        )

    @classmethod
    @cache
    def default(cls) -> Tokenizer:
        """A shared, read-only tokenizer with the shipped dictionaries (jieba loads once)."""
        return cls()

    def tokenize(self, text: str) -> list[str]:
        """Search-mode jieba tokens of ``text``, minus stopwords and punctuation."""
        tokens: list[str] = []
        position = 0
        for m in ARTICLE_REF.finditer(text):
            tokens.extend(self._cut(text[position : m.start()]))
            number = cn_to_int(m.group(1) or m.group(2))
            if number is not None:
                tokens.append(article_token(number))
            position = m.end()
        tokens.extend(self._cut(text[position:]))
        return tokens

    def _cut(self, text: str) -> list[str]:
        if not text.strip():
            return []
        words = self._jieba.cut_for_search(text.lower())
        return [w for w in (w.strip() for w in words) if w and w not in self.stopwords and not _PUNCT_OR_SPACE.match(w)]
