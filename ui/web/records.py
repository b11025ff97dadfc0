"""What the chat asks of the server's records: transcripts to reopen, message ids, feedback.

The page never opens a database itself: it is handed an object with these methods, which
:class:`assistant.storage.SqlSessionStore` has (``ui.web.mount_service_page`` passes the app's
store). Without one the chat still answers, but conversations cannot be reopened and ratings
are not kept.

Example:
    >>> from assistant.storage import SqlSessionStore, create_engine_for_url
    >>> isinstance(SqlSessionStore(create_engine_for_url("sqlite://")), ChatRecords)
    True
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from assistant.storage.records import SavedExchange, SessionHistory

__all__ = ["ChatRecords"]


@runtime_checkable
class ChatRecords(Protocol):
    """The session store as the chat tab sees it."""

    def history(self, session_id: str) -> SessionHistory | None:
        """The session's messages, oldest first (None when the server no longer has it)."""
        ...

    def take_last_exchange(self) -> SavedExchange | None:
        """The message ids the calling thread's latest answer was stored under, cleared once read."""
        ...

    def add_feedback(
        self, session_id: str, rating: int, comment: str | None = None, message_id: int | None = None
    ) -> int:
        """Store a 👍 (1) or 👎 (-1) on one message of a session; the feedback's id."""
        ...

    def comment_feedback(self, feedback_id: int, comment: str | None) -> None:
        """Attach the optional comment to a rating already stored."""
        ...

    def withdraw_feedback(self, feedback_id: int) -> None:
        """Forget a rating the user took back."""
        ...
