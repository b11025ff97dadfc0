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
from typing import Any

from langchain_core.runnables import Runnable, RunnableConfig

from assistant.answer import compose
from assistant.answer.awards import AwardAnswers
from assistant.answer.eligibility import ASK_PROFILE, eligibility_answer, has_profile, has_profile_kind
from assistant.awards.engine import AwardEngine
from assistant.retrieve.hybrid import ArticleHit, HybridSearch
from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer, Citation
from assistant.session import SessionState
from assistant.understand import Reader, Reading, fold
from assistant.understand.query import QueryAnalysis, QueryAnalyzer
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


class GroundedAnswerer(Runnable[Turn, TurnResult]):
    """Answers from the corpus alone: verbatim quotes, article labels, units, calculator results."""

    def __init__(
        self,
        knowledge: Knowledge,
        search: HybridSearch,
        analyzer: QueryAnalyzer | None = None,
        this_year: int | None = None,
        engine: AwardEngine | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.search = search
        self.analyzer = analyzer or QueryAnalyzer.default()
        self.this_year = this_year or dt.date.today().year
        self.reader = Reader.default(self.this_year)
        self.awards = AwardAnswers(engine or AwardEngine.default(), self.reader.lexicon, knowledge.articles)

    # -- the Runnable interface ------------------------------------------------------------
    def invoke(self, input: Turn, config: RunnableConfig | None = None, **kwargs: Any) -> TurnResult:
        """Answer one turn."""
        q = self.analyzer.analyze(input.message)
        state = input.state.model_copy(deep=True)
        reading = self.reader.read(q.text, known=state.facts, pending=state.pending)
        state.facts = fold(state.facts, reading, state.pending)
        state.turns += 1
        if q.about_self and not q.injection:
            # What the enterprise says about itself fills its profile (for matching and consultations).
            state.statements = [*state.statements, q.text[:MAX_STATEMENT_CHARS]][-MAX_STATEMENTS:]
        answer = self._route(q, reading, state)
        if answer.intent != "award_calculation":
            state.last_rule = None
            state.pending = None
        if q.asks_eligibility and answer.intent != "eligibility" and not answer.refused and answer.follow_up is None:
            # Answered from the text, but whether it applies to the asker needs its profile.
            if q.about_self and not has_profile_kind(state.facts, state.statements, self.this_year):
                answer = answer.model_copy(update={"follow_up": ASK_PROFILE})
        if answer.citations and answer.intent not in ("out_of_scope", "greeting"):
            state.last_articles = [c.article for c in answer.citations if c.article is not None]
        return TurnResult(answer=answer, state=state)

    # -- routing ---------------------------------------------------------------------------
    def _route(self, q: QueryAnalysis, reading: Reading, state: SessionState) -> Answer:
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
            if self.awards.wants_estimate(q, reading, state, articles):
                return self.awards.answer(q, reading, state, articles)
            return self._article_lookup(q, articles)
        if q.part_refs:
            return self._part_lookup(q.part_refs)
        if q.units and q.asks_unit_articles:
            return self._unit_articles(q.units)

        hits = self.search.articles(q, k=8)
        titled = self._titled_articles(q)
        followed = titled or self._follow_up_articles(q, state)
        topic = followed or [a for a in (self._article_of(h) for h in hits[:1]) if a]
        if self.awards.wants_estimate(q, reading, state, topic):
            return self.awards.answer(q, reading, state, topic)
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
