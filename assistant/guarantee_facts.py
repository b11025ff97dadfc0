"""What a message says about a financing guarantee institution, for article 11's subsidy.

Article 11 subsidises 新设立和新增资的区级政策性融资担保机构 with up to 40% of the district
treasury's new contribution (区财政新增出资额). :func:`read_guarantee` finds that contribution
among the amounts a message names (not the institution's whole registered capital) and the
flags the text states, in either direction: 「民营担保公司」 is not a policy institution, 「区财政
没有出资」 means there is no contribution to subsidise. The chat and the consultation profile
both read guarantee institutions through here.

Example:
    >>> facts = read_guarantee("注册资本总额5亿，这次区财政新增出资1亿，按5亿的40%算吗？")
    >>> str(facts.capital), facts.district_funded
    ('100000000', True)
    >>> read_guarantee("我们是民营担保公司，增资1亿").policy_based
    False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.amounts import AmountMention, find_amounts
from assistant.query import clause_around

_CAPITAL_WORDS = re.compile(r"出资|注资|增资|资本金|入资|注入")
_PUBLIC_FUNDER = re.compile(r"财政|区级|区政府|区里|政府|区国资")
# Money from the city or the province is not the district's: article 11's base is 区财政新增出资额.
_OTHER_FUNDER = re.compile(r"(市|省|中央|国家)(级)?(财政|政府|国资)")
_DISTRICT_FUNDER = re.compile(r"区(级)?(财政|政府|国资)|区里")
# The institution's whole capital is not the base; only the district's new money is.
_WHOLE_CAPITAL = re.compile(r"注册资本(总额|金额)?(为|是|共|达)?$|总(资本|规模)(为|是)?$|实收资本(为|是)?$")
_DISTRICT = re.compile(r"区级|区财政|区属|区政府|区里|区国资")
_NOT_DISTRICT = re.compile(r"(市级|省级|国家级|市属|省属|央企)[^，。；,;]{0,6}担保")
_POLICY = re.compile(r"(?<!非)政策性")
_NOT_POLICY = re.compile(
    r"民营|私营|民间|商业性|非政策性|外资|个人(投资|出资|控股)|市场化(运作的|的)?(融资)?担保(公司|机构)"
)
_NEW = re.compile(r"新设|新成立|新组建|刚成立|新增资|增资|新增出资|追加出资|扩股|注资")
_NO_DISTRICT_MONEY = re.compile(
    r"区财政[^，。；,;]{0,6}(没有|没|未|不|无)[^，。；,;]{0,4}(出资|注资|增资|出钱|投入)"
    r"|(没有|没|未|无)[^，。；,;]{0,4}区财政[^，。；,;]{0,4}(出资|注资|增资|资金)"
    r"|(全部|都)?(由|是)?(股东|社会资本|民营资本|企业自有资金)(自己)?(出资|注资|增资)"
)


@dataclass(frozen=True)
class GuaranteeFacts:
    """Article 11's facts as one message states them; None where it says nothing.

    Attributes:
        capital: The district treasury's new contribution in yuan (区财政新增出资额).
        district_level: Whether the institution is district-level (区级).
        policy_based: Whether it is a policy guarantee institution (政策性).
        new_or_increase: Whether it is newly set up or newly capitalised.
        district_funded: Whether the district treasury put money in at all.
    """

    capital: Decimal | None = None
    district_level: bool | None = None
    policy_based: bool | None = None
    new_or_increase: bool | None = None
    district_funded: bool | None = None


def _clause(text: str, mention: AmountMention) -> str:
    return clause_around(text, *mention.span)


def _flag(text: str, yes: re.Pattern[str], no: re.Pattern[str]) -> bool | None:
    if no.search(text):
        return False
    return True if yes.search(text) else None


def _from_other_funder(clause: str) -> bool:
    """Whether a clause's money comes from the city or the province rather than the district."""
    return bool(_OTHER_FUNDER.search(clause)) and not _DISTRICT_FUNDER.search(clause)


def _pick_capital(text: str, mentions: list[AmountMention], require_funder: bool) -> Decimal | None:
    """The amount described as the district's new contribution.

    Best: a clause with both a public funder and a capital word (「区财政新增出资1亿」); then a clause
    with a capital word; an amount labelled as the whole registered capital is never the base.
    Without ``require_funder`` a lone remaining amount (「增资1亿」) is taken as the contribution.
    """
    usable = [m for m in mentions if m.value > 0 and not _WHOLE_CAPITAL.search(text[max(0, m.span[0] - 8) : m.span[0]])]
    usable = [m for m in usable if not _from_other_funder(_clause(text, m))]
    funded = [m for m in usable if _CAPITAL_WORDS.search(c := _clause(text, m)) and _PUBLIC_FUNDER.search(c)]
    if funded:
        return funded[0].value
    if require_funder:
        return None
    worded = [m for m in usable if _CAPITAL_WORDS.search(_clause(text, m))]
    chosen = worded or usable
    return chosen[0].value if chosen else None


def read_guarantee(text: str, *, require_funder: bool = False) -> GuaranteeFacts:
    """Read article 11's facts from one message or a profile's free text.

    Args:
        text: The message.
        require_funder: Take an amount only when its clause names a public funder (財政, 区里…):
            a profile's free text names many amounts; a chat turn about guarantees mostly one.

    Returns:
        The facts the text states.
    """
    mentions = find_amounts(text)
    # 「市财政增资5亿」 with no district money named anywhere: nothing for article 11 to subsidise.
    others_only = any(
        m.value > 0 and _from_other_funder(_clause(text, m)) for m in mentions
    ) and not _DISTRICT_FUNDER.search(text)
    no_money = bool(_NO_DISTRICT_MONEY.search(text)) or others_only
    capital = None if no_money else _pick_capital(text, mentions, require_funder)
    return GuaranteeFacts(
        capital=capital,
        district_level=_flag(text, _DISTRICT, _NOT_DISTRICT),
        policy_based=_flag(text, _POLICY, _NOT_POLICY),
        new_or_increase=True if _NEW.search(text) else None,
        district_funded=False if no_money else (True if capital is not None and _DISTRICT.search(text) else None),
    )
