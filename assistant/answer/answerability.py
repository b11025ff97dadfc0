"""Whether an article gives what a question asks of its subject.

The subject (the question without the words asking for the attribute) picks the clauses of
the article that are about it; the attribute is given when its evidence (a percentage, an
amount in 万元, a date…) appears in those clauses or right beside them. Money attributes of a
measure with award rules are decided by the rule data instead: a rule with a rate and a cap
gives them, a rule the text leaves open does not.

Example:
    >>> judge = AttributeJudge(idf={})  # doctest: +SKIP
    >>> judge.missing(article_12, focus, tokens=["知识产权", "质押", "补贴"])  # doctest: +SKIP
    (AttributeClass(name='具体比例', ...),)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understand.focus import Focus
from corpus.focus import AttributeClass
from corpus.records import Article

__all__ = ["ESTIMATE_ATTRIBUTES", "MONEY_ATTRIBUTES", "AttributeJudge", "Judgement", "asks_money", "other_focus"]

# What an award rule with a rate and a cap gives (and an open rule does not); a rule with a
# ceiling ratio and no cap (第十一条) gives all but 具体金额, the amount in 万元 asked as such.
MONEY_ATTRIBUTES = frozenset({"具体比例", "具体金额", "具体金额或上限"})
# What an estimate answers: the money, and whether there is any award at all (「还有奖励吗」).
ESTIMATE_ATTRIBUTES = MONEY_ATTRIBUTES | {"补贴或奖励"}
_CLAUSE = re.compile(r"[^，,；;。：:]+[，,；;。：:]?")
# Clauses scoring at least this share of the best one count as about the subject.
_NEAR_BEST = 0.7


@dataclass(frozen=True)
class Judgement:
    """What the article gives and does not give, and the sentence closest to the question."""

    missing: tuple[AttributeClass, ...]
    given: tuple[AttributeClass, ...]
    sentence: str


@dataclass(frozen=True)
class AttributeJudge:
    """Decides attributes against one article; ``idf`` weighs the subject's words."""

    idf: dict[str, float]

    def judge(
        self,
        article: Article,
        attributes: tuple[AttributeClass, ...],
        tokens: list[str],
        money_given: frozenset[str] | None = None,
        heads: list[str] | None = None,
    ) -> Judgement:
        """Which of ``attributes`` the article gives for the subject named by ``tokens``.

        ``money_given`` is the award rules' verdict: the money attributes they fix (None: no rule,
        read the text). ``heads`` are the words naming the thing whose figure is asked (「担保费率」):
        when the article names none of them, it gives no figure for that thing.
        """
        sentences = article.sentences() or [article.title]
        windows, best_sentence = self._windows(sentences, tokens)
        whole = [*sentences, article.title]  # 「发债有补贴吗」 asks of the whole measure
        if heads:
            # 「行动方案什么时候出台」: the clause naming the thing itself, not its neighbours (「3-5年打造…」).
            clauses = [c for s in sentences for c in (_CLAUSE.findall(s) or [s])]
            windows = [c for c in clauses if any(h in c for h in heads)]
        # The title names the measure itself (「探索设立广佛科技金融合作示范区」): 「叫什么」 is given there.
        windows = [*windows, article.title]

        def own(attribute: AttributeClass) -> list[str]:
            return windows if attribute.of_head else whole

        missing: list[AttributeClass] = []
        given: list[AttributeClass] = []
        for attribute in attributes:
            if attribute.name in MONEY_ATTRIBUTES and money_given is not None:
                (given if attribute.name in money_given else missing).append(attribute)
            elif attribute.given is not None and any(attribute.given.search(w) for w in own(attribute)):
                given.append(attribute)
            else:
                missing.append(attribute)
        return Judgement(tuple(missing), tuple(given), best_sentence)

    def _weight(self, word: str) -> float:
        # A word the corpus statistics lack still counts when long enough to be a term (母基金);
        # short unknown ones are question words (哪天, 那个).
        return self.idf.get(word, 1.0 if len(word) >= 3 else 0.0)

    def _windows(self, sentences: list[str], tokens: list[str]) -> tuple[list[str], str]:
        """The clauses about the subject, each with its neighbours in the same sentence."""
        words = {t for t in tokens if len(t) > 1}
        scored: list[tuple[float, int, int]] = []  # (score, sentence index, clause index)
        split = [_CLAUSE.findall(s) or [s] for s in sentences]
        for i, clauses in enumerate(split):
            for j, clause in enumerate(clauses):
                scored.append((sum(self._weight(w) for w in words if w in clause), i, j))
        best = max((s for s, _, _ in scored), default=0.0)
        if best <= 0:
            return ["".join(c) for c in split], sentences[0]
        windows: list[str] = []
        chosen = [(i, j) for s, i, j in scored if s >= best * _NEAR_BEST]
        for i, j in chosen:
            clauses = split[i]
            windows.append("".join(clauses[max(0, j - 1) : j + 2]))
        top = max(scored, key=lambda x: (x[0], -x[1]))
        return windows, sentences[top[1]]


def asks_money(focus: Focus) -> bool:
    """Whether the question asks a rate or an amount (「比例多少」「能拿多少」)."""
    return any(a.name in MONEY_ATTRIBUTES for a in focus.attributes)


def other_focus(focus: Focus) -> bool:
    """Whether the question asks something besides the estimate (「怎么申请」 beside 「能拿多少」)."""
    return any(a.name not in ESTIMATE_ATTRIBUTES for a in focus.attributes)
