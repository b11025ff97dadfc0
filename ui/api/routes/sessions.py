"""``POST /api/feedback`` and ``GET /api/sessions/{id}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from ui.api.deps import StoreDep
from ui.api.errors import BODY_ERRORS, ApiError, error_responses
from ui.api.fields import SESSION_ID_MAX
from ui.api.models import FeedbackRequest, FeedbackResponse, MessageOut, SessionHistoryOut

router = APIRouter(prefix="/api", tags=["sessions"])


@router.post("/feedback", summary="对会话或某条回答评分", responses=error_responses(*BODY_ERRORS, 404, 503))
def feedback(body: FeedbackRequest, store: StoreDep) -> FeedbackResponse:
    """Store a +1/-1 rating; 404 when the session (or the message in it) does not exist."""
    feedback_id = store.add_feedback(body.session_id, body.rating, body.comment, body.message_id)
    return FeedbackResponse(id=feedback_id)


@router.get("/sessions/{session_id}", summary="会话记录", responses=error_responses(404, 422, 503))
def session_history(session_id: Annotated[str, Path(max_length=SESSION_ID_MAX)], store: StoreDep) -> SessionHistoryOut:
    """The session's messages, oldest first; assistant messages carry their full answer."""
    history = store.history(session_id)
    if history is None:
        raise ApiError(404, f"会话不存在：{session_id}")
    return SessionHistoryOut(
        session_id=history.session_id,
        created_at=history.created_at,
        updated_at=history.updated_at,
        turns=history.state.turns,
        messages=[
            MessageOut(id=m.id, role=m.role, content=m.content, created_at=m.created_at, answer=m.answer)
            for m in history.messages
        ],
    )
