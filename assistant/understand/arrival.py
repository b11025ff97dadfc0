"""How much of a deal arrived: all of it (「钱都到了」), none yet (「还没打款」), a part, or a share.

The patterns read money arriving; the deal assembly and the reader's hints both use them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.understand.text import word_pattern
from corpus.lexicon import Lexicon

__all__ = ["NONE_ARRIVED", "PARTIAL", "received_state", "share_of", "vague_share"]

# 「按实际到账1.5%算」: a percent the asker computes with is the rule's rate, not a share that arrived.
_SHARE = re.compile(
    r"(?:到账|到位|打款|实缴|到了|打了|付了|支付|拨付|首期)[^，。；]{0,4}?(一半|(\d+(?:\.\d+)?)\s*[%％](?!\s*(?:来|去)?(?:算|计|给|奖|的比例|比例))|(?<![一二两三四五六七八九])([一二三四五六七八九])成|([二三四五])分之([一二三四]))"
    r"|(一半|(\d+(?:\.\d+)?)\s*[%％]|(?<![一二两三四五六七八九])([一二三四五六七八九])成)[^，。；]{0,4}(?:已经?|已)?(?:到账|到位|打款|实缴|打过来|付)"
)
PARTIAL = re.compile(r"(一部分|部分到账|部分资金|部分款项|打了一些|到了一些|没到齐|没有全部到|分期打款|分期支付)")
NONE_ARRIVED = re.compile(
    # 「到没到账」「到位没到位」 ask whether it arrived: no answer either way; 「还没打完」 says part came
    r"(?<!到)(?<!到位)(?<!打)(一分|一分钱)?(都)?(还|尚)?(没|未|没有)(打|到账|到位|付|支付|打款|实缴|打过去)(?!完|齐|全)"
    # 「钱还没到」: money not come yet (「成立没到三年」 has no money before it)
    r"|(?:钱|款|资金|款项|投资款)(?:都|也)?(?:还|尚)?(?:没|未)(?:有)?到(?![齐全期位账])"
    r"|还没(有)?打款|尚未(实际)?到账|(还|尚)?(没|未)(有)?重新(打|付|支付|到账|打款)"
    r"|(打款|款|钱|资金)要等|要等[^，。；]{0,10}(才|再)(打|到|付)|(明年|下个月|年后)[^，。；]{0,6}才(打|到|付)"
    r"|到账\s*(为|是)?\s*(0|零)(?![\d.万亿])"
    # 「钱还在共管账户里」: held for the deal, not yet with the company
    r"|(还|仍|都)?(在|放在|躺在)(共管|监管|托管|第三方)账户|(没|未|还没)(有)?划(给|到|转|过去)"
    # 「还在TS阶段」「尽调中」: the deal is not closed, so nothing has arrived
    r"|(还|仍)?在(TS|term sheet|尽调|谈判?|走流程|签约)(阶段|中)?|TS阶段|尽调(阶段|中)|还没(有)?(签|交割)"
)
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def received_state(text: str, lexicon: Lexicon) -> str | None:
    """Whether a message with no amount says the money arrived (「钱都到了」) or not (「还没打款」)."""
    if _ASKS_ARRIVAL.search(text):
        return None  # 「第3笔到底到没到账我也不确定」: unknown, not 「没到账」
    if NONE_ARRIVED.search(text):
        return "pending"
    if PARTIAL.search(text) or vague_share(text, lexicon):
        return None  # 「有一部分钱已经打过去了」「到了大半」: some arrived, how much is a question, not 「到账」
    words = word_pattern(tuple(lexicon.figures.received.before + lexicon.figures.received.after))
    return "received" if words.search(text) else None


_ASKS_ARRIVAL = re.compile(
    r"到没到账|到没到位|到账没有?[？?]|有没有到账|是否(已经?)?到账|打没打款|到了没有?"
    # 「具体到账了多少、哪年到的我得问财务」: how much arrived is what is not known
    r"|(到账|到位|到了|打了|打过来|打过去|付了|实缴)了?(多少|几成|几笔|哪些)"
)


def share_of(segment_text: str) -> Decimal | None:
    """The share of an amount that arrived: 「只到账了一半」 → 0.5, 「首期30%已经到账」 → 0.3."""
    m = _SHARE.search(segment_text)
    if m is None:
        return None
    half = m.group(1) or m.group(6)
    percent = m.group(2) or m.group(7)
    tenths = m.group(3) or m.group(8)
    if percent:
        return Decimal(percent) / 100
    if tenths:
        return Decimal(_CN[tenths]) / 10
    if m.group(4):
        return Decimal(_CN[m.group(5)]) / Decimal(_CN[m.group(4)])
    return Decimal("0.5") if half else None


def vague_share(text: str, lexicon: Lexicon) -> bool:
    """「财务说到了大半吧」: a part arrived with no ratio the lexicon can turn into a figure."""
    vague = [w for w, ratio in lexicon.figures.shares.words.items() if ratio is None]
    if not vague:
        return False
    words = "|".join(map(re.escape, sorted(vague, key=len, reverse=True)))
    arrive = r"到账|到位|到了|打了|打过来|打过去|付了|实缴"
    pattern = rf"(?:{arrive})[^，。；]{{0,3}}(?:{words})|(?:{words})[^，。；]{{0,4}}(?:{arrive}|已经?到)"
    return re.search(pattern, text) is not None
