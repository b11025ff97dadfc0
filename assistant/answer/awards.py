"""Award answers in the chat: whether a turn asks for an estimate, which rule, and the answer itself.

The reading says what the message states; :func:`award_topic` which rule it is about; the
engine gives the figure, or the one question to ask first. The answer lists what was counted
and what was left out, and why, per institution and per year, with the standard in force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer import compose
from assistant.answer.alternatives import for_each_candidate
from assistant.answer.answerability import MONEY_ATTRIBUTES
from assistant.answer.award_both import Estimates, every_rule_told
from assistant.answer.award_scope import scoped
from assistant.answer.award_text import accounted, award_text, tool_args
from assistant.answer.increment import increment_of
from assistant.answer.unfixed import unfixed_answer
from assistant.awards.engine import AwardEngine
from assistant.awards.result import AwardResult
from assistant.schemas import Answer, ToolCall
from assistant.session import SessionState
from assistant.understand.model import Facts, Question, Reading
from assistant.understand.query import QueryAnalysis
from assistant.understand.text import find_words
from assistant.understand.topic import award_topic, topic_scores
from corpus.awards import AwardRule
from corpus.lexicon import Lexicon
from corpus.records import Article

__all__ = ["AwardAnswers"]

# A keyword score this high (a word of four characters, or two words) names a support outright.
_STRONG_TOPIC = 4.0


@dataclass(frozen=True)
class AwardAnswers:
    """Estimates for the chat, from the session's facts and the rule data."""

    engine: AwardEngine
    lexicon: Lexicon
    articles: dict[int, Article]
    this_year: int | None = None  # an investment told without a year is taken as this year's

    def rule_for(self, q: QueryAnalysis, reading: Reading, state: SessionState, topic: list[Article]) -> str | None:
        """The rule a turn is about: its own words and facts, else an article it names, else the last estimate's."""
        rules = self.engine.rules
        facts = reading.facts
        moved = any(i.place for i in facts.institutions if i.own)
        corrects = reading.correction or state.pending is not None
        if corrects and state.last_rule and state.facts.has_award_facts and (not facts.hints.empty or moved):
            # 「更正一下：其实已经是成长期了，明年准备IPO」: a correction of the estimate's facts, not a new topic;
            # 「补充一下…我们这轮就是Pre-IPO轮」 answers the question the estimate asked.
            return state.last_rule
        chosen = award_topic(q.text, reading, rules, None)
        # 「第十一条能拿多少补助」: a rule of the article named, its words deciding between two of them.
        by_reference = {r.id for r in [*rules.rules, *rules.unfixed] if r.article in q.article_refs}
        fixed = [r.id for r in rules.rules if r.id in by_reference]
        if by_reference and chosen not in by_reference and len(fixed) == 1:
            return fixed[0]
        if chosen is None and state.last_rule and not q.article_refs:
            return state.last_rule
        if chosen is not None and topic and topic[0].number in state.last_articles and not q.article_refs:
            # 「补贴按贷款利息的几成补」 after the article on 质押贷款: a weak word of another support (利息)
            # does not take the turn off the topic it follows.
            own = [r.id for r in [*rules.rules, *rules.unfixed] if r.article == topic[0].number]
            weak = topic_scores(q.text, rules).get(chosen, 0.0) < _STRONG_TOPIC
            if len(own) == 1 and chosen not in own and weak and not facts.has_award_facts:
                return own[0]
        if chosen is None:
            # 「the district's contribution now stands at…」 after the guarantee company was described: the
            # support the session's facts are about, when they are about one only.
            known = state.facts
            held = {
                r.id
                for r in rules.rules
                if (r.subject == "investment" and known.investments)
                or (r.subject == "contribution" and (known.contributions or known.guarantor.policy_based))
            }
            chosen = held.pop() if len(held) == 1 else None
        if chosen is None and topic:
            by_article = [r.id for r in rules.rules if r.article == topic[0].number]
            open_ = [u.id for u in rules.unfixed if u.article == topic[0].number]
            # 「担保机构注资补助…多少」 lands on article 11, whose fixed rule is the estimate asked for.
            if len(by_article) == 1 or (not by_article and len(open_) == 1):
                chosen = (by_article or open_)[0]
        return chosen or state.last_rule

    def money_given(self, q: QueryAnalysis, reading: Reading, article: Article) -> frozenset[str] | None:
        """The money attributes the award rules fix for what the question asks about (None: no rule).

        A rule fixes its rate and its ceiling; an amount in 万元 only when it has a cap (第十一条's
        40% is a ceiling ratio: 「单家最多补多少万」 is not in the text, 「最多补多少」 is).
        """
        fixed = {r.id: r for r in self.engine.rules.rules}
        open_ = {u.id: u.article for u in self.engine.rules.unfixed}
        if not find_words(q.text, self.lexicon.markers.award_words):
            return None  # 「市财政准备出多少钱」「收费降到几个点」: money, but no award: read the text
        named = award_topic(q.text, reading, self.engine.rules, None)
        if named in fixed and fixed[named].article == article.number:
            return _fixed_by(fixed[named])
        if named in open_ and open_[named] == article.number:
            return frozenset()
        here_fixed = [r for r in fixed.values() if r.article == article.number]
        here_open = article.number in open_.values()
        if bool(here_fixed) != here_open:
            return _fixed_by(here_fixed[0]) if here_fixed else frozenset()
        return None

    def wants_estimate(
        self,
        q: QueryAnalysis,
        reading: Reading,
        state: SessionState,
        topic: list[Article],
        other_focus: bool = False,
        confirms: bool = False,
    ) -> bool:
        """Whether this turn asks for (or changes the facts of) an award estimate.

        ``other_focus``: the question asks for something other than money (a deadline, a standard).
        ``confirms``: it states something to confirm (「…按3%拿奖励，对吗？」).
        """
        facts = reading.facts
        # 「借了2000万（是借款）」: money of a kind a rule does not reward is still the asker's case, when
        # that rule is the one asked about (「专利质押贷款2000万有补贴吗」 asks about another measure).
        asked = award_topic(q.text, reading, self.engine.rules, None)
        unrewarded = {reason for r in self.engine.rules.rules if asked in (None, r.id) for reason in r.not_rewarded}
        new_facts = (
            facts.has_award_facts
            or reading.share is not None
            or bool(facts.unclear)
            or any(f.reason in unrewarded for f in facts.set_aside)
        )
        # 「按1.5%算应该是600万吧？到底能拿多少」 after the deals: the asker's own sum, checked by estimating.
        own_sum = state.facts.has_award_facts and any(f.reason == "您估算的奖励金额" for f in facts.set_aside)
        # 「两年加一起总共能拿多少？另外LP的承诺出资不影响吧？」: the amount asked of the deals told is estimated.
        estimate_asked = state.facts.has_award_facts and q.asks_amount
        if confirms and not facts.has_award_facts and state.pending is None and not own_sum and not estimate_asked:
            return False  # the rule it states is checked against the text, not estimated
        if other_focus and not facts.has_award_facts:
            return False  # 「创业板的营收门槛是多少」「奖励几号截止」 ask a fact of the text, not an estimate
        if not new_facts and find_words(q.text, self.lexicon.markers.asks_other):
            return False  # 「上市目标是多少家」「文号多少」: a figure of the text, not money for the asker
        named = award_topic(q.text, reading, self.engine.rules, None)
        figured = {r.id for r in self.engine.rules.rules}
        if named in figured and not (new_facts or state.facts.has_award_facts or q.about_self or state.pending):
            return False  # 「每家机构每年最多能拿多少」: the rule itself, answered from the text
        # 「补充一下，我们基金是在汕头注册的」: a new place for the asker changes the estimate.
        moved = any(i.place for i in facts.institutions if i.own) and state.facts.has_award_facts
        changed = (
            new_facts
            or moved
            or (not facts.hints.empty and state.facts.has_award_facts)
            or bool(facts.guarantor.no_district_money)
            or (reading.correction and bool(facts.set_aside))  # 「不对，这1200万是老股」
            or reading.moved is not None  # 「是广州番禺，不是佛山」
            or (state.facts.has_award_facts and facts.apply_as is not None)  # 「两只基金分别申报」
            # 「是的，我们是创投」 after 「是否为股权投资机构」: what the asker is changes the estimate
            or (state.facts.has_award_facts and any(i.kind_said or i.not_equity for i in facts.institutions))
        )
        if state.pending is not None and changed:
            return True
        if new_facts and (facts.investments or facts.contributions or q.asks_amount or q.mentions_award):
            return True
        if state.last_rule and changed and not q.article_refs:
            return True
        asks = q.asks_amount or (q.mentions_award and bool(named))
        # 「我们是VC，打算发企业债…有没有啥扶持」: support asked of the article found, not the amount of
        # another article's measure whose words it shares.
        unfixed_elsewhere = (
            not q.asks_amount
            and not new_facts
            and topic
            and any(u.id == named and u.article != topic[0].number for u in self.engine.rules.unfixed)
        )
        if asks and named is not None and not unfixed_elsewhere:
            return True
        numbers = {a.number for a in topic}
        award_articles = {r.article for r in self.engine.rules.rules} | {u.article for u in self.engine.rules.unfixed}
        # 「那能拿多少？」 follows the estimate; 「QFLP这块有没有具体奖励金额？」 asks about another measure;
        # 「那2023年和2024年分别能拿的加起来是多少」 names the years of the deals told: the estimate again.
        told_years = {i.year for i in state.facts.investments if i.year is not None}
        written_years = {int(y) for y in _YEAR_WRITTEN.findall(q.text)}
        of_the_deals = bool(written_years) and written_years <= told_years
        elsewhere = self._elsewhere(q, named, state, topic) and not new_facts and not of_the_deals
        follows = (
            not topic or topic[0].number in award_articles or len(q.text) <= 16 or of_the_deals
        ) and not elsewhere
        if asks and state.facts.has_award_facts and (named is None or not q.article_refs) and follows:
            return True
        return bool(
            q.asks_amount
            and numbers & award_articles
            and (q.mentions_award or state.facts.has_award_facts)
            and not elsewhere
        )

    def _elsewhere(self, q: QueryAnalysis, named: str | None, state: SessionState, topic: list[Article]) -> bool:
        """A longer question whose article is not the last estimate's, naming no rule: another measure.

        「我们还打算走QFLP设一只基金…QFLP这块有没有具体的奖励金额？」 after an article 3 estimate asks
        about QFLP, even when retrieval lands on another article that has an award of its own.
        """
        if named is not None or not topic or len(q.text) <= 16 or state.last_rule is None:
            return False
        rules = self.engine.rules
        last = next((r.article for r in [*rules.rules, *rules.unfixed] if r.id == state.last_rule), None)
        return last is not None and topic[0].number != last

    def answer(
        self, q: QueryAnalysis, reading: Reading, state: SessionState, topic: list[Article], asks_figure: bool = False
    ) -> Answer:
        """The estimate (or the one question it needs first), updating the session's pending question.

        ``asks_figure``: the question asks for a rate or an amount (for a support the text leaves
        open, that is not in the text).
        """
        # With no rule named or told, the first rule of the data (the investment award) is estimated.
        rule_id = self.rule_for(q, reading, state, topic) or self.engine.rules.rules[0].id
        state.last_rule = rule_id
        facts = scoped(q, reading, state.facts, self.this_year, self.lexicon)
        if rule_id in {r.id for r in self.engine.rules.rules} and facts.alternatives:
            rule = self.engine.rules.rule(rule_id)
            each, first = for_each_candidate(self.engine, rule, facts, self.articles[rule.article], tool_args)
            if each is not None:
                state.pending = None
                return each
            facts = first or facts  # one question first: it is the same for every candidate
        together = every_rule_told(self.engine, facts, q.text, self.lexicon) if not facts.alternatives else []
        if together:
            # 「这两块分别能拿多少？加起来一共多少？」: every support told, then their sum; a support that
            # needs a fact first asks it alone.
            estimates = Estimates([self._estimate(r, facts) for r in together])
            if estimates.complete:
                state.pending, state.last_rule = None, together[0]
                return Answer(
                    answer=estimates.text(award_text),
                    citations=[compose.citation(a, r.basis_quote) for a, r, _ in estimates.results],
                    tool_calls=estimates.calls(),
                    intent="award_calculation",
                )
            rule_id = next(r.rule for _, r, _ in estimates.results if r.award_yuan is None)
            state.last_rule = rule_id
        result = self.engine.evaluate(rule_id, facts)
        article = self.articles[result.article]
        quote = result.basis_quote
        citations = [compose.citation(article, quote)]
        if rule_id not in {r.id for r in self.engine.rules.rules}:
            state.pending = None
            return unfixed_answer(asks_figure, rule_id, article, quote, result)
        rule = self.engine.rules.rule(rule_id)
        call = ToolCall(name=rule.tool, args=tool_args(facts, rule.subject), result=result.model_dump(mode="json"))
        if result.award_yuan is None:
            question = result.questions[0] if result.questions else "请补充测算所需的事实。"
            state.pending = _pending(result, question)
            units = compose.units_line([article])
            text = f"按【{article.label}】：{quote}\n{accounted(result)}为准确测算，{question}\n{units}"
            return Answer(
                answer=text, citations=citations, tool_calls=[call], intent="award_calculation", follow_up=question
            )
        state.pending = None
        text = award_text(article, result)
        increment = (
            increment_of(self.engine, rule_id, facts, reading, result)
            if find_words(q.text, self.lexicon.markers.increment)
            else None
        )
        if increment is not None:
            text = text.replace("\n依据原文：", f"\n{increment.line(result)}\n依据原文：", 1)
            # 「还能再拿多少」 asks what the deal adds: that figure comes first; the total stays beside it.
            call_list = [increment.call(result), call]
        else:
            call_list = [call]
        return Answer(answer=text, citations=citations, tool_calls=call_list, intent="award_calculation")

    def _estimate(self, rule_id: str, facts: Facts) -> tuple[Article, AwardResult, ToolCall]:
        """One rule's result, its article and its tool call."""
        result = self.engine.evaluate(rule_id, facts)
        rule = self.engine.rules.rule(rule_id)
        call = ToolCall(name=rule.tool, args=tool_args(facts, rule.subject), result=result.model_dump(mode="json"))
        return self.articles[result.article], result, call


_YEAR_WRITTEN = re.compile(r"(?<!\d)(20\d{2})(?=\s*年)")


def _pending(result: AwardResult, question: str) -> Question:
    """The question the session waits on, with the fact slot the engine says it fills."""
    return Question(slot=result.question_slot or "amount", text=question)  # type: ignore[arg-type]


def _fixed_by(rule: AwardRule) -> frozenset[str]:
    """What a rule with a figure fixes: its rate, and its amount when it has a cap."""
    return MONEY_ATTRIBUTES if rule.version_for(None).cap is not None else MONEY_ATTRIBUTES - {"具体金额"}
