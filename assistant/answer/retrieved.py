"""Questions answered from the articles retrieval finds, or from the topic the conversation is on.

Everything the answerer's other routes do not take: retrieval ranks the articles, a follow-up keeps
the previous turn's topic, the focus decides whether the text answers what is asked of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer import declines, lookups
from assistant.answer.answerability import asks_money, other_focus
from assistant.answer.awards import AwardAnswers
from assistant.answer.outcome import FocusOutcome
from assistant.answer.premise import check_premise
from assistant.answer.selection import Selection
from assistant.answer.turn_notes import noted as _noted
from assistant.retrieve.hybrid import ArticleHit, HybridSearch
from assistant.retrieve.knowledge import Knowledge
from assistant.retrieve.mentions import MentionIndex
from assistant.schemas import Answer
from assistant.session import SessionState
from assistant.understand import Reading
from assistant.understand.focus import Focus
from assistant.understand.query import QueryAnalysis
from corpus.records import Article

__all__ = ["CONTINUATION", "RetrievedAnswers"]

# A later part this short (「对接多少家投资机构」) says too little to find an article of its own.
_LEANING_PART = 12
CONTINUATION = re.compile(r"^(那|那么|那如果|如果|假如|还有|另外|再问|然后|反过来|那反过来|顺便)")


@dataclass(frozen=True)
class RetrievedAnswers:
    """Answers a question by the articles it retrieves or follows."""

    knowledge: Knowledge
    search: HybridSearch
    select: Selection
    mentions: MentionIndex
    outcome: FocusOutcome
    awards: AwardAnswers

    def answer(
        self, q: QueryAnalysis, focus: Focus, reading: Reading, state: SessionState, leans: bool = False
    ) -> Answer:
        """Everything else: retrieval finds the articles, the focus decides the outcome.

        ``leans``: a later part of one message (「大赛有没有编制？对接多少家投资机构？」), which asks
        more of the thing an earlier part named when it names none of the policy's things itself.
        """
        hits = self.search.articles(q, k=8)
        asking = [m.group(0) for a in focus.attributes for m in a.asked.finditer(q.text)]
        followed = self.select.titled(q) or self.select.follow_up(q, state, asking)
        if (
            not followed
            and leans
            and (focus.attributes or focus.confirms)  # 「是不是年化不超过1%了」 checks what the part before asked
            and len(q.text) <= _LEANING_PART
            and not self._names_own_thing(q.text)
        ):
            followed = self.select.previous(state)
        if not followed and focus.attributes and not self.outcome.names_subject(focus):
            followed = self.select.previous(state)  # 「学费多少？怎么报名？」 asks more of the last topic
        if not followed and focus.attributes and self.outcome.subject_within(focus, self.select.previous(state)):
            followed = self.select.previous(state)  # 「补贴按贷款利息的几成补」: of what the last topic names
        if not followed and sum(bool(a.subject.strip()) for a in focus.asks) == 1:
            followed = self._named_in_one(focus, hits)  # 「智慧大脑的小程序叫什么」: the article naming it
        topic = followed or self.select.articles_of(hits[:1])
        if self.awards.wants_estimate(
            q, reading, state, topic, other_focus=other_focus(focus), confirms=focus.confirms
        ):
            return self.awards.answer(q, reading, state, topic, asks_figure=asks_money(focus))
        in_scope = bool(followed) or self.select.in_scope(q, hits)
        if not in_scope:
            # A weak follow-up (「那反过来，出境投资呢？」) still belongs to the previous turn's topic.
            # So does a question asking only a detail (「具体是哪几家银行？给个名单」) with no subject of its own.
            previous = self.select.previous(state)
            if previous and (CONTINUATION.search(q.text) or len(q.text) <= 16 or focus.attributes):
                followed, in_scope = previous, True
        if focus.attributes and not in_scope:
            # 「大湾区科技创新服务中心的地址」: a thing the text names, asked for what it does not say.
            named = [t.name for t in self.mentions.named.find(q.text) if not t.external and t.kind != "地名"]
            mentioned = self.mentions.find(named) if named else []
            if not mentioned:
                return declines.not_in_text_anywhere(focus.attributes)
            followed, in_scope = [mentioned[0].article], True
        if not in_scope:
            return declines.out_of_scope("这个问题不在本知识库的范围内。")
        chosen = self.select.choose(q, hits)
        subject = followed[0] if followed else (chosen[0][0] if chosen else None)
        checked = self.outcome.attributes(q, focus, reading, subject) if subject else ()
        if isinstance(checked, Answer):
            return checked
        if focus.confirms and subject is not None:
            premise = check_premise(q.text, subject)
            if premise is not None:
                return premise
        if followed:
            return _noted(lookups.about_articles(self.knowledge, q, followed), checked)
        if not chosen:
            return lookups.document_answer(self.knowledge, q, hits)
        return _noted(lookups.policy_answer(self.knowledge, q, chosen), checked)

    def _names_own_thing(self, text: str) -> bool:
        """Whether ``text`` names one of the policy's own things (a fund, a platform, a programme)."""
        return any(not t.external and t.kind not in ("地名", "机构") for t in self.mentions.named.find(text))

    def _named_in_one(self, focus: Focus, hits: list[ArticleHit]) -> list[Article]:
        """The one article naming the policy's things the question names, if exactly one does.

        A detail asked of a named thing (its mini-program, its site) is asked of the article that
        names it, whatever other words of the question retrieval weighs (「注册」 of 基金注册).
        """
        names = [t.name for t in focus.names if not t.external and t.kind != "地名"]
        articles = {m.article.number: m.article for m in self.mentions.find(names)} if names else {}
        if len(articles) == 1:
            return list(articles.values())
        # 「pledging their own patents or trademarks」: 质押 and 知识产权 are each named in several
        # articles, both together in one; that one is what the question names.
        each = [{m.article.number for m in self.mentions.find([n])} for n in names]
        together = set.intersection(*each) if len(each) >= 2 else set()
        if len(together) > 1:
            # Several name both: the one retrieval ranks first among them (「…get a subsidy」 of 第十二条).
            ranked = [a.number for a in self.select.articles_of(hits) if a.number in together]
            together = set(ranked[:1])
        return [articles[n] for n in together] if len(together) == 1 else []
