"""The focus of a question: what it asks, apart from the context words around it.

A district, an institution or an article name in a question is context: it says *about what*,
never *whether* the text can answer. The focus is what is asked of it (a scale, a manager, a
deadline, a rate), whether the question lies outside the policy (another place's or the
nation's rules, a topic of its own), whether it asks for every article naming something, and
whether it asks several things at once. The vocabulary is data (``corpus/understanding/focus.json``).

Example:
    >>> reader = FocusReader.default()
    >>> focus = reader.read("那个200亿的并购基金现在是哪家机构在管？")
    >>> [a.name for a in focus.attributes], focus.outside
    (['管理人或运营机构'], None)
    >>> reader.read("深圳对新落户的创投机构给多少落户奖励？").outside.name
    '深圳'
    >>> reader.read("哪些条款讲到了贴息？").mention_terms
    ('贴息',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from assistant.understand.owned_rules import owned_rule
from assistant.understand.question_parts import ASKS as _ASKS
from assistant.understand.question_parts import EDGE as _EDGE
from assistant.understand.question_parts import OWN_SUBJECT as _OWN_SUBJECT
from assistant.understand.question_parts import split_parts
from corpus.focus import AttributeClass, CitedAsk, FocusData, load_focus
from corpus.gazetteer import Gazetteer, load_gazetteer
from corpus.named_things import NamedThing, NamedThings, load_named_things

# 「北京、上海的S基金试点政策跟广州比有什么不同」: 广州 only as what the other place is compared with.
_COMPARED = re.compile(r"(跟|和|与|同)(广州|我市|本市)(的)?(比|相比|比较|对比|比起来)")

__all__ = ["Ask", "Focus", "FocusReader", "Outside"]


@dataclass(frozen=True)
class Outside:
    """Why a question lies outside the policy."""

    kind: Literal["topic", "national", "other_place", "other_body"]
    name: str


@dataclass(frozen=True)
class Ask:
    """One question of a message: what it asks, of what, and the words just before the asking words.

    ``head`` names the thing whose figure is asked (「担保费率」 in 「担保费率降到多少」).
    """

    attributes: tuple[AttributeClass, ...]
    subject: str
    head: str = ""


@dataclass(frozen=True)
class Focus:
    """What a question asks, read before any retrieval."""

    attributes: tuple[AttributeClass, ...] = ()
    outside: Outside | None = None
    subject: str = ""  # the question with the words asking for the attributes taken out
    # Per question of the message that asks attributes: those attributes and what they are asked of
    # (「集聚区选了哪个区？行动方案什么时候出？」 asks two things of two subjects).
    asks: tuple[Ask, ...] = ()
    mention_terms: tuple[str, ...] = ()  # 「哪些条款提到X」: the X (split into its terms)
    parts: tuple[str, ...] = ()  # the sub-questions of a question that asks several things
    confirms: bool = False  # 「…是100亿吧？」: asks to confirm something it states
    document: str | None = None  # 「《广州市科技创新条例》里…怎么规定」: another document's content asked
    names: tuple[NamedThing, ...] = field(default=())  # the policy's named things in the question
    about_measure: bool = False  # names a measure of the policy (奖励, 补贴, 广州, 条款…)
    cited: CitedAsk | None = None  # 「引用了哪些带文号的文件」: the cited documents asked for


@dataclass(frozen=True)
class FocusReader:
    """Applies the focus vocabulary; one per process."""

    data: FocusData
    gazetteer: Gazetteer
    named: NamedThings

    @classmethod
    @cache
    def default(cls) -> FocusReader:
        """The reader over the shipped data."""
        return cls(load_focus(), load_gazetteer(), load_named_things())

    def read(self, text: str) -> Focus:
        """The focus of one (normalized) message."""
        asks = tuple(self._asks(piece) for piece in re.split(self.data.parts.breaks, text) if piece.strip(_EDGE))
        attributes = tuple(dict.fromkeys(a for ask in asks for a in ask.attributes))
        mention = self.mention_terms(text)
        cited = self.data.cited_list.read(text) if self.data.cited_list else None
        return Focus(
            attributes=attributes,
            outside=None if mention or cited else self.outside(text),
            subject=" ".join(ask.subject for ask in asks).strip(),
            asks=tuple(a for a in asks if a.attributes),
            mention_terms=mention,
            parts=tuple(self.parts(text)) if not mention else (),
            confirms=bool(self.data.confirm.search(text)),
            document=None if mention else self.data.document_asked_about(text),
            names=tuple(self.named.find(text)),
            about_measure=bool(self.data.measure.search(text)),
            cited=cited,
        )

    def _asks(self, piece: str) -> Ask:
        """What one question of the message asks, of what, and the words right before the asking ones."""
        attributes = tuple(self.data.attributes_asked(piece))
        subject = piece
        for attribute in attributes:
            subject = attribute.asked.sub(" ", subject)
        starts = [m.start() for a in attributes if (m := a.asked.search(piece))]
        before = piece[: min(starts)] if starts else ""
        head = re.split(r"[，,；;：:、]", before)[-1] if before else ""
        return Ask(attributes, subject.strip(_EDGE), head.strip(_EDGE))

    def _one_subject(self, questions: list[str]) -> bool:
        """Whether the questions share their subject: 「风投集聚区几年建成，担保机构补助比例多少」 do not."""
        # 「想了解上市和并购这两块：…」: a heading before the colon names what all the questions are about.
        subjects = [re.sub(r"^[^：:]*[：:]", "", self._asks(q).subject) for q in questions]
        # 「科创领头羊…几年内要推多少家上市？还有…并购基金总盘子多大」: each names its own thing of the text.
        things = [{t.name for t in self.named.find(q) if t.kind != "地名"} for q in questions]
        if len(things) >= 2 and all(things) and not set.intersection(*things):
            return False
        grams = [
            {s[i : i + 2] for i in range(len(s) - 1) if re.fullmatch(r"[\u4e00-\u9fffA-Za-z]{2}", s[i : i + 2])}
            for s in subjects
        ]
        return any(grams[0] & g for g in grams[1:]) or any(len(s) < _OWN_SUBJECT for s in subjects[1:])

    # -- outside the policy ----------------------------------------------------------------
    def outside(self, text: str) -> Outside | None:
        """A topic of its own, a rule that belongs to the nation, the province or another place, or a body's affairs."""
        # 「金融科技产业园入驻企业有没有房租补贴」: rent asked of a thing the policy itself names is asked of
        # the policy (its text may be silent), not a topic of its own; a bank's own rates are not.
        own_thing = any(not t.external and t.kind != "地名" for t in self.named.find(text))
        topic = self.data.outside_topic(text, beside_own_things=own_thing)
        if topic is not None:
            return Outside("topic", topic.name)
        here = self.data.outside.owned_rule.here_pattern
        # 「深圳南山区对新落户的创投机构奖励标准是多少？想跟广州的对比一下」: the sentence asking another
        # place's rules names no Guangzhou; 广州 named in the same sentence makes it about this policy.
        for sentence in (p for p in re.split(r"(?<=[？?。！!])", text) if p.strip()):
            if here.search(_COMPARED.sub("", sentence)):
                # 「文件里拿北京中关村当对标，那中关村对VC机构落户给多少奖励」: the clause that asks names the
                # other place's rules and not this policy, whatever the clause before it says.
                asking = [c for c in re.split(r"[，,；;]", sentence) if _ASKS.search(c) and not here.search(c)]
                owned = next((o for c in asking if (o := self._owned(c))), None)
                if owned:
                    return owned
                continue
            owned = self._owned(sentence)
            if owned:
                return owned
        if here.search(text):
            return None  # 「广州」「本意见」 named: the question is about this policy
        # 「深创投现在管理规模有多少」: something asked of a body outside the policy, not of a measure.
        # The body must be what the question is about: the first thing it names, in its first clause.
        named = self.named.find(text)
        first_clause = re.split(r"[，,。；;？?！!]", text, maxsplit=1)[0]
        body = named[0] if named and named[0].external else None
        about_body = body is not None and any(s in first_clause for s in body.spellings)
        if about_body and body is not None:
            # 「依托广东股权交易中心的私募股权转让平台什么时候上线」: X的Y asks of Y; the body is context.
            asked = [m.start() for a in self.data.attributes_asked(first_clause) if (m := a.asked.search(first_clause))]
            head = first_clause[: min(asked)] if asked else first_clause
            spelled = next((s for s in body.spellings if s in head), None)
            rest = head[head.index(spelled) + len(spelled) :] if spelled else ""
            # 「广东股权交易中心那个私募股权转让平台」 too: whatever joins them, the policy's thing is asked.
            owned = re.search(r"([^，,的]{3,})$", rest)
            if owned and any(not t.external for t in self.named.find(owned.group(1))):
                about_body = False  # the policy's own thing (私募股权转让平台), not the body's (年度排行榜)
        if about_body and self.data.attributes_asked(text) and not self.data.measure.search(text):
            return Outside("other_body", body.name)  # type: ignore[union-attr]
        return None

    def _owned(self, text: str) -> Outside | None:
        """「省里出的那个考核办法」「佛山市的资金池」: a rule its owner outside the policy names as its own."""
        found = owned_rule(text, self.data, self.gazetteer.find(text), self.named.name_spans(text))
        return Outside(*found) if found else None

    # -- which articles name X -------------------------------------------------------------
    def mention_terms(self, text: str) -> tuple[str, ...]:
        """「哪些条款提到X」「X出现在哪几条」: X split into its terms; () when the question is not one."""
        frames = self.data.mention
        text = re.sub(r"\s+(?=[？?。！!，,])", "", text)  # 「风险补偿资金池 哪几条有提到 ？」
        if not re.search(frames.list_words, text):
            return ()
        quoted = re.findall(frames.quoted, text)
        if quoted and re.search(frames.which_articles, text):
            return tuple(dict.fromkeys(q.strip(_EDGE) for q in quoted if len(q.strip(_EDGE)) >= 2))
        for frame in frames.compiled:
            m = frame.search(text)
            if m is None:
                continue
            term = re.sub(frames.strip, "", m.group("term")).strip(_EDGE)
            term = re.sub(frames.strip, "", term).strip(_EDGE)
            whole = {sp for t in self.named.find(term) for sp in t.spellings}
            # 「中国创新创业大赛（广州赛区）」 is one name, parentheses and all.
            # 「质押融资（不管是知识产权、股权还是基金份额）」: a bracket of 不管是/无论是 qualifies the term
            # before it; 「政府基金（包括政府投资基金）」 names more of it.
            term = re.sub(r"[（(]\s*(不管是|无论是|不论是)[^）)]*[）)]", "", term)
            terms = [term] if term in whole else [t.strip(_EDGE) for t in re.split(frames.split, term)]
            terms = [re.sub(frames.strip, "", re.sub(r"^(的|那个|这个|那些|这些)", "", t)).strip(_EDGE) for t in terms]
            kept = tuple(dict.fromkeys(t for t in terms if len(t) >= 2 and not re.match(frames.not_terms, t)))
            if kept:
                return kept
        return ()

    # -- several questions in one ------------------------------------------------------------
    def parts(self, text: str) -> list[str]:
        """The sub-questions of a message that asks several things; [] when it asks one."""
        return split_parts(text, self.data, self._one_subject)
