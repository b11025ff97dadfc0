"""A claim pinned on the wrong article (「第十五条说5年内要推动100家科技企业上市」): the article that says it.

The claim's content words are looked for in every article. When the named article holds few of
them and another holds most, the reply says where the claim really is, checks its figures there
(so a wrong number is corrected, never adopted) and answers the rest of the question of that
article (its units, when asked).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from assistant.answer import compose
from assistant.answer.premise import check_premise, stated_figures
from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer
from corpus.records import Article

__all__ = ["misattributed"]

_CLAIM = re.compile(
    r"第[一二三四五六七八九十\d]+条(?:里|中|里面)?(?:说|写|讲|规定|提到|要求|提出)(?:了|的|过)?(?:是|要)?(?P<claim>[^，。？?；]{4,40})"
)
# Shares of the claim's words, weighted by how rare each is in the text.
_NAMED_SHARE, _OTHER_SHARE = 0.7, 0.9


def _share(words: Mapping[str, float], article: Article) -> float:
    text = article.title + article.body
    return sum(weight for w, weight in words.items() if w in text) / sum(words.values())


def misattributed(
    text: str,
    named: Article,
    knowledge: Knowledge,
    tokenize: Callable[[str], list[str]],
    asks_units: bool,
) -> Answer | None:
    """The correction, or None when the claim is the named article's or found nowhere clearly."""
    m = _CLAIM.search(text)
    if m is None:
        return None
    articles, idf = knowledge.articles, knowledge.token_idf
    words = {w: idf[w] for w in tokenize(m.group("claim")) if len(w) > 1 and idf.get(w, 0.0) > 0}
    if len(words) < 2 or _share(words, named) >= _NAMED_SHARE:
        return None
    scored = sorted(((a for a in articles.values() if a is not named)), key=lambda a: -_share(words, a))
    best = scored[0]
    if _share(words, best) < _OTHER_SHARE or (len(scored) > 1 and _share(words, scored[1]) == _share(words, best)):
        return None
    premise = check_premise(m.group("claim"), best)
    sentence = premise.citations[0].quote if premise and premise.citations else (best.sentences() or [best.title])[0]
    # 「100家」 where the text says 不少于60家: a figure of the claim the sentence does not hold is wrong too.
    theirs = set(stated_figures(sentence))
    wrong = [f for f in stated_figures(m.group("claim")) if f[0] != "place" and f not in theirs]
    verdict = "所说的数字与原文不符，" if wrong else ""
    lines = [
        f"您说的这项内容不在【{named.label}】（{named.title}），而在【{best.label}】（{best.title}）；"
        f"{verdict}原文是：{sentence}"
    ]
    if asks_units:
        lines.append(f"【{best.label}】的责任单位是：{'、'.join(best.units) or '原文未列明'}。")
    else:
        lines.append(compose.units_line([best]))
    return Answer(
        answer="\n".join(line for line in lines if line),
        citations=[compose.citation(best, sentence)],
        intent="policy_question",
    )
