"""The understanding vocabulary: the words that tell what each figure, place and party in a message is.

Data in ``understanding/lexicon.json`` (its ``source`` and each table's ``note`` say what it is
for): investee stages, technology words, parties (who speaks, who invests, third parties),
investing verbs, the cues that make a figure received, signed, pending or no investment at all,
markers (totals, 各, corrections), years, and article 11's funders.

Example:
    >>> lexicon = load_lexicon()
    >>> lexicon.stages.canonical["种子期"][:2]
    ['种子期', '种子阶段']
    >>> lexicon.guarantee.funder_of("区财政新增出资1亿").funder
    'district_treasury'
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from corpus.guarantee_words import Guarantee
from corpus.paths import LEXICON_PATH, TRADITIONAL_PATH

__all__ = [
    "Lexicon",
    "SetAsideCue",
    "load_lexicon",
    "longest_first",
    "traditional_table",
    "traditional_words",
    "word_regex",
]


def longest_first(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Words ordered so that a longer word is tried before a word inside it."""
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


def word_regex(words: list[str] | tuple[str, ...]) -> str:
    """The words as one regex, longest first; Latin words must stand alone (VC is not in OVC).

    Meant to be matched ignoring case (「Invested」 is 「invested」); with no words it matches nothing.
    """
    ordered = longest_first([w for w in words if w])
    parts = [rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])" if w.isascii() else re.escape(w) for w in ordered]
    return "|".join(parts) or r"(?!)"


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Stages(_Table):
    """Stage words: canonical stages, round names too vague to map, and fund nouns that end a stage word."""

    note: str = ""
    canonical: dict[str, list[str]]
    unclear: list[str]
    institution_suffixes: list[str]
    left_behind: list[str] = Field(default_factory=list)  # 「已经过了初创期」: a stage the company is past
    doubt_before: list[str] = Field(default_factory=list)  # 「不确定算不算初创期」: a stage said in doubt
    unknown: list[str] = Field(default_factory=list)  # 「B不知道算哪个阶段」: this deal's stage is not known
    # 「这样还算种子期、初创期吗」: a stage the clause asks about (regexes for before it and after it)
    asked_before: str = r"(?!)"
    asked_after: str = r"(?!)"
    # 「去年营收两个亿，已经在做上市辅导」: descriptions (regexes) that settle a stage no word states
    described: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("canonical")
    @classmethod
    def _four_stages(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if set(value) != {"种子期", "初创期", "成长期", "成熟期"}:
            raise ValueError("stages.canonical 须恰好为 种子期、初创期、成长期、成熟期")
        return value


class Tech(_Table):
    """Whether an investee is a technology SME."""

    note: str = ""
    yes: list[str]
    no: list[str]
    large: list[str]
    unsure: list[str] = Field(default_factory=list)  # 「科小还不确定」: a yes-word said in doubt
    unsure_before: list[str] = Field(default_factory=list)  # 「有没有入库科小」: doubt only when said before it
    makes_tech: list[str] = Field(default_factory=list)  # 「餐饮SaaS」: a no-word that names a tech product's market


class Parties(_Table):
    """Words for who speaks, who invests and who is a third party."""

    note: str = ""
    self: list[str]
    self_is: list[str]
    institution_nouns: list[str]
    not_institution_after_capital: list[str]
    individual: list[str]
    investor_refs: list[str]
    investee_nouns: list[str]
    third_party: list[str]
    investee_speaker: list[str]
    only_ours: list[str]
    individual_unsure: list[str]
    not_equity_investor: list[str]
    not_equity_investor_said: list[str]
    kind_unclear: list[str]
    # 「我的客户是注册在惠州大亚湾的一家股权投资机构」: the speaker (a bank's manager) asks for a client,
    # so what the speaker is says nothing of the investor.
    client_refs: list[str] = []
    # Regular expressions: the asker's funds share one manager; how they apply for a per-institution cap.
    one_manager: list[str] = []
    apply_as_one: list[str] = []
    apply_apart: list[str] = []


class Verbs(_Table):
    """Investing verbs."""

    note: str = ""
    invest: list[str]


class Cues(_Table):
    """Words right before or right after an amount."""

    note: str = ""
    before: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)


class SetAsideCue(Cues):
    """A figure that is not an investment, and why (注册资本、估值…)."""

    reason: str
    only_when_asking: bool = False
    # 「今年整体投资额15亿」 beside 「广州的项目到账4.2亿」: set aside only when another figure is the investment.
    only_beside_investments: bool = False


class Shares(_Table):
    """Share words (一半); null means the share is not known exactly (一部分)."""

    note: str = ""
    words: dict[str, Decimal | None]


class Figures(_Table):
    """Cues that decide what each money figure is."""

    note: str = ""
    received: Cues
    signed: Cues
    pending: Cues
    set_aside: list[SetAsideCue]
    foreign_currency: Cues
    shares: Shares
    home_currency: list[str] = Field(default_factory=list)  # 「RMB 30m」: a currency code beside an amount
    all_arrived: list[str] = Field(default_factory=list)  # 「已全部到账」: the whole agreed amount arrived


class Markers(_Table):
    """Totals, distributive words, additions, corrections, negations."""

    note: str = ""
    total: list[str]
    each: list[str]
    every_year: list[str]
    addition: list[str]
    correction: list[str]
    introducers: list[str]
    same_year: list[str]
    all: list[str]
    negation: list[str]
    asks_amount: list[str]
    this_one: list[str]
    this_institution: list[str] = Field(default_factory=list)  # 「澳门这家能拿多少」: one known investor asked
    asks_other: list[str]
    same_kind: list[str]
    same_investee: list[str]
    award_words: list[str] = Field(default_factory=list)
    plans: list[str] = Field(default_factory=list)  # 「打算」「计划」: what is not done yet
    set_up: list[str] = Field(default_factory=list)  # 「设立」「成立」: a new vehicle
    missed: list[str] = Field(default_factory=list)  # 「还漏了一笔」: an addition even after 更正
    increment: list[str] = Field(default_factory=list)  # 「这笔能让奖励多出多少」: what one deal adds
    several_awards: list[str] = Field(default_factory=list)  # 「这两块分别能拿多少，加起来多少」: every support told
    blanket: list[str] = Field(default_factory=list)  # 「投的全是广州的种子期企业」: true of every deal
    withdrawn: list[str] = Field(default_factory=list)  # 「白云那家钱已经全额退回来了，别算」: a deal gone
    restates: list[str] = Field(default_factory=list)  # 「其实只到了六百万」: figures told again, more exactly
    # 「投了2800万……说错了，实际到账的是2600万」: a correction inside the message that told the figure.
    corrects_within: list[str] = Field(default_factory=list)


class Years(_Table):
    """Relative years and span words."""

    note: str = ""
    relative: dict[str, int]
    span_words: list[str]
    vague_spans: list[str]
    anaphoric: list[str] = Field(default_factory=list)  # 「当年」「年内」: the year just named, if any
    # 「去年成立的」「前年营收两个亿」: words after a year that make it the company's, not the money's.
    dates_company: list[str] = Field(default_factory=list)


class Lexicon(_Table):
    """The whole vocabulary file."""

    source: str = Field(..., min_length=1)
    stages: Stages
    tech: Tech
    parties: Parties
    verbs: Verbs
    figures: Figures
    markers: Markers
    years: Years
    guarantee: Guarantee
    questions: dict[str, str] = Field(default_factory=dict, description="追问的句子（含所依据的条款）")

    def ask(self, key: str, **values: str) -> str:
        """The follow-up question ``key`` with its blanks filled (「{figure}是签约金额，请问…」)."""
        return self.questions[key].format(**values)


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The vocabulary shipped in ``corpus/understanding`` (read once per path)."""
    return Lexicon.model_validate(json.loads(path.read_text(encoding="utf-8")))


@cache
def traditional_words(path: Path = TRADITIONAL_PATH) -> tuple[tuple[str, str], ...]:
    """Cantonese words a character-by-character table gets wrong (啱啱 is 刚刚), same length, longest first."""
    data = json.loads(path.read_text(encoding="utf-8"))
    pairs = [(a, b) for a, b in data.get("words", []) if len(a) == len(b)]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@cache
def traditional_table(path: Path = TRADITIONAL_PATH) -> dict[int, str]:
    """Traditional characters as their simplified forms (``str.translate`` table), one to one so spans hold."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {ord(a): b for a, b in data["pairs"] if len(a) == 1 and len(b) == 1}
