"""What the message itself says is unsure, as questions: the assistant asks instead of guessing.

Whose name the money went in, how much arrived, the other deals of the year whose amounts the
cap needs, where the investee will sit: the rules are data (``corpus/understanding/doubts.json``);
whether the investee is a technology SME at all is read here from the lexicon's words.
"""

from __future__ import annotations

import re

from assistant.understand.model import Facts, Question
from assistant.understand.text import CURRENCY_DECLARED, alternation, find_words
from corpus.doubt_rules import DoubtRule, load_doubt_rules
from corpus.gazetteer import load_gazetteer
from corpus.lexicon import Lexicon

__all__ = ["currency_unsaid", "doubts", "not_all_ours", "tech_doubted"]

_YEAR = re.compile(r"(20\d\d)\s*年")

# 「这4000万不全是我们基金出的」: part of the figure is someone else's (the payer reader asks of it too).
_NOT_ALL_OURS = next(r for r in load_doubt_rules() if r.id == "not_all_ours")


def not_all_ours(text: str) -> bool:
    """「这4000万不全是我们基金出的」: the message is about another party's part of a figure."""
    return _NOT_ALL_OURS.matches(text)


def tech_doubted(scope: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """「不清楚有没有入库科小」「是不是科技型中小企业还不确定」: the word is said in doubt, not as a fact."""
    tech = lexicon.tech
    either = alternation(tuple(tech.unsure)) or r"(?!)"
    leading = alternation(tuple(tech.unsure + tech.unsure_before)) or r"(?!)"
    clause_start = max(scope.rfind(mark, 0, start) for mark in "，,。；;！？!?") + 1
    before = scope[clause_start:start]
    after = scope[end : end + 10]
    return bool(re.search(rf"({leading})[^，。；]{{0,6}}$", before)) or bool(
        re.match(rf"^[^，。；]{{0,4}}({either})", after)
    )


def doubts(text: str, lexicon: Lexicon, facts: Facts) -> list[Question]:
    """What the message itself says is unsure, by the rules of ``doubts.json``, in their order."""
    found: list[Question] = []
    asked_groups: set[str] = set()
    for rule in load_doubt_rules():
        at = None if rule.group in asked_groups else rule.where(text)
        if at is None or not _test_holds(rule, facts, text):
            continue
        if rule.group is not None:
            asked_groups.add(rule.group)
        found.append(Question(slot=rule.slot, text=lexicon.ask(rule.ask, when=_year_before(text, at))))
    yes = find_words(text, lexicon.tech.yes)
    if yes and all(tech_doubted(text, m.start(), m.end(), lexicon) for m in yes):
        found.append(Question(slot="tech_sme", text=lexicon.ask("tech_sme")))
    return found


def _year_before(text: str, at: int) -> str:
    """「2023年到账多少我忘了」: the year written just before a doubt, in its clause; 「今年」 when none is."""
    clause_start = max(text.rfind(mark, 0, at) for mark in "，,。；;！？!?\n") + 1
    years = _YEAR.findall(text[clause_start : at + 8])
    return f"{years[-1]}年" if years else "今年"


def _test_holds(rule: DoubtRule, facts: Facts, text: str) -> bool:
    """The rule's test on the facts read from the message."""
    if rule.test == "no_investments":
        return not facts.investments
    if rule.test == "no_arrived":
        return not any(i.status == "received" for i in facts.investments)
    if rule.test == "one_institution":
        return len(facts.institutions) <= 1
    if rule.test == "seats_apart":
        return _seats_apart(rule, facts, text)
    return True


def _seats_apart(rule: DoubtRule, facts: Facts, text: str) -> bool:
    """Whether the places the rule's patterns name lie on both sides of the Bay Area's edge, for one investor.

    「基金本身在上海注册，但管理人注册在深圳南山」: each pattern's place is in its match or just after it.
    """
    if len({i.institution for i in facts.investments}) > 1:
        return False  # 「前海这只…香港那只…南京那只」: several investors, each with its own seat
    gazetteer = load_gazetteer()
    sides = set()
    for pattern in rule.all:
        found = pattern.search(text)
        if found is None:
            return False
        places = [p for p in gazetteer.find(text[found.start() : found.end() + 10]) if p.place.in_gba is not None]
        if places:
            sides.add(places[0].place.in_gba)
    return len(sides) > 1


# 「到账 5 million」 from a Hong Kong fund: million of which currency? 「RMB 20 million」「500万元」 say it.
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?=\s)")
_MILLIONS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(million|mn|m|bn|billion|k)\b", re.IGNORECASE)
_CURRENCY_NEAR = re.compile(
    r"(RMB|CNY|人民币|元|yuan|USD|US\$|\$|HKD|HK\$|MOP|EUR|€|¥|￥|美元|美金|港币|港元|澳门元|欧元|日元)", re.IGNORECASE
)


def currency_unsaid(message: str, lexicon: Lexicon) -> list[Question]:
    """An amount written in millions with no currency beside it (the user's own words, before preparing)."""
    if CURRENCY_DECLARED.search(message):
        return []
    for m in _MILLIONS.finditer(message):
        # A list names its currency once (「RMB 12m, 8m, 15m」「8m, 5m, 7m RMB」): its sentence says it.
        # English sentences end at 「. 」 too: 「…we wired 5 million… Our fund is in US dollars but we
        # also hold RMB and HKD accounts」 names currencies in another sentence, not this figure's.
        start = max((e.end() for e in _SENTENCE_END.finditer(message, 0, m.start())), default=0)
        end = next((e.start() for e in _SENTENCE_END.finditer(message, m.end())), len(message))
        around = message[start:end]
        if not _CURRENCY_NEAR.search(around):
            return [Question(slot="received_amount", text=lexicon.ask("currency", figure=m.group(0)))]
    return []
