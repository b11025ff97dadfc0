"""Feedback on one chat answer: 👍/👎 first, stored against that message, then an optional comment.

A thumb click stores the rating at once (:func:`rate_answer`) and opens the comment box under the
chat; what the user writes there is added to the same stored rating (:func:`comment_rating`).
Clicking the same thumb again takes the rating back; switching thumbs replaces it. The page
keeps, per message, the id of its stored rating (``ratings``), so each message has one rating.

Example:
    >>> outcome = rate_answer(store, session_id, history, 1, True, {})  # doctest: +SKIP
    >>> comment_rating(store, outcome.pending, "引用的条款很准")  # doctest: +SKIP
    '已收到您的意见，谢谢！'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.storage.errors import (
    StorageUnavailableError,
    UnknownFeedbackError,
    UnknownMessageError,
    UnknownSessionError,
)
from ui.web.chat import Message
from ui.web.records import ChatRecords

MAX_COMMENT_CHARS = 500


@dataclass(frozen=True)
class RatingOutcome:
    """What the page shows after a thumb click."""

    status: str
    ratings: dict[str, int] = field(default_factory=dict)
    pending: int | None = None
    """The stored rating a comment would be added to; None closes the comment box."""


def feedback_rating(liked: object) -> int | None:
    """Gradio's like value as a rating: 1 for 👍, -1 for 👎, None for anything else (a thumb unclicked)."""
    if liked is True or (isinstance(liked, str) and liked.lower() == "like"):
        return 1
    if liked is False or (isinstance(liked, str) and liked.lower() == "dislike"):
        return -1
    return None


def message_id_of(history: list[Message], index: int) -> int | None:
    """The stored id of the answer at ``index`` of the chat (its ``metadata["id"]``), if it has one."""
    if not 0 <= index < len(history):
        return None
    value = (history[index].get("metadata") or {}).get("id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def rate_answer(
    records: ChatRecords | None,
    session_id: str | None,
    history: list[Message],
    index: int,
    liked: object,
    ratings: dict[str, int] | None,
) -> RatingOutcome:
    """Store (or take back) a 👍/👎 on the answer at ``index``.

    Args:
        records: The server's store (None: nothing is kept).
        session_id: The conversation's session id.
        history: The chat, as Gradio hands it back.
        index: ``gr.LikeData.index``.
        liked: ``gr.LikeData.liked``.
        ratings: Message key → id of its stored rating, so far.

    Returns:
        The status line, the updated ratings and the rating a comment would go to.
    """
    ratings = dict(ratings or {})
    rating = feedback_rating(liked)
    message_id = message_id_of(history, index)
    key = str(message_id) if message_id is not None else f"at-{index}"
    if not session_id:
        return RatingOutcome("请先提问，再对回答评价。", ratings)
    if records is None:
        return RatingOutcome("感谢反馈。" if rating is not None else "已取消评价。", ratings)
    try:
        previous = ratings.pop(key, None)
        if previous is not None:
            records.withdraw_feedback(previous)
        if rating is None:
            return RatingOutcome("已撤回对这条回答的评价。", ratings)
        feedback_id = records.add_feedback(session_id, rating, None, message_id)
    except (UnknownSessionError, UnknownMessageError):
        return RatingOutcome("这段对话已不在服务器上，评价未能保存。", ratings)
    except StorageUnavailableError:
        return RatingOutcome("数据库暂不可用，评价未能保存，请稍后再试。", ratings)
    ratings[key] = feedback_id
    thanks = "感谢反馈，已记录您的好评。" if rating > 0 else "感谢反馈，已记录，我们会改进。"
    return RatingOutcome(thanks + "愿意的话，可以在下方补充原因。", ratings, feedback_id)


def comment_rating(records: ChatRecords | None, pending: int | None, comment: str | None) -> str:
    """Add the optional comment to the rating just given; the status line to show."""
    text = (comment or "").strip()[:MAX_COMMENT_CHARS]
    if pending is None or records is None:
        return "请先点赞或点踩，再补充意见。"
    if not text:
        return "意见为空，未提交。"
    try:
        records.comment_feedback(pending, text)
    except UnknownFeedbackError:
        return "这条评价已撤回，意见未能保存。"
    except StorageUnavailableError:
        return "数据库暂不可用，意见未能保存，请稍后再试。"
    return "已收到您的意见，谢谢！"
