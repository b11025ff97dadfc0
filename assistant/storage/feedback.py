"""Ratings of answers and the anonymised query log: the part of the session store users never read back."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence

from sqlalchemy import func, select

from assistant.storage.base import SqlStore
from assistant.storage.errors import UnknownFeedbackError, UnknownMessageError, UnknownSessionError
from assistant.storage.tables import FeedbackRow, MessageRow, QueryLogRow, SessionRow


def question_hash(question: str) -> str:
    """The anonymised key of a question: SHA-256 of its NFKC-normalised, whitespace-collapsed text.

    Args:
        question: The user's question.

    Returns:
        64 hex digits; equal questions (up to width and spacing) share a hash.
    """
    normalised = " ".join(unicodedata.normalize("NFKC", question).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class FeedbackAndQueryLog(SqlStore):
    """Feedback on sessions and messages, and one log row per answered question (its hash only)."""

    def add_feedback(
        self, session_id: str, rating: int, comment: str | None = None, message_id: int | None = None
    ) -> int:
        """Record a rating of a session or of one of its messages.

        Args:
            session_id: The session rated.
            rating: +1 (helpful) or -1 (not helpful).
            comment: Optional free text.
            message_id: Optional id of the rated message; it must belong to the session.

        Returns:
            The id of the feedback row.

        Raises:
            ValueError: ``rating`` is neither 1 nor -1.
            UnknownSessionError: The session does not exist.
            UnknownMessageError: The message does not exist in that session.
        """
        if rating not in (1, -1):
            raise ValueError(f"评分只能是 1 或 -1，收到：{rating}")
        with self._writing() as session:
            if session.get(SessionRow, session_id) is None:
                raise UnknownSessionError(f"会话不存在：{session_id}")
            if message_id is not None:
                message = session.get(MessageRow, message_id)
                if message is None or message.session_id != session_id:
                    raise UnknownMessageError(f"会话 {session_id} 中没有编号为 {message_id} 的消息")
            row = FeedbackRow(session_id=session_id, message_id=message_id, rating=rating, comment=comment)
            session.add(row)
            session.flush()
            return row.id

    def comment_feedback(self, feedback_id: int, comment: str | None) -> None:
        """Set the comment of a rating already given (the page asks for it after the 👍/👎).

        Args:
            feedback_id: The id :meth:`add_feedback` returned.
            comment: The free text; None or blank removes it.

        Raises:
            UnknownFeedbackError: No feedback has that id.
        """
        with self._writing() as session:
            row = session.get(FeedbackRow, feedback_id)
            if row is None:
                raise UnknownFeedbackError(f"没有编号为 {feedback_id} 的评价")
            row.comment = (comment or "").strip() or None

    def withdraw_feedback(self, feedback_id: int) -> None:
        """Delete a rating the user took back (clicked the same thumb again); unknown ids are ignored."""
        with self._writing() as session:
            row = session.get(FeedbackRow, feedback_id)
            if row is not None:
                session.delete(row)

    def log_query(
        self,
        question: str,
        *,
        intent: str,
        refused: bool,
        latency_ms: float,
        cited_articles: Sequence[int] = (),
    ) -> int:
        """Log one answered question without its text (only :func:`question_hash`).

        Args:
            question: The question; only its hash is stored.
            intent: The answer's intent, e.g. ``"award_calculation"``.
            refused: Whether the assistant declined.
            latency_ms: Time to answer, in milliseconds.
            cited_articles: The article numbers the answer cited.

        Returns:
            The id of the log row.
        """
        row = QueryLogRow(
            question_hash=question_hash(question),
            intent=intent,
            refused=refused,
            latency_ms=round(float(latency_ms), 3),
            cited_articles=[int(n) for n in cited_articles],
        )
        with self._writing() as session:
            session.add(row)
            session.flush()
            return row.id

    def count_queries(self) -> int:
        """How many questions the log holds."""
        with self._reading() as session:
            return int(session.scalar(select(func.count()).select_from(QueryLogRow)) or 0)
