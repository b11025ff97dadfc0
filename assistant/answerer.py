"""The grounded answerer: a LangChain Runnable that needs no LLM.

For each turn it decides the intent (article lookup, unit lookup, part lookup, award
calculation, policy question, out of scope), answers from the structured records, retrieval
and the calculator, and returns the answer with the session state it leaves behind.

Example:
    >>> answerer = GroundedAnswerer(knowledge, HybridSearch(knowledge))  # doctest: +SKIP
    >>> answerer.invoke(Turn("第三条讲什么？", SessionState())).answer.citations[0].article  # doctest: +SKIP
    3
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from langchain_core.runnables import Runnable, RunnableConfig

from assistant import compose
from assistant.amounts import format_yuan
from assistant.calculator import (
    UNFIXED_SUPPORT_TOPICS,
    AwardResult,
    Investment,
    article3_award,
    article11_award,
    unfixed_support,
)
from assistant.eligibility_answer import ASK_PROFILE, eligibility_answer, has_profile, has_profile_kind
from assistant.facts import EnterpriseFacts, extract_facts
from assistant.knowledge import Knowledge
from assistant.query import QueryAnalysis, QueryAnalyzer
from assistant.retrieve import ArticleHit, HybridSearch
from assistant.schemas import Answer, Citation, ToolCall
from assistant.session import SessionState
from corpus.numerals import int_to_cn
from corpus.records import Article

# Calibrated on the dev split. A question is in scope when BM25 finds its words in the text,
# or the dense match is strong; aliases or named units lower the bar.
MIN_BM25 = 1.8
MIN_SIMILARITY = 0.895
MIN_BM25_WITH_ALIAS = 1.0
MIN_SIMILARITY_WITH_ALIAS = 0.87
# A further article is cited only when its BM25 is close to the best article's (RRF scores are
# too compressed to tell) and its dense similarity is not far behind.
CO_CITE_BM25_RATIO = 0.65
CO_CITE_BM25_RATIO_LIST = 0.45
CO_CITE_MAX_SIM_GAP = 0.02
MAX_CITED = 2
BM25_DOMINANCE = 1.6
DOMINANCE_MAX_SIM_GAP = 0.012
MAX_CITED_LIST = 4

_CONTINUATION = re.compile(r"^(那|那么|那如果|如果|假如|还有|另外|再问|然后|反过来|那反过来|顺便)")
_QUOTE_MARKS = re.compile(r"[“”\"'「」『』]")
_ANAPHORA = re.compile(
    r"^(那|那么|所以|请问)?[，,\s]*(它|这条|这一条|该条|此条|上一条|上条|刚才|上面|前面|这个|那个|这项|这一项|其|这些|那条)"
)
_GENERIC_TOKENS = {
    "责任单位",
    "单位",
    "部门",
    "负责",
    "补贴",
    "奖励",
    "多少",
    "具体",
    "钱",
    "谁",
    "哪个",
    "内容",
    "条款",
    "规定",
}
# 「今年这笔能拿多少」: the question is about the year of the investment it names.
# Words of 「我们适合哪些政策」 itself; anything else in that clause is the topic asked about.
_ELIGIBILITY_TOKENS = {
    "企业", "公司", "机构", "单位", "我们", "我司", "适合", "适用", "享受", "申请", "申报", "符合", "政策",
    "支持", "扶持", "措施", "补贴", "补助", "优惠", "资金", "服务", "哪些", "什么", "可以", "能够", "获得",
    "文件", "意见", "里面", "东西", "内容", "能用", "可用", "用得上", "这个", "啥",
}  # fmt: skip
ELIGIBILITY_FOCUS_K = 6
ELIGIBILITY_FOCUS_BM25_RATIO = 0.3
# The statements about the enterprise a session keeps for its profile, newest last.
MAX_STATEMENTS = 20
MAX_STATEMENT_CHARS = 500
_THIS_ONE = re.compile(r"这笔|这一笔|这次|本次|这轮|今年这|单算")
_ARTICLE3_TOOL = "calculate_article3_award"
_ARTICLE11_TOOL = "calculate_article11_subsidy"
_UNFIXED_TOOL = "lookup_unfixed_support"


@dataclass
class Turn:
    """One user message and the session state before it."""

    message: str
    state: SessionState = field(default_factory=SessionState)


@dataclass
class TurnResult:
    """The answer and the session state after it."""

    answer: Answer
    state: SessionState


def _award_tool_call(name: str, args: dict[str, Any], result: AwardResult) -> ToolCall:
    return ToolCall(name=name, args=args, result=result.model_dump(mode="json"))


class GroundedAnswerer(Runnable[Turn, TurnResult]):
    """Answers from the corpus alone: verbatim quotes, article labels, units, calculator results."""

    def __init__(
        self,
        knowledge: Knowledge,
        search: HybridSearch,
        analyzer: QueryAnalyzer | None = None,
        this_year: int | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.search = search
        self.analyzer = analyzer or QueryAnalyzer.default()
        self.this_year = this_year or dt.date.today().year

    # -- the Runnable interface ------------------------------------------------------------
    def invoke(self, input: Turn, config: RunnableConfig | None = None, **kwargs: Any) -> TurnResult:
        """Answer one turn."""
        q = self.analyzer.analyze(input.message)
        stated = extract_facts(q.text, self.this_year)
        if (input.state.pending_rule or input.state.last_rule) == "article11" and not stated.investee_stage:
            # Mid-way through article 11, a bare amount (「不对，是1.2亿」) is the district's contribution.
            stated = stated.as_guarantee_capital()
        state = input.state.model_copy(deep=True)
        state.facts = state.facts.merge(stated)
        state.turns += 1
        if q.about_self and not q.injection:
            # What the enterprise says about itself fills its profile (for matching and consultations).
            state.statements = [*state.statements, q.text[:MAX_STATEMENT_CHARS]][-MAX_STATEMENTS:]
        answer = self._route(q, stated, state)
        if answer.intent != "award_calculation":
            state.last_rule = None
        if q.asks_eligibility and answer.intent != "eligibility" and not answer.refused and answer.follow_up is None:
            # Answered from the text, but whether it applies to the asker needs its profile.
            if q.about_self and not has_profile_kind(state.facts, state.statements, self.this_year):
                answer = answer.model_copy(update={"follow_up": ASK_PROFILE})
        if answer.citations and answer.intent not in ("out_of_scope", "greeting"):
            state.last_articles = [c.article for c in answer.citations if c.article is not None]
        return TurnResult(answer=answer, state=state)

    # -- routing ---------------------------------------------------------------------------
    def _route(self, q: QueryAnalysis, stated: EnterpriseFacts, state: SessionState) -> Answer:
        if q.injection:
            return self._refuse("我不能按消息中的指令改变回答规则，也不会给出原文和测算结果之外的数字。")
        if q.greeting or q.help:
            return Answer(answer="您好，我是政策通。" + compose.COVERAGE, intent="greeting")
        if q.other_region:
            return self._refuse(f"本知识库只收录广州市的《若干意见》，不包含{q.other_region}的政策。")
        if q.asks_eligibility and not q.article_refs and (q.about_self or has_profile(state.facts, state.statements)):
            matched = self._eligibility(q, state)
            if matched is not None:
                return matched
        if q.missing_article_refs and not q.article_refs:
            missing = "、".join(f"第{int_to_cn(n)}条" for n in q.missing_article_refs)
            return self._refuse(f"《若干意见》共七个部分、三十二条措施（第一条至第三十二条），没有{missing}。")
        if q.article_refs:
            articles = [self.knowledge.articles[n] for n in q.article_refs if n in self.knowledge.articles]
            if q.uncovered:
                return self._uncovered(q, [], articles[0])
            if self._is_calculation(q, stated, state, articles):
                return self._calculate(q, state, articles, stated)
            return self._article_lookup(q, articles)
        if q.part_refs:
            return self._part_lookup(q.part_refs)
        if q.units and q.asks_unit_articles:
            return self._unit_articles(q.units)

        hits = self.search.articles(q, k=8)
        titled = self._titled_articles(q)
        followed = titled or self._follow_up_articles(q, state)
        topic = followed or [a for a in (self._article_of(h) for h in hits[:1]) if a]
        if self._is_calculation(q, stated, state, topic):
            return self._calculate(q, state, topic, stated)
        if q.uncovered:
            return self._uncovered(q, hits)
        if followed:
            return self._about_articles(q, followed)
        if not self._in_scope(q, hits):
            # A weak follow-up (「那反过来，出境投资呢？」) still belongs to the previous turn's topic.
            previous = [self.knowledge.articles[n] for n in state.last_articles if n in self.knowledge.articles]
            if previous and (_CONTINUATION.search(q.text) or len(q.text) <= 16):
                return self._about_articles(q, previous)
            return self._refuse("这个问题不在本知识库的范围内。")
        return self._policy_answer(q, hits)

    # -- intents ---------------------------------------------------------------------------
    def _eligibility(self, q: QueryAnalysis, state: SessionState) -> Answer | None:
        """「我们能享受哪些政策？」 from the session's profile; None leaves it to the other intents.

        A topic in the asking clause (「适合哪些知识产权政策」) narrows the list to the articles
        retrieval finds for it.
        """
        topic = [
            t
            for t in self.analyzer.tokenizer.tokenize(q.eligibility_clause)
            if len(t) > 1
            and t not in _GENERIC_TOKENS
            and t not in _ELIGIBILITY_TOKENS
            and t in self.knowledge.token_idf
        ]
        focus: list[int] | None = None
        if topic:
            hits = self.search.articles(self.analyzer.analyze(" ".join(topic)), k=ELIGIBILITY_FOCUS_K)
            # Only articles that share the topic's words: the dense ranks alone drift to neighbours.
            best = max((h.bm25 for h in hits), default=0.0)
            on_topic = [h for h in hits if best > 0 and h.bm25 >= ELIGIBILITY_FOCUS_BM25_RATIO * best]
            focus = [a.number for a in (self._article_of(h) for h in on_topic) if a is not None]
        return eligibility_answer(state.facts, state.statements, self.knowledge, self.this_year, focus=focus)

    def _refuse(self, reason: str) -> Answer:
        return Answer(answer=compose.refusal(reason), refused=True, intent="out_of_scope")

    def _article_lookup(self, q: QueryAnalysis, articles: list[Article]) -> Answer:
        if q.asks_unit and len(articles) == 1:
            article = articles[0]
            sentences = compose.summary_sentences(article, limit=1)
            return Answer(
                answer=compose.unit_answer(article, sentences),
                citations=[compose.citation(article, compose.join_sentences(article, sentences))],
                intent="unit_lookup",
            )
        blocks = [(a, compose.summary_sentences(a)) for a in articles]
        text = "\n".join(compose.article_block(a, s) for a, s in blocks) + "\n" + compose.units_line(articles)
        return Answer(
            answer=text,
            citations=[compose.citation(a, compose.join_sentences(a, s)) for a, s in blocks],
            intent="article_lookup",
        )

    def _part_lookup(self, parts: list[int]) -> Answer:
        lines, citations = [], []
        for number in parts:
            part = self.knowledge.parts[number]
            articles = [self.knowledge.articles[n] for n in part.articles]
            lines.append(
                f"第{part.number_cn}部分「{part.title}」包括："
                + "；".join(f"【{a.label}】{a.title}" for a in articles)
                + "。"
            )
            citations.extend(compose.citation(a, a.title) for a in articles)
        return Answer(answer="\n".join(lines), citations=citations, intent="part_lookup")

    def _unit_articles(self, units: list[str]) -> Answer:
        lines, citations = [], []
        for unit in units:
            numbers = self.knowledge.unit_articles.get(unit, [])
            if not numbers:
                continue
            articles = [self.knowledge.articles[n] for n in numbers]
            lines.append(compose.unit_articles_answer(unit, articles))
            citations.extend(
                compose.citation(a, f"责任单位：{'、'.join(a.units)}")
                for a in articles
                if a.number not in {c.article for c in citations}
            )
        if not lines:
            return self._refuse(f"原文的责任单位中没有{'、'.join(units)}。")
        return Answer(answer="\n".join(lines), citations=citations, intent="unit_lookup")

    def _about_articles(self, q: QueryAnalysis, articles: list[Article]) -> Answer:
        """Answer about known articles: a follow-up (「它的责任单位是哪些？」) or a quoted title."""
        if q.asks_unit and len(articles) == 1:
            article = articles[0]
            sentences = compose.pick_sentences(article, q.tokens, q.text, limit=1, idf=self.knowledge.token_idf)
            return Answer(
                answer=compose.unit_answer(article, sentences),
                citations=[compose.citation(article, compose.join_sentences(article, sentences))],
                intent="unit_lookup",
            )
        blocks = [(a, compose.pick_sentences(a, q.tokens, q.text, idf=self.knowledge.token_idf)) for a in articles[:3]]
        return Answer(
            answer=compose.policy_answer(blocks),
            citations=[compose.citation(a, compose.join_sentences(a, s)) for a, s in blocks],
            intent="policy_question",
        )

    def _uncovered(self, q: QueryAnalysis, hits: list[ArticleHit], article: Article | None = None) -> Answer:
        assert q.uncovered is not None
        if article is None and self._in_scope(q, hits):
            article = next((a for a in (self._article_of(h) for h in hits) if a), None)
        if article is None:
            return self._refuse(f"《若干意见》原文没有规定{q.uncovered.name}，这也不在本知识库的范围内。")
        sentences = compose.pick_sentences(article, q.tokens, q.text, limit=1, idf=self.knowledge.token_idf)
        return Answer(
            answer=compose.uncovered_answer(q.uncovered.name, article, sentences) + "\n" + compose.COVERAGE,
            citations=[compose.citation(article, compose.join_sentences(article, sentences))],
            refused=True,
            intent="out_of_scope",
        )

    def _policy_answer(self, q: QueryAnalysis, hits: list[ArticleHit]) -> Answer:
        chosen = self._choose_articles(q, hits)
        if not chosen:
            return self._document_answer(q, hits)
        blocks = []
        for article, hit in chosen:
            preferred = "".join(c.chunk.content for c in hit.chunks[:1])
            blocks.append(
                (
                    article,
                    compose.pick_sentences(
                        article, q.tokens, q.text, preferred=preferred, idf=self.knowledge.token_idf
                    ),
                )
            )
        if q.asks_unit and len(blocks) == 1:
            article, sentences = blocks[0]
            text = compose.unit_answer(article, sentences)
            intent = "unit_lookup"
        else:
            text = compose.policy_answer(blocks)
            intent = "policy_question"
        return Answer(
            answer=text, citations=[compose.citation(a, compose.join_sentences(a, s)) for a, s in blocks], intent=intent
        )

    def _document_answer(self, q: QueryAnalysis, hits: list[ArticleHit]) -> Answer:
        """The best hit is a preamble or closing paragraph: quote it, citing the document."""
        chunk = hits[0].chunks[0].chunk
        sentences = compose.split_quote(chunk.content)
        best = max(sentences, key=lambda s: compose.score_sentence(s, q.tokens, False, self.knowledge.token_idf))
        title = self.knowledge.document_title(chunk.document)
        return Answer(
            answer=f"根据《{title}》：{best}",
            citations=[Citation(article=None, document=chunk.document, title=title, quote=best, units=[])],
            intent="policy_question",
        )

    # -- calculation -----------------------------------------------------------------------
    def _is_calculation(
        self, q: QueryAnalysis, stated: EnterpriseFacts, state: SessionState, topic: list[Article]
    ) -> bool:
        numbers = {a.number for a in topic}
        new_amount = bool(stated.investments or stated.guarantee_capital)
        remembered = bool(state.facts.investments or state.facts.guarantee_capital)
        award_asked = q.asks_amount and (q.mentions_award or remembered)
        if new_amount and (q.mentions_award or q.asks_amount):
            return True
        # Everything article 3 needs, stated at once: answer with the estimate straight away.
        if stated.investments and state.facts.investee_stage and state.facts.institution_place:
            return True
        if state.pending_rule and (new_amount or stated.known):
            return True
        # 「更正一下，是初创期」「我们其实注册在南沙」: a fact changed right after an estimate; estimate again.
        # A message naming an article asks about that article, not the estimate.
        if (
            state.last_rule
            and stated.known
            and not q.article_refs
            and (stated.correction or stated.same_year or len(q.text) <= 24)
        ):
            return True
        if award_asked and remembered:
            return True
        if award_asked and numbers & ({3, 11} | {unfixed_support(t).article for t in UNFIXED_SUPPORT_TOPICS}):
            return True
        return bool(new_amount and state.last_articles and set(state.last_articles) & {3, 11})

    def _calculate(
        self, q: QueryAnalysis, state: SessionState, topic: list[Article], stated: EnterpriseFacts
    ) -> Answer:
        rule = state.pending_rule or self._best_rule(q, state, [a.number for a in topic])
        state.last_rule = rule
        if rule == "article11":
            return self._article11(state)
        if rule == "article3":
            return self._article3(state, self._years_asked(q, stated))
        return self._unfixed(q, rule)

    def _best_rule(self, q: QueryAnalysis, state: SessionState, topic: list[int]) -> str:
        """The award rule whose own wording best matches the question (the topic article helps).

        Rules are the two the text fixes (article3, article11) and the supports whose amount it
        leaves open (each an ``UnfixedTopic``); each is scored by the words it shares with the question.
        The facts the session holds weigh more than retrieval's topic: a district contribution only
        means something to article 11, an investee's stage only to article 3.
        """
        facts = state.facts
        article3, article11 = self.knowledge.articles[3], self.knowledge.articles[11]
        candidates: dict[str, tuple[int, str]] = {
            "article3": (3, next(s for s in article3.sentences() if "1.5%" in s)),
            "article11": (11, next(s for s in article11.sentences() if "40%" in s)),
        }
        for topic_name in UNFIXED_SUPPORT_TOPICS:
            result = unfixed_support(topic_name)
            candidates[topic_name] = (result.article, result.basis_quote)

        def score(name: str) -> float:
            article, basis = candidates[name]
            value = compose.score_sentence(basis, q.tokens, False, self.knowledge.token_idf)
            value += 4.0 if topic[:1] == [article] else (1.5 if article in topic else 0.0)
            if name == state.last_rule:
                value += 3.0
            # A stated investee stage is article 3's own signal; money alone could be a loan or a bond.
            if (
                name == "article3"
                and facts.investments
                and (facts.investee_stage or any(i.stage for i in facts.investments))
            ):
                value += 6.0
            if name == "article11" and facts.guarantee_capital is not None:
                value += 6.0
            return value

        return max(candidates, key=score)

    @staticmethod
    def _years_asked(q: QueryAnalysis, stated: EnterpriseFacts) -> set[int] | None:
        """The years a question restricts the award to, when it points at the investment it names."""
        years = {i.year for i in stated.investments if i.year is not None}
        return years if years and _THIS_ONE.search(q.text) else None

    def _article3(self, state: SessionState, years: set[int] | None = None) -> Answer:
        facts = state.facts
        article = self.knowledge.articles[3]
        quote = next(s for s in article.sentences() if "1.5%" in s)
        ask = None
        if not facts.investments:
            ask = "请问实际到账的投资金额是多少？"
        elif facts.investee_stage is None:
            ask = "请问被投企业处于哪个阶段（种子期、初创期、成长期还是成熟期）？"
        elif facts.institution_place is None:
            ask = "请问贵机构（投资方）注册在哪个城市，是否属于粤港澳大湾区？"
        cite = [compose.citation(article, quote)]
        if ask:
            state.pending_rule = "article3"
            text = f"按【{article.label}】：{quote}\n为准确测算，{ask}"
            return Answer(answer=text, citations=cite, intent="award_calculation", follow_up=ask)
        state.pending_rule = None
        # The policy is Guangzhou's; an investee with no stated place is taken to be local, and the answer says so.
        assumed_local = facts.investee_place is None
        investments = [
            Investment(
                amount=i.amount,
                year=i.year,
                investee_stage=i.stage or facts.investee_stage,
                investee_in_guangzhou=True if assumed_local else facts.investee_in_guangzhou_of(i),
                funds_received=facts.funds_received,
            )
            for i in facts.investments
            # Investments of the same year share one cap, so a year asked about keeps all of its own.
            if years is None or i.year in years
        ]
        result = article3_award(investments, facts.institution_in_gba)
        args = {
            "investments": [
                {"amount": str(i.amount), "year": i.year, "investee_place": i.place}
                for i in facts.investments
                if years is None or i.year in years
            ],
            "institution_place": facts.institution_place,
            "investee_place": facts.investee_place or "广州（未说明，按广州计）",
            "investee_stage": facts.investee_stage,
            "funds_received": facts.funds_received,
        }
        text = self._award_text(article, result, quote)
        if assumed_local and result.award_yuan:
            text += "\n（您未说明被投企业所在地，以上按被投企业位于广州计算。）"
        return Answer(
            answer=text,
            citations=cite,
            tool_calls=[_award_tool_call(_ARTICLE3_TOOL, args, result)],
            intent="award_calculation",
        )

    def _article11(self, state: SessionState) -> Answer:
        facts = state.facts
        article = self.knowledge.articles[11]
        quote = next(s for s in article.sentences() if "40%" in s)
        cite = [compose.citation(article, quote)]
        flags = (facts.guarantee_district_level, facts.guarantee_policy_based, facts.guarantee_new_or_increase)
        ruled_out = False in flags or facts.guarantee_district_funded is False
        capital = facts.guarantee_capital
        if capital is None and not ruled_out:
            state.pending_rule = "article11"
            ask = "请问区财政对该担保机构的新增出资额是多少？"
            return Answer(
                answer=f"按【{article.label}】：{quote}\n为测算补助上限，{ask}",
                citations=cite,
                intent="award_calculation",
                follow_up=ask,
            )
        state.pending_rule = None
        # A stated 区财政新增出资 implies the district-level, newly funded institution the article names;
        # what the user did not say is taken as the article frames it, and the answer says so.
        result = article11_award(
            capital,
            *(True if flag is None else flag for flag in flags),
            district_funded=facts.guarantee_district_funded,
        )
        text = self._award_text(article, result, quote)
        assumed = [
            label
            for flag, label in zip(flags, ("区级", "政策性融资担保机构", "新设立或新增资"), strict=True)
            if flag is None
        ]
        if assumed and result.eligible:
            text += f"\n（您未说明该机构是否为{'、'.join(assumed)}，以上按符合条件测算。）"
        args = {
            "district_new_capital": str(capital) if capital is not None else None,
            "is_district_level": facts.guarantee_district_level,
            "is_policy_guarantee": facts.guarantee_policy_based,
            "is_new_or_capital_increase": facts.guarantee_new_or_increase,
            "district_funded": facts.guarantee_district_funded,
        }
        return Answer(
            answer=text,
            citations=cite,
            tool_calls=[_award_tool_call(_ARTICLE11_TOOL, args, result)],
            intent="award_calculation",
        )

    def _unfixed(self, q: QueryAnalysis, topic: str) -> Answer:
        result = unfixed_support(topic)  # type: ignore[arg-type]
        article = self.knowledge.articles[result.article]
        quote = result.basis_quote or compose.summary_sentences(article, 1)[0]
        text = (
            f"【{article.label}】（{article.title}）规定：{quote}\n"
            f"原文没有规定具体金额或比例，无法测算：{result.decided_by}。\n{compose.units_line([article])}"
        )
        return Answer(
            answer=text,
            citations=[compose.citation(article, quote)],
            tool_calls=[_award_tool_call(_UNFIXED_TOOL, {"topic": topic}, result)],
            intent="award_calculation",
        )

    @staticmethod
    def _award_text(article: Article, result: AwardResult, quote: str) -> str:
        steps = "；".join(result.steps)
        if result.award_yuan is None:
            missing = "、".join(result.missing) or "关键事实"
            return f"按【{article.label}】：{quote}\n目前还缺少：{missing}，暂无法确定金额。{steps}"
        if not result.eligible:
            reasons = "；".join(c.reason for c in result.conditions if c.status == "not_met")
            return (
                f"按【{article.label}】，{reasons}，不符合奖励条件，预估金额为0元。\n"
                f"依据原文：{quote}\n{compose.units_line([article])}"
            )
        amount = format_yuan(Decimal(str(result.award_yuan)))
        label = "最高可获" if result.is_ceiling else "预估可获"
        return (
            f"按【{article.label}】测算：{steps}。\n{label}{amount}（{result.note}）。\n"
            f"依据原文：{quote}\n{compose.units_line([article])}"
        )

    # -- helpers ---------------------------------------------------------------------------
    def _article_of(self, hit: ArticleHit) -> Article | None:
        return self.knowledge.article_for_chunk(hit.chunks[0].chunk)

    def _titled_articles(self, q: QueryAnalysis) -> list[Article]:
        """Articles whose title the question quotes (「培养科技金融人才那条是谁负责」)."""
        text = _QUOTE_MARKS.sub("", q.text)
        return [
            a
            for a in self.knowledge.articles.values()
            if len(title := _QUOTE_MARKS.sub("", a.title)) >= 4 and title in text
        ]

    def _follow_up_articles(self, q: QueryAnalysis, state: SessionState) -> list[Article]:
        """The previous turn's articles when this message points back at them."""
        if not state.last_articles:
            return []
        content = [t for t in q.tokens if t not in _GENERIC_TOKENS and len(t) > 1]
        if _ANAPHORA.search(q.text) or (len(q.text) <= 14 and len(content) <= 1):
            return [self.knowledge.articles[n] for n in state.last_articles if n in self.knowledge.articles]
        return []

    def _in_scope(self, q: QueryAnalysis, hits: list[ArticleHit]) -> bool:
        if not hits:
            return False
        signals = self.search.signals(hits)
        if signals.top_bm25 >= MIN_BM25 or signals.top_similarity >= MIN_SIMILARITY:
            return True
        hinted = bool(q.expansions or q.units)
        return hinted and (
            signals.top_bm25 >= MIN_BM25_WITH_ALIAS or signals.top_similarity >= MIN_SIMILARITY_WITH_ALIAS
        )

    def _choose_articles(self, q: QueryAnalysis, hits: list[ArticleHit]) -> list[tuple[Article, ArticleHit]]:
        articles = [(a, h) for h in hits if (a := self._article_of(h)) is not None]
        if not articles:
            return []
        best = articles[0][1]
        # Fused ranks are compressed: an article whose words match far better than the top one's, and
        # whose meaning is about as close, is the better answer (「科技企业设立专门投资机构」 → 第一条).
        dominant = [
            (a, h)
            for a, h in articles[1:]
            if h.bm25 >= best.bm25 * BM25_DOMINANCE and h.similarity >= best.similarity - DOMINANCE_MAX_SIM_GAP
        ]
        if dominant:
            # The leader goes first; the bar for co-citing others stays the fused top's, as before.
            leader = max(dominant, key=lambda pair: pair[1].bm25)
            articles = [leader, *(pair for pair in articles if pair is not leader)]
        ratio = CO_CITE_BM25_RATIO_LIST if q.asks_list else CO_CITE_BM25_RATIO
        others = [
            (a, h)
            for a, h in articles[1:]
            if best.bm25 > 0 and h.bm25 >= best.bm25 * ratio and h.similarity >= best.similarity - CO_CITE_MAX_SIM_GAP
        ]
        return [articles[0], *others][: MAX_CITED_LIST if q.asks_list else MAX_CITED]
