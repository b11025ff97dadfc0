"""A message telling something of several known deals, each by its place (「黄埔那家是成熟期，花都那家是初创期」).

One set of hints for the whole message would give every deal the last stage said. Each clause that
names the investee place of exactly one known deal, and says something of it, is that deal's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.understand.amounts import find_amounts
from assistant.understand.model import Facts, Hints
from corpus.gazetteer import Gazetteer

__all__ = ["per_deal_hints", "told_before_new", "withdrawn_deals"]

_CLAUSES = re.compile(r"[，,；;。！!？?\n]")
_PLACE_FIELDS = {"investee_place", "investee_place_text"}


def per_deal_hints(
    message: str, known: Facts, gazetteer: Gazetteer, hints_of: Callable[[str], Hints]
) -> dict[int, Hints]:
    """Deal id → what its own clause says; empty unless two or more known deals are told apart."""
    found: dict[int, Hints] = {}
    for clause in (c for c in _CLAUSES.split(message) if c.strip()):
        named = {m.place.name for m in gazetteer.find(clause)}
        deals = [i.id for i in known.investments if i.investee_place in named]
        if len(deals) != 1 or deals[0] in found:
            continue
        told = hints_of(clause).model_dump(exclude=_PLACE_FIELDS, exclude_defaults=True)
        if told:
            found[deals[0]] = Hints(**told)
    return found if len(found) >= 2 else {}


_SENTENCES = re.compile(r"(?<=[。！!？?\n])")
_POINTS_BACK = re.compile(r"这家|该公司|该企业|这个项目|该项目|这个公司|这个企业|这笔|它")
_AMOUNT = re.compile(r"\d|[一二两三四五六七八九十百千]\s*[万亿]")


def told_before_new(message: str, known: Facts, hints_of: Callable[[str], Hints]) -> dict[int, Hints]:
    """「忘了说，这家公司是种子期的。另外我们还有一笔…」: what the message says of the last known deal first.

    Sentences before the first one with a figure, pointing back (这家、该公司) and holding no amount,
    speak of the deal told last, not of the new ones.
    """
    if not known.investments:
        return {}
    said: list[str] = []
    for sentence in _SENTENCES.split(message):
        if _AMOUNT.search(sentence):
            break
        said.append(sentence)
    text = "".join(said)
    if not _POINTS_BACK.search(text):
        return {}
    told = hints_of(text).model_dump(exclude=_PLACE_FIELDS | {"status", "year"}, exclude_defaults=True)
    return {known.investments[-1].id: Hints(**told)} if told else {}


_COMPANY_LETTER = re.compile(r"(?<![A-Za-z])([A-Z]|[甲乙丙丁])(?=公司|企业|项目)")


def withdrawn_deals(message: str, known: Facts, gazetteer: Gazetteer, words: list[str]) -> list[int]:
    """「白云那家后来交割没完成，钱已经全额退回来了，这个别算」: the known deals, named by place, now gone.

    Only a deal whose investee place the message names alone, in a message whose amounts (if any)
    are that deal's own (「花都那家2000万的…钱全额退回给我们了」).
    """
    if not known.investments or not any(w in message for w in words):
        return []
    named = {m.place.name for m in gazetteer.find(message)}
    gone = [i for i in known.investments if i.investee_place in named]
    places = {i.investee_place for i in gone}
    if not gone:
        # 「B公司那笔后来交割前就终止了」: the deal named by the company's letter its clause gave it.
        letters = set(_COMPANY_LETTER.findall(message))
        gone = [i for i in known.investments if letters & set(_COMPANY_LETTER.findall(i.clause or ""))]
        places = {i.id for i in gone}
    if len(places) != 1 or len(gone) >= len(known.investments):
        return []
    told = {a.value for a in find_amounts(message)}
    if not told <= {i.amount for i in gone}:
        return []  # another figure: the message tells something else than the deal's end
    return [i.id for i in gone]
