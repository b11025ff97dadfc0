"""The consultation desk: match a draft's profile, build the record, keep it, find it again.

One object the surfaces (API, web page, CLI) ask, so they all produce the same record. The
profile a chat has gathered joins in when the draft names its session: what the officers typed
wins, facts only the conversation gave are kept.

Example:
    >>> desk = ConsultationDesk(knowledge, MemoryConsultationStore())  # doctest: +SKIP
    >>> record = desk.create(ConsultationDraft(enterprise="某律所", profile={"kind": "律所"}))  # doctest: +SKIP
    >>> record.articles  # doctest: +SKIP
    [25, 16]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.consultation.build import build_record
from assistant.consultation.case import profile_from_conversation
from assistant.consultation.enrich import enrich_profile
from assistant.consultation.matching import MatchResult, match_profile
from assistant.consultation.profile import EnterpriseProfile, merge_profiles
from assistant.consultation.record import ConsultationDraft, ConsultationRecord
from assistant.consultation.store import ConsultationPage, ConsultationStore

if TYPE_CHECKING:
    from assistant.retrieve.knowledge import Knowledge
    from assistant.session import SessionStore

__all__ = ["ConsultationDesk"]


class ConsultationDesk:
    """Builds, keeps and finds consultation records over one knowledge base."""

    def __init__(
        self,
        knowledge: Knowledge | Callable[[], Knowledge],
        store: ConsultationStore,
        sessions: SessionStore | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        # A callable follows the index a server serves now (it switches builds in place).
        self._knowledge = knowledge
        self.store = store
        self.sessions = sessions
        self._today = today

    @property
    def knowledge(self) -> Knowledge:
        """The knowledge base records are matched against."""
        return self._knowledge() if callable(self._knowledge) else self._knowledge

    def session_profile(self, session_id: str) -> EnterpriseProfile | None:
        """The profile a chat session has gathered, or None when the session is unknown."""
        state = self.sessions.load(session_id) if self.sessions is not None else None
        if state is None:
            return None
        return profile_from_conversation(state.facts, state.statements, this_year=self._today().year)

    def profile_for(self, draft: ConsultationDraft) -> EnterpriseProfile:
        """The draft's profile, enriched from its free text and laid over its chat session's profile."""
        this_year = (draft.date or self._today()).year
        # The financing sentence is read with the description: together they tell one investment.
        described = draft.profile.model_copy(update={"free_text": draft.described})
        profile = enrich_profile(described, this_year=this_year)
        if draft.session_id:
            chatted = self.session_profile(draft.session_id)
            if chatted is not None:
                profile = merge_profiles(chatted, profile)
        if profile.name is None:
            profile = profile.model_copy(update={"name": draft.enterprise})
        return profile

    def match(self, profile: EnterpriseProfile, *, enrich: bool = True) -> MatchResult:
        """The articles that apply to a profile; ``enrich=False`` for one :meth:`profile_for` has read already."""
        return match_profile(profile, self.knowledge, this_year=self._today().year, enrich=enrich)

    def preview(self, draft: ConsultationDraft) -> ConsultationRecord:
        """The record the draft would make, not saved."""
        profile = self.profile_for(draft)
        return build_record(draft, self.match(profile), self.knowledge.articles, today=self._today(), profile=profile)

    def create(self, draft: ConsultationDraft) -> ConsultationRecord:
        """Build the record and save it; returns it with its id."""
        return self.store.add(self.preview(draft))

    def get(self, record_id: str) -> ConsultationRecord:
        """A saved record (raises ``UnknownConsultationError`` when there is none)."""
        return self.store.get(record_id)

    def search(self, query: str | None = None, *, limit: int = 20, offset: int = 0) -> ConsultationPage:
        """Past consultations containing every word of ``query``, newest first."""
        return self.store.search(query, limit=limit, offset=offset)
