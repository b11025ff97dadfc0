"""Whose rule a question asks: an owner outside the policy named just before a rule of its own.

「佛山市的科技信贷风险补偿资金池怎么入池」「省里出的那个科技信贷考核办法」「北京中关村那套先行先试政策」
each name a rule that belongs to someone else, so the question lies outside this policy. 「我们是深圳的
企业」「深圳的基金投了我们」「承担国家重大项目的企业有什么政策」 name where someone is or what an
enterprise did; the rule asked is still this policy's. The owners, the rule nouns and the words that
make an owner a mere place are data (``focus.json`` → ``outside.owned_rule``).

Example:
    >>> from corpus.focus import load_focus
    >>> from corpus.gazetteer import load_gazetteer
    >>> from corpus.named_things import load_named_things
    >>> focus = load_focus()
    >>> text = "佛山市的科技信贷风险补偿资金池怎么入池"
    >>> owned_rule(text, focus, load_gazetteer().find(text), load_named_things().name_spans(text))
    ('other_place', '佛山')
"""

from __future__ import annotations

import re
from typing import Literal

from corpus.focus import FocusData, OwnedRule
from corpus.gazetteer import PlaceMention

__all__ = ["owned_rule"]

# 「what subsidies does (the) Foshan…」: English names the rule, then the owner as the one giving it.
_EN_RULE_ASKED_OF = re.compile(
    r"(?i)\b(?:subsid\w*|incentives?|polic(?:y|ies)|rules?|support|rewards?|grants?|perks?|benefits?)\b"
    r"[^,.?]{0,20}?\b(?:does|do|did|will|would|can|could)\s+(?:the\s+)?$"
)
_EN_HERE = re.compile(r"(?i)guangzhou|this polic|these opinions|the opinions|this document|under (?:it|this)")
_CLAUSE = re.compile(r"[^，,；;。？?！!\n]+")
_SENTENCE_END = re.compile(r"[。？?！!\n]")


def _sentence_end(text: str, start: int) -> int:
    found = _SENTENCE_END.search(text, start)
    return found.start() if found else len(text)


def _pointed_back(text: str, clause_end: int, rule: OwnedRule) -> bool:
    """Whether the next clause opens by pointing back at the owner (他们、那边) and names a rule of its own."""
    following = _CLAUSE.match(text, clause_end + 1) if text[clause_end : clause_end + 1] in "，,；;" else None
    if following is None:
        return False
    back = re.match(rule.pointed_back, following.group())
    if back is None:
        return False
    rest = following.group()[back.end() :]
    noun = rule.rule.search(rest)
    return noun is not None and noun.start() <= rule.long_gap and not rule.here_pattern.search(rest[: noun.start()])


def owned_rule(
    text: str, data: FocusData, places: list[PlaceMention], names: list[tuple[int, int]]
) -> tuple[Literal["national", "other_place"], str] | None:
    """The owner (kind, name) whose own rule one clause of ``text`` names, if any."""
    rule = data.outside.owned_rule
    not_owner_before, here = rule.not_owner_pattern, rule.here_pattern
    for clause in _CLAUSE.finditer(text):
        owners: list[tuple[int, int, Literal["national", "other_place"], str]] = [
            (m.start(), m.end(), "national", "国家") for m in rule.owner.finditer(text, clause.start(), clause.end())
        ]
        owners += [
            (p.start, p.end, "other_place", p.place.label)
            for p in places
            if clause.start() <= p.start < clause.end()
            and p.place.in_guangzhou is False
            and p.place.kind != "region"
            # 「深圳证券交易所」: a place inside a name is no owner of its own.
            and not any(s <= p.start and p.end <= e for s, e in names)
        ]
        owners += [
            (p.start, p.end, "other_place", f"{text[p.start : p.end]}自己")
            for p in places
            if clause.start() <= p.start < clause.end()
            and p.place.in_guangzhou
            and p.place.kind not in ("city", "here", "here_speaker", "region")
            and re.match(rule.district_own, text[p.end : clause.end()])
        ]
        for start, end, kind, name in sorted(owners):
            rest = text[end : clause.end()]
            # 「那对标的北京中关村，他们给创投机构落户奖励是多少」: the place itself, then 他们, asks its rule;
            # 「投了深圳一家企业，他们…」 points at the enterprise, and an investment told is this policy's.
            alone = kind != "other_place" or not (
                re.match(rule.entity_after, rest) or re.search(rule.place_unless, text)
            )
            if alone and _pointed_back(text, clause.end(), rule):
                return kind, name
            before = text[clause.start() : start]
            if re.match(rule.paid_after, rest):
                continue  # 「省里下来的专项资金」: money the owner put in, not its rules
            if not_owner_before.search(before) or re.search(rule.not_before, before):
                continue  # 「我们在深圳」「注册在佛山」「跟国家政策衔接」: where someone is, or whom one joins
            entity = re.match(rule.entity_after, rest) if kind == "other_place" else None
            if entity is not None and not rule.rule.match(rest, entity.end()):
                continue  # 「深圳的基金投了我们」: the place's institution, not its rules (「深圳的创投补贴」 is)
            if _EN_RULE_ASKED_OF.search(before) and not _EN_HERE.search(clause.group()):
                return kind, name  # 「what subsidies does the Foshan government give」: English asks the rule first
            # 「国家那个…的政策」「省级对科技企业上市的奖励」: a link right after the owner points at its own
            # rule, however many words describe it; else the rule must follow closely.
            linked = re.match(rule.owner_links, rest) is not None
            gap = rule.long_gap if linked else rule.max_gap
            # The rule starts in the owner's clause; a tool asked for its terms may run past a comma
            # (「人民银行那个科技创新再贷款，利率多少」).
            noun = rule.rule.search(text[end : _sentence_end(text, end)])
            if noun is None or noun.start() > min(gap, len(rest)):
                continue
            between = rest[: noun.start()]
            if here.search(between) or (not linked and re.search(rule.between_not, between)):
                continue  # 「承担国家重大项目的企业有什么政策」: the enterprise, not the nation, is the subject
            if kind == "other_place" and not linked and re.search(rule.place_unless, text):
                continue  # 「深圳的VC今年投了我们，奖励多少」: an outside investor asking this policy's award
            return kind, name
    return None
