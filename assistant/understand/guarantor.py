"""The guarantee institution a message is about, as article 11's conditions on the institution see it.

District-level or not, policy-based or not, new or increased, and the district it belongs to.

「市属担保集团出资0.9亿」 names a shareholder paying in, not the institution asked about; only a level
word attached to the institution says what it is.
"""

from __future__ import annotations

import re

from assistant.understand.model import Guarantor
from assistant.understand.text import find_words
from corpus.gazetteer import Gazetteer
from corpus.lexicon import Lexicon

__all__ = ["is_guarantee_message", "read_guarantor"]

_GUARANTEE = re.compile(
    r"担保(公司|机构|平台|集团)|融资担保|再担保|政策性担保|(我们|本|该)担保|区财政[^，。；]{0,8}(新增)?(出资|注资|增资)"
    r"|(?i:\bguarantee\s+(company|companies|institution|firm|agency|platform)\b|\bfinancing\s+guarantee\b)"
)
_DISTRICT_NAMED = re.compile(
    r"([\u4e00-\u9fa5]{1,3}区|某区|XX区|我们区|本区|区里)(的|属|级)?[^，。；]{0,10}(政策性|融资担保|担保公司|担保机构)"
)


def is_guarantee_message(text: str) -> bool:
    """Whether the message is about a financing guarantee institution."""
    return bool(_GUARANTEE.search(text))


def _flag(text: str, yes: list[str], no: list[str]) -> tuple[bool | None, str | None]:
    negative = find_words(text, no)
    if negative:
        return False, negative[0].group(0)
    positive = [m for m in find_words(text, yes) if not text[max(0, m.start() - 1) : m.start()] == "非"]
    return (True, positive[0].group(0)) if positive else (None, None)


def read_guarantor(text: str, lexicon: Lexicon, gazetteer: Gazetteer) -> Guarantor:
    """The institution's own flags and district, from one message."""
    words = lexicon.guarantee.institution
    # 「市属国企出的」 names a funder; only a level word attached to the institution says what it is.
    # 「市属担保集团出资0.9亿」 is a shareholder paying in, not the institution asked about.
    attached = re.search(
        rf"({'|'.join(map(re.escape, words.not_district))})[^，。；]{{0,6}}(担保|政策性)"
        r"(?![^，。；]{0,6}(出资|出了|出的|出钱|拿出|掏|注资|认缴|实缴|持股|占股|跟投|投了|投资|参股|入股|增资))",
        text,
    )
    level, level_word = (False, attached.group(1)) if attached else _flag(text, words.district, [])
    named = _DISTRICT_NAMED.search(text)
    if level is None and named:
        level, level_word = True, named.group(1)
    # 「剩下2亿由一家民营企业出」 names a funder; 「民营的融资担保公司」 says what the institution is.
    private = re.search(rf"({'|'.join(map(re.escape, words.not_policy))})[^，。；]{{0,6}}(担保|融资担保)", text)
    policy, policy_word = (False, private.group(1)) if private else _flag(text, words.policy, [])
    new = True if find_words(text, words.new) else None
    none = bool(find_words(text, lexicon.guarantee.none_words)) and "区财政" in text
    return Guarantor(
        district_level=level,
        level_word=level_word,
        policy_based=policy,
        policy_word=policy_word,
        new_or_increase=new,
        no_district_money=none,
        district=_district_told(text, gazetteer)
        or _seat(text, gazetteer)
        or (named.group(1) if named and gazetteer.resolve(named.group(1)) else None),
    )


_INSTITUTION_NOUN = re.compile(r"融资担保|担保公司|担保机构|担保集团")
# 「我说的区是深圳南山区，不是广州的区」: the district said outright.
_DISTRICT_IS = re.compile(r"(?:说的|我们的?|这个|那个|所在的?|所属的?)区(?:其实)?(?:是|指的是|在)([^，。；,;]{1,12})")


def _district_told(text: str, gazetteer: Gazetteer) -> str | None:
    """The district named after 「我说的区是」, its most specific place (南山 of 深圳南山区)."""
    told = _DISTRICT_IS.search(text)
    places = [m for m in gazetteer.find(told.group(1)) if m.place.kind != "region"] if told else []
    return max(places, key=lambda m: m.end).place.name if places else None


def _seat(text: str, gazetteer: Gazetteer) -> str | None:
    """「我们是东莞松山湖的区级政策性融资担保公司」: the place named just before the institution's noun."""
    noun = _INSTITUTION_NOUN.search(text)
    if noun is None:
        return None
    start = max(text.rfind(mark, 0, noun.start()) for mark in "，,。；;！？!?\n") + 1
    places = [m for m in gazetteer.find(text[start : noun.start()]) if m.place.kind != "region"]
    return max(places, key=lambda m: m.end).place.name if places else None
