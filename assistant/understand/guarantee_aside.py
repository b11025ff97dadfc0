"""Figures a guarantee message sets aside before any funder is bound: what the capital comes to, plans, repeats.

「今年增资2.5亿，到5.5亿」 (the capital reached), 「计划分三期一共增资5亿」 (a plan's total when a tranche
follows), 「另外2000万放到明年再议」 (put off), 「按这次6000万算」 (said again), 「注册资本好像是6个亿还是
7个亿」 (the other reading) and 「不是3亿」 (the figure corrected) are no new contribution.
"""

from __future__ import annotations

import re

from assistant.understand.figure_read import FigureRead
from assistant.understand.model import Figure

__all__ = ["PLANNED_TOTAL", "TRANCHE", "aside_reason"]

PLANNED_TOTAL = "增资计划的总额，只计已到位的这一期"

# 「1.5亿是总注册资本」: the figure named as the whole capital.
_WHOLE_CAPITAL = re.compile(
    r"^\s*元?\s*(?:是|为|其实是|只是)\s*(?:这次|本次|此次|这一次|今年|增资(?:以)?后|增资完成后|现在)?的?\s*(?:(?:总|全部|整个)?(?:注册资本金?|资本总额|总额|注册资金)"
    r"|总(?:增资|出资|注资|投入)额?|(?:增资|出资|注资)的?(?:总额|总数|合计))"  # 「2亿是总增资」「是这次增资的总额」
)
_ALTERNATIVE = re.compile(r"\s*元?\s*(?:还是|或者|或是|或)\s*")
_NEGATED_FIGURE = re.compile(r"(不是|并非|而不是|不再是)$")
_BROKEN_DOWN = re.compile(r"^\s*元?\s*(里面|里头|其中|中|当中|里)")
# 「Of the RMB 300 million increase, the district treasury contributes…」: the English whole, then its parts.
_OF_THE = re.compile(r"(?i)\b(?:of|out of)\s+(?:the|this|that)\s*$")
_WHOLE_AFTER = re.compile(r"(?i)^\s*(?:capital\s+)?(?:increase|injection|top[- ]?up|new capital|total|raise)\b")
# 「另外2000万放到明年再议」: money put off to a later decision is no contribution of this increase.
_LATER = re.compile(
    r"^\s*元?\s*(?:的话)?[^，。；]{0,3}?(?:放到|推到|留到|等到|挪到)?(?:明年|下一年|以后|后面|下次|下一轮)[^，。；]{0,4}(?:再议|再说|再定|再看|再讨论|研究)"
    r"|^\s*元?\s*[^，。；]{0,3}?(?:还没定|待定|未定|还在研究|还没批)"
)
# 「计划区财政分三期一共增资5亿，今年第一期1.5亿已经实缴到位」: a plan's total, then the tranche that came.
_PLANNED_TOTAL = re.compile(
    r"(计划|拟|打算|准备|方案)[^，。；]{0,12}(分[两三四五六七八九十\d]+(期|次|年|批)|一共|总共|合计|共计)"
)
TRANCHE = re.compile(r"(第[一二三四五六七八九十\d]+|首|头一|这一)(期|笔|批|次)")
# 「今年增资2.5亿，到5.5亿」: the clause says what the capital comes to.
_REACHING = re.compile(r"\s*(?:总共|一共|合计|总额)?(?:到|达|达到|至|变成|变为)\s*|\s*(?i:to|up to|reaching)\s*")
# 「区财政的出资现在是5亿」「the district's contribution now stands at RMB 500 million」: a running total
# after an increase holds the money that was there before; the new part is not said.
_STANDING = re.compile(
    r"(?:现在|目前|如今|至今|累计|到现在|增资后)(?:已经)?(?:是|为|达到|达|到了|有)\s*$"
    r"|(?i:(?:now|currently)\s+(?:stands?\s+at|totals?|amounts?\s+to|comes?\s+to|is)\s*$|\bin\s+total\s*$|cumulative(?:ly)?\s*$)"
)
_FOUNDED = re.compile(r"新设立|新设|新成立|新组建|(?i:newly (?:set up|established|founded))")
# 「按这次6000万算」「就按6000万来算」: a figure said again to compute with.
_RESTATED = re.compile(r"(?:按|按照|就按|以)(?:这次|这个|这笔|刚才说的|上面的)?的?\s*$")


def aside_reason(figure: FigureRead, figures: list[FigureRead], set_aside: list[Figure]) -> str | None:
    """Why ``figure`` is no new contribution, or None when a funder may still be bound to it."""
    value, before, after = figure.mention.value, figure.before, figure.after
    if _LATER.match(after):
        return "以后再定的出资，不是这次的新增出资"
    if _RESTATED.search(before) and any(f.mention.value == value for f in figures if f.start < figure.start):
        return "与前面说的是同一笔出资，只计一次"  # 「实际新增出资是6000万…按这次6000万算」
    same_sentence = [f for f in figures if f is not figure and f.clause.sentence == figure.clause.sentence]
    if _PLANNED_TOTAL.search(before) and any(
        f.start > figure.start and TRANCHE.search(f.before) for f in same_sentence
    ):
        return PLANNED_TOTAL
    broken_down = _BROKEN_DOWN.match(after) or (_OF_THE.search(before) and _WHOLE_AFTER.match(after))
    if broken_down and any(f.start > figure.start for f in figures):
        return "合计数，其中只有区财政的出资计入"
    if _WHOLE_CAPITAL.match(after) or (
        _REACHING.fullmatch(before) and any(f.start < figure.start for f in same_sentence)
    ):
        return "注册资本总额，不是区财政新增出资额"  # 「今年增资2.5亿，到5.5亿」: the capital it reaches
    offered = [f for f in figures if f.mention.span[1] <= figure.start and f.clause is figure.clause]
    if offered and _ALTERNATIVE.fullmatch(before) and set_aside and set_aside[-1].text == offered[-1].mention.text:
        return set_aside[-1].reason  # 「注册资本好像是6个亿还是7个亿」: the other reading, of the same kind
    whole = "".join(f.clause.text for f in figures)
    if _STANDING.search(before) and not _FOUNDED.search(whole):
        # A running total is asked about even where the increase was told in an earlier turn.
        return "增资后累计的出资（含增资前已有的出资），不是这次的新增出资额"
    if _NEGATED_FIGURE.search(before.rstrip()):
        return "更正前的数字"
    return None
