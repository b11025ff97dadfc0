"""The assistant as the surfaces see it: ``ask`` with sessions, ``search``, ``calculate``.

Every answer passes the grounding guard before it leaves; the optional LLM answerer falls
back to the grounded one when its answer has no citations or an ungrounded figure.

Example:
    >>> assistant = build_assistant(Settings(data_dir="data"))  # doctest: +SKIP
    >>> assistant.ask("第十四条主要讲什么？").citations[0].article  # doctest: +SKIP
    14
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from langchain_core.runnables import Runnable

from assistant.answer.answerer import GroundedAnswerer, Turn, TurnResult
from assistant.answer.guard import GroundingError, check_answer
from assistant.retrieve.hybrid import HybridSearch, Mode
from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer, SearchHit
from assistant.session import MemorySessionStore, SessionState, SessionStore, new_session_id
from assistant.settings import Settings

log = logging.getLogger(__name__)


class MessageError(ValueError):
    """The user's message cannot be answered as sent (empty, too long)."""


@dataclass
class ChatReply:
    """An answer together with the session it belongs to."""

    answer: Answer
    session_id: str
    state: SessionState


class PolicyAssistant:
    """Answers questions about the policy, remembering each session's facts."""

    def __init__(
        self,
        knowledge: Knowledge,
        answerer: Runnable[Turn, TurnResult],
        sessions: SessionStore | None = None,
        fallback: GroundedAnswerer | None = None,
        max_message_chars: int = 2000,
    ) -> None:
        self.knowledge = knowledge
        self.answerer = answerer
        self.fallback = fallback
        self.sessions = sessions or MemorySessionStore()
        self.max_message_chars = max_message_chars
        self.search_engine = HybridSearch(knowledge)
        self._corpus_texts = [r.text for d in knowledge.index.documents for r in d.records] + [
            c.content for c in knowledge.index.chunks
        ]

    def chat(self, message: str, session_id: str | None = None) -> ChatReply:
        """Answer ``message`` in a session (a new one when ``session_id`` is None or unknown)."""
        text = (message or "").strip()
        if not text:
            raise MessageError("消息不能为空。")
        if len(text) > self.max_message_chars:
            raise MessageError(f"消息过长：最多 {self.max_message_chars} 个字符，收到 {len(text)} 个。")
        session_id = session_id or new_session_id()
        state = self.sessions.load(session_id) or SessionState()
        result = self._answer(Turn(text, state))
        self.sessions.save(session_id, result.state, text, result.answer)
        return ChatReply(answer=result.answer, session_id=session_id, state=result.state)

    def ask(self, message: str, session_id: str | None = None) -> Answer:
        """Answer ``message``; the shape every surface returns."""
        return self.chat(message, session_id).answer

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid") -> list[SearchHit]:
        """Ranked chunks, article-grouped (best article first)."""
        hits: list[SearchHit] = []
        for article_hit in self.search_engine.articles(query, k=k, mode=mode):
            for scored in article_hit.chunks:
                chunk = scored.chunk
                hits.append(
                    SearchHit(
                        chunk_id=chunk.id,
                        article=chunk.article if chunk.kind == "article" and chunk.document.startswith("gz-") else None,
                        document=chunk.document,
                        title=chunk.title,
                        content=chunk.content,
                        score=round(scored.score, 6),
                        units=list(chunk.units),
                    )
                )
        return hits[:k]

    def _answer(self, turn: Turn) -> TurnResult:
        result = self.answerer.invoke(turn)
        try:
            check_answer(result.answer, self._corpus_texts)
            if self.fallback is not None and not result.answer.citations and not result.answer.refused:
                raise GroundingError("LLM 回答没有引用条款")
            return result
        except GroundingError as exc:
            if self.fallback is None:
                raise
            log.warning("answer failed the grounding check, using the grounded answerer: %s", exc)
            return self.fallback.invoke(turn)


def build_assistant(settings: Settings, sessions: SessionStore | None = None) -> PolicyAssistant:
    """The assistant the settings describe: grounded by default, LLM agent when configured."""
    knowledge = Knowledge.load(settings.index_config())
    grounded = GroundedAnswerer(knowledge, HybridSearch(knowledge))
    if settings.llm_enabled:
        from assistant.answer.llm_agent import LlmAnswerer, chat_model_from_settings

        agent = LlmAnswerer(chat_model_from_settings(settings), knowledge, HybridSearch(knowledge))
        return PolicyAssistant(
            knowledge, agent, sessions, fallback=grounded, max_message_chars=settings.max_message_chars
        )
    return PolicyAssistant(knowledge, grounded, sessions, max_message_chars=settings.max_message_chars)
