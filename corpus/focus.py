"""The focus vocabulary: what a question asks (and whether the text ever gives it), what lies outside the policy.

Data in ``understanding/focus.json``; every pattern is compiled once here. The focus reader
(``assistant.understand.focus``) applies it to a message.

Example:
    >>> focus = load_focus()
    >>> [a.name for a in focus.attributes_asked("天使母基金总盘子有多大？")]
    ['规模或总额']
    >>> focus.outside_topic("附近有什么酒店推荐吗").name
    '住宿、餐饮、出行'
"""

from __future__ import annotations

import json
import re
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from corpus.paths import FOCUS_PATH

__all__ = ["AttributeClass", "FocusData", "load_focus"]


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


class AttributeClass(_Data):
    """One kind of thing a question can ask of its subject, and how the text looks when it gives it."""

    name: str
    ask: tuple[str, ...]
    evidence: str | None = Field(None, description="原文给出它时的样子；null 表示原文从不给出")
    # 「担保费率降到多少」 asks a figure of the word before it (费率); 「发债有补贴吗」 asks of the whole
    # measure, whose support may be written far from the word 发债.
    of_head: bool = True

    @cached_property
    def asked(self) -> re.Pattern[str]:
        """Any of the ways a question asks for it."""
        return _compile("|".join(f"(?:{a})" for a in self.ask))

    @cached_property
    def given(self) -> re.Pattern[str] | None:
        """What a clause of the text that gives it contains (None: never given)."""
        return _compile(self.evidence) if self.evidence else None


class _Attributes(_Data):
    note: str = ""
    items: tuple[AttributeClass, ...]
    # 「前面几轮」「好几家」「十几个」: 几 that counts loosely, not a question; no ask may rest on it.
    not_asking: tuple[str, ...] = ()

    @cached_property
    def loose(self) -> re.Pattern[str] | None:
        """Where a question word is used loosely, not to ask."""
        return _compile("|".join(f"(?:{a})" for a in self.not_asking)) if self.not_asking else None


class OutsideTopic(_Data):
    """A topic outside the policy altogether (hotels, stock tips, another body's rules)."""

    name: str
    words: tuple[str, ...]
    # Papers or stock tips about one of the policy's own things are still papers and stock tips;
    # rent or hotels asked of a zone the policy names are asked of the policy (its text may be silent).
    beside_own_things: bool = False

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Any of its words."""
        return _compile("|".join(f"(?:{w})" for w in self.words))


class OwnedRule(_Data):
    """An owner outside the policy (a ministry, the province, another place) named before a rule of its own."""

    note: str = ""
    owners: tuple[str, ...]
    rule_nouns: tuple[str, ...]
    between_not: str
    entity_after: str
    not_owner_before: str  # 「我们在深圳」「注册在佛山」: where someone is, or whom one works with
    here: str  # 广州, 本意见: words that make a sentence about this policy
    not_before: str = r"(?!)"
    owner_links: str = r"(?!)"
    place_unless: str = r"(?!)"
    instruments: str = (
        r"(?!)"  # the central bank's tools the text names too (再贷款): owned only when their terms are asked
    )
    # 「那对标的北京中关村，他们给创投机构落户奖励是多少」: the next clause opens by pointing back at the owner.
    pointed_back: str = r"(?!)"
    # 「天河区自己对金融科技企业落户给多少奖励」: a district of Guangzhou owns a rule only said to be its own.
    district_own: str = r"(?!)"
    # 「有7000万其实是省里下来的专项资金」: the owner's money, told as a fact, not its rules asked.
    paid_after: str = r"(?!)"
    max_gap: int = 16
    long_gap: int = 30

    @cached_property
    def here_pattern(self) -> re.Pattern[str]:
        """This policy named."""
        return _compile(self.here)

    @cached_property
    def not_owner_pattern(self) -> re.Pattern[str]:
        """Words before a place that make it where someone is."""
        return _compile(self.not_owner_before)

    @cached_property
    def owner(self) -> re.Pattern[str]:
        """Any owner but a place (places come from the gazetteer)."""
        return _compile("|".join(f"(?:{w})" for w in self.owners))

    @cached_property
    def rule(self) -> re.Pattern[str]:
        """Any rule noun, or a tool of the central bank asked for its own terms."""
        return _compile("|".join([*map(re.escape, self.rule_nouns), self.instruments]))


class _Outside(_Data):
    note: str = ""
    topics: tuple[OutsideTopic, ...]
    owned_rule: OwnedRule


class MentionFrames(_Data):
    """「哪些条款提到X」: frames naming the term, the list words one of which must appear, cleaning."""

    note: str = ""
    frames: tuple[str, ...]
    list_words: str
    strip: str
    split: str
    quoted: str = r"(?!)"  # a term in quotation marks: 「文件里讲到“贴息”的有哪几条」
    which_articles: str = r"(?!)"
    # 「哪些和我们相关」 asks what applies to the asker, not which articles name a word.
    not_terms: str = r"(?!)"

    @cached_property
    def compiled(self) -> tuple[re.Pattern[str], ...]:
        """The frames, compiled, in order."""
        return tuple(_compile(f) for f in self.frames)


class PartMarkers(_Data):
    """How one message asks several things: 分别/各自, joiners of subjects, question breaks."""

    note: str = ""
    each: str
    joiners: str
    breaks: str
    demonstratives: str  # 「这两块」 before 分别 names no subject of its own
    total: str = ""  # 「分别能拿的加起来是多少」: the parts asked for their sum are one question
    subject_tail: str = ""  # 「国企那条」: the words pointing at an article are no part of its subject
    shared_aspect: str = ""  # 「A和B的责任单位分别是」: what follows the last 的 is asked of each
    meta_only: str = r"(?!)"  # 「文件有这种说法吗」: asks whether the text says what was just asked


class PremiseMarkers(_Data):
    """How a message asks to confirm a figure it states (「…是100亿吧？」)."""

    note: str = ""
    confirm: str
    measures: list[str] = Field(default_factory=list, description="问句在数字前点名的量（担保费率、规模…）")
    consequences: list[str] = Field(
        default_factory=list, description="问句附带的后果（罚款、追责…）：原文该句没有时，这个说法原文没有规定"
    )


class DocumentAsked(_Data):
    """A question about the content of another document, named in 《》."""

    note: str = ""
    pattern: str


class CitedAsk(BaseModel):
    """「文件里引用了哪些带文号的广州文件」: the list of cited documents, narrowed as asked."""

    numbered: bool = False  # only those with a document number (文号)
    local: bool = False  # only Guangzhou's own (穗…〔〕号)
    national: bool = False  # only the central government's and ministries'
    opening: bool = False  # only those the opening paragraph rests on (「开头说贯彻落实哪几份文件」)


class CitedList(_Data):
    """How a question asks which documents the policy cites, and how it narrows the list."""

    note: str = ""
    ask: str
    numbered: str
    local: str
    national: str
    local_number: str  # a Guangzhou document number (穗府规〔2019〕1号)
    national_issuer: str  # the central government's title or number (中共中央…、银发〔2020〕95号)
    opening: str = r"(?!)"  # 「开头」「制定依据」: the documents of the opening paragraph

    def read(self, text: str) -> CitedAsk | None:
        """The narrowed ask, or None when ``text`` does not ask for the list.

        The narrowing words count from the asking words on: in 「广州这份意见引用了哪些文件」 广州
        names the policy, not the documents listed.
        """
        m = re.search(self.ask, text)
        if m is None:
            return None
        tail = text[m.start() :]
        return CitedAsk(
            numbered=bool(re.search(self.numbered, tail)),
            local=bool(re.search(self.local, tail)),
            national=bool(re.search(self.national, tail)),
            opening=bool(re.search(self.opening, text)),
        )


class RelativeArticles(_Data):
    """「下一条」「上一条」: an article named by where it stands from the one the last turn was about."""

    note: str = ""
    next: str
    previous: str
    back: str  # 「跟刚才那条一样吗」: the last turn's article asked too

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        """(next, previous, back), compiled."""
        return _compile(self.next), _compile(self.previous), _compile(self.back)


class FocusData(_Data):
    """The whole focus vocabulary."""

    source: str = Field(..., min_length=1)
    attributes: _Attributes
    outside: _Outside
    mention: MentionFrames
    parts: PartMarkers
    premise: PremiseMarkers
    document_asked: DocumentAsked
    measure_words: str
    cited_list: CitedList | None = None
    relative_articles: RelativeArticles | None = None

    def attributes_asked(self, text: str) -> list[AttributeClass]:
        """Every attribute ``text`` asks for, in the table's order.

        One phrase asks one thing: an attribute whose every phrase overlaps a phrase of an attribute
        earlier in the table is left out (「已经完成多少家」 asks progress, not a count).
        """
        kept: list[AttributeClass] = []
        loose = self.attributes.loose
        taken: list[tuple[int, int]] = [m.span() for m in loose.finditer(text)] if loose else []
        for attribute in self.attributes.items:
            spans = [m.span() for m in attribute.asked.finditer(text) if m.end() > m.start()]
            free = [(s, e) for s, e in spans if not any(s < te and ts < e for ts, te in taken)]
            if free:
                kept.append(attribute)
                taken.extend(spans)
        return kept

    def outside_topic(self, text: str, beside_own_things: bool = False) -> OutsideTopic | None:
        """The outside topic ``text`` is about, if any (``beside_own_things``: it names the policy's own things)."""
        return next(
            (
                t
                for t in self.outside.topics
                if (t.beside_own_things or not beside_own_things) and t.pattern.search(text)
            ),
            None,
        )

    @cached_property
    def measure(self) -> re.Pattern[str]:
        """Words that make a question about this policy's measures."""
        return _compile(self.measure_words)

    def document_asked_about(self, text: str) -> str | None:
        """The title of another document whose content ``text`` asks about, if any."""
        m = re.search(self.document_asked.pattern, text)
        return m.group(1) if m else None

    @cached_property
    def confirm(self) -> re.Pattern[str]:
        """A request to confirm a stated figure."""
        return _compile(self.premise.confirm)


@cache
def load_focus(path: Path = FOCUS_PATH) -> FocusData:
    """The shipped vocabulary (read once per path)."""
    return FocusData.model_validate(json.loads(path.read_text(encoding="utf-8")))
