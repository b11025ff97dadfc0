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
import random
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Protocol

from langchain_core.runnables import Runnable

from assistant.answer.answerer import GroundedAnswerer, Turn, TurnResult
from assistant.answer.guard import GroundingError, check_answer
from assistant.retrieve.hybrid import HybridSearch, Mode
from assistant.retrieve.knowledge import Knowledge
from assistant.retrieve.live import LiveKnowledge
from assistant.schemas import Answer, SearchHit
from assistant.session import (
    MemorySessionStore,
    SessionConflictError,
    SessionLocks,
    SessionState,
    SessionStore,
    new_session_id,
)
from assistant.settings import Settings
from ingest.embeddings import CachedEmbedder, build_embedder

log = logging.getLogger(__name__)


# A turn that loses the race with another replica's turn of its session is answered again.
MAX_TURN_ATTEMPTS = 8
CONFLICT_BACKOFF_S = 0.05


class MessageError(ValueError):
    """The user's message cannot be answered as sent (empty, too long)."""


class SessionBusyError(RuntimeError):
    """A session's turns kept colliding across replicas: the turn was not saved (retry later, HTTP 409)."""


@dataclass
class ChatReply:
    """An answer together with the session it belongs to."""

    answer: Answer
    session_id: str
    state: SessionState
    # The answer a retry of the same request got back from the store, not answered again.
    replayed: bool = False


@dataclass
class Engines:
    """What answers over one index build; a request uses one ``Engines`` from start to end."""

    knowledge: Knowledge
    answerer: Runnable[Turn, TurnResult]
    fallback: GroundedAnswerer | None = None
    search: HybridSearch = field(init=False)
    corpus_texts: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.search = HybridSearch(self.knowledge)
        self.corpus_texts = [r.text for d in self.knowledge.index.documents for r in d.records] + [
            c.content for c in self.knowledge.index.chunks
        ]


class EngineSource(Protocol):
    """Where the assistant gets its engines: fixed, or following the live index (``LiveKnowledge``)."""

    def current(self) -> Engines:
        """The engines of the current build, for reads that touch no index files."""
        ...

    def using(self) -> AbstractContextManager[Engines]:
        """The engines of the current build, kept on disk until the block ends."""
        ...


@dataclass(frozen=True)
class FixedEngines:
    """One build for the assistant's whole life (tests, evaluation runs)."""

    engines: Engines

    def current(self) -> Engines:
        """The one build's engines."""
        return self.engines

    def using(self) -> AbstractContextManager[Engines]:
        """The one build's engines."""
        return nullcontext(self.engines)


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
        self._setup(FixedEngines(Engines(knowledge, answerer, fallback)), sessions, max_message_chars)

    @classmethod
    def following(
        cls, source: EngineSource, sessions: SessionStore | None = None, max_message_chars: int = 2000
    ) -> PolicyAssistant:
        """An assistant whose engines come from ``source`` on every request (a server following ingest)."""
        assistant = cls.__new__(cls)
        assistant._setup(source, sessions, max_message_chars)
        return assistant

    def _setup(self, source: EngineSource, sessions: SessionStore | None, max_message_chars: int) -> None:
        self.engines = source
        self.sessions = sessions or MemorySessionStore()
        self.max_message_chars = max_message_chars
        self._turn_locks = SessionLocks()

    @property
    def knowledge(self) -> Knowledge:
        """The knowledge base of the build served now."""
        return self.engines.current().knowledge

    @property
    def _corpus_texts(self) -> list[str]:
        return self.engines.current().corpus_texts

    def chat(self, message: str, session_id: str | None = None, request_id: str | None = None) -> ChatReply:
        """Answer ``message`` in a session (a new one when ``session_id`` is None or unknown).

        A ``request_id`` already answered in the session with the same message gets that answer
        back (a proxy's retry after the first replica stored the turn); nothing is stored again.
        """
        text = (message or "").strip()
        if not text:
            raise MessageError("消息不能为空。")
        if len(text) > self.max_message_chars:
            raise MessageError(f"消息过长：最多 {self.max_message_chars} 个字符，收到 {len(text)} 个。")
        session_id = session_id or new_session_id()
        # Turns of one session queue here; across processes the versioned save catches the rest.
        with self._turn_locks.hold(session_id):
            for attempt in range(MAX_TURN_ATTEMPTS):
                stored, version = self.sessions.load_versioned(session_id)
                # Checked on every attempt: the turn that won the race may be this request's own.
                replayed = self.sessions.replay(session_id, request_id, text) if request_id and stored else None
                if stored is not None and replayed is not None:
                    return ChatReply(answer=replayed, session_id=session_id, state=stored, replayed=True)
                with self.engines.using() as engines:
                    result = self._answer(engines, Turn(text, stored or SessionState()))
                try:
                    self.sessions.save(
                        session_id, result.state, text, result.answer, version=version, request_id=request_id
                    )
                except SessionConflictError:
                    log.info("session %s changed under turn attempt %d; answering again", session_id, attempt + 1)
                    time.sleep(random.uniform(0, CONFLICT_BACKOFF_S))
                    continue
                return ChatReply(answer=result.answer, session_id=session_id, state=result.state)
        raise SessionBusyError(f"会话 {session_id} 同时收到的消息太多，本条未能保存，请稍后重发。")

    def chat_issued(self, message: str, session_id: str | None = None, request_id: str | None = None) -> ChatReply:
        """As :meth:`chat`, for an id that came from a client: only a session the server issued continues.

        Any other id (made up, mistyped, purged) starts a new session under a fresh id, which the
        reply names; a client can never choose the id of a session, nor plant one for another.
        """
        issued = session_id if session_id and self.sessions.load(session_id) is not None else None
        return self.chat(message, issued, request_id)

    def ask(self, message: str, session_id: str | None = None) -> Answer:
        """Answer ``message``; the shape every surface returns."""
        return self.chat(message, session_id).answer

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid") -> list[SearchHit]:
        """Ranked chunks, article-grouped (best article first)."""
        hits: list[SearchHit] = []
        with self.engines.using() as engines:
            found = engines.search.articles(query, k=k, mode=mode)
        for article_hit in found:
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

    @staticmethod
    def _answer(engines: Engines, turn: Turn) -> TurnResult:
        result = engines.answerer.invoke(turn)
        try:
            check_answer(result.answer, engines.corpus_texts)
            if engines.fallback is not None and not result.answer.citations and not result.answer.refused:
                raise GroundingError("LLM 回答没有引用条款")
            return result
        except GroundingError as exc:
            if engines.fallback is None:
                raise
            log.warning("answer failed the grounding check, using the grounded answerer: %s", exc)
            return engines.fallback.invoke(turn)


def engines_for(settings: Settings) -> Callable[[Knowledge], Engines]:
    """How the settings build engines over one build: grounded by default, the LLM agent when configured."""

    def make(knowledge: Knowledge) -> Engines:
        grounded = GroundedAnswerer(knowledge, HybridSearch(knowledge))
        if not settings.llm_enabled:
            return Engines(knowledge, grounded)
        from assistant.answer.llm_agent import LlmAnswerer, chat_model_from_settings

        agent = LlmAnswerer(chat_model_from_settings(settings), knowledge, HybridSearch(knowledge))
        return Engines(knowledge, agent, fallback=grounded)

    return make


def build_assistant(settings: Settings, sessions: SessionStore | None = None) -> PolicyAssistant:
    """The assistant the settings describe, following the live index as ingest replaces it."""
    config = settings.index_config()
    live = LiveKnowledge(
        config,
        CachedEmbedder(build_embedder(config.embedding)),
        engines_for(settings),
        check_interval_s=settings.index_check_interval_s,
    )
    return PolicyAssistant.following(live, sessions, max_message_chars=settings.max_message_chars)
