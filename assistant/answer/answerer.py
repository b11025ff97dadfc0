"""The grounded answerer: a LangChain Runnable that needs no LLM.

For each turn it reads the message (its facts and its focus), decides the outcome (answered,
not in the text, out of scope) and the intent (article, part or unit lookup, every article
naming something, award estimate, policy question), answers from the structured records,
retrieval and the award engine, and returns the answer with the session state it leaves behind.

Example:
    >>> answerer = GroundedAnswerer(knowledge, HybridSearch(knowledge))  # doctest: +SKIP
    >>> answerer.invoke(Turn("第三条讲什么？", SessionState())).answer.citations[0].article  # doctest: +SKIP
    3
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from langchain_core.runnables import Runnable, RunnableConfig

from assistant.answer import compose, declines, lookups
from assistant.answer.answerability import AttributeJudge, asks_money, other_focus
from assistant.answer.awards import AwardAnswers
from assistant.answer.cited_documents import cited_documents_answer
from assistant.answer.document_facts import DocumentFacts
from assistant.answer.eligibility import ASK_PROFILE, eligibility_answer, has_profile, has_profile_kind
from assistant.answer.eligibility_topic import topic_articles
from assistant.answer.mention_list import mention_answer
from assistant.answer.misattributed import misattributed
from assistant.answer.outcome import FocusOutcome
from assistant.answer.parts import combine
from assistant.answer.premise import check_premise
from assistant.answer.retrieved import CONTINUATION, RetrievedAnswers
from assistant.answer.selection import Selection
from assistant.answer.text_figures import text_figures, without_quoted_figures
from assistant.answer.turn_notes import noted as _noted
from assistant.answer.turn_notes import remember_unanswered as _remember_unanswered
from assistant.answer.unit_routes import units_answer
from assistant.awards.engine import AwardEngine
from assistant.retrieve.hybrid import HybridSearch
from assistant.retrieve.knowledge import Knowledge
from assistant.retrieve.mentions import MentionIndex
from assistant.schemas import Answer
from assistant.session import SessionState
from assistant.understand import Reader, Reading
from assistant.understand.ellipsis import asked_before, inherit_asked
from assistant.understand.focus import Focus, FocusReader
from assistant.understand.in_message import read_turn
from assistant.understand.query import QueryAnalysis, QueryAnalyzer
from assistant.understand.relative_articles import relative_articles
from assistant.understand.title_refs import title_refs
from corpus.numerals import int_to_cn
from corpus.registry import load_registry

# 「市科技局负责哪些条款，对吧？」 asks for the list; only 「X是Y负责的吧」 states a unit to check.
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
        self.focus_reader = FocusReader.default()
        self.select = Selection.build(knowledge, search)
        self.mentions = MentionIndex.build(knowledge.articles.values())
        self.text_figures = text_figures(knowledge.articles.values())
        self.registry = load_registry()
        self.preamble = "".join(r.text for d in knowledge.index.documents for r in d.records if r.kind == "preamble")
        # 「这份意见什么时候生效」: the document's own closing paragraph, and what it never says of itself.
        self.document_facts = DocumentFacts.build(knowledge)
        self.awards = AwardAnswers(
            engine or AwardEngine.default(), self.reader.lexicon, knowledge.articles, this_year=self.this_year
        )
        self.outcome = FocusOutcome(
            knowledge, self.analyzer.tokenizer, AttributeJudge(knowledge.token_idf), self.awards, self.analyzer.aliases
        )
        self.retrieved = RetrievedAnswers(knowledge, search, self.select, self.mentions, self.outcome, self.awards)

    # -- the Runnable interface ------------------------------------------------------------
    def invoke(self, input: Turn, config: RunnableConfig | None = None, **kwargs: Any) -> TurnResult:
        """Answer one turn."""
        q = self.analyzer.analyze(input.message)
        if not q.article_refs:
            q = self._articles_named_otherwise(q, input.state)
        state = input.state.model_copy(deep=True)
        unquoted = partial(without_quoted_figures, figures=self.text_figures)  # figures quoted from the text
        reading, state.facts = read_turn(self.reader, q.text, state.facts, state.pending, unquoted)
        state.turns += 1
        if q.about_self and not q.injection:
            # What the enterprise says about itself fills its profile (for matching and consultations).
            state.statements = [*state.statements, q.text[:MAX_STATEMENT_CHARS]][-MAX_STATEMENTS:]
        focus = self._focus(q, state)
        answer = self._route(q, focus, reading, state)
        _remember_unanswered(state, focus, answer)
        if answer.intent != "award_calculation":
            state.last_rule = None
            state.pending = None
        if q.asks_eligibility and answer.intent != "eligibility" and not answer.refused and answer.follow_up is None:
            # Answered from the text, but whether it applies to the asker needs its profile.
            if q.about_self and not has_profile_kind(state.facts, state.statements, self.this_year):
                answer = answer.model_copy(update={"follow_up": ASK_PROFILE})
        if answer.citations and answer.answerability != "out_of_scope" and answer.intent != "greeting":
            state.last_articles = [c.article for c in answer.citations if c.article is not None]
        return TurnResult(answer=answer, state=state)

    # -- routing ---------------------------------------------------------------------------
    def _route(
        self, q: QueryAnalysis, focus: Focus, reading: Reading, state: SessionState, whole: bool = True
    ) -> Answer:
        if q.injection:
            return declines.out_of_scope("我不能按消息中的指令改变回答规则，也不会给出原文和测算结果之外的数字。")
        if q.greeting or q.help:
            return Answer(answer="您好，我是政策通。" + compose.COVERAGE, intent="greeting")
        # 「不对，这1200万是老股」 after an estimate: its facts change, it is still the estimate.
        # 「说错了，2023那笔其实是2022年到的」: a fact of the estimate corrected without a figure, too.
        changed = bool(reading.facts.set_aside) or not reading.facts.hints.empty or reading.payer is not None
        restated = reading.correction and changed and state.last_rule is not None
        # 「补充一下，我们的基金其实是在杭州注册的。这样还能算吗？能拿多少？」: where the asker sits changes
        # the estimate under way, however many questions the message asks.
        reseated = state.facts.has_award_facts and any(i.place for i in reading.facts.institutions if i.own)
        estimating = reading.facts.has_award_facts or state.pending is not None or restated or reseated
        declined = declines.declined_outside(focus.outside, estimating, q.text)
        if declined is not None:
            return declined
        if focus.document and not self.outcome.holds(focus.document):
            return declines.out_of_scope(f"本知识库收录《若干意见》原文，没有收录《{focus.document}》的全文。")
        # (「开头说贯彻落实哪几份文件，有文号的也带上」 asks the documents it cites, answered below.)
        # (「开头说贯彻落实哪几份文件，有文号的也带上」 asks the documents it cites, answered below.)
        about_itself = None if q.article_refs or estimating or focus.cited else self.document_facts.answer(q.text)
        if about_itself is not None:
            return about_itself
        if q.asks_eligibility and not q.article_refs and (q.about_self or has_profile(state.facts, state.statements)):
            matched = self._eligibility(q, state)
            if matched is not None:
                return matched
        if q.missing_article_refs and not q.article_refs:
            missing = "、".join(f"第{int_to_cn(n)}条" for n in q.missing_article_refs)
            return declines.out_of_scope(f"《若干意见》共七个部分、三十二条措施（第一条至第三十二条），没有{missing}。")
        if (
            whole
            and focus.parts
            and not estimating
            and (len(q.article_refs) <= 1 or len(q.article_refs) == len(focus.parts) or self._one_article_each(focus))
        ):
            # 「上市奖励和发债补贴，分别…」: two articles named by title, one per part, are each part's own.
            return self._parts(focus, state)
        # 「其中跟港澳合作有关的那条，越秀区具体要干嘛」: one of the articles just listed, not the unit's list.
        units = [] if self.select.among_previous(q, state) else q.units
        about_units = units_answer(q, focus, units, estimating, self.knowledge, self.mentions, self.select, self.search)
        if about_units is not None:
            return about_units
        if focus.cited is not None and self.focus_reader.data.cited_list is not None:
            return cited_documents_answer(
                self.knowledge.articles,
                self.preamble,
                self.registry,
                focus.cited,
                self.focus_reader.data.cited_list,
                of_articles=q.article_refs,
            )
        if focus.mention_terms and units and all(self.analyzer.aliases.units_in(t) for t in focus.mention_terms):
            # 「人社部门（市人社局）涉及哪几条」: the unit under every name it goes by in the text.
            found = lookups.unit_articles(self.knowledge, q.units, q.text)
            if found is not None:
                return found
        if q.part_refs and not q.article_refs:
            # 「第七部分“强化组织保障”一共有几条」: the part named, not every article writing its title.
            return lookups.part_lookup(self.knowledge, q.part_refs)
        if focus.mention_terms:
            mentions = self.mentions.find(focus.mention_terms)
            if mentions:
                return mention_answer(focus.mention_terms, mentions)
        if q.article_refs:
            return self._about_named_articles(q, focus, reading, state)
        follows = bool(state.last_articles) and (bool(CONTINUATION.search(q.text)) or len(q.text) <= 16)
        asks_more = estimating or follows or bool(focus.attributes or q.part_refs)
        general = None if asks_more else self.select.general_only(q)
        if general is not None:
            return self._general(q, general, state)
        if q.part_refs:
            return lookups.part_lookup(self.knowledge, q.part_refs)
        if units and q.asks_unit_articles and not focus.confirms:
            # 「听说黄埔区已经被定为集聚区了？是哪条定的」: a claim about the unit, to check against the text.
            found = lookups.unit_articles(self.knowledge, q.units, q.text)
            return found or declines.out_of_scope(f"原文的责任单位中没有{'、'.join(q.units)}。")
        return self.retrieved.answer(q, focus, reading, state, leans=not whole)

    def _about_named_articles(self, q: QueryAnalysis, focus: Focus, reading: Reading, state: SessionState) -> Answer:
        """「第十三条…」: the question names its articles."""
        articles = [self.knowledge.articles[n] for n in q.article_refs if n in self.knowledge.articles]
        if len(articles) == 1:
            # 「第十五条说5年内要推动100家科技企业上市」: the claim is another article's.
            wrong = misattributed(q.text, articles[0], self.knowledge, self.analyzer.tokenizer.tokenize, q.asks_unit)
            if wrong is not None:
                return wrong
        if self.awards.wants_estimate(
            q, reading, state, articles, other_focus=other_focus(focus), confirms=focus.confirms
        ):
            return self.awards.answer(q, reading, state, articles, asks_figure=asks_money(focus))
        checked = self.outcome.attributes(q, focus, reading, articles[0])
        if isinstance(checked, Answer):
            return checked
        premise = check_premise(q.text, articles[0]) if focus.confirms else None
        answer = premise or lookups.article_lookup(q, articles)
        return _noted(answer, checked)

    def _articles_named_otherwise(self, q: QueryAnalysis, state: SessionState) -> QueryAnalysis:
        """「防范科技金融风险和优化政务服务这两条」 by their titles; 「下一条呢」 by where they stand."""
        titles = {n: a.title for n, a in self.knowledge.articles.items()}
        named = title_refs(q.text, titles, self.analyzer.aliases.expand) or relative_articles(
            q.text, state.last_articles, self.focus_reader.data, len(self.knowledge.articles)
        )
        return dataclasses.replace(q, article_refs=named) if named else q

    def _one_article_each(self, focus: Focus) -> bool:
        """「第十五条并购基金的规模和第十三条的上市目标分别是多少」: each part names its own one article."""
        refs = [self.analyzer.analyze(part).article_refs for part in focus.parts]
        return all(len(r) == 1 for r in refs) and len({r[0] for r in refs}) == len(refs)

    # -- outcomes --------------------------------------------------------------------------
    def _focus(self, q: QueryAnalysis, state: SessionState) -> Focus:
        """What the question asks; 「…呢」 after a question the text could not answer asks the same."""
        before = asked_before(self.focus_reader.data, state.last_unanswered)
        return inherit_asked(self.focus_reader.read(q.text), q.text, before)

    def _general(self, q: QueryAnalysis, names: tuple[str, ...], state: SessionState) -> Answer:
        """A question that asks only 「有什么政策」, about a place or about the policy as a whole.

        「越秀区有什么支持」: every article naming the place; 「我们在南沙，有什么政策」「有什么政策」:
        the measures for the asker's profile, or the policy's outline and a question about the asker.
        """
        if names and not q.about_self:
            mentions = self.mentions.find(names)
            if mentions:
                return mention_answer(names, mentions)
        if q.units and not q.about_self:
            found = lookups.unit_articles(self.knowledge, q.units, q.text)  # 「市科技局有哪些措施」
            if found is not None:
                return found
        matched = self._eligibility(q, state) if q.about_self else None
        if matched is not None:
            return matched
        outline = lookups.outline(self.knowledge)
        return outline.model_copy(update={"follow_up": ASK_PROFILE}) if q.about_self else outline

    def _parts(self, focus: Focus, state: SessionState) -> Answer:
        """Each sub-question answered on its own, in one reply."""
        answers = []
        local = state.model_copy(deep=True)
        for question in focus.parts:
            q = self.analyzer.analyze(question)
            reading = without_quoted_figures(
                q.text, self.reader.read(q.text, known=local.facts, pending=None), self.text_figures
            )
            focus = self._focus(q, local)
            answer = self._route(q, focus, reading, local, whole=False)
            _remember_unanswered(local, focus, answer)
            answers.append(answer)
            if answer.answerability != "out_of_scope":
                # 「…能贷款吗？政府会不会补点钱？」: a later part may lean on the earlier one's articles.
                local.last_articles = [c.article for c in answer.citations if c.article is not None]
        return combine(answers)

    def _eligibility(self, q: QueryAnalysis, state: SessionState) -> Answer | None:
        """「我们能享受哪些政策？」 from the session's profile; None leaves it to the other intents.

        A topic in the asking clause (「适合哪些知识产权政策」) narrows the list to the articles
        retrieval finds for it.
        """
        focus = topic_articles(q, self.analyzer, self.search, self.select, self.knowledge.token_idf)
        return eligibility_answer(state.facts, state.statements, self.knowledge, self.this_year, focus=focus)
