"""Who speaks: an investor, an investee (a startup's CFO), a guarantee institution, or no one said."""

from __future__ import annotations

import re

from assistant.understand.model import Institution, Question, SpeakerRole
from assistant.understand.text import find_words
from corpus.lexicon import Lexicon

__all__ = ["kind_said", "not_equity_word", "own_kind", "speaker_role"]

_STAFF = re.compile(r"CFO|财务|董秘|创始人|老板|负责人|法人|合伙人|总经理|CEO|融资负责人", re.IGNORECASE)
_PUT_MONEY_IN = re.compile(
    r"(我们|我司|我公司)[^。；]{0,30}(入股了|投了|投资了|领投了|跟投了|注资了)[^。；]{0,12}(一家|企业|公司)"
    # 「我们公司在澳门，今年分两次给了海珠一家初创期科技型中小企钱」: money given to a company is invested
    r"|(我们|我司|我公司)[^。；]{0,30}(给了|打给了?|转给了?)[^。；]{0,24}(一家|企业|公司|企)[^。；]{0,3}(钱|款|投资款|[\d一二三四五六七八九十两百千.]+\s*(?:万|亿))"
)
# 「我们今年能拿到多少」 asks for the award: getting money is financing only when it is not the award.
_FINANCED = re.compile(r"(融了|融到|拿到|获得|完成|获投|引入|轮融|融资|收到)(?!多少|几|奖励|补贴|补助|奖补|的奖励)")


def speaker_role(text: str, lexicon: Lexicon) -> tuple[SpeakerRole | None, bool]:
    """Who speaks: an investor, an investee (a startup's CFO), a guarantee institution, or someone else.

    Returns:
        The role (None when the message does not say) and whether the investor is a person.
    """
    parties = lexicon.parties
    # 「不是用个人名义，是通过我在东莞注册的投资公司」: a person investing through an institution is the institution.
    # 「还有一位个人天使投资人投了200万」: a person named as one more investor is not the speaker.
    another = re.compile(r"(一位|一个|一名|几位|两位|另外|还有)[^，。；我]{0,3}$")
    said = [
        bool(re.search(r"(不是|不用|并非|非|没有)[^，。；]{0,3}$", text[max(0, m.start() - 6) : m.start()]))
        for m in find_words(text, parties.individual)
        if "我" in m.group(0) or not another.search(text[max(0, m.start() - 6) : m.start()])
    ]
    individual = bool(said) and not any(said)
    own = list(find_words(text, parties.self + parties.self_is))
    if individual:
        return "investor", True
    if re.search(
        r"(我们|我司|我公司|本公司|我方|我们这边)[^，。；]{0,8}(担保公司|担保机构|融资担保)", text
    ) or re.search(r"^[^，。；]{0,20}(担保公司|担保机构)[^，。；]{0,4}(的|做)?(财务|CFO)", text):
        return "guarantor", False
    if not own:
        return None, False
    # The self-description is the clause the first self word opens (not the investor named after it).
    clause_end = min(
        (i for i in (text.find(m, own[0].start()) for m in "，,。；;！？!?\n") if i >= 0), default=len(text)
    )
    head = text[own[0].start() : max(clause_end, own[0].start() + 8)]
    # 「我们公司在天河，是GP，管两只基金」: a clause opening with 是 still says what the speaker is.
    while (more := _SAYS_MORE.match(text, clause_end)) is not None:
        clause_end = more.end()
        head = text[own[0].start() : clause_end]
    institution = find_words(head, [n for n in parties.institution_nouns if n not in ("机构",)])
    investee = find_words(head, parties.investee_nouns)
    financed = bool(re.search(r"(我们|我司|我方)[^，。；]{0,10}" + _FINANCED.pattern, text)) or bool(
        re.search(
            r"投(了)?我们(?![区市省这那的])|给我们投|投资(了)?我们(?![区市省这那的])|投资我司|投我司|向我们投|收到[^，。；]{0,24}投资款",
            text,
        )
    )
    # 「我们在黄埔，初创期科技型中小企业…能给投资方多少奖励」: an investee speaking of its investors.
    about_investors = bool(re.search(r"投资方|投资人|投资机构(能|可以)", text)) and bool(
        re.search(r"(我们|我司|我公司|本公司)[^。；]{0,14}(科技型中小企业|科小|初创期|种子期|科技企业)", text)
    )
    # 「我是东莞一家股权投资公司的财务主管」: staff of an investment institution speak for the investor.
    staff = bool(_STAFF.search(head)) and bool(investee) and not institution
    sentence_end = min(
        (i for i in (text.find(m, own[0].start()) for m in "。；;！？!?\n") if i >= 0), default=len(text)
    )
    described = find_words(text[own[0].start() : sentence_end], parties.investee_nouns)
    # 「我们在白云区，做宠物智能硬件的，刚成立半年…属于初创期科技型中小企业。投资方是江门的一家创投」:
    # a speaker that describes itself as the company and names its investor as another, and never
    # says it invested, is the investee however long the description.
    # 「本机构…向…一家种子期科技型中小企业投资人民币叁仟伍佰万元」: any self word, then its investing verb.
    self_words = "|".join(map(re.escape, parties.self))
    speaker_invests = re.search(rf"({self_words})[^，。；]{{0,6}}(投了|投资了|投资|投)", text) or re.search(
        rf"({self_words})[^。；]{{0,40}}向[^。；]{{0,40}}(投资|投了|注资)(?!方|人(?!民币)|机构)", text
    )
    about_investors = about_investors or (
        bool(described) and bool(re.search(r"投资方|投资人(?!民币)|投资机构|融资", text)) and not speaker_invests
    )
    # 「天使轮只有两位个人投资人：一位深圳的老板…一位香港的朋友」: the company's investors are persons
    # when it names persons and no institution among them.
    persons = bool(list(find_words(text, parties.individual))) and not find_words(
        text[clause_end:], [n for n in parties.institution_nouns if n not in ("机构",)]
    )
    if about_investors and described and not institution:
        return "investee", persons
    if staff or (financed and not institution) or (investee and not institution and financed):
        return "investee", persons
    # 「我们是佛山一家制造业公司，…入股了南沙一家企业」: whoever puts money into another company invests.
    if institution or speaker_invests or _PUT_MONEY_IN.search(text):
        return "investor", False
    if investee and re.search(r"(我们|我司)(是|公司|企业)", head):
        return "investee", persons
    return None, False


_NEGATED = re.compile(r"(不是|并非|而非|非|不属于)$")
_SAYS_MORE = re.compile(r"[，,]\s*(?:也|就|都|其实)?(?:是|作为|属于)[^，,。；;！？!?\n]{1,16}")
# 「股权投资机构」「投资公司」: 投资 inside the name of what the speaker is is no verb.
_INVESTING_VERB = re.compile(r"投了|投资(?!机构|公司|基金|平台|集团|管理)|入股|注资|领投|跟投|出资|放了|借")
_MEASURED = frozenset("一两二三四五六七八九十几这那每某")


def not_equity_word(text: str, lexicon: Lexicon) -> str | None:
    """The words in which the speaker says it is no equity investment institution (「我们是一家银行」).

    Only the speaker's own description counts, up to the first investing verb: 「我们是创投，投了一家
    制造企业」 names the investee, and 「我们不是银行」 denies the word.
    """
    parties = lexicon.parties
    opening = find_words(text, parties.self_is)
    if not opening or _for_an_investing_client(text, lexicon):
        return None
    start = opening[0].start()
    # The self-description runs to the end of its sentence (「我们是东莞的一家制造业公司，不是投资机构」).
    ends = [i for i in (text.find(m, start) for m in "。；;！？!?\n") if i >= 0]
    head = text[start : min(ends, default=len(text))]
    said = find_words(head, parties.not_equity_investor_said)
    if said:
        return said[0].group(0)
    verb = _INVESTING_VERB.search(head, len(opening[0].group(0)))
    head = head[: verb.start()] if verb else head
    if _WHEN_NOT_WHAT.match(head, len(opening[0].group(0))):
        return None  # 「我们是12月29号打的款，但对方银行…」: when the asker paid, not what it is
    for match in find_words(head, parties.not_equity_investor):
        if not _NEGATED.search(head[: match.start()]) and not _OTHER_SIDE.search(head[: match.start()]):
            return match.group(0)
    return None


def _for_an_investing_client(text: str, lexicon: Lexicon) -> bool:
    """「我的客户是注册在惠州大亚湾的一家股权投资机构」: the speaker asks for a client that is an investor.

    The client must be named as an institution in the same sentence: 「我们是银行，我的客户是一家初创企业」
    keeps the speaker's own kind.
    """
    parties = lexicon.parties
    for match in find_words(text, parties.client_refs):
        ends = [i for i in (text.find(m, match.end()) for m in "。；;！？!?\n") if i >= 0]
        sentence = text[match.end() : min(ends, default=len(text))]
        if find_words(sentence, parties.institution_nouns):
            return True
    return False


_WHEN_NOT_WHAT = re.compile(
    r"\s*(?:\d|[一二三四五六七八九十]+月|今年|去年|前年|上个月|这个月|月初|月底|年底|年初|昨天|前天)"
)
_OTHER_SIDE = re.compile(r"(对方|他们的?|被投企业的?|企业的?|公司的?)$")


def kind_said(text: str, lexicon: Lexicon) -> bool | None:
    """Whether the speaker says what it is: an institution (True), only 「一家公司」 (False), or nothing (None).

    「我们是佛山一家公司，投了…」 leaves open whether it is an equity investment institution, which
    article 3 rewards; 「我们是前海的创投」 says it is one.
    """
    opening = find_words(text, lexicon.parties.self_is)
    if not opening:
        return None
    start = opening[0].start()
    ends = [i for i in (text.find(m, start) for m in "，,。；;！？!?\n") if i >= 0]
    head = text[start : min(ends, default=len(text))]
    verb = _INVESTING_VERB.search(head, len(opening[0].group(0)))
    head = head[: verb.start()] if verb else head
    # 「一家办公室在香港的…」: 家 after a numeral is the measure word, not the start of 家办.
    unclear = [
        m
        for m in find_words(head, lexicon.parties.kind_unclear)
        if not (m.group(0).startswith("家") and head[max(0, m.start() - 1) : m.start()] in _MEASURED)
    ]
    # 「家族办公室」 is a party that invests, but whether it is an equity investment institution is asked.
    named = [
        m
        for m in find_words(head, lexicon.parties.institution_nouns)
        if not any(u.start() <= m.start() and m.end() <= u.end() for u in unclear)
    ]
    if named:
        return True
    return False if unclear else None


_YES = re.compile(r"^\s*(是|是的|对|对的|没错|嗯|是啊|属于|算)[\s，,。.!！]*")
_NO = re.compile(r"^\s*(不是|不算|不属于|并不是|没有)")


def own_kind(own: Institution, text: str, lexicon: Lexicon, pending: Question | None) -> Institution:
    """What the speaker says it is: no equity institution (银行), one (创投), or just a company (一家公司)."""
    word = not_equity_word(text, lexicon)
    if word is not None:
        return own.model_copy(update={"not_equity": word})
    if pending is not None and pending.slot == "institution_kind":
        # 「是的」「不是，我们是实业公司」: the answer to whether it is an equity investment institution.
        if _NO.search(text):
            return own.model_copy(update={"not_equity": "不是股权投资机构"})
        if _YES.search(text):
            return own.model_copy(update={"kind_said": True})
    said = kind_said(text, lexicon)
    return own.model_copy(update={"kind_said": said}) if said is not None else own
