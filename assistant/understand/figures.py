"""What each money figure of a message is: received, signed, still to come, or not an investment at all.

A figure's role comes from the cue nearest to it in its own clause (the words right before it,
or right after it), looked up in ``corpus/understanding/lexicon.json``: 「实际到账2000万」 is
received, 「协议签的是3000万」 signed, 「剩下1000万明年再打」 pending, 「投后估值2个亿」 set aside
as a valuation, 「500万美元」 a foreign-currency figure to ask about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import takewhile
from typing import Literal

from assistant.understand.amounts import AmountMention
from assistant.understand.figure_cues import after_cue, arrived_later_in, cue_tables, nearest_cue
from assistant.understand.text import Clause, find_words
from corpus.lexicon import Lexicon

__all__ = ["FigureRead", "Role", "read_figures"]

Role = Literal["received", "signed", "pending", "plain", "set_aside", "foreign"]
# 「2023年和2024年各投了一家企业1亿」: 各 before the verb makes the amount each one's.
_EACH_VERB = re.compile(r"各(?:自)?(?:投了|投资了|投资|投|到账|打款|出资|实缴|领投|跟投)")
_TRANCHES = re.compile(r"^\s*元?\s*(?:，|,)?\s*(?:分|共分|按)\s*(?:[两二三四五六七八九十]|\d)\s*(?:次|期|笔|批)")
_MONTH_ARRIVED = re.compile(
    r"^\s*元?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?\s*(?:已经?)?(?:到|到账|到位|打款|打过来)"
)
# 「200亿的科技企业并购基金」「200亿并购基金」: the size of a fund (or pool), not money invested.
_FUND_SIZE = re.compile(
    r"^\s*元?\s*(?:规模)?(?:(?:的|那个|这个|那只|那支)[^，。；,;投到给出付打]{0,10}?"
    r"|(?:科技企业|科技|企业|并购|天使|母|引导|产业|子|创投|创业投资|股权投资|专项|成果转化)*)"
    r"(?:基金|资金池|盘子)(?!管理|公司)"
)
# 「500万的流动资金贷款」: a loan, whatever kind of loan it is.
_LOAN = re.compile(
    r"^\s*元?\s*(?![^，。；]{0,4}(?:不是|并非|而非))(?:是|为|属于|算)?[^，。；,;投到付打]{0,8}?的?(?:贷款|授信|借款)(?!利息)"
)
# 「其中100万计入注册资本」「那1亿里其中3000万是借款」: a part of the figure before it.
_PART_OF = re.compile(
    r"其中(?:的)?(?:有|只有|仅有|包括)?\s*$"
    # 「共3亿，其中2家是成长期的合计1.2亿」: a counted part described before its figure.
    r"|其中[\d一二两三四五六七八九十]+(?:家|笔|个项目|个)[^，。；\d]{0,12}$"
)
# 「…，剩下3家都是初创期」: the rest of a total whose part was told apart.
REMAINDER_OPENS = re.compile(r"^\s*(剩下|剩余|其余|余下|另外|其他)")
# 「从化初创期2200万（到账1200万）」: the amount before a bracketed arrival is what was agreed.
_ARRIVAL_IN_BRACKETS = re.compile(
    r"^\s*元?\s*[（(]\s*(?:其中|实际|目前|已经?|只|only|just)?\s*(?P<word>到账|到位|实缴|打款|打了|到了|paid|received)?\s*$",
    re.IGNORECASE,
)
# …and the bracketed amount is what arrived: an arrival word before it (above) or after it.
_ARRIVED_NEXT = re.compile(r"^\s*元?\s*(?:已|已经)?(?:到账|到位|实缴|paid|received|arrived)", re.IGNORECASE)
# 「这1200万是从创始人手里买的老股」: paid to a shareholder for old shares.
_OLD_SHARES = re.compile(r"^\s*元?\s*(?:是|其实是|都是|实际是)[^，。；]{0,12}(?:老股|受让的股份|股权转让款|转让款)")
_OLD_SHARES_REASON = "老股转让款：付给原股东、没有进入被投企业，是否算实际到账投资额以责任单位审核为准"
_CHANGED_TO = re.compile(r"(增加到|增加至|增至|增到|提高到|扩大到|变为|变成|调整为)\s*$")
_LOAN_FORM = re.compile(
    r"(?<!不是)(?<!并非)(以|通过|采用|用)(借款|贷款|债权|借贷)(的)?(形式|方式)|借给|借予|出借给|放贷给|贷给|贷款给"
)
# 「是那家公司这轮的投后估值」「其实是注册资本」: what the figure is, said right after it (up to the noun).
_IS_KIND = re.compile(
    r"^\s*元?\s*(?:其实|实际上|只)?(?:是|为|指的是|说的是)([^，。；,;\d]{0,14}?(?:估值|注册资本|注册资本金|实收资本|管理规模|基金规模|营收|营业收入|收入|利润|市值))"
)
_ARITHMETIC = re.compile(r"^\s*元?\s*[×xX*]|^\s*元?\s*乘以?")
_LP_MONEY = re.compile(
    r"(?<![A-Za-z])(LP|有限合伙人|出资人)[^，。；]{0,12}(认缴|实缴|出资|drawdown|缴款|募|commit)", re.IGNORECASE
)
# 「对一个子基金认缴2亿（实缴了8000万）」「认缴了两支子基金LP份额合计5000万」: money put into a fund
# as its LP, not an investment in an enterprise.
_FUND_STAKE = re.compile(
    r"(对|向|给|投|认缴了?|实缴了?|出资)[^，。；]{0,8}(子基金|母基金|基金份额|LP份额|有限合伙份额|合伙份额)"
    r"|(子基金|母基金)[^，。；]{0,6}(LP)?份额"
)
_FUND_STAKE_REASON = "对基金的出资（LP份额），不是对企业的投资"
_ENTERPRISE = re.compile(r"企业|公司|项目|科小")
_NEGATED = re.compile(r"(不是|而不是|并非|并不是)\s*$")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"]*\"|『[^』]*』")
# A cue further back than this many characters belongs to something else in the clause.


@dataclass(frozen=True)
class FigureRead:
    """One amount with its role.

    Attributes:
        mention: The amount as found.
        role: received / signed / pending / plain (no cue) / set_aside / foreign.
        reason: Why it is set aside (注册资本、估值…), for ``set_aside``.
        total: Preceded by 共/合计/一共: a total of several investments.
        each: Preceded by 各/每家: the same amount for each of several.
        respectively: After 分别 in its clause: one of a list matched item by item.
        clause: The clause the amount is in.
        before: The clause's words from the previous amount (or the clause start) up to this one.
        after: The clause's words from this amount up to the next amount (or the clause end).
        part_of: The index of an earlier, larger figure of the sentence it is 其中 (a part of).
    """

    mention: AmountMention
    role: Role
    reason: str | None
    total: bool
    each: bool
    respectively: bool
    clause: Clause
    before: str
    after: str
    part_of: int | None = None  # 「投了2000万（其中100万计入注册资本）」: the index of the whole it is part of
    own_part: bool = False  # a part with its own stage, the rest of the whole being another deal
    remainder: bool = False  # a whole reduced to what its parts told apart leave (「3亿−1.2亿」)

    @property
    def start(self) -> int:
        """Where the amount starts in the message."""
        return self.mention.span[0]


_LIST_NEXT = re.compile(r"\s*元?\s*[、和及与/]\s*")


def read_figures(
    text: str, amounts: list[AmountMention], parts: list[Clause], lexicon: Lexicon, *, asking: bool
) -> list[FigureRead]:
    """The role of every amount in ``text``.

    Args:
        text: The prepared message.
        amounts: Its amounts, in order.
        parts: Its clauses.
        lexicon: The vocabulary.
        asking: Whether the message asks for an amount (then 「能拿9万」 is the user's own estimate).
    """
    before_cues, after_cues = cue_tables(lexicon, asking)
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    markers = lexicon.markers
    reads: list[FigureRead] = []
    for index, amount in enumerate(amounts):
        start, end = amount.span
        clause = next((c for c in parts if c.holds(start)), Clause(0, len(text), text, 0))
        previous_end = amounts[index - 1].span[1] if index > 0 else 0
        next_start = amounts[index + 1].span[0] if index + 1 < len(amounts) else len(text)
        before = text[max(clause.start, previous_end) : start]
        if before.isascii() and len(before.strip()) <= _SHORT_ENGLISH:
            # 「Total committed under the SPAs was higher, around RMB 450m」: an English clause this short
            # leans on the one before it for what the figure is.
            opening = min((c.start for c in parts if c.sentence == clause.sentence), default=clause.start)
            before = text[max(opening, previous_end) : start]
        after = text[end : min(clause.end, next_start)]
        cue = None
        if any(s <= start < e for s, e in quoted):
            cue = ("set_aside", "引文中的数字")
        elif _NEGATED.search(before):
            cue = ("set_aside", "更正前的数字")
        elif _ARITHMETIC.match(after):
            cue = ("set_aside", "您算式中的数（按各笔核实后的金额计算）")
        elif _LP_MONEY.search(text[clause.start : start]):
            cue = ("set_aside", "LP（出资人）对本基金的出资，不是对外投资")
        elif _stake_in_a_fund(text, start):
            cue = ("set_aside", _FUND_STAKE_REASON)
        elif _LOAN_FORM.search(text[clause.start : start]):
            cue = ("set_aside", "贷款")  # 「以借款的形式给…提供了1000万」: the money was lent
        foreign = _foreign(before, after, lexicon)
        if cue is None and foreign is not None:
            # 「fund size大概USD 300m」: money set aside is set aside in any currency.
            aside = nearest_cue(before, [c for c in before_cues if c[0] == "set_aside"])
            if aside is None:
                # 「管理一只1亿美元的基金」: the kind of money may follow its currency.
                rest = _after_currency(after, lexicon)
                aside = next((c for c in [after_cue(rest, after_cues)] if c and c[0] == "set_aside"), None)
            cue = aside if aside is not None else foreign
        cue = cue or _shape_cue(after) or _said_to_be(after, lexicon)
        bracket = _ARRIVAL_IN_BRACKETS.match(text[end:next_start])
        if cue is None and bracket and (bracket.group("word") is not None or _arrived_next(text, amounts, index)):
            cue = ("signed", None)  # the bracket closes the clause, so look past it
        if (
            cue is None
            and reads
            and reads[-1].role == "set_aside"
            and reads[-1].clause is clause
            and (_CHANGED_TO.search(before) or _LIST_NEXT.fullmatch(before))
        ):
            # 「注册资本从100万增加到120万」「投后估值分别是3亿、4亿、1.5亿」: the next figure is the same kind.
            cue = ("set_aside", reads[-1].reason)
        same = next(
            (
                r
                for r in reads
                if r.role == "set_aside" and r.mention.value == amount.value and r.clause.sentence == clause.sentence
            ),
            None,
        )
        if cue is None and same is not None:
            cue = ("set_aside", same.reason)  # 「最高500万是每家企业500万还是每个机构500万」: the same figure again
        adjacent = nearest_cue(before, before_cues, reach=1)  # 「签约1000万到账400万」: the word right before wins
        said_after = after_cue(after, after_cues)
        if adjacent and adjacent[0] == "pending" and arrived_later_in(after, lexicon):
            # 「剩下的2000万是2024年1月到账的」: the rest, which its clause says has arrived
            adjacent, said_after = None, ("received", None)
        if cue is None and not (adjacent or said_after):
            cue = nearest_cue(before, before_cues)
            aside = nearest_cue(before, [c for c in before_cues if c[0] == "set_aside"])
            if cue is not None and cue[0] in ("pending", "signed") and aside is not None:
                cue = aside  # 「担保规模计划做到30亿」: a plan for money of another kind is still that kind
        cue = cue or adjacent or said_after
        whole = next(
            (
                i
                for i in range(len(reads) - 1, -1, -1)
                if reads[i].clause.sentence == clause.sentence and reads[i].role not in ("set_aside", "foreign")
            ),
            None,
        )
        part_of = whole if _PART_OF.search(before) and whole is not None else None
        if part_of is not None and reads[part_of].mention.value <= amount.value:
            part_of = None
        own_part = part_of is not None and _own_stage_part(text, clause, parts, lexicon)
        if cue is None and part_of is not None and not own_part:
            cue = ("set_aside", f"其中的一部分，已含在{reads[part_of].mention.text}里")
        role, reason = cue if cue else ("plain", None)
        head = text[clause.start : start]
        reads.append(
            FigureRead(
                mention=amount,
                role=role,  # type: ignore[arg-type]
                reason=reason,
                total=bool(find_words(before[-8:], markers.total)),
                each=(bool(find_words(before[-8:], markers.each)) and "分别" not in before[-8:])
                or bool(_EACH_VERB.search(head)),
                respectively="分别" in head,
                clause=clause,
                before=before,
                after=after,
                part_of=part_of,
                own_part=own_part,
            )
        )
    return _parts_taken_out(_agreed_wholes(_beside_investments(reads, lexicon)))


def _parts_taken_out(reads: list[FigureRead]) -> list[FigureRead]:
    """「那1亿里其中3000万是借款」「其中500万还没到账」: the whole counts only what is left of it."""
    result = list(reads)
    for read in reads:
        whole = read.part_of
        left_out = read.role == "pending" or (read.role == "set_aside" and not (read.reason or "").startswith("其中"))
        if whole is None or not (left_out or read.own_part):
            continue
        mention = result[whole].mention
        rest = replace(mention, value=mention.value - read.mention.value, text=f"{mention.text}−{read.mention.text}")
        result[whole] = FigureRead(**{**result[whole].__dict__, "mention": rest, "remainder": read.own_part})
    return result


def _own_stage_part(text: str, clause: Clause, parts: list[Clause], lexicon: Lexicon) -> bool:
    """「共3亿，其中2家是成长期的合计1.2亿，剩下3家都是初创期」: a part told apart by its stage, the rest said too."""
    stages = [w for words in lexicon.stages.canonical.values() for w in words]
    if not find_words(clause.text, stages):
        return False
    rest = [c for c in parts if c.start > clause.start and c.sentence == clause.sentence]
    return any(REMAINDER_OPENS.search(c.text) for c in rest)


def _stake_in_a_fund(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is, in its sentence, money put into a fund with no enterprise between."""
    sentence_start = max(text.rfind(mark, 0, start) for mark in "。；;！!？?\n") + 1
    stakes = list(_FUND_STAKE.finditer(text, sentence_start, start))
    return bool(stakes) and not _ENTERPRISE.search(text, stakes[-1].end(), start)


def _arrived_next(text: str, amounts: list[AmountMention], index: int) -> bool:
    """Whether the amount after ``amounts[index]`` is followed by an arrival word (「（only 4.5m paid）」)."""
    return index + 1 < len(amounts) and bool(_ARRIVED_NEXT.match(text[amounts[index + 1].span[1] :]))


def _agreed_wholes(reads: list[FigureRead]) -> list[FigureRead]:
    """A plain figure that what arrived and what is still to come add up to is the agreed amount.

    「4500w投番禺…，今年先到账3000w，剩下1500w明年打」: the 4500w is agreed, not a fourth deal.
    """
    result = list(reads)
    for index, read in enumerate(reads):
        if read.role == "signed" and _told_in_parts(read, reads[index + 1 :]):
            # 「本轮签约3000万，分两笔：第一笔1800万已到账；第二笔1200万明年才打」: the parts say it all.
            result[index] = FigureRead(**{**read.__dict__, "role": "set_aside", "reason": _SIGNED_IN_PARTS})
            continue
        if read.role != "plain":
            continue
        later = [
            r
            for r in reads[index + 1 :]
            if r.clause.sentence == read.clause.sentence and r.role in ("received", "pending")
        ]
        # 「our RMB 20 million round…. Tranche 1 RMB 8m arrived…, tranche 3 RMB 5m still pending」: the tranches
        # right after it, in the sentences that follow, add up to it too.
        following = list(takewhile(lambda r: r.role in ("received", "pending"), reads[index + 1 :]))
        for parts in (later, following):
            roles = {r.role for r in parts}
            if roles == {"received", "pending"} and sum(r.mention.value for r in parts) == read.mention.value:
                result[index] = FigureRead(**{**read.__dict__, "role": "signed"})
                break
    return result


_SHORT_ENGLISH = 12


_SIGNED_IN_PARTS = "签约（协议）金额，已按其中实际到账的部分计算"


def _told_in_parts(read: FigureRead, rest: list[FigureRead]) -> bool:
    """Whether the figures right after a signed one, some arrived and some to come, add up to it."""
    following = list(takewhile(lambda r: r.role in ("received", "pending"), rest))
    roles = {r.role for r in following}
    return roles == {"received", "pending"} and sum(r.mention.value for r in following) == read.mention.value


def _after_currency(after: str, lexicon: Lexicon) -> str:
    """What follows an amount once the foreign currency written after it is skipped."""
    words = sorted(lexicon.figures.foreign_currency.after, key=len, reverse=True)
    stripped = after.lstrip()
    word = next((w for w in words if stripped.lower().startswith(w.lower())), "")
    return stripped[len(word) :]


def _beside_investments(reads: list[FigureRead], lexicon: Lexicon) -> list[FigureRead]:
    """A figure set aside only beside an investment (机构整体投资额) is the investment when it stands alone."""
    conditional = {c.reason for c in lexicon.figures.set_aside if c.only_beside_investments}
    if not conditional or any(r.role not in ("set_aside",) for r in reads):
        return reads
    return [
        FigureRead(**{**r.__dict__, "role": "plain", "reason": None}) if r.reason in conditional else r for r in reads
    ]


def _said_to_be(after: str, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """「1.2亿是那家公司这轮的投后估值」: the figure said, right after it, to be a kind of money set aside."""
    m = _IS_KIND.match(after)
    if m is None:
        return None
    rest = m.group(1)
    for cue in lexicon.figures.set_aside:
        if cue.only_when_asking or cue.only_beside_investments:
            continue
        if any(len(w) >= 2 and not w.isascii() and rest.endswith(w) for w in cue.before):
            return "set_aside", cue.reason
    return None


def _shape_cue(after: str) -> tuple[str, str | None] | None:
    """Cues in the shape of what follows: 「分三期到账」 is an agreed total, 「3月到」 a received tranche."""
    if _TRANCHES.match(after):
        return "signed", None
    if _MONTH_ARRIVED.match(after):
        return "received", None
    if _FUND_SIZE.match(after):
        return "set_aside", "管理规模（基金规模）"
    if _LOAN.match(after):
        return "set_aside", "贷款"
    if _OLD_SHARES.match(after):
        return "set_aside", _OLD_SHARES_REASON
    return None


def _foreign(before: str, after: str, lexicon: Lexicon) -> tuple[str, str] | None:
    table = lexicon.figures.foreign_currency
    tail = before.rstrip()[-5:].lower()
    if any(tail.endswith(w.lower()) for w in table.before) or any(after.lstrip().startswith(w) for w in table.after):
        return "foreign", "外币金额"
    return None
