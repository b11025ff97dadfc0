"""A stated figure to confirm (「并购基金是100亿吧？」): checked against the article, corrected when wrong.

The question's figures (amounts, percentages, counts, years) are compared with the article's
figures of the same kind. The reply says 是 or 不是 and quotes the sentence with the text's own
figure; it never repeats the user's figure, so a wrong premise is never adopted. When the
article has no figure of that kind, the reply says the text does not fix one.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import compose
from assistant.schemas import Answer
from assistant.understand.amounts import find_amounts
from corpus.focus import load_focus
from corpus.gazetteer import load_gazetteer
from corpus.numerals import cn_to_int
from corpus.records import Article

__all__ = ["check_premise", "check_units", "stated_figures"]

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%|百分之(\d+(?:\.\d+)?)")
_COUNT = re.compile(r"(\d+)\s*(家|个(?![亿万])|条|项)")
_YEARS = re.compile(r"(\d+)\s*年(?:时间|内)?")
# 「3个工作日内办结」「两个月内」: a time limit, in days or months (not a date's 「12月3日」).
_DAYS = re.compile(r"(?<![月\d])(\d+|[一二两三四五六七八九十]+)\s*个?(?:工作日|自然日|天|日)")
_MONTHS = re.compile(r"(\d+|[一二两三四五六七八九十]+)\s*个月")

_ASKER_AT = re.compile(r"(?:我们|我司|我公司|本公司|咱们|我们公司)(?:是|在|位于|注册在|设在)?(?:广州)?(?:市)?$")

# (kind, value): ("yuan", 2e10), ("percent", 1.5), ("count", 60), ("years", 5), ("place", "黄埔区")
Figure = tuple[str, Decimal | str]


def _districts(text: str) -> list[Figure]:
    """Guangzhou's districts and zones named (「是不是已经定了放在黄埔」), as figures of the kind "place"."""
    return [
        ("place", m.place.name)
        for m in load_gazetteer().find(text)
        if m.place.in_guangzhou
        and m.place.kind not in ("city", "here", "here_speaker", "region")
        # 「我们是天河的一家科技型中小企业…有补贴，是真的吗」: where the asker is, no claim about the text
        and not _ASKER_AT.search(text[max(0, m.start - 6) : m.start])
    ]


def stated_figures(text: str) -> list[Figure]:
    """The figures ``text`` states: amounts, percents, counts, years, time limits, Guangzhou places."""
    return _figures(text)


def _figures(text: str) -> list[Figure]:
    found: list[Figure] = [("yuan", m.value) for m in find_amounts(text)] + _districts(text)
    found += [("percent", Decimal(m.group(1) or m.group(2))) for m in _PERCENT.finditer(text)]
    found += [("count", Decimal(m.group(1))) for m in _COUNT.finditer(text)]
    found += [("years", Decimal(m.group(1))) for m in _YEARS.finditer(text) if int(m.group(1)) < 100]
    for kind, pattern in (("days", _DAYS), ("months", _MONTHS)):
        found += [(kind, Decimal(n)) for m in pattern.finditer(text) if (n := _number(m.group(1))) is not None]
    return found


def _number(written: str) -> int | None:
    return int(written) if written.isdigit() else cn_to_int(written)


def _measures(question: str) -> list[str]:
    """The measures the question names (担保费率, 规模…), each only once: the longest spelling wins."""
    named = [m for m in load_focus().premise.measures if m in question]
    return [m for m in named if not any(m != o and m in o for o in named)]


def _shared(question: str, sentence: str) -> int:
    """How many of the question's character pairs the sentence holds (ties keep the earlier sentence)."""
    pairs = {question[i : i + 2] for i in range(len(question) - 1)}
    return sum(1 for pair in pairs if pair in sentence)


def _not_in_text(article: Article, sentences: list[str]) -> Answer:
    return Answer(
        answer=(
            f"原文【{article.label}】（{article.title}）没有规定这一点，不能确认这个说法。\n"
            f"该条相关原文：{sentences[0]}\n"
            + (f"具体事宜建议咨询该条的{units}" if (units := compose.units_line([article])) else "")
        ),
        citations=[compose.citation(article, sentences[0])],
        intent="policy_question",
        refused=True,
        answerability="not_in_text",
    )


def _added_consequences(question: str, text: str) -> list[str]:
    """The consequences the question claims (罚款、黑名单…) that ``text`` does not name."""
    return [w for w in load_focus().premise.consequences if w in question and w not in text]


def check_premise(question: str, article: Article) -> Answer | None:
    """是/不是 with the article's own sentence, or None when the question states no figure to check."""
    stated = _figures(question)
    # A figure is checked for what it counts; a place (「定了放在黄埔」) only when no figure is stated.
    numeric = [f for f in stated if f[0] != "place"]
    stated = numeric or stated
    sentences = article.sentences() or [article.title]
    if not stated:
        # 「违约了会被拉黑名单还要罚款，是真的吗」: a consequence the article never sets is not in the text.
        return _not_in_text(article, sentences) if _added_consequences(question, article.text) else None
    kinds = {kind for kind, _ in stated}
    with_kind = [(s, f) for s in sentences for f in _figures(s) if f[0] in kinds]
    if any(not any(f[0] == kind for _, f in with_kind) for kind in kinds):
        with_kind = []  # 「每家额度给到10亿美金」: the article fixes no amount at all
    measures = _measures(question)
    if measures:
        # 「担保费率是不是降到1%了」: the article's 40% is of another measure, so this one is not in the text.
        with_kind = [(s, f) for s, f in with_kind if any(m in s for m in measures)]
    if not with_kind:
        # 「贴息是不是按基准利率的50%」「集聚区是不是定在黄埔」: the text fixes no such figure or place, so
        # the premise is not in the text.
        return _not_in_text(article, sentences)
    matching = [s for s, f in with_kind if f in stated]
    if matching:
        sentence, verdict = max(matching, key=lambda s: _shared(question, s)), "是的"
        own = [f for f in stated if f[0] == "yuan" and f not in _figures(sentence)]
        if own:
            # 「奖励按1.5%是不是375万」: the rate is the text's, the amount is the asker's own sum, which
            # the text cannot confirm; the estimate needs the deal's facts.
            verdict = "原文没有给出这个金额，不能确认；具体金额要按实际情况测算"
        if _added_consequences(question, sentence):
            # 「增速低于15%的话要被罚款，有这回事吗」: the figure is the text's, the penalty is not.
            return _not_in_text(article, sentences)
    else:
        # 「按投资额3%拿奖励，对吗」: the sentence about the same thing (投资额、奖励), not the first with a percent.
        sentence, verdict = max((s for s, _ in with_kind), key=lambda s: _shared(question, s)), "不是"
    return Answer(
        answer=f"{verdict}。原文【{article.label}】（{article.title}）是：{sentence}\n{compose.units_line([article])}",
        citations=[compose.citation(article, sentence)],
        intent="policy_question",
    )


def check_units(stated: list[str], article: Article) -> Answer:
    """「集聚区是天河区和越秀区负责的吧？」: the article's 责任单位; 是的 only when each stated one is among them."""
    named = [u for u in stated if u in article.units]
    verdict = "是的" if len(named) == len(stated) else "不是"
    wrong = [u for u in stated if u not in article.units]
    note = f"{'、'.join(wrong)}不是该条的责任单位。" if wrong else ""
    sentence = (article.sentences() or [article.title])[0]
    return Answer(
        answer=(
            f"{verdict}。原文【{article.label}】（{article.title}）的责任单位是：{'、'.join(article.units)}。{note}\n"
            f"该条规定：{sentence}"
        ),
        citations=[compose.citation(article, sentence)],
        intent="unit_lookup",
    )
