"""The 奖励测算 tab's handlers: rows in, the chat's own estimate out, as HTML.

The rows become the engine's facts (``ui.web.calc_rows``); the estimate is the one the chat
gives for those facts — :class:`~assistant.answer.awards.AwardAnswers` over the same
:class:`~assistant.awards.engine.AwardEngine` — so the figure, what is counted and left out,
and the wording are the chat's. A handler never raises for bad input: every problem comes back
as a Chinese message naming its row, in ``div.calc-error``.

Example:
    >>> calculator = Calculator.build(knowledge.articles)  # doctest: +SKIP
    >>> row = InvestmentRow("8000万", True, "天河区", "初创期", True, "2025")
    >>> "120万元" in calculator.investments("珠海", [row])  # doctest: +SKIP
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.awards import AwardAnswers
from assistant.awards.engine import AwardEngine
from assistant.awards.result import AwardResult, CalculatorInputError
from assistant.session import SessionState
from assistant.understand.model import Facts, Reading
from assistant.understand.query import QueryAnalysis, QueryAnalyzer
from corpus.gazetteer import load_gazetteer
from corpus.lexicon import load_lexicon
from corpus.records import Article
from ui.web.awards import render_award
from ui.web.calc_rows import ContributionRow, InvestmentRow, contribution_facts, investment_facts
from ui.web.forms import FormError, error_html
from ui.web.markup import escape

__all__ = ["Calculator"]

_BAY_AREA_HINT = (
    '<p class="calc-hint">粤港澳大湾区包括广州、深圳、珠海、佛山、惠州、东莞、中山、江门、肇庆九市'
    "和香港、澳门，请填写城市名以便判断。</p>"
)


@dataclass(frozen=True)
class Calculator:
    """The tab's two calculations, answered as the chat answers them."""

    answers: AwardAnswers

    @classmethod
    def build(cls, articles: dict[int, Article]) -> Calculator:
        """The calculator over the shipped rules, vocabulary and the policy's articles."""
        return cls(AwardAnswers(AwardEngine.default(), load_lexicon(), articles))

    def investments(self, institution_place: str | None, rows: Sequence[InvestmentRow]) -> str:
        """The rule over investments (第三条): each row an investment by the institution at ``institution_place``.

        Returns:
            The inputs line, the chat's explanation and the result (``div.award-result``), or
            ``div.calc-error`` listing every problem by row.
        """
        try:
            facts = investment_facts(institution_place, rows)
            text, result = self._estimate(self.rule_for("investment"), facts)
        except FormError as exc:
            return error_html(*exc.messages)
        except CalculatorInputError as exc:
            return error_html(str(exc))
        place = (institution_place or "").strip()
        resolved = load_gazetteer().resolve(place)
        in_bay_area = resolved.in_gba if resolved else None
        where = {True: "属于粤港澳大湾区", False: "不属于粤港澳大湾区", None: "未能识别是否属于粤港澳大湾区"}
        inputs = f"投资机构所在地：{place}（{where[in_bay_area]}）；共 {len(rows)} 笔投资"
        hint = _BAY_AREA_HINT if in_bay_area is None else ""
        return _outcome(inputs, hint, text, result)

    def contributions(
        self,
        rows: Sequence[ContributionRow],
        district_level: bool = True,
        policy_based: bool = True,
        new_or_increase: bool = True,
    ) -> str:
        """The rule over capital contributions (第十一条): each row a contribution to the guarantor's capital.

        Args:
            rows: The contributions (amount, who paid, new or prior capital).
            district_level: The institution is district-level (区级).
            policy_based: It is a policy financing guarantee institution.
            new_or_increase: It is newly established or newly capitalised.

        Returns:
            As :meth:`investments`.
        """
        try:
            facts = contribution_facts(rows, bool(district_level), bool(policy_based), bool(new_or_increase))
            text, result = self._estimate(self.rule_for("contribution"), facts)
        except FormError as exc:
            return error_html(*exc.messages)
        except CalculatorInputError as exc:
            return error_html(str(exc))
        return _outcome(f"共 {len(rows)} 项出资", "", text, result)

    def rule_for(self, subject: str) -> str:
        """The id of the rule the form of ``subject`` rows computes (the rule data has one per kind of base)."""
        return self.answers.engine.rules.for_subject(subject).id

    def _estimate(self, rule_id: str, facts: Facts) -> tuple[str, AwardResult]:
        """The chat's answer to a turn that states ``facts`` and nothing else, and the engine's result in it.

        A form asks no question in words, so the turn's text is empty; the session's last rule is
        the form's, which is what a follow-up without award words keeps in the chat too.
        """
        state = SessionState(facts=facts, last_rule=rule_id)
        answer = self.answers.answer(_blank_turn(), Reading(facts=facts), state, [])
        call = next(c for c in answer.tool_calls if c.result)
        return answer.answer, AwardResult.model_validate(call.result)


def _blank_turn() -> QueryAnalysis:
    return QueryAnalyzer.default().analyze("")


def _outcome(inputs: str, hint: str, text: str, result: AwardResult) -> str:
    explanation = "<br>".join(escape(line) for line in text.split("\n"))
    return (
        f'<div class="calc-outcome"><p class="calc-inputs">{escape(inputs)}</p>{hint}'
        f'<p class="calc-explanation">{explanation}</p>{render_award(result)}</div>'
    )
