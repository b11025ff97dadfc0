"""Cues in the shape of the words around a money figure, beyond the lexicon's cue words.

「分三期到账」 after a figure makes it an agreed total, 「200亿的并购基金」 a fund's size, 「以借款的形式」
before it a loan, 「“…”」 around it a quotation: each sets the figure's role before the nearest cue word is read.
"""

from __future__ import annotations

import re

from corpus.lexicon import Lexicon

__all__ = ["after_currency", "context_cue", "foreign", "said_to_be", "shape_cue"]

_TRANCHES = re.compile(r"^\s*元?\s*(?:，|,)?\s*(?:分|共分|按)\s*(?:[两二三四五六七八九十]|\d)\s*(?:次|期|笔|批)")
_MONTH_ARRIVED = re.compile(
    r"^\s*元?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?\s*(?:已经?)?(?:到|到账|到位|打款|打过来|打到|打过去|付了|付款)"
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
# 「这1200万是从创始人手里买的老股」: paid to a shareholder for old shares.
_OLD_SHARES = re.compile(r"^\s*元?\s*(?:是|其实是|都是|实际是)[^，。；]{0,12}(?:老股|受让的股份|股权转让款|转让款)")
_OLD_SHARES_REASON = "老股转让款：付给原股东、没有进入被投企业，是否算实际到账投资额以责任单位审核为准"
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
# 「基金认缴8亿，实缴3.2亿」: the fund's own capital, with no investing verb between it and the figure.
_FUND_CAPITAL = re.compile(
    r"基金[^。；投]{0,4}(?:认缴|实缴|募集|募资)(?:[^。；投]{0,12}[，,、]\s*(?:实缴|认缴|到位|实际到位))?[^，。；投]{0,4}$"
)
# 「对一个子基金认缴2亿（实缴了8000万）」「认缴了两支子基金LP份额合计5000万」: money put into a fund
# as its LP, not an investment in an enterprise.
_FUND_STAKE = re.compile(
    r"(对|向|给|投|认缴了?|实缴了?|出资)[^，。；]{0,8}(子基金|母基金|基金份额|LP份额|有限合伙份额|合伙份额)"
    r"|(子基金|母基金)[^，。；]{0,6}(LP)?份额"
)
_FUND_STAKE_REASON = "对基金的出资（LP份额），不是对企业的投资"
_ENTERPRISE = re.compile(r"企业|公司|项目|科小")
# 「是不是375万」 asks about the figure; only 「不是3亿」 negates it.
_NEGATED = re.compile(r"(?<!是)(不是|而不是|并非|并不是)\s*$")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"]*\"|『[^』]*』")
# 「转发合伙人的微信：“…Q3给天河一家种子期企业打了3000万，已经到账…”」: a forwarded message tells a
# deal and is read as the asker's own words; a quotation of the policy (its register: 给予、不超过)
# or of someone's claim keeps its figures out.
_TELLS_DEAL = re.compile(r"投了|投资了|到账|打款|打了|打过去|注资|出资|增资|实缴|入股|领投|跟投|→")
_POLICY_REGISTER = re.compile(r"给予|予以|不超过|按照实际到账|奖励支持|补助支持")


def context_cue(text: str, clause_start: int, start: int, before: str, after: str) -> tuple[str, str] | None:
    """A figure set aside by where it stands: quoted, negated, in a sum, LP money, a fund stake or a loan."""
    if any(m.start() <= start < m.end() and not _reported_deal(m.group(0)) for m in _QUOTED.finditer(text)):
        return "set_aside", "引文中的数字"
    if _NEGATED.search(before):
        return "set_aside", "更正前的数字"
    if _ARITHMETIC.match(after):
        return "set_aside", "您算式中的数（按各笔核实后的金额计算）"
    if _LP_MONEY.search(text[clause_start:start]):
        return "set_aside", "LP（出资人）对本基金的出资，不是对外投资"
    if _stake_in_a_fund(text, start):
        return "set_aside", _FUND_STAKE_REASON
    if _LOAN_FORM.search(text[clause_start:start]):
        return "set_aside", "贷款"  # 「以借款的形式给…提供了1000万」: the money was lent
    if _FUND_CAPITAL.search(text[max(text.rfind(m, 0, start) for m in "。；;！!？?\n") + 1 : start]):
        return "set_aside", "基金自身的认缴或实缴规模，不是对外投资"
    return None


def _reported_deal(quote: str) -> bool:
    return bool(_TELLS_DEAL.search(quote)) and not _POLICY_REGISTER.search(quote)


def _stake_in_a_fund(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is, in its sentence, money put into a fund with no enterprise between."""
    sentence_start = max(text.rfind(mark, 0, start) for mark in "。；;！!？?\n") + 1
    stakes = list(_FUND_STAKE.finditer(text, sentence_start, start))
    return bool(stakes) and not _ENTERPRISE.search(text, stakes[-1].end(), start)


def after_currency(after: str, lexicon: Lexicon) -> str:
    """What follows an amount once the foreign currency written after it is skipped."""
    words = sorted(lexicon.figures.foreign_currency.after, key=len, reverse=True)
    stripped = after.lstrip()
    word = next((w for w in words if stripped.lower().startswith(w.lower())), "")
    return stripped[len(word) :]


def said_to_be(after: str, lexicon: Lexicon) -> tuple[str, str | None] | None:
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


def shape_cue(after: str) -> tuple[str, str | None] | None:
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


def foreign(before: str, after: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """「500万美元」「USD 3m」: a figure in a foreign currency, to ask about rather than convert."""
    table = lexicon.figures.foreign_currency
    tail = before.rstrip()[-5:].lower()
    if any(tail.endswith(w.lower()) for w in table.before) or any(after.lstrip().startswith(w) for w in table.after):
        return "foreign", "外币金额"
    return None
